import { z } from 'zod';
import { fdFieldName, udfKey, type CustomFieldMapping, type RequestIdMarker, type RequestLinkConfig } from './mappings';
import { configError, type ConfigMessageCode } from './messages';
import { strictObject } from './secret-ref';

/**
 * Field pair lists: tables whose rows each name an SDP field and a Flashduty field, the first copied
 * to the second (SDP → Flashduty). A new list is one entry here: its config schema (stored in
 * `fromSdp.<id>`), the editor's table, its problem paths and the one-writer check all come from it.
 * Its copy rule is one entry in the sync registry (shared/node/sync/fields/pair-fields.ts), and its
 * words are `<id>Title`, `<id>Hint` and `<id>Table` in each string table.
 *
 * Lists only write to Flashduty: a list writing SDP fields would also need the SDP side's
 * one-writer checks (the incident ID field, the custom field mappings), which none needs yet.
 */
export const PAIR_LISTS = {
  /**
   * Flashduty's "Others ↔ Custom fields" row: an SDP single-line text field (UDF) copied to a text
   * custom field of the incident.
   */
  udfFields: { from: 'udfKey', to: 'field', max: 15 },
} as const satisfies Record<string, { from: string; to: string; max: number }>;

export type PairListId = keyof typeof PAIR_LISTS;
export const PAIR_LIST_IDS = Object.keys(PAIR_LISTS) as PairListId[];
type Spec<K extends PairListId> = (typeof PAIR_LISTS)[K];
/** One row of a list: the SDP field's key under `from`, the Flashduty field's name under `to`. */
export type PairRow<K extends PairListId> = { [C in Spec<K>['from'] | Spec<K>['to']]: string };
export type PairLists = { [K in PairListId]: PairRow<K>[] };

type PairListSchema<K extends PairListId> = z.ZodDefault<z.ZodArray<z.ZodType<PairRow<K>, PairRow<K>>>>;

function pairListSchema<K extends PairListId>(id: K): PairListSchema<K> {
  const spec: Spec<PairListId> = PAIR_LISTS[id];
  const row = strictObject({ [spec.from]: udfKey, [spec.to]: fdFieldName }) as unknown as z.ZodType<
    PairRow<K>,
    PairRow<K>
  >;
  return z
    .array(row)
    .max(spec.max, configError('config.pairs.tooMany', { max: spec.max }))
    .default([]);
}

/** The schemas of every list, for the `fromSdp` config object. */
export const pairListSchemas = Object.fromEntries(PAIR_LIST_IDS.map((id) => [id, pairListSchema(id)])) as {
  [K in PairListId]: PairListSchema<K>;
};

/** What the one-writer check reads of a config: the lists and every other Flashduty field the config names. */
interface PairContext {
  customFields: readonly CustomFieldMapping[];
  fromSdp: PairLists & { requestIdMarker: RequestIdMarker };
  toSdp: { requestLink: RequestLinkConfig };
}

/**
 * A Flashduty field has one writer: no list may fill the request ID or request link field, a custom
 * field mapping's source (it is copied back from SDP there), or a field another row already fills.
 */
export function checkPairLists(c: PairContext, ctx: z.RefinementCtx): void {
  const taken = new Map<string, { code: ConfigMessageCode; row?: number }>();
  const reqMarker = c.fromSdp.requestIdMarker;
  if (reqMarker.kind === 'custom_field') taken.set(reqMarker.name, { code: 'config.pairs.isRequestMarker' });
  const link = c.toSdp.requestLink;
  if (link.enabled && link.field !== null) taken.set(link.field, { code: 'config.pairs.isRequestLink' });
  for (const m of c.customFields)
    if (m.source.kind === 'custom_field') taken.set(m.source.name, { code: 'config.pairs.isMappingSource' });
  for (const id of PAIR_LIST_IDS) {
    const to: string = PAIR_LISTS[id].to;
    c.fromSdp[id].forEach((pair, i) => {
      const field = (pair as Record<string, string>)[to]!;
      const owner = taken.get(field);
      if (owner !== undefined) {
        const params = { field, ...(owner.row === undefined ? {} : { row: owner.row }) };
        ctx.addIssue({ code: 'custom', path: ['fromSdp', id, i, to], message: configError(owner.code, params) });
      }
      taken.set(field, { code: 'config.pairs.twice', row: i + 1 });
    });
  }
}
