import type { Side } from '../types';

/**
 * Which side keeps a field that both sides changed since they last agreed (two-way sync only),
 * given when each side's entity was last updated (its own clock, ms). The rule sees the sides by
 * name, never as "source" and "target", so the passes from either side name the same winner:
 * the loser's pass skips, the winner's writes, and the two never overwrite each other in turn.
 */
export type ConflictRule = (updatedAtMs: Readonly<Record<Side, number>>) => Side;

/**
 * The newer change wins. A tie (Flashduty stamps whole seconds, SDP milliseconds) goes to
 * Flashduty: a fixed side keeps both passes agreeing on the winner.
 */
export const newerChangeWins: ConflictRule = (updatedAtMs) =>
  updatedAtMs.sdp > updatedAtMs.flashduty ? 'sdp' : 'flashduty';
