import type { Database } from 'better-sqlite3';

/**
 * Compact storage of what is derived from a document's text (issue #4, docs/import.md §Storage):
 *  - documents.parse_packed: the parse result, DEFLATE with the text as dictionary; NULL (every row
 *    written before this migration, trash and bundle rows) means parse_json holds all of it.
 *  - tasks.text_from: when set, the task's text is the document text from there to `end` and
 *    tasks.text is ''; NULL means tasks.text holds it.
 *  - originals.compression 2 (no schema change): the original, DEFLATE with the text as dictionary.
 * Both rebuild from documents.text, so the text must never change after import: the trigger makes
 * that a rule of the archive rather than of today's code (no code path updates it).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE documents ADD COLUMN parse_packed BLOB;
    ALTER TABLE tasks ADD COLUMN text_from INTEGER;
    CREATE TRIGGER documents_text_unchanged BEFORE UPDATE OF text ON documents
      WHEN new.text IS NOT old.text
    BEGIN
      SELECT RAISE(ABORT, 'documents.text is fixed at import: originals, parse results and tasks are stored against it');
    END;
  `);
}
