import type { Database } from 'better-sqlite3';

/**
 * Task sheets and tracking (issue #6, docs/tasks.md).
 *  - office_settings: one row (id = 1), the office header and agency list as validated JSON.
 *  - task_sheets: the clerk's edits of a directive's sheet, kept apart from the parser's `tasks`
 *    rows so re-parsing (which rewrites `tasks`) never loses them (shared/tasks/sheet.ts).
 *  - task_tracking: per sheet row and lead agency, what the clerk recorded; the status is computed
 *    from these and the deadline, never stored. The evidence is a report document in the archive.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE office_settings (
      id            INTEGER PRIMARY KEY CHECK (id = 1),
      settings_json TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;

    CREATE TABLE task_sheets (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      edits_json  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE task_tracking (
      document_id          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      item_key             TEXT NOT NULL,
      agency               TEXT NOT NULL,
      started              INTEGER NOT NULL DEFAULT 0,
      completed_at         TEXT,
      evidence_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
      note                 TEXT NOT NULL DEFAULT '',
      updated_at           TEXT NOT NULL,
      PRIMARY KEY (document_id, item_key, agency)
    ) STRICT;
    CREATE INDEX task_tracking_by_evidence ON task_tracking(evidence_document_id);
    -- Report documents that cite a directive ("reports") suggest closing its tasks.
    CREATE INDEX task_citations_reports ON citations(ref) WHERE relation = 'reports';
  `);
}
