import { AppError } from '../../shared/common/errors';
import { redactText } from '../../shared/node/net/redact';

/**
 * `@napi-rs/keyring` throws plain `Error`s with code `GenericFailure`; only the message tells the
 * causes apart. The patterns below are the messages it actually produces (captured by triggering
 * each case against gnome-keyring / D-Bus), kept loose enough for the macOS and Windows wording.
 */
export type KeychainFailure =
  'no-session-bus' | 'no-provider' | 'locked' | 'no-default-keyring' | 'inaccessible' | 'no-answer' | 'other';

const FAILURE_PATTERNS: ReadonlyArray<readonly [KeychainFailure, RegExp]> = [
  ['locked', /prompt was dismissed|IsLocked|object locked|keychain is locked|user interaction is not allowed/i],
  ['no-provider', /org\.freedesktop\.secrets was not provided|ServiceUnknown|Secret Service provider/i],
  [
    'no-session-bus',
    /DBUS_SESSION_BUS_ADDRESS|dbus-daemon autolaunch|Failed to connect to socket|No DBus session|D-Bus error: .*(connect|address)/i,
  ],
  ['no-default-keyring', /Secret Service: no result found/i],
  ['inaccessible', /^Platform failure|Couldn't access platform (secure )?storage|Platform secure storage failure/i],
];

export function classifyKeychainFailure(message: string): KeychainFailure {
  return FAILURE_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}

/**
 * The Secret Service process went away while it was answering. gnome-keyring 42.1 (Debian 12)
 * crashes now and then when clients connect and leave quickly, which is how the library talks to
 * it (a connection per call); D-Bus starts it again on the next call. Message captured by killing
 * the daemon mid-call.
 */
const SERVICE_DROPPED = /disconnected from message bus without replying|org\.freedesktop\.DBus\.Error\.NoReply/i;

export function keychainServiceDropped(error: unknown): boolean {
  return SERVICE_DROPPED.test(error instanceof Error ? error.message : String(error));
}

/** Thrown by a keychain call that did not answer in time (see keychain-calls.ts). */
export class KeychainNoAnswer extends Error {
  constructor(readonly waitedMs: number) {
    super(`The keychain did not answer within ${Math.round(waitedMs / 1000)} s`);
    this.name = 'KeychainNoAnswer';
  }
}

const HEADLESS_HINT =
  'On a headless server without a keychain, name an environment variable for each secret in the config file ' +
  '(e.g. { "env": "SDP_API_KEY" }) instead. DeskBridge never stores secrets in plain files.';

const LINUX_HINTS: Record<Exclude<KeychainFailure, 'other' | 'no-answer'>, string> = {
  'no-session-bus':
    'DeskBridge cannot reach a D-Bus session, so it cannot use the system keychain. Run it inside a desktop session ' +
    '(or under dbus-run-session) with a Secret Service keyring running and unlocked: install gnome-keyring, ' +
    'or KeePassXC with "Secret Service integration" enabled.',
  'no-provider':
    'No Secret Service keyring is installed or running. Install gnome-keyring (e.g. "sudo apt install gnome-keyring"), ' +
    'or KeePassXC with "Secret Service integration" enabled, then start it and unlock it.',
  locked: 'The keyring is locked. Unlock it (GNOME "Passwords and Keys", or KeePassXC) and try again.',
  'no-default-keyring':
    'The Secret Service has no unlocked default keyring to store secrets in. Create or unlock a default keyring ' +
    '(GNOME "Passwords and Keys", or a KeePassXC database exposed via Secret Service) and try again.',
  inaccessible:
    'The system keychain cannot be used. Make sure a Secret Service keyring (gnome-keyring, or KeePassXC with ' +
    '"Secret Service integration") is installed, running and unlocked.',
};

/** What the admin can do, per OS. Pure so each wording is testable without that OS. */
export function keychainHint(platform: NodeJS.Platform, failure: KeychainFailure): string {
  if (failure === 'no-answer')
    return (
      'The keychain did not answer. It may be waiting for its password in an unlock prompt: unlock it and try again.' +
      (platform === 'darwin' ? '' : ` ${HEADLESS_HINT}`)
    );
  switch (platform) {
    case 'linux':
      return `${failure === 'other' ? LINUX_HINTS.inaccessible : LINUX_HINTS[failure]} ${HEADLESS_HINT}`;
    case 'darwin':
      return 'The macOS login keychain is locked or not accessible. Unlock it in Keychain Access (or sign in again) and allow DeskBridge to use it.';
    case 'win32':
      return (
        'Windows Credential Manager is not accessible. Sign in with a normal user account (Credential Manager is not available to some service accounts) and try again. ' +
        HEADLESS_HINT
      );
    default:
      return `No supported keychain was found on this system. ${HEADLESS_HINT}`;
  }
}

/** Thrown when the keychain itself cannot be used; the message says what to install or unlock. */
export class KeychainUnavailableError extends AppError {
  readonly failure: KeychainFailure;

  constructor(failure: KeychainFailure, platform: NodeJS.Platform, details: Record<string, unknown>, cause?: unknown) {
    // Only unlocking is something that happens on its own while DeskBridge waits; everything else needs the admin.
    super('vault.unavailable', keychainHint(platform, failure), {
      details: { ...details, failure, platform },
      retryable: failure === 'locked' || failure === 'no-answer',
      cause,
    });
    this.name = 'KeychainUnavailableError';
    this.failure = failure;
  }
}

export interface KeychainErrorContext {
  operation: 'set' | 'get' | 'delete' | 'check';
  service: string;
  account: string;
  platform: NodeJS.Platform;
  /** Values that must not survive into the error, even if a library ever echoed one. */
  secrets: readonly string[];
}

/**
 * Turns whatever the keyring library threw into an AppError. The library's own text is kept in
 * `details` for support (after scrubbing the values in play), never the library error object as
 * `cause`, so no secret can ride along in a stack or nested field.
 */
export function toVaultError(error: unknown, ctx: KeychainErrorContext): AppError {
  if (error instanceof AppError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const keychainMessage = redactText(raw, ctx.secrets);
  const details = { operation: ctx.operation, service: ctx.service, account: ctx.account, keychainMessage };
  const failure = error instanceof KeychainNoAnswer ? 'no-answer' : classifyKeychainFailure(raw);
  if (failure !== 'other') return new KeychainUnavailableError(failure, ctx.platform, details);
  return new AppError(
    'vault.failed',
    `The keychain refused to ${ctx.operation} the secret "${ctx.account}": ${keychainMessage}. Try again; if it keeps failing, remove the entry in the keychain app and set the secret again.`,
    { details },
  );
}
