import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSdpSimulator } from './index';
import { makeLocalCa } from './local-ca';

export interface SdpCliIo {
  out?: (line: string) => void;
  /** Stops the simulator; by default SIGINT/SIGTERM do. */
  signal?: AbortSignal;
}

/**
 * `sdp [--edition cloud|onprem] [--port N] [--portal NAME]`: starts the simulator, prints the
 * base URL and the credentials a tester pastes into DeskBridge, and runs until stopped. Cloud
 * serves https (as SDP Cloud and Zoho do, and as the connection form requires) with a CA made for
 * this run; it prints the CA file and the NODE_EXTRA_CA_CERTS setting that makes DeskBridge trust it.
 */
export async function runSdpSimulatorCli(argv: string[], io: SdpCliIo = {}): Promise<void> {
  const out = io.out ?? ((line: string) => console.log(line));
  const args = argv[0] === 'sdp' ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    options: {
      edition: { type: 'string', default: 'onprem' },
      port: { type: 'string', default: '0' },
      portal: { type: 'string', default: 'itdesk' },
      host: { type: 'string', default: '127.0.0.1' },
    },
    strict: true,
  });
  const edition = values.edition;
  if (edition !== 'cloud' && edition !== 'onprem')
    throw new Error(`--edition must be cloud or onprem, not "${edition}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not "${values.port}"`);

  const caDir = edition === 'cloud' ? mkdtempSync(join(tmpdir(), 'deskbridge-sim-ca-')) : undefined;
  const ca = caDir === undefined ? undefined : makeLocalCa(caDir, values.host);
  const sim = await startSdpSimulator({
    edition,
    port,
    portal: values.portal,
    host: values.host,
    ...(ca ? { tls: { key: ca.key, cert: ca.cert } } : {}),
  });
  out(`SDP simulator (${edition}) ready: ${sim.baseUrl}`);
  const c = sim.credentials;
  if ('apiKey' in c) {
    out(`api key: ${c.apiKey}`);
  } else {
    out(`ca file: ${ca!.caFile}`);
    out(`trust it: NODE_EXTRA_CA_CERTS=${ca!.caFile} npm start`);
    out(`api domain: ${new URL(sim.origin).host}`);
    out(`portal: ${sim.portal}`);
    out(`accounts server: ${c.accountsServer}`);
    out(`client id: ${c.clientId}`);
    out(`client secret: ${c.clientSecret}`);
    out(`grant code: ${c.grantCode}`);
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (io.signal) {
      if (io.signal.aborted) return stop();
      io.signal.addEventListener('abort', stop);
    } else {
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }
  });
  await sim.close();
  if (caDir !== undefined) rmSync(caDir, { recursive: true, force: true });
}
