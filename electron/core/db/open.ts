import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { VanthuError, type ErrorCode } from '../../../shared/api/errors';
import { migrate } from './migrations';
import { installHistoryTriggers } from './safety-store';

let processBinding: string | undefined;

/**
 * The better_sqlite3.node every connection of this process loads. The desktop app passes its
 * Electron build to Archive.open, which sets it here before anything else opens a file: the
 * packaged app carries no other (electron-builder.yml leaves the Node build out), so a connection
 * opened without it — a backup's copy, a backup being verified or restored, a bundle — could not
 * load better-sqlite3 there at all.
 */
export function useNativeBinding(file: string | undefined): void {
  processBinding = file;
}

export function nativeBindingInUse(): string | undefined {
  return processBinding;
}

/** The one way this code opens an SQLite file: better-sqlite3 with the process's native build. */
export function connect(file: string, options: Database.Options = {}): Db {
  const nativeBinding = options.nativeBinding ?? processBinding;
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (the Electron build in the app). */
  nativeBinding?: string;
  readOnly?: boolean;
}

const SQLITE_CODE_TO_ERROR: Record<string, ErrorCode> = {
  SQLITE_BUSY: 'ARCHIVE_LOCKED',
  SQLITE_LOCKED: 'ARCHIVE_LOCKED',
  SQLITE_READONLY: 'ARCHIVE_READ_ONLY',
  SQLITE_READONLY_DIRECTORY: 'ARCHIVE_READ_ONLY',
  SQLITE_CANTOPEN: 'IO_ERROR',
  SQLITE_NOTADB: 'ARCHIVE_CORRUPT',
  SQLITE_CORRUPT: 'ARCHIVE_CORRUPT',
  SQLITE_FULL: 'DISK_FULL',
  SQLITE_IOERR: 'IO_ERROR',
};

/** Turns a better-sqlite3 error into our closed set of codes; unknown ones stay INTERNAL. */
export function toVanthuError(error: unknown): VanthuError {
  if (error instanceof VanthuError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    const exact = SQLITE_CODE_TO_ERROR[code];
    const family =
      SQLITE_CODE_TO_ERROR[code.replace(/_[A-Z_]+$/, '')] ??
      SQLITE_CODE_TO_ERROR[code.split('_').slice(0, 2).join('_')];
    const mapped = exact ?? family;
    if (mapped) return new VanthuError(mapped, (error as Error).message);
    if (code === 'ENOSPC') return new VanthuError('DISK_FULL', (error as Error).message);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      return new VanthuError('ARCHIVE_READ_ONLY', (error as Error).message);
  }
  return new VanthuError('INTERNAL', error instanceof Error ? error.message : String(error));
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | undefined;
  try {
    db = connect(file, {
      readonly: options.readOnly ?? false,
      fileMustExist: options.readOnly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    // Wait for a second process's short write instead of failing at once.
    db.pragma('busy_timeout = 5000');
    if (!options.readOnly) {
      db.pragma('journal_mode = WAL');
      // FULL: a power cut right after "imported" must not lose the document (better-sqlite3 docs/performance.md).
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Before the TEMP history triggers: changing temp_store drops every TEMP object. In memory, a
    // statement journal (the original of each page a statement changes inside a longer
    // transaction, kept to undo that statement alone) is never spilled to a temp file; spilled,
    // it cost a bulk import ~75 page writes per document.
    db.pragma('temp_store = MEMORY');
    // 32 MiB of page cache instead of SQLite's 2 MB: at 100k documents an import's index writes
    // (content hashes, graph keys, FTS5 merges) land on pages spread over a 1.3 GB file, and each
    // miss is a read from the OS. Storing 3,000 files into a copy of the 100k archive: 1.23 / 1.07
    // → 1.06 / 1.02 CPU ms per document, of which system time 0.28 / 0.25 → 0.19 (idle machine).
    if (!options.readOnly) db.pragma('cache_size = -32768');
    if (!options.readOnly) migrate(db);
    // History of every change (issue #7): TEMP triggers generated from the schema just migrated.
    if (!options.readOnly) installHistoryTriggers(db);
    return db;
  } catch (error) {
    db?.close();
    throw toVanthuError(error);
  }
}
