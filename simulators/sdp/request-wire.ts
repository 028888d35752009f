import type { SimNamed, SimUser } from './seed';
import type { RequestStore, SimNote, SimRequest } from './store';

/** Requests and notes as SDP's API writes them, and the fields a list row or `fields_required` may hold. */

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
