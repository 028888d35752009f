import { errorMessageOf, msg, type Failure, type Message } from '../../common/contract';
import { isAppError } from '../../common/errors';

/** Failures the admin fixes in the config or a service: each fix has its own wording (`msg.fix.<code>`). */
const FIXABLE = [
  'assignee_missing',
  'group_missing',
  'requester_required',
  'template_missing',
  'template_fields_missing',
  'priority_missing',
  'status_missing',
  'udf_missing',
  'udf_not_text',
  'fd_field_missing',
] as const;
type Fixable = (typeof FIXABLE)[number];
const isFixable = (code: string): code is Fixable => (FIXABLE as readonly string[]).includes(code);

/** A thrown error the admin fixes in the config or a service carries the fix the log and the failed list show. */
export function withKnownFix(failure: Failure): Failure {
  return failure.fix !== undefined || !isFixable(failure.code)
    ? failure
    : { ...failure, fix: msg(`fix.${failure.code}`) };
}

export const fixFor = (code: string): Message => msg(isFixable(code) ? `fix.${code}` : 'fix.default');

const quoted = (text: string): Message => msg('quoted', { text });

/** A failure the runner built itself (a planned one), as opposed to a thrown error. */
function isFailure(value: unknown): value is Failure {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'object' && v.message !== null;
}

/**
 * What a failure tells the admin, as a code and a message: one of our errors by its code and details
 * (worded in the reader's language, its English text the fallback); any other error's text is quoted
 * data inside the worded sentence, never the sentence itself.
 */
export function errorShape(error: unknown): Failure {
  if (isAppError(error) && error.code === 'fd_field_missing') {
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    const field = String(error.details?.fieldName ?? '');
    return { code: error.code, message: msg('fail.fd_field_missing', { field, error: quoted(cause) }) };
  }
  if (isAppError(error))
    return { code: error.code, message: errorMessageOf(error.code, error.message, error.details ?? {}) };
  if (error instanceof Error) return { code: 'internal', message: quoted(error.message) };
  if (isFailure(error)) return error;
  return { code: 'internal', message: typeof error === 'string' ? quoted(error) : msg('failure.unknown') };
}

export function requestIdsOf(error: unknown): string[] {
  const id = isAppError(error) ? error.details?.requestId : undefined;
  return typeof id === 'string' && id !== '' ? [id] : [];
}
