import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ESLint holds TypeScript files to 300 lines; it does not read CSS, so the same rule for the
 * renderer's sheets is checked here, with whether the window loads each of them.
 */
const styles = resolve(import.meta.dirname, '../../../renderer/src/styles');
const sheets = readdirSync(styles).filter((name) => name.endsWith('.css'));
const main = readFileSync(resolve(styles, '../main.tsx'), 'utf8');

const codeLines = (css: string): number =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => line.trim() !== '').length;

describe('the renderer stylesheets', () => {
  it.each(sheets)('%s has at most 300 lines, blank and comment lines not counted', (name) => {
    expect(codeLines(readFileSync(join(styles, name), 'utf8'))).toBeLessThanOrEqual(300);
  });

  it('main.tsx loads every sheet in the folder, and no other', () => {
    const imported = [...main.matchAll(/^import '\.\/styles\/([\w-]+\.css)';$/gm)].map((m) => m[1]);
    expect([...imported].sort()).toStrictEqual([...sheets].sort());
  });

  it('counts what a browser reads: rules, not comments or blank lines', () => {
    expect(codeLines('/* a\n   comment */\n\n.a {\n  color: red; /* inline */\n}\n')).toBe(3);
  });
});
