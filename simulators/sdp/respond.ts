import type http from 'node:http';
import { writeBody } from '../../shared/node/net/http-body';

/** Writing SDP's answers: JSON, or text for the faults that mimic a proxy page. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  writeBody(res, status, JSON.stringify(body), 'application/json;charset=UTF-8', headers);
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  text: string,
  type = 'text/html',
  headers: Record<string, string> = {},
): void {
  writeBody(res, status, text, `${type};charset=UTF-8`, headers);
}

/** SDP's failure envelope: outer 4000, the detail in `messages[0]`. */
export function failureBody(statusCode: number, message: string, field?: string | string[]): Record<string, unknown> {
  const fieldPart = field === undefined ? {} : Array.isArray(field) ? { fields: field } : { field };
  return {
    response_status: {
      status_code: 4000,
      status: 'failed',
      messages: [{ status_code: statusCode, ...fieldPart, type: 'failed', message }],
    },
  };
}

export const OK = { status_code: 2000, status: 'success' };
