/**
 * `npm run dev [-- <serve options>]`: the three builds of vite.config.ts in watch mode, and the
 * headless server from dist/node, restarted each time the Node build finishes a rebuild. The
 * renderer needs no restart (the server reads dist/renderer from disk): reload the page. Each
 * restart prints a new link, because the server makes a new token at every start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';

const root = resolve(import.meta.dirname, '..');
const serveArgs = process.argv.slice(2);

type Watcher = Rolldown.RolldownWatcher;

/**
 * One `vite build --watch` of a mode. Rebuilds never empty dist/: the Node and preload builds share
 * dist/node, and emptying it on a rebuild would delete the other's output.
 */
async function watchBuild(mode: string, onBuilt: () => void): Promise<Watcher> {
  const watcher = (await build({
    configFile: resolve(root, 'vite.config.ts'),
    mode,
    logLevel: 'warn',
    build: { watch: {}, emptyOutDir: false },
  })) as Watcher;
  watcher.on('event', (event) => {
    if (event.code === 'BUNDLE_END') void event.result.close();
    if (event.code === 'ERROR') {
      console.error(`dev: the ${mode} build failed; fix the error and save again.\n${event.error.message}`);
      void event.result.close();
    }
    if (event.code === 'END') onBuilt();
  });
  return watcher;
}

let server: ChildProcess | null = null;
let stopping = false;

function startServer(): void {
  const child = spawn(process.execPath, [resolve(root, 'dist/node/headless.js'), ...serveArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (server === child) server = null;
    if (!stopping && signal === null && code !== 0)
      console.error(`dev: the server exited with code ${code}; it restarts after the next Node rebuild.`);
  });
  server = child;
}

/** SIGTERM and wait: the server releases its port and data lock within its 10 s grace period. */
async function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await exited;
}

/** Restarts run one after another, and a burst of rebuilds restarts the server once more, not once each. */
let restarting: Promise<void> | null = null;
let restartAgain = false;
function restartServer(): void {
  if (stopping) return;
  if (restarting) {
    restartAgain = true;
    return;
  }
  restarting = (async () => {
    do {
      restartAgain = false;
      await stopServer();
      if (stopping) return;
      console.log('dev: Node build changed, restarting the server');
      startServer();
    } while (restartAgain);
  })().finally(() => (restarting = null));
}

/** The server starts once all three builds have finished their first build (on a fresh clone, dist/ is empty). */
const firstBuilds = new Set(['production', 'node', 'preload']);
function built(mode: string): void {
  if (firstBuilds.delete(mode)) {
    if (firstBuilds.size === 0) startServer();
  } else if (mode === 'node' && firstBuilds.size === 0) {
    restartServer();
  }
}

const watchers = await Promise.all([
  watchBuild('production', () => built('production')),
  watchBuild('node', () => built('node')),
  watchBuild('preload', () => built('preload')),
]);

async function shutDown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([...watchers.map((w) => w.close()), stopServer()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
