/**
 * A clean quit (issue #8): on the first will-quit, when automatic backup is set to "on quit" and a
 * folder is chosen, hold the quit, write the backup (docs/safety.md: backupToFolder(db,
 * APP_VERSION, 'quit')), show a Vietnamese dialog if it failed, then close the database and quit
 * again. It runs once: the second will-quit (the one our own app.quit() causes, or the clerk asking
 * again while a slow USB stick is being written) is let through and only closes the database, so a
 * backup can never keep Vanthu from quitting. An interrupted backup leaves only a temporary file,
 * never one that looks like a backup (backup.ts renames into place last).
 */
import type { Archive } from '../core/archive';
import { backupToFolder, getBackupSettings } from '../core/backup/backup';
import { APP_VERSION } from '../core/version';
import { ERROR_MESSAGES, VanthuError } from '../../shared/api/errors';
import { quitBackupFailedMessage } from './messages';

export interface QuitDeps {
  archive(): Archive | null;
  /** Closes the database (idempotent). */
  close(): void;
  /** app.quit(): asks again once the backup is over. */
  quit(): void;
  /** Shows the failure; the quit goes on when it resolves. */
  showError(message: string): Promise<unknown>;
}

export function wantsQuitBackup(archive: Archive | null): boolean {
  if (!archive || !archive.db.open || archive.db.readonly) return false;
  try {
    const settings = getBackupSettings(archive.db);
    return settings.mode === 'quit' && settings.folder !== null;
  } catch {
    return false;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof VanthuError)
    return error.detail ? `${ERROR_MESSAGES[error.code]} (${error.detail})` : ERROR_MESSAGES[error.code];
  return `${ERROR_MESSAGES.INTERNAL} (${error instanceof Error ? error.message : String(error)})`;
}

/** The will-quit listener. `done` resolves when the held quit has been asked for again (tests). */
export function createQuitHandler(deps: QuitDeps): {
  onWillQuit(event?: { preventDefault(): void }): void;
  done: Promise<void>;
} {
  let state: 'idle' | 'backing-up' | 'over' = 'idle';
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const run = async (archive: Archive): Promise<void> => {
    try {
      await backupToFolder(archive.db, APP_VERSION, 'quit');
    } catch (error) {
      try {
        await deps.showError(quitBackupFailedMessage(describeError(error)));
      } catch {
        // no dialog: quit anyway
      }
    } finally {
      state = 'over';
      deps.close();
      deps.quit();
      resolveDone();
    }
  };
  return {
    done,
    onWillQuit(event) {
      const archive = deps.archive();
      if (state === 'idle' && wantsQuitBackup(archive)) {
        event?.preventDefault();
        state = 'backing-up';
        void run(archive!);
        return;
      }
      if (state === 'idle') resolveDone();
      state = 'over';
      deps.close();
    },
  };
}
