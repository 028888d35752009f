import { describe, expect, it } from 'vitest';
import { integrationConfigSchema, normaliseSdpAddress, defaultIntegrationConfig } from '../../../shared/common/config';

describe('normaliseSdpAddress: a pasted address keeps what the connection uses and says what went', () => {
  it.each([
    [
      'on-prem API example',
      'onprem',
      'https://sdp.example.com:8080/api/v3/requests',
      { kept: 'https://sdp.example.com:8080', portal: null, removed: '/api/v3/requests' },
    ],
    [
      'on-prem browser address',
      'onprem',
      ' http://10.0.0.5:8080/WorkOrder.do?woMode=viewWO&woID=12 ',
      { kept: 'http://10.0.0.5:8080', portal: null, removed: '/WorkOrder.do?woMode=viewWO&woID=12' },
    ],
    [
      'on-prem origin with a trailing slash',
      'onprem',
      'https://sdp.example.com:8080/',
      { kept: 'https://sdp.example.com:8080', portal: null, removed: null },
    ],
    [
      'on-prem origin',
      'onprem',
      'https://sdp.example.com:8080',
      { kept: 'https://sdp.example.com:8080', portal: null, removed: null },
    ],
    [
      'cloud API base',
      'cloud',
      'https://sdpondemand.manageengine.com/app/itdesk/api/v3',
      { kept: 'sdpondemand.manageengine.com', portal: 'itdesk', removed: '/app/itdesk/api/v3' },
    ],
    [
      'cloud browser address',
      'cloud',
      'https://helpdesk.example.com/app/it-ops/ui/requests/123/details',
      { kept: 'helpdesk.example.com', portal: 'it-ops', removed: '/app/it-ops/ui/requests/123/details' },
    ],
    [
      'cloud host without scheme, with path',
      'cloud',
      'servicedeskplus.net.au/app/itdesk/',
      { kept: 'servicedeskplus.net.au', portal: 'itdesk', removed: '/app/itdesk/' },
    ],
    [
      'cloud bare host',
      'cloud',
      'sdpondemand.manageengine.eu',
      { kept: 'sdpondemand.manageengine.eu', portal: null, removed: null },
    ],
    [
      'cloud data-centre example without a portal',
      'cloud',
      'https://sdpondemand.manageengine.com/api/v3/requests',
      { kept: 'sdpondemand.manageengine.com', portal: null, removed: '/api/v3/requests' },
    ],
  ] as const)('%s', (_what, platform, raw, expected) => {
    expect(normaliseSdpAddress(raw, platform)).toStrictEqual(expected);
  });

  it.each([
    ['on-prem without a scheme (http or https is the admin’s call)', 'onprem', 'sdp.example.com:8080/api/v3'],
    ['not http', 'onprem', 'ftp://sdp.example.com'],
    ['credentials in the address', 'cloud', 'https://me:pw@sdpondemand.manageengine.com/app/itdesk'],
    ['empty', 'cloud', '  '],
  ] as const)('not an address: %s → null, left for validation to explain', (_what, platform, raw) => {
    expect(normaliseSdpAddress(raw, platform)).toBeNull();
  });
});

describe('the config keeps the normalised address', () => {
  const base = defaultIntegrationConfig({
    id: 'i1',
    name: 'Desk',
    sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' },
    now: 0,
  });
  it.each([
    [
      { platform: 'onprem', endpoint: 'https://sdp.example.com:8080/api/v3/' },
      { endpoint: 'https://sdp.example.com:8080' },
    ],
    [
      {
        platform: 'cloud',
        dataCenter: 'US',
        apiDomain: 'https://helpdesk.example.com/app/itdesk/api/v3',
        portal: 'itdesk',
        clientId: 'c',
      },
      { apiDomain: 'helpdesk.example.com' },
    ],
  ])('%j', (sdp, expected) => {
    expect(integrationConfigSchema.parse({ ...base, sdp }).sdp).toMatchObject(expected);
  });
});
