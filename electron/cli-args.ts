import { parseArgs } from 'node:util';
import { isLoopbackHost as isLoopbackAddress } from '../shared/common/config/ingress';
import { AppError } from '../shared/common/errors';

export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string | undefined;
  configFile: string | undefined;
  demo: boolean;
}

const DEFAULT_PORT = 4780;

const SERVE_USAGE = 'Usage: npm run serve -- [--port N] [--host H] [--data-dir DIR] [--config FILE] [--demo]';

/** Parses `serve` flags; every mistake becomes one message that says what to type instead. */
export function parseServeArgs(argv: string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        demo: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AppError('cli.usage', `${(error as Error).message}\n${SERVE_USAGE}`);
  }
  const portText = values.port ?? String(DEFAULT_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new AppError(
      'cli.usage',
      `--port must be a number from 0 to 65535 (0 picks a free port), not "${portText}".`,
    );
  }
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new AppError('cli.usage', '--host needs an address, e.g. 127.0.0.1.');
  return { port, host, dataDir: values['data-dir'], configFile: values.config, demo: values.demo ?? false };
}

/** A loopback address, or the name `localhost` (which the OS resolves to one). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}
