import { z } from 'zod';

/** Same fault vocabulary as the SDP simulator, so tests read alike. */
export const SimFault = z.strictObject({
  kind: z.enum(['http500', 'http502', 'http503', 'rate429', 'htmlPage', 'truncatedBody', 'dropConnection']),
  /** How many matching calls get the fault (default 1). */
  times: z.number().int().positive().optional(),
  pathIncludes: z.string().optional(),
  retryAfterSec: z.number().int().nonnegative().optional(),
});
export type SimFault = z.input<typeof SimFault>;
export type SimFaultKind = z.output<typeof SimFault>['kind'];

type ArmedFault = z.output<typeof SimFault> & { left: number };

/** mulberry32: a tiny seeded PRNG so a 5xx rate gives the same sequence every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private armed: ArmedFault[] = [];
  latencyMs = 0;
  private serverErrorRate = 0;
  private readonly random: () => number;

  constructor(seed = 1) {
    this.random = seeded(seed);
  }

  inject(fault: SimFault): void {
    const parsed = SimFault.parse(fault);
    this.armed.push({ ...parsed, left: parsed.times ?? 1 });
  }

  setServerErrorRate(rate: number): void {
    this.serverErrorRate = z.number().min(0).max(1).parse(rate);
  }

  clear(): void {
    this.armed = [];
    this.latencyMs = 0;
    this.serverErrorRate = 0;
  }

  /** The fault this call gets, if any; armed faults first, then the random 5xx rate. */
  take(path: string): { kind: SimFaultKind; retryAfterSec?: number } | undefined {
    const fault = this.armed.find((f) => f.left > 0 && (f.pathIncludes === undefined || path.includes(f.pathIncludes)));
    if (fault) {
      fault.left -= 1;
      return { kind: fault.kind, ...(fault.retryAfterSec === undefined ? {} : { retryAfterSec: fault.retryAfterSec }) };
    }
    if (this.serverErrorRate > 0 && this.random() < this.serverErrorRate) return { kind: 'http500' };
    return undefined;
  }
}
