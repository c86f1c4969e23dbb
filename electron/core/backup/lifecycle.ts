/** What the archive does for safety (issue #7) around opening; called from Archive.open. */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import { purgeExpired } from '../history/trash';
import { PENDING_RESTORE, applyPendingRestore } from './backup';

/** Applies a restore the desktop app staged. A staged file that no longer verifies is set aside, unused. */
export function beforeOpen(dir: string): void {
  if (!existsSync(path.join(dir, PENDING_RESTORE))) return;
  try {
    applyPendingRestore(dir);
  } catch (error) {
    if (error instanceof VanthuError && (error.code === 'BACKUP_INVALID' || error.code === 'ARCHIVE_TOO_NEW')) {
      renameSync(path.join(dir, PENDING_RESTORE), path.join(dir, `${PENDING_RESTORE}.khong-hop-le`));
      return;
    }
    throw error;
  }
}

export function afterOpen(db: Database): void {
  purgeExpired(db);
}
