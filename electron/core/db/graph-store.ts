/**
 * SQL of the citation graph (issue #5, docs/graph.md): bound parameters only, db first. The hot
 * queries (edges out of / into a document, candidates by ref key) are index lookups; tests assert
 * their EXPLAIN QUERY PLAN.
 */
import type { Database } from 'better-sqlite3';
import type { RegistryAlias } from '../../../shared/graph/keys';
import { documentText as storedDocumentText, storedText, type StoredTextColumns } from './text';
import { stmt } from './statements';
import { markHistoryFresh } from './safety-store';

export type EdgeStatus = 'resolved' | 'confirmed' | 'manual' | 'missing' | 'uncertain' | 'ignored';

export interface DocKeyRow {
  document_id: number;
  ref_key: string | null;
  year: number | null;
  date: string | null;
  type_key: string | null;
  bodies: string;
  level: string | null;
}

export interface EdgeRow {
  id: number;
  citation_id: number | null;
  from_id: number;
  to_doc: number | null;
  to_placeholder: number | null;
  status: EdgeStatus;
  relation: string;
  sentence: string;
  ref_key: string | null;
  year: number | null;
  date: string | null;
  type_key: string | null;
  bodies: string | null;
  match_key: string;
  candidates: string | null;
}

export interface PlaceholderFacts {
  key: string;
  ref: string | null;
  refKey: string | null;
  type: string | null;
  typeKey: string | null;
  date: string | null;
  year: number | null;
  issuer: string | null;
  level: string | null;
}

export const SQL = {
  docKeysByRef: 'SELECT document_id, date, year, bodies FROM graph_docs WHERE ref_key = ?',
  docKeysByRefYear:
    'SELECT document_id, date, year, bodies FROM graph_docs WHERE ref_key = ? AND (year = ? OR year IS NULL)',
  docKeysByTypeDate: 'SELECT document_id, date, year, bodies FROM graph_docs WHERE type_key = ? AND date = ?',
  edgesFrom: `SELECT id, to_doc, to_placeholder, status, relation, sentence FROM graph_edges WHERE from_id = ? AND status <> 'ignored'`,
  edgesToDoc: 'SELECT id, from_id, status, relation, sentence FROM graph_edges WHERE to_doc = ?',
  edgesToPlaceholder: 'SELECT id, from_id, status, relation, sentence FROM graph_edges WHERE to_placeholder = ?',
  edgesByRef: 'SELECT * FROM graph_edges WHERE ref_key = ? AND citation_id IS NOT NULL',
  edgesByRefYear:
    'SELECT * FROM graph_edges WHERE ref_key = ? AND (year = ? OR year IS NULL) AND citation_id IS NOT NULL',
  edgesByTypeDate:
    'SELECT * FROM graph_edges WHERE ref_key IS NULL AND type_key = ? AND date = ? AND citation_id IS NOT NULL',
  placeholderCiters: `SELECT to_placeholder, from_id FROM graph_edges
     WHERE to_placeholder IN (SELECT value FROM json_each(?)) ORDER BY to_placeholder, id`,
  documentNodes:
    'SELECT id, ref, type, issuer, date, issuer_level, subject FROM documents WHERE id IN (SELECT value FROM json_each(?))',
} as const;

export function loadAliases(db: Database): RegistryAlias[] {
  return (
    stmt(db, 'SELECT alias, canonical, valid_from, valid_to FROM graph_issuers ORDER BY id').all() as {
      alias: string;
      canonical: string;
      valid_from: string | null;
      valid_to: string | null;
    }[]
  ).map((r) => ({ alias: r.alias, canonical: r.canonical, validFrom: r.valid_from, validTo: r.valid_to }));
}

export function addAlias(db: Database, alias: RegistryAlias, now: string): number {
  return Number(
    stmt(
      db,
      'INSERT INTO graph_issuers (alias, canonical, valid_from, valid_to, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(alias.alias, alias.canonical, alias.validFrom, alias.validTo, now).lastInsertRowid,
  );
}

export function listAliases(db: Database): (RegistryAlias & { id: number })[] {
  return (
    stmt(db, 'SELECT id, alias, canonical, valid_from, valid_to FROM graph_issuers ORDER BY id').all() as {
      id: number;
      alias: string;
      canonical: string;
      valid_from: string | null;
      valid_to: string | null;
    }[]
  ).map((r) => ({ id: r.id, alias: r.alias, canonical: r.canonical, validFrom: r.valid_from, validTo: r.valid_to }));
}

export function upsertDocKeys(db: Database, row: DocKeyRow): void {
  stmt(
    db,
    `INSERT INTO graph_docs (document_id, ref_key, year, date, type_key, bodies, level) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET ref_key = excluded.ref_key, year = excluded.year, date = excluded.date,
       type_key = excluded.type_key, bodies = excluded.bodies, level = excluded.level`,
  ).run(row.document_id, row.ref_key, row.year, row.date, row.type_key, row.bodies, row.level);
}

export function candidatesByRef(
  db: Database,
  refKey: string,
  year: number | null,
): { document_id: number; date: string | null; year: number | null; bodies: string }[] {
  return (
    year === null ? stmt(db, SQL.docKeysByRef).all(refKey) : stmt(db, SQL.docKeysByRefYear).all(refKey, year)
  ) as { document_id: number; date: string | null; year: number | null; bodies: string }[];
}

export function candidatesByTypeDate(
  db: Database,
  typeKey: string,
  date: string,
): { document_id: number; date: string | null; year: number | null; bodies: string }[] {
  return stmt(db, SQL.docKeysByTypeDate).all(typeKey, date) as {
    document_id: number;
    date: string | null;
    year: number | null;
    bodies: string;
  }[];
}

export function decisionsFor(db: Database, fromId: number, matchKey: string): { action: string; to_doc: number }[] {
  return stmt(db, `SELECT action, to_doc FROM graph_decisions WHERE from_id = ? AND match_key = ? ORDER BY id`).all(
    fromId,
    matchKey,
  ) as {
    action: string;
    to_doc: number;
  }[];
}

export function allDecisions(
  db: Database,
): { from_id: number; match_key: string | null; action: string; to_doc: number }[] {
  return stmt(db, 'SELECT from_id, match_key, action, to_doc FROM graph_decisions ORDER BY id').all() as {
    from_id: number;
    match_key: string | null;
    action: string;
    to_doc: number;
  }[];
}

/**
 * Inserts or completes a placeholder (type, date, issuer and level the first citation left blank
 * are filled by later ones, as `resolveAll` does); returns its id.
 */
export function placeholderId(db: Database, p: PlaceholderFacts): number {
  stmt(
    db,
    `INSERT INTO graph_placeholders (key, ref, ref_key, type, type_key, date, year, issuer, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET type = coalesce(type, excluded.type),
       date = coalesce(date, excluded.date), issuer = coalesce(issuer, excluded.issuer), level = coalesce(level, excluded.level)`,
  ).run(p.key, p.ref, p.refKey, p.type, p.typeKey, p.date, p.year, p.issuer, p.level);
  return (stmt(db, 'SELECT id FROM graph_placeholders WHERE key = ?').get(p.key) as { id: number }).id;
}

export function deleteOrphanPlaceholders(db: Database, ids: readonly number[]): number {
  const del = stmt(
    db,
    'DELETE FROM graph_placeholders WHERE id = ? AND NOT EXISTS (SELECT 1 FROM graph_edges WHERE to_placeholder = ?)',
  );
  let n = 0;
  for (const id of ids) n += del.run(id, id).changes;
  return n;
}

export interface EdgeWrite {
  citation_id: number;
  from_id: number;
  to_doc: number | null;
  to_placeholder: number | null;
  status: EdgeStatus;
  relation: string;
  sentence: string | null;
  ref_key: string | null;
  year: number | null;
  date: string | null;
  type_key: string | null;
  bodies: string | null;
  match_key: string;
  candidates: string | null;
}

/** An edge's values in the column order of the two edge writes below (the sentence may be null). */
function edgeValues(e: EdgeWrite): unknown[] {
  return [
    e.citation_id,
    e.from_id,
    e.to_doc,
    e.to_placeholder,
    e.status,
    e.relation,
    e.sentence,
    e.ref_key,
    e.year,
    e.date,
    e.type_key,
    e.bodies,
    e.match_key,
    e.candidates,
  ];
}

/** Writes a citation's edge; an existing sentence is kept when none is given (re-resolution has no text). */
export function upsertCitationEdge(db: Database, e: EdgeWrite): void {
  stmt(
    db,
    `INSERT INTO graph_edges (citation_id, from_id, to_doc, to_placeholder, status, relation, sentence, ref_key, year, date, type_key, bodies, match_key, candidates)
     VALUES (?, ?, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (citation_id) DO UPDATE SET to_doc = excluded.to_doc, to_placeholder = excluded.to_placeholder,
       status = excluded.status, relation = excluded.relation,
       sentence = CASE WHEN excluded.sentence = '' THEN graph_edges.sentence ELSE excluded.sentence END,
       ref_key = excluded.ref_key, year = excluded.year, date = excluded.date, type_key = excluded.type_key,
       bodies = excluded.bodies, match_key = excluded.match_key, candidates = excluded.candidates`,
  ).run(...edgeValues(e));
}

export function citationRowsOf(
  db: Database,
  documentId: number,
): {
  id: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  type: string | null;
  ref: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  issuer_normalized: string | null;
  relation: string;
  sentence: string | null;
}[] {
  return stmt(
    db,
    'SELECT id, ordinal, start, end, text, type, ref, symbol, date, issuer, issuer_normalized, relation, sentence FROM citations WHERE document_id = ? ORDER BY ordinal',
  ).all(documentId) as ReturnType<typeof citationRowsOf>;
}

/** Keeps the citing sentence on the citation row: rebuilding edges then needs no document text. */
export function setCitationSentence(db: Database, citationId: number, sentence: string): void {
  stmt(db, 'UPDATE citations SET sentence = ? WHERE id = ?').run(sentence, citationId);
}

/** The sentences already cut for these citations (ids without one are absent from the map). */
export function citationSentences(db: Database, ids: Iterable<number>): Map<number, string> {
  const out = new Map<number, string>();
  const one = stmt(db, 'SELECT sentence FROM citations WHERE id = ?').pluck(true);
  for (const id of ids) {
    const s = one.get(id) as string | null | undefined;
    if (typeof s === 'string') out.set(id, s);
  }
  return out;
}

export function citationById(
  db: Database,
  id: number,
):
  | {
      type: string | null;
      ref: string | null;
      date: string | null;
      issuer: string | null;
      issuer_normalized: string | null;
    }
  | undefined {
  return stmt(db, 'SELECT type, ref, date, issuer, issuer_normalized FROM citations WHERE id = ?').get(
    id,
  ) as ReturnType<typeof citationById>;
}

export function edgesByRef(db: Database, refKey: string, year: number | null): EdgeRow[] {
  return (
    year === null ? stmt(db, SQL.edgesByRef).all(refKey) : stmt(db, SQL.edgesByRefYear).all(refKey, year)
  ) as EdgeRow[];
}

export function edgesByTypeDate(db: Database, typeKey: string, date: string): EdgeRow[] {
  return stmt(db, SQL.edgesByTypeDate).all(typeKey, date) as EdgeRow[];
}

export function edgesOfMatchKey(db: Database, fromId: number, matchKey: string): EdgeRow[] {
  return stmt(db, 'SELECT * FROM graph_edges WHERE from_id = ? AND match_key = ? AND citation_id IS NOT NULL').all(
    fromId,
    matchKey,
  ) as EdgeRow[];
}

export function edgeById(db: Database, id: number): EdgeRow | undefined {
  return stmt(db, 'SELECT * FROM graph_edges WHERE id = ?').get(id) as EdgeRow | undefined;
}

export function insertDecision(
  db: Database,
  d: {
    fromId: number;
    matchKey: string | null;
    action: 'confirm' | 'reject' | 'add';
    toDoc: number;
    relation: string | null;
    note: string | null;
    now: string;
  },
): number {
  return Number(
    stmt(
      db,
      'INSERT INTO graph_decisions (from_id, match_key, action, to_doc, relation, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(d.fromId, d.matchKey, d.action, d.toDoc, d.relation, d.note, d.now).lastInsertRowid,
  );
}

/** Confirm/reject decisions stored against a citation without its date (match key ending in '|'), by citing document. */
export function undatedDecisions(db: Database): { id: number; from_id: number; match_key: string }[] {
  return stmt(
    db,
    `SELECT id, from_id, match_key FROM graph_decisions
     WHERE match_key LIKE '%|' AND action IN ('confirm', 'reject') ORDER BY from_id, id`,
  ).all() as { id: number; from_id: number; match_key: string }[];
}

export function setDecisionMatchKey(db: Database, id: number, matchKey: string): void {
  stmt(db, 'UPDATE graph_decisions SET match_key = ? WHERE id = ?').run(matchKey, id);
}

/** Clears earlier confirm/reject decisions of one citation for one target, so the latest word stands alone. */
export function clearDecisions(db: Database, fromId: number, matchKey: string, toDoc: number): void {
  stmt(
    db,
    `DELETE FROM graph_decisions WHERE from_id = ? AND match_key = ? AND to_doc = ? AND action IN ('confirm', 'reject')`,
  ).run(fromId, matchKey, toDoc);
}

export function insertManualEdge(
  db: Database,
  fromId: number,
  toDoc: number,
  relation: string,
  sentence: string,
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO graph_edges (citation_id, from_id, to_doc, status, relation, sentence, match_key) VALUES (NULL, ?, ?, 'manual', ?, ?, '')`,
    ).run(fromId, toDoc, relation, sentence).lastInsertRowid,
  );
}

/** Manual links are materialised from 'add' decisions; a full rebuild recreates them from there. */
export function rebuildManualEdges(db: Database): void {
  stmt(db, `DELETE FROM graph_edges WHERE citation_id IS NULL`).run();
  stmt(
    db,
    `INSERT INTO graph_edges (citation_id, from_id, to_doc, status, relation, sentence, match_key)
     SELECT NULL, from_id, to_doc, 'manual', coalesce(relation, 'mentions'), coalesce(note, ''), '' FROM graph_decisions WHERE action = 'add'`,
  ).run();
}

export interface NodeRow {
  id: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  date: string | null;
  issuer_level: string | null;
  subject: string | null;
}

export function documentNode(db: Database, id: number): NodeRow | undefined {
  return stmt(db, 'SELECT id, ref, type, issuer, date, issuer_level, subject FROM documents WHERE id = ?').get(id) as
    NodeRow | undefined;
}

/** A document's original file name, format and import time (the clerk's choice between look-alikes). */
export function documentSource(
  db: Database,
  id: number,
): { fileName: string | null; format: string | null; importedAt: string | null } | undefined {
  return stmt(
    db,
    `SELECT o.file_name AS fileName, d.format AS format, d.imported_at AS importedAt
     FROM documents d LEFT JOIN originals o ON o.document_id = d.id WHERE d.id = ?`,
  ).get(id) as { fileName: string | null; format: string | null; importedAt: string | null } | undefined;
}

export interface PlaceholderRow {
  id: number;
  key: string;
  ref: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  level: string | null;
}

export function placeholderNode(db: Database, id: number): PlaceholderRow | undefined {
  return stmt(db, 'SELECT id, key, ref, type, date, issuer, level FROM graph_placeholders WHERE id = ?').get(id) as
    PlaceholderRow | undefined;
}

export function edgesFrom(
  db: Database,
  fromId: number,
): {
  id: number;
  to_doc: number | null;
  to_placeholder: number | null;
  status: EdgeStatus;
  relation: string;
  sentence: string;
}[] {
  return stmt(db, SQL.edgesFrom).all(fromId) as ReturnType<typeof edgesFrom>;
}

export function edgesToDoc(
  db: Database,
  toDoc: number,
): { id: number; from_id: number; status: EdgeStatus; relation: string; sentence: string }[] {
  return stmt(db, SQL.edgesToDoc).all(toDoc) as ReturnType<typeof edgesToDoc>;
}

export function edgesToPlaceholder(
  db: Database,
  id: number,
): { id: number; from_id: number; status: EdgeStatus; relation: string; sentence: string }[] {
  return stmt(db, SQL.edgesToPlaceholder).all(id) as ReturnType<typeof edgesToPlaceholder>;
}

/** The citing document of each edge to these placeholders, by placeholder then edge id: one read for a page. */
export function placeholderCiters(db: Database, ids: readonly number[]): { to_placeholder: number; from_id: number }[] {
  return stmt(db, SQL.placeholderCiters).all(JSON.stringify(ids)) as { to_placeholder: number; from_id: number }[];
}

export function documentNodes(db: Database, ids: readonly number[]): NodeRow[] {
  return stmt(db, SQL.documentNodes).all(JSON.stringify(ids)) as NodeRow[];
}

export function missingPlaceholders(
  db: Database,
  limit: number,
  offset = 0,
): (PlaceholderRow & { citations: number; citing: number })[] {
  return stmt(
    db,
    `SELECT p.id, p.key, p.ref, p.type, p.date, p.issuer, p.level, count(e.id) AS citations, count(DISTINCT e.from_id) AS citing
     FROM graph_placeholders p JOIN graph_edges e ON e.to_placeholder = p.id
     GROUP BY p.id ORDER BY citing DESC, citations DESC, p.date DESC, p.id LIMIT ? OFFSET ?`,
  ).all(limit, offset) as (PlaceholderRow & { citations: number; citing: number })[];
}

/** How many placeholders missingPlaceholders has to page through: those some citation points at. */
export function missingPlaceholderCount(db: Database): number {
  return (
    stmt(
      db,
      `SELECT count(*) AS n FROM graph_placeholders p
       WHERE EXISTS (SELECT 1 FROM graph_edges e WHERE e.to_placeholder = p.id)`,
    ).get() as { n: number }
  ).n;
}

export function pendingEdges(db: Database, limit: number): EdgeRow[] {
  return stmt(db, `SELECT * FROM graph_edges WHERE status = 'uncertain' ORDER BY from_id, id LIMIT ?`).all(
    limit,
  ) as EdgeRow[];
}

export function nearMisses(db: Database, limit: number): EdgeRow[] {
  return stmt(
    db,
    `SELECT * FROM graph_edges WHERE status = 'missing' AND candidates IS NOT NULL ORDER BY from_id, id LIMIT ?`,
  ).all(limit) as EdgeRow[];
}

export function documentParseRecipients(db: Database, id: number): string | null {
  const row = stmt(db, `SELECT json_extract(parse_json, '$.recipients') AS r FROM documents WHERE id = ?`).get(id) as
    { r: string | null } | undefined;
  return row?.r ?? null;
}

export function docKeysOf(db: Database, id: number): DocKeyRow | undefined {
  return stmt(db, 'SELECT * FROM graph_docs WHERE document_id = ?').get(id) as DocKeyRow | undefined;
}

/** The rules version the stored edges were computed under (migration 0140). */
export function graphRulesVersion(db: Database): number {
  const row = stmt(db, `SELECT version FROM graph_rules WHERE id = 1`).get() as { version: number } | undefined;
  return row?.version ?? 1;
}

export function setGraphRulesVersion(db: Database, version: number): void {
  stmt(db, `UPDATE graph_rules SET version = ? WHERE id = 1`).run(version);
}

/**
 * Migration 0140 starts an empty archive at the rules of its day (2), and every document imported
 * since is resolved under today's: left there, the first graph use after a first import ran a full
 * resolution for nothing (21 s at 100k). An archive with no document, stored or in the trash (whose
 * rows and decisions come back as they were), has nothing resolved under older rules. Read first,
 * so an open that has nothing to change takes no write lock.
 */
export function startEmptyArchiveAtRules(db: Database, version: number): boolean {
  const stale = stmt(
    db,
    `SELECT 1 FROM graph_rules WHERE id = 1 AND version < ?
       AND NOT EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM trash)`,
  ).get(version);
  if (!stale) return false;
  setGraphRulesVersion(db, version);
  return true;
}

/** Documents with citations that have no edge yet (imported before migration 0040, or re-parsed). */
export function documentsNeedingResolution(db: Database): number[] {
  // Counted first, from the smallest indexes: every citation has at most one edge and every key row
  // one document (unique foreign keys), so equal counts mean none is missing. The search itself
  // reads the whole documents table, 0.2–0.5 s at 100k documents on every session's first graph use.
  const complete = stmt(
    db,
    `SELECT (SELECT count(*) FROM citations) = (SELECT count(*) FROM graph_edges WHERE citation_id IS NOT NULL)
        AND (SELECT count(*) FROM documents) = (SELECT count(*) FROM graph_docs) AS complete`,
  ).get() as { complete: number };
  if (complete.complete) return [];
  return (
    stmt(
      db,
      `SELECT DISTINCT c.document_id AS id FROM citations c WHERE NOT EXISTS (SELECT 1 FROM graph_edges e WHERE e.citation_id = c.id)
       UNION SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM graph_docs g WHERE g.document_id = d.id)`,
    ).all() as { id: number }[]
  ).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Reads and writes that used to sit in electron/core/graph/resolve.ts and service.ts.

export interface StoredDoc {
  id: number;
  ref: string | null;
  symbol: string | null;
  type: string | null;
  issuer: string | null;
  issuer_level: string | null;
  province: string | null;
  date: string | null;
}

export function storedDoc(db: Database, id: number): (StoredDoc & { text: string }) | undefined {
  const row = stmt(
    db,
    'SELECT id, ref, symbol, type, issuer, issuer_level, province, date, text, text_packed FROM documents WHERE id = ?',
  ).get(id) as (StoredDoc & StoredTextColumns) | undefined;
  if (!row) return undefined;
  const { text_packed: _packed, ...doc } = row;
  return { ...doc, text: storedText(row) };
}

export function allStoredDocs(db: Database): StoredDoc[] {
  return stmt(
    db,
    'SELECT id, ref, symbol, type, issuer, issuer_level, province, date FROM documents',
  ).all() as StoredDoc[];
}

export function documentText(db: Database, id: number): string {
  return storedDocumentText(db, id);
}

export function documentProvince(db: Database, id: number): string | null {
  return (
    (stmt(db, 'SELECT province FROM documents WHERE id = ?').get(id) as { province: string | null } | undefined)
      ?.province ?? null
  );
}

export function placeholderOfCitation(db: Database, citationId: number): number | null {
  return (
    (
      stmt(db, 'SELECT to_placeholder FROM graph_edges WHERE citation_id = ?').get(citationId) as
        { to_placeholder: number | null } | undefined
    )?.to_placeholder ?? null
  );
}

export function citationEdgesToDoc(db: Database, id: number): EdgeRow[] {
  return stmt(db, 'SELECT * FROM graph_edges WHERE to_doc = ? AND citation_id IS NOT NULL').all(id) as EdgeRow[];
}

export interface CitationScan {
  id: number;
  document_id: number;
  start: number;
  end: number;
  type: string | null;
  ref: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  issuer_normalized: string | null;
  /** The same value under the name shared/graph/keys.ts reads, so a row is passed without copying. */
  issuerNormalized: string | null;
  relation: string;
  /** Read only when asked (`withSentences`); null: never cut. */
  sentence?: string | null;
}

/**
 * Every citation. `withSentences` when most edges are to be written anew (tables emptied): their
 * sentences come in the same scan instead of a second one.
 */
export function allCitations(db: Database, withSentences = false): CitationScan[] {
  const cols =
    'id, document_id, start, end, type, ref, symbol, date, issuer, issuer_normalized, issuer_normalized AS issuerNormalized, relation';
  return stmt(db, `SELECT ${cols}${withSentences ? ', sentence' : ''} FROM citations`).all() as CitationScan[];
}

/** The whole graph for `vanthu graph --all`. */
export function graphDocumentNodes(db: Database): Iterable<NodeRow> {
  return stmt(
    db,
    `SELECT id, ref, type, issuer, date, issuer_level, subject FROM documents d
     WHERE EXISTS (SELECT 1 FROM graph_edges e WHERE e.from_id = d.id AND e.status <> 'ignored')
        OR EXISTS (SELECT 1 FROM graph_edges e WHERE e.to_doc = d.id) ORDER BY id`,
  ).iterate() as Iterable<NodeRow>;
}

export function uncertainPlaceholders(db: Database): Set<number> {
  return new Set(
    (
      stmt(db, `SELECT DISTINCT to_placeholder AS p FROM graph_edges WHERE status = 'uncertain'`).all() as {
        p: number;
      }[]
    ).map((r) => r.p),
  );
}

export function allPlaceholders(db: Database): Iterable<PlaceholderRow> {
  return stmt(
    db,
    'SELECT id, key, ref, type, issuer, date, level FROM graph_placeholders ORDER BY id',
  ).iterate() as Iterable<PlaceholderRow>;
}

export function allShownEdges(db: Database): Iterable<{
  id: number;
  from_id: number;
  to_doc: number | null;
  to_placeholder: number | null;
  relation: string;
  sentence: string;
  status: EdgeStatus;
}> {
  return stmt(
    db,
    `SELECT id, from_id, to_doc, to_placeholder, relation, sentence, status FROM graph_edges WHERE status <> 'ignored' ORDER BY from_id, id`,
  ).iterate() as Iterable<{
    id: number;
    from_id: number;
    to_doc: number | null;
    to_placeholder: number | null;
    relation: string;
    sentence: string;
    status: EdgeStatus;
  }>;
}

/** Removes a link the clerk added, and one 'add' decision behind it. */
export function deleteManualEdge(db: Database, edge: Pick<EdgeRow, 'id' | 'from_id' | 'to_doc'>): void {
  stmt(
    db,
    `DELETE FROM graph_decisions WHERE id IN (SELECT id FROM graph_decisions WHERE from_id = ? AND to_doc = ? AND action = 'add' LIMIT 1)`,
  ).run(edge.from_id, edge.to_doc);
  stmt(db, 'DELETE FROM graph_edges WHERE id = ?').run(edge.id);
}

// ---------------------------------------------------------------------------------------------
// Full resolution (`vanthu resolve`): the computed graph written against what is stored.

export interface PlaceholderWrite extends PlaceholderFacts {
  /** Assigned by writeResolution: a key already stored keeps its id. */
  id?: number;
}

/** A citation edge to write; `sentence` null keeps the stored sentence (an insert always has one). */
export type ResolvedEdge = EdgeWrite;

export interface ResolutionWrite {
  docs: DocKeyRow[];
  /** By placeholder key; ids from `placeholderSlot`. */
  placeholders: Map<string, PlaceholderWrite>;
  /** Only the citation edges that differ from the stored ones (`edgeChanged`); `id` set for an update. */
  edges: (EdgeWrite & { id: number | null })[];
}

export interface WriteCounts {
  docs: number;
  placeholders: number;
  edgesInserted: number;
  edgesUpdated: number;
  edgesDeleted: number;
  indexesRebuilt: boolean;
}

// Raw rows (arrays): 200k objects with fifteen fields each cost more than the query.
const E = {
  citation: 0,
  id: 1,
  from: 2,
  toDoc: 3,
  toP: 4,
  status: 5,
  relation: 6,
  hasSentence: 7,
  refKey: 8,
  year: 9,
  date: 10,
  typeKey: 11,
  bodies: 12,
  matchKey: 13,
  candidates: 14,
} as const;
type StoredEdgeRaw = [
  number,
  number,
  number,
  number | null,
  number | null,
  string,
  string,
  number,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  string,
  string | null,
];
type StoredDocRaw = [number, string | null, number | null, string | null, string | null, string, string | null];
type StoredPlaceholderRaw = [
  number,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
];

export interface StoredGraph {
  docs: Map<number, StoredDocRaw>;
  placeholders: Map<string, StoredPlaceholderRaw>;
  maxPlaceholder: number;
  /** Citation edges by citation id. */
  edges: Map<number, StoredEdgeRaw>;
  edgesRead: number;
}

/** What is stored now, read once per full resolution (inside its transaction). */
export function readStoredGraph(db: Database): StoredGraph {
  const docs = new Map<number, StoredDocRaw>();
  for (const r of stmt(db, 'SELECT document_id, ref_key, year, date, type_key, bodies, level FROM graph_docs')
    .raw(true)
    .iterate() as Iterable<StoredDocRaw>)
    docs.set(r[0], r);
  const placeholders = new Map<string, StoredPlaceholderRaw>();
  let maxPlaceholder = 0;
  for (const r of stmt(
    db,
    'SELECT id, key, ref, ref_key, type, type_key, date, year, issuer, level FROM graph_placeholders',
  )
    .raw(true)
    .iterate() as Iterable<StoredPlaceholderRaw>) {
    placeholders.set(r[1], r);
    if (r[0] > maxPlaceholder) maxPlaceholder = r[0];
  }
  const edges = new Map<number, StoredEdgeRaw>();
  for (const r of stmt(
    db,
    `SELECT citation_id, id, from_id, to_doc, to_placeholder, status, relation, sentence <> '' AS has_sentence, ref_key, year, date, type_key, bodies, match_key, candidates
     FROM graph_edges WHERE citation_id IS NOT NULL`,
  )
    .raw(true)
    .iterate() as Iterable<StoredEdgeRaw>)
    edges.set(r[E.citation], r);
  return { docs, placeholders, maxPlaceholder, edges, edgesRead: edges.size };
}

/** Above this share (and number) of rows changing, secondary indexes are dropped and rebuilt around the write. */
export const BULK_WRITE = { share: 0.2, minRows: 1000 };

/**
 * Whether a full resolution is about to write most citation edges anew (first resolution, tables
 * emptied): counted before its transaction starts, because foreign-key checking can only be
 * switched outside one.
 */
export function bulkRebuildAhead(db: Database): boolean {
  const r = stmt(
    db,
    'SELECT (SELECT count(*) FROM citations) AS citations, (SELECT count(*) FROM graph_edges WHERE citation_id IS NOT NULL) AS edges',
  ).get() as { citations: number; edges: number };
  const missing = r.citations - r.edges;
  return missing > BULK_WRITE.minRows && missing > BULK_WRITE.share * r.citations;
}

/**
 * Runs `write` (which opens its own transaction) with foreign-key checks off, for a full
 * resolution's bulk write only: every id it writes was read in that same immediate transaction
 * (citations, documents, its own placeholders), and the checks are lookups of a documents page
 * (twice per edge), about half the inserts' CPU at 10k documents. Nothing it deletes has
 * dependent rows that a cascade would have to reach. Inside an open transaction the switch is
 * ignored by SQLite, so the checks stay on there.
 */
export function withoutForeignKeyChecks<T>(db: Database, write: () => T): T {
  if (db.inTransaction || !(db.pragma('foreign_keys', { simple: true }) as number)) return write();
  db.pragma('foreign_keys = OFF');
  try {
    return write();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
const GRAPH_TABLES = ['graph_docs', 'graph_placeholders', 'graph_edges'];

const sameDoc = (a: StoredDocRaw, b: DocKeyRow): boolean =>
  a[1] === b.ref_key &&
  a[2] === b.year &&
  a[3] === b.date &&
  a[4] === b.type_key &&
  a[5] === b.bodies &&
  a[6] === b.level;

const samePlaceholder = (a: StoredPlaceholderRaw, p: PlaceholderFacts): boolean =>
  a[2] === p.ref &&
  a[3] === p.refKey &&
  a[4] === p.type &&
  a[5] === p.typeKey &&
  a[6] === p.date &&
  a[7] === p.year &&
  a[8] === p.issuer &&
  a[9] === p.level;

const sameEdge = (a: StoredEdgeRaw, b: ResolvedEdge): boolean =>
  a[E.toDoc] === b.to_doc &&
  a[E.toP] === b.to_placeholder &&
  a[E.status] === b.status &&
  a[E.matchKey] === b.match_key &&
  a[E.from] === b.from_id &&
  a[E.relation] === b.relation &&
  (b.sentence === null || a[E.hasSentence] === 1) &&
  a[E.refKey] === b.ref_key &&
  a[E.year] === b.year &&
  a[E.date] === b.date &&
  a[E.typeKey] === b.type_key &&
  a[E.bodies] === b.bodies &&
  a[E.candidates] === b.candidates;

export function storedEdge(stored: StoredGraph, citationId: number): StoredEdgeRaw | undefined {
  return stored.edges.get(citationId);
}

/** True when the stored edge has a sentence: resolution keeps it and reads no text. */
export function hasSentence(s: StoredEdgeRaw | undefined): boolean {
  return s?.[E.hasSentence] === 1;
}

/** The id of a placeholder key: the stored one, or the next free number. */
export function placeholderSlot(stored: StoredGraph, key: string): number {
  return stored.placeholders.get(key)?.[0] ?? ++stored.maxPlaceholder;
}

/**
 * Compares a computed citation edge with the stored one and forgets the stored one (what is left
 * in `stored.edges` at the end is deleted). Returns null when nothing changed, else the stored row
 * id to update (null: insert).
 */
export function edgeChanged(
  stored: StoredGraph,
  s: StoredEdgeRaw | undefined,
  e: ResolvedEdge,
): { id: number | null } | null {
  if (!s) return { id: null };
  stored.edges.delete(e.citation_id);
  return sameEdge(s, e) ? null : { id: s[E.id] };
}

/**
 * Writes a full resolution in the caller's transaction, touching only rows that changed: keys,
 * placeholders (a key keeps its id) and citation edges are compared with what `readStoredGraph`
 * read in the same transaction. When most rows change (first resolution, tables emptied), the
 * secondary indexes of the three tables are dropped before the write and rebuilt after it, inside
 * the transaction: one sorted build per index instead of a B-tree insertion per row and index.
 * Manual links are rebuilt from the clerk's decisions.
 */
export function writeResolution(db: Database, w: ResolutionWrite, stored: StoredGraph): WriteCounts {
  const pWrites: PlaceholderWrite[] = [];
  for (const [key, p] of w.placeholders) {
    const s = stored.placeholders.get(key);
    p.id ??= placeholderSlot(stored, key);
    if (!s || !samePlaceholder(s, p)) pWrites.push(p);
  }
  const docWrites = w.docs.filter((d) => {
    const s = stored.docs.get(d.document_id);
    return !s || !sameDoc(s, d);
  });
  const keepDocs = new Set(w.docs.map((d) => d.document_id));
  const docDeletes = [...stored.docs.keys()].filter((id) => !keepDocs.has(id));
  const inserts = w.edges.filter((e) => e.id === null);
  const updates = w.edges.filter((e): e is EdgeWrite & { id: number } => e.id !== null);
  // Stored citation edges that edgeChanged never saw: their citation is gone.
  const edgeDeletes = [...stored.edges.values()].map((s) => s[E.id]);

  const changed = docWrites.length + pWrites.length + inserts.length + updates.length + edgeDeletes.length;
  const total = w.docs.length + w.placeholders.size + stored.edgesRead;
  const rebuild = changed > BULK_WRITE.minRows && changed > BULK_WRITE.share * total;
  let indexes: { name: string; sql: string }[] = [];
  if (rebuild) {
    indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${GRAPH_TABLES.map(() => '?').join(', ')})`,
      )
      .all(...GRAPH_TABLES) as { name: string; sql: string }[];
  }
  // A bulk write sorts every index and dirties most pages: with the default 16 MB page cache both
  // spill to disk. A larger cache for this write only (a connection setting, restored below).
  const cacheBefore = rebuild ? (db.pragma('cache_size', { simple: true }) as number) : null;
  if (rebuild) db.pragma('cache_size = -262144');
  try {
    return writeRows();
  } finally {
    if (cacheBefore !== null) db.pragma(`cache_size = ${cacheBefore}`);
  }

  function writeRows(): WriteCounts {
    // Rows that stop existing go first, while the indexes that foreign-key checks use are still there.
    const delEdge = stmt(db, 'DELETE FROM graph_edges WHERE id = ?');
    for (const id of edgeDeletes) delEdge.run(id);
    const delDoc = stmt(db, 'DELETE FROM graph_docs WHERE document_id = ?');
    for (const id of docDeletes) delDoc.run(id);
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);

    const upDoc = stmt(
      db,
      `INSERT INTO graph_docs (document_id, ref_key, year, date, type_key, bodies, level) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET ref_key = excluded.ref_key, year = excluded.year, date = excluded.date,
       type_key = excluded.type_key, bodies = excluded.bodies, level = excluded.level`,
    );
    for (const r of docWrites) upDoc.run(r.document_id, r.ref_key, r.year, r.date, r.type_key, r.bodies, r.level);
    const upP = stmt(
      db,
      `INSERT INTO graph_placeholders (id, key, ref, ref_key, type, type_key, date, year, issuer, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET ref = excluded.ref, ref_key = excluded.ref_key, type = excluded.type, type_key = excluded.type_key,
       date = excluded.date, year = excluded.year, issuer = excluded.issuer, level = excluded.level`,
    );
    for (const p of pWrites)
      upP.run(p.id!, p.key, p.ref, p.refKey, p.type, p.typeKey, p.date, p.year, p.issuer, p.level);
    for (const e of inserts) insertCitationEdge(db, e);
    const set = `from_id = ?, to_doc = ?, to_placeholder = ?, status = ?, relation = ?, ref_key = ?, year = ?, date = ?, type_key = ?, bodies = ?, match_key = ?, candidates = ?`;
    const updE = stmt(db, `UPDATE graph_edges SET ${set} WHERE id = ?`);
    const updES = stmt(db, `UPDATE graph_edges SET ${set}, sentence = ? WHERE id = ?`);
    for (const e of updates) {
      const v = [
        e.from_id,
        e.to_doc,
        e.to_placeholder,
        e.status,
        e.relation,
        e.ref_key,
        e.year,
        e.date,
        e.type_key,
        e.bodies,
        e.match_key,
        e.candidates,
      ];
      if (e.sentence === null) updE.run(...v, e.id);
      else updES.run(...v, e.sentence, e.id);
    }
    rebuildManualEdges(db);
    for (const ix of indexes) db.exec(ix.sql);
    // Placeholders no edge points at any more (their document arrived, or the citation went away).
    const orphans = stmt(
      db,
      'DELETE FROM graph_placeholders WHERE NOT EXISTS (SELECT 1 FROM graph_edges e WHERE e.to_placeholder = graph_placeholders.id)',
    ).run().changes;
    return {
      docs: docWrites.length + docDeletes.length,
      placeholders: pWrites.length + orphans,
      edgesInserted: inserts.length,
      edgesUpdated: updates.length,
      edgesDeleted: edgeDeletes.length,
      indexesRebuilt: rebuild,
    };
  }
}

export function deleteEdges(db: Database, ids: readonly number[]): void {
  const del = stmt(db, 'DELETE FROM graph_edges WHERE id = ?');
  for (const id of ids) del.run(id);
}

// ---------------------------------------------------------------------------------------------
// Batch resolution (electron/core/graph/batch.ts): an import batch's graph, written once.

export function maxEdgeId(db: Database): number {
  return (stmt(db, 'SELECT coalesce(max(id), 0) AS m FROM graph_edges').get() as { m: number }).m;
}

/** The citation ids of documents firstId…lastId, by document and ordinal. */
export function citationIdsBetween(
  db: Database,
  firstId: number,
  lastId: number,
): { id: number; document_id: number }[] {
  return stmt(
    db,
    'SELECT id, document_id FROM citations WHERE document_id BETWEEN ? AND ? ORDER BY document_id, ordinal',
  ).all(firstId, lastId) as { id: number; document_id: number }[];
}

/** Decisions about citations of documents from `firstId` on (a new document's id may be reused). */
export function decisionsFrom(
  db: Database,
  firstId: number,
): { from_id: number; match_key: string | null; action: string; to_doc: number }[] {
  return stmt(db, 'SELECT from_id, match_key, action, to_doc FROM graph_decisions WHERE from_id >= ? ORDER BY id').all(
    firstId,
  ) as { from_id: number; match_key: string | null; action: string; to_doc: number }[];
}

export type StoredPlaceholder = PlaceholderFacts & { id: number; edges: number };

const PLACEHOLDER_COLS = `id, key, ref, ref_key AS refKey, type, type_key AS typeKey, date, year, issuer, level,
  (SELECT count(*) FROM graph_edges e WHERE e.to_placeholder = graph_placeholders.id) AS edges`;

/** A stored placeholder with the number of edges pointing at it. */
export function placeholderByKey(db: Database, key: string): StoredPlaceholder | undefined {
  return stmt(db, `SELECT ${PLACEHOLDER_COLS} FROM graph_placeholders WHERE key = ?`).get(key) as
    StoredPlaceholder | undefined;
}

export function placeholderById(db: Database, id: number): StoredPlaceholder | undefined {
  return stmt(db, `SELECT ${PLACEHOLDER_COLS} FROM graph_placeholders WHERE id = ?`).get(id) as
    StoredPlaceholder | undefined;
}

/** A citation pointing at a placeholder: what the placeholder's facts are read from. */
export interface PlaceholderMember {
  citation_id: number;
  ref: string | null;
  type: string | null;
  date: string | null;
  /** The citation's issuer as shown: normalized, else as written. */
  issuer: string | null;
  ref_key: string | null;
  type_key: string | null;
  year: number | null;
  bodies: string | null;
}

/** The citations pointing at a placeholder, in citation order (graph_edges_by_to_placeholder). */
export function placeholderMembers(db: Database, id: number): PlaceholderMember[] {
  return stmt(
    db,
    `SELECT e.citation_id, c.ref, c.type, c.date, coalesce(c.issuer_normalized, c.issuer) AS issuer, e.ref_key, e.type_key, e.year, e.bodies
     FROM graph_edges e JOIN citations c ON c.id = e.citation_id WHERE e.to_placeholder = ? ORDER BY e.citation_id`,
  ).all(id) as PlaceholderMember[];
}

export function insertPlaceholder(db: Database, p: PlaceholderFacts): number {
  return Number(
    stmt(
      db,
      'INSERT INTO graph_placeholders (key, ref, ref_key, type, type_key, date, year, issuer, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(p.key, p.ref, p.refKey, p.type, p.typeKey, p.date, p.year, p.issuer, p.level).lastInsertRowid,
  );
}

export function updatePlaceholder(db: Database, id: number, p: PlaceholderFacts): void {
  stmt(
    db,
    'UPDATE graph_placeholders SET ref = ?, ref_key = ?, type = ?, type_key = ?, date = ?, year = ?, issuer = ?, level = ? WHERE id = ?',
  ).run(p.ref, p.refKey, p.type, p.typeKey, p.date, p.year, p.issuer, p.level, id);
}

/** Inserts a new citation's edge; returns its id. */
export function insertCitationEdge(db: Database, e: EdgeWrite): number {
  return Number(
    stmt(
      db,
      `INSERT INTO graph_edges (citation_id, from_id, to_doc, to_placeholder, status, relation, sentence, ref_key, year, date, type_key, bodies, match_key, candidates)
       VALUES (?, ?, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...edgeValues(e)).lastInsertRowid,
  );
}

/**
 * The history triggers (safety-store.ts) record no row for a document's own rows written while it
 * is the "fresh" document, the one its import is writing. A batch writes each document's graph
 * rows after all of the batch's documents are stored, so it marks each one fresh again while
 * writing its rows: the history is then what the one-document path writes. A no-op on a
 * connection without history triggers.
 */
export function historyFreshMarker(db: Database): (documentId: number) => void {
  return (documentId) => markHistoryFresh(db, documentId);
}
