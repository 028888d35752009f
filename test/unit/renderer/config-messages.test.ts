import { describe, expect, it } from 'vitest';
import {
  configError,
  CONFIG_MESSAGES,
  defaultIntegrationConfig,
  describeConfigMessage,
  readConfigMessage,
  validateIntegrationConfig,
  type ConfigMessageCode,
} from '../../../shared/common/config';
import { problemText } from '../../../renderer/src/lib/problems';

const onprem = { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' } as const;
const stored = () =>
  JSON.parse(
    JSON.stringify(defaultIntegrationConfig({ id: 'int-1', name: 'Ops', sdp: onprem, now: 1_700_000_000_000 })),
  ) as Record<string, unknown>;

const udf = (udfKey: string, udfType = 'single_line') => ({
  source: { kind: 'label', key: 'service' },
  udfKey,
  udfType,
});

/**
 * A bad config, the code its problem carries, and that problem in English (what the headless CLI and
 * `--config` print) and in Simplified Chinese (what the UI shows in 简体中文), values filled in.
 */
const CASES: [string, Record<string, unknown>, string, ConfigMessageCode, string, string][] = [
  [
    'empty name',
    { name: '' },
    'name',
    'config.name.required',
    'Name: give the integration a name.',
    '名称：请为集成命名。',
  ],
  [
    'name too long',
    { name: 'x'.repeat(81) },
    'name',
    'config.name.tooLong',
    'Name is too long (80 characters at most); it also labels the "More actions" button in Flashduty.',
    '名称过长（最多 80 个字符）；它也是 Flashduty 中“更多操作”按钮的文字。',
  ],
  [
    'polling too fast',
    { ingress: { flashdutyPollSeconds: 2 } },
    'ingress.flashdutyPollSeconds',
    'config.poll.min',
    'Polling interval: at least 5 seconds, to stay within the APIs’ rate limits.',
    '轮询间隔：至少 5 秒，以免超出 API 的频率限制。',
  ],
  [
    'comment check as text',
    { ingress: { commentPollSeconds: 'soon' } },
    'ingress.commentPollSeconds',
    'config.commentPoll.seconds',
    'Comment check: enter seconds, 30 to 3600.',
    '评论检查：请输入秒数，30 到 3600。',
  ],
  [
    'snooze beyond a day',
    { statusMapping: { snoozeMinutes: 1441 } },
    'statusMapping.snoozeMinutes',
    'config.snooze.max',
    'Snooze minutes: at most 1440 (24 hours), Flashduty’s limit.',
    '暂缓分钟数：最多 1440（24 小时），这是 Flashduty 的上限。',
  ],
  [
    'the same SDP field twice',
    { customFields: [udf('udf_sline_1'), udf('udf_sline_1')] },
    'customFields[1].udfKey',
    'config.customFields.udfTwice',
    'SDP field "udf_sline_1" is already mapped in row 1; map each SDP field once.',
    'SDP 字段“udf_sline_1”已在第 1 行映射；每个 SDP 字段只能映射一次。',
  ],
  [
    'a pick list as target',
    { customFields: [udf('udf_pick_2', 'pick_list')] },
    'customFields[0].udfType',
    'config.udfType.notText',
    'SDP field "udf_pick_2" is a pick list field; only single-line and multi-line text fields can receive mapped values. Pick a text field.',
    'SDP 字段“udf_pick_2”是 pick list 类型；只有单行和多行文本字段能接收映射的值。请选择文本字段。',
  ],
  [
    'a status listed twice',
    { statusMapping: { sdpToFlashduty: { Open: 'Triggered', 'open ': 'Closed' } } },
    'statusMapping.sdpToFlashduty.open',
    'config.status.twice',
    '"open" is listed twice (also as "Open"); keep one row.',
    '“open”出现了两次（另一处为“Open”）；请只保留一行。',
  ],
  [
    'an unknown setting',
    { colour: 'blue' },
    'colour',
    'config.unknownKey',
    'Unknown setting "colour": remove it.',
    '未知设置“colour”：请删除。',
  ],
  [
    'an inline secret',
    { flashduty: { appKey: 'abc123' } },
    'flashduty.appKey',
    'config.secret.inline',
    CONFIG_MESSAGES['config.secret.inline'],
    '密钥从不保存在配置中。请把密钥存入钥匙串并写 { "secret": "<name>" }，或（无界面模式）放入环境变量并写 { "env": "VAR_NAME" }。',
  ],
  [
    'an on-prem port out of range',
    { sdp: { ...onprem, endpoint: 'https://sdp.example.com:99999' } },
    'sdp.endpoint',
    'config.endpoint.port',
    'SDP address: the port must be a whole number from 1 to 65535.',
    'SDP 地址：端口必须是 1 到 65535 之间的整数。',
  ],
  [
    'a bad regular expression',
    { trigger: { mode: 'auto', conditions: [{ kind: 'label_matches', key: 'host', pattern: '(' }] } },
    'trigger.conditions[0].pattern',
    'config.regex.invalid',
    'Not a valid regular expression: Invalid regular expression: /(/: Unterminated group.',
    '不是有效的正则表达式：“Invalid regular expression: /(/: Unterminated group”。',
  ],
];

describe('config validation messages: codes → text', () => {
  it.each(CASES)(
    '%s: code, English for the CLI, both languages in the UI',
    (_, patch, path, code, english, chinese) => {
      const result = validateIntegrationConfig({ ...stored(), ...patch });
      expect(result.ok).toBe(false);
      const problem = !result.ok ? result.problems.find((p) => p.path === path) : undefined;
      expect(problem).toMatchObject({ code, message: english });
      expect(problemText(problem!, 'en')).toBe(english);
      expect(problemText(problem!, 'zh-CN')).toBe(chinese);
    },
  );

  it('a message zod wrote itself has no code and is shown as it came', () => {
    expect(problemText({ path: 'x', message: 'Invalid input' }, 'zh-CN')).toBe('Invalid input');
  });

  it.each<[string, Record<string, string | number>]>([
    ['no params', {}],
    ['numbers', { min: 5, max: 3600 }],
    ['text that looks like a query', { name: 'a&b=c?d', prior: '100% "quoted"' }],
    ['non-Latin text', { udfKey: '故障编号', row: 2 }],
  ])('a code survives the zod message it travels in: %s', (_, params) => {
    const read = readConfigMessage(configError('config.status.twice', params));
    expect(read).toEqual({
      code: 'config.status.twice',
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    });
  });

  it.each(['Name: give the integration a name.', 'config.nope', 'config.name.required.extra?x=1', ''])(
    'text that is no config code passes through as English: %j',
    (text) => {
      expect(readConfigMessage(text)).toBeNull();
      expect(describeConfigMessage(text)).toEqual({ message: text });
    },
  );

  it('no code reaches a reader in its raw form', () => {
    const everything = validateIntegrationConfig({
      ...stored(),
      id: '',
      name: 7,
      direction: 'sideways',
      sdp: { platform: 'cloud', dataCenter: 'MARS', portal: '/', clientId: '', apiDomain: 'a b' },
      ingress: { mode: { type: 'relay', channelUrl: 'ftp://x' }, webhookSecret: { secret: 'sdp.apiKey' } },
      trigger: { mode: 'auto', match: 'some', conditions: [{ kind: 'severity_in', severities: [] }] },
    });
    expect(everything.ok).toBe(false);
    const problems = everything.ok ? [] : everything.problems;
    expect(problems.length).toBeGreaterThan(8);
    for (const p of problems) {
      expect(p.message, p.path).not.toMatch(/^config\.\w/);
      expect(p.code, p.path).toBeDefined();
    }
  });
});
