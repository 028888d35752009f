import { z } from 'zod';
import type { Link, LinkRecords, SyncedValues } from './types';

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
    lastAgreedWithSdp: { ...link?.lastAgreedWithSdp, ...records.sdp },
    lastAgreedWithFlashduty: { ...link?.lastAgreedWithFlashduty, ...records.flashduty },
    updatedAt,
  };
}

/**
 * One side's agreed values as stored: `{"values": {...}}`. Records written before 2026-11 also
 * carry a `fingerprint` of the values, which nothing read; it is ignored, and dropped on the next save.
 */
const storedSchema = z.object({ values: z.record(z.string(), z.string().nullable()) });

export function storedAgreed(values: SyncedValues): string {
  return JSON.stringify({ values });
}

/**
 * The stored agreed values, old or new shape. A record that cannot be read counts as "nothing
 * agreed yet": the next pass compares both sides afresh, and at worst writes a value again.
 */
export function agreedValues(stored: string): SyncedValues {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data.values : {};
  } catch {
    return {};
  }
}
