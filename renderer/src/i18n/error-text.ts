import { en } from './en';
import { locale, placeholders, translate, type Language, type StringKey } from './index';
import { SECRET_LABEL } from './secret-labels';

type Details = Record<string, unknown>;
type Params = Record<string, string | number>;
/**
 * The string to show for one error code: its key and parameters, or null when the details do not fit one.
 * `lang` words the values a rule puts in (a secret's name, a time), in the language of the whole sentence.
 */
type Rule = (d: Details, lang: Language) => readonly [StringKey, Params?] | null;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** Only keys that exist: a code the table names with a variant it lacks falls back to the English message. */
const key = (name: string): StringKey | null => (Object.hasOwn(en, name) ? (name as StringKey) : null);

const secretName = (slot: unknown, lang: Language): string | undefined => {
  const label = typeof slot === 'string' ? SECRET_LABEL[slot] : undefined;
  return label === undefined ? undefined : translate(label, {}, lang);
};

const sdpAuth: Rule = (d) => {
  if (d.zohoError === 'invalid_client' || d.zohoError === 'invalid_client_secret') return ['err_sdp.auth_client'];
  if (d.zohoError !== undefined) return ['err_sdp.auth_revoked'];
  return [d.edition === 'cloud' ? 'err_sdp.auth_cloud' : 'err_sdp.auth_onprem'];
};

const clockTime = (ms: unknown, lang: Language): string | undefined =>
  typeof ms === 'number' ? new Date(ms).toLocaleTimeString(lang) : undefined;

const vaultUnavailable: Rule = (d) => {
  // A keychain that did not answer reads the same everywhere; the other failures are told apart on Linux only.
  const name =
    d.platform === 'linux' || d.failure === 'no-answer'
      ? `err_vault.unavailable_${String(d.failure)}`
      : `err_vault.unavailable_${String(d.platform)}`;
  return [key(name) ?? (d.platform === 'linux' ? 'err_vault.unavailable_inaccessible' : 'err_vault.unavailable_other')];
};

/** A secret the environment provides, which the keychain calls must leave alone: named in the reader's language. */
const envManaged =
  (key: StringKey): Rule =>
  (d, lang) => {
    const secret = secretName(d.slot, lang);
    return secret === undefined ? null : [key, { secret }];
  };

const missingSecret: Rule = (d, lang) => {
  const secret = secretName(d.slot, lang);
  if (secret === undefined) return null;
  return d.env === undefined
    ? ['err_secrets.missing', { secret }]
    : ['err_secrets.missing_env', { secret, env: String(d.env) }];
};

/** Codes whose wording depends on their details; every other code with an `err_<code>` key is worded as is. */
const RULES: Record<string, Rule> = {
  'sdp.auth': sdpAuth,
  'sdp.forbidden': (d) => (text(d.scope) ? ['err_sdp.forbidden_scope'] : ['err_sdp.forbidden']),
  'sdp.rate_limited': (d) => [d.blocked ? 'err_sdp.rate_limited_blocked' : 'err_sdp.rate_limited'],
  'sdp.network': (d) => [d.sent ? 'err_sdp.network_sent' : 'err_sdp.network'],
  'sdp.tls': (d) => [d.networkCode === 'ERR_SDP_CERT_PIN_MISMATCH' ? 'err_sdp.tls_pin' : 'err_sdp.tls'],
  'sdp.oauth.rate_limited': (d, lang) => {
    const time = clockTime(d.freeAt, lang);
    return time === undefined ? ['err_sdp.oauth.rate_limited_zoho'] : ['err_sdp.oauth.rate_limited', { time }];
  },
  'sdp.oauth.invalid_client': (d) => [
    text(d.dataCentre) ? 'err_sdp.oauth.invalid_client_dc' : 'err_sdp.oauth.invalid_client',
  ],
  'sdp.oauth.scope': (d) => [
    text(d.scope) ? 'err_sdp.oauth.scope_named' : text(d.portal) ? 'err_sdp.oauth.scope_portal' : 'err_sdp.oauth.scope',
  ],
  'flashduty.access_denied': (d) =>
    text(d.permission) ? ['err_flashduty.access_denied_permission'] : ['err_flashduty.access_denied'],
  'ingress.relay_unreachable': (d) => [
    text(d.httpStatus) ? 'err_ingress.relay_unreachable_status' : 'err_ingress.relay_unreachable_network',
  ],
  'secrets.missing': missingSecret,
  'vault.unavailable': vaultUnavailable,
  'vault.failed': (d, lang) => {
    const operation = key(`vaultOp_${String(d.operation)}`);
    return operation === null ? null : ['err_vault.failed', { operation: translate(operation, {}, lang) }];
  },
  'vault.invalid_input': (d) => (d.field === 'value' ? ['err_vault.invalid_input'] : null),
  'vault.env_managed': envManaged('err_vault.env_managed'),
  'connections.env_managed': envManaged('err_connections.env_managed'),
  'connections.invalid_input': (d) => {
    const field = Array.isArray(d.fields) ? text(d.fields[0]) : undefined;
    const k = key(`err_connections.invalid_input_${field}`);
    return k === null ? null : [k];
  },
};

/** Facts shown after the sentence: what the API itself said (quoted), the fields it named, a support ID. */
function suffixes(code: string, d: Details, lang: Language): string[] {
  const out: string[] = [];
  const say = (k: StringKey, params: Params = {}) => out.push(translate(k, params, lang));
  if (Array.isArray(d.fields) && d.fields.length > 0 && code.startsWith('sdp.'))
    say('errFields', { fields: d.fields.map(String).join(', ') });
  if (text(d.sdpMessage)) say('errApiSaid_sdp', { text: text(d.sdpMessage)! });
  if (text(d.serverMessage)) say('errApiSaid_flashduty', { text: text(d.serverMessage)! });
  if (text(d.requestId)) say('errRequestId', { id: text(d.requestId)! });
  if (code === 'vault.unavailable' && d.platform !== 'darwin') say('errVaultHeadless');
  if (d.nothingStored) say('connectNothingStored');
  return out;
}

/** Every string and number of the details as a parameter, so a sentence can name the host, status or scope. */
function detailParams(d: Details): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(d)) {
    const said = text(value);
    if (said !== undefined) params[name] = said;
  }
  return params;
}

/** Sentences one after another: Chinese sentences end in a full stop that needs no space after it. */
export function joinSentences(sentences: readonly string[], lang: Language = locale()): string {
  return sentences.join(lang === 'zh-CN' ? '' : ' ');
}

/** The string `name` filled with `params`, or null when there is no such string or a parameter it needs is missing. */
export function worded(name: string, params: Params, lang: Language = locale()): string | null {
  const k = key(name);
  if (k === null || placeholders(en[k]).some((p) => !Object.hasOwn(params, p))) return null;
  return translate(k, params, lang);
}

/**
 * An error in `lang` (the chosen language by default) from its code and details, or null when this
 * code (or the details it came with) has no wording here: the caller then shows the English message.
 * Pure and DOM-free: the window and the tray word errors through it alike.
 */
export function describeError(code: string, details: Details = {}, lang: Language = locale()): string | null {
  const rule = RULES[code];
  const chosen = rule
    ? rule(details, lang)
    : key(`err_${code}`) === null
      ? null
      : ([`err_${code}` as StringKey] as const);
  if (chosen === null) return null;
  const [name, extra] = chosen;
  const sentence = worded(name, { ...detailParams(details), ...extra }, lang);
  return sentence === null ? null : joinSentences([sentence, ...suffixes(code, details, lang)], lang);
}
