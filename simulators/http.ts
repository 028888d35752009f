import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** Serving plumbing every simulator shares. */

/** Starts `server` on host:port (0 picks a free one) and resolves with the port it got. */
export async function listenOn(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** What a refused `/_sim/` control call says: zod's account of a bad body, or the error's own message. */
export function controlErrorMessage(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error);
  return error instanceof Error ? error.message : 'invalid control call';
}

/** What a `/_sim/` control call answers, for the HTTP layer to send as JSON. */
export interface ControlReply {
  status: number;
  body: unknown;
}
