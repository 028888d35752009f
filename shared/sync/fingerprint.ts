import type { Link, LinkRecords, SideRecord, SyncedValues } from './types';

/**
 * A short, stable digest of a record's values (FNV-1a 64 over canonical JSON with sorted keys), so
 * the link table can tell at a glance whether a side still holds what we wrote. Not a security hash.
 */
export function fingerprint(values: SyncedValues): string {
  const canonical = JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k] ?? null]));
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < canonical.length; i++) {
    hash ^= BigInt(canonical.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

export function sideRecord(values: SyncedValues): SideRecord {
  return { fingerprint: fingerprint(values), values };
}

export function emptyRecords(): LinkRecords {
  return { sdp: {}, flashduty: {} };
}

export function mergeRecords(into: LinkRecords, from: LinkRecords): LinkRecords {
  return { sdp: { ...into.sdp, ...from.sdp }, flashduty: { ...into.flashduty, ...from.flashduty } };
}

/** The link after an operation carrying `records` succeeded (creates the link when there was none). */
export function applyRecords(
  link: Link | null,
  ids: { integrationId: string; incidentId: string; requestId: string },
  records: LinkRecords,
  updatedAt: number,
): Link {
  return {
    integrationId: ids.integrationId,
    incidentId: ids.incidentId,
    requestId: ids.requestId,
    lastWrittenToSdp: sideRecord({ ...link?.lastWrittenToSdp.values, ...records.sdp }),
    lastWrittenToFlashduty: sideRecord({ ...link?.lastWrittenToFlashduty.values, ...records.flashduty }),
    updatedAt,
  };
}
