import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

export const CHROMIUM = '/usr/bin/chromium';

/** Outside CI a missing Chromium skips browser tests; in CI it must fail, since .ci/run installs it. */
export const chromiumMissing: string | false = existsSync(CHROMIUM)
  ? false
  : process.env.CI === 'true'
    ? false
    : `Debian's Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
