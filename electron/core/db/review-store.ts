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
 * graph read them. Citation and task rows whose values are unchanged keep their row (writeOwnRows),
 * so their ids (graph edges point at citations) stay put and the history records only what changed.
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
  writeOwnRows(
    db,
    'citations',
    ['start', 'end', 'text', 'type', 'ref', 'number', 'symbol', 'date', 'issuer', 'issuer_normalized', 'relation'],
    citations.map((c, ordinal) => citationRowValues(documentId, ordinal, c)),
    documentId,
  );
}

function writeTasks(db: Database, documentId: number, tasks: readonly Task[]): void {
  writeOwnRows(
    db,
    'tasks',
    [
      'parent_ordinal',
      'label',
      'text',
      'text_from',
      'start',
      'end',
      'lead_json',
      'cooperate_json',
      'deadline_text',
      'deadline_date',
      'recurrence',
    ],
    // The same ordinals the import writes.
    [...taskRowValues(documentId, tasks, documentText(db, documentId))],
    documentId,
  );
}

/**
 * Makes a document's citation or task rows `rows` (each `[document_id, ordinal, ...columns]`),
 * keeping every row whose values are unchanged as it is — its id (graph edges point at citations)
 * and, since the history triggers skip `ordinal`, without a history entry when only its place in
 * the list moved. Rewritten by ordinal, one citation added before the others logged «Sửa trích
 * dẫn» for each one after it, its content shifted into the next row.
 */
function writeOwnRows(
  db: Database,
  table: 'citations' | 'tasks',
  columns: readonly string[],
  rows: readonly unknown[][],
  documentId: number,
): void {
  const key = (values: readonly unknown[]) => JSON.stringify(values);
  const existing = db
    .prepare(`SELECT id, ordinal, ${columns.join(', ')} FROM ${table} WHERE document_id = ? ORDER BY ordinal`)
    .raw()
    .all(documentId) as unknown[][];
  const unused = new Map<string, { id: number; ordinal: number }[]>();
  for (const [id, ordinal, ...values] of existing) {
    const k = key(values);
    unused.set(k, [...(unused.get(k) ?? []), { id: id as number, ordinal: ordinal as number }]);
  }
  const moves: { id: number; from: number; to: number }[] = [];
  const inserts: unknown[][] = [];
  for (const row of rows) {
    const to = row[1] as number;
    const same = unused.get(key(row.slice(2)));
    // The row already at this place first, so an unchanged list moves nothing.
    const at = same
      ? Math.max(
          0,
          same.findIndex((r) => r.ordinal === to),
        )
      : -1;
    if (same && same.length > 0) {
      const kept = same.splice(at, 1)[0]!;
      moves.push({ id: kept.id, from: kept.ordinal, to });
    } else inserts.push(row);
  }
  const remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  for (const left of unused.values()) for (const r of left) remove.run(r.id);
  // Through places no row has (negative), so no two rows ever share a place on the way.
  const place = db.prepare(`UPDATE ${table} SET ordinal = ? WHERE id = ?`);
  const moving = moves.filter((m) => m.from !== m.to);
  for (const m of moving) place.run(-1 - m.to, m.id);
  for (const m of moving) place.run(m.to, m.id);
  const insert = db.prepare(
    `INSERT INTO ${table} (document_id, ordinal, ${columns.join(', ')}) VALUES (${['?', '?', ...columns.map(() => '?')].join(', ')})`,
  );
  for (const row of inserts) insert.run(...row);
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
