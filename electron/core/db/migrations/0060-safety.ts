import type { Database } from 'better-sqlite3';

/**
 * Safety (issue #7, docs/safety.md): settings, the backup log, per-document history, the trash and
 * the conflicts left by a bundle import.
 *
 * history is written by TEMP triggers that electron/core/db/history-triggers.ts generates at every
 * open from the live schema (every table with a foreign key to documents, and their children), so
 * columns and tables that later migrations add are recorded without touching this file.
 * history.document_id has no foreign key on purpose: the history of a document moved to the trash
 * is kept with it (trash_id) and comes back when the document is restored.
 *
 * trash holds a whole document serialized (its row, its original, and the rows of every table that
 * refers to it); the live rows are deleted, so search, graph and tasks see an ordinary delete.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key        TEXT PRIMARY KEY,
      value_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE backup_log (
      id         INTEGER PRIMARY KEY,
      file_name  TEXT NOT NULL,
      trigger    TEXT NOT NULL,
      documents  INTEGER NOT NULL,
      size       INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX backup_log_by_time ON backup_log(created_at);

    CREATE TABLE history (
      id          INTEGER PRIMARY KEY,
      document_id INTEGER,
      trash_id    INTEGER,
      at          TEXT NOT NULL,
      entity      TEXT NOT NULL,
      entity_id   INTEGER,
      action      TEXT NOT NULL,
      data_json   TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX history_by_document ON history(document_id, id);
    CREATE INDEX history_by_trash ON history(trash_id) WHERE trash_id IS NOT NULL;

    CREATE TABLE trash (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      ref          TEXT,
      type         TEXT,
      issuer       TEXT,
      date         TEXT,
      subject      TEXT,
      deleted_at   TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      original     BLOB NOT NULL
    ) STRICT;
    CREATE INDEX trash_by_time ON trash(deleted_at);

    CREATE TABLE bundle_conflicts (
      id           INTEGER PRIMARY KEY,
      bundle_name  TEXT NOT NULL,
      existing_id  INTEGER REFERENCES documents(id) ON DELETE SET NULL,
      content_hash TEXT NOT NULL,
      ref          TEXT,
      issuer       TEXT,
      date         TEXT,
      subject      TEXT,
      found_at     TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      original     BLOB NOT NULL,
      UNIQUE (content_hash)
    ) STRICT;
  `);
}
