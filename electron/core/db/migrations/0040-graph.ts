import type { Database } from 'better-sqlite3';

/**
 * Citation graph (issue #5, docs/graph.md). Derived tables, rebuilt by `vanthu resolve`, except the
 * clerk's decisions and registry rows, which are the only source of truth here and survive
 * re-parsing (they key on the citing document and the citation's match key, not on citation rows).
 */
export function up(db: Database): void {
  db.exec(`
    -- Matching keys of each archived document (refKey/year/date/type/bodies from shared/graph/keys.ts).
    CREATE TABLE graph_docs (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      ref_key     TEXT,
      year        INTEGER,
      date        TEXT,
      type_key    TEXT,
      bodies      TEXT NOT NULL,
      level       TEXT
    ) STRICT;
    CREATE INDEX graph_docs_by_ref ON graph_docs(ref_key, year) WHERE ref_key IS NOT NULL;
    CREATE INDEX graph_docs_by_type_date ON graph_docs(type_key, date);

    -- A cited document that is not in the archive ("chưa có trong kho"), one per missing document.
    CREATE TABLE graph_placeholders (
      id       INTEGER PRIMARY KEY,
      key      TEXT NOT NULL UNIQUE,
      ref      TEXT,
      ref_key  TEXT,
      type     TEXT,
      type_key TEXT,
      date     TEXT,
      year     INTEGER,
      issuer   TEXT,
      level    TEXT
    ) STRICT;
    CREATE INDEX graph_placeholders_by_ref ON graph_placeholders(ref_key) WHERE ref_key IS NOT NULL;

    -- One row per parsed citation (citation_id) or per link the clerk added (citation_id NULL).
    -- Exactly one of to_doc / to_placeholder is set unless status = 'ignored'.
    CREATE TABLE graph_edges (
      id             INTEGER PRIMARY KEY,
      citation_id    INTEGER UNIQUE REFERENCES citations(id) ON DELETE CASCADE,
      from_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      to_doc         INTEGER REFERENCES documents(id) ON DELETE SET NULL,
      to_placeholder INTEGER REFERENCES graph_placeholders(id) ON DELETE SET NULL,
      status         TEXT NOT NULL CHECK (status IN ('resolved', 'confirmed', 'manual', 'missing', 'uncertain', 'ignored')),
      relation       TEXT NOT NULL,
      sentence       TEXT NOT NULL DEFAULT '',
      ref_key        TEXT,
      year           INTEGER,
      date           TEXT,
      type_key       TEXT,
      bodies         TEXT,
      match_key      TEXT NOT NULL,
      candidates     TEXT
    ) STRICT;
    CREATE INDEX graph_edges_by_from ON graph_edges(from_id, to_doc);
    -- Not partial: foreign-key checks (deleting a document or placeholder) need these indexes too.
    CREATE INDEX graph_edges_by_to_doc ON graph_edges(to_doc, from_id);
    CREATE INDEX graph_edges_by_to_placeholder ON graph_edges(to_placeholder);
    CREATE INDEX graph_edges_by_ref ON graph_edges(ref_key, year) WHERE ref_key IS NOT NULL;
    CREATE INDEX graph_edges_by_type_date ON graph_edges(type_key, date) WHERE ref_key IS NULL;
    CREATE INDEX graph_edges_pending ON graph_edges(status) WHERE status = 'uncertain';

    -- The clerk's word: 'confirm' / 'reject' a target for a citation (by match key), or 'add' a link.
    CREATE TABLE graph_decisions (
      id         INTEGER PRIMARY KEY,
      from_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      match_key  TEXT,
      action     TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'add')),
      to_doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      relation   TEXT,
      note       TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX graph_decisions_by_from ON graph_decisions(from_id, match_key);

    -- Issuer registry rows the clerk adds (shared/graph/issuers.ts holds the built-in ones).
    CREATE TABLE graph_issuers (
      id         INTEGER PRIMARY KEY,
      alias      TEXT NOT NULL,
      canonical  TEXT NOT NULL,
      valid_from TEXT,
      valid_to   TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
  `);
}
