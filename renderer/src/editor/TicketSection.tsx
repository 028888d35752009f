import { useEffect, useState } from 'react';
import { SEVERITIES, UDF_TYPES, type UdfType } from '../../../shared/common/config';
import type { SdpMetadataView } from '../../../shared/common/contract';
import { ErrorList } from '../components/Field';
import { suggestedMarkerUdf, type CustomFieldRow } from '../lib/form-model';
import { priorityDefaults } from '../lib/table-problems';
import { useQuery } from '../lib/use-query';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import { CheckField, Datalist, Group, labelled, MetaStatus, ready, SelectField, TextField } from './fields';
import { MappingTable } from './MappingTable';
import { UdfFieldsGroup } from './UdfFieldsGroup';

const NO_SDP: SdpMetadataView = {
  templates: [],
  priorities: [],
  statuses: [],
  technicians: [],
  groups: [],
  udfs: [],
  statusDefaults: { Triggered: null, Processing: null, Snoozed: null, Closed: null },
};

function SeverityTables({ priorities }: { priorities: readonly string[] | null }) {
  const api = useEditor();
  const { form } = api;
  // With SDP's priorities loaded, a priority is picked from them; a stored name SDP lacks stays selectable, flagged.
  const priorityOptions = (value: string) =>
    priorities === null
      ? undefined
      : [
          { value: '', label: t('pickPriority') },
          ...[...priorities, ...(value === '' || priorities.includes(value) ? [] : [value])].map((p) => ({
            value: p,
            label: p,
          })),
        ];
  const defaults = priorities === null ? null : priorityDefaults(priorities);
  const fillDefaults = (): void => {
    if (defaults === null) return;
    api.change((f) => ({
      ...f,
      toPriority: [
        ...SEVERITIES.map((s) => ({ value: s, priority: defaults[s] })),
        ...f.toPriority.filter((r) => !SEVERITIES.some((s) => s.toLowerCase() === r.value.trim().toLowerCase())),
      ],
    }));
  };
  const sourceValues = form.severitySourceKind === 'severity' ? [...SEVERITIES] : [];
  const severities = SEVERITIES.map((s) => ({ value: s, label: t(`severity_${s}`) }));
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
            options: priorityOptions,
            errors: (_, i) => errorsOf(api, `toPriority[${i}]`),
          },
        ]}
        blank={{ value: '', priority: '' }}
        note={
          <>
            {form.toPriority.length === 0 ? <p className="muted small">{t('toPriorityEmpty')}</p> : null}
            {priorities === null ? (
              <p className="warn-text small" data-testid="priority-unchecked">
                {t('priorityUnchecked')}
              </p>
            ) : null}
          </>
        }
        actions={
          form.severitySourceKind === 'severity' && defaults !== null ? (
            <button
              type="button"
              className="secondary"
              onClick={fillDefaults}
              title={t('fillPriorityDefaultsHint')}
              data-testid="fill-priority-defaults"
            >
              {t('fillPriorityDefaults')}
            </button>
          ) : null
        }
      />
      <Datalist id="severity-values" values={sourceValues} />
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
            options: priorityOptions,
            errors: (_, i) => errorsOf(api, `toSeverity[${i}]`),
          },
          { key: 'severity', header: 'fdSeverity', label: 'fdSeverityN', options: severities },
        ]}
        blank={{ priority: '', severity: 'Warning' }}
      />
      <Datalist id="sdp-priorities" values={priorities ?? []} />
    </>
  );
}

function CustomFieldRowEditor({
  row,
  index,
  textUdfs,
}: {
  row: CustomFieldRow;
  index: number;
  textUdfs: SdpMetadataView['udfs'];
}) {
  const api = useEditor();
  const set = (patch: Partial<CustomFieldRow>): void =>
    api.change((f) => ({ ...f, customFields: f.customFields.map((r, j) => (j === index ? { ...r, ...patch } : r)) }));
  const id = `cf-${index}`;
  const errors = ['source', 'udfKey', 'udfType'].flatMap((k) => errorsOf(api, `customFields[${index}].${k}`));
  const offered =
    textUdfs.some((u) => u.key === row.udfKey) || row.udfKey === ''
      ? textUdfs
      : [...textUdfs, { key: row.udfKey, displayName: row.udfKey, type: row.udfType, isText: false }];
  return (
    <tr data-testid={id}>
      <td>
        <select
          aria-label={t('sourceKindN', { n: index + 1 })}
          value={row.sourceKind}
          onChange={(e) => set({ sourceKind: e.target.value as CustomFieldRow['sourceKind'] })}
        >
          <option value="label">{t('sourceLabel')}</option>
          <option value="custom_field">{t('sourceCustomField')}</option>
        </select>
        <input
          aria-label={t('sourceN', { n: index + 1 })}
          list="fd-fields"
          value={row.source}
          onChange={(e) => set({ source: e.target.value })}
        />
      </td>
      <td>
        {textUdfs.length > 0 ? (
          <select
            aria-label={t('sdpFieldN', { n: index + 1 })}
            value={row.udfKey}
            onChange={(e) => {
              const udf = offered.find((u) => u.key === e.target.value);
              set({ udfKey: e.target.value, udfType: udf?.type ?? row.udfType });
            }}
          >
            <option value="">{t('pickField')}</option>
            {offered.map((u) => (
              <option key={u.key} value={u.key}>{`${u.displayName} (${u.key}) — ${t(`udf_${u.type}`)}`}</option>
            ))}
          </select>
        ) : (
          <>
            <input
              aria-label={t('sdpFieldN', { n: index + 1 })}
              placeholder="udf_sline_301"
              value={row.udfKey}
              onChange={(e) => set({ udfKey: e.target.value })}
            />
            <select
              aria-label={t('sdpFieldTypeN', { n: index + 1 })}
              value={row.udfType}
              onChange={(e) => set({ udfType: e.target.value as UdfType })}
            >
              {UDF_TYPES.map((u) => (
                <option key={u} value={u}>
                  {t(`udf_${u}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <ErrorList id={id} errors={errors} />
      </td>
      <td>
        <button
          type="button"
          className="secondary small-button"
          aria-label={t('removeRowN', { n: index + 1 })}
          onClick={() => api.change((f) => ({ ...f, customFields: f.customFields.filter((_, j) => j !== index) }))}
        >
          {t('remove')}
        </button>
      </td>
    </tr>
  );
}

/** What the admin typed, once they paused typing for `ms`. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Suggestions for the requester box: SDP requesters matching what is typed (free text stays allowed). */
function RequesterOptions() {
  const api = useEditor();
  const search = useSettled(api.form.requester.trim(), 300);
  const { savedId, backend } = api;
  const canAsk = savedId !== null && api.sdpMeta?.status === 'ready';
  const { state } = useQuery(
    canAsk
      ? () => backend.invoke('metadata.requesters', { integrationId: savedId, search }).then((r) => r.requesters)
      : null,
    `requesters:${savedId}:${search}`,
    true,
  );
  const values = state?.status === 'ready' ? state.value.flatMap((r) => [r.name, ...(r.email ? [r.email] : [])]) : [];
  return <Datalist id="sdp-requesters" values={[...new Set(values)]} />;
}

export function TicketSection() {
  const api = useEditor();
  const { form } = api;
  const sdp = ready(api.sdpMeta, NO_SDP);
  const textUdfs = sdp.udfs.filter((u) => u.isText);
  const suggested = suggestedMarkerUdf(sdp.udfs);
  const markerUdf = sdp.udfs.find((u) => u.key === suggested);
  const template =
    sdp.templates.find((tp) => tp.name === form.requestTemplate) ?? sdp.templates.find((tp) => tp.isDefault);
  const requesterRequired = template?.mandatoryFields.some((f) => /requester/i.test(f)) ?? false;
  return (
    <div className="section-body">
      <MetaStatus meta={api.sdpMeta} what="metaSdp" />
      <Group title={t('groupRequest')} grid>
        {sdp.templates.length > 0 ? (
          <SelectField
            name="requestTemplate"
            label="requestTemplate"
            hint="requestTemplateHint"
            options={[
              { value: '', label: t('defaultTemplate') },
              ...sdp.templates.map((tp) => ({ value: tp.name, label: tp.name })),
            ]}
          />
        ) : (
          <TextField name="requestTemplate" label="requestTemplate" hint="requestTemplateHint" />
        )}
        <TextField
          name="requester"
          label="requester"
          hint={requesterRequired ? 'requesterRequired' : 'requesterHint'}
          list="sdp-requesters"
        />
        <RequesterOptions />
      </Group>
      <Group title={t('groupSeverity')} hint={t('severityHint')}>
        <SeverityTables
          priorities={api.sdpMeta?.status === 'ready' ? api.sdpMeta.value.priorities.map((p) => p.name) : null}
        />
      </Group>
      <Group title={t('groupCustomFields')} hint={t('customFieldsHint')}>
        <table className="table compact" aria-label={t('groupCustomFields')}>
          <thead>
            <tr>
              <th scope="col">{t('flashdutySource')}</th>
              <th scope="col">{t('sdpField')}</th>
              <th scope="col">
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.customFields.map((row, i) => (
              <CustomFieldRowEditor key={i} row={row} index={i} textUdfs={textUdfs} />
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            api.change((f) => ({
              ...f,
              customFields: [
                ...f.customFields,
                { sourceKind: 'label', source: '', udfKey: '', udfType: 'single_line' },
              ],
            }))
          }
        >
          {t('addMapping')}
        </button>
      </Group>
      <UdfFieldsGroup udfs={sdp.udfs} />
      <Group
        title={t('groupAssignee')}
        hint={t('assigneeHint', { technicians: sdp.technicians.length, groups: sdp.groups.length })}
        grid
      >
        <TextField name="technicianLabelKey" label="technicianLabelKey" hint="technicianLabelKeyHint" />
        <TextField name="groupLabelKey" label="groupLabelKey" hint="groupLabelKeyHint" />
      </Group>
      <Group title={t('groupIncidentMarker')} hint={t('incidentMarkerHint')} grid>
        <SelectField
          name="incidentIdMarkerKind"
          label="incidentIdMarkerKind"
          options={labelled({ description: 'markerDescription', udf: 'markerUdf' })}
        />
        {form.incidentIdMarkerKind === 'description' && markerUdf !== undefined ? (
          <p className="hint">
            {t('markerUdfOffer', { field: markerUdf.displayName })}{' '}
            <button
              type="button"
              className="secondary"
              data-testid="use-marker-udf"
              onClick={() => api.update({ incidentIdMarkerKind: 'udf', incidentIdMarkerUdf: markerUdf.key })}
            >
              {t('markerUdfUse')}
            </button>
          </p>
        ) : null}
        {form.incidentIdMarkerKind === 'udf' ? (
          textUdfs.length > 0 ? (
            <SelectField
              name="incidentIdMarkerUdf"
              label="sdpField"
              options={[
                { value: '', label: t('pickField') },
                ...textUdfs.map((u) => ({ value: u.key, label: `${u.displayName} (${u.key})` })),
              ]}
            />
          ) : (
            <TextField name="incidentIdMarkerUdf" label="sdpField" placeholder="udf_sline_301" />
          )
        ) : null}
      </Group>
      <Group title={t('groupRequestLink')} hint={t('requestLinkHint')} grid>
        <CheckField name="requestLinkEnabled" label="requestLinkEnabled" hint="requestLinkEnabledHint" />
        {form.requestLinkEnabled ? (
          <TextField
            name="requestLinkField"
            label="requestLinkField"
            hint="requestLinkFieldHint"
            placeholder={form.requestIdMarkerKind === 'custom_field' ? form.requestIdMarker : ''}
          />
        ) : null}
      </Group>
    </div>
  );
}
