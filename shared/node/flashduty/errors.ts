import { AppError } from '../../common/errors';

/** AppError codes a Flashduty call can fail with; the engine branches on these. */
export type FlashdutyErrorCode =
  | 'flashduty.unauthorized'
  | 'flashduty.access_denied'
  | 'flashduty.invalid_parameter'
  | 'flashduty.not_found'
  | 'flashduty.plan_required'
  | 'flashduty.conflict'
  | 'flashduty.locked'
  | 'flashduty.route_not_found'
  | 'flashduty.rate_limited'
  | 'flashduty.server'
  | 'flashduty.network'
  | 'flashduty.bad_response';

export interface FlashdutyErrorInit {
  /** Operation path, e.g. `/incident/ack`; never the full URL (it carries the app key). */
  path?: string;
  httpStatus?: number;
  fdCode?: string;
  requestId?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export class FlashdutyError extends AppError {
  readonly httpStatus: number | undefined;
  /** Flashduty's own `error.code` (e.g. `ResourceNotFound`), when the server sent one. */
  readonly fdCode: string | undefined;
  /** Flashduty `request_id`; quote it to Flashduty support. */
  readonly requestId: string | undefined;

  constructor(code: FlashdutyErrorCode, message: string, init: FlashdutyErrorInit = {}) {
    super(code, message, {
      retryable: init.retryable ?? false,
      ...(init.retryAfterMs === undefined ? {} : { retryAfterMs: init.retryAfterMs }),
      details: {
        ...init.details,
        ...(init.path === undefined ? {} : { path: init.path }),
        ...(init.httpStatus === undefined ? {} : { httpStatus: init.httpStatus }),
        ...(init.fdCode === undefined ? {} : { fdCode: init.fdCode }),
        ...(init.requestId === undefined ? {} : { requestId: init.requestId }),
      },
    });
    this.name = 'FlashdutyError';
    this.httpStatus = init.httpStatus;
    this.fdCode = init.fdCode;
    this.requestId = init.requestId;
  }
}

/** The permission the app key's user needs for an operation, as Flashduty's console names it. */
export function requiredPermission(path: string): string | undefined {
  if (!path.startsWith('/incident/')) return undefined;
  const reads = ['/incident/list', '/incident/info', '/incident/list-by-ids', '/incident/feed'];
  return reads.includes(path) ? 'Incidents Read' : 'Incidents Manage';
}

interface CodeRule {
  code: FlashdutyErrorCode;
  retryable: boolean;
  message: (ctx: { path: string; serverMessage: string }) => string;
}

const withServer = (text: string, serverMessage: string): string =>
  serverMessage === '' ? text : `${text} Flashduty said: "${serverMessage}"`;

/** Every code of Flashduty's error table, mapped to what the user can do about it. */
const CODE_RULES: Record<string, CodeRule> = {
  Unauthorized: {
    code: 'flashduty.unauthorized',
    retryable: false,
    message: () =>
      'Flashduty rejected the app key: it is invalid or revoked. Create a new APP key in Flashduty (Account Settings → APP Key) and enter it in DeskBridge.',
  },
  AccessDenied: {
    code: 'flashduty.access_denied',
    retryable: false,
    message: ({ path }) => {
      const permission = requiredPermission(path);
      return permission === undefined
        ? `The app key's Flashduty user is not allowed to call ${path}. Give that user the needed role, or use a key of a user who has it.`
        : `The app key's Flashduty user lacks the "${permission}" permission needed for ${path}. Grant it in Flashduty (Account Settings → Roles), or use a key of a user who has it.`;
    },
  },
  InvalidParameter: {
    code: 'flashduty.invalid_parameter',
    retryable: false,
    message: ({ path, serverMessage }) =>
      withServer(`Flashduty refused the request to ${path} as invalid.`, serverMessage),
  },
  BadRequest: {
    code: 'flashduty.invalid_parameter',
    retryable: false,
    message: ({ path, serverMessage }) => withServer(`Flashduty refused the request to ${path}.`, serverMessage),
  },
  InvalidContentType: {
    code: 'flashduty.invalid_parameter',
    retryable: false,
    message: ({ path }) => `Flashduty refused the request to ${path}: the body was not sent as JSON.`,
  },
  EntityTooLarge: {
    code: 'flashduty.invalid_parameter',
    retryable: false,
    message: ({ path }) =>
      `Flashduty refused the request to ${path}: the body is too large. Shorten the text being sent.`,
  },
  ResourceNotFound: {
    code: 'flashduty.not_found',
    retryable: false,
    message: ({ path, serverMessage }) =>
      withServer(
        `Flashduty could not find what ${path} refers to; it may have been deleted or belong to another account.`,
        serverMessage,
      ),
  },
  NoLicense: {
    code: 'flashduty.plan_required',
    retryable: false,
    message: ({ path }) =>
      `The Flashduty account's plan does not include ${path}. Upgrade the plan or turn off the feature in DeskBridge.`,
  },
  BalanceNotEnough: {
    code: 'flashduty.plan_required',
    retryable: false,
    message: () => 'The Flashduty account has run out of balance. Top up the account in Flashduty billing.',
  },
  UndonedOrderExist: {
    code: 'flashduty.plan_required',
    retryable: false,
    message: () => 'The Flashduty account has an unfinished billing order. Complete or cancel it in Flashduty billing.',
  },
  ReferenceExist: {
    code: 'flashduty.conflict',
    retryable: false,
    message: ({ path }) => `Flashduty refused ${path} because other objects still refer to the target.`,
  },
  RequestLocked: {
    code: 'flashduty.locked',
    retryable: false,
    message: () =>
      'Flashduty temporarily locked this app key after repeated failures. Wait a while, then check the key.',
  },
  RequestVerifyRequired: {
    code: 'flashduty.locked',
    retryable: false,
    message: ({ path }) => `Flashduty requires interactive verification for ${path}; do it in the Flashduty console.`,
  },
  DangerousOperation: {
    code: 'flashduty.locked',
    retryable: false,
    message: ({ path }) => `Flashduty requires interactive verification for ${path}; do it in the Flashduty console.`,
  },
  RouteNotFound: {
    code: 'flashduty.route_not_found',
    retryable: false,
    message: ({ path }) =>
      `Flashduty does not know the operation ${path}. Check the API base URL in DeskBridge's Flashduty settings.`,
  },
  MethodNotAllowed: {
    code: 'flashduty.route_not_found',
    retryable: false,
    message: ({ path }) =>
      `Flashduty does not accept ${path} this way. Check the API base URL in DeskBridge's Flashduty settings.`,
  },
  RequestTooFrequently: {
    code: 'flashduty.rate_limited',
    retryable: true,
    message: () => 'Flashduty is rate-limiting this account (too many requests). DeskBridge will slow down and retry.',
  },
  InternalError: {
    code: 'flashduty.server',
    retryable: true,
    message: () =>
      'Flashduty had an internal error. DeskBridge will retry; if it persists, check status.flashcat.cloud.',
  },
  ServiceUnavailable: {
    code: 'flashduty.server',
    retryable: true,
    message: () => 'Flashduty is temporarily unavailable. DeskBridge will retry.',
  },
};

export const KNOWN_FLASHDUTY_CODES = Object.keys(CODE_RULES);

/** Fallback when the body carries no known code: decide from the HTTP status alone. */
function ruleForStatus(status: number): CodeRule {
  if (status === 401) return CODE_RULES.Unauthorized!;
  if (status === 403) return CODE_RULES.AccessDenied!;
  if (status === 404) return CODE_RULES.RouteNotFound!;
  if (status === 429) return CODE_RULES.RequestTooFrequently!;
  if (status >= 500) return CODE_RULES.InternalError!;
  return CODE_RULES.BadRequest!;
}

/** Builds the typed error for a failed envelope (or a bare HTTP failure when `fdCode` is absent). */
export function errorFromResponse(input: {
  path: string;
  httpStatus: number;
  fdCode?: string;
  serverMessage?: string;
  requestId?: string;
  retryAfterMs?: number;
}): FlashdutyError {
  const rule = (input.fdCode !== undefined ? CODE_RULES[input.fdCode] : undefined) ?? ruleForStatus(input.httpStatus);
  const permission = requiredPermission(input.path);
  return new FlashdutyError(rule.code, rule.message({ path: input.path, serverMessage: input.serverMessage ?? '' }), {
    // Flashduty's own words and the permission go along as data, so the UI can word the error in its language.
    details: {
      ...(input.serverMessage ? { serverMessage: input.serverMessage } : {}),
      ...(permission === undefined ? {} : { permission }),
    },
    path: input.path,
    httpStatus: input.httpStatus,
    ...(input.fdCode === undefined ? {} : { fdCode: input.fdCode }),
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
    retryable: rule.retryable,
    ...(rule.retryable && input.retryAfterMs !== undefined ? { retryAfterMs: input.retryAfterMs } : {}),
  });
}
