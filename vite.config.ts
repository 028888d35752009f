import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;

/**
 * Three builds from one file, chosen by `--mode`:
 * - default: the React renderer (dist/renderer), served by both the desktop window and headless mode;
 * - `node`: the main-process entries (desktop main, headless server, launcher) as ESM for Node/Electron;
 * - `preload`: the preload script as CommonJS, because sandboxed preloads cannot be ES modules.
 * Vite for all three keeps one toolchain (no tsc emit, no second bundler); dependencies stay
 * external in the Node builds so native modules (libsql, keyring) load from node_modules.
 */
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

function nodeBuild(entries: Record<string, string>, format: 'es' | 'cjs', emptyOutDir: boolean): UserConfig {
  return {
    build: {
      ssr: true,
      target: 'node20',
      outDir: resolve(root, 'dist/node'),
      emptyOutDir,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: entries,
        external,
        output: {
          format,
          entryFileNames: format === 'cjs' ? '[name].cjs' : '[name].js',
          // Flat output: modules resolve ../renderer and ../../electron/assets from dist/node.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'node') {
    return nodeBuild(
      {
        main: resolve(root, 'electron/main.ts'),
        headless: resolve(root, 'electron/headless.ts'),
        launch: resolve(root, 'electron/launch.ts'),
      },
      'es',
      true,
    );
  }
  if (mode === 'preload') return nodeBuild({ preload: resolve(root, 'electron/preload.ts') }, 'cjs', false);
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'dist/renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: true,
      // Loaded from disk or loopback, never over a network: one ~600 kB bundle is fine.
      chunkSizeWarningLimit: 1500,
    },
  };
});
