import type { IntegrationConfig } from '../../../common/config';
import { sameName } from '../text';
import type { RequestFields, RequestSnapshot, SdpMetadata } from '../types';
import { fieldValueText } from './canonical';
import { newerChangeWins } from './conflict';
import { isFail, type Fail, type SyncedField } from './field';
import { resolveGroup, resolveTechnician } from './sdp-checks';

interface LabelAssignee {
  key: 'technician' | 'group';
  labelKey: string;
  request: (request: RequestSnapshot) => string | null;
  /** Whether the request already names this label value (by any of its names). */
  names: (request: RequestSnapshot, value: string) => boolean;
  /** The value as SDP knows it, checked against its metadata. */
  resolve: (value: string, metadata: SdpMetadata | undefined) => { patch: RequestFields; to: string } | Fail;
}

/** An SDP assignee taken from an incident label (Flashduty → SDP only); SDP must know the name. */
function labelAssignee(spec: LabelAssignee): SyncedField {
  const value = (labels: Record<string, string>) => fieldValueText(labels[spec.labelKey]);
  return {
    key: spec.key,
    incident: (incident) => value(incident.labels),
    request: spec.request,
    conflict: newerChangeWins,
    toSdp: {
      inSync: (incident, request) => {
        const v = value(incident.labels);
        return v !== null && spec.names(request, v);
      },
      write: (incident, _request, metadata) => {
        const v = value(incident.labels);
        return v === null ? null : spec.resolve(v, metadata);
      },
    },
  };
}

/** Technician and support group, each when its label is configured. */
export function assigneeFields(config: IntegrationConfig): SyncedField[] {
  const { technicianLabelKey, groupLabelKey } = config.assignee;
  const fields: SyncedField[] = [];
  if (technicianLabelKey !== null) {
    fields.push(
      labelAssignee({
        key: 'technician',
        labelKey: technicianLabelKey,
        request: (request) => request.technician?.email ?? request.technician?.name ?? null,
        names: (request, v) => sameName(v, request.technician?.email) || sameName(v, request.technician?.name),
        resolve: (v, metadata) => {
          const t = resolveTechnician(v, metadata);
          return isFail(t) ? t : { patch: { technician: t }, to: 'email' in t ? t.email : t.name };
        },
      }),
    );
  }
  if (groupLabelKey !== null) {
    fields.push(
      labelAssignee({
        key: 'group',
        labelKey: groupLabelKey,
        request: (request) => request.group,
        names: (request, v) => sameName(v, request.group),
        resolve: (v, metadata) => {
          const g = resolveGroup(v, metadata);
          return isFail(g) ? g : { patch: { group: g }, to: g };
        },
      }),
    );
  }
  return fields;
}
