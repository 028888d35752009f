import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n';

/**
 * Every error code the main process raises reaches the window, the tray or the sync log, where it is
 * worded by its code (`err_<code>`, or `err_<code>_<variant>` chosen by its details). A code without
 * a wording shows its English text quoted, even in Chinese: only these may.
 */
const ENGLISH_ON_PURPOSE: Record<string, string> = {
  'cli.usage': 'printed on the terminal by the command line, before any language is chosen',
  'config.file': 'a headless --config file error, printed on the terminal',
  'data.locked': 'raised before the data folder, and so the chosen language, can be read',
  'flashduty.webhook_invalid': 'the answer to the webhook sender (an HTTP body), not shown in DeskBridge',
  'flashduty.webhook_too_large': 'the answer to the webhook sender (an HTTP body), not shown in DeskBridge',
  'ipc.untrusted_sender': 'the answer to a caller that is not the DeskBridge window',
  'sdp.invalid_input': "the SDP client's own guards, whose text names the value it refused",
};

/** Error codes as the sources raise them: `new …Error('code'` or `code: 'code'` in a table of errors. */
function raisedCodes(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', 'electron/*.ts', 'shared/*.ts'], { encoding: 'utf8' })
    .trim()
    .split('\n');
  const codes = new Map<string, string>();
  for (const file of files)
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:new\s+\w*Error\(\s*|\bcode:\s*)'([a-z_]+\.[a-z_.]+)'/g))
      if (!codes.has(m[1]!)) codes.set(m[1]!, file);
  return codes;
}

const keys = Object.keys(en);
/** `config.*` and `import.*` problems are worded by their own code, not as errors. */
const worded = (code: string): boolean =>
  Object.hasOwn(en, `err_${code}`) || keys.some((k) => k.startsWith(`err_${code}_`)) || Object.hasOwn(en, code);

describe('error wordings', () => {
  const codes = raisedCodes();

  it('finds the codes the sources raise (the scan itself works)', () => {
    expect(codes.size).toBeGreaterThan(60);
    expect(codes.get('ingress.ngrok_authtoken')).toBe('electron/ingress/tunnels/ngrok-errors.ts');
  });

  // The Chinese table is typed against the English keys: a wording here is a wording in both.
  it('words every raised error code, but those English on purpose', () => {
    const missing = [...codes].filter(([code]) => !worded(code) && !Object.hasOwn(ENGLISH_ON_PURPOSE, code));
    expect(missing).toEqual([]);
  });

  it('lists no code as English on purpose that is worded or no longer raised', () => {
    const stale = Object.keys(ENGLISH_ON_PURPOSE).filter((code) => worded(code) || !codes.has(code));
    expect(stale).toEqual([]);
  });
});
