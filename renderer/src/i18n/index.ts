import { en, type StringKey } from './en';
import { zhCN } from './zh-CN';

export { en, type StringKey } from './en';
export { zhCN } from './zh-CN';

export type Language = 'en' | 'zh-CN';
export type LanguageSetting = 'system' | Language;
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['system', 'en', 'zh-CN'];
export const DICTIONARIES: Record<Language, Record<StringKey, string>> = { en, 'zh-CN': zhCN };

/** 'system' takes the first OS language we ship (any Chinese reads Simplified Chinese), else English. */
export function resolveLanguage(setting: LanguageSetting, systemLanguages: readonly string[]): Language {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

let current: Language = 'en';

/** Switches the dictionary `t` reads; returns the language for the store to hold (which re-renders the tree). */
export function applyLanguage(language: Language): Language {
  current = language;
  return language;
}

export function locale(): Language {
  return current;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

type Lower = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm';
type Lower2 = 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';
type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type WordChar = Lower | Lower2 | Uppercase<Lower | Lower2> | Digit | '_';
type IsWord<S extends string> = S extends `${WordChar}${infer R}` ? (R extends '' ? true : IsWord<R>) : false;

/** The `{name}` placeholders of a template, read as `format` reads them (`\{(\w+)\}`). */
export type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? IsWord<P> extends true
    ? P | Placeholders<Rest>
    : Placeholders<`${P}}${Rest}`>
  : never;

/** Exactly the values the English text of `K` names. */
export type ParamsOf<K extends StringKey> = { [P in Placeholders<(typeof en)[K]>]: string | number };

/** Keys whose text takes exactly the values `P` (`never`: none). */
export type KeyWith<P extends string> = {
  [K in StringKey]: [Placeholders<(typeof en)[K]>] extends [P]
    ? [P] extends [Placeholders<(typeof en)[K]>]
      ? K
      : never
    : never;
}[StringKey];

/** Keys whose text takes no values: what a label, heading or option may name. */
export type PlainKey = KeyWith<never>;

/**
 * The text of `key` in the current language. A text with `{placeholders}` takes exactly those values, so a
 * missing or misspelt one fails `tsc`; a key chosen at run time from a union needs the values of every member.
 */
export function t<K extends StringKey>(
  key: K,
  ...params: [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: ParamsOf<K>]
): string {
  return format(DICTIONARIES[current][key], params[0]);
}

/**
 * The text of a key that arrives at run time (a code from the main process, its values checked by the
 * contract's schema there). A value it lacks stays visible as `{name}`, which the e2e language walk catches.
 */
export function translate(
  key: StringKey,
  params: Readonly<Record<string, string | number>>,
  language: Language = current,
): string {
  return format(DICTIONARIES[language][key], params);
}

/** The placeholders a template uses, for checking that translations keep them all. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
