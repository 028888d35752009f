import { AppError } from '../../../shared/common/errors';
import { redactText } from '../../../shared/node/net/redact';

/**
 * The SDK reports failures as plain Errors whose message ends in `error_code: ERR_NGROK_<n>` for
 * refusals from ngrok's service (it copies that into `errorCode` only for some calls); transport
 * failures carry no code. ngrok echoes the authtoken in some messages, so text is always redacted.
 */
const CODE = /error_code: (ERR_NGROK_\d+)\s*$/;

interface Rule {
  code: string;
  message: string;
  retryable: boolean;
}

const DASHBOARD = 'https://dashboard.ngrok.com';

const AUTHTOKEN: Rule = {
  code: 'ingress.ngrok_authtoken',
  message: `ngrok refused the authtoken. Copy it again from ${DASHBOARD}/get-started/your-authtoken and save it in DeskBridge (Integration → Inbound → ngrok).`,
  retryable: false,
};
const DOMAIN: Rule = {
  code: 'ingress.ngrok_domain',
  message: `ngrok will not serve that domain for this account. Reserve it at ${DASHBOARD}/domains (with the account whose authtoken DeskBridge uses), or clear the domain to use the one ngrok assigns.`,
  retryable: false,
};
const PLAN: Rule = {
  code: 'ingress.ngrok_plan',
  message:
    'Your ngrok plan does not allow this (e.g. reserved or custom domains). Clear the domain, or upgrade the ngrok plan.',
  retryable: false,
};

const RULES: Record<string, Rule> = {
  ERR_NGROK_105: AUTHTOKEN,
  ERR_NGROK_106: AUTHTOKEN,
  ERR_NGROK_107: AUTHTOKEN,
  ERR_NGROK_300: AUTHTOKEN,
  ERR_NGROK_4018: AUTHTOKEN,
  ERR_NGROK_319: DOMAIN,
  ERR_NGROK_320: DOMAIN,
  ERR_NGROK_354: DOMAIN,
  ERR_NGROK_7117: DOMAIN,
  ERR_NGROK_7118: DOMAIN,
  ERR_NGROK_310: PLAN,
  ERR_NGROK_313: PLAN,
  ERR_NGROK_314: PLAN,
  ERR_NGROK_401: PLAN,
  ERR_NGROK_108: {
    code: 'ingress.ngrok_session_limit',
    message: `The ngrok account already has as many agents online as its plan allows. Stop the other ngrok agent (see ${DASHBOARD}/agents) or use another authtoken; DeskBridge keeps retrying.`,
    retryable: true,
  },
  ERR_NGROK_334: {
    code: 'ingress.ngrok_domain_in_use',
    message: `Another ngrok agent is already serving this domain. Stop it (see ${DASHBOARD}/endpoints); DeskBridge keeps retrying.`,
    retryable: true,
  },
  ERR_NGROK_120: {
    code: 'ingress.ngrok_outdated',
    message: 'ngrok no longer accepts this version of its connector. Update DeskBridge.',
    retryable: false,
  },
  ERR_NGROK_121: {
    code: 'ingress.ngrok_outdated',
    message: 'ngrok no longer accepts this version of its connector. Update DeskBridge.',
    retryable: false,
  },
};

export function ngrokErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'errorCode' in error && typeof error.errorCode === 'string')
    return error.errorCode;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return CODE.exec(message)?.[1];
}

/** An SDK failure (thrown Error or the disconnect handler's message) as an AppError; never carries the token. */
export function ngrokError(error: unknown, authtoken: string): AppError {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  const ngrokCode = ngrokErrorCode(error);
  const detail = redactText(raw, [authtoken]).slice(0, 500);
  const details = { ngrokCode: ngrokCode ?? null, detail };
  if (ngrokCode === undefined) {
    return new AppError(
      'ingress.ngrok_unreachable',
      'Cannot reach ngrok (network down, or a firewall blocks outbound connections to ngrok). Retrying; polling keeps changes flowing meanwhile.',
      { retryable: true, details },
    );
  }
  const rule = RULES[ngrokCode];
  if (rule) return new AppError(rule.code, rule.message, { retryable: rule.retryable, details });
  return new AppError(
    'ingress.ngrok_refused',
    `ngrok refused the tunnel (${ngrokCode}). Look the code up at https://ngrok.com/docs/errors/${ngrokCode.toLowerCase()}/ and fix the account or settings it names.`,
    { retryable: false, details },
  );
}
