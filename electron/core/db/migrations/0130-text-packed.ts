import type { Database } from 'better-sqlite3';

/**
 * The document text stored compressed (issue #4, docs/import.md §Storage): the text was 60 of the
 * 178 MB of a 10k archive and deflates ~3x, the one lever left that brings it under 2.5x the corpus.
 * documents.text_packed holds the text's UTF-8 as raw DEFLATE and documents.text is then ''; NULL
 * (every row written before this migration, trash restores, bundle imports) means documents.text
 * holds it. Existing rows are not rewritten: the migration must stay instant on a 100k archive.
 * Originals, parse results and task spans are stored against the text, so text_packed is fixed at
 * import as documents.text is (trigger of 0110, which cannot be edited to cover it).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE documents ADD COLUMN text_packed BLOB;
    CREATE TRIGGER documents_text_packed_unchanged BEFORE UPDATE OF text_packed ON documents
      WHEN new.text_packed IS NOT old.text_packed
    BEGIN
      SELECT RAISE(ABORT, 'documents.text_packed is fixed at import: originals, parse results and tasks are stored against it');
    END;
  `);
}
