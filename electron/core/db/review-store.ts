/**
 * SQL of the clerk review (issue #3, docs/review.md): corrections, the effective values written
 * back to documents/citations/tasks, and the documents a re-parse must visit. Bound parameters
 * only; callers open the transaction.
 *
 * One correction per (document, target) is kept by replacing the row in the same transaction
 * (the 0010 index on (document_id, target) makes that a point lookup), so no migration is needed.
 */
import type { Database } from 'better-sqlite3';
import type { Citation, ParseResult, Task } from '../../../shared/model/directive';
import { resolveDocument } from '../graph/resolve';
import { citationRowValues, parseColumns, storedParseJson, taskRowValues } from './store';
import { documentText as storedDocumentText, storedText } from './text';

export interface ReviewSource {
  id: number;
  text: string;
  scanned: boolean;
  parseJson: string;
  parserVersion: number;
}

export interface CorrectionRow {
  id: number;
  target: string;
  value_json: string;
  created_at: string;
}

export function reviewSource(db: Database, id: number): ReviewSource | null {
  const row = db
    .prepare(
      'SELECT id, text, text_packed, scanned, parse_json, parse_packed, parser_version FROM documents WHERE id = ?',
    )
    .get(id) as
    | {
        id: number;
        text: string;
        text_packed: Buffer | null;
        scanned: number;
        parse_json: string;
        parse_packed: Buffer | null;
        parser_version: number;
      }
    | undefined;
  if (!row) return null;
  const text = storedText(row);
  let parseJson = '';
  try {
    parseJson = storedParseJson({ ...row, text });
  } catch {
    // Damaged packed bytes read as a damaged parse_json does: an empty parse the clerk can correct.
  }
  return { id: row.id, text, scanned: row.scanned === 1, parseJson, parserVersion: row.parser_version };
}

export function listCorrections(db: Database, documentId: number): CorrectionRow[] {
  return db
    .prepare('SELECT id, target, value_json, created_at FROM corrections WHERE document_id = ? ORDER BY id')
    .all(documentId) as CorrectionRow[];
}

/** Stores the clerk's value for one target, replacing an earlier one. */
export function putCorrection(
  db: Database,
  documentId: number,
  target: string,
  valueJson: string,
  createdAt: string,
): void {
  db.prepare('DELETE FROM corrections WHERE document_id = ? AND target = ?').run(documentId, target);
  db.prepare('INSERT INTO corrections (document_id, target, value_json, created_at) VALUES (?, ?, ?, ?)').run(
    documentId,
    target,
    valueJson,
    createdAt,
  );
}

export function deleteCorrection(db: Database, documentId: number, target: string): boolean {
  return db.prepare('DELETE FROM corrections WHERE document_id = ? AND target = ?').run(documentId, target).changes > 0;
}

export function countCorrections(db: Database, documentId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM corrections WHERE document_id = ?').get(documentId) as { n: number }).n;
}

/** A fresh parser output and the version that produced it. */
export function writeParse(db: Database, documentId: number, parse: ParseResult, parserVersion: number): void {
  const { parse_json, parse_packed } = parseColumns(parse, documentText(db, documentId));
  db.prepare('UPDATE documents SET parse_json = ?, parse_packed = ?, parser_version = ? WHERE id = ?').run(
    parse_json,
    parse_packed,
    parserVersion,
    documentId,
  );
}

function documentText(db: Database, documentId: number): string {
  return storedDocumentText(db, documentId);
}

/**
 * Writes the effective values (parser output with corrections applied) where list, search and
 * graph read them. Citation and task rows are updated in place by ordinal rather than deleted and
 * re-inserted, so row ids (which other tables may point at) stay put while the list is unchanged.
 */
export function writeEffective(db: Database, documentId: number, e: ParseResult, updatedAt: string): void {
  db.prepare(
    `UPDATE documents SET type = ?, ref = ?, number = ?, symbol = ?, issuer = ?, issuer_level = ?, issuer_kind = ?,
       province = ?, date = ?, place = ?, subject = ?, signer = ?, signer_capacity = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    e.type,
    e.ref,
    e.number,
    e.symbol,
    e.issuer,
    e.issuerLevel,
    e.issuerKind,
    e.province,
    e.date,
    e.place,
    e.subject,
    e.signer,
    e.signerCapacity,
    updatedAt,
    documentId,
  );
  writeCitations(db, documentId, e.citations);
  writeTasks(db, documentId, e.tasks);
  // Citation graph (issue #5): corrected or re-parsed citations and keys are resolved again.
  resolveDocument(db, documentId);
}

function writeCitations(db: Database, documentId: number, citations: readonly Citation[]): void {
  const upsert = db.prepare(
    `INSERT INTO citations (document_id, ordinal, start, end, text, type, ref, number, symbol, date, issuer, issuer_normalized, relation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id, ordinal) DO UPDATE SET start = excluded.start, end = excluded.end, text = excluded.text,
       type = excluded.type, ref = excluded.ref, number = excluded.number, symbol = excluded.symbol, date = excluded.date,
       issuer = excluded.issuer, issuer_normalized = excluded.issuer_normalized, relation = excluded.relation`,
  );
  citations.forEach((c, ordinal) => upsert.run(...citationRowValues(documentId, ordinal, c)));
  db.prepare('DELETE FROM citations WHERE document_id = ? AND ordinal >= ?').run(documentId, citations.length);
}

function writeTasks(db: Database, documentId: number, tasks: readonly Task[]): void {
  const upsert = db.prepare(
    `INSERT INTO tasks (document_id, ordinal, parent_ordinal, label, text, text_from, start, end, lead_json, cooperate_json, deadline_text, deadline_date, recurrence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id, ordinal) DO UPDATE SET parent_ordinal = excluded.parent_ordinal, label = excluded.label,
       text = excluded.text, text_from = excluded.text_from, start = excluded.start, end = excluded.end, lead_json = excluded.lead_json,
       cooperate_json = excluded.cooperate_json, deadline_text = excluded.deadline_text,
       deadline_date = excluded.deadline_date, recurrence = excluded.recurrence`,
  );
  // The same ordinals the import writes, so edited rows keep their ids.
  let ordinal = 0;
  for (const values of taskRowValues(documentId, tasks, documentText(db, documentId))) {
    upsert.run(...values);
    ordinal++;
  }
  db.prepare('DELETE FROM tasks WHERE document_id = ? AND ordinal >= ?').run(documentId, ordinal);
}

/** Documents a re-parse must visit: parsed by an older parser, or every one with `all`. */
export function documentsToReparse(db: Database, parserVersion: number, all: boolean): number[] {
  return (
    all
      ? db.prepare('SELECT id FROM documents ORDER BY id')
      : db.prepare('SELECT id FROM documents WHERE parser_version < ? ORDER BY id').bind(parserVersion)
  )
    .pluck()
    .all() as number[];
}
