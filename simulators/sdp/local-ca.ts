import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalCa {
  /** The CA certificate a client trusts (`NODE_EXTRA_CA_CERTS=<caFile>`). */
  caFile: string;
  caPem: string;
  /** The server's key pair, signed by the CA, for `host`. */
  key: string;
  cert: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });

/** A new key and a certificate it signs itself (`openssl req -x509`), written to `<at>.key` and `<at>.pem`. */
function selfSigned(at: string, days: number, subject: string, extensions: readonly string[]): void {
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    String(days),
    '-keyout',
    `${at}.key`,
    '-out',
    `${at}.pem`,
    '-subj',
    subject,
    ...extensions.flatMap((ext) => ['-addext', ext]),
  ]);
}

/**
 * A throwaway self-signed certificate for 127.0.0.1, valid two days, written to `dir` (made if missing): for a
 * simulator the client trusts by this very certificate (`certFile` as its CA file or `NODE_EXTRA_CA_CERTS`, or a pin).
 */
export function selfSignedCertificate(dir: string): { key: string; cert: string; certFile: string } {
  mkdirSync(dir, { recursive: true });
  const at = join(dir, 'server');
  selfSigned(at, 2, '/CN=127.0.0.1', ['subjectAltName=IP:127.0.0.1']);
  return { key: readFileSync(`${at}.key`, 'utf8'), cert: readFileSync(`${at}.pem`, 'utf8'), certFile: `${at}.pem` };
}

/**
 * A throwaway CA and a server certificate it signed, made with the openssl CLI, so SDP Cloud's simulator
 * can speak https the way the real service must: the connection form rightly refuses http for the Zoho
 * accounts server. `host` is an IP address or a DNS name.
 */
export function makeLocalCa(dir: string, host: string): LocalCa {
  mkdirSync(dir, { recursive: true });
  const at = (name: string) => join(dir, name);
  const san = /^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`;
  selfSigned(at('ca'), 30, '/CN=DeskBridge SDP simulator CA', [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
    '-subj',
    `/CN=${host}`,
  ]);
  writeFileSync(
    at('server.ext'),
    `subjectAltName=${san}${host === '127.0.0.1' ? ',DNS:localhost' : ''}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
  );
  openssl([
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '30',
    '-out',
    at('server.pem'),
    '-extfile',
    at('server.ext'),
  ]);
  return {
    caFile: at('ca.pem'),
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    key: readFileSync(at('server.key'), 'utf8'),
    cert: readFileSync(at('server.pem'), 'utf8'),
  };
}
