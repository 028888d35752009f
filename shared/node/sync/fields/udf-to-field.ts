import type { UdfFieldPair } from '../../../common/config';
import { fieldValueText } from './canonical';
import { newerChangeWins } from './conflict';
import type { SyncedField } from './field';

/**
 * An SDP text field copied to a Flashduty incident custom field (SDP → Flashduty only: nothing is
 * written to SDP). An empty SDP value leaves the incident's alone. Flashduty checks the field on
 * write: one it does not have, or not a text field, is refused with an invalid parameter.
 */
export function udfToField(pair: UdfFieldPair): SyncedField {
  const requestValue = (udf: Record<string, string | null>) => fieldValueText(udf[pair.udfKey]);
  return {
    key: `fd_field:${pair.field}`,
    incident: (incident) => fieldValueText(incident.customFields[pair.field]),
    request: (request) => requestValue(request.udf),
    conflict: newerChangeWins,
    toFlashduty: {
      write: (request) => {
        const value = requestValue(request.udf);
        return value === null ? null : { patch: { fields: { [pair.field]: value } }, to: value };
      },
    },
  };
}
