import type { Condition, Severity } from '../../../shared/common/config';

export type ConditionKind = Condition['kind'];
export const CONDITION_KINDS: readonly ConditionKind[] = [
  'severity_in',
  'channel_in',
  'label_equals',
  'label_contains',
  'label_matches',
  'label_exists',
  'title_contains',
];

/** A trigger condition as the editor holds it: one row with every kind's fields, so switching kind loses nothing. */
export interface ConditionRow {
  kind: ConditionKind;
  severities: Severity[];
  channelIds: string[];
  key: string;
  value: string;
  flags: string;
}

export function emptyCondition(kind: ConditionKind = 'severity_in'): ConditionRow {
  return { kind, severities: [], channelIds: [], key: '', value: '', flags: '' };
}

/** A stored condition as a row. */
export function conditionRow(cond: Condition): ConditionRow {
  const row = emptyCondition(cond.kind);
  switch (cond.kind) {
    case 'severity_in':
      return { ...row, severities: [...cond.severities] };
    case 'channel_in':
      return { ...row, channelIds: [...cond.channelIds] };
    case 'label_equals':
    case 'label_contains':
      return { ...row, key: cond.key, value: cond.value };
    case 'label_matches':
      return { ...row, key: cond.key, value: cond.pattern, flags: cond.flags };
    case 'label_exists':
      return { ...row, key: cond.key };
    case 'title_contains':
      return { ...row, value: cond.value };
  }
}

/** A row as the condition it stands for; the fields of other kinds stay behind. */
export function conditionInput(row: ConditionRow): Condition {
  switch (row.kind) {
    case 'severity_in':
      return { kind: row.kind, severities: row.severities };
    case 'channel_in':
      return { kind: row.kind, channelIds: row.channelIds };
    case 'label_equals':
    case 'label_contains':
      return { kind: row.kind, key: row.key, value: row.value };
    case 'label_matches':
      return { kind: row.kind, key: row.key, pattern: row.value, flags: row.flags };
    case 'label_exists':
      return { kind: row.kind, key: row.key };
    case 'title_contains':
      return { kind: row.kind, value: row.value };
  }
}
