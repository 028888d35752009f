/**
 * An SDP address as people paste it: the browser's address bar (`…/app/itdesk/ui/requests`), an
 * API example (`…/api/v3/requests`), a bare host. The connection needs less: the on-prem server's
 * origin, or the cloud API domain (host) and portal. This keeps what is needed and says what went.
 */
export interface SdpAddress {
  /** On-prem: `http(s)://host[:port]`; cloud: `host[:port]`. */
  kept: string;
  /** Cloud: the portal named after `/app/` in the pasted path, if any. */
  portal: string | null;
  /** The path and query that were dropped, as pasted; null when there were none. */
  removed: string | null;
}

/** Null when the text is not an address at all (validation then says what to enter). */
export function normaliseSdpAddress(raw: string, platform: 'cloud' | 'onprem'): SdpAddress | null {
  const text = raw.trim();
  if (text === '') return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  // On-prem servers run http or https, so the scheme must come from the admin; cloud is always https.
  if (!hasScheme && platform === 'onprem') return null;
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const rest = `${url.pathname === '/' ? '' : url.pathname}${url.search}${url.hash}`;
  const portal = platform === 'cloud' ? (/^\/app\/([A-Za-z0-9_-]{1,100})(\/|$)/.exec(url.pathname)?.[1] ?? null) : null;
  const kept = platform === 'cloud' ? url.host : url.origin;
  // A trailing slash is no path worth a word (nor, for cloud, the https:// every address has).
  const removed = rest === '' || rest === '/' ? null : rest;
  return { kept, portal, removed };
}
