import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { defaultIntegrationConfig, type IntegrationConfig, type SecretRef } from '../../../shared/common/config';
import type { ConnectionTestOptions } from '../../../electron/services/connections';
import type { SecretResolver } from '../../../electron/services/secrets';
import type { Vault } from '../../../electron/services/vault';
import { AppError } from '../../../shared/common/errors';
import { selfSignedCertificate } from '../../../simulators/sdp/local-ca';

export const FAST_RETRY = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10 };

/** Retries and rate budgets without wall-clock waits. */
export function fastOptions(): ConnectionTestOptions {
  let t = Date.now();
  const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
  return { sdp: { retry: FAST_RETRY, clock }, flashduty: { retry: FAST_RETRY, sleep: clock.sleep } };
}

export const uniqueId = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

/** Secrets by reference name (keychain name or env variable), as the app would resolve them. */
export function mapResolver(values: Record<string, string>): SecretResolver {
  return async (_id, ref: SecretRef) => values['secret' in ref ? ref.secret : ref.env] ?? null;
}

export function onpremConfig(id: string, endpoint: string, flashdutyBase: string): IntegrationConfig {
  return defaultIntegrationConfig({
    id,
    name: `Test ${id}`,
    sdp: { platform: 'onprem', endpoint },
    overrides: { flashduty: { apiBase: flashdutyBase } },
    now: Date.now(),
  });
}

/** A cloud config pointing both the API domain and the accounts server at a local HTTPS simulator. */
export function cloudConfig(
  id: string,
  origin: string,
  flashdutyBase: string,
  sdp: { clientId: string; portal?: string; clientSecret?: SecretRef; refreshToken?: SecretRef },
): IntegrationConfig {
  const host = new URL(origin).host;
  return defaultIntegrationConfig({
    id,
    name: `Test ${id}`,
    sdp: {
      platform: 'cloud',
      dataCenter: 'US',
      apiDomain: host,
      accountsServer: origin,
      portal: sdp.portal ?? 'itdesk',
      clientId: sdp.clientId,
      ...(sdp.clientSecret ? { clientSecret: sdp.clientSecret } : {}),
      ...(sdp.refreshToken ? { refreshToken: sdp.refreshToken } : {}),
    },
    overrides: { flashduty: { apiBase: flashdutyBase } },
    now: Date.now(),
  });
}

/**
 * SDP Cloud is always https on a fixed host, so its simulator runs with a throwaway certificate
 * for 127.0.0.1 that this test process trusts through Node's default HTTPS agent (which the
 * clients use when no agent is configured). Returns the key pair and an undo.
 */
export function trustLocalCertificate(): { key: string; cert: string; restore: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-conn-tls-'));
  try {
    const { key, cert } = selfSignedCertificate(dir);
    const options = https.globalAgent.options;
    const before = options.ca;
    options.ca = cert;
    return {
      key,
      cert,
      restore: () => {
        options.ca = before;
        https.globalAgent.destroy();
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An address nothing listens on: a port just released by a server that was closed. */
export async function deadOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** An in-memory Vault for flows that need a failing or observable store; the keychain tests use the real one. */
export function memoryVault(
  opts: { failSetOf?: string; checkError?: AppError } = {},
): Vault & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const key = (id: string, name: string) => `${id}/${name}`;
  return {
    entries,
    async set(id, name, value) {
      if (name === opts.failSetOf) throw new AppError('vault.failed', `Could not store ${name}.`);
      entries.set(key(id, name), value);
    },
    async get(id, name) {
      return entries.get(key(id, name)) ?? null;
    },
    async delete(id, name) {
      return entries.delete(key(id, name));
    },
    async deleteAll(id) {
      let n = 0;
      for (const k of [...entries.keys()]) if (k.startsWith(`${id}/`) && entries.delete(k)) n += 1;
      return n;
    },
    async state(id, name) {
      return entries.has(key(id, name)) ? { state: 'set' } : { state: 'missing' };
    },
    markInvalid() {},
    markExpiring() {},
    clearMark() {},
    async check() {
      if (opts.checkError) throw opts.checkError;
    },
  };
}

/** Every string in a value, deep; for "no secret anywhere in the report". */
export function textOf(value: unknown): string {
  return JSON.stringify(value);
}
