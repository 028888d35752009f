import { SEVERITIES, type Severity } from '../../../shared/common/config';
import type { FlashdutyMetadataView } from '../../../shared/common/contract';
import { controlProps, ErrorList, Field } from '../components/Field';
import { toggle } from '../lib/filters';
import { CONDITION_KINDS, emptyCondition, type ConditionKind, type ConditionRow } from '../lib/form-conditions';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import {
  CheckField,
  Datalist,
  Group,
  hinted,
  labelled,
  MetaStatus,
  PickOrTypeField,
  RadioField,
  ready,
  SelectField,
  TextField,
} from './fields';

const NO_FD: FlashdutyMetadataView = { channels: [], teams: [], fields: [] };

/** A Flashduty team or channel: picked by name from Flashduty's list, kept as its ID (typed while none is loaded). */
function FlashdutyPickField({
  of,
  ...field
}: Omit<Parameters<typeof PickOrTypeField>[0], 'choices'> & { of: 'teams' | 'channels' }) {
  const items = ready(useEditor().fdMeta, NO_FD)[of];
  return <PickOrTypeField {...field} choices={items.map((item) => ({ value: item.id, label: item.name }))} />;
}

/** Channel IDs as a checkbox list when Flashduty's channels are known, else as typed, comma-separated IDs. */
export function ChannelPicker({
  id,
  label,
  value,
  onChange,
  errors = [],
}: {
  id: string;
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
}) {
  const api = useEditor();
  const channels = ready(api.fdMeta, NO_FD).channels;
  if (channels.length === 0) {
    return (
      <Field id={id} label={label} hint={t('channelIdsHint')} errors={errors}>
        <input
          {...controlProps(id, errors)}
          value={value.join(', ')}
          onChange={(e) =>
            onChange(
              e.target.value
                .split(/[\s,]+/)
                .map((s) => s.trim())
                .filter((s) => s !== ''),
            )
          }
        />
      </Field>
    );
  }
  const known = new Set(channels.map((c) => c.id));
  return (
    <fieldset className="field checklist" id={id} aria-invalid={errors.length > 0 ? true : undefined}>
      <legend>{label}</legend>
      <div className="checklist-items">
        {channels.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={value.includes(c.id)} onChange={() => onChange(toggle(value, c.id))} />
            {c.name} <span className="muted small">{c.id}</span>
          </label>
        ))}
        {value
          .filter((v) => !known.has(v))
          .map((v) => (
            <label key={v} className="unknown">
              <input type="checkbox" checked onChange={() => onChange(toggle(value, v))} />
              {t('unknownChannel', { id: v })}
            </label>
          ))}
      </div>
      <ErrorList id={id} errors={errors} />
    </fieldset>
  );
}

/** A condition's text box, labelled for assistive technology (its placeholder is the label unless given). */
function ConditionText({
  id,
  label,
  placeholder,
  short,
  value,
  onChange,
}: {
  id: string;
  label: string;
  placeholder?: string;
  short?: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={short ? 'short' : undefined}
        placeholder={placeholder ?? label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

function ConditionEditor({ row, index }: { row: ConditionRow; index: number }) {
  const api = useEditor();
  const id = `cond-${index}`;
  const errors = errorsOf(api, `conditions[${index}]`);
  const set = (patch: Partial<ConditionRow>): void =>
    api.change((f) => ({ ...f, conditions: f.conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  const needsKey = row.kind.startsWith('label_');
  const needsValue =
    row.kind === 'label_equals' ||
    row.kind === 'label_contains' ||
    row.kind === 'label_matches' ||
    row.kind === 'title_contains';
  return (
    <li className={errors.length > 0 ? 'condition invalid' : 'condition'} data-testid={id}>
      <div className="inline wrap">
        <label className="sr-only" htmlFor={`${id}-kind`}>
          {t('conditionKind')}
        </label>
        <select id={`${id}-kind`} value={row.kind} onChange={(e) => set({ kind: e.target.value as ConditionKind })}>
          {CONDITION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`cond_${k}`)}
            </option>
          ))}
        </select>
        {needsKey ? (
          <ConditionText id={`${id}-key`} label={t('labelKey')} value={row.key} onChange={(key) => set({ key })} />
        ) : null}
        {needsValue ? (
          <ConditionText
            id={`${id}-value`}
            label={row.kind === 'label_matches' ? t('regex') : t('value')}
            value={row.value}
            onChange={(value) => set({ value })}
          />
        ) : null}
        {row.kind === 'label_matches' ? (
          <ConditionText
            id={`${id}-flags`}
            label={t('regexFlags')}
            placeholder="i"
            short
            value={row.flags}
            onChange={(flags) => set({ flags })}
          />
        ) : null}
        {row.kind === 'severity_in'
          ? SEVERITIES.map((s) => (
              <label key={s} className="chip">
                <input
                  type="checkbox"
                  checked={row.severities.includes(s)}
                  onChange={() => set({ severities: toggle<Severity>(row.severities, s) })}
                />
                {t(`severity_${s}`)}
              </label>
            ))
          : null}
        <button
          type="button"
          className="secondary small-button"
          aria-label={t('removeConditionN', { n: index + 1 })}
          onClick={() => api.change((f) => ({ ...f, conditions: f.conditions.filter((_, i) => i !== index) }))}
        >
          {t('remove')}
        </button>
      </div>
      {row.kind === 'channel_in' ? (
        <ChannelPicker
          id={`${id}-channels`}
          label={t('cond_channel_in')}
          value={row.channelIds}
          onChange={(channelIds) => set({ channelIds })}
        />
      ) : null}
      <ErrorList id={id} errors={errors} />
    </li>
  );
}

function GeneralGroup() {
  const api = useEditor();
  return (
    <Group title={t('groupGeneral')}>
      <div className="field-grid">
        <TextField name="name" label="integrationName" hint="integrationNameHint" />
        <FlashdutyPickField
          name="managementTeamId"
          of="teams"
          label="managementTeam"
          none="noTeam"
          hint="managementTeamHint"
          typedHint="managementTeamIdHint"
        />
        <SelectField
          name="direction"
          label="syncDirection"
          options={labelled({
            to_sdp: 'direction_to_sdp',
            from_sdp: 'direction_from_sdp',
            two_way: 'direction_two_way',
          })}
        />
      </div>
      <CheckField name="enabled" label="enabled" hint="enabledHint" />
      <CheckField name="syncComments" label="syncComments" hint="syncCommentsHint" />
      <MetaStatus meta={api.fdMeta} what="metaFlashduty" />
    </Group>
  );
}

/** Automatic (with conditions) or manual. */
function TriggerGroup() {
  const api = useEditor();
  const { form } = api;
  return (
    <Group title={t('groupTrigger')}>
      <RadioField
        name="triggerMode"
        legend="triggerMode"
        options={hinted({ auto: ['triggerAuto', 'triggerAutoHint'], manual: ['triggerManual', 'triggerManualHint'] })}
      />
      {form.triggerMode === 'auto' ? (
        <div className="conditions">
          <SelectField name="match" label="conditionMatch" options={labelled({ all: 'matchAll', any: 'matchAny' })} />
          {form.conditions.length === 0 ? <p className="muted">{t('noConditions')}</p> : null}
          <ol className="condition-list">
            {form.conditions.map((row, i) => (
              <ConditionEditor key={i} row={row} index={i} />
            ))}
          </ol>
          <button
            type="button"
            className="secondary"
            onClick={() => api.change((f) => ({ ...f, conditions: [...f.conditions, emptyCondition()] }))}
          >
            {t('addCondition')}
          </button>
          <ErrorList id="f-conditions" errors={errorsOf(api, 'conditions')} />
        </div>
      ) : null}
    </Group>
  );
}

/** SDP → Flashduty: where new incidents go and where the request ID is kept. */
function FromSdpGroup() {
  const api = useEditor();
  const fd = ready(api.fdMeta, NO_FD);
  return (
    <Group title={t('groupFromSdp')} hint={t('fromSdpHint')}>
      <div className="field-grid">
        <FlashdutyPickField
          name="fromSdpChannelId"
          of="channels"
          label="fromSdpChannel"
          none="noChannel"
          typedHint="fromSdpChannelHint"
        />
        <SelectField
          name="requestIdMarkerKind"
          label="requestIdMarkerKind"
          options={labelled({ custom_field: 'sourceCustomField', label: 'sourceLabel' })}
        />
        <TextField name="requestIdMarker" label="requestIdMarker" hint="requestIdMarkerHint" list="fd-fields" />
      </div>
      <CheckField name="createIncidents" label="createIncidents" hint="createIncidentsHint" />
      <Datalist id="fd-fields" values={fd.fields.map((f) => f.name)} />
    </Group>
  );
}

export function BasicsSection() {
  const api = useEditor();
  return (
    <div className="section-body">
      <GeneralGroup />
      <TriggerGroup />
      <Group title={t('groupChannels')} hint={t('channelsHint')}>
        <ChannelPicker
          id="f-channels"
          label={t('channels')}
          value={api.form.channels}
          onChange={(channels) => api.update({ channels })}
          errors={errorsOf(api, 'channels')}
        />
      </Group>
      <FromSdpGroup />
    </div>
  );
}
