import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/headless';

describe('npm run sim', () => {
  it.each([
    [[], /^Usage: npm run sim -- sdp/],
    [['jira'], /^Unknown simulator "jira"\.\nUsage:/],
    [['sdp', '--edition', 'mainframe'], /--edition must be cloud or onprem, not "mainframe"/],
  ])('%j → exit 2 with what to type instead', (args, message) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'simulators/cli.ts', ...args], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
