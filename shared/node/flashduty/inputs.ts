import { z } from 'zod';
import { FlashdutyError } from './errors';
import { jsonInt } from './lossless-json';
import {
  INCIDENT_ID_PATTERN,
  type FlashdutyFieldValue,
  type FlashdutyIncident,
  type FlashdutyProgress,
  type FlashdutySeverity,
} from './types';

/** What callers hand the Flashduty client, and the checks that refuse it before anything is sent. */

export const MAX_IDS_PER_CALL = 100;
export const PAGE_LIMIT = 100;

export interface IncidentFilter {
  progress?: FlashdutyProgress[];
  severities?: FlashdutySeverity[];
  /** "0" selects standalone incidents. */
  channelIds?: string[];
  teamIds?: string[];
  incidentIds?: string[];
  nums?: string[];
  query?: string;
  isSnoozed?: boolean;
  asc?: boolean;
}

export interface IncidentPageRequest extends IncidentFilter {
  /** Unix seconds; at most 31 days before endTime. */
  startTime: number;
  /** Unix seconds. */
  endTime: number;
  /** 1..100, default 100. */
  limit?: number;
  /** Cursor from the previous page; absent for the first page. */
  searchAfterCtx?: string;
}

export interface IncidentPage {
  items: FlashdutyIncident[];
  hasNextPage: boolean;
  /** Present while hasNextPage is true. */
  searchAfterCtx?: string;
}

export interface IncidentSpan extends IncidentFilter {
  /** Unix seconds; any span length, split into ≤ 31-day windows. */
  startTime: number;
  /** Unix seconds. */
  endTime: number;
  pageSize?: number;
}

export interface CreateIncidentInput {
  title: string;
  severity: FlashdutySeverity;
  description?: string;
  /** Omit for a standalone incident. */
  channelId?: string;
  assignedPersonIds?: string[];
  /** Set after creation through /incident/field/reset (the create operation takes no fields). */
  fields?: Record<string, FlashdutyFieldValue>;
}

export interface ResetIncidentInput {
  title?: string;
  description?: string;
  impact?: string;
  root_cause?: string;
  resolution?: string;
  severity?: FlashdutySeverity;
}

export interface FeedRequest {
  p?: number;
  limit?: number;
  asc?: boolean;
  types?: string[];
}

export function invalid(path: string, message: string): FlashdutyError {
  return new FlashdutyError('flashduty.invalid_parameter', message, { path });
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** IDs Flashduty takes as JSON integers (channel, team, person), kept exact past 2^53. */
export const ints = (ids: readonly string[] | undefined) => ids?.map((id) => jsonInt(id));

export function checkIncidentIds(path: string, ids: readonly string[]): void {
  const bad = ids.find((id) => !INCIDENT_ID_PATTERN.test(id));
  if (bad !== undefined) throw invalid(path, `"${bad}" is not a Flashduty incident ID (24 hexadecimal characters).`);
}

/** The page size asked for (100 when none), refused outside Flashduty's 1 to 100. */
export function pageLimit(path: string, limit: number = PAGE_LIMIT): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT)
    throw invalid(path, 'The page size must be 1 to 100.');
  return limit;
}

/** Distinct IDs in slices of at most 100, the most one Flashduty call takes. */
export const inChunks = (ids: readonly string[]): string[][] => chunk([...new Set(ids)], MAX_IDS_PER_CALL);

/** A list Flashduty may send as null when it is empty. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
