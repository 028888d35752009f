import { AppError } from '../../common/errors';

/**
 * Codes the rest of the app branches on. `sdp.auth` is the one that means "a human must fix the
 * credentials" (bad API key, revoked refresh token): the engine parks the integration on it.
 */
export type SdpErrorCode =
  | 'sdp.invalid_value'
  | 'sdp.mandatory_missing'
  | 'sdp.not_found'
  | 'sdp.forbidden'
  | 'sdp.rate_limited'
  | 'sdp.auth'
  | 'sdp.read_only_field'
  | 'sdp.not_unique'
  | 'sdp.license'
  | 'sdp.server'
  | 'sdp.failed'
  | 'sdp.bad_response'
  | 'sdp.network'
  | 'sdp.tls'
  | 'sdp.invalid_input'
  | 'sdp.oauth.invalid_code'
  | 'sdp.oauth.invalid_client'
  | 'sdp.oauth.rate_limited'
  | 'sdp.oauth.error';

export interface SdpErrorInit {
  httpStatus?: number;
  sdpStatusCode?: number;
  fields?: string[];
  retryable?: boolean;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class SdpError extends AppError {
  readonly httpStatus: number | undefined;
  readonly sdpStatusCode: number | undefined;
  readonly fields: string[];

  constructor(code: SdpErrorCode, message: string, init: SdpErrorInit = {}) {
    super(code, message, {
      details: {
        ...(init.httpStatus === undefined ? {} : { httpStatus: init.httpStatus }),
        ...(init.sdpStatusCode === undefined ? {} : { sdpStatusCode: init.sdpStatusCode }),
        ...(init.fields && init.fields.length > 0 ? { fields: init.fields } : {}),
        ...init.details,
      },
      retryable: init.retryable ?? false,
      ...(init.retryAfterMs === undefined ? {} : { retryAfterMs: init.retryAfterMs }),
      ...(init.cause === undefined ? {} : { cause: init.cause }),
    });
    this.name = 'SdpError';
    this.httpStatus = init.httpStatus;
    this.sdpStatusCode = init.sdpStatusCode;
    this.fields = init.fields ?? [];
  }
}

/** One failure message out of SDP's `response_status.messages[]`, already validated. */
export interface SdpFailureMessage {
  statusCode?: number;
  message?: string;
  fields: string[];
}

export interface SdpFailureFacts {
  httpStatus: number;
  edition: 'cloud' | 'onprem';
  /** The first failure message SDP sent (the one the official client reports), if any. */
  failure?: SdpFailureMessage;
  /** The raw body text, when it was not the SDP envelope (HTML page, plain text). */
  rawText?: string;
  retryAfterMs?: number;
}

const URL_BLOCKED = /URL blocked/i;

function fieldList(fields: string[]): string {
  return fields.map((f) => `"${f}"`).join(', ');
}

function sdpSaid(failure: SdpFailureMessage | undefined): string {
  return failure?.message ? ` SDP said: ${failure.message}` : '';
}

/** SDP understood the call and refused it: a value, a field, a permission or a record is wrong. */
function refusalOfCall(
  code: number | undefined,
  httpStatus: number,
  fields: string[],
  failure: SdpFailureMessage | undefined,
  base: ConstructorParameters<typeof SdpError>[2],
): SdpError | undefined {
  if (code === 4012) {
    return new SdpError(
      'sdp.mandatory_missing',
      `ServiceDesk Plus requires ${fields.length > 0 ? fieldList(fields) : 'a field that was not sent'} for this request template. Map a value for it in the sync settings, or choose a template that does not require it.${sdpSaid(failure)}`,
      base,
    );
  }
  if (code === 4001 || code === 4021 || code === 4016) {
    return new SdpError(
      'sdp.invalid_value',
      `ServiceDesk Plus rejected the value for ${fields.length > 0 ? fieldList(fields) : 'a field'}. Pick a value that exists in SDP (reload the lists in the connection settings) and check the mapping.${sdpSaid(failure)}`,
      base,
    );
  }
  if (code === 4009 || code === 4014) {
    return new SdpError(
      'sdp.read_only_field',
      `ServiceDesk Plus does not allow editing ${fields.length > 0 ? fieldList(fields) : 'a field that was sent'}. Remove it from the sync mapping.${sdpSaid(failure)}`,
      base,
    );
  }
  if (code === 4002 || httpStatus === 403) {
    return new SdpError(
      'sdp.forbidden',
      `The SDP user behind these credentials may not do this. Give that technician the needed role (or the OAuth token the needed scope) in ServiceDesk Plus.${sdpSaid(failure)}`,
      base,
    );
  }
  if (code === 4007 || httpStatus === 404) {
    return new SdpError(
      'sdp.not_found',
      `ServiceDesk Plus could not find this resource. The request may have been deleted, or the API endpoint or portal in the connection settings is wrong.${sdpSaid(failure)}`,
      base,
    );
  }
  if (code === 4008) {
    return new SdpError('sdp.not_unique', `ServiceDesk Plus reports a duplicate value.${sdpSaid(failure)}`, base);
  }
  if (code === 7001) {
    return new SdpError(
      'sdp.license',
      `The ServiceDesk Plus licence does not allow this operation.${sdpSaid(failure)}`,
      base,
    );
  }
  return undefined;
}

/**
 * Maps one failed SDP response to the typed error. Pure so the whole table is testable without
 * a server: the HTTP status and SDP's inner code can disagree (200 + 4001, 400 + 4015), so both count.
 */
export function sdpFailureToError(facts: SdpFailureFacts): SdpError {
  const { httpStatus, failure, rawText, retryAfterMs } = facts;
  const code = failure?.statusCode;
  const fields = failure?.fields ?? [];
  // The edition and SDP's own words go along as data, so the UI can word the error in its language.
  const said = failure?.message ? { sdpMessage: failure.message } : {};
  const base = {
    httpStatus,
    ...(code === undefined ? {} : { sdpStatusCode: code }),
    fields,
    details: { edition: facts.edition, ...said },
  };
  const blocked = URL_BLOCKED.test(rawText ?? '') || URL_BLOCKED.test(failure?.message ?? '');

  if (code === 4015 || httpStatus === 429 || blocked) {
    return new SdpError(
      'sdp.rate_limited',
      blocked
        ? "ServiceDesk Plus is throttling this API (URL blocked: maximum access limit exceeded). DeskBridge will slow down and retry; if it keeps happening, ask the SDP admin to raise the throttle limit or lower DeskBridge's call rate."
        : 'ServiceDesk Plus rate limit reached. DeskBridge will slow down and retry; lower the call rate in the connection settings if it keeps happening.',
      {
        ...base,
        details: { ...base.details, ...(blocked ? { blocked: true } : {}) },
        retryable: true,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    );
  }
  if (code === 4022 || httpStatus === 401) {
    return new SdpError(
      'sdp.auth',
      facts.edition === 'onprem'
        ? 'ServiceDesk Plus rejected the API key. It may be wrong, expired, or its user disabled: generate a new key in SDP (Admin → Technicians → API key) and update the connection.'
        : 'ServiceDesk Plus rejected the access token even after a refresh. Check that the refresh token belongs to this portal and data centre and has the scopes of Integration → Connection, or reconnect with a new grant code.',
      base,
    );
  }
  const refusal = refusalOfCall(code, httpStatus, fields, failure, base);
  if (refusal) return refusal;
  if (httpStatus >= 500 || code === 4004) {
    return new SdpError(
      'sdp.server',
      `ServiceDesk Plus had an internal error (HTTP ${httpStatus}). DeskBridge will retry; if it persists, check the SDP server.`,
      { ...base, retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  if (failure === undefined) {
    return new SdpError(
      'sdp.bad_response',
      `ServiceDesk Plus answered with something that is not its API (HTTP ${httpStatus}, ${describeBody(rawText)}). A proxy or login page may sit in front of it: check the API endpoint in the connection settings.`,
      { ...base, details: { ...base.details, body: bodyKind(rawText) } },
    );
  }
  return new SdpError(
    'sdp.failed',
    `ServiceDesk Plus refused the call (code ${code ?? 'unknown'}).${sdpSaid(failure)}`,
    base,
  );
}

function bodyKind(rawText: string | undefined): 'empty' | 'html' | 'other' {
  if (rawText === undefined || rawText.trim() === '') return 'empty';
  return /<html|<!doctype/i.test(rawText) ? 'html' : 'other';
}

const BODY_WORDS = { empty: 'an empty body', html: 'an HTML page', other: 'a body that is not SDP JSON' } as const;

export function describeBody(rawText: string | undefined): string {
  return BODY_WORDS[bodyKind(rawText)];
}

/**
 * Zoho's token endpoint answers errors as HTTP 200 + `{"error": "..."}`. During the connect form
 * (`phase: 'exchange'`) they are form errors; during a background refresh a permanent one means the
 * stored refresh token is dead, which is `sdp.auth` so the engine asks a human.
 */
export function zohoErrorToError(error: string, phase: 'exchange' | 'refresh', retryAfterMs: number): SdpError {
  const details = { zohoError: error };
  if (/access denied|too many requests/i.test(error)) {
    return new SdpError(
      'sdp.oauth.rate_limited',
      'Zoho blocked new access tokens for this refresh token (at most 10 per 10 minutes). Wait a few minutes; DeskBridge caches tokens and will try again.',
      { details, retryable: true, retryAfterMs },
    );
  }
  if (phase === 'refresh') {
    return new SdpError(
      'sdp.auth',
      error === 'invalid_client' || error === 'invalid_client_secret'
        ? 'Zoho no longer accepts the client ID/secret of this connection. Check the Self Client in the Zoho API console, then reconnect.'
        : 'The stored Zoho refresh token was revoked or is invalid. Generate a new grant code in the Zoho API console and reconnect.',
      { details },
    );
  }
  if (error === 'invalid_code') {
    return new SdpError(
      'sdp.oauth.invalid_code',
      'The grant code expired or was already used. Generate a new one in the Zoho API console (it is valid for up to 10 minutes and works once) and paste it right away.',
      { details },
    );
  }
  if (error === 'invalid_client' || error === 'invalid_client_secret') {
    return new SdpError(
      'sdp.oauth.invalid_client',
      'Zoho does not recognise this client ID/secret. Check both values, and that the data centre (accounts server) is the one where the Self Client was created.',
      { details },
    );
  }
  return new SdpError(
    'sdp.oauth.error',
    `Zoho refused the token request: ${error}. Check the connection settings and try again.`,
    {
      details,
    },
  );
}
