import { SEVERITIES } from '../../../shared/common/config';
import { priorityDefaults } from '../lib/table-problems';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import { Datalist, labelled, offeredOrStored, SelectField, TextField } from './fields';
import { MappingTable } from './MappingTable';

/** With SDP's priorities loaded, a priority is picked from them; a stored name SDP lacks stays selectable, flagged. */
const priorityOptionsOf = (priorities: readonly string[] | null) =>
  offeredOrStored(priorities && priorities.map((p) => ({ value: p, label: p })), 'pickPriority');

/** Critical, Warning and Info mapped to SDP's priorities by rank, ahead of the rows for other values. */
function FillDefaultsButton({ priorities }: { priorities: readonly string[] | null }) {
  const api = useEditor();
  const defaults = priorities === null ? null : priorityDefaults(priorities);
  if (api.form.severitySourceKind !== 'severity' || defaults === null) return null;
  const fill = (): void =>
    api.change((f) => ({
      ...f,
      toPriority: [
        ...SEVERITIES.map((s) => ({ value: s, priority: defaults[s] })),
        ...f.toPriority.filter((r) => !SEVERITIES.some((s) => s.toLowerCase() === r.value.trim().toLowerCase())),
      ],
    }));
  return (
    <button
      type="button"
      className="secondary"
      onClick={fill}
      title={t('fillPriorityDefaultsHint')}
      data-testid="fill-priority-defaults"
    >
      {t('fillPriorityDefaults')}
    </button>
  );
}

function ToPriorityTable({ priorities }: { priorities: readonly string[] | null }) {
  const api = useEditor();
  return (
    <MappingTable
      field="toPriority"
      name={t('toPriorityTable')}
      caption
      columns={[
        { key: 'value', header: 'sourceValue', label: 'sourceValueN', list: 'severity-values' },
        {
          key: 'priority',
          header: 'sdpPriority',
          label: 'sdpPriorityN',
          list: 'sdp-priorities',
          options: priorityOptionsOf(priorities),
          errors: (_, i) => errorsOf(api, `toPriority[${i}]`),
        },
      ]}
      blank={{ value: '', priority: '' }}
      note={
        <>
          {api.form.toPriority.length === 0 ? <p className="muted small">{t('toPriorityEmpty')}</p> : null}
          {priorities === null ? (
            <p className="warn-text small" data-testid="priority-unchecked">
              {t('priorityUnchecked')}
            </p>
          ) : null}
        </>
      }
      actions={<FillDefaultsButton priorities={priorities} />}
    />
  );
}

function ToSeverityTable({ priorities }: { priorities: readonly string[] | null }) {
  const api = useEditor();
  return (
    <MappingTable
      field="toSeverity"
      name={t('toSeverityTable')}
      caption
      columns={[
        {
          key: 'priority',
          header: 'sdpPriority',
          label: 'sdpPriorityN',
          list: 'sdp-priorities',
          options: priorityOptionsOf(priorities),
          errors: (_, i) => errorsOf(api, `toSeverity[${i}]`),
        },
        {
          key: 'severity',
          header: 'fdSeverity',
          label: 'fdSeverityN',
          options: SEVERITIES.map((s) => ({ value: s, label: t(`severity_${s}`) })),
        },
      ]}
      blank={{ priority: '', severity: 'Warning' }}
    />
  );
}

/** Severity ↔ priority: where the Flashduty value comes from, and both tables. */
export function SeverityTables({ priorities }: { priorities: readonly string[] | null }) {
  const { form } = useEditor();
  return (
    <>
      <div className="field-grid">
        <SelectField
          name="severitySourceKind"
          label="severitySource"
          options={labelled({ severity: 'sourceSeverity', label: 'sourceLabel', custom_field: 'sourceCustomField' })}
        />
        {form.severitySourceKind === 'severity' ? null : (
          <TextField
            name="severitySource"
            label={form.severitySourceKind === 'label' ? 'labelKey' : 'customFieldName'}
            list="fd-fields"
          />
        )}
      </div>
      <ToPriorityTable priorities={priorities} />
      <Datalist id="severity-values" values={form.severitySourceKind === 'severity' ? [...SEVERITIES] : []} />
      <ToSeverityTable priorities={priorities} />
      <Datalist id="sdp-priorities" values={priorities ?? []} />
    </>
  );
}
