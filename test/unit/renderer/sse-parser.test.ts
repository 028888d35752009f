import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../renderer/src/backend/sse';

describe('SseParser', () => {
  it('parses events split across arbitrary chunk boundaries', () => {
    const text =
      'retry: 2000\n: connected\n\nevent: log.entry\ndata: {"a":1}\n\nevent: engine.status\r\ndata: {"b":\r\ndata: 2}\r\n\r\n';
    for (const size of [1, 3, 7, text.length]) {
      const parser = new SseParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      expect(out).toEqual([
        { event: 'log.entry', data: '{"a":1}' },
        { event: 'engine.status', data: '{"b":\n2}' },
      ]);
    }
  });

  it('defaults the event name and ignores comments and empty dispatches', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
