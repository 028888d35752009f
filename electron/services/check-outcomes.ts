import type { CheckId, ConnectionCheck, MessageParams } from '../../shared/common/contract';
import { isAppError } from '../../shared/common/errors';
import { redactText } from '../../shared/node/net/redact';
import type { CheckFix } from './connection-fixes';

/** Each check in English, for the integration's status line and the log (the UI words them itself). */
export const CHECK_LABELS: Record<CheckId, string> = {
  'sdp.connect': 'Reach ServiceDesk Plus and sign in',
  'sdp.templates': 'Read request templates',
  'sdp.priorities': 'Read priorities',
  'sdp.statuses': 'Read statuses',
  'sdp.technicians': 'Read technicians',
  'sdp.groups': 'Read support groups',
  'sdp.users': 'Read requesters',
  'sdp.metainfo': 'Read custom fields (request metainfo)',
  'sdp.requests.read': 'Read requests',
  'sdp.requests.write': 'Create and update requests',
  'flashduty.connect': 'Reach Flashduty and identify the app key',
  'flashduty.incidents.read': 'Read incidents',
  'flashduty.incidents.manage': 'Manage incidents',
  'flashduty.channels.read': 'Read channels',
};

/** Keeps every message free of the secrets this test resolved, whatever an upstream error said. */
export class Scrubber {
  private readonly secrets: string[] = [];
  add(value: string): string {
    this.secrets.push(value);
    return value;
  }
  text(value: string): string {
    return redactText(value, this.secrets);
  }
}

export type Outcome = { ok: true; result: ConnectionCheck['result'] } | { ok: false; error: unknown };

export const passed = (code: string, params: MessageParams = {}): Outcome => ({ ok: true, result: { code, params } });

export async function attempt(run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * An error's details as message parameters: text and numbers as they are, lists joined, flags as 1.
 * Nested values (problem lists) stay out; every text is scrubbed of the secrets in play.
 */
export function errorParams(details: Record<string, unknown> | undefined, scrub: Scrubber): MessageParams {
  const params: MessageParams = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value === 'string') params[key] = scrub.text(value);
    else if (typeof value === 'number') params[key] = value;
    else if (value === true) params[key] = 1;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      params[key] = scrub.text(value.join(', '));
  }
  return params;
}

export function toCheck(
  id: CheckId,
  outcome: Outcome,
  scrub: Scrubber,
  fixFor: (error: unknown) => CheckFix | undefined,
): ConnectionCheck {
  if (outcome.ok) return { id, ok: true, result: outcome.result };
  const { error } = outcome;
  const fix = fixFor(error);
  return {
    id,
    ok: false,
    result: isAppError(error)
      ? { code: error.code, params: errorParams(error.details, scrub) }
      : { code: 'internal', params: {} },
    fallback: scrub.text(error instanceof Error ? error.message : String(error)),
    ...(fix === undefined ? {} : { fix }),
  };
}

export function notRun(id: CheckId, blocker: CheckId): ConnectionCheck {
  return {
    id,
    ok: false,
    result: { code: 'not_run', params: { blocker } },
    fallback: `Not run: "${CHECK_LABELS[blocker]}" failed first.`,
  };
}
