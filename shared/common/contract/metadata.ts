import { z } from 'zod';
import { UDF_TYPES } from '../config';
import { messageSchema } from './message';

/** The editor's dropdowns: what each side's instance offers. */
export const sdpMetadataViewSchema = z.object({
  templates: z.array(
    z.object({ id: z.string(), name: z.string(), isDefault: z.boolean(), mandatoryFields: z.array(z.string()) }),
  ),
  priorities: z.array(z.object({ id: z.string(), name: z.string() })),
  statuses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      class: z.enum(['open', 'in_progress', 'on_hold', 'completed']),
      inProgress: z.boolean(),
      stopTimer: z.boolean(),
    }),
  ),
  technicians: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  udfs: z.array(z.object({ key: z.string(), displayName: z.string(), type: z.enum(UDF_TYPES), isText: z.boolean() })),
  /** Lists SDP would not give (each endpoint loads on its own): which call, why, and what to do. */
  problems: z
    .array(
      z.object({
        list: z.enum(['priorities', 'statuses', 'templates', 'technicians', 'groups', 'udfs']),
        endpoint: z.string(),
        /** What the editor and the sync log word in the reader's language. */
        reason: z.enum(['forbidden', 'not_found', 'other']),
        /** The Zoho scope a cloud refusal names, when known. */
        scope: z.string().nullable(),
        /** The error by its code and details: how the UI words a reason it has no words of its own for. */
        error: messageSchema,
      }),
    )
    .optional(),
  /**
   * Per Flashduty state, this instance's status of the matching kind (by its flags); used where the table's documented
   * name is missing.
   */
  statusDefaults: z.object({
    Triggered: z.string().nullable(),
    Processing: z.string().nullable(),
    Snoozed: z.string().nullable(),
    Closed: z.string().nullable(),
  }),
});
export type SdpMetadataView = z.infer<typeof sdpMetadataViewSchema>;

export const flashdutyMetadataViewSchema = z.object({
  channels: z.array(z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable() })),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  fields: z.array(
    z.object({ name: z.string(), displayName: z.string(), type: z.string(), options: z.array(z.string()) }),
  ),
});
export type FlashdutyMetadataView = z.infer<typeof flashdutyMetadataViewSchema>;
