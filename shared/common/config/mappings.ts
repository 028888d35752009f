import { z } from 'zod';
import { configError } from './messages';
import { strictObject } from './secret-ref';
import { labelKeySchema as labelKey, severitySchema } from './trigger';

/** Flashduty custom field names are immutable identifiers with this shape. */
const FD_FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;
export const fdFieldName = z
  .string({ error: configError('config.fdField.text') })
  .trim()
  .regex(FD_FIELD_NAME, configError('config.fdField.format'));
export const udfKey = z
  .string({ error: configError('config.udfKey.text') })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, configError('config.udfKey.format'));
const priorityName = z
  .string({ error: configError('config.priority.required') })
  .trim()
  .min(1, configError('config.priority.required'))
  .max(100, configError('config.priority.tooLong', { max: 100 }));

/** Where a Flashduty-side value comes from: a label of the incident or one of its custom fields. */
export const flashdutyValueSourceSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({ kind: z.literal('label'), key: labelKey }),
    strictObject({ kind: z.literal('custom_field'), name: fdFieldName }),
  ],
  { error: configError('config.source.enum') },
);
export type FlashdutyValueSource = z.infer<typeof flashdutyValueSourceSchema>;

export const severitySourceSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({ kind: z.literal('severity') }),
    strictObject({ kind: z.literal('label'), key: labelKey }),
    strictObject({ kind: z.literal('custom_field'), name: fdFieldName }),
  ],
  { error: configError('config.severitySource.enum') },
);
export type SeveritySource = z.infer<typeof severitySourceSchema>;

/**
 * Severity ↔ priority. `toPriority` maps the source value (a severity, a label value or a custom
 * field value) to an SDP priority name; an empty table means priority is never sent. `toSeverity`
 * maps SDP priority names back for SDP → Flashduty; an empty table leaves severity alone.
 */
export const severityMappingSchema = strictObject({
  source: severitySourceSchema.default({ kind: 'severity' }),
  toPriority: z.record(z.string().trim().min(1, configError('config.sourceValue.required')), priorityName).default({}),
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
  udfType: z.enum(UDF_TYPES, { error: configError('config.udfType.enum', { types: UDF_TYPES.join(', ') }) }),
}).superRefine((m, ctx) => {
  if (!TEXT_UDF_TYPES.includes(m.udfType)) {
    ctx.addIssue({
      code: 'custom',
      path: ['udfType'],
      message: configError('config.udfType.notText', { udfKey: m.udfKey, udfType: m.udfType.replace('_', ' ') }),
    });
  }
});
export type CustomFieldMapping = z.infer<typeof customFieldMappingSchema>;

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
  { error: configError('config.requestIdMarker.enum') },
);
export type RequestIdMarker = z.infer<typeof requestIdMarkerSchema>;

/**
 * Where the SDP request's number and link are written on an incident once it is linked (for
 * incidents that started in Flashduty too): a Flashduty text custom field. `field` null = the
 * request ID marker's field, so the one field an engineer already sees names the request.
 */
export const requestLinkSchema = strictObject({
  enabled: z.boolean({ error: configError('config.requestLink.boolean') }).default(true),
  field: fdFieldName.nullable().default(null),
});
export type RequestLinkConfig = z.infer<typeof requestLinkSchema>;

/** Where the Flashduty incident ID is written on the SDP request, so an incident never gets two requests. */
export const incidentIdMarkerSchema = z.discriminatedUnion(
  'kind',
  [strictObject({ kind: z.literal('udf'), key: udfKey }), strictObject({ kind: z.literal('description') })],
  { error: configError('config.incidentIdMarker.enum') },
);
export type IncidentIdMarker = z.infer<typeof incidentIdMarkerSchema>;
