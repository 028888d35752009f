import { useEffect, useState } from 'react';
import { PAIR_LIST_IDS } from '../../../shared/common/config';
import type { SdpMetadataView } from '../../../shared/common/contract';
import { suggestedMarkerUdf } from '../lib/form-model';
import { useQuery } from '../lib/use-query';
import { t } from '../i18n';
import { useEditor } from './context';
import { CustomFieldTable } from './CustomFieldTable';
import {
  CheckField,
  Datalist,
  Group,
  labelled,
  MetaStatus,
  NO_SDP,
  PickOrTypeField,
  ready,
  SelectField,
  TextField,
} from './fields';
import { SeverityTables } from './SeverityTables';
import { PairListGroup } from './PairListGroup';

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

/** The request DeskBridge creates: its template and requester (suggested from SDP as it is typed). */
function RequestGroup({ sdp }: { sdp: SdpMetadataView }) {
  const { form } = useEditor();
  const template =
    sdp.templates.find((tp) => tp.name === form.requestTemplate) ?? sdp.templates.find((tp) => tp.isDefault);
  const requesterRequired = template?.mandatoryFields.some((f) => /requester/i.test(f)) ?? false;
  return (
    <Group title={t('groupRequest')} grid>
      <PickOrTypeField
        name="requestTemplate"
        label="requestTemplate"
        none="defaultTemplate"
        choices={sdp.templates.map((tp) => ({ value: tp.name, label: tp.name }))}
        hint="requestTemplateHint"
      />
      <TextField
        name="requester"
        label="requester"
        hint={requesterRequired ? 'requesterRequired' : 'requesterHint'}
        list="sdp-requesters"
      />
      <RequesterOptions />
    </Group>
  );
}

/** Where the incident ID goes on the request; SDP's "Flashduty incident" text field is offered when it has one. */
function IncidentMarkerGroup({ sdp }: { sdp: SdpMetadataView }) {
  const api = useEditor();
  const { form } = api;
  const textUdfs = sdp.udfs.filter((u) => u.isText);
  const suggested = suggestedMarkerUdf(sdp.udfs);
  const markerUdf = sdp.udfs.find((u) => u.key === suggested);
  return (
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
        <PickOrTypeField
          name="incidentIdMarkerUdf"
          label="sdpField"
          none="pickField"
          choices={textUdfs.map((u) => ({ value: u.key, label: `${u.displayName} (${u.key})` }))}
          placeholder="udf_sline_301"
        />
      ) : null}
    </Group>
  );
}

export function TicketSection() {
  const api = useEditor();
  const { form } = api;
  const sdp = ready(api.sdpMeta, NO_SDP);
  return (
    <div className="section-body">
      <MetaStatus meta={api.sdpMeta} what="metaSdp" />
      <RequestGroup sdp={sdp} />
      <Group title={t('groupSeverity')} hint={t('severityHint')}>
        <SeverityTables
          priorities={api.sdpMeta?.status === 'ready' ? api.sdpMeta.value.priorities.map((p) => p.name) : null}
        />
      </Group>
      <Group title={t('groupCustomFields')} hint={t('customFieldsHint')}>
        <CustomFieldTable textUdfs={sdp.udfs.filter((u) => u.isText)} />
      </Group>
      {PAIR_LIST_IDS.map((id) => (
        <PairListGroup key={id} id={id} udfs={sdp.udfs} />
      ))}
      <Group
        title={t('groupAssignee')}
        hint={t('assigneeHint', { technicians: sdp.technicians.length, groups: sdp.groups.length })}
        grid
      >
        <TextField name="technicianLabelKey" label="technicianLabelKey" hint="technicianLabelKeyHint" />
        <TextField name="groupLabelKey" label="groupLabelKey" hint="groupLabelKeyHint" />
      </Group>
      <IncidentMarkerGroup sdp={sdp} />
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
