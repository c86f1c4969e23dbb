import type { Database } from 'better-sqlite3';

/**
 * Adds a `cites` column to the search index: the numbers/symbols a document cites, as tokens, so a
 * typed ref finds citing documents from a short column instead of a NEAR() over the whole text
 * (which had to check positions in every document containing "11", "ubnd" and "vp"). FTS5 cannot
 * add a column, so the index is rebuilt: search_docs is emptied and the catch-up on open
 * (electron/core/search/indexer.ts) re-indexes every document.
 */
export function up(db: Database): void {
  db.exec(`
    DROP TRIGGER search_docs_delete;
    DROP TABLE search_fts;
    DELETE FROM search_docs;
    CREATE VIRTUAL TABLE search_fts USING fts5(
      f, x, sf, sx, refs, loai, coquan, nguoiky, cap, cites,
      content = '', contentless_delete = 1, detail = full,
      tokenize = 'unicode61 remove_diacritics 0'
    );
    INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(1.0, 1.0, 4.0, 4.0, 20.0, 0.0, 0.0, 0.0, 0.0, 2.0)');
    CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
      DELETE FROM search_fts WHERE rowid = old.key;
    END;
  `);
}
