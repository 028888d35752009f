import { runFlashdutySimulatorCli } from './flashduty/cli';
import { runSdpSimulatorCli } from './sdp/cli';

/**
 * `npm run sim -- sdp|flashduty [flags]`: one simulator on its own, for trying DeskBridge by hand
 * or pointing another tool at it. Each simulator's CLI prints its ready line and credentials.
 */
const USAGE =
  'Usage: npm run sim -- sdp [--edition cloud|onprem] [--port N] [--portal NAME]\n       npm run sim -- flashduty [--port N] [--app-key K]';

const [which, ...rest] = process.argv.slice(2);
try {
  if (which === 'sdp') await runSdpSimulatorCli(rest);
  else if (which === 'flashduty') await runFlashdutySimulatorCli(rest);
  else {
    console.error(which === undefined ? USAGE : `Unknown simulator "${which}".\n${USAGE}`);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exitCode = 2;
}
