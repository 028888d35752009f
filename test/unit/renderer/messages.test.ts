import { describe, expect, it } from 'vitest';
import {
  errorMessageOf,
  labelMessage,
  MESSAGE_PARAMS,
  msg,
  storedText,
  type MessageCode,
} from '../../../shared/common/contract';
import { applyLanguage, en, placeholders, zhCN } from '../../../renderer/src/i18n';
import { actionLabel, isStoredText, renderMessage } from '../../../renderer/src/i18n/messages';

const codes = Object.keys(MESSAGE_PARAMS) as MessageCode[];

describe('message codes and their wordings', () => {
  it.each(codes)('%s is worded in both languages with exactly its declared parameters', (code) => {
    const declared = [...MESSAGE_PARAMS[code]].sort();
    expect(placeholders(en[`msg.${code}`])).toEqual(declared);
    expect(placeholders(zhCN[`msg.${code}`])).toEqual(declared);
  });

  it('every msg.* text in the tables belongs to a code the main process can send', () => {
    const worded = Object.keys(en).filter((k) => k.startsWith('msg.'));
    expect(worded.filter((k) => !Object.hasOwn(MESSAGE_PARAMS, k.slice(4)))).toEqual([]);
  });
});

describe('renderMessage', () => {
  const cases: { name: string; message: ReturnType<typeof msg>; en: string; zh: string }[] = [
    {
      name: 'a parked failure names the technician as data',
      message: msg('fail.assignee_missing', { technician: 'li.lei@example.com' }),
      en: 'SDP has no technician “li.lei@example.com” (by email or name).',
      zh: 'SDP 中没有技术员“li.lei@example.com”（按邮箱或姓名查找）。',
    },
    {
      name: 'an operation with a number',
      message: msg('op.snooze', { incident: '6f1c2a9e0b3d4c5e6f7a8b9c', minutes: 120 }),
      en: 'Snooze incident 6f1c2a9e0b3d4c5e6f7a8b9c for 120 minutes',
      zh: '暂缓故障 6f1c2a9e0b3d4c5e6f7a8b9c 120 分钟',
    },
    {
      name: 'nested messages are worded in the same language, API text stays quoted',
      message: msg('op.failed', {
        op: msg('op.change_request_status', { request: '1042', status: 'Resolved' }),
        error: msg('quoted', { text: 'Status is mandatory' }),
      }),
      en: 'Set request 1042 status to Resolved — failed: “Status is mandatory”',
      zh: '将请求 1042 的状态设为 Resolved — 失败：“Status is mandatory”',
    },
    {
      name: 'a skip carries its reason',
      message: msg('op.skip', { reason: msg('skip.channel_out_of_scope', { channel: '2451002751131' }) }),
      en: 'Skipped: Channel 2451002751131 is not one of this integration’s channels.',
      zh: '已跳过：协作空间 2451002751131 不在此集成的协作空间中。',
    },
  ];

  it.each(cases)('$name', ({ message, en: english, zh }) => {
    expect(renderMessage(message, 'en')).toBe(english);
    expect(renderMessage(message, 'zh-CN')).toBe(zh);
  });

  it('stored English text from an earlier version reads as it was stored, in either language, and says so', () => {
    const old = storedText('Create SDP request "Disk full" for incident abc');
    expect(renderMessage(old, 'en')).toBe('Create SDP request "Disk full" for incident abc');
    expect(renderMessage(old, 'zh-CN')).toBe('Create SDP request "Disk full" for incident abc');
    expect(isStoredText(old)).toBe(true);
    expect(isStoredText(msg('outcome.in_sync'))).toBe(false);
  });

  it('a code this build does not know (a newer main process) shows its code and data, never nothing', () => {
    expect(renderMessage({ code: 'op.teleport', params: { incident: 'abc', to: 'mars' } }, 'zh-CN')).toBe(
      'op.teleport abc mars',
    );
  });

  it('uses the language the UI is in when none is named', () => {
    expect(renderMessage(msg('outcome.in_sync'))).toBe('Already in sync.');
  });
});

describe('actionLabel', () => {
  it.each([
    ['create_request', 'en', 'Create request'],
    ['create_request', 'zh-CN', '创建请求'],
    ['assignee_missing', 'zh-CN', '无此技术员'],
    ['something_new', 'zh-CN', 'something_new'],
  ] as const)('%s in %s → %s', (action, language, label) => {
    expect(actionLabel(action, language)).toBe(label);
  });
});

describe('an error carried in a message', () => {
  const error = errorMessageOf('secrets.missing', 'The Zoho client secret is not set.', { slot: 'sdp.clientSecret' });

  it('is worded by the error table in the language asked, whatever the window shows (the tray)', () => {
    applyLanguage('en');
    expect(renderMessage(error, 'zh-CN')).toBe(`${zhCN.secretSdpClientSecret}尚未保存。请在“集成 → 连接”中输入。`);
    expect(renderMessage(error, 'en')).toBe(
      `The ${en.secretSdpClientSecret} is not stored. Enter it under Integration → Connection.`,
    );
    applyLanguage('zh-CN');
    expect(renderMessage(error, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
    applyLanguage('en');
  });

  it('shows an error code no table words as its English text, quoted', () => {
    const unknown = errorMessageOf('no.such_code', 'Something new went wrong.');
    expect(renderMessage(unknown, 'zh-CN')).toBe('“Something new went wrong.”');
    expect(renderMessage(unknown, 'en')).toBe('“Something new went wrong.”');
  });

  it('keeps only string and number details', () => {
    expect(errorMessageOf('x', 'X', { a: 'b', n: 1, o: { deep: true }, u: undefined }).params).toEqual({
      code: 'x',
      english: 'X',
      'detail.a': 'b',
      'detail.n': 1,
    });
  });
});

describe('a UI string carried by its key', () => {
  it('is worded from the tables in the language asked, and an unknown key shows as it is', () => {
    expect(renderMessage(labelMessage('check_sdp.connect'), 'en')).toBe(en['check_sdp.connect']);
    expect(renderMessage(labelMessage('check_sdp.connect'), 'zh-CN')).toBe(zhCN['check_sdp.connect']);
    expect(renderMessage(labelMessage('no_such_key'), 'zh-CN')).toBe('no_such_key');
  });
});
