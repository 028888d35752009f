import { z } from 'zod';

/**
 * The SDP → DeskBridge webhook. SDP has no fixed event schema: the admin pastes a JSON body with
 * placeholders, and whether SDP JSON-escapes substituted values is unconfirmed. So the webhook is
 * only a notification: the request ID (always digits) comes first, the epoch-ms time second, and
 * free text last, so the ID survives a raw substitution that breaks the JSON.
 */
const FIELDS: { key: string; path: string }[] = [
  { key: 'request_id', path: 'id' },
  { key: 'last_updated_time', path: 'last_updated_time.value' },
  { key: 'status', path: 'status.name' },
  { key: 'priority', path: 'priority.name' },
  { key: 'subject', path: 'subject' },
];

export type SdpEdition = 'cloud' | 'onprem';

function sdpPlaceholder(edition: SdpEdition, path: string): string {
  return edition === 'cloud' ? `\${${path}}` : `\${{request.${path}}}`;
}

/** The body text an admin pastes into SDP's webhook (Message Body: JSON). */
export function sdpWebhookBodyTemplate(edition: SdpEdition): string {
  const lines = FIELDS.map(({ key, path }) => `  "${key}": "${sdpPlaceholder(edition, path)}"`);
  return `{\n${lines.join(',\n')}\n}`;
}

export interface SdpWebhookNotice {
  ok: true;
  requestId: string;
  /** Epoch ms, when SDP filled it in. */
  lastUpdatedTime?: number;
  status?: string;
  priority?: string;
  subject?: string;
  /** True when the body was not valid JSON and only the leading fields could be recovered. */
  recovered: boolean;
}

export type SdpWebhookParseResult = SdpWebhookNotice | { ok: false; error: string };

const Body = z.looseObject({
  request_id: z.union([z.string(), z.number()]),
  last_updated_time: z.union([z.string(), z.number()]).optional(),
  status: z.string().optional(),
  priority: z.string().optional(),
  subject: z.string().optional(),
});

const UNSUBSTITUTED = /\$\{\{?\s*(request\.)?id\s*\}?\}/;

function epochMs(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The first `"key": "value"` pair with a simple value; user text comes after the fields we need. */
function grab(raw: string, key: string, valuePattern: string): string | undefined {
  return new RegExp(`"${key}"\\s*:\\s*"(${valuePattern})"`).exec(raw)?.[1];
}

export function parseSdpWebhookBody(raw: string): SdpWebhookParseResult {
  if (raw.trim() === '')
    return {
      ok: false,
      error:
        "The SDP webhook body is empty. Paste the DeskBridge body template into the webhook's Message Body (type JSON).",
    };
  if (UNSUBSTITUTED.test(raw)) {
    return {
      ok: false,
      error:
        'SDP sent the placeholders unfilled (e.g. "${id}"). The placeholder syntax does not match this SDP edition: use the body template DeskBridge shows for your edition (cloud ${...}, on-prem ${{request....}}).',
    };
  }
  let json: unknown;
  try {
    // Quote a bare request_id so an 18-digit ID cannot lose digits in JSON.parse.
    json = JSON.parse(raw.replace(/("request_id"\s*:\s*)(\d+)(?=\s*[,}])/, '$1"$2"'));
  } catch {
    json = undefined;
  }
  if (json !== undefined) {
    const body = Body.safeParse(json);
    if (!body.success) {
      return {
        ok: false,
        error:
          'The SDP webhook body has no "request_id". Use the DeskBridge body template for the webhook\'s Message Body.',
      };
    }
    const id = String(body.data.request_id).trim();
    if (!/^\d+$/.test(id))
      return {
        ok: false,
        error: `The SDP webhook sent request_id "${id.slice(0, 40)}", which is not an SDP request ID.`,
      };
    const lastUpdatedTime = epochMs(body.data.last_updated_time);
    const status = nonEmpty(body.data.status);
    const priority = nonEmpty(body.data.priority);
    const subject = body.data.subject;
    return {
      ok: true,
      requestId: id,
      ...(lastUpdatedTime === undefined ? {} : { lastUpdatedTime }),
      ...(status === undefined ? {} : { status }),
      ...(priority === undefined ? {} : { priority }),
      ...(subject === undefined ? {} : { subject }),
      recovered: false,
    };
  }
  // Raw substitution broke the JSON (a quote or newline in a value): keep what sits before the damage.
  const id = grab(raw, 'request_id', '\\d+');
  if (id === undefined) {
    return {
      ok: false,
      error:
        'The SDP webhook body is not valid JSON and no request ID could be found in it. Use the DeskBridge body template, with "request_id" first.',
    };
  }
  const lastUpdatedTime = epochMs(grab(raw, 'last_updated_time', '\\d+'));
  return { ok: true, requestId: id, ...(lastUpdatedTime === undefined ? {} : { lastUpdatedTime }), recovered: true };
}
