import type { SdpCreateRequestInput, SdpRequestInput } from './inputs';

/** A technician or requester as a planned write names them: by email where SDP knows one, else by name. */
export type SdpPersonRef = { email: string } | { name: string };

/**
 * What a synced field's write sets on an SDP request. The outbox stores planned writes in this
 * shape (JSON in SQLite) and executes them after a restart too: a key may be added, but the
 * meaning of a stored key may not change without a migration.
 */
export interface RequestFields {
  subject?: string;
  description?: string;
  /** Priority name. */
  priority?: string;
  technician?: SdpPersonRef;
  /** Support group name. */
  group?: string;
  /** Text UDF values by UDF key. */
  udf?: Record<string, string>;
}

/** The fields and what only a create or a status change sets (names; null: not sent, SDP's default). */
export interface RequestValues extends RequestFields {
  status?: string;
  template?: string | null;
  requester?: SdpPersonRef | null;
}

const person = (ref: SdpPersonRef): { email_id: string } | { name: string } =>
  'email' in ref ? { email_id: ref.email } : { name: ref.name };

type Key = keyof RequestValues;
type Shape<K extends Key> = (value: NonNullable<RequestValues[K]>) => SdpRequestInput;

/**
 * How SDP's request body takes each value (API v3 `input_data.request`: lookups by name, people by
 * email or name). A key of RequestValues without its entry here fails tsc.
 */
const WIRE: { [K in Key]: Shape<K> } = {
  subject: (subject) => ({ subject }),
  description: (description) => ({ description }),
  priority: (name) => ({ priority: { name } }),
  technician: (ref) => ({ technician: person(ref) }),
  group: (name) => ({ group: { name } }),
  // The body carries only what the write sets: no UDF values, no `udf_fields` at all.
  udf: (udf) => (Object.keys(udf).length > 0 ? { udf_fields: udf } : {}),
  status: (name) => ({ status: { name } }),
  template: (name) => ({ template: { name } }),
  requester: (ref) => ({ requester: person(ref) }),
};

function part<K extends Key>(key: K, value: RequestValues[K]): SdpRequestInput {
  const shape: Shape<K> = WIRE[key];
  return value === undefined || value === null ? {} : shape(value);
}

/** The SDP request body for a planned write; keys it does not know (a create's resolution) are not sent. */
export function requestBody(values: RequestValues): SdpRequestInput {
  const keys = Object.keys(WIRE) as Key[];
  return keys.reduce<SdpRequestInput>((body, key) => ({ ...body, ...part(key, values[key]) }), {});
}

/** The body of a create: a subject is required there. */
export function createRequestBody(values: RequestValues & { subject: string }): SdpCreateRequestInput {
  return { ...requestBody(values), subject: values.subject };
}
