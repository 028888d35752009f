import { describe, expect, it } from 'vitest';
import { latinOffenders, untranslated } from '../helpers/language-walk';

describe('language walk: Latin left on a Chinese screen', () => {
  it.each([
    ['同步日志', [], []],
    ['Cannot sync: 请检查', [], ['Cannot sync']],
    ['SDP 没有优先级 “Apocalyptic”', [], []],
    ['SDP has no priority "Apocalyptic".', [], ['has no priority']],
    ['Flashduty ⇄ ServiceDesk Plus 同步', [], []],
    ['ServiceDesk Plus MSP 及较新版本', [], []],
    ['SDP On-Demand，通过 Zoho Self Client 授权。', [], []],
    ['http(s)://主机:端口', [], []],
    ['为该数据中心签发令牌的 https:// 地址。', [], []],
    ['打开 https://sdp.example.com:8080/app/itdesk 或 bob@example.com', [], []],
    ['代码 priority_missing，字段 sdp.apiKey，故障 6b0c63142c33b692ee00cb99', [], []],
    ['美国 (US)', [], []],
    ['#B151FD Payment gateway errors rising (提醒)', ['Payment gateway errors rising'], []],
    ['故障 #CBBCCB 与请求 #101', [], []],
    ['#CBBCCB is still open', [], ['is still open']],
    ['Payment gateway errors rising (Info)', ['Payment gateway errors rising'], ['Info']],
    ['Done.', [], ['Done']],
    ['将 e.g. 保留', [], []],
    ['ngrok 隧道 · Webhook · JSON · API', [], []],
    ['ack', [], ['ack']],
    ['Skipped: Trigger mode is manual', [], ['Skipped', 'Trigger mode is manual']],
    ['Flashduty rejected the app key', [], ['rejected the app key']],
  ] as const)('%s (data %j) → %j', (text, data, runs) => {
    expect(latinOffenders(text, data)).toEqual(runs);
  });
});

describe('language walk: strings lost on an English screen', () => {
  const keys = new Set(['pauseNamed', 'state_failing', 'never', 'retry']);
  it.each([
    ['Pause Demo desk', []],
    ['Pause {name}', ['{name}']],
    ['state_failing', ['state_failing']],
    ['pauseNamed', ['pauseNamed']],
    // Plain words that are also keys are English, not a lost key.
    ['never synced; retry', []],
    ['Failing: undefined parked', ['undefined']],
    ['[object Object]', ['[object Object]']],
  ] as const)('%s → %j', (text, lost) => {
    expect(untranslated(text, keys)).toEqual(lost);
  });
});
