import { CONFIG_MESSAGES, INCIDENT_STATES, PAIR_LIST_IDS, type ConfigProblem } from '../../../shared/common/config';
import { DICTIONARIES, format, type Language } from '../i18n';
import { FIELD_OF_PATH, FIELDS, sectionOfField, type SectionId } from './form-fields';
import type { FormModel } from './form-model';

/** Where a problem is shown: a field ID of the editor (see `fieldOfPath`) or the form as a whole. */
export interface PlacedProblem {
  field: string | null;
  section: SectionId | null;
  message: string;
}

/**
 * Server-side paths come from the dispatcher as `config.customFields.0.udfType`; the config's own
 * validator writes `customFields[0].udfType`. Both become the latter.
 */
export function normalizePath(path: string): string {
  const withoutRoot = path === '(input)' ? '' : path.replace(/^config(\.|$)/, '');
  return withoutRoot.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** The record key after `prefix` in `prefix.key` or `prefix[key]`; null when the path is the prefix itself. */
function recordKey(path: string, prefix: string): string | null {
  const rest = path.slice(prefix.length);
  if (rest.startsWith('.')) return rest.slice(1);
  const bracket = /^\[(.*)\]$/.exec(rest);
  return bracket ? bracket[1]! : null;
}

function rowOf<R>(rows: readonly R[], key: string, keyOf: (r: R) => string): number {
  return rows.findIndex((r) => keyOf(r).trim() === key);
}

/**
 * The editor field a config path belongs to. Record entries (status and severity tables) resolve to
 * the row holding that key; array entries keep their index; unknown paths fall back to the nearest
 * known parent, and null means "the form as a whole".
 */
export function fieldOfPath(
  rawPath: string,
  form: Pick<FormModel, 'toPriority' | 'toSeverity' | 'sdpToFlashduty'>,
): string | null {
  const path = normalizePath(rawPath);
  if (path === '') return null;

  const condition = /^trigger\.conditions\[(\d+)\]/.exec(path);
  if (condition) return `conditions[${condition[1]}]`;
  if (/^channels\[\d+\]/.test(path)) return 'channels';
  const custom = /^customFields\[(\d+)\](?:\.(source|udfKey|udfType))?/.exec(path);
  if (custom) return `customFields[${custom[1]}].${custom[2] ?? 'udfKey'}`;
  const pair = /^fromSdp\.(\w+)\[(\d+)\]/.exec(path);
  if (pair && (PAIR_LIST_IDS as string[]).includes(pair[1]!)) return `${pair[1]}[${pair[2]}]`;

  const tables: [string, string, number | ((key: string) => number)][] = [
    [FIELDS.toPriority.paths[0], 'toPriority', (k) => rowOf(form.toPriority, k, (r) => r.value)],
    [FIELDS.toSeverity.paths[0], 'toSeverity', (k) => rowOf(form.toSeverity, k, (r) => r.priority)],
    [FIELDS.sdpToFlashduty.paths[0], 'sdpToFlashduty', (k) => rowOf(form.sdpToFlashduty, k, (r) => r.status)],
  ];
  for (const [prefix, field, find] of tables) {
    if (path !== prefix && !path.startsWith(`${prefix}.`) && !path.startsWith(`${prefix}[`)) continue;
    const key = recordKey(path, prefix);
    if (key === null) return field;
    const row = typeof find === 'number' ? find : find(key);
    return row === -1 ? field : `${field}[${row}]`;
  }
  const fdToSdp = /^statusMapping\.flashdutyToSdp(?:\.(\w+))?/.exec(path);
  if (fdToSdp)
    return fdToSdp[1] !== undefined && (INCIDENT_STATES as readonly string[]).includes(fdToSdp[1])
      ? `flashdutyToSdp.${fdToSdp[1]}`
      : 'flashdutyToSdp.Triggered';

  for (let probe = path; probe !== ''; probe = probe.replace(/(\.[^.[\]]*|\[[^\]]*\])$/, '')) {
    const hit = FIELD_OF_PATH.get(probe);
    if (hit !== undefined) return hit;
    if (!/[.[]/.test(probe)) break;
  }
  return null;
}

/** A config problem in the UI's language; one without a code (zod's own words) as it came. */
export function problemText(problem: ConfigProblem, language: Language): string {
  return problem.code === undefined ? problem.message : format(DICTIONARIES[language][problem.code], problem.params);
}

export function placeProblems(
  problems: readonly ConfigProblem[],
  form: Pick<FormModel, 'toPriority' | 'toSeverity' | 'sdpToFlashduty'>,
  language: Language,
): PlacedProblem[] {
  return problems.map((p) => {
    const field = fieldOfPath(p.path, form);
    return { field, section: field === null ? null : sectionOfField(field), message: problemText(p, language) };
  });
}

/** Messages for one field (exact ID), without repeats. */
export function messagesFor(placed: readonly PlacedProblem[], field: string): string[] {
  return [...new Set(placed.filter((p) => p.field === field).map((p) => p.message))];
}

export function countBySection(placed: readonly PlacedProblem[]): Record<SectionId, number> {
  const out: Record<SectionId, number> = { connection: 0, basics: 0, ticket: 0, status: 0, inbound: 0 };
  for (const p of placed) if (p.section) out[p.section] += 1;
  return out;
}

/** Problems that cannot point at a field, shown at the top of the form. */
export function unplaced(placed: readonly PlacedProblem[]): string[] {
  return [...new Set(placed.filter((p) => p.field === null).map((p) => p.message))];
}

function isParams(v: unknown): v is Record<string, string | number> {
  return (
    typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number')
  );
}

/** Turns a dispatcher `invalid_input` error's details into config problems, when it has any. */
export function problemsFromDetails(details: Record<string, unknown> | undefined): ConfigProblem[] {
  const issues = details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return [];
    const { path, message, code, params } = i as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    const coded = typeof code === 'string' && Object.hasOwn(CONFIG_MESSAGES, code) && isParams(params);
    return [coded ? { path, message, code: code as ConfigProblem['code'], params } : { path, message }];
  });
}
