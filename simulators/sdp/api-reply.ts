import { z } from 'zod';
import { OK } from './respond';
import { applyListInfo, ListInfoIn } from './search';
import type { Edition } from './seed';
import { parseInputData } from './request-input';

/** What every SDP resource answers with: the success envelope, and lists paged by `list_info`. */

export interface ApiResult {
  status: number;
  body: unknown;
}

/** A resource family: its answer, or undefined when the path is not one of its own. */
export type ApiRoutes = (method: string, rest: string, input: unknown) => ApiResult | undefined;

export function apiReplies(edition: Edition) {
  const success = (payload: Record<string, unknown>, list = false): Record<string, unknown> => ({
    ...payload,
    response_status: list && edition === 'cloud' ? [OK] : OK,
  });

  const readListInfo = (input: unknown, defaults: { row_count: number }): z.output<typeof ListInfoIn> => {
    if (input === undefined) return defaults;
    const wrapped = parseInputData(z.strictObject({ list_info: ListInfoIn }), input, '');
    return { ...defaults, ...wrapped.list_info };
  };

  const metaList = (key: string, items: Record<string, unknown>[], input: unknown): ApiResult => {
    const info = readListInfo(input, { row_count: 10 });
    const known = new Set(items.flatMap((i) => Object.keys(i)));
    const page = applyListInfo(items, info, { knownFields: known });
    return { status: 200, body: success({ [key]: page.rows, list_info: page.listInfo }, true) };
  };

  return { success, readListInfo, metaList };
}
