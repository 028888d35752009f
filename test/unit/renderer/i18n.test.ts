import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DICTIONARIES,
  en,
  format,
  placeholders,
  resolveLanguage,
  t,
  translate,
  zhCN,
  type KeyWith,
  type Placeholders,
  type PlainKey,
  type StringKey,
} from '../../../renderer/src/i18n';

const keys = Object.keys(en) as StringKey[];
const HAN = /\p{Script=Han}/u;
/** Brand and protocol names read the same in both languages. */
const SAME_IN_BOTH = new Set<StringKey>([
  'appName',
  // Pure layout around words worded elsewhere (brand names, nested messages, quoted API text).
  'trayTooltip',
  'ingressRoute_ngrok',
  'msg.stored_text',
  'msg.quoted',
  'msg.with_note',
  'msg.list',
  'msg.ingress.cause',
  'sdpName',
  'flashdutyName',
  'groupSdp',
  'direction_to_sdp',
  'direction_from_sdp',
  'dirShort_to_sdp',
  'dirShort_from_sdp',
  'groupFromSdp',
  'clientId',
  'clientSecret',
  'secretSdpClientSecret',
  'secretFlashdutyAppKey',
  'secretNgrok',
  'lang_en',
  'lang_zh-CN',
  'filterEntityPlaceholder',
  'webhookUrl',
  'pushProgressText',
  'groupWebhooks',
]);

describe('strings: English and Simplified Chinese', () => {
  it('every key has a non-empty Simplified Chinese text, and no extra keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(zhCN[key].trim(), key).not.toBe('');
  });

  it.each(keys)('%s keeps the same placeholders in both languages', (key) => {
    expect(placeholders(zhCN[key])).toEqual(placeholders(en[key]));
  });

  it('Chinese texts are translated (Han characters), except brand and protocol names', () => {
    const untranslated = keys.filter((k) => !SAME_IN_BOTH.has(k) && !HAN.test(zhCN[k]));
    expect(untranslated).toEqual([]);
  });

  it('the seed’s platform wording is used verbatim in English', () => {
    expect(en.platformCloudVersion).toBe('Cloud Version');
    expect(en.platformPrivateVersion).toBe('Private Deployment Version');
  });

  it('every string key the renderer names exists', () => {
    const root = resolve(import.meta.dirname, '../../../renderer/src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
      );
    const used = new Set<string>();
    for (const file of files(root))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_-]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});

describe('resolveLanguage', () => {
  it.each([
    ['en', ['zh-CN'], 'en'],
    ['zh-CN', ['en-US'], 'zh-CN'],
    ['system', ['zh-CN', 'en'], 'zh-CN'],
    ['system', ['zh-TW'], 'zh-CN'],
    ['system', ['zh'], 'zh-CN'],
    ['system', ['en-GB', 'zh-CN'], 'en'],
    ['system', ['de-DE', 'zh-Hans-CN'], 'zh-CN'],
    ['system', ['fr-FR', 'de'], 'en'],
    ['system', [], 'en'],
  ] as const)('%s with OS languages %j → %s', (setting, system, language) => {
    expect(resolveLanguage(setting, system)).toBe(language);
  });
});

describe('format', () => {
  it.each([
    ['{n} of {total}', { n: 3, total: 10 }, '3 of 10'],
    ['{n} 个问题', { n: 2 }, '2 个问题'],
    ['no placeholders', { n: 1 }, 'no placeholders'],
    ['{missing} stays', {}, '{missing} stays'],
    ['{a}{a}', { a: 'x' }, 'xx'],
  ])('%s with %j → %s', (template, params, out) => {
    expect(format(template, params)).toBe(out);
  });

  it('both dictionaries are offered', () => {
    expect(Object.keys(DICTIONARIES).sort()).toEqual(['en', 'zh-CN']);
  });
});

describe('t: a text takes exactly the values its English template names', () => {
  it('fills them, and the compiler refuses a missing, misspelt or extra one', () => {
    expect(t('pauseNamed', { name: 'Desk' })).toBe('Pause Desk');
    expect(t('logCount', { shown: 1, total: 2 })).toBe(en.logCount.replace('{shown}', '1').replace('{total}', '2'));
    expect(t('appName')).toBe('DeskBridge');
    // @ts-expect-error -- the name is missing
    expect(t('pauseNamed')).toBe('Pause {name}');
    // @ts-expect-error -- misspelt: the template says {name}
    expect(t('pauseNamed', { nmae: 'Desk' })).toBe('Pause {name}');
    // @ts-expect-error -- one of two values is missing
    expect(t('logCount', { shown: 1 })).toContain('{total}');
    // @ts-expect-error -- a text without placeholders takes no values
    expect(t('appName', { name: 'x' })).toBe('DeskBridge');
  });

  it('a key chosen from a union needs the values of every member', () => {
    const unit = 's' as 's' | 'm';
    expect(t(`ago_${unit}`, { n: 3 })).toBe('3 s ago');
    const state = 'failing' as 'failing' | 'unreachable';
    // @ts-expect-error -- `state_unreachable` also needs {since}
    expect(t(`state_${state}`, { n: 2 })).toBe('Failing: 2 parked');
  });

  it('reads placeholders as format does, and types labels that take none', () => {
    type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
    const sameAsFormat: [
      Same<Placeholders<'{a} and {b_2}'>, 'a' | 'b_2'>,
      Same<Placeholders<'{{request.id}} {c}'>, 'c'>,
      Same<Placeholders<'{not a placeholder}'>, never>,
    ] = [true, true, true];
    expect(sameAsFormat).toEqual([true, true, true]);
    expect(placeholders('{{request.id}} {c}')).toEqual(['c']);
    const label: PlainKey = 'navLog';
    const perRow: KeyWith<'n'> = 'removeRowN';
    // @ts-expect-error -- `pauseNamed` takes {name}, so it is no plain label
    const notPlain: PlainKey = 'pauseNamed';
    expect([label, perRow, notPlain].every((k) => k in en)).toBe(true);
  });

  it('translate fills a key that arrives at run time and leaves a value it lacks visible', () => {
    expect(translate('pauseNamed', { name: 'Desk' })).toBe('Pause Desk');
    expect(translate('pauseNamed', {})).toBe('Pause {name}');
  });
});
