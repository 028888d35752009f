import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INGRESS_MODE,
  defaultIntegrationConfig,
  ingressModeSchema,
  integrationConfigSchema,
  validateIntegrationConfig,
} from '../../../shared/common/config';

const base = () =>
  defaultIntegrationConfig({
    id: 'i1',
    name: 'Ops',
    sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' },
    now: 1,
  });

describe('ingress mode config', () => {
  it('defaults to direct on 127.0.0.1 with the shared port, and keeps the existing ingress fields', () => {
    expect(base().ingress).toEqual({
      flashdutyPollSeconds: 30,
      sdpPollSeconds: 30,
      commentPollSeconds: 120,
      webhooks: false,
      webhookSecret: { secret: 'webhook.secret' },
      mode: DEFAULT_INGRESS_MODE,
    });
    expect(DEFAULT_INGRESS_MODE).toEqual({ type: 'direct', host: '127.0.0.1', port: 0, allowAllInterfaces: false });
  });

  it('each config gets its own default object', () => {
    const a = base();
    a.ingress.mode = { type: 'relay', channelUrl: 'https://smee.io/x' };
    expect(base().ingress.mode).toEqual(DEFAULT_INGRESS_MODE);
  });

  it.each([
    [
      { type: 'direct', host: '192.168.1.20', port: 8765 },
      { type: 'direct', host: '192.168.1.20', port: 8765, allowAllInterfaces: false },
    ],
    [
      { type: 'direct', host: '0.0.0.0', allowAllInterfaces: true },
      { type: 'direct', host: '0.0.0.0', port: 0, allowAllInterfaces: true },
    ],
    [
      { type: 'direct', host: 'fd00::20' },
      { type: 'direct', host: 'fd00::20', port: 0, allowAllInterfaces: false },
    ],
    [{ type: 'ngrok' }, { type: 'ngrok', authtoken: { secret: 'ngrok.authtoken' } }],
    [
      { type: 'ngrok', domain: ' https://Desk.ngrok.app/ ' },
      { type: 'ngrok', authtoken: { secret: 'ngrok.authtoken' }, domain: 'desk.ngrok.app' },
    ],
    [
      { type: 'ngrok', domain: '', authtoken: { env: 'NGROK_AUTHTOKEN' } },
      { type: 'ngrok', authtoken: { env: 'NGROK_AUTHTOKEN' } },
    ],
    [
      { type: 'relay', channelUrl: 'https://smee.io/AbC123/' },
      { type: 'relay', channelUrl: 'https://smee.io/AbC123' },
    ],
    [
      { type: 'relay', channelUrl: 'http://127.0.0.1:3300/test' },
      { type: 'relay', channelUrl: 'http://127.0.0.1:3300/test' },
    ],
  ])('accepts %j', (input, expected) => {
    expect(ingressModeSchema.parse(input)).toEqual(expected);
  });

  it.each([
    [
      '0.0.0.0 without the acknowledgement',
      { type: 'direct', host: '0.0.0.0' },
      'ingress.mode.host',
      /every interface.*Allow all interfaces/s,
    ],
    [':: without the acknowledgement', { type: 'direct', host: '::' }, 'ingress.mode.host', /every interface/],
    [
      'a host name instead of an address',
      { type: 'direct', host: 'desk.local' },
      'ingress.mode.host',
      /IP address of this computer/,
    ],
    ['a port out of range', { type: 'direct', port: 70000 }, 'ingress.mode.port', /1 to 65535/],
    [
      'an inline authtoken',
      { type: 'ngrok', authtoken: '2abc' },
      'ingress.mode.authtoken',
      /never stored in the config/,
    ],
    ['a token-ish unknown key', { type: 'ngrok', token: '2abc' }, 'ingress.mode.token', /looks like a secret/],
    ['a domain with a path', { type: 'ngrok', domain: 'desk.ngrok.app/hooks' }, 'ingress.mode.domain', /domain only/],
    [
      'an http relay on the internet',
      { type: 'relay', channelUrl: 'http://smee.io/abc' },
      'ingress.mode.channelUrl',
      /https:\/\//,
    ],
    [
      'a relay without a channel',
      { type: 'relay', channelUrl: 'https://smee.io/' },
      'ingress.mode.channelUrl',
      /full https:\/\/ address of the channel/,
    ],
    [
      'a relay URL with a query',
      { type: 'relay', channelUrl: 'https://smee.io/abc?x=1' },
      'ingress.mode.channelUrl',
      /channel/,
    ],
    ['an unknown route', { type: 'cloudflare' }, 'ingress.mode.type', /direct.*ngrok.*relay/s],
  ])('refuses %s, on the field to fix', (_what, mode, path, message) => {
    const input = { ...JSON.parse(JSON.stringify(base())), ingress: { ...base().ingress, mode } };
    const result = validateIntegrationConfig(input);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.problems.find((p) => p.path === path) : undefined;
    expect(problem?.message).toMatch(message);
  });

  it('a stored config with a relay parses back to itself', () => {
    const stored = JSON.parse(
      JSON.stringify({
        ...base(),
        ingress: { ...base().ingress, webhooks: true, mode: { type: 'relay', channelUrl: 'https://smee.io/abc' } },
      }),
    );
    expect(integrationConfigSchema.parse(stored)).toEqual(stored);
  });
});
