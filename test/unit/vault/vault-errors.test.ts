import { describe, expect, it } from 'vitest';
import {
  classifyKeychainFailure,
  keychainHint,
  KeychainUnavailableError,
  type KeychainFailure,
} from '../../../electron/services/vault';
import { KeychainNoAnswer, keychainServiceDropped, toVaultError } from '../../../electron/services/vault-errors';
import { AppError } from '../../../shared/common/errors';

// Messages @napi-rs/keyring 2.x really throws, captured by triggering each case on Linux.
const CAPTURED: ReadonlyArray<readonly [string, KeychainFailure]> = [
  [
    'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
    'no-session-bus',
  ],
  [
    'Platform failure: DBus error: Failed to connect to socket /nonexistent/bus: No such file or directory',
    'no-session-bus',
  ],
  [
    'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
    'no-provider',
  ],
  ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
  ['zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object', 'locked'],
  ["Couldn't access platform storage: Secret Service: no result found", 'no-default-keyring'],
  ["Couldn't access platform storage: AccessDenied", 'inaccessible'],
  ["Attribute 'password' is longer than the platform limit of 2560 chars", 'other'],
  ['Entry is matched by 2 credentials', 'other'],
  // gnome-keyring killed mid-call; if the one retry meets it too, the admin is told to check the keyring.
  ['Platform failure: DBus error: Message recipient disconnected from message bus without replying', 'inaccessible'],
];

const DROPPED = 'Platform failure: DBus error: Message recipient disconnected from message bus without replying';

describe('keychainServiceDropped', () => {
  it.each([
    [DROPPED, true],
    ['org.freedesktop.DBus.Error.NoReply: Did not receive a reply', true],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", false],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', false],
    ['Entry is matched by 2 credentials', false],
  ])('%s → %s', (message, expected) => {
    expect(keychainServiceDropped(new Error(message))).toBe(expected);
  });
});

describe('classifyKeychainFailure', () => {
  it.each(CAPTURED)('%s → %s', (message, expected) => {
    expect(classifyKeychainFailure(message)).toBe(expected);
  });
});

describe('keychainHint', () => {
  const cases: ReadonlyArray<readonly [NodeJS.Platform, KeychainFailure, readonly RegExp[]]> = [
    ['linux', 'no-provider', [/install gnome-keyring/i, /KeePassXC/, /Secret Service/, /environment variable/i]],
    ['linux', 'no-session-bus', [/D-Bus/, /gnome-keyring/, /environment variable/i]],
    ['linux', 'locked', [/locked/i, /unlock/i, /environment variable/i]],
    ['linux', 'no-default-keyring', [/default keyring/i, /environment variable/i]],
    ['linux', 'other', [/gnome-keyring/, /environment variable/i]],
    ['darwin', 'locked', [/login keychain/i, /unlock/i]],
    ['win32', 'inaccessible', [/Credential Manager/]],
    ['freebsd', 'no-provider', [/environment variable/i]],
    ['linux', 'no-answer', [/did not answer/i, /unlock prompt/i, /environment variable/i]],
    ['darwin', 'no-answer', [/did not answer/i, /unlock/i]],
  ];
  it.each(cases)('%s / %s tells the admin what to do', (platform, failure, patterns) => {
    const hint = keychainHint(platform, failure);
    for (const pattern of patterns) expect(hint).toMatch(pattern);
    expect(hint).toMatch(/never stores secrets in plain files|keychain/i);
  });
});

describe('toVaultError', () => {
  const ctx = {
    operation: 'set' as const,
    service: 'DeskBridge',
    account: 'acme/sdp.apiKey',
    platform: 'linux' as const,
    secrets: ['s3cr3t-value-xyz'],
  };

  it('maps an unreachable keychain to vault.unavailable naming the account, not the value', () => {
    const error = toVaultError(
      new Error('Platform failure: DBus error: Failed to connect to socket /x: No such file'),
      ctx,
    );
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.code).toBe('vault.unavailable');
    expect(error.details).toMatchObject({ account: 'acme/sdp.apiKey', failure: 'no-session-bus', operation: 'set' });
    expect(error.retryable).toBe(false);
  });

  it('marks a locked keychain as retryable, since unlocking needs no change to DeskBridge', () => {
    expect(
      toVaultError(new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"), ctx)
        .retryable,
    ).toBe(true);
  });

  it('a call that did not answer in time is vault.unavailable (no-answer), retryable once the keychain is unlocked', () => {
    const error = toVaultError(new KeychainNoAnswer(60_000), ctx);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.details).toMatchObject({
      failure: 'no-answer',
      operation: 'set',
      keychainMessage: expect.stringMatching(/60 s/),
    });
    expect(error.retryable).toBe(true);
  });

  it('scrubs a value the library might echo, from message, details and serialisation', () => {
    const error = toVaultError(new Error('weird failure mentioning s3cr3t-value-xyz'), ctx);
    expect(error.code).toBe('vault.failed');
    expect(error.message).toContain('acme/sdp.apiKey');
    const everything = JSON.stringify({
      message: error.message,
      details: error.details,
      stack: error.stack,
      cause: String(error.cause),
    });
    expect(everything).not.toContain('s3cr3t-value-xyz');
  });

  it('passes AppErrors through untouched', () => {
    const original = new AppError('vault.invalid_input', 'bad');
    expect(toVaultError(original, ctx)).toBe(original);
  });
});
