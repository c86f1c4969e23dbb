/**
 * SQL of issue #7 (backup, check, bundles, history, trash; docs/safety.md). Values are always bound;
 * the only identifiers spliced into SQL are table and column names read from the live schema
 * (sqlite_schema, PRAGMA table_xinfo / foreign_key_list), quoted with quoteId.
 */
import type { Database } from 'better-sqlite3';
import { decodeOriginal } from '../import/compression';
import { storedText } from './text';

/** Tables of this feature and tables derived from documents that are rebuilt, never copied. */
const OWN_TABLES = new Set(['settings', 'backup_log', 'history', 'trash', 'bundle_conflicts']);
const NOT_RELATED = new Set(['originals', 'search_docs', ...OWN_TABLES]);

export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function nowIso(): string {
  return new Date().toISOString();
}

// ---- schema introspection ------------------------------------------------------------------

export interface Relation {
  table: string;
  /** Column holding the parent key. */
  column: string;
  /** 'documents' (depth 1) or a depth-1 table (depth 2: task statuses, link notes…). */
  parent: string;
  /** Parent column the key refers to (the parent's primary key when the FK names none). */
  parentColumn: string;
  depth: 1 | 2;
  /** Whether the table has a rowid (everything but WITHOUT ROWID tables). */
  hasRowid: boolean;
  /** INTEGER PRIMARY KEY column, if any (an alias of rowid). */
  rowidAlias: string | null;
}

function userTables(db: Database): { name: string; sql: string }[] {
  return db
    .prepare(
      `SELECT name, sql FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`,
    )
    .all() as { name: string; sql: string }[];
}

export interface ColumnInfo {
  name: string;
  type: string;
  pk: number;
  /** 0 normal, 1 hidden (virtual tables), 2/3 generated. */
  hidden: number;
}

export function columns(db: Database, table: string): ColumnInfo[] {
  return db.prepare(`SELECT name, type, pk, hidden FROM pragma_table_xinfo(?)`).all(table) as ColumnInfo[];
}

/** Columns a row can be written with (generated columns excluded). */
export function writableColumns(db: Database, table: string): string[] {
  return columns(db, table)
    .filter((c) => c.hidden === 0)
    .map((c) => c.name);
}

function rowidAlias(db: Database, table: string): string | null {
  const pks = columns(db, table).filter((c) => c.pk > 0);
  return pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER' ? pks[0]!.name : null;
}

function foreignKeys(db: Database, table: string): { table: string; from: string; to: string | null }[] {
  return db.prepare(`SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`).all(table) as never;
}

/**
 * Every table that refers to documents (citations, tasks, corrections, and whatever later features
 * add: graph links, task statuses), and the tables that refer to those. Read from the live schema,
 * so the trash, bundles and history need no change when another feature adds a table.
 */
export function relations(db: Database): Relation[] {
  const tables = userTables(db).filter((t) => !NOT_RELATED.has(t.name) && t.name !== 'documents');
  const out: Relation[] = [];
  const hasRowid = (sql: string): boolean => !/WITHOUT\s+ROWID/i.test(sql);
  for (const t of tables) {
    for (const fk of foreignKeys(db, t.name)) {
      if (fk.table === 'documents') {
        out.push({
          table: t.name,
          column: fk.from,
          parent: 'documents',
          parentColumn: fk.to ?? 'id',
          depth: 1,
          hasRowid: hasRowid(t.sql),
          rowidAlias: rowidAlias(db, t.name),
        });
      }
    }
  }
  const depth1 = new Set(out.map((r) => r.table));
  for (const t of tables) {
    if (depth1.has(t.name)) continue;
    for (const fk of foreignKeys(db, t.name)) {
      if (depth1.has(fk.table)) {
        out.push({
          table: t.name,
          column: fk.from,
          parent: fk.table,
          parentColumn: fk.to ?? rowidAlias(db, fk.table) ?? 'rowid',
          depth: 2,
          hasRowid: hasRowid(t.sql),
          rowidAlias: rowidAlias(db, t.name),
        });
      }
    }
  }
  return out;
}

// ---- generic rows (trash, bundles) ---------------------------------------------------------

export type Row = Record<string, unknown>;

/** JSON cannot hold bytes: BLOB values travel as {"$b64": "..."}. */
export function encodeRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? { $b64: v.toString('base64') } : v;
  return out;
}

export function decodeRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    const b64 = v && typeof v === 'object' && '$b64' in v ? (v as { $b64: unknown }).$b64 : undefined;
    out[k] = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : v;
  }
  return out;
}

export function selectRows(db: Database, table: string, column: string, values: readonly unknown[]): Row[] {
  if (values.length === 0) return [];
  const cols = writableColumns(db, table).map(quoteId).join(', ');
  return db
    .prepare(`SELECT ${cols} FROM ${quoteId(table)} WHERE ${quoteId(column)} IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(values)) as Row[];
}

/**
 * Inserts one row with the columns the table has now (a row saved under an older schema loses
 * columns that no longer exist; new columns take their defaults). Returns the new rowid.
 */
export function insertRow(
  db: Database,
  table: string,
  row: Row,
  options: { or?: 'IGNORE' } = {},
): { rowid: number; changes: number } {
  const have = new Set(writableColumns(db, table));
  const keys = Object.keys(row).filter((k) => have.has(k));
  const sql = `INSERT ${options.or ? `OR ${options.or} ` : ''}INTO ${quoteId(table)} (${keys.map(quoteId).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  const r = db.prepare(sql).run(...keys.map((k) => row[k] as never));
  return { rowid: Number(r.lastInsertRowid), changes: r.changes };
}

export function rowidAliasOf(db: Database, table: string): string | null {
  return rowidAlias(db, table);
}

export function documentRow(db: Database, id: number): Row | undefined {
  const cols = writableColumns(db, 'documents').map(quoteId).join(', ');
  return db.prepare(`SELECT ${cols} FROM documents WHERE id = ?`).get(id) as Row | undefined;
}

export function originalRow(db: Database, id: number): Row | undefined {
  const cols = writableColumns(db, 'originals').map(quoteId).join(', ');
  return db.prepare(`SELECT ${cols} FROM originals WHERE document_id = ?`).get(id) as Row | undefined;
}

export function documentIdExists(db: Database, id: number): boolean {
  return db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
}

export function deleteDocumentRow(db: Database, id: number): number {
  return db.prepare('DELETE FROM documents WHERE id = ?').run(id).changes;
}

export function findByContentHash(db: Database, hash: string): number | null {
  return (
    (db.prepare('SELECT id FROM documents WHERE content_hash = ?').pluck().get(hash) as number | undefined) ?? null
  );
}

/**
 * Number/symbol and issuer as a bundle import compares them: without spaces, and without case as
 * SQLite's lower() has it (ASCII letters only), so keys are only ever made here, in SQL, joined by
 * U+001F (no number or issuer holds that control character).
 */
const REF_ISSUER_KEY = `lower(replace(ref, ' ', '')) || char(31) || coalesce(lower(issuer), '')`;

export interface RefIssuerRow {
  id: number;
  date: string | null;
  key: string;
}

/**
 * The documents whose key is one of `keys`, in one pass over the covering index
 * documents_graph_keys (ref, …, issuer, …, date); the keys are looked up in a temporary b-tree.
 * Before, each bundle item compared lower(replace(ref)) in a WHERE clause of its own: a read of the
 * whole documents table (0.2 s at 100k) per item.
 */
export const SAME_REF_ISSUER_SQL = `SELECT id, date, ${REF_ISSUER_KEY} AS key FROM documents
  WHERE ref IS NOT NULL AND ${REF_ISSUER_KEY} IN (SELECT value FROM json_each(?))`;

export function sameRefIssuer(db: Database, keys: readonly string[]): RefIssuerRow[] {
  if (keys.length === 0) return [];
  return db.prepare(SAME_REF_ISSUER_SQL).all(JSON.stringify(keys)) as RefIssuerRow[];
}

/** One document's key (a document the import has just written); undefined without a ref. */
export function refIssuerKeyOf(db: Database, id: number): RefIssuerRow | undefined {
  return db
    .prepare(`SELECT id, date, ${REF_ISSUER_KEY} AS key FROM documents WHERE id = ? AND ref IS NOT NULL`)
    .get(id) as RefIssuerRow | undefined;
}

/** The key of a number/symbol and issuer as they come in a bundle. */
export function refIssuerKey(db: Database, ref: string, issuer: string | null): string {
  return db.prepare(`SELECT ${REF_ISSUER_KEY} FROM (SELECT ? AS ref, ? AS issuer)`).pluck().get(ref, issuer) as string;
}

/** Every number/symbol and issuer a bundle holds (no payloads or originals read). */
export function bundleRefIssuers(bundle: Database): { ref: string; issuer: string | null }[] {
  return bundle.prepare('SELECT DISTINCT ref, issuer FROM bundle_items WHERE ref IS NOT NULL').all() as {
    ref: string;
    issuer: string | null;
  }[];
}

// ---- history triggers ----------------------------------------------------------------------

/** Columns too large or too internal to copy into every history row. */
const HISTORY_SKIP_COLUMNS = new Set([
  'text',
  'parse_json',
  // BLOBs, which json_object refuses (migrations 0110, 0130).
  'parse_packed',
  'text_packed',
  'warnings_json',
  'updated_at',
  'parser_version',
  'bytes',
  // A graph edge's sentence and near-miss list are cut from the citing text again on every
  // resolution: 60 % of the history table at 10k documents, and no history entry shows them.
  'sentence',
  'candidates',
  // A citation's or task's place in its list: a row moved by one inserted before it is no change.
  'ordinal',
]);

function jsonObject(prefix: 'old' | 'new', cols: readonly string[]): string {
  if (cols.length === 0) return `'{}'`;
  // json_object takes at most 127 pairs per call (SQLITE_MAX_FUNCTION_ARG 255): patch chunks together.
  const chunks: string[] = [];
  for (let i = 0; i < cols.length; i += 60) {
    chunks.push(
      `json_object(${cols
        .slice(i, i + 60)
        .map((c) => `'${c.replace(/'/g, "''")}', ${prefix}.${quoteId(c)}`)
        .join(', ')})`,
    );
  }
  return chunks.reduce((acc, c) => `json_patch(${acc}, ${c})`);
}

function changedObject(cols: readonly string[]): string {
  if (cols.length === 0) return `'{}'`;
  const chunks: string[] = [];
  for (let i = 0; i < cols.length; i += 60) {
    chunks.push(
      `json_object(${cols
        .slice(i, i + 60)
        .map(
          (c) =>
            `'${c.replace(/'/g, "''")}', CASE WHEN old.${quoteId(c)} IS NOT new.${quoteId(c)} THEN json_array(old.${quoteId(c)}, new.${quoteId(c)}) END`,
        )
        .join(', ')})`,
    );
  }
  // json_patch drops keys whose value is null, leaving only the changed columns.
  return `json_patch('{}', ${chunks.reduce((acc, c) => `json_patch(${acc}, ${c})`)})`;
}

const AT = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
/** Set by safety operations (trash, restore, bundle import) that write one summary row themselves. */
const NOT_MUTED = `NOT EXISTS (SELECT 1 FROM temp.vanthu_history_mute)`;
/**
 * A document's own rows written by its import (citations, tasks) are not changes: the 'created' row
 * stands for them. The documents insert marks the document fresh; the import's last write, its
 * search index row, ends that (SQLite has no transaction id a trigger could compare).
 *
 * The mark is a value of the connection, read and set by two SQL functions, not a row of a TEMP
 * table: writing that table from the triggers made every documents and search_docs insert of an
 * import write to a second database inside the transaction, ~0.1–0.25 ms per document on the
 * import's only writing thread. A savepoint rolled back after the mark does not restore it; it
 * then names a document that no longer exists, until the next documents insert marks its own.
 */
const FRESH_GET = 'vanthu_history_fresh';
const FRESH_SET = 'vanthu_history_mark_fresh';
// The same truth table as the `NOT IN (SELECT doc_id …)` of a one-row table it replaces: true when
// nothing is fresh; NULL (no row) for a row without a document, e.g. an edge to a placeholder.
const notFresh = (docExpr: string): string => `coalesce(${docExpr} <> ${FRESH_GET}(), ${FRESH_GET}() IS NULL)`;

const freshMarks = new WeakMap<Database, { id: number | null }>();

/**
 * Marks a document as the one whose own rows are being written (or none, with null), as its
 * documents insert does: a batch that writes documents' rows after all of them are stored marks
 * each one again first. A no-op on a connection without history triggers.
 */
export function markHistoryFresh(db: Database, documentId: number | null): void {
  const mark = freshMarks.get(db);
  if (mark) mark.id = documentId;
}

function registerFreshMark(db: Database): void {
  let mark = freshMarks.get(db);
  if (!mark) {
    mark = { id: null };
    freshMarks.set(db, mark);
  }
  const state = mark;
  db.function(FRESH_GET, { deterministic: false }, () => state.id);
  db.function(FRESH_SET, { deterministic: false }, (id: unknown) => {
    state.id = typeof id === 'number' || typeof id === 'bigint' ? Number(id) : null;
    return null;
  });
}

/**
 * (Re)creates the TEMP triggers that write history for this connection. TEMP triggers live only
 * in the connection, so they always match the schema the connection sees (run after migrations)
 * and never need a migration of their own. Every writer opens through db/open.ts, which calls this.
 */
export function installHistoryTriggers(db: Database): void {
  if (!userTables(db).some((t) => t.name === 'history')) return;
  const existing = db
    .prepare(`SELECT name FROM temp.sqlite_schema WHERE type = 'trigger' AND name LIKE 'vanthu_h_%'`)
    .pluck()
    .all() as string[];
  const stmts: string[] = existing.map((n) => `DROP TRIGGER temp.${quoteId(n)};`);
  const ownRowTriggers: { name: string; sql: string }[] = [];
  registerFreshMark(db);
  stmts.push(`CREATE TEMP TABLE IF NOT EXISTS vanthu_history_mute (x INTEGER);`);
  stmts.push(`CREATE TEMP TRIGGER vanthu_h_fresh AFTER INSERT ON main.documents BEGIN
    SELECT ${FRESH_SET}(new.id);
  END;`);
  if (userTables(db).some((t) => t.name === 'search_docs')) {
    stmts.push(`CREATE TEMP TRIGGER vanthu_h_fresh_end AFTER INSERT ON main.search_docs BEGIN
      SELECT ${FRESH_SET}(NULL);
    END;`);
  }

  const docCols = writableColumns(db, 'documents').filter((c) => !HISTORY_SKIP_COLUMNS.has(c) && c !== 'id');
  stmts.push(`CREATE TEMP TRIGGER vanthu_h_documents_ins AFTER INSERT ON main.documents WHEN ${NOT_MUTED} BEGIN
    INSERT INTO main.history (document_id, at, entity, entity_id, action, data_json)
    VALUES (new.id, ${AT}, 'documents', new.id, 'created', json_object('ref', new.ref, 'subject', new.subject));
  END;`);
  stmts.push(`CREATE TEMP TRIGGER vanthu_h_documents_upd AFTER UPDATE ON main.documents WHEN ${NOT_MUTED} AND (${docCols
    .map((c) => `old.${quoteId(c)} IS NOT new.${quoteId(c)}`)
    .join(' OR ')}) BEGIN
    INSERT INTO main.history (document_id, at, entity, entity_id, action, data_json)
    VALUES (new.id, ${AT}, 'documents', new.id, 'update', ${changedObject(docCols)});
  END;`);

  for (const rel of relations(db)) {
    const cols = writableColumns(db, rel.table).filter((c) => !HISTORY_SKIP_COLUMNS.has(c));
    const t = rel.table.replace(/[^A-Za-z0-9_]/g, '_');
    const docOf = (p: 'old' | 'new'): string =>
      rel.depth === 1
        ? `${p}.${quoteId(rel.column)}`
        : `(SELECT ${quoteId(relations(db).find((r) => r.table === rel.parent && r.depth === 1)!.column)} FROM main.${quoteId(rel.parent)} WHERE ${quoteId(rel.parentColumn)} = ${p}.${quoteId(rel.column)})`;
    const entityId = (p: 'old' | 'new'): string => (rel.hasRowid ? `${p}.rowid` : 'NULL');
    const tableLit = `'${rel.table.replace(/'/g, "''")}'`;
    // A row naming two documents (a graph edge: its citing document and the one it cites) is part
    // of the import of either: the cited document's history got one entry per citing document.
    const freshAlso = relations(db)
      .filter((r) => r.table === rel.table && r.depth === 1 && r.column !== rel.column)
      .map((r) => ` AND ${notFresh(`new.${quoteId(r.column)}`)}`)
      .join('');
    const insertTrigger = `vanthu_h_${t}_ins_${rel.column}`;
    const insertSql = `CREATE TEMP TRIGGER ${insertTrigger} AFTER INSERT ON main.${quoteId(rel.table)} WHEN ${NOT_MUTED} AND ${notFresh(docOf('new'))}${freshAlso} BEGIN
      INSERT INTO main.history (document_id, at, entity, entity_id, action, data_json)
      VALUES (${docOf('new')}, ${AT}, ${tableLit}, ${entityId('new')}, 'insert', ${jsonObject('new', cols)});
    END;`;
    stmts.push(insertSql);
    if (IMPORT_OWN_ROW_TABLES.has(rel.table)) ownRowTriggers.push({ name: insertTrigger, sql: insertSql });
    stmts.push(`CREATE TEMP TRIGGER vanthu_h_${t}_upd_${rel.column} AFTER UPDATE ON main.${quoteId(rel.table)} WHEN ${NOT_MUTED} AND (${
      cols.map((c) => `old.${quoteId(c)} IS NOT new.${quoteId(c)}`).join(' OR ') || '0'
    }) BEGIN
      INSERT INTO main.history (document_id, at, entity, entity_id, action, data_json)
      VALUES (${docOf('new')}, ${AT}, ${tableLit}, ${entityId('new')}, 'update', ${changedObject(cols)});
    END;`);
    stmts.push(`CREATE TEMP TRIGGER vanthu_h_${t}_del_${rel.column} AFTER DELETE ON main.${quoteId(rel.table)} WHEN ${NOT_MUTED} BEGIN
      INSERT INTO main.history (document_id, at, entity, entity_id, action, data_json)
      VALUES (${docOf('old')}, ${AT}, ${tableLit}, ${entityId('old')}, 'delete', ${jsonObject('old', cols)});
    END;`);
  }
  db.exec(stmts.join('\n'));
  importOwnRowTriggers.set(db, ownRowTriggers);
}

/**
 * The tables an import batch inserts rows into only for the documents it is storing: a document's
 * citations and tasks, and its graph keys and its citations' edges (graph/batch.ts marks each
 * document fresh while it writes them, as the one-document path is marked by its documents insert).
 * Their insert triggers therefore never record anything during a batch, yet their presence makes
 * SQLite run every such INSERT inside a statement journal and ask the fresh mark twice per row.
 */
const IMPORT_OWN_ROW_TABLES = new Set(['citations', 'tasks', 'graph_docs', 'graph_edges']);
const importOwnRowTriggers = new WeakMap<Database, { name: string; sql: string }[]>();

/**
 * Runs `write` (an import batch's rows, inside the caller's transaction) without the insert
 * triggers of IMPORT_OWN_ROW_TABLES, and puts them back before returning: ~4 % of the writer's
 * CPU at 100k (docs/import.md, round 10). Updates and deletes keep their triggers, so a batch that
 * moves an older document's edge off a placeholder still records it. Dropping and creating TEMP
 * triggers is transactional: if `write` throws, the caller's rollback restores them as well.
 * tests/electron/graph/batch.test.ts compares the history a batch writes with the one-file path's.
 */
export function withoutImportRowTriggers<T>(db: Database, write: () => T): T {
  const triggers = importOwnRowTriggers.get(db);
  if (!triggers?.length || !db.inTransaction) return write();
  db.exec(triggers.map((t) => `DROP TRIGGER IF EXISTS temp.${quoteId(t.name)};`).join('\n'));
  try {
    return write();
  } finally {
    db.exec(triggers.map((t) => t.sql).join('\n'));
  }
}

/** Runs fn with the history triggers silenced (the caller writes its own summary row). */
export function withHistoryMuted<T>(db: Database, fn: () => T): T {
  const muted = db.prepare('SELECT 1 FROM temp.sqlite_schema WHERE name = ?').get('vanthu_history_mute') !== undefined;
  if (!muted) return fn();
  db.prepare('INSERT INTO temp.vanthu_history_mute (x) VALUES (1)').run();
  try {
    return fn();
  } finally {
    db.prepare('DELETE FROM temp.vanthu_history_mute').run();
  }
}

export interface HistoryRow {
  id: number;
  document_id: number | null;
  at: string;
  entity: string;
  entity_id: number | null;
  action: string;
  data_json: string;
}

export function addHistory(
  db: Database,
  documentId: number,
  action: string,
  data: Record<string, unknown>,
  at = nowIso(),
): void {
  db.prepare(
    `INSERT INTO history (document_id, at, entity, entity_id, action, data_json) VALUES (?, ?, 'documents', ?, ?, ?)`,
  ).run(documentId, at, documentId, action, JSON.stringify(data));
}

export function historyOf(db: Database, documentId: number, limit: number): HistoryRow[] {
  return db
    .prepare(
      `SELECT id, document_id, at, entity, entity_id, action, data_json FROM history WHERE document_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(documentId, limit) as HistoryRow[];
}

/** A trashed document's history goes with it, so a new document that reuses the id starts clean. */
export function moveHistoryToTrash(db: Database, documentId: number, trashId: number): void {
  db.prepare('UPDATE history SET document_id = NULL, trash_id = ? WHERE document_id = ?').run(trashId, documentId);
}

export function moveHistoryFromTrash(db: Database, trashId: number, documentId: number): void {
  db.prepare('UPDATE history SET document_id = ?, trash_id = NULL WHERE trash_id = ?').run(documentId, trashId);
}

export function deleteHistoryOfTrash(db: Database, trashIds: readonly number[]): void {
  db.prepare('DELETE FROM history WHERE trash_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(trashIds));
}

// ---- settings and backup log -----------------------------------------------------------------

export function getSetting<T>(db: Database, key: string): T | undefined {
  const v = db.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return v === undefined ? undefined : (JSON.parse(v) as T);
}

export function setSetting(db: Database, key: string, value: unknown): void {
  db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), nowIso());
}

export function logBackup(
  db: Database,
  fileName: string,
  trigger: string,
  documents: number,
  size: number,
  at: string,
): void {
  db.prepare('INSERT INTO backup_log (file_name, trigger, documents, size, created_at) VALUES (?, ?, ?, ?, ?)').run(
    fileName,
    trigger,
    documents,
    size,
    at,
  );
}

/** Whether the archive holds anything a backup would save: a document, or one in the trash. */
export function holdsDocuments(db: Database): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM trash)').pluck().get() === 1;
}

export function lastBackup(
  db: Database,
): { file_name: string; created_at: string; documents: number; size: number } | undefined {
  return db
    .prepare('SELECT file_name, created_at, documents, size FROM backup_log ORDER BY created_at DESC, id DESC LIMIT 1')
    .get() as never;
}

// ---- trash -----------------------------------------------------------------------------------

export interface TrashRow {
  id: number;
  document_id: number;
  content_hash: string;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  deleted_at: string;
}

export function insertTrash(
  db: Database,
  row: Omit<TrashRow, 'id'> & { payload_json: string; original: Buffer },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO trash (document_id, content_hash, ref, type, issuer, date, subject, deleted_at, payload_json, original)
         VALUES (@document_id, @content_hash, @ref, @type, @issuer, @date, @subject, @deleted_at, @payload_json, @original)`,
      )
      .run(row).lastInsertRowid,
  );
}

export function listTrash(db: Database): TrashRow[] {
  return db
    .prepare(
      'SELECT id, document_id, content_hash, ref, type, issuer, date, subject, deleted_at FROM trash ORDER BY deleted_at DESC, id DESC',
    )
    .all() as TrashRow[];
}

export function getTrash(
  db: Database,
  id: number,
): (TrashRow & { payload_json: string; original: Buffer }) | undefined {
  return db.prepare('SELECT * FROM trash WHERE id = ?').get(id) as never;
}

export function deleteTrash(db: Database, ids: readonly number[]): number {
  return db.prepare('DELETE FROM trash WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids)).changes;
}

export function expiredTrashIds(db: Database, before: string): number[] {
  return db.prepare('SELECT id FROM trash WHERE deleted_at < ?').pluck().all(before) as number[];
}

export function allTrashIds(db: Database): number[] {
  return db.prepare('SELECT id FROM trash').pluck().all() as number[];
}

// ---- bundle conflicts ------------------------------------------------------------------------

export interface ConflictRow {
  id: number;
  bundle_name: string;
  existing_id: number | null;
  content_hash: string;
  ref: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  found_at: string;
}

export function insertConflict(
  db: Database,
  row: Omit<ConflictRow, 'id'> & { payload_json: string; original: Buffer },
): boolean {
  return (
    db
      .prepare(
        `INSERT INTO bundle_conflicts (bundle_name, existing_id, content_hash, ref, issuer, date, subject, found_at, payload_json, original)
         VALUES (@bundle_name, @existing_id, @content_hash, @ref, @issuer, @date, @subject, @found_at, @payload_json, @original)
         ON CONFLICT (content_hash) DO NOTHING`,
      )
      .run(row).changes > 0
  );
}

export function listConflicts(db: Database): ConflictRow[] {
  return db
    .prepare(
      'SELECT id, bundle_name, existing_id, content_hash, ref, issuer, date, subject, found_at FROM bundle_conflicts ORDER BY id',
    )
    .all() as ConflictRow[];
}

export function getConflict(
  db: Database,
  id: number,
): (ConflictRow & { payload_json: string; original: Buffer }) | undefined {
  return db.prepare('SELECT * FROM bundle_conflicts WHERE id = ?').get(id) as never;
}

export function deleteConflict(db: Database, id: number): number {
  return db.prepare('DELETE FROM bundle_conflicts WHERE id = ?').run(id).changes;
}

// ---- check -----------------------------------------------------------------------------------

export function integrityCheck(db: Database, max = 100): string[] {
  // A bound argument would be read as a table name; max is ours and an integer.
  return (db.pragma(`integrity_check(${Math.max(1, Math.trunc(max))})`) as { integrity_check: string }[]).map(
    (r) => r.integrity_check,
  );
}

export function foreignKeyCheck(db: Database): { table: string; rowid: number | null; parent: string }[] {
  return db.prepare('SELECT "table", rowid, parent FROM pragma_foreign_key_check').all() as never;
}

export function tableCount(db: Database, table: string): number {
  return db
    .prepare(`SELECT count(*) FROM ${quoteId(table)}`)
    .pluck()
    .get() as number;
}

export function hasTable(db: Database, table: string): boolean {
  return db.prepare(`SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

/** Index consistency (the search engineer's tables, migrations/0020-search.ts). */
/**
 * The search index against the documents. FTS5's own `'integrity-check'` command is not run here:
 * `PRAGMA integrity_check` (the check's first step) already calls FTS5's xIntegrity (SQLite 3.44+),
 * which runs the same sqlite3Fts5StorageIntegrity as the command, on a read-only connection too.
 * Both found the same damage and missed the same (tests/electron/safety/backup.test.ts); on the
 * 100k archive the command took 3.3 s on its own, integrity_check 5.4 s with it (docs/safety.md).
 */
export function searchIndexGaps(db: Database): {
  unindexed: number[];
  indexRowsWithoutFts: number;
  ftsRowsWithoutDoc: number;
} {
  if (!hasTable(db, 'search_docs')) return { unindexed: [], indexRowsWithoutFts: 0, ftsRowsWithoutDoc: 0 };
  const unindexed = db
    .prepare('SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM search_docs) ORDER BY id LIMIT 1000')
    .pluck()
    .all() as number[];
  const indexRowsWithoutFts = db
    .prepare('SELECT count(*) FROM search_docs WHERE key NOT IN (SELECT rowid FROM search_fts)')
    .pluck()
    .get() as number;
  const ftsRowsWithoutDoc = db
    .prepare('SELECT count(*) FROM search_fts WHERE rowid NOT IN (SELECT key FROM search_docs)')
    .pluck()
    .get() as number;
  return { unindexed, indexRowsWithoutFts, ftsRowsWithoutDoc };
}

export function documentsWithoutOriginal(db: Database): number[] {
  return db
    .prepare('SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM originals) ORDER BY id LIMIT 1000')
    .pluck()
    .all() as number[];
}

/** Every original as imported (decompressed, see import/compression.ts), in id order. */
export function* iterateOriginals(
  db: Database,
): IterableIterator<{ document_id: number; size: number; sha256: string; bytes: Buffer }> {
  const hasCodec = columns(db, 'originals').some((c) => c.name === 'compression');
  // A backup written before migration 0130 is verified read-only, unmigrated: no text_packed.
  const packedText = columns(db, 'documents').some((c) => c.name === 'text_packed')
    ? '(SELECT d.text_packed FROM documents d WHERE d.id = o.document_id)'
    : 'NULL';
  // Rows of compression 2 and 3 are stored against the document's text (migration 0110); no other row reads it.
  const rows = db
    .prepare(
      hasCodec
        ? `SELECT o.document_id, o.size, o.sha256, o.bytes, o.compression,
                  CASE WHEN o.compression IN (2, 3) THEN (SELECT d.text FROM documents d WHERE d.id = o.document_id) END AS text,
                  CASE WHEN o.compression IN (2, 3) THEN ${packedText} END AS text_packed
           FROM originals o ORDER BY o.document_id`
        : `SELECT document_id, size, sha256, bytes FROM originals ORDER BY document_id`,
    )
    .iterate() as IterableIterator<{
    document_id: number;
    size: number;
    sha256: string;
    bytes: Buffer;
    compression?: number | null;
    text?: string | null;
    text_packed?: Buffer | null;
  }>;
  for (const { compression, text, text_packed, ...row } of rows) {
    let bytes = row.bytes;
    try {
      const plain = typeof text === 'string' ? storedText({ text, text_packed }) : text;
      bytes = decodeOriginal(row.bytes, compression, plain);
    } catch {
      // Damaged compressed bytes: handed over as stored, so the SHA-256 comparison reports them.
    }
    yield { ...row, bytes };
  }
}

/**
 * Every document's text as stored, decoded (null when its packed bytes no longer inflate), with the
 * hash it was imported under: `vanthu check` compares them, since the text is what search, tasks,
 * originals of compression 2 and 3 and the parse spans are all read from.
 */
export function* iterateTexts(
  db: Database,
): IterableIterator<{ id: number; content_hash: string; text: string | null }> {
  const packed = columns(db, 'documents').some((c) => c.name === 'text_packed') ? 'text_packed' : 'NULL AS text_packed';
  const rows = db
    .prepare(`SELECT id, content_hash, text, ${packed} FROM documents ORDER BY id`)
    .iterate() as IterableIterator<{ id: number; content_hash: string; text: string; text_packed: Buffer | null }>;
  for (const { text_packed, text, ...row } of rows) {
    let decoded: string | null;
    try {
      decoded = storedText({ text, text_packed });
    } catch {
      decoded = null;
    }
    yield { ...row, text: decoded };
  }
}

/** id:content_hash of every document, in id order: the manifest's digest of the archive's texts. */
export function iterateContentHashes(db: Database): IterableIterator<{ id: number; content_hash: string }> {
  return db.prepare('SELECT id, content_hash FROM documents ORDER BY id').iterate() as never;
}

export function countRows(db: Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of userTables(db)) out[t.name] = tableCount(db, t.name);
  return out;
}

// ---- backup manifest (inside the backup file) -----------------------------------------------

export const MANIFEST_TABLE = 'vanthu_backup_manifest';

export function writeManifest(db: Database, manifest: unknown): void {
  db.exec(`CREATE TABLE ${MANIFEST_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), manifest_json TEXT NOT NULL) STRICT`);
  db.prepare(`INSERT INTO ${MANIFEST_TABLE} (id, manifest_json) VALUES (1, ?)`).run(JSON.stringify(manifest));
}

export function readManifest(db: Database): string | null {
  if (!hasTable(db, MANIFEST_TABLE)) return null;
  return (
    (db.prepare(`SELECT manifest_json FROM ${MANIFEST_TABLE} WHERE id = 1`).pluck().get() as string | undefined) ?? null
  );
}

export function dropManifest(db: Database): void {
  db.exec(`DROP TABLE IF EXISTS ${MANIFEST_TABLE}`);
}

/** Settings that describe this PC, not the archive: cleared in a backup so it restores anywhere. */
export function deleteSetting(db: Database, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}

// ---- bundle files (exchange between offices) -------------------------------------------------

export function createBundleSchema(bundle: Database): void {
  bundle.exec(`
    CREATE TABLE vanthu_bundle_manifest (id INTEGER PRIMARY KEY CHECK (id = 1), manifest_json TEXT NOT NULL) STRICT;
    CREATE TABLE bundle_items (
      id              INTEGER PRIMARY KEY,
      content_hash    TEXT NOT NULL,
      ref             TEXT,
      issuer          TEXT,
      date            TEXT,
      subject         TEXT,
      original_sha256 TEXT NOT NULL,
      payload_json    TEXT NOT NULL,
      original        BLOB NOT NULL
    ) STRICT;
  `);
}

export interface BundleItemRow {
  id: number;
  content_hash: string;
  ref: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  original_sha256: string;
  payload_json: string;
  original: Buffer;
}

export function insertBundleItem(bundle: Database, item: Omit<BundleItemRow, 'id'>): void {
  bundle
    .prepare(
      `INSERT INTO bundle_items (content_hash, ref, issuer, date, subject, original_sha256, payload_json, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      item.content_hash,
      item.ref,
      item.issuer,
      item.date,
      item.subject,
      item.original_sha256,
      item.payload_json,
      item.original,
    );
}

export function writeBundleManifest(bundle: Database, manifest: unknown): void {
  bundle.prepare('INSERT INTO vanthu_bundle_manifest (id, manifest_json) VALUES (1, ?)').run(JSON.stringify(manifest));
}

export function readBundleManifest(bundle: Database): string | null {
  if (!hasTable(bundle, 'vanthu_bundle_manifest') || !hasTable(bundle, 'bundle_items')) return null;
  return (
    (bundle.prepare('SELECT manifest_json FROM vanthu_bundle_manifest WHERE id = 1').pluck().get() as
      string | undefined) ?? null
  );
}

export function iterateBundleItems(bundle: Database): IterableIterator<BundleItemRow> {
  return bundle.prepare('SELECT * FROM bundle_items ORDER BY id').iterate() as never;
}

/** Documents chosen by id, or imported/changed since a date (ISO), oldest first. */
export function selectDocumentIds(db: Database, selection: { ids?: readonly number[]; since?: string }): number[] {
  if (selection.ids) {
    return db
      .prepare('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
      .pluck()
      .all(JSON.stringify(selection.ids)) as number[];
  }
  return db
    .prepare('SELECT id FROM documents WHERE imported_at >= ? OR updated_at >= ? OR date >= ? ORDER BY id')
    .pluck()
    .all(selection.since ?? '', selection.since ?? '', selection.since ?? '') as number[];
}
