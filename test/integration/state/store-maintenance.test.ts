import { storedText } from '../../../shared/common/contract';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/database';
import { createSqliteStore } from '../../../electron/services/sqlite-store';
import { StoreMaintenance } from '../../../electron/services/store-maintenance';

const DAY = 86_400_000;
const NOW = 100 * DAY;

function storeWith(ages: number[]) {
  const path = join(mkdtempSync(join(tmpdir(), 'deskbridge-maint-')), 'sync.db');
  const store = createSqliteStore(openDatabase(path));
  for (const age of ages) {
    store.appendLog({
      at: NOW - age,
      level: 'info',
      integrationId: 'i1',
      direction: null,
      incidentId: null,
      requestId: null,
      action: 'x',
      message: storedText('m'),
      changes: [],
      apiRequestIds: [],
      error: null,
    });
  }
  return { store, path };
}

describe('store maintenance', () => {
  it('deletes entries older than the retention days, across several batches, then empties the WAL', async () => {
    const { store, path } = storeWith([
      ...Array.from({ length: 1200 }, () => 31 * DAY),
      ...Array.from({ length: 5 }, () => DAY),
    ]);
    const maintenance = new StoreMaintenance(
      store,
      () => ({ days: 30, maxRows: 10_000 }),
      () => NOW,
    );
    expect(await maintenance.run()).toBe(1200);
    expect(store.queryLog({ limit: 10_000 })).toHaveLength(5);
    expect(statSync(`${path}-wal`).size).toBe(0);
    store.close();
  });

  it('keeps at most the configured number of rows, the newest', async () => {
    const { store } = storeWith(Array.from({ length: 1500 }, (_, i) => 1500 - i));
    const maintenance = new StoreMaintenance(
      store,
      () => ({ days: 30, maxRows: 1000 }),
      () => NOW,
    );
    expect(await maintenance.run()).toBe(500);
    const kept = store.queryLog({ limit: 10_000 });
    expect(kept).toHaveLength(1000);
    expect(kept[0]!.at).toBe(NOW - 1);
    store.close();
  });
});
