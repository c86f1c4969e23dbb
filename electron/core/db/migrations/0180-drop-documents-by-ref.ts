import type { Database } from 'better-sqlite3';

/**
 * Import speed (issue #4, docs/import.md "Round 8"): `documents_by_ref` (0010) duplicates the first
 * column of `documents_graph_keys` (0100), which also holds the rowid, so every query on
 * documents.ref (store.ts documentRefs, the graph's reads) is served by that one as well. Each
 * document an import wrote paid an insert into both, at a random place of each: at 100k documents
 * that was ~0.6 page writes a document for this index alone.
 */
export function up(db: Database): void {
  db.exec('DROP INDEX IF EXISTS documents_by_ref');
}
