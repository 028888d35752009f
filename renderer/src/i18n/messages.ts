import {
  ERROR_MESSAGE,
  LABEL_MESSAGE,
  STORED_TEXT,
  type Message,
  type MessageCode,
} from '../../../shared/common/contract';
import { en } from './en';
import { describeError } from './error-text';
import { DICTIONARIES, format, locale, type Language } from './index';
import { zhCN } from './zh-CN';

/**
 * Words the main process's messages (code + parameters) in a language. Pure data and functions: the
 * tray in the main process renders through it too, so nothing here may touch the DOM or React.
 */
type MessageKey = `msg.${MessageCode}`;

// Every code the main process sends has a wording in both tables: a missing one fails tsc here.
const WORDINGS: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

function isMessageKey(key: string, table: Record<MessageKey, string>): key is MessageKey {
  return Object.hasOwn(table, key);
}

/**
 * The message in `language` (the UI's current one by default), its nested messages worded too.
 * A code this build does not know (a newer main process) shows as the code and its data, never blank.
 */
export function renderMessage(message: Message, language: Language = locale()): string {
  if (message.code === ERROR_MESSAGE) return renderError(message, language);
  if (message.code === LABEL_MESSAGE) {
    const key = String(message.params.key);
    const strings: Record<string, string> = DICTIONARIES[language];
    return Object.hasOwn(strings, key) ? strings[key]! : key;
  }
  const table = WORDINGS[language];
  const key = `msg.${message.code}`;
  const params = Object.fromEntries(
    Object.entries(message.params).map(([name, value]) => [
      name,
      typeof value === 'object' ? renderMessage(value, language) : value,
    ]),
  );
  if (!isMessageKey(key, table)) return [message.code, ...Object.values(params)].join(' ');
  return format(table[key], params);
}

function renderError(message: Message, language: Language): string {
  const { code, english } = message.params;
  const details = Object.fromEntries(
    Object.entries(message.params).flatMap(([name, value]) =>
      name.startsWith('detail.') ? [[name.slice('detail.'.length), value]] : [],
    ),
  );
  return (
    describeError(String(code), details, language) ??
    format(WORDINGS[language]['msg.quoted'], { text: String(english ?? code) })
  );
}

/** Text stored by an earlier version, which no table can word again: the UI marks it as such. */
export const isStoredText = (message: Message): boolean => message.code === STORED_TEXT;

/** A log entry's action (an operation type or an event name) in `language`; an unknown one as it is. */
export function actionLabel(action: string, language: Language = locale()): string {
  const table: Record<string, string> = DICTIONARIES[language];
  return table[`action.${action}`] ?? action;
}
