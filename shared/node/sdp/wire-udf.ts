import { z } from 'zod';

/** User-defined fields (UDFs): their values on a request and their definitions in `_metainfo`. */

/** UDF values arrive as strings, numbers, booleans, datetime objects or lookups; we hand on text. */
function udfValueToText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.value !== undefined && o.value !== null) return String(o.value);
    if (typeof o.name === 'string') return o.name;
  }
  return JSON.stringify(value);
}

export const WireUdfFields = z
  .record(z.string(), z.unknown())
  .nullable()
  .optional()
  .transform((rec) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec ?? {})) {
      const text = udfValueToText(v);
      if (text !== undefined) out[k] = text;
    }
    return out;
  });

const WireUdfDef = z.looseObject({
  display_name: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  field_type: z.string().nullable().optional(),
  allowed_values: z
    .array(z.union([z.looseObject({ value: z.unknown() }), z.string()]))
    .nullable()
    .optional(),
  lookup_entity: z.string().nullable().optional(),
});

export const WireMetainfo = z.looseObject({
  fields: z
    .looseObject({
      udf_fields: z
        .looseObject({ fields: z.record(z.string(), WireUdfDef).optional() })
        .nullable()
        .optional(),
    })
    .optional(),
});

export type UdfTextKind = 'single_line' | 'multi_line';

export interface SdpUdfDefinition {
  key: string;
  displayName: string;
  /** SDP's data type: string, integer, decimal, double, boolean, date, datetime, lookup… */
  type: string;
  fieldType: string | null;
  /** True only for free-text fields DeskBridge may write text into (not pick lists, dates, numbers). */
  isText: boolean;
  textKind: UdfTextKind | null;
  allowedValues: string[];
}

/** Decides from the type, the UI field type and the key family (on-prem `udf_sline_`/`udf_mline_`). */
export function udfTextKind(key: string, type: string, fieldType: string | null): UdfTextKind | null {
  if (type !== 'string') return null;
  const ft = (fieldType ?? '').toLowerCase().replace(/[\s_-]/g, '');
  if (ft === 'multiline' || (ft === '' && key.startsWith('udf_mline_'))) return 'multi_line';
  if (ft === 'singleline') return 'single_line';
  if (ft !== '') return null;
  if (/^udf_(pick|date|long|double|bool)_/.test(key)) return null;
  return 'single_line';
}

export function normaliseMetainfo(meta: z.output<typeof WireMetainfo>): SdpUdfDefinition[] {
  const defs = meta.fields?.udf_fields?.fields ?? {};
  return Object.entries(defs).map(([key, d]) => {
    const type = d.type ?? 'string';
    const fieldType = d.field_type ?? null;
    const allowedValues = (d.allowed_values ?? []).map((v) => (typeof v === 'string' ? v : String(v.value)));
    // Whatever else a definition leaves out, a field with a value list or a lookup entity is a pick
    // list or lookup: text written into it would be refused or, worse, add a value.
    const choice = allowedValues.length > 0 || (d.lookup_entity ?? null) !== null;
    const textKind = choice ? null : udfTextKind(key, type, fieldType);
    return {
      key,
      displayName: d.display_name ?? key,
      type,
      fieldType,
      isText: textKind !== null,
      textKind,
      allowedValues,
    };
  });
}
