import { z } from 'zod';
import type { MessageCode, MessageParamsOf } from './message-codes';

/**
 * Something the main process tells a person, as a code and its parameters: the renderer (and the
 * tray) word it in the chosen language, so a stored log entry reads in whatever language is chosen
 * when it is read. A parameter is data (an ID, a name, an API's own error text) or a nested message.
 */
export interface Message {
  code: string;
  params: Record<string, MessageParam>;
}
export type MessageParam = string | number | Message;

export const messageSchema: z.ZodType<Message> = z.lazy(() =>
  z.object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), messageSchema])),
  }),
);

/** A message with the parameters its code declares (see message-codes.ts), checked by the compiler. */
export function msg<C extends MessageCode>(code: C, ...[params]: ParamsArg<C>): Message {
  return { code, params: (params ?? {}) as Record<string, MessageParam> };
}
type ParamsArg<C extends MessageCode> = [keyof MessageParamsOf<C>] extends [never] ? [] : [params: MessageParamsOf<C>];

/** Several messages said as one, in order (a comma between them in English, the Chinese comma in Chinese). */
export function listOf(items: readonly Message[]): Message {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('listOf needs at least one message');
  return rest.length === 0 ? first : msg('list', { first, rest: listOf(rest) });
}

/**
 * Text stored before messages carried codes (log rows, parked failures from older versions): shown
 * as it was written, marked as stored text, since no table can word it again.
 */
export const STORED_TEXT = 'stored_text';
export const storedText = (text: string): Message => ({ code: STORED_TEXT, params: { text } });

/**
 * An error of ours (an AppError) as a message: its code and its details, which the renderer words
 * like any error it shows; where no wording fits (or outside the window, e.g. the tray), the English
 * message is shown quoted.
 */
export const ERROR_MESSAGE = 'error';
export function errorMessageOf(code: string, english: string, details: Record<string, unknown> = {}): Message {
  const params: Record<string, MessageParam> = { code, english };
  for (const [name, value] of Object.entries(details))
    if (typeof value === 'string' || typeof value === 'number') params[`detail.${name}`] = value;
  return { code: ERROR_MESSAGE, params };
}

/** One of the UI's own strings by its key (a check's name, say), worded from the tables as it is. */
export const LABEL_MESSAGE = 'label';
export const labelMessage = (key: string): Message => ({ code: LABEL_MESSAGE, params: { key } });

/** Stored JSON that is either a message or older English text. */
export const toMessage = (value: unknown): Message =>
  typeof value === 'string' ? storedText(value) : messageSchema.parse(value);

/** A failure as the log and the failed list show it: its code, what happened and how to fix it. */
export const failureSchema = z.object({ code: z.string(), message: messageSchema, fix: messageSchema.optional() });
export type Failure = z.infer<typeof failureSchema>;

/** A stored failure, from this version (messages) or an older one (English strings). */
export function toFailure(value: unknown): Failure {
  const v = value as { code?: unknown; message?: unknown; fix?: unknown };
  return {
    code: typeof v.code === 'string' ? v.code : 'internal',
    message: toMessage(v.message ?? ''),
    ...(v.fix === undefined || v.fix === null ? {} : { fix: toMessage(v.fix) }),
  };
}
