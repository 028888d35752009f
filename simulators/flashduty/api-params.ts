import { invalidParameter, type SimEvent } from './store';

/** Reading Open API bodies: int64 IDs arrive as digit strings, lists as arrays or comma lists. */

export type Body = Record<string, unknown>;

/** Who is calling: the key's owner and whether the key may change incidents. */
export interface Caller {
  personId: string;
  canManage: boolean;
}

export interface ApiResult {
  data: unknown;
  events: SimEvent[];
}

/** One route's work: `exact` is the validated body with int64 IDs kept as digit strings. */
export type RouteHandler = (exact: Body, caller: Caller, nowSec: number) => ApiResult;

export const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
export const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
export const csv = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()) : undefined;
export const lowerQuery = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');

export function page<T>(items: T[], p: number, limit: number): { slice: T[]; hasNext: boolean } {
  if (p * limit > 10_000) throw invalidParameter('p', 'p * limit must not exceed 10000');
  const start = (p - 1) * limit;
  return { slice: items.slice(start, start + limit), hasNext: start + limit < items.length };
}

export const answer = (data: unknown): ApiResult => ({ data, events: [] });
