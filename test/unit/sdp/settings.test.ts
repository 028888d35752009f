import { describe, expect, it } from 'vitest';
import { createSdpClient, exchangeGrantCode, type SdpClientSettings } from '../../../shared/node/sdp/client';

const cloud: SdpClientSettings = {
  edition: 'cloud',
  apiBaseUrl: 'https://sdpondemand.manageengine.com/app/itdesk/api/v3',
  accountsServer: 'https://accounts.zoho.com',
  clientId: '1000.ABC',
  clientSecret: 'secret-value',
  refreshToken: '1000.refresh',
};
const onprem: SdpClientSettings = { edition: 'onprem', apiBaseUrl: 'http://sdp.local:8080', apiKey: 'KEY-1234' };

describe('createSdpClient settings', () => {
  it.each([
    ['cloud', cloud],
    ['onprem', onprem],
  ] as const)('accepts complete %s settings', (_e, settings) => {
    expect(createSdpClient(settings).edition).toBe(settings.edition);
  });

  it.each([
    ['an empty client secret', { ...cloud, clientSecret: ' ' }, 'clientSecret'],
    ['an accounts server that is not a URL', { ...cloud, accountsServer: 'accounts.zoho.com' }, 'accountsServer'],
    ['an empty API key', { ...onprem, apiKey: '' }, 'apiKey'],
    ['a non-numeric portal ID', { ...onprem, portalId: 'main' }, 'portalId'],
    ['a zero call rate', { ...onprem, rateLimitPerMin: 0 }, 'rateLimitPerMin'],
    ['an endpoint that is not a URL', { ...onprem, apiBaseUrl: 'sdp.local' }, 'apiBaseUrl'],
  ] as const)('refuses %s, naming the field without echoing secrets', (_case, settings, field) => {
    let thrown: unknown;
    try {
      createSdpClient(settings as SdpClientSettings);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: 'sdp.invalid_input', fields: [field] });
    expect(String((thrown as Error).message)).not.toContain('secret-value');
  });
});

describe('exchangeGrantCode input', () => {
  it.each([
    ['an empty code', { code: '  ' }, 'code'],
    ['a bad accounts server', { accountsServer: 'zoho' }, 'accountsServer'],
  ])('refuses %s before calling Zoho', async (_case, patch, field) => {
    const input = {
      accountsServer: 'https://accounts.zoho.com',
      clientId: 'a',
      clientSecret: 'b',
      code: '1000.x',
      ...patch,
    };
    await expect(exchangeGrantCode(input)).rejects.toMatchObject({ code: 'sdp.invalid_input', fields: [field] });
  });
});
