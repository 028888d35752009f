import { randomBytes } from 'node:crypto';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, describe, expect, it } from 'vitest';
import { retryDroppedCall } from '../../../electron/services/keychain-calls';
import { createKeychainVault, type Vault } from '../../../electron/services/vault';
import { MAX_SECRET_LENGTH } from '../../../electron/services/vault-input';
import { AppError } from '../../../shared/common/errors';

/**
 * Against the real Secret Service (gnome-keyring in CI). A unique service name per run keeps
 * parallel runs and leftovers apart; afterAll removes everything under it. The library is used
 * directly only to look behind the vault: where entries land and that nothing else was left.
 */
const SERVICE = `DeskBridge-test-${process.pid}-${randomBytes(4).toString('hex')}`;
// Looking behind the vault goes through the library directly, with the vault's one retry for a
// call the keyring daemon dropped (see scripts/with-keyring.sh).
const listed = () => retryDroppedCall(() => findCredentialsAsync(SERVICE));
const vault = createKeychainVault({ service: SERVICE });
const unavailable = await vault.check().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
const mustRun = process.env.CI === 'true';

afterAll(async () => {
  if (unavailable !== undefined) return;
  for (const { account } of await listed())
    await retryDroppedCall(() => new AsyncEntry(SERVICE, account).deletePassword());
  expect(await listed()).toStrictEqual([]);
});

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const stored = (account: string) =>
  retryDroppedCall(() => new AsyncEntry(SERVICE, account, { linux: { store: 'secret-service' } }).getPassword());

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

if (unavailable !== undefined && !mustRun) {
  console.warn(`Skipping keychain vault tests: no keychain reachable (${unavailable})`);
}

if (unavailable !== undefined && mustRun) {
  it('CI=true: the keychain must be reachable (start gnome-keyring under dbus-run-session)', () => {
    throw new Error(`Keychain unavailable in CI: ${unavailable}`);
  });
}

describe.skipIf(unavailable !== undefined)(
  `keychain vault on the real Secret Service${unavailable === undefined ? '' : ` (skipped: no keychain reachable; run under dbus-run-session with gnome-keyring unlocked — ${unavailable.slice(0, 80)}…)`}`,
  () => {
    it('stores one entry per secret under service/account "<integrationId>/<secretName>" and reads it back', async () => {
      const value = secret('api-key');
      await vault.set('acme', 'sdp.apiKey', value);
      expect(await vault.get('acme', 'sdp.apiKey')).toBe(value);
      expect(await stored('acme/sdp.apiKey')).toBe(value);
      // A second instance (e.g. after a restart) sees the same entry.
      expect(await createKeychainVault({ service: SERVICE }).get('acme', 'sdp.apiKey')).toBe(value);
    });

    it('replaces a secret in place instead of adding a second entry', async () => {
      await vault.set('replace', 'flashduty.appKey', secret('first'));
      const second = secret('second');
      await vault.set('replace', 'flashduty.appKey', second);
      expect(await vault.get('replace', 'flashduty.appKey')).toBe(second);
      const entries = (await listed()).filter((c) => c.account === 'replace/flashduty.appKey');
      expect(entries).toHaveLength(1);
    });

    it('deletes a secret, reporting whether there was one', async () => {
      await vault.set('del', 'sdp.apiKey', secret('gone'));
      expect(await vault.delete('del', 'sdp.apiKey')).toBe(true);
      expect(await vault.get('del', 'sdp.apiKey')).toBeNull();
      expect(await stored('del/sdp.apiKey')).toBeNull();
      expect(await vault.delete('del', 'sdp.apiKey')).toBe(false);
    });

    it('deleteAll removes every secret of one integration, also names its config no longer uses, and nothing else', async () => {
      await vault.set('doomed', 'sdp.clientSecret', secret('cs'));
      await vault.set('doomed', 'sdp.refreshToken', secret('rt'));
      await vault.set('doomed', 'old.name', secret('stale'));
      // Same prefix without the "/" must survive: "doomed2" is another integration.
      await vault.set('doomed2', 'sdp.apiKey', secret('keep'));
      await vault.set('survivor', 'sdp.apiKey', secret('keep'));
      expect(await vault.deleteAll('doomed')).toBe(3);
      const accounts = (await listed()).map((c) => c.account);
      expect(accounts.filter((a) => a.startsWith('doomed/'))).toStrictEqual([]);
      expect(accounts).toContain('doomed2/sdp.apiKey');
      expect(accounts).toContain('survivor/sdp.apiKey');
      expect(await vault.deleteAll('doomed')).toBe(0);
    });

    it('state shows set/missing and the last 4 characters only for secrets of 12 or more', async () => {
      expect(await vault.state('st', 'absent')).toStrictEqual({ state: 'missing' });
      await vault.set('st', 'short', 'elevenchars');
      expect(await vault.state('st', 'short')).toStrictEqual({ state: 'set' });
      await vault.set('st', 'long', 'twelve-chars');
      expect(await vault.state('st', 'long')).toStrictEqual({ state: 'set', last4: 'hars' });
    });

    it('invalid and expiring marks show in state, and setting a new value clears them', async () => {
      const marked: Vault = createKeychainVault({ service: SERVICE });
      await marked.set('marks', 'sdp.refreshToken', 'refresh-token-ABCD');
      marked.markExpiring('marks', 'sdp.refreshToken');
      expect(await marked.state('marks', 'sdp.refreshToken')).toStrictEqual({ state: 'expiring', last4: 'ABCD' });
      marked.markInvalid('marks', 'sdp.refreshToken');
      expect((await marked.state('marks', 'sdp.refreshToken')).state).toBe('invalid');
      await marked.set('marks', 'sdp.refreshToken', 'refresh-token-WXYZ');
      expect(await marked.state('marks', 'sdp.refreshToken')).toStrictEqual({ state: 'set', last4: 'WXYZ' });
      marked.markInvalid('marks', 'sdp.refreshToken');
      marked.clearMark('marks', 'sdp.refreshToken');
      expect((await marked.state('marks', 'sdp.refreshToken')).state).toBe('set');
    });

    it('a deleted secret forgets its mark', async () => {
      await vault.set('marks2', 'k', secret('v'));
      vault.markInvalid('marks2', 'k');
      await vault.delete('marks2', 'k');
      expect(await vault.state('marks2', 'k')).toStrictEqual({ state: 'missing' });
      await vault.set('marks2', 'k', 'no-longer-marked');
      expect((await vault.state('marks2', 'k')).state).toBe('set');
    });

    it.each([
      ['unicode and emoji', 'clé-ключ-鍵-🔑-' + secret('u')],
      ['quotes, spaces, newlines and backslashes', ` "a" 'b' \\ \n\t end ${secret('q')}`],
      [
        'the longest value accepted',
        ('🔑' + 'x'.repeat(98)).repeat(MAX_SECRET_LENGTH / 100).padEnd(MAX_SECRET_LENGTH, 'z'),
      ],
    ])('round-trips %s unchanged', async (_name, value) => {
      expect(value.length).toBeLessThanOrEqual(MAX_SECRET_LENGTH);
      await vault.set('values', 'v', value);
      expect(await vault.get('values', 'v')).toBe(value);
    });

    it.each([
      ['empty value', ''],
      ['value longer than the limit', 'y'.repeat(MAX_SECRET_LENGTH) + '-tail-marker'],
    ])('rejects an %s without storing it or echoing it', async (_name, value) => {
      const error = await failure(vault.set('reject', 'v', value));
      expect(error.code).toBe('vault.invalid_input');
      expect(error.details).toStrictEqual({ field: 'value' });
      expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain('tail-marker');
      expect(await stored('reject/v')).toBeNull();
    });

    it.each([
      ['integration ID containing "/"', 'a/b', 'k', 'integrationId'],
      ['secret name containing "/"', 'acme', 'x/y', 'secretName'],
      ['overlong integration ID', 'i'.repeat(65), 'k', 'integrationId'],
      ['empty secret name', 'acme', '', 'secretName'],
    ])('rejects an %s before touching the keychain', async (_name, integrationId, secretName, field) => {
      const before = (await listed()).length;
      const error = await failure(vault.set(integrationId, secretName, 'would-be-value-123'));
      expect(error.code).toBe('vault.invalid_input');
      expect(error.details).toStrictEqual({ field });
      expect(error.message).not.toContain('would-be-value-123');
      expect((await listed()).length).toBe(before);
      for (const call of [vault.get, vault.delete, vault.state]) {
        expect((await failure(call(integrationId, secretName))).code).toBe('vault.invalid_input');
      }
    });

    it('check leaves no probe entry behind', async () => {
      await vault.check();
      expect((await listed()).map((c) => c.account)).not.toContain('deskbridge-keychain-check');
    });
  },
);
