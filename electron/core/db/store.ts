/**
 * Every SQL statement of the archive lives here, with bound parameters only. Functions take the
 * database first; row mappers sit beside the queries that produce the rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DocumentRecord, DocumentSummary } from '../../../shared/model/archive';
import type { Citation, ParseResult, Task } from '../../../shared/model/directive';
import { resolveOnInsert } from '../graph/resolve';
import { decodeOriginal } from '../import/compression';

// Statements of the import path, prepared once per connection (preparing costs more than running).
const statements = new WeakMap<Database, Map<string, Statement>>();
function stmt(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

export type DocumentSortKey = 'date_desc' | 'date_asc' | 'imported_desc';

export interface NewDocument {
  contentHash: string;
  text: string;
  format: string;
  encoding: string;
  scanned: boolean;
  parse: ParseResult;
  parserVersion: number;
  warnings: string[];
  importedAt: string;
  /** size and sha256 are the original file's; bytes are as stored, per compression (import/compression.ts). */
  original: {
    fileName: string;
    sourcePath: string | null;
    size: number;
    sha256: string;
    bytes: Uint8Array;
    compression?: number;
  };
}

interface SummaryRow {
  id: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  issuer_level: string | null;
  date: string | null;
  subject: string | null;
  imported_at: string;
  file_name: string;
}

interface DetailRow extends SummaryRow {
  number: string | null;
  symbol: string | null;
  issuer_kind: string | null;
  province: string | null;
  place: string | null;
  signer: string | null;
  signer_capacity: string | null;
  text: string;
  content_hash: string;
  encoding: string;
  size: number;
  parse_json: string;
}

const SUMMARY_COLUMNS = `d.id, d.ref, d.type, d.issuer, d.issuer_level, d.date, d.subject, d.imported_at, o.file_name`;

// Undated documents sort after dated ones in both directions; id breaks ties so paging is stable.
const ORDER_BY: Record<DocumentSortKey, string> = {
  date_desc: 'd.date IS NULL, d.date DESC, d.id DESC',
  date_asc: 'd.date IS NULL, d.date ASC, d.id ASC',
  imported_desc: 'd.imported_at DESC, d.id DESC',
};

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    ref: row.ref,
    type: row.type,
    issuer: row.issuer,
    issuerLevel: row.issuer_level as DocumentSummary['issuerLevel'],
    date: row.date,
    subject: row.subject,
    importedAt: row.imported_at,
    originalName: row.file_name,
  };
}

function toDetail(row: DetailRow): DocumentRecord {
  return {
    ...toSummary(row),
    number: row.number,
    symbol: row.symbol,
    issuerKind: row.issuer_kind as DocumentRecord['issuerKind'],
    province: row.province,
    place: row.place,
    signer: row.signer,
    signerCapacity: row.signer_capacity,
    text: row.text,
    contentHash: row.content_hash,
    encoding: row.encoding,
    originalSize: row.size,
    parse: JSON.parse(row.parse_json) as ParseResult,
  };
}

export function countDocuments(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
}

export function listDocuments(db: Database, sort: DocumentSortKey, limit: number, offset: number): DocumentSummary[] {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM documents d JOIN originals o ON o.document_id = d.id
       ORDER BY ${ORDER_BY[sort]} LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as SummaryRow[];
  return rows.map(toSummary);
}

export function getDocument(db: Database, id: number): DocumentRecord | null {
  const row = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, d.number, d.symbol, d.issuer_kind, d.province, d.place, d.signer,
              d.signer_capacity, d.text, d.content_hash, d.encoding, o.size, d.parse_json
       FROM documents d JOIN originals o ON o.document_id = d.id WHERE d.id = ?`,
    )
    .get(id) as DetailRow | undefined;
  return row ? toDetail(row) : null;
}

/** Candidates for a typed ref; the caller compares normalized forms. */
export function documentRefs(db: Database): { id: number; ref: string }[] {
  return db.prepare('SELECT id, ref FROM documents WHERE ref IS NOT NULL').all() as { id: number; ref: string }[];
}

export function findByContentHash(db: Database, contentHash: string): number | null {
  const row = stmt(db, 'SELECT id FROM documents WHERE content_hash = ?').get(contentHash) as
    { id: number } | undefined;
  return row?.id ?? null;
}

/** The original file as imported (decompressed): the one way to read originals.bytes. */
export function getOriginal(db: Database, id: number): { fileName: string; bytes: Buffer } | null {
  const row = db.prepare('SELECT file_name, bytes, compression FROM originals WHERE document_id = ?').get(id) as
    { file_name: string; bytes: Buffer; compression: number | null } | undefined;
  return row ? { fileName: row.file_name, bytes: decodeOriginal(row.bytes, row.compression) } : null;
}

/** Decodes the bytes of an originals row read elsewhere (check, backup digest, trash, bundles). */
export function originalBytes(row: { bytes: Buffer; compression?: number | null }): Buffer {
  return decodeOriginal(row.bytes, row.compression);
}

function insertCitations(db: Database, documentId: number, citations: readonly Citation[]): void {
  const insert = stmt(
    db,
    `INSERT INTO citations (document_id, ordinal, start, end, text, type, ref, number, symbol, date, issuer, issuer_normalized, relation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  citations.forEach((c, ordinal) => insert.run(...citationRowValues(documentId, ordinal, c)));
}

/** The citations table's column values for one citation: one order for the import and for clerk edits. */
export function citationRowValues(documentId: number, ordinal: number, c: Citation): unknown[] {
  return [
    documentId,
    ordinal,
    c.start,
    c.end,
    c.text,
    c.type,
    c.ref,
    c.number,
    c.symbol,
    c.date,
    c.issuer,
    c.issuerNormalized,
    c.relation,
  ];
}

function insertTasks(db: Database, documentId: number, tasks: readonly Task[]): void {
  const insert = stmt(
    db,
    `INSERT INTO tasks (document_id, ordinal, parent_ordinal, label, text, start, end, lead_json, cooperate_json, deadline_text, deadline_date, recurrence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const values of taskRowValues(documentId, tasks)) insert.run(...values);
}

/**
 * The tasks table's column values for a task tree, depth-first, parents before children: one
 * ordinal scheme for the import and for clerk edits (review-store), so rows keep their ordinals.
 */
export function* taskRowValues(documentId: number, tasks: readonly Task[]): Generator<unknown[]> {
  let ordinal = 0;
  function* walk(items: readonly Task[], parent: number | null): Generator<unknown[]> {
    for (const task of items) {
      const own = ordinal++;
      yield [
        documentId,
        own,
        parent,
        task.label,
        task.text,
        task.start,
        task.end,
        JSON.stringify(task.lead),
        JSON.stringify(task.cooperate),
        task.deadline?.text ?? null,
        task.deadline?.date ?? null,
        task.deadline?.recurrence ?? null,
      ];
      yield* walk(task.children ?? [], own);
    }
  }
  yield* walk(tasks, null);
}

/**
 * Stores one document whole (metadata, text, original, citations, tasks) or not at all.
 * Returns null when the same content is already archived (the UNIQUE hash decides, so two
 * processes importing the same file cannot both insert it).
 */
export function insertDocument(db: Database, doc: NewDocument): number | null {
  return db
    .transaction((): number | null => {
      const p = doc.parse;
      const result = stmt(
        db,
        `INSERT INTO documents (content_hash, text, format, encoding, scanned, type, ref, number, symbol, issuer,
             issuer_level, issuer_kind, province, date, place, subject, signer, signer_capacity, parse_json,
             parser_version, warnings_json, imported_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (content_hash) DO NOTHING`,
      ).run(
        doc.contentHash,
        doc.text,
        doc.format,
        doc.encoding,
        doc.scanned ? 1 : 0,
        p.type,
        p.ref,
        p.number,
        p.symbol,
        p.issuer,
        p.issuerLevel,
        p.issuerKind,
        p.province,
        p.date,
        p.place,
        p.subject,
        p.signer,
        p.signerCapacity,
        JSON.stringify(p),
        doc.parserVersion,
        JSON.stringify(doc.warnings),
        doc.importedAt,
        doc.importedAt,
      );
      if (result.changes === 0) return null;
      const id = Number(result.lastInsertRowid);
      stmt(
        db,
        'INSERT INTO originals (document_id, file_name, source_path, size, sha256, bytes, compression) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        id,
        doc.original.fileName,
        doc.original.sourcePath,
        doc.original.size,
        doc.original.sha256,
        Buffer.from(doc.original.bytes.buffer, doc.original.bytes.byteOffset, doc.original.bytes.byteLength),
        doc.original.compression ?? 0,
      );
      insertCitations(db, id, p.citations);
      // Citation graph (issue #5): this document's citations, and the placeholders it replaces.
      resolveOnInsert(db, id);
      insertTasks(db, id, p.tasks);
      return id;
    })
    .immediate();
}
