import type { Database } from 'better-sqlite3';

/**
 * No schema change: from this version on, `documents.parse_packed` may hold a task's text as its
 * length, the text being the tail of the task's span in the document text (import/compression.ts,
 * docs/import.md §Storage). Rows written before read as they did. The version is what matters: an
 * older Vanthu refuses an archive at a newer schema, where it would otherwise read such a row as a
 * task whose text is a number.
 */
export function up(_db: Database): void {}
