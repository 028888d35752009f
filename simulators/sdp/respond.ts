import type http from 'node:http';

/** Low-level HTTP helpers shared by the simulator's SDP, Zoho and control endpoints. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  text: string,
  type = 'text/html',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': `${type};charset=UTF-8`,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
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
