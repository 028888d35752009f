/**
 * Every config validation message, in English, by code. The schemas raise codes (`configError`), so
 * the UI can show a problem in the chosen language (renderer/src/i18n has each code in every
 * language) while the headless CLI, `--config` and logs print this English (`describeConfigMessage`).
 * `{name}` marks a value filled in from the problem's params.
 */
export const CONFIG_MESSAGES = {
  'config.id': 'ID: 1–64 letters, digits, "-" or "_".',
  'config.createdAt': 'Created at: a whole number of milliseconds since 1970.',
  'config.updatedAt': 'Updated at: a whole number of milliseconds since 1970.',
  'config.name.required': 'Name: give the integration a name.',
  'config.name.tooLong':
    'Name is too long ({max} characters at most); it also labels the "More actions" button in Flashduty.',
  'config.draft.boolean': 'Draft must be true or false.',
  'config.enabled.boolean': 'Enabled must be true or false.',
  'config.direction.enum': 'Sync direction must be to_sdp (Flashduty → SDP), from_sdp (SDP → Flashduty) or two_way.',
  'config.channels.tooMany': 'At most {max} channels.',
  'config.requestTemplate.text': 'Request template: enter text, or leave it empty.',
  'config.requestTemplate.tooLong': 'Request template is too long ({max} characters at most).',
  'config.requester.text': 'Requester: enter text, or leave it empty.',
  'config.requester.tooLong': 'Requester is too long ({max} characters at most).',
  'config.customFields.tooMany': 'At most {max} custom field mappings.',
  'config.customFields.udfTwice': 'SDP field "{udfKey}" is already mapped in row {row}; map each SDP field once.',
  'config.customFields.udfIsIncidentMarker': 'SDP field "{udfKey}" holds the Flashduty incident ID; map another field.',
  'config.customFields.sourceIsRequestMarker': 'Flashduty field "{field}" holds the SDP request ID; map another field.',
  'config.customFields.sourceIsRequestLink': 'Flashduty field "{field}" holds the SDP request link; map another field.',
  'config.createIncidents.boolean': 'Create incidents from requests must be true or false.',
  'config.poll.seconds': 'Polling interval: enter seconds, {min} to {max}.',
  'config.poll.whole': 'Polling interval: enter whole seconds, {min} to {max}.',
  'config.poll.min': 'Polling interval: at least {min} seconds, to stay within the APIs’ rate limits.',
  'config.poll.max': 'Polling interval: at most {max} seconds (one hour).',
  'config.commentPoll.seconds': 'Comment check: enter seconds, {min} to {max}.',
  'config.commentPoll.whole': 'Comment check: enter whole seconds, {min} to {max}.',
  'config.commentPoll.min':
    'Comment check: at least {min} seconds; each check reads one feed per open linked incident.',
  'config.commentPoll.max': 'Comment check: at most {max} seconds (one hour).',
  'config.webhooks.boolean': 'Webhooks must be true (on) or false (off).',
  'config.syncComments.boolean': 'Comment sync must be true (on) or false (off).',
  'config.pairs.tooMany': 'At most {max} field pairs in one table.',
  'config.pairs.isRequestMarker': 'Flashduty field "{field}" holds the SDP request ID; pick another field.',
  'config.pairs.isRequestLink': 'Flashduty field "{field}" holds the SDP request link; pick another field.',
  'config.pairs.isMappingSource':
    'Flashduty field "{field}" is already the source of a custom field mapping; pick another field.',
  'config.pairs.twice': 'Flashduty field "{field}" is already filled from row {row}; pick another field.',

  'config.platform.enum': 'Platform must be "cloud" (SDP On-Demand) or "onprem" (your own SDP server).',
  'config.dataCenter.enum': 'Data centre must be one of {codes}.',
  'config.apiDomain.text': 'SDP API domain: enter the host name, e.g. sdpondemand.manageengine.com.',
  'config.apiDomain.format':
    'SDP API domain: enter the host name only (no https://, no path), e.g. sdpondemand.manageengine.com.',
  'config.apiDomain.port': 'SDP API domain: the port must be a whole number from 1 to 65535.',
  'config.accountsServer.text': 'Zoho accounts server: enter an https:// address.',
  'config.accountsServer.format':
    'Zoho accounts server: enter an https:// origin with no path, e.g. https://accounts.zoho.com.',
  'config.accountsServer.port': 'Zoho accounts server: the port must be a whole number from 1 to 65535.',
  'config.portal.format':
    'Portal: enter the portal name shown after /app/ in your SDP address (letters, digits, "-", "_"), e.g. itdesk.',
  'config.clientId.required': 'Client ID: paste the Client ID of the Zoho Self Client.',
  'config.clientId.tooLong': 'Client ID is too long; paste only the Client ID.',
  'config.caFile.required': 'CA file: enter the path of the PEM file of your private CA.',
  'config.pinnedSha256.format': 'Pinned certificate: enter the SHA-256 fingerprint, 64 hex digits (colons allowed).',
  'config.tls.both': 'TLS: give either a CA file or a pinned certificate fingerprint, not both.',
  'config.endpoint.text': 'SDP address: enter http(s)://host:port, e.g. https://sdp.example.com:8080.',
  'config.endpoint.format': 'SDP address: enter http(s)://host:port with no path, e.g. https://sdp.example.com:8080.',
  'config.endpoint.port': 'SDP address: the port must be a whole number from 1 to 65535.',
  'config.portalId.format': 'Portal ID: digits only (leave empty for single-portal installs).',
  'config.flashdutyApiBase.text': 'Flashduty API address: enter an http(s):// address.',
  'config.flashdutyApiBase.format':
    'Flashduty API address: enter an http(s):// address, e.g. https://api.flashcat.cloud.',
  'config.flashdutyApiBase.port': 'Flashduty API address: the port must be a whole number from 1 to 65535.',

  'config.ingressHost.format':
    'Listen address: an IP address of this computer, e.g. 127.0.0.1 (this computer only) or its LAN address such as 192.168.1.20.',
  'config.ingressHost.allInterfaces':
    'Listening on every interface (0.0.0.0 or ::) exposes the webhook port to every network this computer joins. Pick one LAN address, or confirm by turning on "Allow all interfaces".',
  'config.ingressPort.range': 'Port: a whole number from 1 to 65535, or 0 to use the app’s webhook port.',
  'config.allowAllInterfaces.boolean': 'Allow all interfaces must be true or false.',
  'config.ngrokDomain.text':
    'ngrok domain: enter the domain reserved in your ngrok dashboard, e.g. deskbridge.ngrok.app.',
  'config.ngrokDomain.format':
    'ngrok domain: enter the domain only (no path), as reserved in your ngrok dashboard, e.g. deskbridge.ngrok.app.',
  'config.relayChannelUrl.format':
    'Relay channel: paste the full https:// address of the channel, e.g. https://smee.io/AbCdEf123.',
  'config.ingressMode.enum':
    'Webhook route must be "direct" (this computer or LAN), "ngrok" (tunnel) or "relay" (smee-compatible channel).',

  'config.fdField.format':
    'Flashduty custom field: enter its field name (letters, digits, "_", up to 40, not starting with a digit), e.g. sdp_request_id.',
  'config.fdField.text': 'Flashduty custom field: enter its field name, e.g. sdp_request_id.',
  'config.labelKey.required': 'Label key: enter the label name, e.g. service.',
  'config.labelKey.tooLong': 'Label key is too long ({max} characters at most).',
  'config.udfKey.text': 'SDP field: enter the field key from SDP, e.g. txt_incident_id or udf_sline_301.',
  'config.udfKey.format':
    'SDP field: enter the field key (not its display name), e.g. txt_incident_id or udf_sline_301.',
  'config.udfType.enum': 'SDP field type must be one of {types}.',
  'config.udfType.notText':
    'SDP field "{udfKey}" is a {udfType} field; only single-line and multi-line text fields can receive mapped values. Pick a text field.',
  'config.priority.required': 'SDP priority: enter the priority name as SDP shows it, e.g. High.',
  'config.priority.tooLong': 'SDP priority name is too long ({max} characters at most).',
  'config.sourceValue.required': 'Source value: enter the value to match.',
  'config.source.enum': 'Source kind must be "label" or "custom_field".',
  'config.severitySource.enum':
    'Severity source must be "severity" (the incident severity), "label" or "custom_field".',
  'config.requestIdMarker.enum': 'Request ID marker kind must be "custom_field" or "label".',
  'config.requestLink.boolean': 'Request link on the incident must be true (on) or false (off).',
  'config.incidentIdMarker.enum':
    'Incident ID marker kind must be "udf" (an SDP text field) or "description" (a line in the description).',

  'config.incidentState.enum': 'Flashduty state must be Triggered, Processing, Snoozed or Closed.',
  'config.status.required': 'SDP status: enter the status name as SDP shows it, e.g. In Progress.',
  'config.status.tooLong': 'SDP status name is too long ({max} characters at most).',
  'config.status.twice': '"{name}" is listed twice (also as "{prior}"); keep one row.',
  'config.snooze.range': 'Snooze minutes: enter a whole number from {min} to {max}.',
  'config.snooze.min': 'Snooze minutes: at least {min}.',
  'config.snooze.max': 'Snooze minutes: at most {max} (24 hours), Flashduty’s limit.',

  'config.severity.enum': 'Severity must be Critical, Warning or Info.',
  'config.flashdutyId.text': 'Enter a Flashduty ID (digits).',
  'config.flashdutyId.format': 'A Flashduty ID is digits only, e.g. 2551105804131.',
  'config.labelContains.required': 'Label contains: enter the text to look for.',
  'config.labelContains.tooLong': 'Label contains is too long ({max} characters at most).',
  'config.titleContains.required': 'Title contains: enter the text to look for.',
  'config.titleContains.tooLong': 'Title contains is too long ({max} characters at most).',
  'config.regex.flags': 'Regex flags may only be i, m, s or u.',
  'config.regex.invalid': 'Not a valid regular expression: {error}.',
  'config.severities.required': 'Severity condition: pick at least one severity.',
  'config.channelIds.required': 'Channel condition: pick at least one channel.',
  'config.labelValue.text': 'Label value: enter the exact value.',
  'config.pattern.required': 'Label pattern: enter a regular expression.',
  'config.pattern.tooLong': 'Label pattern is too long ({max} characters at most).',
  'config.condition.enum':
    'Condition kind must be one of severity_in, channel_in, label_equals, label_contains, label_matches, label_exists, title_contains.',
  'config.match.enum': 'Match must be "all" (every condition) or "any" (at least one).',
  'config.conditions.tooMany': 'At most {max} conditions.',
  'config.triggerMode.enum': 'Trigger mode must be "auto" or "manual".',

  'config.secret.inline':
    'Secrets are never stored in the config. Save the secret in the keychain and write { "secret": "<name>" }, or (headless) put it in an environment variable and write { "env": "VAR_NAME" }.',
  'config.secret.inlineKeys':
    '"{keys}" looks like a secret value. Secrets are never stored in the config. Save the secret in the keychain and write { "secret": "<name>" }, or (headless) put it in an environment variable and write { "env": "VAR_NAME" }.',
  'config.secret.ref': 'Give a secret reference: { "secret": "<name>" } or { "env": "VAR_NAME" }.',
  'config.secret.name': 'Keychain secret name: 1–64 letters, digits, ".", "_" or "-", e.g. "sdp.apiKey".',
  'config.secret.env':
    'Environment variable name: letters, digits and "_", not starting with a digit, e.g. "SDP_API_KEY".',
  'config.webhookSecret.ownSlot':
    'The webhook secret has its own slot and cannot point at another secret (the setup helper shows it). Write { "secret": "{name}" }, or (headless) { "env": "DESKBRIDGE_WEBHOOK_SECRET" } — a suffix such as DESKBRIDGE_WEBHOOK_SECRET_OPS is allowed.',
  'config.unknownKey': 'Unknown setting "{key}": remove it.',
  'config.unknownKeys': 'Unknown settings "{keys}": remove them.',
} as const;

export type ConfigMessageCode = keyof typeof CONFIG_MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message as its code and the values it names. */
export interface ConfigMessage {
  code: ConfigMessageCode;
  params: MessageParams;
}

/**
 * What a schema raises: zod carries only a string, so the code travels as `code?name=value…` and
 * `readConfigMessage` takes it apart again.
 */
export function configError(code: ConfigMessageCode, params: MessageParams = {}): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return query === '' ? code : `${code}?${query}`;
}

/** The code and params of a message `configError` made; null for any other text. */
export function readConfigMessage(message: string): ConfigMessage | null {
  const at = message.indexOf('?');
  const code = at === -1 ? message : message.slice(0, at);
  if (!Object.hasOwn(CONFIG_MESSAGES, code)) return null;
  const params = at === -1 ? {} : Object.fromEntries(new URLSearchParams(message.slice(at + 1)));
  return { code: code as ConfigMessageCode, params };
}

/** Fills `{name}` placeholders; an unknown one stays visible rather than vanish. */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * A zod message from any schema, as English text plus, for a config message, its code and params
 * (for the UI to show in the user's language). Text that is not a config message passes through.
 */
export function describeConfigMessage(message: string): { message: string } | ({ message: string } & ConfigMessage) {
  const read = readConfigMessage(message);
  return read === null ? { message } : { message: fillTemplate(CONFIG_MESSAGES[read.code], read.params), ...read };
}
