import { describe, expect, it } from 'vitest';
import { sdpRequestUrl, type SdpConnection } from '../../../shared/config';

describe('sdpRequestUrl', () => {
  const cases: { name: string; sdp: SdpConnection; url: string }[] = [
    {
      name: 'cloud: the portal’s request details page on the API domain',
      sdp: { platform: 'cloud', dataCenter: 'US', apiDomain: 'sdpondemand.manageengine.com', accountsServer: 'https://accounts.zoho.com', portal: 'itdesk', clientId: 'c', clientSecret: { secret: 'sdp.clientSecret' }, refreshToken: { secret: 'sdp.refreshToken' } },
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
