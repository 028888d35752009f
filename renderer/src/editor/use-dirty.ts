import { useEffect, useMemo } from 'react';
import { validateIntegrationDraft } from '../../../shared/common/config';
import { toDraftInput } from '../lib/form-draft';
import { sameForm, type FormModel } from '../lib/form-model';
import { useApp } from '../store';

/**
 * Whether saving would change anything: the form differs from what is stored, as typed and once
 * parsed ("030" and "30", trailing spaces are the same). The app asks before navigating away, and
 * the browser before closing, while it does.
 */
export function useDirty(form: FormModel, baseline: FormModel): boolean {
  const setDirtyFlag = useApp((s) => s.setDirty);
  const dirty = useMemo(() => {
    if (sameForm(form, baseline)) return false;
    const now = validateIntegrationDraft(toDraftInput(form));
    const then = validateIntegrationDraft(toDraftInput(baseline));
    return !(now.ok && then.ok && sameForm(now.config, then.config));
  }, [form, baseline]);
  useEffect(() => {
    setDirtyFlag(dirty);
  }, [dirty, setDirtyFlag]);
  useEffect(() => () => setDirtyFlag(false), [setDirtyFlag]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return dirty;
}
