import { describe, expect, it } from 'vitest';
import {
  FLASHDUTY_SYNC_EVENTS,
  flashdutySetupSteps,
  sdpSetupSteps,
  unreachableFrom,
} from '../../../electron/services/webhook-setup';
import { defaultIntegrationConfig, type IntegrationConfig } from '../../../shared/common/config';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/node/flashduty/webhook';

const onprem = (endpoint: string): IntegrationConfig =>
  defaultIntegrationConfig({ id: 'i1', name: 'Desk', sdp: { platform: 'onprem', endpoint }, now: 0 });
const cloud = (): IntegrationConfig =>
  defaultIntegrationConfig({
    id: 'i1',
    name: 'Desk',
    sdp: { platform: 'cloud', dataCenter: 'EU', portal: 'itdesk', clientId: 'c' },
    now: 0,
  });
const LOCAL = new Set(['deskhost', '192.168.1.20', 'localhost']);

describe('the webhook setup helper', () => {
  it('shows the steps of the configured edition, with polling as what carries changes where no webhook exists', () => {
    expect(sdpSetupSteps(cloud()).map((s) => s.step)).toStrictEqual([
      'sdp_cloud_webhook',
      'sdp_cloud_trigger',
      'sdp_polling_backstop',
    ]);
    const steps = sdpSetupSteps(onprem('http://sdp.corp:8080'));
    expect(steps.map((s) => s.step)).toStrictEqual([
      'sdp_onprem_webhook',
      'sdp_onprem_trigger',
      'sdp_onprem_no_webhook',
    ]);
    expect(steps[2]!.params).toStrictEqual({ seconds: onprem('http://sdp.corp:8080').ingress.sdpPollSeconds });
  });

  it('lists exactly the Flashduty events DeskBridge syncs, all of them documented types', () => {
    for (const e of FLASHDUTY_SYNC_EVENTS) expect(WEBHOOK_EVENT_TYPES).toContain(e);
    expect(FLASHDUTY_SYNC_EVENTS).not.toContain('i_custom');
    expect(FLASHDUTY_SYNC_EVENTS).toContain('i_comm');
    expect(flashdutySetupSteps().find((s) => s.step === 'fd_events')?.params).toStrictEqual({
      count: FLASHDUTY_SYNC_EVENTS.length,
    });
  });

  it.each([
    ['cloud, loopback URL', cloud(), 'http://127.0.0.1:4781/hooks/sdp/x', 'sdpondemand.manageengine.eu'],
    ['cloud, public URL', cloud(), 'https://abc.ngrok.app/hooks/sdp/x', null],
    [
      'on-prem elsewhere, loopback URL',
      onprem('https://sdp.corp:8080'),
      'http://127.0.0.1:4781/hooks/sdp/x',
      'sdp.corp',
    ],
    [
      'on-prem elsewhere, localhost URL',
      onprem('http://10.1.2.3:8080'),
      'http://localhost:4781/hooks/sdp/x',
      '10.1.2.3',
    ],
    ['on-prem elsewhere, LAN URL', onprem('https://sdp.corp:8080'), 'http://192.168.1.20:4781/hooks/sdp/x', null],
    ['on-prem on this machine (loopback)', onprem('http://127.0.0.1:8080'), 'http://127.0.0.1:4781/hooks/sdp/x', null],
    [
      'on-prem on this machine (its LAN address)',
      onprem('http://192.168.1.20:8080'),
      'http://127.0.0.1:4781/hooks/sdp/x',
      null,
    ],
    ['on-prem on this machine (its name)', onprem('http://DESKHOST:8080'), 'http://[::1]:4781/hooks/sdp/x', null],
    ['no URL yet', cloud(), '', null],
  ] as const)('%s → %s', (_what, config, url, expected) => {
    expect(unreachableFrom(config, url, LOCAL)).toBe(expected);
  });
});
