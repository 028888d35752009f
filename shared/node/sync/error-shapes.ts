import {
  errorMessageOf,
  MESSAGE_PARAMS,
  msg,
  type Failure,
  type Message,
  type MessageCode,
} from '../../common/contract';
import { isAppError } from '../../common/errors';

type FixOf<C> = C extends `fix.${infer F}` ? F : never;
/** Failures the admin fixes in the config or a service: those with a fix message code of their own (`fix.<code>`). */
type Fixable = Exclude<FixOf<MessageCode>, 'default'>;
const isFixable = (code: string): code is Fixable => code !== 'default' && Object.hasOwn(MESSAGE_PARAMS, `fix.${code}`);

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
