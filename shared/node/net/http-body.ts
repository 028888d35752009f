import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reading a request body up to a limit and writing a complete one: what the webhook server and
 * every simulator do. Past the limit the body is still drained (so the client gets its answer)
 * but nothing more is kept.
 */
export function readBody(req: IncomingMessage, limit = Infinity): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

/** Writes the whole answer at once, with its length. */
export function writeBody(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
