/**
 * Batch resolution (docs/graph.md, "Batch path"): the graph of an import batch, resolved once
 * before the batch's transaction commits instead of once per document.
 *
 * The result is the one-document path's (`resolveDocument` for each document in batch order):
 * the same steps run in the same order, on rows held in memory, with the same rules
 * (`resolveCitation`, `edgeOutcome`, `mayName`). Only the writes differ: each edge, placeholder
 * and key row is written once, in its final state, where the one-document path wrote every
 * intermediate state (a citation of a later document of the same batch went to a placeholder,
 * then moved). What that costs in history: see docs/graph.md.
 *
 * Reads are what was stored before the batch (nothing is written until `finish` has resolved
 * every document), each key read once per batch, merged with the batch's own rows in memory.
 */
import type { Database } from 'better-sqlite3';
import {
  bodiesMemoFor,
  documentCitationKeys,
  citingContext,
  citingSentence,
  documentKeys,
  levelOfBody,
  resolveCitation,
  type BodiesMemo,
  type Candidate,
  type CitationKeys,
  type DocumentKeys,
  type RegistryAlias,
} from '../../../shared/graph/keys';
import { REORGANISATION_DATE } from '../../../shared/graph/issuers';
import type { ParseResult } from '../../../shared/model/directive';
import * as gs from '../db/graph-store';
import type { DerivedColumns } from '../import/derived';
import {
  edgeKeys,
  edgeOutcome,
  fillPlaceholderFacts,
  insertCounters,
  joinBodies,
  mayName,
  placeholderFacts,
  placeholderFactsOf,
  placeholderKeyOf,
  splitBodies,
  toDecisions,
  type CitationText,
} from './resolve';

type Decided = readonly { action: string; to_doc: number }[];
const NONE: Decided = [];

/** An edge as the batch holds it: the stored row's columns, with its placeholder by key. */
interface EdgeState extends gs.EdgeRow {
  /** Key of the placeholder it points at (undefined: not looked up yet, for a stored edge). */
  phKey?: string | null;
  /** The stored row as read, to write only what changed; null for a new citation's edge. */
  stored: gs.EdgeRow | null;
  said?: CitationText;
  changed: boolean;
  /** Sentence cut at import (new citation's edge only). */
  cut?: string;
}

interface PlaceholderState {
  id: number | null;
  facts: gs.PlaceholderFacts;
  /** The stored facts, to write only what changed. */
  storedFacts: gs.PlaceholderFacts | null;
  edges: number;
  deleted: boolean;
}

interface BatchDoc {
  id: number;
  text: string;
  parse: ParseResult;
  /** Its citing sentences (as stored on its citation rows) and keys, from the import (import/derived.ts). */
  derived?: DerivedColumns;
  keys?: DocumentKeys;
  row?: gs.DocKeyRow;
  candidate?: Candidate;
  edges: EdgeState[];
}

/** Sorts as the index scans of graph_docs_by_ref / graph_edges_by_ref return rows: year (NULL first), then rowid. */
const byYearThenId = (a: { year: number | null; id: number }, b: { year: number | null; id: number }): number =>
  a.year === b.year ? a.id - b.id : a.year === null ? -1 : b.year === null ? 1 : a.year - b.year;

const push = <T>(m: Map<string, T[]>, k: string, v: T): void => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

export interface BatchResolution {
  documents: number;
  own: number;
  touched: number;
  replaced: number;
}

/**
 * Collects the documents an import batch stored (`add`, after each document's rows) and
 * resolves them together (`finish`, before the batch's search rows and commit). A throw from
 * `finish` rolls the batch back; the caller then stores each file alone (with `resolveOnInsert`).
 */
export class GraphBatch {
  private readonly docs: BatchDoc[] = [];

  constructor(private readonly db: Database) {}

  /**
   * A document stored in this batch, in storing order; text and parse as stored. Its citation rows
   * already hold their citing sentences (store.ts insertCitations). `derived`, from the import, has
   * those sentences and the keys, so they need not be cut or read again.
   */
  add(id: number, text: string, parse: ParseResult, derived?: DerivedColumns): void {
    const n = parse.citations.length;
    const fits = derived?.citationSentences.length === n && derived.graphKeys.citations.length === n;
    this.docs.push({ id, text, parse, derived: fits ? derived : undefined, edges: [] });
  }

  get size(): number {
    return this.docs.length;
  }

  finish(): BatchResolution {
    const out: BatchResolution = { documents: this.docs.length, own: 0, touched: 0, replaced: 0 };
    if (this.docs.length === 0) return out;
    const run = new BatchRun(this.db, this.docs);
    for (const d of this.docs) {
      const r = run.resolve(d);
      out.own += r.own;
      out.touched += r.touched;
      out.replaced += r.replaced;
    }
    run.write();
    insertCounters.documents += out.documents;
    insertCounters.own += out.own;
    insertCounters.touched += out.touched;
    insertCounters.replaced += out.replaced;
    this.docs.length = 0;
    return out;
  }
}

/**
 * Issuer readings outlive a batch: the same words in the same place and era are the same bodies
 * (resolveAll's memos), as long as the registry is the same and has no dated alias
 * (`bodiesMemoFor`). Bounded: cleared past MEMO_MAX entries.
 */
interface Memos {
  registry: string;
  bodies: BodiesMemo | undefined;
  docBodies: Map<string, string[]> | undefined;
}
const memos = new WeakMap<Database, Memos>();
const MEMO_MAX = 50_000;

function memosFor(db: Database, aliases: readonly RegistryAlias[]): Memos {
  const registry = JSON.stringify(aliases);
  let m = memos.get(db);
  if (!m || m.registry !== registry || (m.bodies?.size ?? 0) + (m.docBodies?.size ?? 0) > MEMO_MAX) {
    const bodies = bodiesMemoFor(aliases);
    m = { registry, bodies, docBodies: bodies ? new Map() : undefined };
    memos.set(db, m);
  }
  return m;
}

class BatchRun {
  private readonly aliases: readonly RegistryAlias[];
  private readonly memo: BodiesMemo | undefined;
  private readonly docBodies: Map<string, string[]> | undefined;
  /** Stored keys and edges by query, read once: nothing is written until `write`. */
  private readonly storedCandidates = new Map<string, Candidate[]>();
  private readonly storedEdgeLists = new Map<string, EdgeState[]>();
  /** Every edge the batch has read or made, by citation id. */
  private readonly edges = new Map<number, EdgeState>();
  /** The batch's documents resolved so far, and their new edges, by the keys queries use. */
  private readonly docsByRef = new Map<string, Candidate[]>();
  private readonly docsByTypeDate = new Map<string, Candidate[]>();
  private readonly newByRef = new Map<string, EdgeState[]>();
  private readonly newByTypeDate = new Map<string, EdgeState[]>();
  private readonly placeholders = new Map<string, PlaceholderState>();
  private readonly placeholderKeyById = new Map<number, string>();
  private readonly decisions = new Map<string, Decided>();
  private readonly batchDecisions = new Map<string, { action: string; to_doc: number }[]>();
  private readonly citationIds = new Map<number, number[]>();
  /** Placeholders a re-resolved citation left or joined: their facts are read again before writing. */
  private readonly unsettled = new Set<string>();
  private readonly firstId: number;
  private nextEdgeId: number;

  constructor(
    private readonly db: Database,
    private readonly docs: readonly BatchDoc[],
  ) {
    this.aliases = gs.loadAliases(db);
    ({ bodies: this.memo, docBodies: this.docBodies } = memosFor(db, this.aliases));
    // Edge ids as the one-document path assigns them (rowid = max + 1, in storing order): the
    // index order of the edges sharing a key, which the re-resolution follows, depends on them.
    this.nextEdgeId = gs.maxEdgeId(db) + 1;
    this.firstId = Math.min(...docs.map((d) => d.id));
    const lastId = Math.max(...docs.map((d) => d.id));
    for (const r of gs.citationIdsBetween(db, this.firstId, lastId)) {
      const l = this.citationIds.get(r.document_id);
      if (l) l.push(r.id);
      else this.citationIds.set(r.document_id, [r.id]);
    }
    for (const d of gs.decisionsFrom(db, this.firstId)) {
      if (d.match_key !== null) push(this.batchDecisions, `${d.from_id}|${d.match_key}`, d);
    }
  }

  private decided(fromId: number, matchKey: string): Decided {
    if (fromId >= this.firstId) return this.batchDecisions.get(`${fromId}|${matchKey}`) ?? NONE;
    const k = `${fromId}|${matchKey}`;
    let d = this.decisions.get(k);
    if (!d) this.decisions.set(k, (d = gs.decisionsFor(this.db, fromId, matchKey)));
    return d;
  }

  /** candidatesFor (resolve.ts) over the stored keys and the batch's documents resolved so far. */
  private candidates(k: { refKey: string | null; year: number | null; typeKey: string | null; date: string | null }) {
    if (k.refKey) {
      const mk = `${k.refKey}|${k.year ?? ''}`;
      let stored = this.storedCandidates.get(mk);
      if (!stored) {
        stored = gs
          .candidatesByRef(this.db, k.refKey, k.year)
          .map((r) => ({ id: r.document_id, date: r.date, year: r.year, bodies: splitBodies(r.bodies) }));
        this.storedCandidates.set(mk, stored);
      }
      const mine = this.docsByRef.get(k.refKey);
      if (!mine) return stored;
      const fit = k.year === null ? mine : mine.filter((d) => d.year === k.year || d.year === null);
      return fit.length ? [...stored, ...fit].sort(byYearThenId) : stored;
    }
    if (k.typeKey && k.date) {
      const mk = `${k.typeKey}|${k.date}`;
      let stored = this.storedCandidates.get(`\u0001${mk}`);
      if (!stored) {
        stored = gs
          .candidatesByTypeDate(this.db, k.typeKey, k.date)
          .map((r) => ({ id: r.document_id, date: r.date, year: r.year, bodies: splitBodies(r.bodies) }));
        this.storedCandidates.set(`\u0001${mk}`, stored);
      }
      // Batch documents have higher ids than stored ones: the index's rowid order is kept.
      const mine = this.docsByTypeDate.get(mk);
      return mine ? [...stored, ...mine] : stored;
    }
    return [];
  }

  private adopt(rows: readonly gs.EdgeRow[]): EdgeState[] {
    return rows.map((r) => {
      let e = this.edges.get(r.citation_id!);
      if (!e) this.edges.set(r.citation_id!, (e = { ...r, stored: r, changed: false }));
      return e;
    });
  }

  /** gs.edgesByRef / edgesByTypeDate as they would read with the batch's edges so far written. */
  private edgesSharing(dk: DocumentKeys): EdgeState[] {
    const out: EdgeState[] = [];
    if (dk.refKey) {
      const mk = `${dk.refKey}|${dk.year ?? ''}`;
      let stored = this.storedEdgeLists.get(mk);
      if (!stored) this.storedEdgeLists.set(mk, (stored = this.adopt(gs.edgesByRef(this.db, dk.refKey, dk.year))));
      const mine = this.newByRef.get(dk.refKey) ?? [];
      const fit = dk.year === null ? mine : mine.filter((e) => e.year === dk.year || e.year === null);
      out.push(...(fit.length ? [...stored, ...fit].sort(byYearThenId) : stored));
    }
    if (dk.typeKey && dk.date) {
      const mk = `\u0001${dk.typeKey}|${dk.date}`;
      let stored = this.storedEdgeLists.get(mk);
      if (!stored)
        this.storedEdgeLists.set(mk, (stored = this.adopt(gs.edgesByTypeDate(this.db, dk.typeKey, dk.date))));
      out.push(...stored, ...(this.newByTypeDate.get(`${dk.typeKey}|${dk.date}`) ?? []));
    }
    return out;
  }

  private placeholderAt(key: string): PlaceholderState | undefined {
    let p = this.placeholders.get(key);
    if (!p) {
      const s = gs.placeholderByKey(this.db, key);
      if (!s) return undefined;
      const { id, edges, ...facts } = s;
      p = { id, facts: { ...facts }, storedFacts: facts, edges, deleted: false };
      this.placeholders.set(key, p);
      this.placeholderKeyById.set(id, key);
    }
    return p;
  }

  private keyOfPlaceholder(e: EdgeState): string | null {
    if (e.phKey !== undefined) return e.phKey;
    if (e.to_placeholder === null) return (e.phKey = null);
    let key = this.placeholderKeyById.get(e.to_placeholder);
    if (key === undefined) {
      const s = gs.placeholderById(this.db, e.to_placeholder);
      key = s?.key ?? '';
      if (s) this.placeholderAt(s.key);
    }
    return (e.phKey = key || null);
  }

  /** gs.placeholderId: a new placeholder, or the stored one completed (coalesce of blank fields). */
  private usePlaceholder(f: gs.PlaceholderFacts): PlaceholderState {
    const p = this.placeholderAt(f.key);
    if (!p || p.deleted) {
      // Deleted earlier in the batch: the one-document path inserted a new row with these facts.
      const fresh: PlaceholderState = {
        id: p?.id ?? null,
        facts: { ...f },
        storedFacts: p?.storedFacts ?? null,
        edges: 0,
        deleted: false,
      };
      this.placeholders.set(f.key, fresh);
      return fresh;
    }
    fillPlaceholderFacts(p.facts, f.type, f.date, f.issuer, f.level);
    return p;
  }

  /** writeEdge (resolve.ts), in memory. */
  private apply(
    e: EdgeState,
    keys: CitationKeys,
    said: CitationText,
    resolution: ReturnType<typeof resolveCitation>,
    decided: Decided,
    reresolved = false,
  ): void {
    const o = edgeOutcome(resolution, decided);
    const before = this.keyOfPlaceholder(e);
    const after = o.placeholder ? this.usePlaceholder(placeholderFacts(keys, said)) : null;
    const afterKey = o.placeholder ? keys.placeholderKey : null;
    if (reresolved && before !== afterKey) {
      if (before !== null) this.unsettled.add(before);
      if (afterKey !== null) this.unsettled.add(afterKey);
    }
    if (before !== null) {
      const p = this.placeholders.get(before);
      if (p) p.edges--;
    }
    if (after) after.edges++;
    e.phKey = afterKey;
    e.to_doc = o.toDoc;
    e.status = o.status;
    e.candidates = o.candidates;
    e.ref_key = keys.refKey;
    e.year = keys.year;
    e.date = keys.date;
    e.type_key = keys.typeKey;
    e.bodies = joinBodies(keys.bodies);
    e.match_key = keys.matchKey;
    e.changed = true;
  }

  private saidOf(e: EdgeState): CitationText {
    if (!e.said) {
      const c = gs.citationById(this.db, e.citation_id!);
      e.said = {
        ref: c?.ref ?? null,
        type: c?.type ?? null,
        date: c?.date ?? null,
        issuer: c?.issuer_normalized ?? c?.issuer ?? null,
      };
    }
    return e.said;
  }

  /** documentKeys, with the issuer's reading memoized (the part that reads names). */
  private documentKeys(doc: Parameters<typeof documentKeys>[0]): DocumentKeys {
    if (!this.docBodies) return documentKeys(doc, this.aliases);
    const era = doc.date !== null && doc.date >= REORGANISATION_DATE ? 1 : 0;
    const mk = `${doc.issuer}\u0001${doc.province}\u0001${era}\u0001${doc.symbol}`;
    let bodies = this.docBodies.get(mk);
    if (!bodies) {
      bodies = documentKeys({ ...doc, ref: null, type: null }, this.aliases).bodies;
      this.docBodies.set(mk, bodies);
    }
    // Number, year and type without the issuer: documentKeys reads no name for them.
    const own = documentKeys({ ...doc, symbol: null, issuer: null, province: null }, []);
    return { ...own, bodies };
  }

  /** resolveDocument (resolve.ts) for a new document, in memory. */
  resolve(d: BatchDoc): { own: number; touched: number; replaced: number } {
    const p = d.parse;
    const doc = { ref: p.ref, symbol: p.symbol, type: p.type, issuer: p.issuer, province: p.province, date: p.date };
    // Keys read with the built-in registry hold while the archive adds no alias of its own.
    const given = this.aliases.length === 0 ? d.derived?.graphKeys : undefined;
    const dk = given?.document ?? this.documentKeys(doc);
    const bodies = dk.bodies.join('|');
    d.keys = dk;
    d.row = {
      document_id: d.id,
      ref_key: dk.refKey,
      year: dk.year,
      date: dk.date,
      type_key: dk.typeKey,
      bodies,
      level: p.issuerLevel ?? levelOfBody(dk.bodies[0]),
    };
    // As read back from graph_docs by the candidate queries.
    d.candidate = { id: d.id, date: dk.date, year: dk.year, bodies: splitBodies(bodies) };
    if (dk.refKey) push(this.docsByRef, dk.refKey, d.candidate);
    if (dk.typeKey && dk.date) push(this.docsByTypeDate, `${dk.typeKey}|${dk.date}`, d.candidate);

    const ctx = given ? null : citingContext(doc);
    const ids = this.citationIds.get(d.id) ?? [];
    if (ids.length !== p.citations.length) throw new Error(`graph batch: citations of document ${d.id} not as stored`);
    const keysOf = given?.citations ?? documentCitationKeys(p.citations, ctx!, this.aliases, this.memo);
    p.citations.forEach((c, i) => {
      const keys = keysOf[i]!;
      const decided = this.decided(d.id, keys.matchKey);
      const resolution = resolveCitation(keys, this.candidates(keys), d.id, toDecisions(decided));
      const e: EdgeState = {
        id: this.nextEdgeId++,
        citation_id: ids[i]!,
        from_id: d.id,
        to_doc: null,
        to_placeholder: null,
        phKey: null,
        status: 'ignored',
        relation: c.relation,
        sentence: '',
        ref_key: null,
        year: null,
        date: null,
        type_key: null,
        bodies: null,
        match_key: '',
        candidates: null,
        stored: null,
        changed: true,
        said: { ref: c.ref, type: c.type, date: c.date, issuer: c.issuerNormalized ?? c.issuer },
        cut: d.derived?.citationSentences[i] ?? citingSentence(d.text, c.start, c.end),
      };
      this.apply(e, keys, e.said!, resolution, decided);
      this.edges.set(e.citation_id!, e);
      d.edges.push(e);
      if (e.ref_key) push(this.newByRef, e.ref_key, e);
      else if (e.type_key && e.date) push(this.newByTypeDate, `${e.type_key}|${e.date}`, e);
    });

    // Other documents' citations of this one (resolveDocument's `others`). Nothing pointed at a
    // new document before it existed, so its `pointing` is empty.
    const others = this.edgesSharing(dk).filter((e) => mayName(e, d.id, dk));
    const left: string[] = [];
    for (const e of others) {
      const keys = edgeKeys(e, placeholderKeyOf(e));
      const decided = this.decided(e.from_id, e.match_key);
      const before = this.keyOfPlaceholder(e);
      const resolution = resolveCitation(keys, this.candidates(keys), e.from_id, toDecisions(decided));
      this.apply(e, keys, this.saidOf(e), resolution, decided, true);
      if (before !== null) left.push(before);
    }
    let replaced = 0;
    for (const key of new Set(left)) {
      const ph = this.placeholders.get(key);
      if (ph && !ph.deleted && ph.edges === 0) {
        ph.deleted = true;
        replaced++;
      }
    }
    return { own: ids.length, touched: others.length, replaced };
  }

  /**
   * placeholderFactsOf (resolve.ts) for the placeholders re-resolved citations left or joined:
   * the stored citations pointing at them, as this batch leaves them, and the batch's own.
   */
  private settle(): void {
    if (this.unsettled.size === 0) return;
    const members = new Map<string, gs.PlaceholderMember[]>();
    for (const key of this.unsettled) {
      const p = this.placeholders.get(key);
      if (!p || p.deleted) continue;
      members.set(
        key,
        p.id === null ? [] : gs.placeholderMembers(this.db, p.id).filter((m) => !this.edges.has(m.citation_id)),
      );
    }
    for (const e of this.edges.values()) {
      const list = members.get(this.keyOfPlaceholder(e) ?? '');
      if (!list) continue;
      const said = this.saidOf(e);
      list.push({
        citation_id: e.citation_id!,
        ...said,
        ref_key: e.ref_key,
        type_key: e.type_key,
        year: e.year,
        bodies: e.bodies,
      });
    }
    for (const [key, list] of members) {
      const f = placeholderFactsOf(
        key,
        list.sort((a, b) => a.citation_id - b.citation_id),
      );
      if (f) this.placeholders.get(key)!.facts = f;
    }
  }

  /** Writes keys, placeholders and edges in their final state, once. */
  write(): void {
    const db = this.db;
    this.settle();
    const ids = new Map<string, number>();
    const gone: number[] = [];
    for (const [key, p] of this.placeholders) {
      if (p.deleted) {
        if (p.id !== null) gone.push(p.id);
        continue;
      }
      if (p.id === null) ids.set(key, gs.insertPlaceholder(db, p.facts));
      else {
        ids.set(key, p.id);
        const s = p.storedFacts;
        if (
          !s ||
          s.ref !== p.facts.ref ||
          s.refKey !== p.facts.refKey ||
          s.type !== p.facts.type ||
          s.typeKey !== p.facts.typeKey ||
          s.date !== p.facts.date ||
          s.year !== p.facts.year ||
          s.issuer !== p.facts.issuer ||
          s.level !== p.facts.level
        )
          gs.updatePlaceholder(db, p.id, p.facts);
      }
    }
    const toPlaceholder = (e: EdgeState): number | null => {
      const key = this.keyOfPlaceholder(e);
      return key === null ? null : ids.get(key)!;
    };
    const fresh = gs.historyFreshMarker(db);
    for (const d of this.docs) {
      fresh(d.id);
      gs.upsertDocKeys(db, d.row!);
      for (const e of d.edges) {
        gs.insertCitationEdge(db, {
          ...e,
          citation_id: e.citation_id!,
          to_placeholder: toPlaceholder(e),
          sentence: e.cut!,
        });
      }
    }
    const updates = [...this.edges.values()].filter((e) => e.stored !== null && e.changed).sort((a, b) => a.id - b.id);
    for (const e of updates) {
      const s = e.stored!;
      const toP = toPlaceholder(e);
      if (
        s.to_doc === e.to_doc &&
        s.to_placeholder === toP &&
        s.status === e.status &&
        s.candidates === e.candidates &&
        s.ref_key === e.ref_key &&
        s.year === e.year &&
        s.date === e.date &&
        s.type_key === e.type_key &&
        s.bodies === e.bodies &&
        s.match_key === e.match_key
      )
        continue;
      gs.upsertCitationEdge(db, { ...e, citation_id: e.citation_id!, to_placeholder: toP, sentence: null });
    }
    gs.deleteOrphanPlaceholders(db, gone);
  }
}
