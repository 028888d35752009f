import { useCallback, useState } from 'react';
import { validateIntegrationDraft, type ConfigProblem, type IntegrationConfig } from '../../../shared/common/config';
import { ContractError, type Backend } from '../../../shared/common/contract';
import { errorMessage } from '../lib/errors';
import { toDraftInput } from '../lib/form-draft';
import { SECTIONS } from '../lib/form-fields';
import { emptyForm, fromConfig, suggestedMarkerUdf, type FormModel } from '../lib/form-model';
import { countBySection, problemsFromDetails, unplaced } from '../lib/problems';
import { useQuery } from '../lib/use-query';
import { LoadPending } from '../components/LoadPending';
import { useApp, type Loadable } from '../store';
import { t } from '../i18n';
import { EditorContext, type EditorApi } from './context';
import { EditorHead } from './EditorHead';
import { EditorTabs, type Tab } from './EditorTabs';
import { GoLive } from './GoLive';
import { useDirty } from './use-dirty';
import { useEditorProblems, useRequesterCheck } from './use-editor-problems';
import { useMetadata } from './use-metadata';

/** `invalid`: the last save found problems; the banner counts the ones still left as they are fixed. */
type Saving =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'error'; message: string };

export function IntegrationEditor({ backend, editing }: { backend: Backend; editing: string }) {
  // What this editor session opened; a new integration's first save changes the route, not the session.
  const [opened] = useState(editing);
  const [fresh] = useState(emptyForm);
  const { state } = useQuery(
    opened === 'new' ? null : () => backend.invoke('integrations.get', { id: opened }).then(fromConfig),
    `integration:${opened}`,
  );
  const loaded: Loadable<FormModel> = state ?? { status: 'ready', value: fresh };

  if (loaded.status !== 'ready') return <LoadPending state={loaded} />;
  return <EditorForm backend={backend} initial={loaded.value} />;
}

/** Why the last save did not go through: the service's answer, or how many problems are left (unplaced ones listed). */
function SaveBanner({ saving, count, general }: { saving: Saving; count: number; general: readonly string[] }) {
  if (saving.kind !== 'error' && !(saving.kind === 'invalid' && count > 0)) return null;
  return (
    <div className="error-box" role="alert" data-testid="save-error">
      <p>{saving.kind === 'error' ? saving.message : t('fixProblems', { n: count })}</p>
      {general.length > 0 ? (
        <ul>
          {general.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A new integration keeps the incident ID in SDP's "Flashduty incident" text field when there is one
 * (decided once, when SDP's fields first arrive; React's adjust-state-while-rendering pattern).
 */
function useMarkerSuggestion(
  initial: FormModel,
  form: FormModel,
  setForm: (form: FormModel) => void,
  sdpMeta: EditorApi['sdpMeta'],
): void {
  const [suggested, setSuggested] = useState(initial.id !== null);
  if (!suggested && sdpMeta?.status === 'ready') {
    setSuggested(true);
    const key = suggestedMarkerUdf(sdpMeta.value.udfs);
    if (key !== null && form.incidentIdMarkerKind === 'description')
      setForm({ ...form, incidentIdMarkerKind: 'udf', incidentIdMarkerUdf: key });
  }
}

/** The form, what is stored, and the step from one to the other. */
function useStoredForm(initial: FormModel) {
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [savedId, setSavedId] = useState(initial.id);
  const [savedVersion, setSavedVersion] = useState(0);
  const loadIntegrations = useApp((s) => s.loadIntegrations);
  /** What the store now holds becomes the form and its baseline; views derived from it reload. */
  const adopt = useCallback(
    (config: IntegrationConfig): void => {
      const next = fromConfig(config);
      setForm(next);
      setBaseline(next);
      setSavedId(config.id);
      setSavedVersion((v) => v + 1);
      void loadIntegrations();
    },
    [loadIntegrations],
  );
  return { form, setForm, baseline, savedId, savedVersion, adopt };
}

/**
 * Saving: the schema and the tables first (problems open the first section that has one), then the
 * requester against SDP, then the store, whose own problems are placed like the form's.
 */
function useSave(
  backend: Backend,
  stored: ReturnType<typeof useStoredForm>,
  sdpMeta: EditorApi['sdpMeta'],
  onProblemsIn: (tab: Tab) => void,
) {
  const { form, savedId, adopt } = stored;
  const [found, setFound] = useState<ConfigProblem[]>([]);
  const [validated, setValidated] = useState(false);
  const [saving, setSaving] = useState<Saving>({ kind: 'idle' });
  const requester = useRequesterCheck(backend, form.requester, savedId, sdpMeta);
  const { placed, tableIssues, place } = useEditorProblems(form, found, validated, sdpMeta, requester.problems);

  const save = useCallback(async (): Promise<string | null> => {
    setValidated(true);
    const check = validateIntegrationDraft(toDraftInput(form));
    if (!check.ok || tableIssues.length > 0) {
      const problems = check.ok ? [] : check.problems;
      const counts = countBySection(place(problems));
      setFound(problems);
      const first = SECTIONS.find((s) => counts[s] > 0);
      if (first) onProblemsIn(first);
      setSaving({ kind: 'invalid' });
      return null;
    }
    setSaving({ kind: 'busy' });
    if (!(await requester.known())) {
      onProblemsIn('ticket');
      setSaving({ kind: 'invalid' });
      return null;
    }
    try {
      const config = await backend.invoke('integrations.save', { config: check.config });
      adopt(config);
      setFound([]);
      setValidated(false);
      setSaving({ kind: 'saved' });
      useApp.getState().setDirty(false);
      useApp.getState().replaceRoute({ page: 'integrations', editing: config.id });
      return config.id;
    } catch (e) {
      const serverProblems = e instanceof ContractError ? problemsFromDetails(e.details) : [];
      setFound(serverProblems);
      setValidated(false);
      // Problems the server found are shown by their fields, in the UI's language, like the form's own.
      setSaving(serverProblems.length > 0 ? { kind: 'invalid' } : { kind: 'error', message: errorMessage(e) });
      return null;
    }
  }, [adopt, backend, form, onProblemsIn, place, requester, tableIssues]);
  return { placed, saving, setSaving, save };
}

function EditorForm({ backend, initial }: { backend: Backend; initial: FormModel }) {
  const stored = useStoredForm(initial);
  const { form, setForm, savedId, adopt } = stored;
  const [tab, setTab] = useState<Tab>('connection');
  const [liveNotice, setLiveNotice] = useState(false);
  const { sdpMeta, fdMeta, reload } = useMetadata(backend, savedId);
  useMarkerSuggestion(initial, form, setForm, sdpMeta);
  const dirty = useDirty(form, stored.baseline);
  const { placed, saving, setSaving, save } = useSave(backend, stored, sdpMeta, setTab);

  const api: EditorApi = {
    backend,
    form,
    savedId,
    savedVersion: stored.savedVersion,
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
    adopt(config);
    setSaving({ kind: 'idle' });
    setLiveNotice(true);
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
        <EditorHead
          backend={backend}
          name={form.name}
          savedId={savedId}
          dirty={dirty}
          saved={saving.kind === 'saved'}
          busy={saving.kind === 'busy'}
        />
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
        <SaveBanner saving={saving} count={placed.length} general={unplaced(placed)} />
        <EditorTabs tab={tab} onTab={setTab} problems={countBySection(placed)} />
      </form>
    </EditorContext.Provider>
  );
}
