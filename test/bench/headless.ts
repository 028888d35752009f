import { readFileSync } from 'node:fs';
import { startServe } from '../helpers/headless';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kb / 1024;
}

/** Start-up time of `serve` (spawn → ready line) and its resident memory once ready, median of 5. */
export async function benchHeadless(): Promise<BenchLine[]> {
  const readies: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const serve = await startServe();
    readies.push((performance.now() - started) / 1000);
    await new Promise((r) => setTimeout(r, 300));
    rss.push(rssMb(serve.child.pid!));
    await serve.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [
    { name: 'headless_ready', value: Number(median(readies).toFixed(3)), unit: 's' },
    { name: 'headless_rss', value: Number(median(rss).toFixed(1)), unit: 'MB' },
  ];
}
