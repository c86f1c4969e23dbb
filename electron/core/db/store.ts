/**
 * Every SQL statement of the archive lives here, with bound parameters only. Functions take the
 * database first; row mappers sit beside the queries that produce the rows.
 */
import type { Database } from 'better-sqlite3';
import type { DocumentRecord, DocumentSummary } from '../../../shared/model/archive';
import { citingSentence } from '../../../shared/graph/keys';
import type { Citation, ParseResult, Task } from '../../../shared/model/directive';
import { resolveOnInsert } from '../graph/resolve';
import { decodeOriginal, decodeParse, decodeParseJson, encodeParse, encodeText } from '../import/compression';
import { taskTextFrom, type DerivedColumns } from '../import/derived';
import { stmt } from './statements';
import { storedText } from './text';

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

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
  /** The parse result as stored (import/compression.ts encodeParse, done by the worker); default: from `parse`. */
  storedParse?: { json: string; packed: Uint8Array | null };
  /** documents.text_packed for `text` (encodeText, done by the worker); default: encoded here. */
  textPacked?: Uint8Array | null;
  /** Task spans and citing sentences (import/derived.ts, done by the worker); default: computed here. */
  derived?: DerivedColumns;
  /** The caller resolves the citation graph itself, before its transaction commits (graph/batch.ts GraphBatch). */
  graphDeferred?: boolean;
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
  source_path: string | null;
  parse_json: string;
  parse_packed: Buffer | null;
  text_packed: Buffer | null;
}

const SUMMARY_COLUMNS = `d.id, d.ref, d.type, d.issuer, d.issuer_level, d.date, d.subject, d.imported_at, o.file_name`;

/**
 * Undated documents sort after dated ones in both directions; id breaks ties so paging is stable.
 * The date orders are read as two ranges of `documents_by_date` (dated, then undated by id): as
 * one `ORDER BY date IS NULL, …` SQLite sorted every document for a page of 200 (0.4–1 s at 100k
 * documents, the app's home list).
 */
const ORDERS: Record<DocumentSortKey, { where: string; orderBy: string }[]> = {
  date_desc: [
    { where: 'd.date IS NOT NULL', orderBy: 'd.date DESC, d.id DESC' },
    { where: 'd.date IS NULL', orderBy: 'd.id DESC' },
  ],
  date_asc: [
    { where: 'd.date IS NOT NULL', orderBy: 'd.date ASC, d.id ASC' },
    { where: 'd.date IS NULL', orderBy: 'd.id ASC' },
  ],
  imported_desc: [{ where: '1', orderBy: 'd.imported_at DESC, d.id DESC' }],
};

const listSql = (part: { where: string; orderBy: string }): string =>
  `SELECT ${SUMMARY_COLUMNS} FROM documents d JOIN originals o ON o.document_id = d.id
   WHERE ${part.where} ORDER BY ${part.orderBy} LIMIT ? OFFSET ?`;

/** The statements a list page runs (a test pins their plans). */
export function listDocumentsSql(sort: DocumentSortKey): string[] {
  return ORDERS[sort].map(listSql);
}

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
  const text = storedText(row);
  return {
    ...toSummary(row),
    number: row.number,
    symbol: row.symbol,
    issuerKind: row.issuer_kind as DocumentRecord['issuerKind'],
    province: row.province,
    place: row.place,
    signer: row.signer,
    signerCapacity: row.signer_capacity,
    text,
    contentHash: row.content_hash,
    encoding: row.encoding,
    originalSize: row.size,
    sourcePath: row.source_path,
    parse: decodeParse(row.parse_json, row.parse_packed, text) as ParseResult,
  };
}

/** A documents row's parse result as JSON, whichever way it is stored (migration 0110). Throws when damaged. */
export function storedParseJson(row: { parse_json: string; parse_packed?: Buffer | null; text: string }): string {
  return decodeParseJson(row.parse_json, row.parse_packed, row.text);
}

/** The columns parse_json and parse_packed for a parse result of `text`. */
export function parseColumns(parse: ParseResult, text: string): { parse_json: string; parse_packed: Buffer | null } {
  const { json, packed } = encodeParse(parse, text);
  return { parse_json: json, parse_packed: packed ? toBuffer(packed) : null };
}

export function countDocuments(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
}

export function listDocuments(db: Database, sort: DocumentSortKey, limit: number, offset: number): DocumentSummary[] {
  const rows: SummaryRow[] = [];
  let skip = offset;
  for (const part of ORDERS[sort]) {
    if (rows.length >= limit) break;
    const got = stmt(db, listSql(part)).all(limit - rows.length, skip) as SummaryRow[];
    // A part that fills nothing of the page was skipped whole: count it only then.
    if (got.length === 0 && skip > 0)
      skip -= (stmt(db, `SELECT count(*) AS n FROM documents d WHERE ${part.where}`).get() as { n: number }).n;
    else skip = 0;
    rows.push(...got);
  }
  return rows.map(toSummary);
}

export function getDocument(db: Database, id: number): DocumentRecord | null {
  const row = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, d.number, d.symbol, d.issuer_kind, d.province, d.place, d.signer,
              d.signer_capacity, d.text, d.content_hash, d.encoding, o.size, o.source_path, d.parse_json, d.parse_packed, d.text_packed
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
  // The text only for rows stored against it: other rows need not read its overflow pages.
  const row = db
    .prepare(
      `SELECT o.file_name, o.bytes, o.compression, CASE WHEN o.compression IN (2, 3) THEN d.text END AS text,
              CASE WHEN o.compression IN (2, 3) THEN d.text_packed END AS text_packed
       FROM originals o JOIN documents d ON d.id = o.document_id WHERE o.document_id = ?`,
    )
    .get(id) as
    | { file_name: string; bytes: Buffer; compression: number | null; text: string | null; text_packed: Buffer | null }
    | undefined;
  if (!row) return null;
  const text = row.text === null ? null : storedText({ text: row.text, text_packed: row.text_packed });
  return { fileName: row.file_name, bytes: decodeOriginal(row.bytes, row.compression, text) };
}

/**
 * Decodes the bytes of an originals row read elsewhere (check, backup digest, trash, bundles);
 * `text` is the document's text as storedText decodes it (rows of compression 2 and 3 are stored against it).
 */
export function originalBytes(row: { bytes: Buffer; compression?: number | null; text?: string | null }): Buffer {
  return decodeOriginal(row.bytes, row.compression, row.text);
}

/**
 * With its citing sentence: the graph cuts the same sentence when it resolves the document
 * (resolveDocument, GraphBatch) and would otherwise write the row a second time to add it.
 */
function insertCitations(
  db: Database,
  documentId: number,
  citations: readonly Citation[],
  documentText: string,
  sentences: readonly string[] | undefined,
): void {
  const insert = stmt(
    db,
    `INSERT INTO citations (document_id, ordinal, start, end, text, type, ref, number, symbol, date, issuer, issuer_normalized, relation, sentence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const given = sentences?.length === citations.length ? sentences : undefined;
  citations.forEach((c, ordinal) => {
    const values = citationRowValues(documentId, ordinal, c);
    values.push(given ? given[ordinal] : citingSentence(documentText, c.start, c.end));
    insert.run(values);
  });
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

function insertTasks(
  db: Database,
  documentId: number,
  tasks: readonly Task[],
  documentText: string,
  taskFrom: readonly (number | null)[] | undefined,
): void {
  const insert = stmt(
    db,
    `INSERT INTO tasks (document_id, ordinal, parent_ordinal, label, text, text_from, start, end, lead_json, cooperate_json, deadline_text, deadline_date, recurrence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const values of taskRowValues(documentId, tasks, documentText, taskFrom)) insert.run(values);
}

// Most task lists are empty (every cooperate list of the 10k bench corpus); the same string as JSON.stringify([]).
const listJson = (list: readonly string[]): string => (list.length === 0 ? '[]' : JSON.stringify(list));

/** A tasks row's text, whichever way it is stored. */
export function taskText(row: { text: string; text_from?: number | null; end: number }, documentText: string): string {
  return row.text_from === null || row.text_from === undefined ? row.text : documentText.slice(row.text_from, row.end);
}

/**
 * The tasks table's column values for a task tree, depth-first, parents before children: one
 * ordinal scheme for the import and for clerk edits (review-store), so rows keep their ordinals.
 * Column order: document_id, ordinal, parent_ordinal, label, text, text_from, start, end, lead_json,
 * cooperate_json, deadline_text, deadline_date, recurrence.
 */
export function taskRowValues(
  documentId: number,
  tasks: readonly Task[],
  documentText: string,
  taskFrom?: readonly (number | null)[],
): unknown[][] {
  const rows: unknown[][] = [];
  const walk = (items: readonly Task[], parent: number | null): void => {
    for (const task of items) {
      const own = rows.length;
      const given = taskFrom?.[own];
      const from = given === undefined ? taskTextFrom(task, documentText) : given;
      rows.push([
        documentId,
        own,
        parent,
        task.label,
        from === null ? task.text : '',
        from,
        task.start,
        task.end,
        listJson(task.lead),
        listJson(task.cooperate),
        task.deadline?.text ?? null,
        task.deadline?.date ?? null,
        task.deadline?.recurrence ?? null,
      ]);
      if (task.children?.length) walk(task.children, own);
    }
  };
  walk(tasks, null);
  return rows;
}

/**
 * Stores one document whole (metadata, text, original, citations, tasks) or not at all.
 * Returns null when the same content is already archived (the UNIQUE hash decides, so two
 * processes importing the same file cannot both insert it).
 */
export function insertDocument(db: Database, doc: NewDocument): number | null {
  return db.transaction((): number | null => writeDocumentRows(db, doc)).immediate();
}

/**
 * insertDocument's rows without a transaction of its own: the caller's transaction must make them
 * whole or absent. A bulk import writes a batch of documents in one transaction this way, because
 * a savepoint per document made SQLite copy every page it touched into a statement journal (one
 * 10k import: ~140 page writes per document to temp files, a third of its system time).
 */
export function writeDocumentRows(db: Database, doc: NewDocument): number | null {
  const p = doc.parse;
  const stored = doc.storedParse ?? encodeParse(p, doc.text);
  const textPacked = doc.textPacked === undefined ? encodeText(doc.text) : doc.textPacked;
  const result = stmt(
    db,
    `INSERT INTO documents (content_hash, text, text_packed, format, encoding, scanned, type, ref, number, symbol,
         issuer, issuer_level, issuer_kind, province, date, place, subject, signer, signer_capacity, parse_json,
         parse_packed, parser_version, warnings_json, imported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (content_hash) DO NOTHING`,
  ).run(
    doc.contentHash,
    textPacked ? '' : doc.text,
    textPacked ? toBuffer(textPacked) : null,
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
    stored.json,
    stored.packed ? toBuffer(stored.packed) : null,
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
    toBuffer(doc.original.bytes),
    doc.original.compression ?? 0,
  );
  insertCitations(db, id, p.citations, doc.text, doc.derived?.citationSentences);
  // Citation graph (issue #5): this document's citations, and the placeholders it replaces
  // (unless the caller resolves its whole batch before committing: graph/batch.ts).
  if (!doc.graphDeferred) resolveOnInsert(db, id);
  insertTasks(db, id, p.tasks, doc.text, doc.derived?.taskFrom);
  return id;
}
