import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The runtime tiers, flagged in the editor as an import is typed (test/unit/import-rules.test.ts is
 * the CI backstop that also covers dynamic imports and require). VS Code's common/node split:
 * shared/common runs anywhere (the renderer bundles it), shared/node needs Node, electron/ is the
 * main process, and only the four shell files may load Electron itself.
 */
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ELECTRON = ['electron', 'electron-store'];
const SHELL_FILES = ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/tray.ts'];
const outOf = (dirs, message) => ({ regex: `^\\.{1,2}/(?:\\.\\./)*(?:${dirs.join('|')})(?:/|$)`, message });
const restrict = (paths, patterns) => ['error', { paths, patterns }];

/**
 * Files still over the size limits below, shrinking to none: whoever splits one deletes it here, and
 * nothing new may join. The string tables are exempt for good: one key per line is their point.
 */
const OVERSIZE = [];
const STRING_TABLES = ['renderer/src/i18n/en.ts', 'renderer/src/i18n/zh-CN.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      // Prettier wraps code at 120; this catches the comments it leaves alone. Strings and URLs may run long.
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [...NODE_BUILTINS, ...ELECTRON],
        [
          outOf(
            ['shared/node', 'electron', 'simulators', 'test'],
            'The renderer may import only renderer/ and shared/common.',
          ),
        ],
      ),
    },
  },
  {
    files: ['shared/common/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...NODE_BUILTINS, ...ELECTRON],
        [
          outOf(
            ['node', 'electron', 'renderer', 'simulators', 'test'],
            'shared/common runs in the renderer too: import only shared/common.',
          ),
        ],
      ),
    },
  },
  {
    files: ['shared/node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(ELECTRON, [
        outOf(
          ['electron', 'renderer', 'simulators', 'test'],
          'shared/ is below electron/: it may not import the app, the UI, simulators or tests.',
        ),
      ]),
    },
  },
  {
    // The main process words its messages (tray, notices) with the renderer's string tables, and nothing else of it.
    files: ['electron/**/*.ts'],
    ignores: SHELL_FILES,
    rules: {
      'no-restricted-imports': restrict(ELECTRON, [
        outOf(
          ['test', 'renderer(?!/src/i18n(?:/|$))'],
          'Product code never imports tests; the main process takes only renderer/src/i18n from the renderer.',
        ),
      ]),
    },
  },
  {
    files: ['simulators/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(ELECTRON, [
        outOf(['test', 'renderer'], 'Product code never imports tests or renderer code.'),
      ]),
    },
  },
  {
    // The string tables run in the main process too (tray, notices): data and pure functions only.
    files: ['renderer/src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...NODE_BUILTINS, ...ELECTRON, 'react', 'react-dom', 'zustand'],
        [
          {
            regex: '^\\.\\./(?!\\.\\./\\.\\./shared/common(?:/|$))',
            message:
              'renderer/src/i18n may import only renderer/src/i18n and shared/common: the main process loads it too.',
          },
        ],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location'],
    },
  },
  {
    // A function or file a maintainer can hold in their head. Table-like functions may opt out, saying so.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'simulators/**/*.ts'],
    ignores: [...OVERSIZE, ...STRING_TABLES],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
);
