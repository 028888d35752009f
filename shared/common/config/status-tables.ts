import { z } from 'zod';

/**
 * Flashduty states as the sync sees them: "Snoozed" is not a progress value but an open incident with a snooze
 * deadline.
 */
export const INCIDENT_STATES = ['Triggered', 'Processing', 'Snoozed', 'Closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const incidentStateSchema = z.enum(INCIDENT_STATES, {
  error: 'Flashduty state must be Triggered, Processing, Snoozed or Closed.',
});

/** The seed's SDP → Flashduty table, exactly as Flashduty's own SDP integration ships it. */
export const DEFAULT_SDP_TO_FLASHDUTY_STATUS: Readonly<Record<string, IncidentState>> = Object.freeze({
  Open: 'Triggered',
  'In Progress': 'Processing',
  Assigned: 'Processing',
  'Pending Verification': 'Processing',
  Staging: 'Processing',
  'On Hold': 'Snoozed',
  Resolved: 'Closed',
  Closed: 'Closed',
  Canceled: 'Closed',
  Rejected: 'Closed',
});

export const DEFAULT_FLASHDUTY_TO_SDP_STATUS: Readonly<Record<IncidentState, string>> = Object.freeze({
  Triggered: 'Open',
  Processing: 'In Progress',
  Snoozed: 'On Hold',
  Closed: 'Resolved',
});

export const DEFAULT_SNOOZE_MINUTES = 120;

const statusName = z
  .string({ error: 'SDP status: enter the status name as SDP shows it, e.g. In Progress.' })
  .trim()
  .min(1, 'SDP status: enter the status name as SDP shows it, e.g. In Progress.')
  .max(100, 'SDP status name is too long (100 characters at most).');

export const sdpToFlashdutyStatusSchema = z
  .record(statusName, incidentStateSchema)
  .superRefine((table, ctx) => {
    const seen = new Map<string, string>();
    for (const name of Object.keys(table)) {
      const norm = name.trim().toLowerCase();
      const prior = seen.get(norm);
      if (prior !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" is listed twice (also as "${prior}"); keep one row.`,
        });
      seen.set(norm, name);
    }
  })
  .default({ ...DEFAULT_SDP_TO_FLASHDUTY_STATUS });

export const flashdutyToSdpStatusSchema = z
  .strictObject({ Triggered: statusName, Processing: statusName, Snoozed: statusName, Closed: statusName })
  .default({ ...DEFAULT_FLASHDUTY_TO_SDP_STATUS });

export const snoozeMinutesSchema = z
  .number({ error: 'Snooze minutes: enter a whole number from 1 to 1440.' })
  .int('Snooze minutes: enter a whole number from 1 to 1440.')
  .min(1, 'Snooze minutes: at least 1.')
  .max(1440, 'Snooze minutes: at most 1440 (24 hours), Flashduty’s limit.')
  .default(DEFAULT_SNOOZE_MINUTES);
