/**
 * The one way to read documents.text (migration 0130): new rows keep it as raw DEFLATE in
 * text_packed with text = '', older rows and rows written back from trash or bundles keep it plain.
 * A query that needs the text selects both columns and hands the row to storedText.
 */
import type { Database, Statement } from 'better-sqlite3';
import { decodeText } from '../import/compression';

export interface StoredTextColumns {
  text: string;
  text_packed?: Buffer | null;
}

export function storedText(row: StoredTextColumns): string {
  return decodeText(row.text, row.text_packed);
}

const statements = new WeakMap<Database, Statement>();

/** One document's text; '' when there is no such document. */
export function documentText(db: Database, id: number): string {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = db.prepare('SELECT text, text_packed FROM documents WHERE id = ?')));
  const row = s.get(id) as StoredTextColumns | undefined;
  return row ? storedText(row) : '';
}
