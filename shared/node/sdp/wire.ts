import { z } from 'zod';
import { classifyStatus, inProgressByName } from './status';
import { WireUdfFields } from './wire-udf';

/**
 * SDP wire shapes (zod) and the normalised objects the rest of DeskBridge sees. SDP returns more
 * than we model, so objects are loose; what we rely on is checked.
 */

/** IDs stay strings: cloud IDs have 18 digits, beyond Number.MAX_SAFE_INTEGER. */
export const WireId = z.union([z.string().min(1), z.number()]).transform(String);

const WireDateTime = z
  .looseObject({ value: z.union([z.string(), z.number()]), display_value: z.string().optional() })
  .transform((d, ctx) => {
    const ms = Number(d.value);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'datetime value is not epoch milliseconds' });
      return z.NEVER;
    }
    return ms;
  });
/** SDP leaves a field out, or sends null, when it has no value; both read as null. */
const orNull = <T extends z.ZodType>(t: T) =>
  t
    .nullable()
    .optional()
    .transform((v): z.output<T> | null => v ?? null);
const OptDateTime = orNull(WireDateTime);

const WireLookup = z.looseObject({ id: WireId, name: z.string() }).transform((l) => ({ id: l.id, name: l.name }));
const OptLookup = orNull(WireLookup);

const WireUser = z
  .looseObject({ id: WireId, name: z.string().nullable().optional(), email_id: z.string().nullable().optional() })
  .transform((u) => ({ id: u.id, name: u.name ?? '', email_id: u.email_id ?? null }));
const OptUser = orNull(WireUser);

/** A status as a request carries it and as the status list defines it: the same fields. */
const StatusFields = z.looseObject({
  id: WireId,
  name: z.string(),
  internal_name: z.string().nullable().optional(),
  in_progress: z.boolean().nullable().optional(),
  stop_timer: z.boolean().nullable().optional(),
});
const WireStatus = StatusFields.transform((s) => ({
  id: s.id,
  name: s.name,
  internal_name: s.internal_name ?? null,
  in_progress: s.in_progress ?? null,
  stop_timer: s.stop_timer ?? null,
}));

const WireResolution = z
  .looseObject({ content: z.string().nullable().optional(), submitted_on: OptDateTime })
  .nullable()
  .optional()
  .transform((r) =>
    r && typeof r.content === 'string' ? { content: r.content, submitted_time: r.submitted_on ?? null } : null,
  );

export const WireRequest = z
  .looseObject({
    id: WireId,
    display_id: z.union([z.string(), z.number()]).nullable().optional(),
    subject: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    status: WireStatus,
    priority: OptLookup,
    urgency: OptLookup,
    impact: OptLookup,
    category: OptLookup,
    template: OptLookup,
    requester: OptUser,
    technician: OptUser,
    group: OptLookup,
    udf_fields: WireUdfFields,
    resolution: WireResolution,
    created_time: OptDateTime,
    last_updated_time: OptDateTime,
    due_by_time: OptDateTime,
    resolved_time: OptDateTime,
    completed_time: OptDateTime,
    is_service_request: z.boolean().nullable().optional(),
    has_notes: z.boolean().nullable().optional(),
  })
  .transform((r) => ({
    id: r.id,
    display_id: r.display_id === null || r.display_id === undefined ? null : String(r.display_id),
    subject: r.subject ?? '',
    description: r.description ?? null,
    status: r.status,
    priority: r.priority,
    urgency: r.urgency,
    impact: r.impact,
    category: r.category,
    template: r.template,
    requester: r.requester,
    technician: r.technician,
    group: r.group,
    udf_fields: r.udf_fields,
    resolution: r.resolution,
    created_time: r.created_time,
    last_updated_time: r.last_updated_time,
    due_by_time: r.due_by_time,
    resolved_time: r.resolved_time,
    completed_time: r.completed_time,
    is_service_request: r.is_service_request ?? null,
    has_notes: r.has_notes ?? null,
  }));

/** A request as DeskBridge sees it. List results carry a subset of fields; absent ones are null. */
export type SdpRequest = z.output<typeof WireRequest>;
export type SdpLookupRef = z.output<typeof WireLookup>;
export type SdpUserRef = z.output<typeof WireUser>;
export type SdpStatusRef = z.output<typeof WireStatus>;

export const WireNote = z
  .looseObject({
    id: WireId,
    description: z.string().nullable().optional(),
    show_to_requester: z.boolean().nullable().optional(),
    added_time: OptDateTime,
    added_by: OptUser,
  })
  .transform((n) => ({
    id: n.id,
    description: n.description ?? '',
    show_to_requester: n.show_to_requester ?? null,
    added_time: n.added_time,
    added_by: n.added_by,
  }));
export type SdpNote = z.output<typeof WireNote>;

const ResponseMessage = z.looseObject({
  status_code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  field: z.string().optional(),
  fields: z.array(z.string()).optional(),
});
const ResponseStatusItem = z.looseObject({
  status_code: z.union([z.number(), z.string()]),
  status: z.string().optional(),
  messages: z.array(ResponseMessage).optional(),
});
/** `response_status` is an object on single-entity calls and an array on (cloud) list calls. */
export const WireEnvelope = z.looseObject({
  response_status: z.union([ResponseStatusItem, z.array(ResponseStatusItem)]).optional(),
});

export interface EnvelopeStatus {
  statusCode: number | undefined;
  messages: { statusCode?: number; message?: string; fields: string[] }[];
}

export function readEnvelopeStatus(body: z.output<typeof WireEnvelope>): EnvelopeStatus | undefined {
  const rs = body.response_status;
  if (rs === undefined) return undefined;
  const items = Array.isArray(rs) ? rs : [rs];
  // The worst code wins: one failed item makes the call a failure.
  const codes = items.map((i) => Number(i.status_code)).filter(Number.isFinite);
  const statusCode = codes.length > 0 ? Math.max(...codes) : undefined;
  const messages = items.flatMap((i) =>
    (i.messages ?? []).map((m) => {
      const code = Number(m.status_code);
      return {
        ...(Number.isFinite(code) ? { statusCode: code } : {}),
        ...(m.message === undefined ? {} : { message: m.message }),
        fields: [...(m.field ? [m.field] : []), ...(m.fields ?? [])],
      };
    }),
  );
  return { statusCode, messages };
}

export const WireListInfo = z
  .looseObject({
    has_more_rows: z.boolean().optional(),
    start_index: z.union([z.number(), z.string()]).optional(),
    row_count: z.union([z.number(), z.string()]).optional(),
    total_count: z.union([z.number(), z.string()]).optional(),
  })
  .optional();

export const WireTemplate = z
  .looseObject({
    id: WireId,
    name: z.string(),
    is_default: z.boolean().nullable().optional(),
    is_service_template: z.boolean().nullable().optional(),
    inactive: z.boolean().nullable().optional(),
  })
  .transform((t) => ({
    id: t.id,
    name: t.name,
    isDefault: t.is_default ?? false,
    isServiceTemplate: t.is_service_template ?? false,
    inactive: t.inactive ?? false,
  }));
export type SdpTemplate = z.output<typeof WireTemplate>;

/**
 * Where a template says which fields are mandatory is not in SDP's public docs; SDP nests field
 * definitions under `layouts[].sections[].fields[]`, so every `{name, mandatory: true}` found under
 * `layouts` counts, whatever the nesting.
 */
export function mandatoryFieldsOf(template: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.name === 'string' && o.mandatory === true) found.add(o.name);
    Object.values(o).forEach(walk);
  };
  walk((template as { layouts?: unknown } | null)?.layouts);
  return [...found];
}

export const WirePriority = z
  .looseObject({ id: WireId, name: z.string(), color: z.string().nullable().optional() })
  .transform((p) => ({ id: p.id, name: p.name, color: p.color ?? null }));
export type SdpPriority = z.output<typeof WirePriority>;

export const WireStatusDef = StatusFields.transform((s) => {
  const internalName = s.internal_name ?? null;
  const stopTimer = s.stop_timer ?? false;
  // A row without the flag is repaired, not dropped.
  const inProgress = s.in_progress ?? inProgressByName(internalName ?? s.name);
  return {
    id: s.id,
    name: s.name,
    internalName,
    inProgress,
    stopTimer,
    classification: classifyStatus({ inProgress, stopTimer, internalName }),
  };
});
export type SdpStatus = z.output<typeof WireStatusDef>;

export const WirePerson = z
  .looseObject({
    id: WireId,
    name: z.string().nullable().optional(),
    email_id: z.string().nullable().optional(),
    is_technician: z.boolean().nullable().optional(),
  })
  .transform((u) => ({
    id: u.id,
    name: u.name ?? '',
    email: u.email_id ?? null,
    isTechnician: u.is_technician ?? false,
  }));
export type SdpPerson = z.output<typeof WirePerson>;

export const WireGroup = z.looseObject({ id: WireId, name: z.string() }).transform((g) => ({ id: g.id, name: g.name }));
export type SdpGroup = z.output<typeof WireGroup>;

export const WirePortal = z
  .looseObject({
    id: WireId,
    name: z.string().nullable().optional(),
    app_context: z.string().nullable().optional(),
    alias_url: z.string().nullable().optional(),
  })
  .transform((p) => ({
    id: p.id,
    name: p.name ?? p.app_context ?? p.id,
    appContext: p.app_context ?? null,
    aliasUrl: p.alias_url ?? null,
  }));
export type SdpPortal = z.output<typeof WirePortal>;

export { WireMetainfo, normaliseMetainfo, udfTextKind, type SdpUdfDefinition, type UdfTextKind } from './wire-udf';
