import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

/** What the three builds write last; each build rewrites its whole output, so the oldest of these dates the build. */
export const BUILD_OUTPUTS = [
  'dist/node/headless.js',
  'dist/node/main.js',
  'dist/node/launch.js',
  'dist/node/preload.cjs',
  'dist/renderer/index.html',
];

/**
 * Not build inputs: outputs, dependencies, tooling state, docs, and the tests themselves (run from
 * source by Vitest). The simulators (top-level simulators/) are inputs: demo mode bundles them.
 */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'release', 'test-results']);
const TOOL_CONFIGS = new Set(['vitest.config.ts', 'eslint.config.js']);
const isInput = (path: string): boolean =>
  !path.endsWith('.md') && !TOOL_CONFIGS.has(path) && !path.startsWith('test/') && !path.startsWith('scripts/');

function newestInput(root: string, dir = root): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestInput(root, full)
      : isInput(relative(root, full))
        ? { path: relative(root, full), mtimeMs: statSync(full).mtimeMs }
        : null;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * Why dist/ under `root` does not reflect the sources (a missing output, or the newest changed input), or null when it
 * does.
 */
export function staleBecause(root: string = REPO): string | null {
  let builtAt = Infinity;
  for (const output of BUILD_OUTPUTS) {
    try {
      builtAt = Math.min(builtAt, statSync(join(root, output)).mtimeMs);
    } catch {
      return `${output} is missing`;
    }
  }
  const newest = newestInput(root);
  return newest && newest.mtimeMs > builtAt ? `${newest.path} changed after the last build` : null;
}

/**
 * Builds unless dist/ is current, so tests and the bench never run an old build. `npm test` builds
 * just before Vitest, so there this is only the check (a walk of the source tree's mtimes).
 */
export function ensureFreshBuild(): void {
  const reason = staleBecause();
  if (reason === null) return;
  console.log(`dist/ is out of date (${reason}): running npm run build`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
}
