import { startFlashdutySimulator } from './index';

function usage(problem: string): Error {
  return new Error(`${problem}\nusage: flashduty [--port N] [--app-key K]`);
}

export interface CliIo {
  write?: (text: string) => void;
  /** Stops the simulator like SIGINT would (for tests). */
  stop?: AbortSignal;
}

/** `flashduty [--port N] [--app-key K]`: runs the simulator until SIGINT/SIGTERM. */
export async function runFlashdutySimulatorCli(argv: string[], io: CliIo = {}): Promise<void> {
  const args = argv[0] === 'flashduty' ? argv.slice(1) : [...argv];
  let port = 0;
  let appKey: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--port') {
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535)
        throw usage('--port needs a number from 0 to 65535');
      port = Number(value);
      i++;
    } else if (flag === '--app-key') {
      if (value === undefined || value.trim() === '') throw usage('--app-key needs a value');
      appKey = value;
      i++;
    } else {
      throw usage(`unknown argument: ${flag}`);
    }
  }
  const sim = await startFlashdutySimulator({ port, ...(appKey === undefined ? {} : { appKey }) });
  const write = io.write ?? ((text: string) => process.stdout.write(text));
  write(`Flashduty simulator ready: ${sim.baseUrl}\napp key: ${sim.appKey}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stop?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.stop?.aborted) stop();
    else io.stop?.addEventListener('abort', stop);
  });
  await sim.close();
}
