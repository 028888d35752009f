import type { Severity } from '../../../common/config';
import type { Message } from '../../../common/contract';
import type { IncidentSnapshot, Operation, RequestFields, RequestSnapshot, SdpMetadata } from '../types';
import type { ConflictRule } from './conflict';

export type Fail = Extract<Operation, { type: 'fail' }>;

export const fail = (code: Fail['code'], reason: Message): Fail => ({ type: 'fail', code, reason });

export const isFail = (v: unknown): v is Fail =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'fail';

/** What a Flashduty write of one field contributes: reset parameters, or custom field values (one call each). */
export interface IncidentPatch {
  title?: string;
  description?: string;
  severity?: Severity;
  fields?: Record<string, string>;
}

/** One field's contribution to a write, and the canonical value the target reads back after it (its link record). */
export interface Written<Patch> {
  patch: Patch;
  to: string | null;
  /** What the log shows as the new value when it differs from the record (e.g. the untrimmed title). */
  shown?: string | null;
}

/**
 * How one field is written in one direction. `applies` false leaves the field out of the pass
 * entirely (no echo guard, no record); `inSync` (default: equal canonical values) says the pair
 * already agrees; `write` returns the contribution, a metadata failure, or null for nothing to send.
 */
export interface FieldWrite<Source, Target, Patch, Extra> {
  applies?: (source: Source, target: Target | null) => boolean;
  inSync?: (source: Source, target: Target) => boolean;
  /** `target` null: the target is being created. */
  write: (source: Source, target: Target | null, extra: Extra) => Written<Patch> | Fail | null;
}

/**
 * One synced field: how each side reads it (its canonical form, the key of its link records), how
 * it is written towards each side, and who keeps it when both sides changed it. A field without a
 * write for a direction is read there only.
 */
export interface SyncedField {
  key: string;
  incident: (incident: IncidentSnapshot) => string | null;
  request: (request: RequestSnapshot) => string | null;
  conflict: ConflictRule;
  toSdp?: FieldWrite<IncidentSnapshot, RequestSnapshot, RequestFields, SdpMetadata | undefined>;
  toFlashduty?: FieldWrite<RequestSnapshot, IncidentSnapshot, IncidentPatch, undefined>;
}
