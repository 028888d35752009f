import { z } from 'zod';
import type { Edition, IdGen, SimMetadata, SimNamed, SimUser } from './seed';

/** An SDP-style failure: rendered as `{response_status:{status_code:4000,…,messages:[…]}}`. */
export class SimApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly statusCode: number,
    message: string,
    readonly field?: string | string[],
  ) {
    super(message);
  }
}

export interface SimNote {
  id: string;
  description: string;
  show_to_requester: boolean;
  mark_first_response: boolean;
  added_time: number;
  added_by: SimUser;
}

export interface SimRequest {
  id: string;
  displayId: string;
  subject: string;
  description: string;
  statusId: string;
  priorityId: string | null;
  urgencyId: string | null;
  impactId: string | null;
  categoryId: string | null;
  templateId: string;
  requesterId: string | null;
  technicianId: string | null;
  groupId: string | null;
  udf: Record<string, unknown>;
  createdTime: number;
  lastUpdatedTime: number;
  resolvedTime: number | null;
  completedTime: number | null;
  assignedTime: number | null;
  createdBy: SimUser;
  resolution: { content: string; submittedOn: number; submittedBy: SimUser } | null;
  closureInfo: Record<string, unknown> | null;
  updateReason: string | null;
  notes: SimNote[];
}

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

export type ChangeKind = 'create' | 'edit';

/** The requests of one simulated instance, with SDP's validation and `last_updated_time` upkeep. */
export class RequestStore {
  private readonly requests = new Map<string, SimRequest>();
  private displayCounter = 100;
  private lastStamp = 0;

  constructor(
    readonly edition: Edition,
    readonly meta: SimMetadata,
    private readonly ids: IdGen,
    private readonly now: () => number,
    private readonly onChange: (kind: ChangeKind, request: SimRequest) => void,
    private readonly distinctTimes: boolean,
  ) {}

  /** Never goes back; with `distinctTimes`, strictly increases so no two changes share a time. */
  private stamp(): number {
    this.lastStamp = Math.max(this.now(), this.lastStamp + (this.distinctTimes ? 1 : 0));
    return this.lastStamp;
  }

  all(): SimRequest[] {
    return [...this.requests.values()];
  }

  get(id: string): SimRequest {
    const r = this.requests.get(id);
    if (!r) throw new SimApiError(404, 4007, 'Invalid URL or resource not found');
    return r;
  }

  findStatus(id: string): SimMetadata['statuses'][number] {
    return this.meta.statuses.find((s) => s.id === id)!;
  }

  private lookup<T extends SimNamed>(
    list: T[],
    ref: { id?: string | undefined; name?: string | undefined },
    field: string,
  ): T {
    const hit = list.find((x) =>
      ref.id !== undefined ? x.id === ref.id : x.name.toLowerCase() === (ref.name ?? '').toLowerCase(),
    );
    if (!hit || (ref.id === undefined && ref.name === undefined)) {
      throw new SimApiError(400, 4001, `Value given for ${field} is invalid`, field);
    }
    return hit;
  }

  private user(
    list: SimUser[],
    ref: { id?: string | undefined; name?: string | undefined; email_id?: string | undefined },
    field: string,
  ): SimUser {
    const hit = list.find((u) =>
      ref.id !== undefined
        ? u.id === ref.id
        : ref.email_id !== undefined
          ? u.email_id.toLowerCase() === ref.email_id.toLowerCase()
          : u.name.toLowerCase() === (ref.name ?? '').toLowerCase(),
    );
    if (!hit) throw new SimApiError(400, 4001, `Value given for ${field} is invalid`, field);
    return hit;
  }

  private udfValue(key: string, value: unknown): unknown {
    const def = this.meta.udfs.find((u) => u.key === key);
    const field = `udf_fields.${key}`;
    if (!def) throw new SimApiError(400, 4001, 'EXTRA_KEY_FOUND_IN_JSON', field);
    if (value === null || value === '') return null;
    if (def.type === 'string') {
      if (typeof value !== 'string') throw new SimApiError(400, 4021, `Data type mismatch for ${field}`, field);
      if (def.allowed_values && !def.allowed_values.includes(value))
        throw new SimApiError(400, 4001, `Value given for ${field} is invalid`, field);
      return value;
    }
    if (def.type === 'integer') {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n)) throw new SimApiError(400, 4021, `Data type mismatch for ${field}`, field);
      return n;
    }
    const ms = Number(typeof value === 'object' ? (value as { value?: unknown }).value : value);
    if (!Number.isFinite(ms)) throw new SimApiError(400, 4021, `Data type mismatch for ${field}`, field);
    return { value: String(ms), display_value: new Date(ms).toUTCString() };
  }

  /** Applies validated fields; throws before touching `target` when anything is invalid. */
  private apply(target: SimRequest, input: RequestIn, actor: SimUser, creating: boolean): void {
    const m = this.meta;
    const next: Partial<SimRequest> = {};
    if (input.subject !== undefined) {
      if (input.subject.trim() === '')
        throw new SimApiError(400, 4012, 'Mandatory field subject is missing', 'subject');
      if (input.subject.length > 250)
        throw new SimApiError(400, 4001, 'Value given for subject is too long', 'subject');
      next.subject = input.subject;
    }
    if (input.description !== undefined) next.description = input.description;
    if (input.template !== undefined) {
      if (!creating) throw new SimApiError(400, 4009, 'template cannot be edited', 'template');
      next.templateId = this.lookup(m.templates, input.template, 'template').id;
    }
    if (input.status !== undefined) next.statusId = this.lookup(m.statuses, input.status, 'status').id;
    const opt = <T extends SimNamed>(list: T[], v: { id?: string; name?: string } | null | undefined, field: string) =>
      v === undefined ? undefined : v === null ? null : this.lookup(list, v, field).id;
    const priority = opt(m.priorities, input.priority, 'priority');
    if (priority !== undefined) next.priorityId = priority;
    const urgency = opt(m.urgencies, input.urgency, 'urgency');
    if (urgency !== undefined) next.urgencyId = urgency;
    const impact = opt(m.impacts, input.impact, 'impact');
    if (impact !== undefined) next.impactId = impact;
    const category = opt(m.categories, input.category, 'category');
    if (category !== undefined) next.categoryId = category;
    const group = opt(m.groups, input.group, 'group');
    if (group !== undefined) next.groupId = group;
    if (input.requester !== undefined) next.requesterId = this.user(m.requesters, input.requester, 'requester').id;
    if (input.technician !== undefined) {
      next.technicianId =
        input.technician === null ? null : this.user(m.technicians, input.technician, 'technician').id;
    }
    let udf: Record<string, unknown> | undefined;
    if (input.udf_fields !== undefined) {
      udf = { ...target.udf };
      for (const [k, v] of Object.entries(input.udf_fields)) udf[k] = this.udfValue(k, v);
    }
    let closure: Record<string, unknown> | undefined;
    if (input.closure_info !== undefined) {
      const ci = input.closure_info;
      closure = {
        ...ci,
        ...(ci.closure_code
          ? { closure_code: this.lookup(m.closureCodes, ci.closure_code, 'closure_info.closure_code') }
          : {}),
      };
    }
    if (creating) {
      const template = m.templates.find((t) => t.id === (next.templateId ?? target.templateId))!;
      const missing = template.mandatory.filter((f) => {
        if (f === 'subject') return (next.subject ?? '') === '';
        if (f === 'requester') return next.requesterId === undefined;
        return false;
      });
      if (missing.length > 0) {
        throw new SimApiError(
          400,
          4012,
          `Mandatory field${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}`,
          missing,
        );
      }
    }
    const at = this.stamp();
    Object.assign(target, next);
    if (udf) target.udf = udf;
    if (closure) target.closureInfo = closure;
    if (input.update_reason !== undefined) target.updateReason = input.update_reason;
    if (input.resolution !== undefined)
      target.resolution = { content: input.resolution.content, submittedOn: at, submittedBy: actor };
    if (next.technicianId) target.assignedTime = at;
    if (next.statusId !== undefined) {
      const s = this.findStatus(next.statusId);
      if (!s.in_progress) {
        if (s.internal_name === 'Resolved') target.resolvedTime = at;
        target.completedTime = at;
      } else {
        target.completedTime = null;
        target.resolvedTime = null;
      }
    }
    target.lastUpdatedTime = at;
  }

  create(input: RequestIn, actor: SimUser): SimRequest {
    const m = this.meta;
    const defaultTemplate = m.templates.find((t) => t.is_default)!;
    const draft: SimRequest = {
      id: this.ids.next(),
      displayId: String((this.displayCounter += 1)),
      subject: '',
      description: '',
      statusId: m.statuses.find((s) => s.internal_name === 'Open')!.id,
      priorityId: null,
      urgencyId: null,
      impactId: null,
      categoryId: null,
      templateId: defaultTemplate.id,
      requesterId: null,
      technicianId: null,
      groupId: null,
      udf: Object.fromEntries(m.udfs.map((u) => [u.key, null])),
      createdTime: 0,
      lastUpdatedTime: 0,
      resolvedTime: null,
      completedTime: null,
      assignedTime: null,
      createdBy: actor,
      resolution: null,
      closureInfo: null,
      updateReason: null,
      notes: [],
    };
    this.apply(draft, input, actor, true);
    draft.createdTime = draft.lastUpdatedTime;
    // SDP makes the API user the requester when none is given and the template allows it.
    draft.requesterId ??= actor.id;
    this.requests.set(draft.id, draft);
    this.onChange('create', draft);
    return draft;
  }

  update(id: string, input: RequestIn, actor: SimUser): SimRequest {
    const r = this.get(id);
    this.apply(r, input, actor, false);
    this.onChange('edit', r);
    return r;
  }

  addNote(id: string, input: z.output<typeof NoteIn>, actor: SimUser): SimNote {
    const r = this.get(id);
    if (input.description.trim() === '')
      throw new SimApiError(400, 4012, 'Mandatory field description is missing', 'description');
    const note: SimNote = {
      id: this.ids.next(),
      description: input.description,
      show_to_requester: input.show_to_requester ?? false,
      mark_first_response: input.mark_first_response ?? false,
      added_time: this.stamp(),
      added_by: actor,
    };
    r.notes.push(note);
    r.lastUpdatedTime = note.added_time;
    return note;
  }

  setResolution(id: string, content: string, actor: SimUser): SimRequest {
    return this.update(id, { resolution: { content } }, actor);
  }

  close(id: string, closure: RequestIn['closure_info'], actor: SimUser): SimRequest {
    const closed = this.meta.statuses.find((s) => s.internal_name === 'Closed')!;
    return this.update(id, { status: { id: closed.id }, ...(closure ? { closure_info: closure } : {}) }, actor);
  }

  delete(id: string): void {
    this.get(id);
    this.requests.delete(id);
  }
}

export function dateTime(ms: number | null): { value: string; display_value: string } | null {
  if (ms === null) return null;
  return { value: String(ms), display_value: new Date(ms).toUTCString().replace(' GMT', '') };
}

function userOut(u: SimUser | undefined): Record<string, unknown> | null {
  return u
    ? { id: u.id, name: u.name, email_id: u.email_id, is_technician: u.is_technician, is_vip_user: u.is_vip_user }
    : null;
}

function namedOut(list: SimNamed[], id: string | null): Record<string, unknown> | null {
  const hit = id === null ? undefined : list.find((x) => x.id === id);
  return hit ? { ...hit } : null;
}

/** The full request as `GET /requests/{id}` returns it. */
export function requestToWire(store: RequestStore, r: SimRequest): Record<string, unknown> {
  const m = store.meta;
  const s = store.findStatus(r.statusId);
  const tpl = m.templates.find((t) => t.id === r.templateId)!;
  const group = namedOut(m.groups, r.groupId);
  return {
    id: r.id,
    display_id: r.displayId,
    subject: r.subject,
    description: r.description,
    status: {
      id: s.id,
      name: s.name,
      internal_name: s.internal_name,
      in_progress: s.in_progress,
      stop_timer: s.stop_timer,
      color: s.color,
    },
    priority: namedOut(m.priorities, r.priorityId),
    urgency: namedOut(m.urgencies, r.urgencyId),
    impact: namedOut(m.impacts, r.impactId),
    category: namedOut(m.categories, r.categoryId),
    template: { id: tpl.id, name: tpl.name },
    requester: userOut(m.requesters.find((u) => u.id === r.requesterId)),
    technician: userOut(m.technicians.find((u) => u.id === r.technicianId)),
    group: group ? { ...group, site: null, deleted: false } : null,
    udf_fields: { ...r.udf },
    created_time: dateTime(r.createdTime),
    last_updated_time: dateTime(r.lastUpdatedTime),
    assigned_time: dateTime(r.assignedTime),
    resolved_time: dateTime(r.resolvedTime),
    completed_time: dateTime(r.completedTime),
    due_by_time: null,
    created_by: userOut(r.createdBy),
    is_service_request: tpl.is_service_template,
    resolution: r.resolution
      ? {
          content: r.resolution.content,
          submitted_on: dateTime(r.resolution.submittedOn),
          submitted_by: userOut(r.resolution.submittedBy),
          resolution_attachments: [],
        }
      : null,
    closure_info: r.closureInfo,
    update_reason: r.updateReason,
    has_notes: r.notes.length > 0,
    has_draft: false,
    cancellation_requested: false,
    cancel_flag_comments: null,
    has_attachments: false,
    is_overdue: false,
    is_escalated: false,
    is_reopened: false,
    is_trashed: false,
  };
}

/** Every top-level field of the full request: what `fields_required` may name. */
export const REQUEST_FIELDS = [
  'id',
  'display_id',
  'subject',
  'description',
  'status',
  'priority',
  'urgency',
  'impact',
  'category',
  'template',
  'requester',
  'technician',
  'group',
  'udf_fields',
  'created_time',
  'last_updated_time',
  'assigned_time',
  'resolved_time',
  'completed_time',
  'due_by_time',
  'created_by',
  'is_service_request',
  'resolution',
  'closure_info',
  'update_reason',
  'has_notes',
  'has_draft',
  'cancellation_requested',
  'cancel_flag_comments',
  'has_attachments',
  'is_overdue',
  'is_escalated',
  'is_reopened',
  'is_trashed',
];

/**
 * A list row holds exactly these fields unless `list_info.fields_required` asks for more: the rows
 * of the recorded `GET /api/v3/requests` response in demisto/content
 * Packs/ServiceDeskPlus/Integrations/ServiceDeskPlus/test_data/response_constants.py
 * (RESPONSE_LIST_MULTIPLE_REQUESTS). No last_updated_time, priority, udf_fields or description.
 */
export const LIST_FIELDS = [
  'id',
  'display_id',
  'subject',
  'requester',
  'technician',
  'group',
  'status',
  'template',
  'created_time',
  'due_by_time',
  'has_notes',
  'has_draft',
  'is_service_request',
  'cancellation_requested',
  'cancel_flag_comments',
];

export function noteToWire(n: SimNote): Record<string, unknown> {
  return {
    id: n.id,
    description: n.description,
    show_to_requester: n.show_to_requester,
    mark_first_response: n.mark_first_response,
    added_time: dateTime(n.added_time),
    added_by: userOut(n.added_by),
  };
}
