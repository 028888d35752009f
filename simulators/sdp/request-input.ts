import { z } from 'zod';
import { SimApiError } from './store';

/** What the API accepts in `input_data` for a request, a note and a resolution, refused the way SDP refuses it. */

const LookupIn = z.strictObject({ id: z.string().optional(), name: z.string().optional() });
const UserIn = z.strictObject({
  id: z.string().optional(),
  name: z.string().optional(),
  email_id: z.string().optional(),
});
const DateIn = z.strictObject({ value: z.union([z.string(), z.number()]), display_value: z.string().optional() });

export const RequestIn = z.strictObject({
  subject: z.string().optional(),
  description: z.string().optional(),
  status: LookupIn.optional(),
  priority: LookupIn.nullable().optional(),
  urgency: LookupIn.nullable().optional(),
  impact: LookupIn.nullable().optional(),
  category: LookupIn.nullable().optional(),
  template: LookupIn.optional(),
  requester: UserIn.optional(),
  technician: UserIn.nullable().optional(),
  group: LookupIn.nullable().optional(),
  udf_fields: z.record(z.string(), z.unknown()).optional(),
  resolution: z.strictObject({ content: z.string() }).optional(),
  closure_info: z
    .strictObject({
      closure_code: LookupIn.optional(),
      closure_comments: z.string().optional(),
      requester_ack_resolution: z.boolean().optional(),
      requester_ack_comments: z.string().optional(),
    })
    .optional(),
  update_reason: z.string().optional(),
  status_change_comments: z.string().optional(),
  email_ids_to_notify: z.array(z.string()).optional(),
  due_by_time: DateIn.nullable().optional(),
});
export type RequestIn = z.output<typeof RequestIn>;

export const NoteIn = z.strictObject({
  description: z.string(),
  show_to_requester: z.boolean().optional(),
  notify_technician: z.boolean().optional(),
  mark_first_response: z.boolean().optional(),
  add_to_linked_requests: z.boolean().optional(),
});
export type NoteIn = z.output<typeof NoteIn>;

export const ResolutionIn = z.strictObject({
  content: z.string(),
  add_to_linked_requests: z.union([z.boolean(), z.string()]).optional(),
});

/** Validates `input_data` the way SDP does: unknown keys are EXTRA_KEY_FOUND_IN_JSON (4001). */
export function parseInputData<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = [path, issue.keys[0]].filter(Boolean).join('.');
    throw new SimApiError(400, 4001, 'EXTRA_KEY_FOUND_IN_JSON', key);
  }
  if (issue.code === 'invalid_type') throw new SimApiError(400, 4021, `Data type mismatch for ${path}`, path);
  throw new SimApiError(400, 4001, `Value given for ${path} is invalid`, path);
}
