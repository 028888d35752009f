import { z } from 'zod';
import { SdpError } from './errors';
import type { SdpRequest } from './wire';

/** What callers hand the SDP client, checked before anything is sent. */

export const MAX_ROW_COUNT = 100;

const Lookup = z.union([
  z.strictObject({ name: z.string().min(1) }),
  z.strictObject({ id: z.string().regex(/^\d+$/) }),
]);
const UserRef = z.union([
  z.strictObject({ email_id: z.string().min(1) }),
  z.strictObject({ name: z.string().min(1) }),
  z.strictObject({ id: z.string().regex(/^\d+$/) }),
]);

const RequestInputShape = {
  subject: z.string().min(1).max(250).optional(),
  description: z.string().optional(),
  status: Lookup.optional(),
  priority: Lookup.nullable().optional(),
  urgency: Lookup.nullable().optional(),
  impact: Lookup.nullable().optional(),
  category: Lookup.nullable().optional(),
  template: Lookup.optional(),
  requester: UserRef.optional(),
  technician: UserRef.nullable().optional(),
  group: Lookup.nullable().optional(),
  udf_fields: z.record(z.string().min(1), z.string().nullable()).optional(),
  update_reason: z.string().optional(),
  status_change_comments: z.string().optional(),
  resolution: z.strictObject({ content: z.string() }).optional(),
};
export const SdpRequestInput = z.strictObject(RequestInputShape);
export type SdpRequestInput = z.input<typeof SdpRequestInput>;
export const SdpCreateRequestInput = z.strictObject({ ...RequestInputShape, subject: z.string().min(1).max(250) });
export type SdpCreateRequestInput = z.input<typeof SdpCreateRequestInput>;

export type SdpCondition =
  | 'is'
  | 'is not'
  | 'greater than'
  | 'greater or equal'
  | 'lesser than'
  | 'lesser or equal'
  | 'between'
  | 'not between'
  | 'starts with'
  | 'ends with'
  | 'contains'
  | 'not contains';

export interface SdpSearchCriterion {
  field?: string;
  condition?: SdpCondition;
  value?: string | number | boolean | Record<string, string>;
  values?: (string | number | boolean | Record<string, string>)[];
  /** Joins this criterion to the previous one. */
  logical_operator?: 'AND' | 'OR';
  children?: SdpSearchCriterion[];
}

export interface ListRequestsQuery {
  searchCriteria?: SdpSearchCriterion[];
  searchFields?: Record<string, string>;
  sortField?: string;
  sortOrder?: 'asc' | 'desc';
  startIndex?: number;
  rowCount?: number;
  getTotalCount?: boolean;
  fieldsRequired?: string[];
}

export interface SdpRequestPage {
  requests: SdpRequest[];
  hasMoreRows: boolean;
  startIndex: number;
  rowCount: number;
  totalCount?: number;
}

export interface AddNoteInput {
  description: string;
  showToRequester?: boolean;
  notifyTechnician?: boolean;
  markFirstResponse?: boolean;
}

export interface CloseRequestInput {
  comments?: string;
  closureCode?: string;
  requesterAck?: boolean;
  /** Name of the completed status to use; SDP's is "Closed". */
  statusName?: string;
}

export function invalidInput(message: string, fields: string[] = []): SdpError {
  return new SdpError('sdp.invalid_input', message, { fields });
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.');
  throw invalidInput(`Invalid ${what}${field ? ` field "${field}"` : ''}: ${issue.message}.`, field ? [field] : []);
}

export function requestId(id: string): string {
  if (!/^\d+$/.test(id)) throw invalidInput(`"${id}" is not an SDP request ID (digits only).`, ['id']);
  return id;
}
