import { describe, expect, it } from 'vitest';
import { MAX_RELAY_EVENT_CHARS, relayWebhookUrl, replayRequestFor } from '../../../electron/ingress/tunnels';

const PATH = '/hooks/int1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/sdp';
const event = (patch: Record<string, unknown> = {}) =>
  JSON.stringify({
    host: 'smee.io',
    'content-type': 'application/json',
    'x-deskbridge-secret': 's3cret',
    body: { request_id: '1' },
    query: { path: PATH },
    timestamp: 1,
    ...patch,
  });

describe('replaying one relay message', () => {
  it('keeps the sender headers and body, targets the path from the webhook URL', () => {
    const decision = replayRequestFor(event({ 'user-agent': 'SDP', 'x-multi': ['a', 'b'] }));
    expect(decision).toEqual({
      ok: true,
      request: {
        path: PATH,
        body: '{"request_id":"1"}',
        headers: {
          'content-type': 'application/json',
          'x-deskbridge-secret': 's3cret',
          'user-agent': 'SDP',
          'x-multi': ['a', 'b'],
        },
      },
    });
  });

  it.each([
    'host',
    'content-length',
    'connection',
    'keep-alive',
    'transfer-encoding',
    'upgrade',
    'te',
    'trailer',
    'proxy-authorization',
    'proxy-connection',
    'content-encoding',
    'expect',
  ])('never forwards %s', (name) => {
    const decision = replayRequestFor(event({ [name]: 'x' }));
    expect(decision.ok && Object.keys(decision.request.headers)).not.toContain(name);
  });

  it('drops headers the Connection header lists as hop-by-hop', () => {
    const decision = replayRequestFor(event({ connection: 'keep-alive, X-Relay-Hop', 'x-relay-hop': '1' }));
    expect(decision.ok && decision.request.headers['x-relay-hop']).toBeUndefined();
  });

  it.each([
    ['a name that is not an HTTP token', { 'bad name': 'x' }, 'bad name'],
    ['a value with a line break', { 'x-injected': 'a\r\nx-evil: 1' }, 'x-injected'],
    ['a non-string value', { 'x-number': 5 }, 'x-number'],
  ])('skips %s', (_what, patch, name) => {
    const decision = replayRequestFor(event(patch));
    expect(decision.ok).toBe(true);
    expect(decision.ok && decision.request.headers[name]).toBeUndefined();
  });

  it('keeps other query parameters and defaults the content type', () => {
    const decision = replayRequestFor(
      event({ 'content-type': undefined, query: { path: PATH, a: '1', b: ['2', '3'] } }),
    );
    expect(decision).toMatchObject({
      ok: true,
      request: { path: `${PATH}?a=1&b=2&b=3`, headers: { 'content-type': 'application/json' } },
    });
  });

  it('an event without a body replays an empty one', () => {
    const decision = replayRequestFor(event({ body: undefined }));
    expect(decision.ok && decision.request.body).toBe('');
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['not an object', '[1,2]', /not a webhook/],
    ['no path', event({ query: {} }), /lacks "\?path=/],
    ['a path outside /hooks', event({ query: { path: '/admin' } }), /lacks/],
    ['a path with ..', event({ query: { path: '/hooks/../x' } }), /lacks/],
    ['an absolute URL as path', event({ query: { path: 'http://evil.example/hooks/x' } }), /lacks/],
    ['a repeated path', event({ query: { path: [PATH, PATH] } }), /lacks/],
    ['too large', 'x'.repeat(MAX_RELAY_EVENT_CHARS + 1), /over/],
  ])('refuses %s', (_what, data, reason) => {
    const decision = replayRequestFor(data);
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toMatch(reason);
  });

  it('the public URL for a relay carries the local path in the query', () => {
    expect(relayWebhookUrl('https://smee.io/abc', PATH)).toBe(`https://smee.io/abc?path=${PATH}`);
  });
});
