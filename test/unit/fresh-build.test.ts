import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, staleBecause } from '../helpers/fresh-build';

const BUILT_AT = new Date('2026-01-01T12:00:00Z');
const BEFORE = new Date('2026-01-01T11:00:00Z');
const AFTER = new Date('2026-01-01T13:00:00Z');

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A repository with the given files, each with its modification time. */
function tree(files: Record<string, Date>): string {
  root = mkdtempSync(join(tmpdir(), 'deskbridge-fresh-build-'));
  for (const [path, mtime] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), mtime, mtime);
  }
  return root;
}

const built = Object.fromEntries(BUILD_OUTPUTS.map((output) => [output, BUILT_AT]));

describe('is dist/ current?', () => {
  it.each<{ name: string; files: Record<string, Date>; stale: string | null }>([
    {
      name: 'sources older than the build',
      files: { 'electron/main.ts': BEFORE, 'renderer/src/App.tsx': BEFORE },
      stale: null,
    },
    {
      name: 'a production source changed since',
      files: { 'shared/node/sync/plan.ts': AFTER },
      stale: 'shared/node/sync/plan.ts changed after the last build',
    },
    {
      name: 'the build config changed since',
      files: { 'vite.config.ts': AFTER },
      stale: 'vite.config.ts changed after the last build',
    },
    {
      name: 'a simulator changed since (demo mode bundles them)',
      files: { 'simulators/sdp/index.ts': AFTER },
      stale: 'simulators/sdp/index.ts changed after the last build',
    },
    {
      name: 'only tests, docs, test and lint configs and dev scripts changed',
      files: {
        'test/unit/x.test.ts': AFTER,
        'README.md': AFTER,
        'vitest.config.ts': AFTER,
        'eslint.config.js': AFTER,
        'scripts/dev.ts': AFTER,
      },
      stale: null,
    },
    {
      name: 'only tool state changed',
      files: { '.git/index': AFTER, 'node_modules/x/index.js': AFTER, 'test-results/a.png': AFTER },
      stale: null,
    },
  ])('$name', ({ files, stale }) => {
    expect(staleBecause(tree({ ...built, ...files }))).toBe(stale);
  });

  it('a missing output is stale whatever the dates', () => {
    const { 'dist/node/preload.cjs': _preload, ...rest } = built;
    expect(staleBecause(tree({ ...rest, 'electron/main.ts': BEFORE }))).toBe('dist/node/preload.cjs is missing');
  });

  it('the oldest output dates the build: one build left behind makes everything newer than it stale', () => {
    expect(staleBecause(tree({ ...built, 'dist/renderer/index.html': BEFORE, 'renderer/src/App.tsx': BUILT_AT }))).toBe(
      'renderer/src/App.tsx changed after the last build',
    );
  });
});
