/**
 * SQL of the search index (issue #4). Bound parameters only; MATCH strings come from
 * shared/search/fts.ts, which quotes every token. See docs/search.md for the plan of each query.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { IndexEntry, IndexMeta } from '../../../shared/search/entry';
import { storedText } from './text';

export interface SearchDocRow {
  doc_id: number;
  key: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  level: string | null;
  date: string | null;
  year: number | null;
  subject: string | null;
  signer: string | null;
}

/** Hot statements, prepared once per connection. */
export class SearchStore {
  private readonly cache = new Map<string, Statement>();
  constructor(readonly db: Database) {}

  private stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  // ---- writing -------------------------------------------------------------------------------

  /**
   * One step of FTS5's own 'merge' command: up to `pages` leaf pages of merging, only where a level
   * holds `usermerge` (4) segments or a merge is under way. True when it merged anything (a step
   * with nothing to do changes no row of the index's shadow tables).
   */
  mergeStep(pages: number): boolean {
    const changes = this.stmt('SELECT total_changes()').pluck();
    const before = changes.get() as number;
    this.stmt(`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)`).run(pages);
    return (changes.get() as number) - before > 1;
  }

  /** Segments of the index's b-tree forest: every term lookup walks each of them. */
  segmentCount(): number {
    return this.stmt('SELECT count(DISTINCT segid) FROM search_fts_idx').pluck().get() as number;
  }

  /** Adds or replaces one document's index rows. Call inside the transaction that stored it. */
  write(entry: IndexEntry): void {
    this.writeAll([entry]);
  }

  /**
   * Adds or replaces the index rows of several documents, in key order: FTS5 starts a new segment
   * whenever a rowid is not above the last one written, and keys begin with the document's date,
   * not its id. Every `search_docs` row goes before the first FTS row. A
   * statement on a table with triggers runs inside a statement savepoint, and FTS5 writes its
   * pending terms out as a new segment at every savepoint once it has been written to in the
   * transaction: `search_docs` always has triggers (the history's, and its own on delete), so
   * interleaving the two tables cost one segment per document, and the merges to match (5,000
   * documents into a 100k archive: ~0.2 ms a document of the writer's CPU, docs/import.md round 9).
   */
  writeAll(unsorted: readonly IndexEntry[]): void {
    const entries = [...unsorted].sort((a, b) => a.key - b.key);
    for (const entry of entries) {
      const old = this.stmt('SELECT key FROM search_docs WHERE doc_id = ?').get(entry.docId) as
        { key: number } | undefined;
      if (old) {
        this.stmt('DELETE FROM search_fts WHERE rowid = ?').run(old.key);
        this.stmt('DELETE FROM search_docs WHERE doc_id = ?').run(entry.docId);
      }
      const m = entry.meta;
      this.stmt(
        `INSERT INTO search_docs (doc_id, key, ref, type, issuer, level, date, year, subject, signer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(entry.docId, entry.key, m.ref, m.type, m.issuer, m.issuerLevel, m.date, entry.year, m.subject, m.signer);
    }
    const insert = this.stmt(
      `INSERT INTO search_fts (rowid, f, x, sf, sx, refs, loai, coquan, nguoiky, cap, cites) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of entries)
      insert.run(e.key, e.f, e.x, e.sf, e.sx, e.refs, e.loai, e.coquan, e.nguoiky, e.cap, e.cites);
  }

  remove(docId: number): void {
    this.stmt('DELETE FROM search_docs WHERE doc_id = ?').run(docId);
  }

  /** Documents stored without index rows (imported by an older version or another code path). */
  unindexedIds(limit: number): number[] {
    // Cheap check first: both counts come from small indexes, never from the 5 KB document rows.
    const docs = (this.stmt('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    if (docs === this.indexedCount()) {
      const same = this.stmt(
        'SELECT (SELECT max(id) FROM documents) IS (SELECT max(doc_id) FROM search_docs) AS same',
      ).get() as { same: number };
      if (same.same) return [];
    }
    // INDEXED BY: a plain scan of documents would read every text page to list the ids.
    return this.stmt(
      'SELECT id FROM documents INDEXED BY documents_by_date WHERE id NOT IN (SELECT doc_id FROM search_docs) LIMIT ?',
    )
      .pluck()
      .all(limit) as number[];
  }

  /** What the indexer needs of a stored document. */
  documentForIndex(id: number): { meta: IndexMeta; text: string } | null {
    const row = this.stmt(
      `SELECT id, ref, type, issuer, issuer_level, date, subject, signer, text, text_packed,
              (SELECT json_group_array(json_object('ref', ref)) FROM citations WHERE document_id = documents.id) AS cites
       FROM documents WHERE id = ?`,
    ).get(id) as
      | {
          id: number;
          ref: string | null;
          type: string | null;
          issuer: string | null;
          issuer_level: string | null;
          date: string | null;
          subject: string | null;
          signer: string | null;
          text: string;
          text_packed: Buffer | null;
          cites: string;
        }
      | undefined;
    if (!row) return null;
    return {
      meta: {
        id: row.id,
        ref: row.ref,
        type: row.type,
        issuer: row.issuer,
        issuerLevel: row.issuer_level,
        date: row.date,
        subject: row.subject,
        signer: row.signer,
        citations: JSON.parse(row.cites) as { ref: string | null }[],
      },
      text: storedText(row),
    };
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Keys of matching documents, most recent first, stopping after `limit` (FTS5 walks rowids backwards). */
  keysByRecency(match: string, lo: number, hi: number, limit: number, offset = 0): number[] {
    return this.stmt(
      `SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ? OFFSET ?`,
    )
      .pluck()
      .all(match, lo, hi, limit, offset) as number[];
  }

  /** Keys with their BM25 score (higher is better), best first; only used on small match sets. */
  keysByRank(match: string, lo: number, hi: number, limit: number, offset = 0): { key: number; score: number }[] {
    return this.stmt(
      `SELECT rowid AS key, -rank AS score FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?
       ORDER BY rank, rowid DESC LIMIT ? OFFSET ?`,
    ).all(match, lo, hi, limit, offset) as { key: number; score: number }[];
  }

  countMatches(match: string, lo: number, hi: number): number {
    return (
      this.stmt(`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?`).get(
        match,
        lo,
        hi,
      ) as { n: number }
    ).n;
  }

  /** Filter-only queries (a date range, nothing to match): the key index in date order. */
  keysInRange(lo: number, hi: number, limit: number, offset = 0): number[] {
    return this.stmt(`SELECT key FROM search_docs WHERE key BETWEEN ? AND ? ORDER BY key DESC LIMIT ? OFFSET ?`)
      .pluck()
      .all(lo, hi, limit, offset) as number[];
  }

  countInRange(lo: number, hi: number): number {
    return (this.stmt(`SELECT count(*) AS n FROM search_docs WHERE key BETWEEN ? AND ?`).get(lo, hi) as { n: number })
      .n;
  }

  /** Like keysInRange but leaving out documents that match `not`. */
  keysInRangeExcept(not: string, lo: number, hi: number, limit: number, offset = 0): number[] {
    return this.stmt(
      `SELECT key FROM search_docs WHERE key BETWEEN ? AND ?
         AND key NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)
       ORDER BY key DESC LIMIT ? OFFSET ?`,
    )
      .pluck()
      .all(lo, hi, not, limit, offset) as number[];
  }

  docsByIds(ids: readonly number[]): SearchDocRow[] {
    if (ids.length === 0) return [];
    return this.stmt(`SELECT * FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as SearchDocRow[];
  }

  textsByIds(ids: readonly number[]): Map<number, string> {
    if (ids.length === 0) return new Map();
    // Only the texts shown (a page of hits) are inflated: ~20 µs each at 6 KB.
    const rows = this.stmt(
      `SELECT id, text, text_packed FROM documents WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as {
      id: number;
      text: string;
      text_packed: Buffer | null;
    }[];
    return new Map(rows.map((r) => [r.id, storedText(r)]));
  }

  /** The facet columns of every document, for the in-memory facet cache. */
  allFacetRows(): {
    doc_id: number;
    type: string | null;
    issuer: string | null;
    year: number | null;
    level: string | null;
  }[] {
    return this.stmt(`SELECT doc_id, type, issuer, year, level FROM search_docs`).all() as never;
  }

  /** The same in slices by primary key, for warming without blocking the event loop for long. */
  facetRowsAfter(
    afterId: number,
    limit: number,
  ): { doc_id: number; type: string | null; issuer: string | null; year: number | null; level: string | null }[] {
    return this.stmt(
      `SELECT doc_id, type, issuer, year, level FROM search_docs WHERE doc_id > ? ORDER BY doc_id LIMIT ?`,
    ).all(afterId, limit) as never;
  }

  /** Short fields for the suggestion index. */
  allSuggestRows(): {
    doc_id: number;
    key: number;
    ref: string | null;
    issuer: string | null;
    subject: string | null;
    type: string | null;
    signer: string | null;
    date: string | null;
  }[] {
    // A plain scan (rowid order); the caller sorts by key, cheaper than 100k index lookups.
    return this.stmt(`SELECT doc_id, key, ref, issuer, subject, type, signer, date FROM search_docs`).all() as never;
  }

  /**
   * How many tasks with `lo < id <= hi` carry each pair of agency lists (the JSON as stored). The
   * caller walks id ranges, so 1M+ tasks (100k documents) never block for long; grouping inside
   * SQLite keeps it to one short row per distinct pair (the same few recur), where reading every
   * row into JavaScript took twice as long.
   */
  taskAgencyLists(lo: number, hi: number): { lead_json: string; cooperate_json: string; n: number }[] {
    return this.stmt(
      `SELECT lead_json, cooperate_json, count(*) AS n FROM tasks WHERE id > ? AND id <= ? GROUP BY lead_json, cooperate_json`,
    ).all(lo, hi) as never;
  }

  lastTaskId(): number {
    return (this.stmt('SELECT max(id) FROM tasks').pluck().get() as number | null) ?? 0;
  }

  /** Moves when another connection commits (a prepared statement: db.pragma() prepares on every call). */
  dataVersion(): number {
    return this.stmt('PRAGMA data_version').pluck().get() as number;
  }

  newestDocId(): number {
    return (this.stmt('SELECT max(doc_id) AS n FROM search_docs').get() as { n: number | null }).n ?? 0;
  }

  indexedCount(): number {
    return (this.stmt('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n;
  }

  // ---- saved searches and history -------------------------------------------------------------

  saveSearch(name: string, query: string, sort: string, now: string): number {
    const r = this.stmt(
      `INSERT INTO saved_searches (name, query, sort, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET query = excluded.query, sort = excluded.sort, created_at = excluded.created_at
       RETURNING id`,
    ).get(name, query, sort, now) as { id: number };
    return r.id;
  }

  listSavedSearches(): { id: number; name: string; query: string; sort: string; created_at: string }[] {
    return this.stmt(
      'SELECT id, name, query, sort, created_at FROM saved_searches ORDER BY name COLLATE NOCASE',
    ).all() as never;
  }

  deleteSavedSearch(id: number): boolean {
    return this.stmt('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
  }

  addHistory(query: string, results: number | null, now: string, keep: number): void {
    // The same query typed again moves to the top instead of repeating.
    this.stmt('DELETE FROM search_history WHERE query = ?').run(query);
    this.stmt('INSERT INTO search_history (query, results, searched_at) VALUES (?, ?, ?)').run(query, results, now);
    this.stmt(
      'DELETE FROM search_history WHERE id NOT IN (SELECT id FROM search_history ORDER BY searched_at DESC, id DESC LIMIT ?)',
    ).run(keep);
  }

  history(limit: number): { query: string; results: number | null; searched_at: string }[] {
    return this.stmt(
      'SELECT query, results, searched_at FROM search_history ORDER BY searched_at DESC, id DESC LIMIT ?',
    ).all(limit) as never;
  }
}
