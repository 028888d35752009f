import { isAppError } from '../../shared/common/errors';
import type { SdpClient, SdpStatus, SdpTemplateDetail } from '../../shared/node/sdp/client';
import { sdpMetadata, type SdpMetadataSources } from '../../shared/node/sync/snapshots';
import { SDP_METADATA_LISTS, type SdpMetadata, type SdpMetadataList } from '../../shared/node/sync/types';
import { fingerprint } from '../../shared/node/sync/digest';
import type { Message } from '../../shared/common/contract';
import { isCredentialFailure } from './connection-health';
import { errorMessage } from './runtime-messages';

export const METADATA_TTL_MS = 10 * 60_000;

/** The call behind each list, as the admin would look it up. */
const METADATA_ENDPOINTS: Record<SdpMetadataList, string> = {
  priorities: 'GET /priorities',
  statuses: 'GET /statuses',
  templates: 'GET /request_templates',
  technicians: 'GET /technicians',
  groups: 'GET /support_groups',
  udfs: 'GET /requests/_metainfo',
};

export interface MetadataProblem {
  list: SdpMetadataList;
  endpoint: string;
  reason: 'forbidden' | 'not_found' | 'other';
  scope: string | null;
  /** The error itself, by its code and details, for the UI and the log to word in their language. */
  error: Message;
}

export interface LoadedSdpMetadata {
  sources: SdpMetadataSources;
  problems: MetadataProblem[];
}

/**
 * Reads every metadata list on its own: one endpoint failing (out of scope, missing on this build,
 * an odd answer) costs that list, named with its endpoint and fix, not the others. A list that
 * worked before keeps its last good rows. Only when nothing could be read, or the credentials were
 * rejected, does the whole load fail, so "reconnect" and network retries work as for any call.
 */
export async function loadSdpMetadata(
  sdp: SdpClient,
  templateName: string,
  previous?: SdpMetadataSources,
): Promise<LoadedSdpMetadata> {
  const calls: Record<SdpMetadataList, () => Promise<unknown[]>> = {
    priorities: () => sdp.listPriorities(),
    statuses: () => sdp.listStatuses(),
    templates: () => sdp.listTemplates(),
    technicians: () => sdp.listTechnicians(),
    groups: () => sdp.listGroups(),
    udfs: () => sdp.getRequestMetainfo(),
  };
  const settled = await Promise.allSettled(SDP_METADATA_LISTS.map((list) => calls[list]()));
  const failures = SDP_METADATA_LISTS.flatMap((list, i) => {
    const r = settled[i]!;
    return r.status === 'rejected' ? [{ list, error: r.reason as unknown }] : [];
  });
  const fatal =
    failures.find((f) => isCredentialFailure(f.error) !== null) ??
    (failures.length === SDP_METADATA_LISTS.length ? failures[0] : undefined);
  if (fatal) throw fatal.error;

  const value = <L extends SdpMetadataList>(list: L): SdpMetadataSources[L] => {
    const r = settled[SDP_METADATA_LISTS.indexOf(list)]!;
    return (r.status === 'fulfilled' ? r.value : (previous?.[list] ?? [])) as SdpMetadataSources[L];
  };
  const templates = value('templates');
  // Mandatory fields cost one call per template: read them for the configured and the default one only.
  const wanted = templateName.trim().toLowerCase();
  const chosen = templates.filter((t) => t.isDefault || (wanted !== '' && t.name.toLowerCase() === wanted));
  const details = new Map(
    (await Promise.all(chosen.map((t) => sdp.getTemplate(t.id).catch(() => undefined)))).flatMap((d) =>
      d ? [[d.id, d] as const] : [],
    ),
  );
  const withFields: SdpTemplateDetail[] = templates.map(
    (t) => details.get(t.id) ?? { ...t, mandatoryFields: 'mandatoryFields' in t ? t.mandatoryFields : [] },
  );
  const problems = failures.map(({ list, error }): MetadataProblem => ({
    list,
    endpoint: METADATA_ENDPOINTS[list],
    reason:
      isAppError(error) && error.code === 'sdp.forbidden'
        ? 'forbidden'
        : isAppError(error) && error.code === 'sdp.not_found'
          ? 'not_found'
          : 'other',
    scope: isAppError(error) && typeof error.details?.scope === 'string' ? error.details.scope : null,
    error: errorMessage(error),
  }));
  const unavailable = failures.filter((f) => previous?.[f.list] === undefined).map((f) => f.list);
  return {
    sources: {
      priorities: value('priorities'),
      statuses: value('statuses'),
      templates: withFields,
      technicians: value('technicians'),
      groups: value('groups'),
      udfs: value('udfs'),
      unavailable,
    },
    problems,
  };
}

/**
 * SDP metadata (priorities, statuses, templates, technicians, groups, fields) read at most once per
 * TTL: SDP Cloud allows 30 calls a minute, and plans are checked against it on every change.
 * `onChange` fires when a refresh finds different metadata, so failures it may fix are retried;
 * `onProblems` hears which lists could not be read (empty once they all work again).
 */
export class SdpMetadataCache {
  private sources: SdpMetadataSources | undefined;
  /** The planner's view of `sources`, derived once per fetch rather than once per change. */
  private derived: SdpMetadata | undefined;
  private fetchedAt = 0;
  private inflight: Promise<SdpMetadataSources> | undefined;
  private digest = '';
  private problems: MetadataProblem[] = [];

  constructor(
    private readonly sdp: () => SdpClient,
    private readonly templateName: () => string,
    private readonly now: () => number,
    private readonly onChange: () => void,
    private readonly onProblems: (problems: readonly MetadataProblem[]) => void = () => undefined,
  ) {}

  invalidate(): void {
    this.fetchedAt = 0;
  }

  /**
   * Reads SDP now (or joins the read in flight), for the editor: what it shows is what plans are then checked
   * against, and a change it reveals retries the failures it may fix, as a timed refresh would.
   */
  async refresh(): Promise<LoadedSdpMetadata> {
    this.invalidate();
    const sources = await this.raw();
    return { sources, problems: this.problems };
  }

  async raw(): Promise<SdpMetadataSources> {
    if (this.sources && this.now() - this.fetchedAt < METADATA_TTL_MS) return this.sources;
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async metadata(): Promise<SdpMetadata> {
    const sources = await this.raw();
    if (sources !== this.sources || this.derived === undefined) return sdpMetadata(sources);
    return this.derived;
  }

  async statuses(): Promise<readonly SdpStatus[]> {
    return (await this.raw()).statuses;
  }

  private async fetch(): Promise<SdpMetadataSources> {
    const { sources, problems } = await loadSdpMetadata(this.sdp(), this.templateName(), this.sources);
    const derived = sdpMetadata(sources);
    const digest = fingerprint({ m: JSON.stringify(derived) });
    const changed = this.digest !== '' && digest !== this.digest;
    this.sources = sources;
    this.derived = derived;
    this.digest = digest;
    this.fetchedAt = this.now();
    this.problems = problems;
    this.onProblems(problems);
    if (changed) this.onChange();
    return sources;
  }
}
