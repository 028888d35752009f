import { describe, expect, it } from 'vitest';
import { sdpRequestIdFromUrl, sdpRequestUrl, type SdpConnection } from '../../../shared/common/config';

describe('sdpRequestUrl', () => {
  const cases: { name: string; sdp: SdpConnection; url: string }[] = [
    {
      name: 'cloud: the portal’s request details page on the API domain',
      sdp: {
        platform: 'cloud',
        dataCenter: 'US',
        apiDomain: 'sdpondemand.manageengine.com',
        accountsServer: 'https://accounts.zoho.com',
        portal: 'itdesk',
        clientId: 'c',
        clientSecret: { secret: 'sdp.clientSecret' },
        refreshToken: { secret: 'sdp.refreshToken' },
      },
      url: 'https://sdpondemand.manageengine.com/app/itdesk/ui/requests/123/details',
    },
    {
      name: 'on-prem: the WorkOrder view on the server',
      sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080', apiKey: { secret: 'sdp.apiKey' } },
      url: 'https://sdp.example.com:8080/WorkOrder.do?woMode=viewWO&woID=123',
    },
  ];
  it.each(cases)('$name', ({ sdp, url }) => {
    expect(sdpRequestUrl(sdp, '123')).toBe(url);
  });
});

describe('sdpRequestIdFromUrl', () => {
  it.each([
    [
      'cloud',
      'https://sdpondemand.manageengine.com/app/itdesk/ui/requests/123640000000240013/details',
      '123640000000240013',
    ],
    ['on-prem', 'https://sdp.example.com:8080/WorkOrder.do?woMode=viewWO&woID=101', '101'],
    ['an encoded ID', 'https://sdp.example.com/WorkOrder.do?woMode=viewWO&woID=a%20b', 'a b'],
    ['another page', 'https://sdp.example.com/ui/requests', null],
    ['not a URL', 'see ticket 5', null],
  ])('%s', (_name, url, id) => {
    expect(sdpRequestIdFromUrl(url)).toBe(id);
  });
});
