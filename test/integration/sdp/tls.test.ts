import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdpClient, type SdpOnpremSettings } from '../../../shared/node/sdp/client';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';
import { selfSignedCertificate } from '../../../simulators/sdp/local-ca';
import { FAST_RETRY, apiCalls, expectSdpError, fakeClock } from './harness';

describe('on-prem over HTTPS with a private certificate', () => {
  let dir: string;
  let cert: string;
  let sim: SdpSimulator;
  let fingerprint: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdp-tls-'));
    const pair = selfSignedCertificate(dir);
    cert = pair.cert;
    fingerprint = new X509Certificate(cert).fingerprint256;
    sim = await startSdpSimulator({
      edition: 'onprem',
      tls: { key: pair.key, cert },
    });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (tls?: SdpOnpremSettings['tls']) => {
    let retries = 0;
    const c = createSdpClient(
      {
        edition: 'onprem',
        apiBaseUrl: sim.baseUrl,
        apiKey: (sim.credentials as { apiKey: string }).apiKey,
        rateLimitPerMin: 1000,
        ...(tls ? { tls } : {}),
      },
      { retry: FAST_RETRY, clock: fakeClock(), onRetry: () => (retries += 1) },
    );
    return { c, retries: () => retries };
  };

  it('an untrusted certificate is sdp.tls, not retried, pointing at the trust settings', async () => {
    const { c, retries } = client();
    const err = await expectSdpError(c.listPriorities());
    expect(err.code).toBe('sdp.tls');
    expect(err.message).toMatch(/CA file or pin/);
    expect(retries()).toBe(0);
  });

  it('trusts a server signed by the configured CA', async () => {
    expect((await client({ caPem: cert }).c.listPriorities()).length).toBe(4);
  });

  it.each([
    ['colon hex', () => fingerprint],
    ['plain lowercase hex', () => fingerprint.replace(/:/g, '').toLowerCase()],
  ])('trusts a server whose certificate matches the pin (%s)', async (_form, pin) => {
    expect((await client({ pinnedSha256: pin() }).c.listPriorities()).length).toBe(4);
  });

  it('a pin mismatch is sdp.tls and nothing reaches the server', async () => {
    sim.clearCalls();
    const { c, retries } = client({ pinnedSha256: 'AB'.repeat(32) });
    const err = await expectSdpError(c.listPriorities());
    expect(err.code).toBe('sdp.tls');
    expect(err.message).toMatch(/pinned SHA-256 fingerprint/);
    expect(retries()).toBe(0);
    expect(apiCalls(sim)).toHaveLength(0);
  });

  it('a malformed pin is refused when the client is created', () => {
    expect(() => client({ pinnedSha256: 'abc' })).toThrow(
      expect.objectContaining({ code: 'sdp.invalid_input', message: expect.stringMatching(/64 hex digits/) }),
    );
  });
});
