import { randomUUID } from 'node:crypto';
import { msg, type Message } from '../../shared/common/contract';
import type { SyncStore } from '../../shared/node/sync/store';
import type { Engine } from './engine';
import type { EventBus } from './event-bus';
import type { Settings } from './settings';

/** Where the database keeps its own identity, and where the settings remember the one they last saw. */
const DB_ID_CURSOR = { integrationId: '', key: 'db.id' };
const SEEN_DB_ID = 'syncDb.id';

export interface LinkRecoveryDeps {
  store: SyncStore;
  settings: Settings;
  engine: Engine;
  bus: EventBus;
  /** Said once, where the admin looks (terminal, desktop notification) and in the sync log. */
  notice: (message: Message) => void;
}

/**
 * At start: when the sync database is not the one the settings last ran with (new, replaced by an
 * older copy, or started fresh after damage), every integration's links are rebuilt from markers
 * in the background. Sync passes run meanwhile and link rather than create (they read markers too).
 * The database's identity is remembered once every rebuild has finished, so an interrupted one
 * runs again at the next start. Integrations that are off or not connected link on sight instead.
 */
export function recoverLinksIfNeeded(
  deps: LinkRecoveryDeps,
  movedAside: string | undefined,
): Promise<void> | undefined {
  const { store, settings, engine, bus } = deps;
  let dbId = store.cursor(DB_ID_CURSOR.integrationId, DB_ID_CURSOR.key);
  const integrations = settings.integrations();
  if (dbId === null) {
    dbId = randomUUID();
    store.setCursor(DB_ID_CURSOR.integrationId, DB_ID_CURSOR.key, dbId);
    // A database from before identities existed, with its links: the same one, nothing to rebuild.
    if (settings.state.get(SEEN_DB_ID) === undefined && integrations.some((c) => store.countLinks(c.id) > 0))
      settings.state.set(SEEN_DB_ID, dbId);
  }
  if (settings.state.get(SEEN_DB_ID) === dbId) return undefined;
  const id = dbId;
  const running = integrations.filter((c) => engine.runtime(c.id)?.canRebuild === true);
  if (running.length === 0) {
    settings.state.set(SEEN_DB_ID, id);
    if (movedAside !== undefined) deps.notice(msg('notice.db_damaged_on_sight', { file: movedAside }));
    return undefined;
  }
  deps.notice(
    movedAside !== undefined
      ? msg('notice.db_damaged_relinking', { file: movedAside })
      : msg('notice.db_new_relinking'),
  );
  return Promise.all(
    running.map((c) =>
      engine
        .runtime(c.id)!
        .rebuildLinks((progress) => bus.publish('links.rebuildProgress', { integrationId: c.id, ...progress }))
        .then(() => true)
        .catch(() => false),
    ),
  ).then((results) => {
    if (results.every(Boolean)) settings.state.set(SEEN_DB_ID, id);
  });
}
