import { PAIR_LIST_IDS, type IntegrationConfig, type PairListId, type PairRow } from '../../../common/config';
import { fieldValueText } from './canonical';
import { newerChangeWins } from './conflict';
import type { SyncedField } from './field';

/**
 * How each field pair list (shared/common/config/field-pairs.ts) copies a row: a new list is one
 * entry here, and a list without one fails `tsc`.
 */
const PAIR_FIELDS: { [K in PairListId]: (row: PairRow<K>) => SyncedField } = {
  /**
   * SDP → Flashduty only: nothing is written to SDP. An empty SDP value leaves the incident's alone.
   * Flashduty checks the field on write: one it does not have, or not a text field, is refused with
   * an invalid parameter.
   */
  udfFields: (pair) => {
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
  },
};

/** One list's rows as synced fields (the map's entry for `id` takes that list's rows). */
function listFields<K extends PairListId>(config: IntegrationConfig, id: K): SyncedField[] {
  const rows = config.fromSdp[id] as PairRow<K>[];
  return rows.map(PAIR_FIELDS[id] as (row: PairRow<K>) => SyncedField);
}

/** Every row of every list, as synced fields. */
export function pairFields(config: IntegrationConfig): SyncedField[] {
  return PAIR_LIST_IDS.flatMap((id) => listFields(config, id));
}
