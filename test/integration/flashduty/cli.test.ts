import { describe, expect, it } from 'vitest';
import { runFlashdutySimulatorCli } from '../../../simulators/flashduty/cli';

describe('flashduty simulator CLI', () => {
  it('prints the ready line and the app key, serves, and stops', async () => {
    let output = '';
    let printed!: () => void;
    const ready = new Promise<void>((resolve) => (printed = resolve));
    const stop = new AbortController();
    const running = runFlashdutySimulatorCli(['flashduty', '--port', '0', '--app-key', 'cli-key-123'], {
      write: (text) => {
        output += text;
        printed();
      },
      stop: stop.signal,
    });
    await ready;
    const lines = output.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Flashduty simulator ready: http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe('app key: cli-key-123');
    const baseUrl = lines[0]!.split(': ')[1]!;
    const res = await fetch(`${baseUrl}/member/info?app_key=cli-key-123`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    stop.abort();
    await running;
  });

  it.each([
    [['--port'], '--port needs a number'],
    [['--port', 'abc'], '--port needs a number'],
    [['--app-key'], '--app-key needs a value'],
    [['--verbose'], 'unknown argument: --verbose'],
  ])('rejects %j with usage', async (argv, message) => {
    await expect(runFlashdutySimulatorCli(argv)).rejects.toThrow(message);
  });
});
