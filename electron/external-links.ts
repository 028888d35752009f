/**
 * Links the renderer asks to open go to the OS browser only if they are plain https URLs:
 * no file:, javascript:, custom schemes or credentials smuggled in the authority.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
}
