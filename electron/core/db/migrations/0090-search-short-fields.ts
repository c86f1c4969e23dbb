import type { Database } from 'better-sqlite3';

/**
 * Plain words now also match a document's subject and issuer when its text does not contain them
 * (shared/search/entry.ts, bodyStreams): a scanned document with no text is found by the words a
 * clerk typed into those fields. Documents indexed before are re-indexed where it matters most —
 * scanned or nearly empty texts — by dropping their index rows (the trigger removes the FTS rows)
 * so the catch-up on open (electron/core/search/indexer.ts) indexes them again. Others pick the
 * change up when next re-indexed.
 */
export function up(db: Database): void {
  db.exec(`
    DELETE FROM search_docs
    WHERE doc_id IN (SELECT id FROM documents WHERE scanned = 1 OR length(text) < 200);
  `);
}
