import { errorMessageOf, msg, type Message } from '../../shared/common/contract';
import { isAppError } from '../../shared/common/errors';
import type { MetadataProblem } from './metadata-cache';

/**
 * An error inside a worded sentence: one of ours by its code and details (worded in the reader's
 * language, its English text the fallback), anything else as its own text, quoted.
 */
export function errorMessage(error: unknown): Message {
  const text = error instanceof Error ? error.message : String(error);
  return isAppError(error) ? errorMessageOf(error.code, text, error.details) : msg('quoted', { text });
}

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
