import type { Page } from 'playwright';

/**
 * What the language walk may leave in Latin letters on a Chinese screen: product and company names, and the
 * protocol words Flashduty's and ManageEngine's own Chinese documentation keep in English.
 */
export const LATIN_ALLOWED: readonly string[] = [
  'ServiceDesk Plus MSP',
  'ServiceDesk Plus',
  'SDP On-Demand',
  'ManageEngine',
  'DeskBridge',
  'Flashduty',
  'SDP',
  'Zoho',
  'ngrok',
  'authtoken',
  'smee',
  'APP Key',
  'App Key',
  'FD',
  'Self Client',
  'Client ID',
  'Client Secret',
  'English',
  'Webhooks',
  'Webhook',
  'OAuth',
  'HTTPS',
  'HTTP',
  'JSON',
  'PORTALID',
  'POST',
  'API',
  'URL',
  'TLS',
  'PEM',
  'SHA',
  'LAN',
  'UDF',
  'CA',
  'ID',
  'IP',
];

/** Text an admin reads that is not ours to translate: quoted API text, addresses, IDs and codes. */
const NOT_PROSE: readonly RegExp[] = [
  /“[^”]*”/g,
  /"[^"]*"/g,
  /‘[^’]*’/g,
  /「[^」]*」/g,
  /『[^』]*』/g,
  /\b[a-z][a-z0-9+.-]*(?:\(s\))?:\/\/\S*/gi,
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  // An incident or request number: Flashduty's are letters and digits (`#CBBCCB`), SDP's digits (`#101`).
  /#[A-Za-z0-9]+\b/g,
  // A code in brackets after its name: a data centre's `(US)`.
  /\([A-Z]{2,3}\)/g,
  // IDs and codes: any word with a digit, underscore, dot, slash, `$` or braces in it (`priority_missing`,
  // `sdp.apiKey`, `01JD3…`, `/hooks/…`, `${request.id}`).
  /[\w$/{}.-]*(?:[\d_$/{}]|\.\w)[\w$/{}.-]*/g,
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ALLOWED = new RegExp(
  `(?<![A-Za-z])(${[...LATIN_ALLOWED]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![A-Za-z])`,
  'g',
);

/**
 * The runs of Latin letters in one visible text of a Chinese screen that nobody translated, after taking out
 * `data` (names and titles that come from SDP, Flashduty or the admin), quoted text, addresses, IDs, codes and
 * the allowed names.
 */
export function latinOffenders(text: string, data: readonly string[] = []): string[] {
  let rest = text;
  for (const value of [...data].filter((d) => d.trim() !== '').sort((a, b) => b.length - a.length))
    rest = rest.split(value).join(' ');
  for (const pattern of NOT_PROSE) rest = rest.replace(pattern, ' ');
  rest = rest.replace(ALLOWED, ' ');
  return [...rest.matchAll(/[A-Za-z]+(?:[ '’-]+[A-Za-z]+)*/g)].map((m) => m[0]);
}

/** What an English screen shows when a text lost its string: a `{param}` left unfilled or a raw key. */
export function untranslated(text: string, keys: ReadonlySet<string>): string[] {
  const found = [...text.matchAll(/\{\w+\}|\bundefined\b|\bNaN\b|\[object Object\]/g)].map((m) => m[0]);
  for (const word of text.match(/\b[A-Za-z][A-Za-z0-9_-]*\b/g) ?? [])
    if (keys.has(word) && /[A-Z_]/.test(word.slice(1))) found.push(word);
  return found;
}

export interface VisibleText {
  text: string;
  /** The nearest `data-testid` (or the tag) around the text, to find it on the screenshot. */
  where: string;
}

/**
 * Every text a person sees on the page: visible text nodes, the options of visible dropdowns, placeholders and
 * button values — except inside `<code>`, `<pre>`, `<kbd>`, `<samp>`, text boxes and `[data-verbatim]` (data shown
 * as it came: API answers, names, titles).
 */
export function visibleTexts(page: Page): Promise<VisibleText[]> {
  return page.evaluate(() => {
    const SKIP = 'code, pre, kbd, samp, textarea, script, style, [data-verbatim]';
    const out: { text: string; where: string }[] = [];
    const where = (el: Element): string => {
      const marked = el.closest('[data-testid]');
      return marked ? `[data-testid=${marked.getAttribute('data-testid')}]` : el.tagName.toLowerCase();
    };
    const add = (el: Element, text: string | null): void => {
      const trimmed = (text ?? '').replace(/\s+/g, ' ').trim();
      if (trimmed !== '' && !el.closest(SKIP)) out.push({ text: trimmed, where: where(el) });
    };
    const seen = (el: Element): boolean => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (el && el.tagName !== 'OPTION' && seen(el)) add(el, node.textContent);
    }
    for (const select of document.querySelectorAll('select'))
      if (seen(select)) for (const option of select.options) add(select, option.text);
    // A placeholder that is one lower-case word or address is an example value (`itdesk`, `https://…`), not prose.
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      const example = el.getAttribute('placeholder')!;
      if (seen(el) && !/^[a-z0-9._:/@-]+$/.test(example)) out.push({ text: example, where: where(el) });
    }
    return out;
  });
}

/**
 * Short Chinese labels (up to six characters: a column heading, a state, a platform) that the layout breaks over
 * more than one line — a column too narrow for Chinese, read one character per line.
 */
export function wrappedShortTexts(page: Page): Promise<VisibleText[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!el || !/^[\p{Script=Han}]{2,6}$/u.test(text) || !el.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const marked = el.closest('[data-testid]');
      const where = marked ? `[data-testid=${marked.getAttribute('data-testid')}]` : el.tagName.toLowerCase();
      if (lines.size > 1) out.push({ text, where });
    }
    return out;
  });
}
