import { z } from 'zod';
import { SimApiError } from './store';

/**
 * `list_info` as SDP accepts it (sdpod-v3-api/getting-started/input-data.html, search-criteria.html); unknown keys are
 * rejected like any input.
 */
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.string())]);

export interface Criterion {
  field?: string | undefined;
  condition?: string | undefined;
  value?: z.output<typeof Scalar> | undefined;
  values?: z.output<typeof Scalar>[] | undefined;
  logical_operator?: string | undefined;
  children?: Criterion[] | undefined;
}

const CriterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z.strictObject({
    field: z.string().optional(),
    condition: z.string().optional(),
    value: Scalar.optional(),
    values: z.array(Scalar).optional(),
    logical_operator: z.string().optional(),
    children: z.array(CriterionSchema).optional(),
  }),
);

export const ListInfoIn = z.strictObject({
  row_count: z.union([z.number(), z.string()]).optional(),
  start_index: z.union([z.number(), z.string()]).optional(),
  page: z.union([z.number(), z.string()]).optional(),
  sort_field: z.string().optional(),
  sort_order: z.string().optional(),
  get_total_count: z.boolean().optional(),
  search_criteria: z.union([CriterionSchema, z.array(CriterionSchema)]).optional(),
  search_fields: z.record(z.string(), z.string()).optional(),
  fields_required: z.array(z.string()).optional(),
  filter_by: z.unknown().optional(),
});
export type ListInfoIn = z.output<typeof ListInfoIn>;

const CONDITIONS: Record<string, string> = {
  is: 'eq',
  '=': 'eq',
  eq: 'eq',
  'is not': 'neq',
  '!=': 'neq',
  neq: 'neq',
  'greater than': 'gt',
  gt: 'gt',
  'greater or equal': 'gte',
  gte: 'gte',
  'lesser than': 'lt',
  lt: 'lt',
  'lesser or equal': 'lte',
  lte: 'lte',
  between: 'between',
  'not between': 'not_between',
  'starts with': 'starts',
  'ends with': 'ends',
  contains: 'contains',
  'not contains': 'not_contains',
};

/** Resolves a dotted path to a comparable scalar: datetimes by ms value, lookups by name. */
function fieldValue(item: Record<string, unknown>, path: string): unknown {
  let cur: unknown = item;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function matchesOne(actual: unknown, expected: z.output<typeof Scalar>, op: string): boolean {
  if (actual !== null && typeof actual === 'object') {
    const o = actual as Record<string, unknown>;
    if ('value' in o) return matchesOne(o.value, expected, op);
    if (typeof expected === 'object')
      return expected.id !== undefined ? o.id === expected.id : matchesOne(o.name, expected.name ?? '', op);
    return matchesOne(o.name, expected, op);
  }
  const exp = typeof expected === 'object' ? (expected.name ?? expected.id ?? '') : expected;
  const a = actual === null || actual === undefined ? '' : String(actual);
  const e = String(exp);
  const an = Number(a);
  const en = Number(e);
  const numeric = a !== '' && e !== '' && Number.isFinite(an) && Number.isFinite(en);
  const cmp = numeric ? an - en : a.toLowerCase().localeCompare(e.toLowerCase());
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'gt':
      return cmp > 0;
    case 'gte':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'lte':
      return cmp <= 0;
    case 'starts':
      return a.toLowerCase().startsWith(e.toLowerCase());
    case 'ends':
      return a.toLowerCase().endsWith(e.toLowerCase());
    case 'contains':
      return a.toLowerCase().includes(e.toLowerCase());
    default:
      return false;
  }
}

/** Which fields a list knows, and (for requests) which of them the service lets a search name. */
export interface SearchRules {
  known: Set<string>;
  /** Undefined: any known field. */
  searchable?: (field: string, op: string) => boolean;
}

/** Checks one criterion up front, so a bad search fails even when no row would reach it. */
function checkCriterion(
  c: Criterion,
  rules: SearchRules,
): { field: string; op: string; values: z.output<typeof Scalar>[] } {
  if (c.field === undefined || c.condition === undefined) {
    throw new SimApiError(400, 4001, 'Value given for search_criteria is invalid', 'search_criteria');
  }
  if (!rules.known.has(c.field.split('.')[0]!))
    throw new SimApiError(400, 4001, `Value given for ${c.field} is invalid`, c.field);
  const op = CONDITIONS[c.condition.toLowerCase()];
  if (!op) throw new SimApiError(400, 4001, `Value given for condition is invalid`, 'condition');
  if (rules.searchable && !rules.searchable(c.field, op))
    throw new SimApiError(400, 4001, `Value given for ${c.field} is invalid`, c.field);
  const values = c.values ?? (c.value === undefined ? [] : [c.value]);
  if (values.length === 0) throw new SimApiError(400, 4012, 'Mandatory field value is missing', 'value');
  if ((op === 'between' || op === 'not_between') && values.length !== 2) {
    throw new SimApiError(400, 4001, 'between needs two values', 'values');
  }
  return { field: c.field, op, values };
}

export function validateCriteria(criteria: Criterion | Criterion[], rules: SearchRules): void {
  for (const c of Array.isArray(criteria) ? criteria : [criteria]) {
    if (!(c.field === undefined && c.children)) checkCriterion(c, rules);
    if (c.children) validateCriteria(c.children, rules);
  }
}

function evalSingle(item: Record<string, unknown>, c: Criterion, rules: SearchRules): boolean {
  const { field, op, values } = checkCriterion(c, rules);
  const actual = fieldValue(item, field);
  if (op === 'between' || op === 'not_between') {
    const inside = matchesOne(actual, values[0]!, 'gte') && matchesOne(actual, values[1]!, 'lte');
    return op === 'between' ? inside : !inside;
  }
  if (op === 'neq') return !values.some((v) => matchesOne(actual, v, 'eq'));
  if (op === 'not_contains') return !values.some((v) => matchesOne(actual, v, 'contains'));
  return values.some((v) => matchesOne(actual, v, op));
}

function combine(acc: boolean, next: boolean, operator: string | undefined): boolean {
  return (operator ?? 'AND').toUpperCase() === 'OR' ? acc || next : acc && next;
}

/** A criterion with children is a group: (self op₁ child₁ op₂ child₂ …). */
function evalCriterion(item: Record<string, unknown>, c: Criterion, known: SearchRules): boolean {
  let result = c.field === undefined && c.children ? undefined : evalSingle(item, c, known);
  for (const child of c.children ?? []) {
    const r = evalCriterion(item, child, known);
    result = result === undefined ? r : combine(result, r, child.logical_operator);
  }
  return result ?? true;
}

export function matchesCriteria(
  item: Record<string, unknown>,
  criteria: Criterion | Criterion[],
  known: SearchRules,
): boolean {
  const list = Array.isArray(criteria) ? criteria : [criteria];
  let result: boolean | undefined;
  for (const c of list) {
    const r = evalCriterion(item, c, known);
    result = result === undefined ? r : combine(result, r, c.logical_operator);
  }
  return result ?? true;
}

export function matchesSearchFields(
  item: Record<string, unknown>,
  fields: Record<string, string>,
  known: SearchRules,
): boolean {
  return Object.entries(fields).every(([field, value]) => evalSingle(item, { field, condition: 'is', value }, known));
}

const SORTABLE = new Set([
  'created_time',
  'last_updated_time',
  'id',
  'display_id',
  'subject',
  'priority',
  'status',
  'due_by_time',
]);

export interface PageResult<T> {
  rows: T[];
  listInfo: Record<string, unknown>;
}

/** Filters, sorts and pages full wire items the way SDP's `list_info` does. */
export function applyListInfo(
  items: Record<string, unknown>[],
  info: ListInfoIn,
  options: { knownFields: Set<string>; searchable?: SearchRules['searchable']; sortable?: boolean },
): PageResult<Record<string, unknown>> {
  const rowCount = Number(info.row_count ?? 10);
  if (!Number.isInteger(rowCount) || rowCount < 1 || rowCount > 100) {
    throw new SimApiError(400, 4001, 'Value given for row_count is invalid', 'row_count');
  }
  const startIndex =
    info.start_index !== undefined ? Number(info.start_index) : (Number(info.page ?? 1) - 1) * rowCount + 1;
  if (!Number.isInteger(startIndex) || startIndex < 1)
    throw new SimApiError(400, 4001, 'Value given for start_index is invalid', 'start_index');
  const rules: SearchRules = {
    known: options.knownFields,
    ...(options.searchable ? { searchable: options.searchable } : {}),
  };
  if (info.search_criteria !== undefined) validateCriteria(info.search_criteria, rules);
  if (info.search_fields !== undefined) {
    validateCriteria(
      Object.keys(info.search_fields).map((field) => ({ field, condition: 'is', value: 'any' })),
      rules,
    );
  }
  let rows = items;
  if (info.search_criteria !== undefined) rows = rows.filter((r) => matchesCriteria(r, info.search_criteria!, rules));
  if (info.search_fields !== undefined) rows = rows.filter((r) => matchesSearchFields(r, info.search_fields!, rules));
  const sortOrder = (info.sort_order ?? 'asc').toLowerCase();
  if (sortOrder !== 'asc' && sortOrder !== 'desc')
    throw new SimApiError(400, 4001, 'Value given for sort_order is invalid', 'sort_order');
  if (info.sort_field !== undefined) {
    if (options.sortable && !SORTABLE.has(info.sort_field)) {
      throw new SimApiError(400, 4001, 'Value given for sort_field is invalid', 'sort_field');
    }
    const key = (r: Record<string, unknown>): unknown => {
      const v = fieldValue(r, info.sort_field!);
      if (v !== null && typeof v === 'object')
        return 'value' in v ? Number((v as { value: unknown }).value) : (v as { name?: unknown }).name;
      return v;
    };
    const dir = sortOrder === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (typeof ka === 'number' && typeof kb === 'number') return (ka - kb) * dir;
      if (info.sort_field === 'id' || info.sort_field === 'display_id') {
        const d = BigInt(String(ka)) - BigInt(String(kb));
        return (d === 0n ? 0 : d < 0n ? -1 : 1) * dir;
      }
      return String(ka ?? '').localeCompare(String(kb ?? '')) * dir;
    });
  }
  const page = rows.slice(startIndex - 1, startIndex - 1 + rowCount);
  const listInfo: Record<string, unknown> = {
    has_more_rows: startIndex - 1 + page.length < rows.length,
    start_index: startIndex,
    row_count: page.length,
    ...(info.sort_field ? { sort_field: info.sort_field, sort_order: sortOrder } : {}),
    ...(info.search_criteria ? { search_criteria: info.search_criteria } : {}),
    ...(info.get_total_count ? { total_count: rows.length } : {}),
  };
  return { rows: page, listInfo };
}
