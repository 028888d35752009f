import { z } from 'zod';
import { configError } from './messages';

/**
 * Flashduty states as the sync sees them: "Snoozed" is not a progress value but an open incident with a snooze
 * deadline.
 */
export const INCIDENT_STATES = ['Triggered', 'Processing', 'Snoozed', 'Closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const incidentStateSchema = z.enum(INCIDENT_STATES, {
  error: configError('config.incidentState.enum'),
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
  .string({ error: configError('config.status.required') })
  .trim()
  .min(1, configError('config.status.required'))
  .max(100, configError('config.status.tooLong', { max: 100 }));

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
          message: configError('config.status.twice', { name, prior }),
        });
      seen.set(norm, name);
    }
  })
  .default({ ...DEFAULT_SDP_TO_FLASHDUTY_STATUS });

export const flashdutyToSdpStatusSchema = z
  .strictObject({ Triggered: statusName, Processing: statusName, Snoozed: statusName, Closed: statusName })
  .default({ ...DEFAULT_FLASHDUTY_TO_SDP_STATUS });

const SNOOZE_RANGE = { min: 1, max: 1440 };
export const snoozeMinutesSchema = z
  .number({ error: configError('config.snooze.range', SNOOZE_RANGE) })
  .int(configError('config.snooze.range', SNOOZE_RANGE))
  .min(1, configError('config.snooze.min', SNOOZE_RANGE))
  .max(1440, configError('config.snooze.max', SNOOZE_RANGE))
  .default(DEFAULT_SNOOZE_MINUTES);
