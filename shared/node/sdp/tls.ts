import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

export interface SdpTlsSettings {
  /** PEM of the private CA that signed the on-prem server's certificate. */
  caPem?: string;
  /** SHA-256 fingerprint of the server certificate, hex with or without colons. */
  pinnedSha256?: string;
}

export const PIN_MISMATCH = 'ERR_SDP_CERT_PIN_MISMATCH';

function normaliseFingerprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/**
 * A pinned certificate replaces chain validation (self-signed servers have no chain to validate),
 * so the socket is handed to the HTTP layer only after the pin matched: nothing is sent before.
 */
class PinnedAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly pin: string,
  ) {
    super(options);
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = tls.connect(options as tls.ConnectionOptions);
    const fail = (err: Error): void => {
      socket.destroy();
      callback?.(err, socket);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.removeListener('error', fail);
      const seen = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      if (seen !== this.pin) {
        const err = Object.assign(new Error('server certificate does not match the pinned SHA-256 fingerprint'), {
          code: PIN_MISMATCH,
        });
        fail(err);
        return;
      }
      callback?.(null, socket);
    });
    return undefined;
  }
}

/** Never a blanket "ignore TLS errors": either a CA to trust, or one exact certificate. */
export function createTlsAgent(settings: SdpTlsSettings | undefined): https.Agent | undefined {
  if (!settings || (!settings.caPem && !settings.pinnedSha256)) return undefined;
  const base: https.AgentOptions = { keepAlive: true, ...(settings.caPem ? { ca: settings.caPem } : {}) };
  if (settings.pinnedSha256) {
    const pin = normaliseFingerprint(settings.pinnedSha256);
    if (pin.length !== 64) throw new RangeError('pinned SHA-256 fingerprint must have 64 hex digits');
    return new PinnedAgent({ ...base, rejectUnauthorized: Boolean(settings.caPem), maxCachedSessions: 0 }, pin);
  }
  return new https.Agent(base);
}
