import { describe, expect, it } from 'vitest';
import { createCompositeVault, createEnvVault, type EnvSecretRef } from '../../../electron/services/vault';
import { AppError } from '../../../shared/errors';

const KEY = 'sdp-key-0123456789-WXYZ';
const REFS: EnvSecretRef[] = [
  { integrationId: 'acme', secretName: 'sdp.apiKey', envVar: 'DB_ACME_SDP' },
  { integrationId: 'acme', secretName: 'flashduty.appKey', envVar: 'DB_ACME_FD' },
  { integrationId: 'other', secretName: 'sdp.apiKey', envVar: 'DB_OTHER_SDP' },
];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('createEnvVault', () => {
  it('reads the named variables once, at start', async () => {
    const env: NodeJS.ProcessEnv = { DB_ACME_SDP: KEY, DB_ACME_FD: 'short' };
    const vault = createEnvVault(env, REFS);
    env.DB_ACME_SDP = 'changed-after-start';
    expect(await vault.get('acme', 'sdp.apiKey')).toBe(KEY);
    expect(await vault.get('acme', 'flashduty.appKey')).toBe('short');
  });

  it('reports states with the last-4 rule and treats unset or empty variables as missing', async () => {
    const vault = createEnvVault({ DB_ACME_SDP: KEY, DB_ACME_FD: 'short', DB_OTHER_SDP: '' }, REFS);
    expect(await vault.state('acme', 'sdp.apiKey')).toStrictEqual({ state: 'set', last4: 'WXYZ' });
    expect(await vault.state('acme', 'flashduty.appKey')).toStrictEqual({ state: 'set' });
    expect(await vault.state('other', 'sdp.apiKey')).toStrictEqual({ state: 'missing' });
    expect(await vault.state('acme', 'not.referenced')).toStrictEqual({ state: 'missing' });
  });

  it('refuses set and delete, naming the variable and never the value', async () => {
    const vault = createEnvVault({ DB_ACME_SDP: KEY }, REFS);
    const error = await vault.set('acme', 'sdp.apiKey', 'new-value-123456').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('vault.env_managed');
    expect((error as AppError).message).toMatch(/environment variables on this server/);
    expect((error as AppError).message).toContain('DB_ACME_SDP');
    expect(JSON.stringify({ m: (error as AppError).message, d: (error as AppError).details })).not.toContain('new-value-123456');
    expect(JSON.stringify({ m: (error as AppError).message, d: (error as AppError).details })).not.toContain(KEY);
    expect(await codeOf(vault.delete('acme', 'sdp.apiKey'))).toBe('vault.env_managed');
    expect(await codeOf(vault.set('acme', 'not.referenced', 'x'))).toBe('vault.env_managed');
  });

  it('check names every variable the config wants but the environment lacks', async () => {
    const error = await createEnvVault({ DB_ACME_SDP: KEY, DB_OTHER_SDP: '' }, REFS).check().catch((e: unknown) => e);
    expect((error as AppError).code).toBe('vault.env_missing');
    expect((error as AppError).message).toContain('DB_ACME_FD');
    expect((error as AppError).message).toContain('DB_OTHER_SDP');
    expect((error as AppError).message).not.toContain('DB_ACME_SDP');
    await expect(createEnvVault({ DB_ACME_SDP: 'a', DB_ACME_FD: 'b', DB_OTHER_SDP: 'c' }, REFS).check()).resolves.toBeUndefined();
  });

  it('deleteAll forgets only that integration', async () => {
    const vault = createEnvVault({ DB_ACME_SDP: KEY, DB_ACME_FD: 'b', DB_OTHER_SDP: 'c' }, REFS);
    expect(await vault.deleteAll('acme')).toBe(2);
    expect(await vault.get('acme', 'sdp.apiKey')).toBeNull();
    expect(await vault.get('other', 'sdp.apiKey')).toBe('c');
  });

  it('keeps marks until cleared', async () => {
    const vault = createEnvVault({ DB_ACME_SDP: KEY }, REFS);
    vault.markExpiring('acme', 'sdp.apiKey');
    expect((await vault.state('acme', 'sdp.apiKey')).state).toBe('expiring');
    vault.markInvalid('acme', 'sdp.apiKey');
    expect((await vault.state('acme', 'sdp.apiKey')).state).toBe('invalid');
    vault.clearMark('acme', 'sdp.apiKey');
    expect((await vault.state('acme', 'sdp.apiKey')).state).toBe('set');
  });

  const badRefs: ReadonlyArray<readonly [string, EnvSecretRef[], string]> = [
    ['variable name starting with a digit', [{ integrationId: 'acme', secretName: 'sdp.apiKey', envVar: '1KEY' }], 'envVar'],
    ['variable name with a dash', [{ integrationId: 'acme', secretName: 'sdp.apiKey', envVar: 'SDP-KEY' }], 'envVar'],
    ['integration ID with a slash', [{ integrationId: 'a/b', secretName: 'sdp.apiKey', envVar: 'K' }], 'integrationId'],
    ['secret name with a slash', [{ integrationId: 'acme', secretName: 'sdp/apiKey', envVar: 'K' }], 'secretName'],
    ['one secret bound to two variables', [{ integrationId: 'acme', secretName: 'x', envVar: 'A' }, { integrationId: 'acme', secretName: 'x', envVar: 'B' }], 'envVar'],
  ];
  it.each(badRefs)('rejects %s, naming the field', (_name, refs, field) => {
    let caught: unknown;
    try {
      createEnvVault({}, refs);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('vault.invalid_input');
    expect((caught as AppError).details).toMatchObject({ field });
  });
});

describe('input validation', () => {
  const vault = createEnvVault({}, []);
  const badIds: ReadonlyArray<readonly [string, unknown, unknown, string]> = [
    ['empty integration ID', '', 'sdp.apiKey', 'integrationId'],
    ['integration ID with "/"', 'acme/evil', 'sdp.apiKey', 'integrationId'],
    ['integration ID over 64 characters', 'a'.repeat(65), 'sdp.apiKey', 'integrationId'],
    ['integration ID not a string', 42, 'sdp.apiKey', 'integrationId'],
    ['empty secret name', 'acme', '', 'secretName'],
    ['secret name with "/"', 'acme', '../sdp', 'secretName'],
    ['secret name starting with "."', 'acme', '.hidden', 'secretName'],
    ['secret name over 64 characters', 'acme', 's'.repeat(65), 'secretName'],
  ];
  it.each(badIds)('rejects %s', async (_name, integrationId, secretName, field) => {
    const error = await vault.get(integrationId as string, secretName as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('vault.invalid_input');
    expect((error as AppError).details).toStrictEqual({ field });
  });
});

describe('createCompositeVault', () => {
  // Two env vaults stand in for "env" and "the other store": routing is what is under test here;
  // the keychain itself is exercised against gnome-keyring in test/integration/vault.
  const env = createEnvVault({ DB_ACME_SDP: KEY }, [REFS[0]!]);
  const other = createEnvVault({ OTHER_FD: 'from-the-other-store' }, [{ integrationId: 'acme', secretName: 'flashduty.appKey', envVar: 'OTHER_FD' }]);
  const composite = createCompositeVault(env, other);

  it('answers env-referenced secrets from the environment and the rest from the other store', async () => {
    expect(await composite.get('acme', 'sdp.apiKey')).toBe(KEY);
    expect(await composite.get('acme', 'flashduty.appKey')).toBe('from-the-other-store');
  });

  it('routes marks to the store that holds the secret', async () => {
    composite.markInvalid('acme', 'flashduty.appKey');
    expect((await other.state('acme', 'flashduty.appKey')).state).toBe('invalid');
    expect((await env.state('acme', 'sdp.apiKey')).state).toBe('set');
  });
});
