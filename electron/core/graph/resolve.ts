/**
 * Citation resolution (issue #5, docs/graph.md). Two entry points with the same rules
 * (shared/graph/keys.ts `resolveCitation`):
 *  - `resolveOnInsert`, inside the import transaction of one document: its own citations, then the
 *    citations elsewhere that share its ref key (placeholders it replaces, ties it creates). Nothing
 *    else is read or written.
 *  - `resolveAll` (`vanthu resolve`): every key and edge recomputed in memory, written in one
 *    transaction; clerk decisions and citing sentences are kept.
 */
import type { Database } from 'better-sqlite3';
import {
  bodiesMemoFor,
  citationKeys,
  citingContext,
  citingSentence,
  documentCitationKeys,
  documentKeys,
  levelOfBody,
  mayResolveTo,
  resolveCitation,
  type BodiesMemo,
  type Candidate,
  type CitationKeys,
  type CitingContext,
  type Decisions,
  type RegistryAlias,
  type Resolution,
  typeKey,
  yearOf,
} from '../../../shared/graph/keys';
import { refKey } from '../../../shared/text/ref';
import type { ParseResult } from '../../../shared/model/directive';
import * as gs from '../db/graph-store';
import { withHistoryMuted } from '../db/safety-store';

export const splitBodies = (s: string | null): string[] => (s ? s.split('|').filter(Boolean) : []);
export const joinBodies = (b: readonly string[] | null): string | null => (b ? b.join('|') : null);

export function toDecisions(rows: readonly { action: string; to_doc: number }[]): Decisions {
  let confirmed: number | null = null;
  const rejected = new Set<number>();
  for (const r of rows) {
    if (r.action === 'confirm') confirmed = r.to_doc;
    else if (r.action === 'reject') {
      rejected.add(r.to_doc);
      if (confirmed === r.to_doc) confirmed = null;
    }
  }
  return { confirmed, rejected };
}

function candidatesFor(
  db: Database,
  k: { refKey: string | null; year: number | null; typeKey: string | null; date: string | null },
): Candidate[] {
  const rows = k.refKey
    ? gs.candidatesByRef(db, k.refKey, k.year)
    : k.typeKey && k.date
      ? gs.candidatesByTypeDate(db, k.typeKey, k.date)
      : [];
  return rows.map((r) => ({ id: r.document_id, date: r.date, year: r.year, bodies: splitBodies(r.bodies) }));
}

export interface CitationText {
  ref: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
}

/** What a resolution puts on the edge row: one reading for the per-document and the batch path. */
export interface EdgeOutcome {
  toDoc: number | null;
  status: gs.EdgeStatus;
  candidates: string | null;
  /** The edge points at the placeholder of its key. */
  placeholder: boolean;
}

export function edgeOutcome(
  resolution: Resolution,
  decided: readonly { action: string; to_doc: number }[],
): EdgeOutcome {
  if (resolution.kind === 'resolved') {
    const to = resolution.to;
    const confirmed = decided.some((d) => d.action === 'confirm' && d.to_doc === to);
    return { toDoc: to, status: confirmed ? 'confirmed' : 'resolved', candidates: null, placeholder: false };
  }
  if (resolution.kind === 'ignored') return { toDoc: null, status: 'ignored', candidates: null, placeholder: false };
  const ids = resolution.kind === 'uncertain' ? resolution.candidates : resolution.near;
  return {
    toDoc: null,
    status: resolution.kind === 'uncertain' ? 'uncertain' : 'missing',
    candidates: ids.length ? JSON.stringify(ids) : null,
    placeholder: true,
  };
}

/** The facts a placeholder takes from a citation that points at it. */
export function placeholderFacts(keys: CitationKeys, said: CitationText): gs.PlaceholderFacts {
  return {
    key: keys.placeholderKey!,
    ref: said.ref,
    refKey: keys.refKey,
    type: said.type,
    typeKey: keys.typeKey,
    date: said.date,
    year: keys.year,
    issuer: said.issuer,
    level: levelOfBody(keys.bodies?.[0]),
  };
}

/**
 * A placeholder's facts as `resolveAll` reads them: the first citation pointing at it (by citation
 * id) gives them; type, date, issuer and level it leaves blank come from the next ones (`fill`).
 * Citations of two documents can share a placeholder (its key has no date), so which citation
 * comes first matters.
 */
export function fillPlaceholderFacts(
  f: gs.PlaceholderFacts,
  type: string | null,
  date: string | null,
  issuer: string | null,
  level: string | null,
): void {
  f.type ??= type;
  f.date ??= date;
  f.issuer ??= issuer;
  f.level ??= level;
}

export function placeholderFactsOf(key: string, members: readonly gs.PlaceholderMember[]): gs.PlaceholderFacts | null {
  let f: gs.PlaceholderFacts | null = null;
  for (const m of members) {
    const level = levelOfBody(splitBodies(m.bodies)[0]);
    if (!f)
      f = {
        key,
        ref: m.ref,
        refKey: m.ref_key,
        type: m.type,
        typeKey: m.type_key,
        date: m.date,
        year: m.year,
        issuer: m.issuer,
        level,
      };
    else fillPlaceholderFacts(f, m.type, m.date, m.issuer, level);
  }
  return f;
}

/**
 * Placeholders that edges left or joined out of citation order (a stored citation re-resolved):
 * those without edges are deleted, the others' facts read again from the citations still pointing
 * at them (a new citation joins last, which `placeholderId` completes in place). Returns how many
 * were deleted.
 */
function settlePlaceholders(db: Database, ids: readonly number[]): number {
  const unique = [...new Set(ids)];
  const deleted = gs.deleteOrphanPlaceholders(db, unique);
  for (const id of unique) {
    const stored = gs.placeholderById(db, id);
    if (!stored) continue;
    const f = placeholderFactsOf(stored.key, gs.placeholderMembers(db, id));
    if (
      f &&
      (f.ref !== stored.ref ||
        f.refKey !== stored.refKey ||
        f.type !== stored.type ||
        f.typeKey !== stored.typeKey ||
        f.date !== stored.date ||
        f.year !== stored.year ||
        f.issuer !== stored.issuer ||
        f.level !== stored.level)
    )
      gs.updatePlaceholder(db, id, f);
  }
  return deleted;
}

/** Writes one citation's edge from its keys; returns the placeholder it points at. */
function writeEdge(
  db: Database,
  citationId: number,
  fromId: number,
  relation: string,
  keys: CitationKeys,
  said: CitationText,
  sentence: string | null,
  resolution: Resolution,
  decided: readonly { action: string; to_doc: number }[],
): number | null {
  const o = edgeOutcome(resolution, decided);
  const toPlaceholder = o.placeholder ? gs.placeholderId(db, placeholderFacts(keys, said)) : null;
  gs.upsertCitationEdge(db, {
    citation_id: citationId,
    from_id: fromId,
    to_doc: o.toDoc,
    to_placeholder: toPlaceholder,
    status: o.status,
    relation,
    sentence,
    ref_key: keys.refKey,
    year: keys.year,
    date: keys.date,
    type_key: keys.typeKey,
    bodies: joinBodies(keys.bodies),
    match_key: keys.matchKey,
    candidates: o.candidates,
  });
  return toPlaceholder;
}

export function edgeKeys(e: gs.EdgeRow, placeholderKey: string | null): CitationKeys {
  return {
    refKey: e.ref_key,
    year: e.year,
    date: e.date,
    typeKey: e.type_key,
    bodies: e.bodies === null ? null : splitBodies(e.bodies),
    placeholderKey,
    matchKey: e.match_key,
  };
}

export function placeholderKeyOf(e: gs.EdgeRow): string | null {
  const tag = e.bodies
    ? (splitBodies(e.bodies)
        .map((b) => b.replace(/@.*$/, ''))
        .sort()[0] ?? '?')
    : '?';
  if (e.ref_key) return `r:${e.ref_key}:${e.year ?? '?'}:${tag}`;
  return e.type_key && e.date ? `t:${e.type_key}:${e.date}:${tag}` : null;
}

/** Re-resolves stored edges (their keys are on the row); returns the placeholders they left or joined. */
function reresolve(db: Database, edges: readonly gs.EdgeRow[]): number[] {
  const moved: number[] = [];
  for (const e of edges) {
    if (e.citation_id === null) continue;
    const keys = edgeKeys(e, placeholderKeyOf(e));
    const decided = gs.decisionsFor(db, e.from_id, e.match_key);
    const resolution = resolveCitation(keys, candidatesFor(db, keys), e.from_id, toDecisions(decided));
    const c = gs.citationById(db, e.citation_id);
    const now = writeEdge(
      db,
      e.citation_id,
      e.from_id,
      e.relation,
      keys,
      {
        ref: c?.ref ?? null,
        type: c?.type ?? null,
        date: c?.date ?? null,
        issuer: c?.issuer_normalized ?? c?.issuer ?? null,
      },
      null,
      resolution,
      decided,
    );
    if (now === e.to_placeholder) continue;
    if (e.to_placeholder !== null) moved.push(e.to_placeholder);
    if (now !== null) moved.push(now);
  }
  return moved;
}

/**
 * Whether another document's stored edge could name the document `id` with keys `dk`, so that
 * storing it may change the edge: `mayResolveTo` (shared/graph/keys.ts), the rule
 * `resolveCitation` picks its candidates by, on the keys stored on the edge. The query supplies
 * the same ref key and year (or type and date); the edges already pointing at the document are
 * read apart (`pointing`).
 */
export function mayName(
  e: Pick<gs.EdgeRow, 'from_id' | 'to_doc' | 'bodies' | 'date' | 'year'>,
  id: number,
  dk: { bodies: readonly string[]; date: string | null; year: number | null },
): boolean {
  return (
    e.from_id !== id &&
    e.to_doc !== id &&
    mayResolveTo(
      { year: e.year, date: e.date, bodies: e.bodies === null ? null : splitBodies(e.bodies) },
      { id, date: dk.date, year: dk.year, bodies: dk.bodies },
    )
  );
}

/** Other documents' stored edges that `mayName` the document `id` with keys `dk` (keyed lookups). */
function edgesNaming(
  db: Database,
  id: number,
  dk: {
    refKey: string | null;
    year: number | null;
    typeKey: string | null;
    date: string | null;
    bodies: readonly string[];
  },
): gs.EdgeRow[] {
  return [
    ...(dk.refKey ? gs.edgesByRef(db, dk.refKey, dk.year) : []),
    // Citations without a number ("Công điện ngày 27/4/2021 của …") name it by type and date.
    ...(dk.typeKey && dk.date ? gs.edgesByTypeDate(db, dk.typeKey, dk.date) : []),
  ].filter((e) => mayName(e, id, dk));
}

export interface InsertResolution {
  /** Citations of the new document that were resolved. */
  own: number;
  /** Citations of other documents re-resolved because they share the new document's key. */
  touched: number;
  /** Placeholders that the new document replaced (now without edges, deleted). */
  replaced: number;
}

/**
 * Resolves one stored document: its keys, its own citations, and the citations that share its key.
 * Call inside the transaction that stored (or re-parsed) it.
 */
export function resolveDocument(
  db: Database,
  id: number,
  aliases: readonly RegistryAlias[] = gs.loadAliases(db),
): InsertResolution {
  const doc = gs.storedDoc(db, id);
  if (!doc) return { own: 0, touched: 0, replaced: 0 };
  const dk = documentKeys(doc, aliases);
  gs.upsertDocKeys(db, {
    document_id: id,
    ref_key: dk.refKey,
    year: dk.year,
    date: dk.date,
    type_key: dk.typeKey,
    bodies: dk.bodies.join('|'),
    level: doc.issuer_level ?? levelOfBody(dk.bodies[0]),
  });
  const ctx = citingContext(doc);
  const rows = gs.citationRowsOf(db, id);
  const left: number[] = [];
  const keysOf = documentCitationKeys(
    rows.map((c) => ({ ...c, issuerNormalized: c.issuer_normalized })),
    ctx,
    aliases,
  );
  for (const [i, c] of rows.entries()) {
    const keys = keysOf[i]!;
    const before = gs.placeholderOfCitation(db, c.id);
    if (before !== null) left.push(before);
    const decided = gs.decisionsFor(db, id, keys.matchKey);
    const resolution = resolveCitation(keys, candidatesFor(db, keys), id, toDecisions(decided));
    const sentence = citingSentence(doc.text, c.start, c.end);
    if (c.sentence !== sentence) gs.setCitationSentence(db, c.id, sentence);
    const now = writeEdge(
      db,
      c.id,
      id,
      c.relation,
      keys,
      { ref: c.ref, type: c.type, date: c.date, issuer: c.issuer_normalized ?? c.issuer },
      sentence,
      resolution,
      decided,
    );
    // A stored citation (re-parse) joining a placeholder: its facts are read again.
    if (before !== null && now !== null && now !== before) left.push(now);
  }
  // Other documents' citations of this one: placeholders it replaces, or a tie it creates.
  const others = edgesNaming(db, id, dk);
  // Citations that point here already: the document's own keys may have changed (a clerk's correction).
  const pointing = gs.citationEdgesToDoc(db, id);
  left.push(...reresolve(db, [...others, ...pointing]));
  const replaced = settlePlaceholders(db, left);
  return { own: rows.length, touched: others.length + pointing.length, replaced };
}

/** Import hook: the new document's citations and what it changes, in the same transaction. */
export function resolveOnInsert(db: Database, id: number, _parse?: ParseResult): InsertResolution {
  const r = resolveDocument(db, id);
  insertCounters.documents++;
  insertCounters.own += r.own;
  insertCounters.touched += r.touched;
  insertCounters.replaced += r.replaced;
  return r;
}

/** Running totals of what imports resolved, for the bench ("touches only what changed"). */
export const insertCounters = { documents: 0, own: 0, touched: 0, replaced: 0 };

/** Re-resolves the citations of one document that a clerk decision concerns. */
export function resolveMatchKey(db: Database, fromId: number, matchKey: string): void {
  settlePlaceholders(db, reresolve(db, gs.edgesOfMatchKey(db, fromId, matchKey)));
}

/**
 * The resolution rules the code applies: 2 = one candidate rule for both directions
 * (`mayResolveTo`), so the graph no longer depends on the order documents arrived in. Stored edges
 * computed under older rules are recomputed once (migration 0140). 3 = a citation without its date
 * takes the date the same citing document gives the same number/symbol elsewhere
 * (`documentCitationKeys`): one placeholder for both, not two.
 */
export const GRAPH_RULES_VERSION = 3;

/** At open: an archive with nothing resolved yet starts at today's rules (see gs.startEmptyArchiveAtRules). */
export function startGraphRules(db: Database): void {
  try {
    gs.startEmptyArchiveAtRules(db, GRAPH_RULES_VERSION);
  } catch {
    // Another process holds the write lock: the first graph use catches up as it always did.
  }
}

/**
 * Resolves documents that have no keys or citations without edges (archives from before 0040,
 * re-parsed documents), and recomputes the whole graph once when it was resolved under older rules.
 */
export function catchUpGraph(db: Database): number {
  const stored = gs.graphRulesVersion(db);
  if (stored < GRAPH_RULES_VERSION) {
    if (stored < 3) db.transaction(() => carryUndatedDecisions(db)).immediate();
    return resolveAll(db).documents;
  }
  const ids = gs.documentsNeedingResolution(db);
  if (ids.length === 0) return 0;
  if (ids.length > 2000) {
    resolveAll(db);
    return ids.length;
  }
  const aliases = gs.loadAliases(db);
  db.transaction(() => {
    for (const id of ids) resolveDocument(db, id, aliases);
  }).immediate();
  return ids.length;
}

/**
 * Rules 3 gave a citation without its date the match key of its dated twin in the same document,
 * so a clerk's confirm/reject stored under the undated key (`…|`) would no longer meet its
 * citation: the decision is moved to the key that citation has now (when it has exactly one).
 * Ids are kept, so where the twin had a decision of its own the later word still stands.
 */
function carryUndatedDecisions(db: Database): void {
  const decisions = gs.undatedDecisions(db);
  if (decisions.length === 0) return;
  const aliases = gs.loadAliases(db);
  let fromId = -1;
  let movedTo = new Map<string, Set<string>>();
  for (const d of decisions) {
    if (d.from_id !== fromId) {
      fromId = d.from_id;
      movedTo = newKeysOfUndatedCitations(db, fromId, aliases);
    }
    const now = movedTo.get(d.match_key);
    if (now?.size === 1) gs.setDecisionMatchKey(db, d.id, [...now][0]!);
  }
}

/** For one citing document: a citation's key read alone → the keys read with the whole document, where they differ. */
function newKeysOfUndatedCitations(
  db: Database,
  id: number,
  aliases: readonly RegistryAlias[],
): Map<string, Set<string>> {
  const doc = gs.storedDoc(db, id);
  const out = new Map<string, Set<string>>();
  if (!doc) return out;
  const ctx = citingContext(doc);
  const facts = gs.citationRowsOf(db, id).map((c) => ({ ...c, issuerNormalized: c.issuer_normalized }));
  const together = documentCitationKeys(facts, ctx, aliases);
  const kept = new Set<string>();
  facts.forEach((c, i) => {
    const alone = citationKeys(c, ctx, aliases).matchKey;
    const now = together[i]!.matchKey;
    if (alone === now) {
      kept.add(now);
      return;
    }
    let keys = out.get(alone);
    if (!keys) out.set(alone, (keys = new Set()));
    keys.add(now);
  });
  // A key some citation still has keeps its decisions where they are.
  for (const k of kept) out.delete(k);
  return out;
}

export interface ResolveAllReport {
  documents: number;
  citations: number;
  resolved: number;
  missing: number;
  uncertain: number;
  ignored: number;
  placeholders: number;
  ms: number;
  /** What the write changed: only rows whose values differ are written. */
  written?: gs.WriteCounts;
  /** Where `ms` went (the commit comes after): stored graph, documents and citations read; keys and matches; sentences; the write. */
  phasesMs?: { read: number; compute: number; sentences: number; write: number };
}

/**
 * Recomputes every key and every citation edge in memory and writes them in one transaction.
 * Clerk decisions are applied again; citing sentences already stored are kept, missing ones come from
 * the citation rows (or, for citations never cut, from the documents' text).
 */
export function resolveAll(db: Database, now: () => number = () => performance.now()): ResolveAllReport {
  // Read, compute and write in one transaction: the write compares with what was read.
  const run = (): ResolveAllReport => db.transaction(() => resolveAllIn(db, now)).immediate();
  if (!gs.bulkRebuildAhead(db)) return run();
  // A rebuild writes every derived row anew: as history it would be two rows per edge (its
  // document's and its target's), most of the write's time and no change a clerk made.
  return withHistoryMuted(db, () => gs.withoutForeignKeyChecks(db, run));
}

const EMPTY_DECISIONS: readonly { action: string; to_doc: number }[] = [];

/**
 * documentCitationKeys for the few documents that cite a number once without its date and may cite
 * it again with one: their citations' keys by index in `citations`; every other citation's keys
 * are read alone (the same keys).
 */
function datesFromSameDocument(
  citations: readonly gs.CitationScan[],
  ctxOf: ReadonlyMap<number, CitingContext>,
  aliases: readonly RegistryAlias[],
  memo: BodiesMemo | undefined,
): Map<number, CitationKeys> {
  const out = new Map<number, CitationKeys>();
  const docs = new Set<number>();
  for (const c of citations) if (c.ref && !c.date) docs.add(c.document_id);
  if (docs.size === 0) return out;
  const groups = new Map<number, number[]>();
  citations.forEach((c, i) => {
    if (!docs.has(c.document_id)) return;
    const g = groups.get(c.document_id);
    if (g) g.push(i);
    else groups.set(c.document_id, [i]);
  });
  for (const [docId, idx] of groups) {
    if (idx.length < 2) continue;
    const keys = documentCitationKeys(
      idx.map((i) => citations[i]!),
      ctxOf.get(docId)!,
      aliases,
      memo,
    );
    idx.forEach((i, n) => out.set(i, keys[n]!));
  }
  return out;
}

function resolveAllIn(db: Database, now: () => number): ResolveAllReport {
  const t0 = now();
  const stored = gs.readStoredGraph(db);
  const aliases = gs.loadAliases(db);
  const docs = gs.allStoredDocs(db);
  // Nothing stored: every edge is new and takes its sentence from the citation row.
  const citations = gs.allCitations(db, stored.edgesRead === 0);
  const tRead = now();
  const byRef = new Map<string, Candidate[]>();
  const byTypeDate = new Map<string, Candidate[]>();
  const ctxOf = new Map<number, ReturnType<typeof citingContext>>();
  const docRows: gs.DocKeyRow[] = [];
  // Issuer strings recur thousands of times: read each (name, province, era) once.
  const keyMemo = new Map<string, ReturnType<typeof documentKeys>>();
  for (const d of docs) {
    const memoKey = `${d.issuer}|${d.province}|${d.date && d.date >= '2025-07-01' ? 1 : 0}|${d.symbol}`;
    let base = keyMemo.get(memoKey);
    if (!base) keyMemo.set(memoKey, (base = documentKeys({ ...d, ref: null }, aliases)));
    // The number part without the issuer (documentKeys' rules: a key needs a digit).
    const rk = d.ref ? refKey(d.ref) : '';
    const dk = {
      refKey: rk && /\d/.test(rk) ? rk : null,
      year: yearOf(d.ref, d.date),
      date: d.date,
      typeKey: typeKey(d.type),
      bodies: base.bodies,
    };
    docRows.push({
      document_id: d.id,
      ref_key: dk.refKey,
      year: dk.year,
      date: dk.date,
      type_key: dk.typeKey,
      bodies: dk.bodies.join('|'),
      level: d.issuer_level ?? levelOfBody(dk.bodies[0]),
    });
    const cand: Candidate = { id: d.id, date: dk.date, year: dk.year, bodies: dk.bodies };
    if (dk.refKey) {
      const list = byRef.get(dk.refKey);
      if (list) list.push(cand);
      else byRef.set(dk.refKey, [cand]);
    }
    if (dk.typeKey && dk.date) {
      const k = `${dk.typeKey}|${dk.date}`;
      const list = byTypeDate.get(k);
      if (list) list.push(cand);
      else byTypeDate.set(k, [cand]);
    }
    ctxOf.set(d.id, citingContext(d));
  }

  const decisionMap = new Map<string, { action: string; to_doc: number }[]>();
  for (const d of gs.allDecisions(db)) {
    if (d.match_key === null) continue;
    const k = `${d.from_id}|${d.match_key}`;
    const list = decisionMap.get(k);
    if (list) list.push(d);
    else decisionMap.set(k, [d]);
  }
  // Issuer words recur; numbers mostly do not: memoize the reading of the issuer only.
  const bodiesMemo = bodiesMemoFor(aliases);
  const joined = new Map<string[], string | null>();
  const placeholders = new Map<string, gs.PlaceholderWrite>();
  const edges: gs.ResolutionWrite['edges'] = [];
  const needText = new Set<number>();
  const counts = { resolved: 0, missing: 0, uncertain: 0, ignored: 0 };
  const sameDocument = datesFromSameDocument(citations, ctxOf, aliases, bodiesMemo);
  for (const [i, c] of citations.entries()) {
    const ctx = ctxOf.get(c.document_id)!;
    const keys = sameDocument.get(i) ?? citationKeys(c, ctx, aliases, bodiesMemo);
    let bodiesText = keys.bodies ? joined.get(keys.bodies) : null;
    if (bodiesText === undefined) joined.set(keys.bodies!, (bodiesText = joinBodies(keys.bodies)));
    const cands = keys.refKey
      ? (byRef.get(keys.refKey) ?? [])
      : keys.typeKey && keys.date
        ? (byTypeDate.get(`${keys.typeKey}|${keys.date}`) ?? [])
        : [];
    const decided =
      decisionMap.size === 0
        ? EMPTY_DECISIONS
        : (decisionMap.get(`${c.document_id}|${keys.matchKey}`) ?? EMPTY_DECISIONS);
    const resolution = resolveCitation(keys, cands, c.document_id, decided.length ? toDecisions(decided) : undefined);
    let toDoc: number | null = null;
    let placeholderKey: string | null = null;
    let toPlaceholder: number | null = null;
    let candidates: string | null = null;
    let status: gs.EdgeStatus;
    if (resolution.kind === 'resolved') {
      toDoc = resolution.to;
      status = decided.some((d) => d.action === 'confirm' && d.to_doc === toDoc) ? 'confirmed' : 'resolved';
      counts.resolved++;
    } else if (resolution.kind === 'ignored') {
      status = 'ignored';
      counts.ignored++;
    } else {
      status = resolution.kind === 'uncertain' ? 'uncertain' : 'missing';
      counts[status]++;
      const ids = resolution.kind === 'uncertain' ? resolution.candidates : resolution.near;
      candidates = ids.length ? JSON.stringify(ids) : null;
      placeholderKey = keys.placeholderKey!;
      const f = placeholders.get(placeholderKey);
      if (!f) {
        toPlaceholder = gs.placeholderSlot(stored, placeholderKey);
        placeholders.set(placeholderKey, {
          id: toPlaceholder,
          key: placeholderKey,
          ref: c.ref,
          refKey: keys.refKey,
          type: c.type,
          typeKey: keys.typeKey,
          date: c.date,
          year: keys.year,
          issuer: c.issuer_normalized ?? c.issuer,
          level: levelOfBody(keys.bodies?.[0]),
        });
      } else {
        toPlaceholder = f.id!;
        fillPlaceholderFacts(f, c.type, c.date, c.issuer_normalized ?? c.issuer, levelOfBody(keys.bodies?.[0]));
      }
    }
    // null: the stored sentence stays (read no text); a new or blank one is read below.
    const storedEdge = gs.storedEdge(stored, c.id);
    const keep = gs.hasSentence(storedEdge);
    const cut = keep ? null : (c.sentence ?? null);
    if (!keep && cut === null) needText.add(c.id);
    const edge: gs.EdgeWrite & { id: number | null } = {
      id: null,
      citation_id: c.id,
      from_id: c.document_id,
      to_doc: toDoc,
      to_placeholder: toPlaceholder,
      status,
      relation: c.relation,
      // null keeps the stored sentence; '' marks one to read below (never equal to a stored one).
      sentence: keep ? null : (cut ?? ''),
      ref_key: keys.refKey,
      year: keys.year,
      date: keys.date,
      type_key: keys.typeKey,
      bodies: bodiesText,
      match_key: keys.matchKey,
      candidates,
    };
    // Only what differs from the stored edge is kept for writing.
    const change = gs.edgeChanged(stored, storedEdge, edge);
    if (change) {
      edge.id = change.id;
      edges.push(edge);
    }
  }
  // Edges without a stored sentence take the one kept on the citation row; only citations never
  // cut (archives from before 0040) read their document's text, once, and keep what they cut.
  const tCompute = now();
  if (needText.size > 0) {
    const kept = gs.citationSentences(db, needText);
    let spans: Map<number, gs.CitationScan> | null = null;
    let current = -1;
    let text = '';
    for (const e of edges) {
      if (!needText.has(e.citation_id)) continue;
      const s = kept.get(e.citation_id);
      if (s !== undefined) {
        e.sentence = s;
        continue;
      }
      spans ??= new Map(citations.map((c) => [c.id, c]));
      if (e.from_id !== current) {
        current = e.from_id;
        text = gs.documentText(db, current);
      }
      const c = spans.get(e.citation_id)!;
      e.sentence = citingSentence(text, c.start, c.end);
      gs.setCitationSentence(db, e.citation_id, e.sentence);
    }
  }

  const tSentences = now();
  const written = gs.writeResolution(db, { docs: docRows, placeholders, edges }, stored);
  // Every edge now follows the current rules, whatever they were computed under before.
  gs.setGraphRulesVersion(db, GRAPH_RULES_VERSION);
  const tWrite = now();
  return {
    documents: docs.length,
    citations: citations.length,
    ...counts,
    placeholders: placeholders.size,
    ms: Math.round(tWrite - t0),
    written,
    phasesMs: {
      read: Math.round(tRead - t0),
      compute: Math.round(tCompute - tRead),
      sentences: Math.round(tSentences - tCompute),
      write: Math.round(tWrite - tSentences),
    },
  };
}

/**
 * Trash hook (electron/core/history/trash.ts): call inside the deleting transaction with the delete
 * as `remove`. Citations of other documents that pointed at this one are resolved again (to a
 * placeholder, or to another candidate), links the clerk added to it go, and placeholders only this
 * document cited are deleted. Restoring goes through insertSerialized, which calls resolveDocument.
 */
export function detachDocument<T>(db: Database, id: number, remove: () => T): T {
  const keys = gs.docKeysOf(db, id);
  const incoming = [
    ...gs.citationEdgesToDoc(db, id).filter((e) => e.from_id !== id),
    // Citations it was a candidate for without being their target (a tie, a near miss, a loose
    // link it stood in the way of): the rule the import's backward pass uses.
    ...(keys
      ? edgesNaming(db, id, {
          refKey: keys.ref_key,
          year: keys.year,
          typeKey: keys.type_key,
          date: keys.date,
          bodies: splitBodies(keys.bodies),
        })
      : []),
  ];
  const manual = gs
    .edgesToDoc(db, id)
    .filter((e) => e.status === 'manual')
    .map((e) => e.id);
  const own = gs.edgesFrom(db, id).flatMap((e) => (e.to_placeholder === null ? [] : [e.to_placeholder]));
  const out = remove();
  gs.deleteEdges(db, manual);
  const left = reresolve(
    db,
    incoming.map((e) => ({ ...e, to_doc: null })),
  );
  settlePlaceholders(db, [...own, ...left]);
  return out;
}
