import type { CustomFieldMapping } from '../../../common/config';
import type { IncidentSnapshot } from '../types';
import { fieldValueText } from './canonical';
import { newerChangeWins } from './conflict';
import type { SyncedField } from './field';
import { checkUdf } from './sdp-checks';

function udfKeyOf(m: CustomFieldMapping): string {
  return `udf:${m.udfKey}`;
}

function customSourceValue(m: CustomFieldMapping, incident: IncidentSnapshot): string | null {
  return m.source.kind === 'label'
    ? fieldValueText(incident.labels[m.source.key])
    : fieldValueText(incident.customFields[m.source.name]);
}

/**
 * A custom field mapping: an incident label or custom field → an SDP text UDF. A custom field
 * source is also written back from SDP (Flashduty's API cannot set labels).
 */
export function customField(m: CustomFieldMapping): SyncedField {
  const source = m.source;
  return {
    key: udfKeyOf(m),
    incident: (incident) => customSourceValue(m, incident),
    request: (request) => fieldValueText(request.udf[m.udfKey]),
    conflict: newerChangeWins,
    toSdp: {
      write: (incident, _request, metadata) => {
        const value = customSourceValue(m, incident);
        if (value === null) return null;
        return checkUdf(m.udfKey, metadata) ?? { patch: { udf: { [m.udfKey]: value } }, to: value };
      },
    },
    ...(source.kind === 'custom_field'
      ? {
          toFlashduty: {
            write: (request) => {
              const value = fieldValueText(request.udf[m.udfKey]);
              return value === null ? null : { patch: { fields: { [source.name]: value } }, to: value };
            },
          },
        }
      : {}),
  };
}
