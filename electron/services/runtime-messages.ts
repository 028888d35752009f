import { msg, type Message } from '../../shared/common/contract';
import { errorShape } from '../../shared/node/sync/error-shapes';
import type { MetadataProblem } from './metadata-cache';

/**
 * An error inside a worded sentence: one of ours by its code and details (worded in the reader's
 * language), anything else as its own text, quoted; the sync log's failures are worded the same way.
 */
export const errorMessage = (error: unknown): Message => errorShape(error).message;

/** A list SDP would not give, for the log: why, and what to do, by the same reasons the editor words. */
export function metadataProblemMessage(problem: MetadataProblem, cloud: boolean): Message {
  const { endpoint, reason, scope } = problem;
  if (reason === 'forbidden' && cloud && scope !== null)
    return msg('runtime.metadata_problem', {
      endpoint,
      problem: msg('meta.scope', { scope }),
      fix: msg('meta.fix_scope', { scope }),
    });
  if (reason === 'forbidden') {
    const which = cloud ? 'cloud' : 'onprem';
    return msg('runtime.metadata_problem', {
      endpoint,
      problem: msg(`meta.forbidden_${which}`),
      fix: msg(`meta.fix_forbidden_${which}`),
    });
  }
  if (reason === 'not_found')
    return msg('runtime.metadata_problem', {
      endpoint,
      problem: msg('meta.not_found'),
      fix: msg('meta.fix_not_found'),
    });
  return msg('runtime.metadata_problem', {
    endpoint,
    problem: problem.error,
    fix: msg('meta.fix_other'),
  });
}
