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
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function t(key: StringKey, params?: Record<string, string | number>): string {
  return format(DICTIONARIES[current][key], params);
}

/** The placeholders a template uses, for checking that translations keep them all. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
