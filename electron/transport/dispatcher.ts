import type { z } from 'zod';
import {
  DISPATCH_CODES,
  isMethodName,
  methods,
  type ContractErrorShape,
  type DispatchResult,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../shared/common/contract';
import { describeConfigMessage, type ConfigMessage } from '../../shared/common/config';
import { isAppError } from '../../shared/common/errors';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};

export interface Dispatcher {
  dispatch(method: string, input: unknown): Promise<DispatchResult>;
}

export interface DispatcherOptions {
  /** Called with unexpected (non-AppError) failures, which the UI only sees as "internal". */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * Turns zod issues into `field: message` lines, so a 400 names the field to fix; a config message
 * keeps its code and params beside the English, for the UI to say it in the user's language.
 */
export function describeIssues(error: z.ZodError): {
  message: string;
  issues: ({ path: string; message: string } & Partial<ConfigMessage>)[];
} {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    ...describeConfigMessage(issue.message),
  }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

function toContractError(error: unknown): ContractErrorShape {
  if (isAppError(error)) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  return {
    code: DISPATCH_CODES.internal,
    message: 'Something went wrong inside DeskBridge. The details are in the app log.',
  };
}

/**
 * The single entry point both transports call: validate input, run the handler, validate the
 * output (a schema mismatch is our bug and must not leak half-shaped data), map every failure.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  return {
    async dispatch(method, input) {
      if (!isMethodName(method)) {
        return { ok: false, error: { code: DISPATCH_CODES.unknownMethod, message: `Unknown method "${method}".` } };
      }
      const spec = methods[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const { message, issues } = describeIssues(parsed.error);
        return {
          ok: false,
          error: {
            code: DISPATCH_CODES.invalidInput,
            message: `Invalid input for ${method}: ${message}`,
            details: { issues },
          },
        };
      }
      let value: unknown;
      try {
        const handler = handlers[method] as (input: unknown) => Promise<unknown>;
        value = await handler(parsed.data);
      } catch (error) {
        if (!isAppError(error)) options.onInternalError?.(method, error);
        return { ok: false, error: toContractError(error) };
      }
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(method, checked.error);
        return {
          ok: false,
          error: {
            code: DISPATCH_CODES.invalidOutput,
            message: `DeskBridge produced an invalid answer for ${method}.`,
          },
        };
      }
      return { ok: true, value: checked.data };
    },
  };
}
