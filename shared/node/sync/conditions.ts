import type { Condition, Trigger } from '../../common/config';
import type { IncidentSnapshot } from './types';

function holds(condition: Condition, incident: IncidentSnapshot): boolean {
  switch (condition.kind) {
    case 'severity_in':
      return condition.severities.includes(incident.severity);
    case 'channel_in':
      return condition.channelIds.includes(incident.channelId);
    case 'label_equals':
      return incident.labels[condition.key] === condition.value;
    case 'label_contains': {
      const value = incident.labels[condition.key];
      return value !== undefined && value.toLowerCase().includes(condition.value.toLowerCase());
    }
    case 'label_matches': {
      const value = incident.labels[condition.key];
      return value !== undefined && new RegExp(condition.pattern, condition.flags).test(value);
    }
    case 'label_exists':
      return Object.hasOwn(incident.labels, condition.key);
    case 'title_contains':
      return incident.title.toLowerCase().includes(condition.value.toLowerCase());
  }
}

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'severity_in':
      return `severity in ${c.severities.join('/')}`;
    case 'channel_in':
      return `channel in ${c.channelIds.join('/')}`;
    case 'label_equals':
      return `label ${c.key} = "${c.value}"`;
    case 'label_contains':
      return `label ${c.key} contains "${c.value}"`;
    case 'label_matches':
      return `label ${c.key} matches /${c.pattern}/${c.flags}`;
    case 'label_exists':
      return `label ${c.key} exists`;
    case 'title_contains':
      return `title contains "${c.value}"`;
  }
}

export interface ConditionOutcome {
  matched: boolean;
  /** The conditions that did not hold, for the log. */
  failed: string[];
}

/**
 * Auto-trigger conditions: "all" needs every one, "any" at least one; no conditions match every incident. Contains
 * checks ignore case.
 */
export function evaluateTrigger(
  trigger: Extract<Trigger, { mode: 'auto' }>,
  incident: IncidentSnapshot,
): ConditionOutcome {
  const failed = trigger.conditions.filter((c) => !holds(c, incident)).map(describeCondition);
  if (trigger.conditions.length === 0) return { matched: true, failed: [] };
  const matched = trigger.match === 'all' ? failed.length === 0 : failed.length < trigger.conditions.length;
  return { matched, failed };
}
