import type { Message, PushOutcome } from '../../common/contract';
import type { IntegrationConfig } from '../../common/config';
import type { OwnWrites } from './own-echo';
import type { UnlinkedCreates } from './unlinked-creates';
import type { Outcome, RunnerDeps, Snapshot } from './runner-deps';
import type { ChangeHint, ChangeOrigin, Link, Operation, SdpMetadata } from './types';

/** What a pass needs beyond its own state: the runner's dependencies and memory, and a way to queue one more pass. */
export interface PassContext {
  deps: RunnerDeps;
  own: OwnWrites;
  requeue: (hint: ChangeHint) => void;
  creates: UnlinkedCreates;
  /** The queue key a pass over this hint runs under (incidents a create made wait on it). */
  keyOf: (hint: ChangeHint) => string;
}

/** One pass over an entity, as it goes: what it planned on, what is left to run, and what happened so far. */
export interface Pass {
  hint: ChangeHint;
  /** The origin the rows this pass stages record (a retry keeps the push it carries on). */
  origin: ChangeOrigin;
  started: number;
  cfg: IntegrationConfig;
  source: Snapshot;
  target: Snapshot | null;
  link: Link | null;
  metadata: SdpMetadata | undefined;
  /** The planned operations; a create's request-link write joins the end. */
  queue: Operation[];
  outcome: Outcome;
  message: Message;
  incidentId: string;
  requestId: string | null;
  /** False once something failed or waits: the entity's older rows are then kept apart from superseded ones. */
  clean: boolean;
  /** Outbox rows this pass staged (a retried operation reuses its row, first attempt's age and all). */
  staging: Set<number>;
  created: boolean;
  adopted: boolean;
}

const RANK: Record<Outcome, number> = { unchanged: 0, skipped: 1, linked: 2, updated: 3, created: 4, failed: 5 };

/** The pass's outcome is the strongest thing that happened in it, with that thing's message. */
export function raise(pass: Pass, outcome: Outcome, message: Message): void {
  if (RANK[outcome] >= RANK[pass.outcome]) {
    pass.outcome = outcome;
    pass.message = message;
  }
}

export const passOutcome = (pass: Pass): PushOutcome => ({
  incidentId: pass.incidentId,
  outcome: pass.outcome,
  requestId: pass.requestId,
  message: pass.message,
});
