import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Attributes API request IDs to the operation that caused them. Clients are shared by concurrent
 * operations, so their call hook cannot know whose call it was; the async context can.
 */
const current = new AsyncLocalStorage<string[]>();

export function recordRequestId(id: string | undefined): void {
  if (id) current.getStore()?.push(id);
}

export async function collectRequestIds<T>(fn: () => Promise<T>): Promise<{ value: T; requestIds: string[] }> {
  const ids: string[] = [];
  const value = await current.run(ids, fn);
  return { value, requestIds: ids };
}
