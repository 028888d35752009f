import { useCallback, useMemo, useState } from 'react';
import { validateIntegrationDraft, type ConfigProblem } from '../../../shared/common/config';
import type { Backend, SdpMetadataView } from '../../../shared/common/contract';
import { toDraftInput } from '../lib/form-draft';
import type { FormModel } from '../lib/form-model';
import { placeProblems, type PlacedProblem } from '../lib/problems';
import { severityTableProblems, type TableMessages } from '../lib/table-problems';
import { useApp, type Loadable } from '../store';
import { t } from '../i18n';

const TABLE_MESSAGES: TableMessages = {
  duplicateSource: (value) => t('duplicateSource', { value }),
  duplicatePriority: (priority) => t('duplicatePriority', { priority }),
  unknownPriority: (priority) => t('unknownPriority', { priority }),
};

/**
 * Free text is allowed in the requester box; on save it is checked against SDP when SDP can be
 * asked. When it cannot (no credentials yet, SDP down), the save goes ahead unchecked. A name SDP
 * does not know stays a problem of the box until it changes.
 */
export function useRequesterCheck(
  backend: Backend,
  requester: string,
  savedId: string | null,
  sdpMeta: Loadable<SdpMetadataView> | null,
) {
  const [issue, setIssue] = useState<{ value: string; message: string } | null>(null);
  const problems = useMemo(
    (): PlacedProblem[] =>
      issue !== null && issue.value === requester
        ? [{ field: 'requester', section: 'ticket', message: issue.message }]
        : [],
    [issue, requester],
  );
  const known = useCallback(async (): Promise<boolean> => {
    const wanted = requester.trim();
    if (wanted === '' || savedId === null || sdpMeta?.status !== 'ready') return true;
    try {
      const { requesters } = await backend.invoke('metadata.requesters', { integrationId: savedId, search: wanted });
      const lower = wanted.toLowerCase();
      if (requesters.some((r) => r.name.toLowerCase() === lower || (r.email ?? '').toLowerCase() === lower))
        return true;
      setIssue({ value: requester, message: t('unknownRequester', { requester: wanted }) });
      return false;
    } catch {
      return true;
    }
  }, [backend, requester, savedId, sdpMeta]);
  return { problems, known };
}

/**
 * Every problem the editor shows, placed on its field: the schema's (after the first save attempt
 * they follow the form as it is fixed), the tables' own (repeats, priorities this SDP lacks: shown at
 * once, and they block saving too) and `extra` ones. They carry codes, so they are put into words
 * again when the language changes.
 */
export function useEditorProblems(
  form: FormModel,
  found: readonly ConfigProblem[],
  validated: boolean,
  sdpMeta: Loadable<SdpMetadataView> | null,
  extra: readonly PlacedProblem[],
) {
  const language = useApp((s) => s.language);
  const live = useMemo(() => {
    if (!validated) return found;
    const result = validateIntegrationDraft(toDraftInput(form));
    return result.ok ? [] : result.problems;
  }, [validated, found, form]);
  const tableIssues = useMemo(
    () =>
      severityTableProblems(
        form,
        sdpMeta?.status === 'ready' ? sdpMeta.value.priorities.map((p) => p.name) : null,
        TABLE_MESSAGES,
      ),
    [form, sdpMeta],
  );
  const placed = useMemo(
    () => [...placeProblems(live, form, language), ...tableIssues, ...extra],
    [language, live, form, tableIssues, extra],
  );
  /** Where the problems of a save attempt sit, before they are state. */
  const place = useCallback(
    (problems: readonly ConfigProblem[]) => [...placeProblems(problems, form, language), ...tableIssues],
    [form, language, tableIssues],
  );
  return { placed, tableIssues, place };
}
