import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportIntegrations, loadConfigFile, parseIntegrationsJson } from '../../../electron/services/config-transfer';
import { defaultIntegrationConfig, type IntegrationConfig } from '../../../shared/common/config';
import { AppError } from '../../../shared/common/errors';

const NOW = 1_700_000_000_000;
const onprem = (id: string) =>
  defaultIntegrationConfig({
    id,
    name: `Ops ${id}`,
    sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' },
    now: NOW,
  });
const cloud = (id: string) =>
  defaultIntegrationConfig({
    id,
    name: `Cloud ${id}`,
    sdp: { platform: 'cloud', dataCenter: 'EU', portal: 'itdesk', clientId: '1000.ABC' },
    now: NOW,
  });
const plain = (c: IntegrationConfig) => JSON.parse(JSON.stringify(c)) as Record<string, unknown>;

function problems(text: string) {
  const result = parseIntegrationsJson(text);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('export', () => {
  it('writes a pretty envelope with format version, time and the configs, and reads back to the same configs', () => {
    const configs = [onprem('a'), cloud('b')];
    const text = exportIntegrations(configs, NOW + 5);
    expect(text).toContain('\n  "deskbridge": 1,');
    const doc = JSON.parse(text) as { deskbridge: number; exportedAt: number; integrations: unknown[] };
    expect(doc.deskbridge).toBe(1);
    expect(doc.exportedAt).toBe(NOW + 5);
    expect(parseIntegrationsJson(text)).toStrictEqual({ ok: true, integrations: configs });
  });

  it('holds only secret references, never values', () => {
    const text = exportIntegrations([cloud('b')], NOW);
    const doc = JSON.parse(text) as {
      integrations: Array<{ sdp: Record<string, unknown>; flashduty: Record<string, unknown> }>;
    };
    expect(doc.integrations[0]!.sdp.clientSecret).toStrictEqual({ secret: 'sdp.clientSecret' });
    expect(doc.integrations[0]!.sdp.refreshToken).toStrictEqual({ secret: 'sdp.refreshToken' });
    expect(doc.integrations[0]!.flashduty.appKey).toStrictEqual({ secret: 'flashduty.appKey' });
  });

  it('refuses a config that somehow carries a secret value, naming the field but not the value', () => {
    const bad = {
      ...onprem('a'),
      sdp: { ...onprem('a').sdp, apiKey: 'S3CRET-VALUE-123' },
    } as unknown as IntegrationConfig;
    let error: unknown;
    try {
      exportIntegrations([onprem('ok'), bad], NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config.export_secret');
    expect((error as AppError).message).toContain('integrations[1].sdp.apiKey');
    expect((error as AppError).message).not.toContain('S3CRET');
  });
});

describe('parse', () => {
  it('accepts a bare list as well as the envelope', () => {
    const configs = [onprem('a'), onprem('b')];
    expect(parseIntegrationsJson(JSON.stringify(configs.map(plain)))).toStrictEqual({
      ok: true,
      integrations: configs,
    });
  });

  it('accepts a leading byte-order mark (files saved by Windows editors)', () => {
    expect(parseIntegrationsJson(`\uFEFF${exportIntegrations([onprem('a')], NOW)}`).ok).toBe(true);
  });

  it('names every bad field of every integration with its index', () => {
    const first = plain(onprem('a'));
    const second = plain(onprem('b'));
    (second.sdp as Record<string, unknown>).endpoint = 'ftp://nope';
    second.direction = 'sideways';
    const third = plain(onprem('c'));
    third.name = '';
    const found = problems(JSON.stringify({ deskbridge: 1, integrations: [first, second, third] }));
    expect(found.map((p) => p.path).sort()).toStrictEqual([
      'integrations[1].direction',
      'integrations[1].sdp.endpoint',
      'integrations[2].name',
    ]);
    expect(found.find((p) => p.path === 'integrations[1].sdp.endpoint')!.message).toMatch(/http\(s\):\/\/host:port/);
  });

  it('refuses an inline secret with the "use a reference" explanation, without echoing the value', () => {
    const c = plain(onprem('a'));
    (c.flashduty as Record<string, unknown>).appKey = 'fd-app-key-value-1234';
    const found = problems(JSON.stringify([c]));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe('integrations[0].flashduty.appKey');
    expect(found[0]!.message).toMatch(/never stored in the config/);
    expect(JSON.stringify(found)).not.toContain('fd-app-key-value-1234');
  });

  it('refuses an unknown secret-looking key anywhere', () => {
    const c = plain(onprem('a'));
    (c.sdp as Record<string, unknown>).password = 'hunter2';
    const found = problems(JSON.stringify([c]));
    expect(found[0]!.path).toBe('integrations[0].sdp.password');
    expect(found[0]!.message).toMatch(/looks like a secret value/);
  });

  it('refuses two integrations with the same ID', () => {
    const found = problems(JSON.stringify([plain(onprem('a')), plain(onprem('b')), plain(onprem('a'))]));
    expect(found).toStrictEqual([
      {
        path: 'integrations[2].id',
        message: expect.stringMatching(/already used by integrations\[0\]/) as unknown as string,
        code: 'import.duplicate_id',
        params: { id: 'a', earlier: 0 },
      },
    ]);
  });

  it.each([
    ['broken syntax', '{\n  "deskbridge": 1,\n  integrations: []\n}', /line 3, column 3/, 'import.json_syntax'],
    ['cut off', '{"deskbridge": 1, "integrations": [', /^Not valid JSON/, 'import.json_invalid'],
    ['empty file', '', /^Not valid JSON/, 'import.json_invalid'],
  ])('bad JSON (%s) is one problem saying where, with its code', (_name, text, message, code) => {
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe('');
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.code).toBe(code);
  });

  it('a syntax error names its line and column as parameters', () => {
    expect(problems('{\n  "deskbridge": 1,\n  integrations: []\n}')[0]!.params).toMatchObject({ line: 3, column: 3 });
  });

  it.each([
    ['a number', '42', '', 'import.not_export'],
    ['an object without integrations', '{"deskbridge": 1}', 'integrations', 'import.integrations_list'],
    ['another format version', '{"deskbridge": 2, "integrations": []}', 'deskbridge', 'import.version'],
    ['integrations not a list', '{"deskbridge": 1, "integrations": {}}', 'integrations', 'import.integrations_list'],
    ['an empty list', '[]', 'integrations', 'import.empty'],
  ])('refuses %s, with a code', (_name, text, path, code) => {
    expect(problems(text).map((p) => [p.path, p.code])).toContainEqual([path, code]);
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function loadError(path: string): Promise<AppError> {
    const error: unknown = await loadConfigFile(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config.file');
    return error as AppError;
  }

  it('loads an exported file', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, exportIntegrations([onprem('a')], NOW));
    expect(await loadConfigFile(file)).toStrictEqual([onprem('a')]);
  });

  it('a missing file says so, with the path', async () => {
    const error = await loadError(join(dir, 'absent.json'));
    expect(error.message).toBe(`Cannot load the config file ${join(dir, 'absent.json')}: the file does not exist.`);
  });

  it('a directory is named as such', async () => {
    expect((await loadError(dir)).message).toMatch(/it is a directory, not a file/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file says permission denied', async () => {
    const file = join(dir, 'locked.json');
    writeFileSync(file, '[]');
    chmodSync(file, 0o000);
    expect((await loadError(file)).message).toMatch(/permission denied/);
  });

  it('lists every problem of an invalid file, one per line, and in details', async () => {
    const file = join(dir, 'bad.json');
    const c = plain(onprem('a'));
    c.name = '';
    (c.sdp as Record<string, unknown>).endpoint = 'nope';
    writeFileSync(file, JSON.stringify([c]));
    const error = await loadError(file);
    expect(error.message).toMatch(/has 2 problems:\n- integrations\[0\]\./);
    expect((error.details as { problems: unknown[] }).problems).toHaveLength(2);
  });
});
