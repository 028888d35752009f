export type Page = 'integrations' | 'log' | 'incidents' | 'settings';
export const PAGES: readonly Page[] = ['integrations', 'log', 'incidents', 'settings'];

/** Where the user is: a page, and on Integrations optionally the editor of one integration ("new" for a new one). */
export interface Route {
  page: Page;
  editing: string | null;
}

export function routeFromHash(hash: string): Route {
  const [name, sub] = hash.replace(/^#\/?/, '').split('/');
  const page = (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : 'integrations';
  const editing = page === 'integrations' && sub !== undefined && /^(new|[A-Za-z0-9_-]{1,64})$/.test(sub) ? sub : null;
  return { page, editing };
}

export function hashOf(route: Route): string {
  return route.editing === null ? `#/${route.page}` : `#/${route.page}/${route.editing}`;
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.page === b.page && a.editing === b.editing;
}
