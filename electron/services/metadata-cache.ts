import type { SdpClient, SdpStatus, SdpTemplateDetail } from '../../shared/sdp/client';
import { sdpMetadata, type SdpMetadataSources } from '../../shared/sync/snapshots';
import type { SdpMetadata } from '../../shared/sync/types';
import { fingerprint } from '../../shared/sync/fingerprint';

export const METADATA_TTL_MS = 10 * 60_000;

/**
 * SDP metadata (priorities, statuses, templates, technicians, groups, fields) read at most once per
 * TTL: SDP Cloud allows 30 calls a minute, and plans are checked against it on every change.
 * `onChange` fires when a refresh finds different metadata, so failures it may fix are retried.
 */
export class SdpMetadataCache {
  private sources: SdpMetadataSources | undefined;
  /** The planner's view of `sources`, derived once per fetch rather than once per change. */
  private derived: SdpMetadata | undefined;
  private fetchedAt = 0;
  private inflight: Promise<SdpMetadataSources> | undefined;
  private digest = '';

  constructor(
    private readonly sdp: () => SdpClient,
    private readonly templateName: () => string,
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  invalidate(): void {
    this.fetchedAt = 0;
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
    const sdp = this.sdp();
    const [priorities, statuses, templates, technicians, groups, udfs] = await Promise.all([
      sdp.listPriorities(),
      sdp.listStatuses(),
      sdp.listTemplates(),
      sdp.listTechnicians(),
      sdp.listGroups(),
      sdp.getRequestMetainfo(),
    ]);
    // Only the template the integration uses needs its mandatory fields (one call, not one per template).
    const wanted = this.templateName().trim().toLowerCase();
    const chosen = templates.find((t) => (wanted === '' ? t.isDefault : t.name.toLowerCase() === wanted));
    const detail = chosen ? await sdp.getTemplate(chosen.id) : undefined;
    const withFields: SdpTemplateDetail[] = templates.map((t) => (detail && t.id === detail.id ? detail : { ...t, mandatoryFields: [] }));
    const sources = { priorities, statuses, templates: withFields, technicians, groups, udfs };
    const derived = sdpMetadata(sources);
    const digest = fingerprint({ m: JSON.stringify(derived) });
    const changed = this.digest !== '' && digest !== this.digest;
    this.sources = sources;
    this.derived = derived;
    this.digest = digest;
    this.fetchedAt = this.now();
    if (changed) this.onChange();
    return sources;
  }
}
