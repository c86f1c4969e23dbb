import type { Database } from 'better-sqlite3';

/**
 * Compact storage (issue #4, docs/import.md): originals are stored compressed by the import
 * worker. `compression` says how a row's bytes are stored (electron/core/import/compression.ts);
 * 0 means raw, so every row written before this migration, and rows restored from the trash or a
 * bundle, keep working. Readers decode through store.getOriginal / originalBytes.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE originals ADD COLUMN compression INTEGER NOT NULL DEFAULT 0;`);
}
