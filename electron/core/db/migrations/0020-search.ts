import type { Database } from 'better-sqlite3';

/**
 * Full-text search (issue #4, docs/search.md). The FTS5 table is contentless: the text lives once,
 * in documents.text, and the index holds token streams prepared in TypeScript
 * (shared/search/entry.ts), so the SQLite tokenizer only splits at spaces and lower-cases:
 *   f/x    folded and exact (canonical tones) streams of the text, same positions
 *   sf/sx  the same for the subject, weighted higher when ranking
 *   refs   the document's own number/symbol; loai, coquan, nguoiky, cap: field filters
 * The rowid is the search key (date in the high bits, id in the low bits; shared/search/entry.ts),
 * so FTS5's rowid order is recency order.
 *
 * Coupling, kept in sync by code rather than triggers because the tokenizing is TypeScript:
 * electron/core/search/indexer.ts indexes each imported document in the import transaction, and
 * catches up on open with any document that has no search_docs row. Deleting a document cascades
 * to search_docs, whose trigger removes the FTS row. Existing documents are indexed by that
 * catch-up, not here.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE search_fts USING fts5(
      f, x, sf, sx, refs, loai, coquan, nguoiky, cap,
      content = '', contentless_delete = 1, detail = full,
      tokenize = 'unicode61 remove_diacritics 0'
    );
    INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(1.0, 1.0, 4.0, 4.0, 20.0, 0.0, 0.0, 0.0, 0.0)');

    CREATE TABLE search_docs (
      doc_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      key     INTEGER NOT NULL UNIQUE,
      ref     TEXT,
      type    TEXT,
      issuer  TEXT,
      level   TEXT,
      date    TEXT,
      year    INTEGER,
      subject TEXT,
      signer  TEXT
    ) STRICT;
    CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
      DELETE FROM search_fts WHERE rowid = old.key;
    END;

    CREATE TABLE saved_searches (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      query      TEXT NOT NULL,
      sort       TEXT NOT NULL DEFAULT 'relevance',
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE search_history (
      id          INTEGER PRIMARY KEY,
      query       TEXT NOT NULL,
      results     INTEGER,
      searched_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX search_history_by_time ON search_history(searched_at);
  `);
}
