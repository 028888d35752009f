import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { validateIntegrationDraft, type ConfigProblem, type IntegrationConfig } from '../../../shared/common/config';
import { ContractError, type Backend, type SecretStateView } from '../../../shared/common/contract';
import { errorMessage } from '../lib/errors';
import { toDraftInput } from '../lib/form-draft';
import { emptyForm, fromConfig, sameForm, suggestedMarkerUdf, type FormModel } from '../lib/form-model';
import { severityTableProblems, type TableMessages } from '../lib/table-problems';
import { useQuery } from '../lib/use-query';
import { SECTIONS, type SectionId } from '../lib/form-fields';
import { countBySection, placeProblems, problemsFromDetails, unplaced } from '../lib/problems';
import { useApp, type Loadable } from '../store';
import { t } from '../i18n';
import { BasicsSection } from './BasicsSection';
import { ConnectionSection } from './ConnectionSection';
import { EditorContext, type EditorApi } from './context';
import { DryRunPanel } from './DryRunPanel';
import { GoLive } from './GoLive';
import { InboundSection } from './InboundSection';
import { StatusSection } from './StatusSection';
import { TicketSection } from './TicketSection';

type Tab = SectionId | 'dryrun';
const TABS: readonly Tab[] = [...SECTIONS, 'dryrun'];

const PANELS: Record<Tab, () => React.JSX.Element> = {
  connection: ConnectionSection,
  basics: BasicsSection,
  ticket: TicketSection,
  status: StatusSection,
  inbound: InboundSection,
  dryrun: DryRunPanel,
};

const USABLE: ReadonlySet<SecretStateView['state']> = new Set(['set', 'expiring']);

/** Which side's credentials are not all stored yet; both sides' clients are built together, so either blocks both. */
function missingSides(secrets: readonly SecretStateView[]): { sdp: boolean; flashduty: boolean } {
  const missing = (prefix: string) => secrets.some((s) => s.name.startsWith(prefix) && !USABLE.has(s.state));
  return { sdp: missing('sdp.'), flashduty: missing('flashduty.') };
}

/**
 * SDP and Flashduty metadata, asked for only once every credential is stored: without them the
 * calls could only fail, and the error would name whichever secret the server missed first.
 */
const TABLE_MESSAGES: TableMessages = {
  duplicateSource: (value) => t('duplicateSource', { value }),
  duplicatePriority: (priority) => t('duplicatePriority', { priority }),
  unknownPriority: (priority) => t('unknownPriority', { priority }),
};

function useMetadata(backend: Backend, savedId: string | null) {
  const secrets = useQuery(
    savedId ? () => backend.invoke('secrets.state', { integrationId: savedId }).then((r) => r.secrets) : null,
    `secrets:${savedId}`,
    true,
  );
  const missing = secrets.state?.status === 'ready' ? missingSides(secrets.state.value) : null;
  const canLoad = missing !== null && !missing.sdp && !missing.flashduty;
  const sdp = useQuery(
    savedId && canLoad ? () => backend.invoke('metadata.sdp', { integrationId: savedId }) : null,
    `sdp:${savedId}`,
    true,
  );
  const fd = useQuery(
    savedId && canLoad ? () => backend.invoke('metadata.flashduty', { integrationId: savedId }) : null,
    `fd:${savedId}`,
    true,
  );
  const reloadSecrets = secrets.reload;
  const reloadSdp = sdp.reload;
  const reloadFd = fd.reload;
  const reload = useCallback(() => {
    reloadSecrets();
    reloadSdp();
    reloadFd();
  }, [reloadSecrets, reloadSdp, reloadFd]);
  const blocked = (side: 'sdp' | 'flashduty'): Loadable<never> | null => {
    if (savedId === null) return null;
    if (secrets.state?.status === 'error') return secrets.state;
    if (missing === null) return { status: 'loading' };
    const other = side === 'sdp' ? 'flashduty' : 'sdp';
    if (missing[side])
      return {
        status: 'error',
        message: t('metaNeedsCredentials', { side: t(side === 'sdp' ? 'sdpName' : 'flashdutyName') }),
      };
    if (missing[other])
      return {
        status: 'error',
        message: t('metaNeedsOther', { side: t(other === 'sdp' ? 'sdpName' : 'flashdutyName') }),
      };
    return null;
  };
  return { sdpMeta: blocked('sdp') ?? sdp.state, fdMeta: blocked('flashduty') ?? fd.state, reload };
}

export function IntegrationEditor({ backend, editing }: { backend: Backend; editing: string }) {
  // What this editor session opened; a new integration's first save changes the route, not the session.
  const [opened] = useState(editing);
  const [fresh] = useState(emptyForm);
  const { state } = useQuery(
    opened === 'new' ? null : () => backend.invoke('integrations.get', { id: opened }).then(fromConfig),
    `integration:${opened}`,
  );
  const loaded: Loadable<FormModel> = state ?? { status: 'ready', value: fresh };

  if (loaded.status === 'loading')
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  if (loaded.status === 'error') {
    return (
      <div className="error-box" role="alert">
        {t('loadFailed')}: {loaded.message}
      </div>
    );
  }
  return <EditorForm backend={backend} initial={loaded.value} />;
}

function EditorForm({ backend, initial }: { backend: Backend; initial: FormModel }) {
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [savedId, setSavedId] = useState(initial.id);
  const [savedVersion, setSavedVersion] = useState(0);
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [validated, setValidated] = useState(false);
  // `invalid`: the last save found problems; the banner counts the ones still left as they are fixed.
  const [saving, setSaving] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const [tab, setTab] = useState<Tab>('connection');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [liveNotice, setLiveNotice] = useState(false);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const { sdpMeta, fdMeta, reload } = useMetadata(backend, savedId);
  const setDirtyFlag = useApp((s) => s.setDirty);
  const navigate = useApp((s) => s.navigate);
  const loadIntegrations = useApp((s) => s.loadIntegrations);

  // A new integration keeps the incident ID in SDP's "Flashduty incident" text field when there is one
  // (decided once, when SDP's fields first arrive; React's adjust-state-while-rendering pattern).
  const [markerSuggested, setMarkerSuggested] = useState(initial.id !== null);
  if (!markerSuggested && sdpMeta?.status === 'ready') {
    setMarkerSuggested(true);
    const key = suggestedMarkerUdf(sdpMeta.value.udfs);
    if (key !== null && form.incidentIdMarkerKind === 'description')
      setForm({ ...form, incidentIdMarkerKind: 'udf', incidentIdMarkerUdf: key });
  }

  // Equal as typed, or equal once parsed ("030" and "30", trailing spaces): either way nothing would change on save.
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

  // After the first save attempt, problems follow the form as the user fixes them.
  const liveProblems = useMemo(() => {
    if (!validated) return problems;
    const result = validateIntegrationDraft(toDraftInput(form));
    return result.ok ? [] : result.problems;
  }, [validated, problems, form]);
  // The tables' own problems (repeats, priorities this SDP lacks) show at once and block saving too.
  const tableIssues = useMemo(
    () =>
      severityTableProblems(
        form,
        sdpMeta?.status === 'ready' ? sdpMeta.value.priorities.map((p) => p.name) : null,
        TABLE_MESSAGES,
      ),
    [form, sdpMeta],
  );
  // A requester SDP does not know, found on the last save; it stays until the box changes.
  const [requesterIssue, setRequesterIssue] = useState<{ value: string; message: string } | null>(null);
  const requesterProblems = useMemo(
    () =>
      requesterIssue !== null && requesterIssue.value === form.requester
        ? [{ field: 'requester', section: 'ticket' as const, message: requesterIssue.message }]
        : [],
    [requesterIssue, form.requester],
  );
  // Problems carry codes: they are put into words again when the language changes.
  const language = useApp((s) => s.language);
  const placed = useMemo(
    () => [...placeProblems(liveProblems, form, language), ...tableIssues, ...requesterProblems],
    [language, liveProblems, form, tableIssues, requesterProblems],
  );
  const perSection = countBySection(placed);
  const general = unplaced(placed);

  /**
   * Free text is allowed in the requester box; on save it is checked against SDP when SDP can be
   * asked. When it cannot (no credentials yet, SDP down), the save goes ahead unchecked.
   */
  const requesterKnown = useCallback(async (): Promise<boolean> => {
    const wanted = form.requester.trim();
    if (wanted === '' || savedId === null || sdpMeta?.status !== 'ready') return true;
    try {
      const { requesters } = await backend.invoke('metadata.requesters', { integrationId: savedId, search: wanted });
      const lower = wanted.toLowerCase();
      if (requesters.some((r) => r.name.toLowerCase() === lower || (r.email ?? '').toLowerCase() === lower))
        return true;
      setRequesterIssue({ value: form.requester, message: t('unknownRequester', { requester: wanted }) });
      return false;
    } catch {
      return true;
    }
  }, [backend, form.requester, savedId, sdpMeta]);

  const save = useCallback(async (): Promise<string | null> => {
    setValidated(true);
    const check = validateIntegrationDraft(toDraftInput(form));
    if (!check.ok || tableIssues.length > 0) {
      const found = check.ok ? [] : check.problems;
      setProblems(found);
      const counts = countBySection([...placeProblems(found, form, language), ...tableIssues]);
      const first = SECTIONS.find((s) => counts[s] > 0);
      if (first) setTab(first);
      setSaving({ kind: 'invalid' });
      return null;
    }
    setSaving({ kind: 'busy' });
    if (!(await requesterKnown())) {
      setTab('ticket');
      setSaving({ kind: 'invalid' });
      return null;
    }
    try {
      const stored = await backend.invoke('integrations.save', { config: check.config });
      const next = fromConfig(stored);
      setForm(next);
      setBaseline(next);
      setProblems([]);
      setValidated(false);
      setSavedId(stored.id);
      setSavedVersion((v) => v + 1);
      setSaving({ kind: 'saved' });
      setDirtyFlag(false);
      useApp.getState().replaceRoute({ page: 'integrations', editing: stored.id });
      void loadIntegrations();
      return stored.id;
    } catch (e) {
      const serverProblems = e instanceof ContractError ? problemsFromDetails(e.details) : [];
      setProblems(serverProblems);
      setValidated(false);
      // Problems the server found are shown by their fields, in the UI's language, like the form's own.
      setSaving(serverProblems.length > 0 ? { kind: 'invalid' } : { kind: 'error', message: errorMessage(e) });
      return null;
    }
  }, [backend, form, language, loadIntegrations, setDirtyFlag, tableIssues, requesterKnown]);

  const api: EditorApi = {
    backend,
    form,
    savedId,
    savedVersion,
    dirty,
    update: (patch) => setForm((f) => ({ ...f, ...patch })),
    change: (fn) => setForm(fn),
    problems: placed,
    sdpMeta,
    fdMeta,
    reloadMeta: reload,
    ensureSaved: async () => (savedId !== null && !dirty ? savedId : save()),
    ensureId: async () => savedId ?? save(),
  };

  // Going live changes only the draft flag: other unsaved edits (there are none; GoLive needs a clean form) stay as
  // they were.
  const wentLive = (config: IntegrationConfig): void => {
    const next = fromConfig(config);
    setForm(next);
    setBaseline(next);
    setSavedVersion((v) => v + 1);
    setSaving({ kind: 'idle' });
    setLiveNotice(true);
    void loadIntegrations();
  };

  const remove = async (): Promise<void> => {
    if (!savedId) return;
    try {
      await backend.invoke('integrations.delete', { id: savedId });
      setDirtyFlag(false);
      await loadIntegrations();
      navigate({ page: 'integrations', editing: null });
    } catch (e) {
      setSaving({ kind: 'error', message: errorMessage(e) });
    }
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <EditorContext.Provider value={api}>
      <form
        className="editor"
        aria-label={t('editorTitle')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="editor-head">
          <div>
            <button
              type="button"
              className="link-button"
              onClick={() => navigate({ page: 'integrations', editing: null })}
            >
              ← {t('backToList')}
            </button>
            <h2>{form.name.trim() === '' ? t('newIntegration') : form.name}</h2>
          </div>
          <div className="inline">
            {dirty ? (
              <span className="badge warn" data-testid="unsaved">
                {t('unsaved')}
              </span>
            ) : null}
            {saving.kind === 'saved' && !dirty ? (
              <span className="ok-text" role="status">
                {t('saved')}
              </span>
            ) : null}
            {savedId ? (
              confirmDelete ? (
                <>
                  <span>{t('confirmDeleteQ')}</span>
                  <button type="button" className="danger" onClick={() => void remove()}>
                    {t('confirmDelete')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
                    {t('cancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="secondary" onClick={() => setConfirmDelete(true)}>
                  {t('delete')}
                </button>
              )
            ) : null}
            <button type="submit" disabled={saving.kind === 'busy'} data-testid="save">
              {saving.kind === 'busy' ? t('saving') : t('save')}
            </button>
          </div>
        </div>
        {form.draft ? (
          <div className="draft-bar" data-testid="draft-bar">
            <span className="badge draft">{t('state_draft')}</span>
            <span>{t('draftBadge')}</span>
            <GoLive onLive={wentLive} />
          </div>
        ) : liveNotice ? (
          <p className="ok-text" role="status" data-testid="turned-on">
            {t('turnedOn')}
          </p>
        ) : null}
        {saving.kind === 'error' || (saving.kind === 'invalid' && placed.length > 0) ? (
          <div className="error-box" role="alert" data-testid="save-error">
            <p>{saving.kind === 'error' ? saving.message : t('fixProblems', { n: placed.length })}</p>
            {general.length > 0 ? (
              <ul>
                {general.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="tabs" role="tablist" aria-label={t('editorSections')}>
          {TABS.map((id) => {
            const count = id === 'dryrun' ? 0 : perSection[id];
            return (
              <button
                key={id}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`panel-${id}`}
                tabIndex={tab === id ? 0 : -1}
                className={tab === id ? 'tab active' : 'tab'}
                ref={(el) => {
                  tabRefs.current[id] = el;
                }}
                onClick={() => setTab(id)}
                onKeyDown={onTabKey}
              >
                {id === 'dryrun' ? t('tab_dryrun') : `${SECTIONS.indexOf(id) + 1}. ${t(`tab_${id}`)}`}
                {count > 0 ? (
                  <span className="count-badge" aria-label={t('problemCount', { n: count })}>
                    {count}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
        {TABS.map((id) => {
          const Panel = PANELS[id];
          return (
            <div
              key={id}
              role="tabpanel"
              id={`panel-${id}`}
              aria-labelledby={`tab-${id}`}
              hidden={tab !== id}
              className="tab-panel"
            >
              <Panel />
            </div>
          );
        })}
      </form>
    </EditorContext.Provider>
  );
}
