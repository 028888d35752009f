import { z } from 'zod';
import { prng } from '../prng';

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

export class FaultPlan {
  private armed: ArmedFault[] = [];
  latencyMs = 0;
  private serverErrorRate = 0;
  private readonly random: () => number;

  constructor(seed = 1) {
    this.random = prng(seed);
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
