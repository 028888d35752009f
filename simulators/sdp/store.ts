import type { NoteIn, RequestIn } from './request-input';
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

  /** The lookups a change names, each resolved to its ID; throws on any it cannot find. */
  private resolveLookups(input: RequestIn, creating: boolean): Partial<SimRequest> {
    const m = this.meta;
    const next: Partial<SimRequest> = {};
    if (input.template !== undefined) {
      if (!creating) throw new SimApiError(400, 4009, 'template cannot be edited', 'template');
      next.templateId = this.lookup(m.templates, input.template, 'template').id;
    }
    if (input.status !== undefined) next.statusId = this.lookup(m.statuses, input.status, 'status').id;
    const opt = <T extends SimNamed>(list: T[], v: { id?: string; name?: string } | null | undefined, field: string) =>
      v === undefined ? undefined : v === null ? null : this.lookup(list, v, field).id;
    const optional = {
      priorityId: opt(m.priorities, input.priority, 'priority'),
      urgencyId: opt(m.urgencies, input.urgency, 'urgency'),
      impactId: opt(m.impacts, input.impact, 'impact'),
      categoryId: opt(m.categories, input.category, 'category'),
      groupId: opt(m.groups, input.group, 'group'),
    };
    for (const [key, id] of Object.entries(optional)) if (id !== undefined) Object.assign(next, { [key]: id });
    if (input.requester !== undefined) next.requesterId = this.user(m.requesters, input.requester, 'requester').id;
    if (input.technician !== undefined) {
      next.technicianId =
        input.technician === null ? null : this.user(m.technicians, input.technician, 'technician').id;
    }
    return next;
  }

  /** A new request must fill what its template marks mandatory (SDP's 4012). */
  private checkMandatory(templateId: string, next: Partial<SimRequest>): void {
    const template = this.meta.templates.find((t) => t.id === templateId)!;
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

  /** Applies validated fields; throws before touching `target` when anything is invalid. */
  private apply(target: SimRequest, input: RequestIn, actor: SimUser, creating: boolean): void {
    const next: Partial<SimRequest> = {};
    if (input.subject !== undefined) {
      if (input.subject.trim() === '')
        throw new SimApiError(400, 4012, 'Mandatory field subject is missing', 'subject');
      if (input.subject.length > 250)
        throw new SimApiError(400, 4001, 'Value given for subject is too long', 'subject');
      next.subject = input.subject;
    }
    if (input.description !== undefined) next.description = input.description;
    Object.assign(next, this.resolveLookups(input, creating));
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
          ? { closure_code: this.lookup(this.meta.closureCodes, ci.closure_code, 'closure_info.closure_code') }
          : {}),
      };
    }
    if (creating) this.checkMandatory(next.templateId ?? target.templateId, next);
    const at = this.stamp();
    Object.assign(target, next);
    if (udf) target.udf = udf;
    if (closure) target.closureInfo = closure;
    if (input.update_reason !== undefined) target.updateReason = input.update_reason;
    if (input.resolution !== undefined)
      target.resolution = { content: input.resolution.content, submittedOn: at, submittedBy: actor };
    if (next.technicianId) target.assignedTime = at;
    if (next.statusId !== undefined) this.stampStatusTimes(target, next.statusId, at);
    target.lastUpdatedTime = at;
  }

  /** A completed status stamps completed (and, for Resolved, resolved) time; reopening clears both. */
  private stampStatusTimes(target: SimRequest, statusId: string, at: number): void {
    const s = this.findStatus(statusId);
    if (!s.in_progress) {
      if (s.internal_name === 'Resolved') target.resolvedTime = at;
      target.completedTime = at;
    } else {
      target.completedTime = null;
      target.resolvedTime = null;
    }
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

  addNote(id: string, input: NoteIn, actor: SimUser): SimNote {
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
