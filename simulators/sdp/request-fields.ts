import { LIST_FIELDS, REQUEST_FIELDS } from './request-wire';
import { SimApiError } from './store';
import type { SimMetadata } from './seed';

/**
 * Fields a request search may name, with the conditions public clients use on them. No public
 * source searches `description` (an HTML field), so it is refused like any unsearchable field:
 * - subject, status.name, created_time, last_updated_time, requester.email_id, display_id, id:
 *   demisto/content Packs/ServiceDeskPlus/Integrations/ServiceDeskPlus/ServiceDeskPlus.py and
 *   netskopeoss/ta_cloud_exchange_plugins manage_engine_service_desk_plus/main.py;
 * - priority.name: `search_fields` in the same XSOAR integration and the manageengine.cn KB
 *   "SDP API v3 中条件如何添加 与 或 非 逻辑运算";
 * - the lookups status, priority, group and template with an `{id}`/`{name}` object and is / is not:
 *   https://www.manageengine.com/products/service-desk/sdpod-v3-api/getting-started/search-criteria.html;
 * - group.name and `udf_fields.<single-line key>` with `is` only: a public on-prem AWS Step
 *   Functions definition (Terraform) searching `udf_fields.udf_sline_*` and `group.name` with
 *   condition "is" on `/api/v3/requests`. Other UDF kinds and conditions are undocumented: refused.
 */
const SEARCHABLE = new Set([
  'id',
  'display_id',
  'subject',
  'status.name',
  'created_time',
  'last_updated_time',
  'requester.email_id',
  'priority.name',
  'group.name',
]);

const LOOKUPS = new Set(['status', 'priority', 'group', 'template']);

export function requestSearchable(meta: SimMetadata): (field: string, op: string) => boolean {
  return (field, op) => {
    if (SEARCHABLE.has(field)) return true;
    if (LOOKUPS.has(field)) return op === 'eq' || op === 'neq';
    const udf = /^udf_fields\.(.+)$/.exec(field);
    if (!udf) return false;
    const def = meta.udfs.find((u) => u.key === udf[1]);
    return def !== undefined && def.field_type === 'Single Line' && op === 'eq';
  };
}

/**
 * A list row: the default subset, plus what `list_info.fields_required` names (seen in public
 * on-prem scripts, dotted names included: `status.name`, `udf_fields.udf_sline_1`). A name the
 * service does not know is bad input (4001), like any other.
 */
export function checkFieldsRequired(fieldsRequired: readonly string[] | undefined, meta: SimMetadata): void {
  for (const name of fieldsRequired ?? []) {
    const [top, sub] = name.split(/\.(.*)/s) as [string, string | undefined];
    const known =
      REQUEST_FIELDS.includes(top) &&
      (top !== 'udf_fields' || sub === undefined || meta.udfs.some((u) => u.key === sub));
    if (!known)
      throw new SimApiError(400, 4001, `Value given for fields_required is invalid: ${name}`, 'fields_required');
  }
}

export function listRow(
  full: Record<string, unknown>,
  fieldsRequired: readonly string[] | undefined,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of LIST_FIELDS) row[f] = full[f];
  for (const name of fieldsRequired ?? []) {
    const [top, sub] = name.split(/\.(.*)/s) as [string, string | undefined];
    if (top === 'udf_fields' && sub !== undefined) {
      const udfs = (full.udf_fields ?? {}) as Record<string, unknown>;
      row.udf_fields = { ...((row.udf_fields as Record<string, unknown> | undefined) ?? {}), [sub]: udfs[sub] ?? null };
      continue;
    }
    row[top] = full[top];
  }
  return row;
}
