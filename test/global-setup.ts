import { ensureFreshBuild } from './helpers/fresh-build';

/** Browser, Electron and headless tests run the built app: never let them test an old build. */
export default function setup(): void {
  ensureFreshBuild();
}
