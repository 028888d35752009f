import type { IntegrationConfig } from '../../shared/common/config';
import type { GoLivePreview } from '../../shared/common/contract';
import type { FlashdutyClient } from '../../shared/node/flashduty/client';
import type { SdpClient, SdpStatus } from '../../shared/node/sdp/client';
import { flashdutyPollStart, sdpPollStart } from '../../shared/node/sync/pollers';
import type { Snapshot } from '../../shared/node/sync/runner';
import { incidentSnapshot, requestSnapshot } from '../../shared/node/sync/snapshots';
import type { Operation, Side } from '../../shared/node/sync/types';

/** The preview plans at most this many records per side; past it the counts are a lower bound. */
export const PREVIEW_LIMIT = 200;
const PROBLEMS_SHOWN = 3;

export interface GoLiveDeps {
  config: IntegrationConfig;
  flashduty: FlashdutyClient;
  sdp: SdpClient;
  sdpStatuses: () => Promise<readonly SdpStatus[]>;
  /** The runner's dry run: the planner exactly as the automatic sync runs it, writing nothing. */
  plan: (side: Side, id: string, snapshot: Snapshot) => Promise<Operation[]>;
  now: number;
}

type SideSummary = NonNullable<GoLivePreview['toSdp']>;

async function tally(records: AsyncIterable<Snapshot>, side: Side, deps: GoLiveDeps): Promise<SideSummary> {
  const created = side === 'flashduty' ? 'create_request' : 'create_incident';
  const summary: SideSummary = { considered: 0, creates: 0, fails: 0, problems: [], truncated: false };
  for await (const record of records) {
    if (summary.considered >= PREVIEW_LIMIT) {
      summary.truncated = true;
      break;
    }
    summary.considered++;
    const ops = await deps.plan(side, record.id, record);
    const fails = ops.filter((op): op is Extract<Operation, { type: 'fail' }> => op.type === 'fail');
    if (fails.length > 0) {
      summary.fails++;
      for (const f of fails) {
        const said = JSON.stringify(f.reason);
        if (summary.problems.length < PROBLEMS_SHOWN && !summary.problems.some((p) => JSON.stringify(p) === said))
          summary.problems.push(f.reason);
      }
    } else if (ops.some((op) => op.type === created)) {
      summary.creates++;
    }
  }
  return summary;
}

async function* incidents(deps: GoLiveDeps): AsyncGenerator<Snapshot> {
  const { config, now } = deps;
  for await (const incident of deps.flashduty.iterateIncidents({
    startTime: flashdutyPollStart(config, now),
    endTime: Math.ceil(now / 1000),
    ...(config.channels.length > 0 ? { channelIds: config.channels } : {}),
  })) {
    yield incidentSnapshot(incident, now);
  }
}

async function* requests(deps: GoLiveDeps): AsyncGenerator<Snapshot> {
  const statuses = await deps.sdpStatuses();
  for await (const request of deps.sdp.requestsUpdatedSince(sdpPollStart(deps.config)))
    yield requestSnapshot(request, statuses);
}

/**
 * What turning a draft on would do: the records its first polls would list, each run through the
 * planner as the automatic sync would, counted by what it would create or park as failed.
 */
export async function goLivePreview(deps: GoLiveDeps): Promise<GoLivePreview> {
  const { config } = deps;
  const names =
    config.channels.length === 0
      ? new Map<string, string>()
      : new Map((await deps.flashduty.listChannels()).map((c) => [c.channel_id, c.channel_name]));
  return {
    direction: config.direction,
    triggerMode: config.trigger.mode,
    conditions: config.trigger.mode === 'auto' ? config.trigger.conditions.length : 0,
    channels: config.channels.map((id) => names.get(id) || id),
    webhooks: config.ingress.webhooks,
    toSdp: config.direction === 'from_sdp' ? null : await tally(incidents(deps), 'flashduty', deps),
    fromSdp: config.direction === 'to_sdp' ? null : await tally(requests(deps), 'sdp', deps),
  };
}
