import type { IntegrationConfig } from '../../common/config';
import { msg } from '../../common/contract';
import { planToFlashduty } from './plan-to-flashduty';
import { planToSdp } from './plan-to-sdp';
import type { ChangeHint, IncidentSnapshot, Link, Operation, RequestSnapshot, SdpMetadata } from './types';

function isIncident(value: IncidentSnapshot | RequestSnapshot): value is IncidentSnapshot {
  return 'progress' in value;
}

/**
 * Everything the sync decides, as a pure function of what both sides hold now and what the link
 * says was last synced. `change.side` names the source; the result is the ordered list of calls
 * (plus skips and failures for the log). Deterministic: no clock, no randomness, no I/O.
 */
export function plan(
  config: IntegrationConfig,
  change: ChangeHint,
  source: IncidentSnapshot | RequestSnapshot,
  target: IncidentSnapshot | RequestSnapshot | null,
  link: Link | null,
  metadata?: SdpMetadata,
): Operation[] {
  if (!config.enabled) return [{ type: 'skip', code: 'disabled', reason: msg('skip.disabled') }];
  const wrong: Operation = {
    type: 'skip',
    code: 'wrong_source',
    reason: msg('skip.wrong_source', { side: change.side, id: change.id }),
  };
  if (source.id !== change.id) return [wrong];
  if (change.side === 'flashduty') {
    if (!isIncident(source) || (target !== null && isIncident(target))) return [wrong];
    return planToSdp(config, change, source, target, link, metadata);
  }
  if (isIncident(source) || (target !== null && !isIncident(target))) return [wrong];
  return planToFlashduty(config, change, source, target, link);
}
