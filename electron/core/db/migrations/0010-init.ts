import type { Database } from 'better-sqlite3';

/**
 * The first schema. Originals are kept as BLOBs inside the archive because on many PCs the archive
 * is the only copy; one file also makes backups consistent. Citations, tasks and clerk corrections
 * have their tables from the start so that later features only add columns or indexes.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE documents (
      id              INTEGER PRIMARY KEY,
      content_hash    TEXT NOT NULL UNIQUE,
      text            TEXT NOT NULL,
      format          TEXT NOT NULL,
      encoding        TEXT NOT NULL,
      scanned         INTEGER NOT NULL DEFAULT 0,
      type            TEXT,
      ref             TEXT,
      number          TEXT,
      symbol          TEXT,
      issuer          TEXT,
      issuer_level    TEXT,
      issuer_kind     TEXT,
      province        TEXT,
      date            TEXT,
      place           TEXT,
      subject         TEXT,
      signer          TEXT,
      signer_capacity TEXT,
      parse_json      TEXT NOT NULL,
      parser_version  INTEGER NOT NULL,
      warnings_json   TEXT NOT NULL DEFAULT '[]',
      imported_at     TEXT NOT NULL,
      updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX documents_by_date ON documents(date);
    CREATE INDEX documents_by_ref ON documents(ref);
    CREATE INDEX documents_by_imported ON documents(imported_at);

    CREATE TABLE originals (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      file_name   TEXT NOT NULL,
      source_path TEXT,
      size        INTEGER NOT NULL,
      sha256      TEXT NOT NULL,
      bytes       BLOB NOT NULL
    ) STRICT;

    CREATE TABLE citations (
      id                INTEGER PRIMARY KEY,
      document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal           INTEGER NOT NULL,
      start             INTEGER NOT NULL,
      end               INTEGER NOT NULL,
      text              TEXT NOT NULL,
      type              TEXT,
      ref               TEXT,
      number            TEXT,
      symbol            TEXT,
      date              TEXT,
      issuer            TEXT,
      issuer_normalized TEXT,
      relation          TEXT NOT NULL,
      UNIQUE (document_id, ordinal)
    ) STRICT;
    CREATE INDEX citations_by_ref ON citations(ref);

    CREATE TABLE tasks (
      id             INTEGER PRIMARY KEY,
      document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal        INTEGER NOT NULL,
      parent_ordinal INTEGER,
      label          TEXT NOT NULL,
      text           TEXT NOT NULL,
      start          INTEGER NOT NULL,
      end            INTEGER NOT NULL,
      lead_json      TEXT NOT NULL,
      cooperate_json TEXT NOT NULL,
      deadline_text  TEXT,
      deadline_date  TEXT,
      recurrence     TEXT,
      UNIQUE (document_id, ordinal)
    ) STRICT;

    -- A clerk's correction overrides one parsed field (or a citation/task, by target) and survives re-parsing.
    CREATE TABLE corrections (
      id          INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      target      TEXT NOT NULL,
      value_json  TEXT NOT NULL,
      created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX corrections_by_document ON corrections(document_id, target);
  `);
}
