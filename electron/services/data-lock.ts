import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/common/errors';

export const LOCK_FILE_NAME = 'deskbridge.lock';

const lockSchema = z.object({ pid: z.number().int().positive(), mode: z.string(), since: z.number() });
type LockInfo = z.infer<typeof lockSchema>;

export interface DataDirLock {
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Folders this process holds, so a second app core in one process is refused like a second process. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One DeskBridge per data folder: two processes writing one sync database would both act on the
 * same changes. The lock is a file created exclusively, holding the owner's pid; a lock left by a
 * process that is gone (crash, kill -9) is taken over.
 */
export function lockDataDir(dataDir: string, mode: string, now: () => number = Date.now): DataDirLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  const mine: LockInfo = { pid: process.pid, mode, since: now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      heldHere.add(file);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(file);
          if (readLock(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(file);
    const heldByUs = holder?.pid === process.pid && heldHere.has(file);
    if (holder !== null && (heldByUs || (holder.pid !== process.pid && isAlive(holder.pid)))) {
      throw new AppError(
        'data.locked',
        `Another DeskBridge (process ${holder.pid}, ${holder.mode}, running since ${new Date(holder.since).toISOString()}) is using the data folder ${dataDir}. Stop it first, or give this one its own folder with --data-dir.`,
        { details: { pid: holder.pid } },
      );
    }
    // The holder is gone, or the file is unreadable (a crash while writing it): take it over.
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new AppError(
    'data.locked',
    `Could not take the lock on the data folder ${dataDir}: another DeskBridge is starting there at the same time.`,
  );
}
