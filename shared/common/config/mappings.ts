import { z } from 'zod';
import { strictObject } from './secret-ref';
import { severitySchema } from './trigger';

/** Flashduty custom field names are immutable identifiers with this shape. */
const FD_FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;
const fdFieldName = z
  .string({ error: 'Flashduty custom field: enter its field name, e.g. sdp_request_id.' })
  .trim()
  .regex(
    FD_FIELD_NAME,
    'Flashduty custom field: enter its field name (letters, digits, "_", up to 40, not starting with a digit), e.g. sdp_request_id.',
  );
const labelKey = z
  .string({ error: 'Label key: enter the label name, e.g. service.' })
  .trim()
  .min(1, 'Label key: enter the label name, e.g. service.')
  .max(200, 'Label key is too long (200 characters at most).');
const udfKey = z
  .string({ error: 'SDP field: enter the field key from SDP, e.g. txt_incident_id or udf_sline_301.' })
  .trim()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,99}$/,
    'SDP field: enter the field key (not its display name), e.g. txt_incident_id or udf_sline_301.',
  );
const priorityName = z
  .string({ error: 'SDP priority: enter the priority name as SDP shows it, e.g. High.' })
  .trim()
  .min(1, 'SDP priority: enter the priority name as SDP shows it, e.g. High.')
  .max(100, 'SDP priority name is too long (100 characters at most).');

/** Where a Flashduty-side value comes from: a label of the incident or one of its custom fields. */
export const flashdutyValueSourceSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({ kind: z.literal('label'), key: labelKey }),
    strictObject({ kind: z.literal('custom_field'), name: fdFieldName }),
  ],
  { error: 'Source kind must be "label" or "custom_field".' },
);
export type FlashdutyValueSource = z.infer<typeof flashdutyValueSourceSchema>;

export const severitySourceSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({ kind: z.literal('severity') }),
    strictObject({ kind: z.literal('label'), key: labelKey }),
    strictObject({ kind: z.literal('custom_field'), name: fdFieldName }),
  ],
  { error: 'Severity source must be "severity" (the incident severity), "label" or "custom_field".' },
);
export type SeveritySource = z.infer<typeof severitySourceSchema>;

/**
 * Severity ↔ priority. `toPriority` maps the source value (a severity, a label value or a custom
 * field value) to an SDP priority name; an empty table means priority is never sent. `toSeverity`
 * maps SDP priority names back for SDP → Flashduty; an empty table leaves severity alone.
 */
export const severityMappingSchema = strictObject({
  source: severitySourceSchema.default({ kind: 'severity' }),
  toPriority: z.record(z.string().trim().min(1, 'Source value: enter the value to match.'), priorityName).default({}),
  toSeverity: z.record(priorityName, severitySchema).default({}),
});
export type SeverityMapping = z.infer<typeof severityMappingSchema>;

/** SDP UDF field types as SDP's metadata reports them; only text fields can receive mapped values. */
export const UDF_TYPES = [
  'single_line',
  'multi_line',
  'pick_list',
  'numeric',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'lookup',
  'other',
] as const;
export type UdfType = (typeof UDF_TYPES)[number];
export const TEXT_UDF_TYPES: readonly UdfType[] = ['single_line', 'multi_line'];

export const customFieldMappingSchema = strictObject({
  source: flashdutyValueSourceSchema,
  udfKey,
  udfType: z.enum(UDF_TYPES, { error: `SDP field type must be one of ${UDF_TYPES.join(', ')}.` }),
}).superRefine((m, ctx) => {
  if (!TEXT_UDF_TYPES.includes(m.udfType)) {
    ctx.addIssue({
      code: 'custom',
      path: ['udfType'],
      message: `SDP field "${m.udfKey}" is a ${m.udfType.replace('_', ' ')} field; only single-line and multi-line text fields can receive mapped values. Pick a text field.`,
    });
  }
});
export type CustomFieldMapping = z.infer<typeof customFieldMappingSchema>;

/**
 * SDP → Flashduty: an SDP single-line text field (UDF) copied to a Flashduty incident text custom
 * field, Flashduty's "Others ↔ Custom fields" row. A list of such pairs; the SDP side is the source.
 */
export const udfFieldPairSchema = strictObject({ udfKey, field: fdFieldName });
export type UdfFieldPair = z.infer<typeof udfFieldPairSchema>;

export const assigneeMappingSchema = strictObject({
  /** Label whose value names an SDP technician, by email or name. */
  technicianLabelKey: labelKey.nullable().default(null),
  /** Label whose value names an SDP support group. */
  groupLabelKey: labelKey.nullable().default(null),
});
export type AssigneeMapping = z.infer<typeof assigneeMappingSchema>;

/** Where the SDP request ID is written on the Flashduty incident, so a request never gets two incidents. */
export const requestIdMarkerSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({ kind: z.literal('custom_field'), name: fdFieldName }),
    strictObject({ kind: z.literal('label'), key: labelKey }),
  ],
  { error: 'Request ID marker kind must be "custom_field" or "label".' },
);
export type RequestIdMarker = z.infer<typeof requestIdMarkerSchema>;

/**
 * Where the SDP request's number and link are written on an incident once it is linked (for
 * incidents that started in Flashduty too): a Flashduty text custom field. `field` null = the
 * request ID marker's field, so the one field an engineer already sees names the request.
 */
export const requestLinkSchema = strictObject({
  enabled: z.boolean({ error: 'Request link on the incident must be true (on) or false (off).' }).default(true),
  field: fdFieldName.nullable().default(null),
});
export type RequestLinkConfig = z.infer<typeof requestLinkSchema>;

/** Where the Flashduty incident ID is written on the SDP request, so an incident never gets two requests. */
export const incidentIdMarkerSchema = z.discriminatedUnion(
  'kind',
  [strictObject({ kind: z.literal('udf'), key: udfKey }), strictObject({ kind: z.literal('description') })],
  { error: 'Incident ID marker kind must be "udf" (an SDP text field) or "description" (a line in the description).' },
);
export type IncidentIdMarker = z.infer<typeof incidentIdMarkerSchema>;
