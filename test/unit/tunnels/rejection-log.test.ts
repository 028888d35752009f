import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RejectionLog, type RejectionReport } from '../../../electron/ingress/rejection-log';
import { renderMessage } from '../../../renderer/src/i18n/messages';

/** The reports as the log shows them, in English and in Simplified Chinese. */
const inEnglish = (r: RejectionReport) => ({ integrationId: r.integrationId, message: renderMessage(r.message, 'en') });
const inChinese = (r: RejectionReport) => renderMessage(r.message, 'zh-CN');

const forged = {
  integrationId: 'ops',
  endpoint: 'ops/sdp',
  status: 401,
  reason: 'Missing or wrong X-DeskBridge-Secret header.',
};

describe('rejected webhook calls in the log', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('20,000 forged calls in a minute make two lines: the first with its reason, then one summary', () => {
    const reports: RejectionReport[] = [];
    const log = new RejectionLog((r) => reports.push(r));
    for (let i = 0; i < 20_000; i++) log.add(forged);
    expect(reports.map(inEnglish)).toEqual([
      {
        integrationId: 'ops',
        message: expect.stringMatching(/^Rejected webhook call at ops\/sdp: wrong secret \(401\)\. “Missing or wrong/),
      },
    ]);
    // The API's own words stay quoted data in the Chinese sentence.
    expect(inChinese(reports[0]!)).toMatch(/^已拒绝发往 ops\/sdp 的 Webhook 调用：密钥错误（401）。“Missing or wrong/);
    vi.advanceTimersByTime(60_000);
    expect(reports.slice(1).map(inEnglish)).toEqual([
      { integrationId: 'ops', message: '19999 rejected webhook call(s): wrong secret (19999)' },
    ]);
    expect(inChinese(reports[1]!)).toBe('已拒绝 19999 次 Webhook 调用：密钥错误（19999）');
  });

  it('counts per route and per cause; a quiet minute closes the window so the next call is reported at once', () => {
    const reports: RejectionReport[] = [];
    const log = new RejectionLog((r) => reports.push(r));
    log.add(forged);
    log.add({ ...forged, integrationId: null, endpoint: 'an unknown path', status: 404 });
    log.add({ ...forged, status: 429 });
    log.add(forged);
    expect(reports).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(inEnglish(reports[2]!)).toEqual({
      integrationId: 'ops',
      message: '2 rejected webhook call(s): over the rate limit (1), wrong secret (1)',
    });
    expect(inChinese(reports[2]!)).toBe('已拒绝 2 次 Webhook 调用：超出速率限制（1），密钥错误（1）');
    vi.advanceTimersByTime(60_000);
    expect(reports).toHaveLength(3);
    log.add(forged);
    expect(reports).toHaveLength(4);
    expect(inEnglish(reports[3]!).message).toMatch(/^Rejected webhook call/);
  });

  it('writes what is still counted when stopped', () => {
    const reports: RejectionReport[] = [];
    const log = new RejectionLog((r) => reports.push(r));
    log.add(forged);
    log.add(forged);
    log.stop();
    expect(inEnglish(reports.at(-1)!)).toEqual({
      integrationId: 'ops',
      message: '1 rejected webhook call(s): wrong secret (1)',
    });
    vi.advanceTimersByTime(120_000);
    expect(reports).toHaveLength(2);
  });
});
