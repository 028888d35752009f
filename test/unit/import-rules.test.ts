import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;

function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names: static imports, re-exports, dynamic imports, require. */
export function specifiersOf(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

interface Target {
  /** Repo-relative path for our own modules, the package name otherwise. */
  name: string;
  local: boolean;
}

function target(file: string, spec: string): Target {
  return spec.startsWith('.')
    ? { name: relative(root, resolve(root, dirname(file), spec)), local: true }
    : { name: spec, local: false };
}

const isBuiltin = (t: Target): boolean =>
  !t.local && (t.name.startsWith('node:') || builtinModules.includes(t.name.split('/')[0]!));
const isElectron = (t: Target): boolean => !t.local && (t.name === 'electron' || t.name === 'electron-store');
const within = (t: Target, ...dirs: string[]): boolean =>
  t.local && dirs.some((d) => t.name === d || t.name.startsWith(`${d}/`));
const violations = (filter: (file: string) => boolean, bad: (t: Target) => boolean): string[] =>
  imports.filter((i) => filter(i.file)).flatMap((i) => i.targets.filter(bad).map((t) => `${i.file} → ${t.name}`));
const SHELL_FILES = ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/tray.ts'];

// This file names the forbidden modules in its own strings, so it is the one file not scanned.
const self = relative(root, import.meta.filename);
const files = [
  ...walk('electron'),
  ...walk('shared'),
  ...walk('renderer'),
  ...walk('simulators'),
  ...walk('test'),
].filter((f) => f !== self);
const imports = files.map((file) => ({
  file,
  targets: specifiersOf(readFileSync(join(root, file), 'utf8')).map((s) => target(file, s)),
}));

describe('import rules', () => {
  it('finds the imports it checks (the scanner itself works)', () => {
    expect(
      specifiersOf(
        `import a from 'x';\nimport type { B } from "../y";\nexport * from './z';\nimport './side';\nconst m = await import('dyn');\nrequire('cjs');`,
      ).sort(),
    ).toEqual(['../y', './side', './z', 'cjs', 'dyn', 'x'].sort());
    expect(imports.find((i) => i.file === 'electron/main.ts')?.targets).toContainEqual({
      name: 'electron',
      local: false,
    });
  });

  it('renderer/ imports only renderer/ and shared/common among our code, and no Node built-ins', () => {
    expect(
      violations(
        (f) => f.startsWith('renderer/'),
        (t) => isBuiltin(t) || isElectron(t) || (t.local && !within(t, 'renderer', 'shared/common')),
      ),
    ).toEqual([]);
  });

  it('shared/common, which the renderer bundles, imports no Node built-ins and nothing outside shared/common', () => {
    expect(
      violations(
        (f) => f.startsWith('shared/common/'),
        (t) => isBuiltin(t) || (t.local && !within(t, 'shared/common')),
      ),
    ).toEqual([]);
  });

  it('shared/ imports nothing from electron/, renderer/, simulators/ or test/', () => {
    expect(
      violations(
        (f) => f.startsWith('shared/'),
        (t) => within(t, 'electron', 'renderer', 'simulators', 'test'),
      ),
    ).toEqual([]);
  });

  it('product code never imports test/; the simulators import only shared/ among our code', () => {
    expect(
      violations(
        (f) => !f.startsWith('test/'),
        (t) => within(t, 'test'),
      ),
    ).toEqual([]);
    expect(
      violations(
        (f) => f.startsWith('simulators/'),
        (t) => within(t, 'electron', 'renderer'),
      ),
    ).toEqual([]);
  });

  it('electron/ takes only renderer/src/i18n from the renderer (the tray and notices word messages with it)', () => {
    expect(
      violations(
        (f) => f.startsWith('electron/'),
        (t) => within(t, 'renderer') && !within(t, 'renderer/src/i18n'),
      ),
    ).toEqual([]);
  });

  it('renderer/src/i18n, which the main process loads too, imports only itself and shared/common: no React, no DOM', () => {
    expect(
      violations(
        // The string tables are data: their English sentences would read as imports to the scanner.
        (f) => f.startsWith('renderer/src/i18n/') && !/\/(?:en|zh-CN)\.ts$/.test(f),
        (t) => !t.local || !within(t, 'renderer/src/i18n', 'shared/common'),
      ),
    ).toEqual([]);
    const dom = /\b(?:window|document|navigator|localStorage)\./;
    expect(
      files.filter((f) => f.startsWith('renderer/src/i18n/') && dom.test(readFileSync(join(root, f), 'utf8'))),
    ).toEqual([]);
  });

  it("only the four shell files import 'electron' or 'electron-store'", () => {
    expect(violations((f) => !SHELL_FILES.includes(f), isElectron)).toEqual([]);
  });
});
