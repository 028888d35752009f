import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText, redactUrl } from '../../../shared/node/net/redact';

describe('redaction', () => {
  it.each([
    [
      'https://api.flashcat.cloud/incident/list?app_key=abcdef123456',
      'https://api.flashcat.cloud/incident/list?app_key=***',
    ],
    ['https://x/y?a=1&app_key=k3y&b=2', 'https://x/y?a=1&app_key=***&b=2'],
    [
      'https://accounts.zoho.com/oauth/v2/token?refresh_token=1000.abc&client_secret=s3&grant_type=refresh_token',
      'https://accounts.zoho.com/oauth/v2/token?refresh_token=***&client_secret=***&grant_type=refresh_token',
    ],
    ['https://x/api/v3/requests?input_data=%7B%7D', 'https://x/api/v3/requests?input_data=%7B%7D'],
    ['http://127.0.0.1:4780/?token=t0k3n#/log', 'http://127.0.0.1:4780/?token=***#/log'],
  ])('redactUrl(%s)', (url, expected) => expect(redactUrl(url)).toBe(expected));

  it('hides secret headers whatever their case', () => {
    expect(
      redactHeaders({ Authorization: 'Zoho-oauthtoken 1000.x', authtoken: 'K', Accept: 'application/json' }),
    ).toEqual({
      Authorization: '***',
      authtoken: '***',
      Accept: 'application/json',
    });
  });

  it('removes known secret values from free text', () => {
    expect(redactText('upstream said: key sk-12345 is invalid (sk-12345)', ['sk-12345'])).toBe(
      'upstream said: key *** is invalid (***)',
    );
    expect(redactText('abc', ['ab'])).toBe('abc');
  });
});
