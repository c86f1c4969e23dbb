/**
 * Search over the archive (issue #4). The plan, and why, is in docs/search.md; in short:
 *  1. the query is parsed into an AST and turned into a quoted FTS5 MATCH string;
 *  2. a probe walks at most RANK_CAP+1 matches in FTS5 rowid order (= most recent first, because
 *     the rowid is date·2^27+id) — cheap, and it stops early;
 *  3. a small match set (≤ RANK_CAP) is ranked by BM25 with subject and ref weighted up; a large
 *     one means every word is common (BM25's IDF factor is then near zero), so it is ordered by
 *     tiers — own number, all words in the subject, the rest — each tier newest first, again with
 *     early termination. Nothing ever scores all 90,000 matches of "tỉnh";
 *  4. facets count the probe (exact when the match set is small, the newest RANK_CAP otherwise),
 *     through an in-memory cache of each document's facet columns;
 *  5. snippets are cut in TypeScript from the stored text of the shown page only.
 */
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import { docIdOfKey, keyRange } from '../../../shared/search/entry';
import { registerCsv, registerHtml, type ExportedResults } from '../../../shared/search/export';
import { buildMatch } from '../../../shared/search/fts';
import { highlightTerms, makeSnippet } from '../../../shared/search/highlight';
import {
  abbreviationFor,
  filterBeingTyped,
  isEmptyQuery,
  MAX_QUERY_CHARS,
  parseQuery,
  typedWords,
  type ParsedQuery,
  type Word,
  type WordField,
} from '../../../shared/search/query';
import { REF_CODES } from '../../../shared/search/ref';
import { dateSuggestions, levelSuggestions, yearSuggestions } from '../../../shared/search/filter-suggest';
import { localIsoDate } from '../../../shared/tasks/status';
import { foldedToken } from '../../../shared/search/tokens';
import { AgencyIndex, agencyKey } from '../../../shared/tasks/agencies';
import { OfficeSettingsSchema } from '../../../shared/tasks/schema';
import type {
  FacetCount,
  Facets,
  HistoryEntry,
  SavedSearch,
  SearchHit,
  SearchResponse,
  SearchSort,
  SuggestFilter,
  Suggestion,
} from '../../../shared/search/types';
import type { SearchDocRow, SearchStore } from '../db/search-store';
import { getOfficeSettingsJson } from '../db/tasks-store';
import { searchStore } from './indexer';
import { NameIndex, type NameEntry, type NameHit } from './name-suggest';
import { SuggestIndex, suggestTerms, type SuggestEntry } from './suggest-index';

/** Tasks read per turn of the event loop when warming the agency names (~12 per document). */
const TASK_SLICE = 20000;

/** Other spellings of one agency an agency suggestion searches for too (most used first). */
const MAX_SPELLINGS = 4;

/** A name with more words than were typed plus this many ranks after subjects (see suggest()). */
const NAME_SLACK = 3;

interface Suggesters {
  names: NameIndex;
  subjects: SuggestIndex;
  /** Document types and signers: suggested for `loai:` and `nguoiky:`, and their values corrected from them. */
  fieldValues: NameIndex;
  /** `nam:` — the years of the documents, newest first, with how many documents each. */
  years: { year: number; n: number }[];
  /** `tu:`/`den:` — the newest distinct document dates (ISO), newest first. */
  dates: string[];
}

/** What each filter a suggestion can fill in suggests. */
const FILTER_KIND: Record<'so' | 'loai' | 'coquan' | 'nguoiky', Suggestion['kind']> = {
  so: 'ref',
  loai: 'type',
  coquan: 'issuer',
  nguoiky: 'signer',
};

/** How many of the newest document dates `tu:`/`den:` may suggest. */
const RECENT_DATES = 12;
const WORD_FIELD_KIND: Record<WordField, Suggestion['kind']> = { loai: 'type', coquan: 'issuer', nguoiky: 'signer' };

/** Above this many matches the words are all common: order by tiers and recency instead of BM25. */
export const RANK_CAP = Number(process.env.VANTHU_RANK_CAP ?? 400);
export const MAX_LIMIT = 500;
const HISTORY_KEEP = 200;
const VI = new Intl.Collator('vi');
const FACET_TOP = 12;

export interface SearchRequest {
  query: string;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
  /** Count every match even past RANK_CAP (slower on common words; the UI asks for it after page 1). */
  exactTotal?: boolean;
  /** Skip facets (the CLI does not show them). */
  facets?: boolean;
  /** Skip snippets (exports). */
  snippets?: boolean;
}

interface FacetRow {
  type: string | null;
  issuer: string | null;
  year: number | null;
  level: string | null;
}

/**
 * Facet columns of every document seen so far, compactly: four interned value codes per doc id
 * (0 = not loaded, 1 = null), so warming 100k documents costs ~2 MB instead of 100k objects.
 */
class FacetCache {
  private codes = new Int32Array(0);
  private readonly values: (string | null)[] = ['', null];
  private readonly codeOf = new Map<string, number>();
  private code(v: string | number | null): number {
    if (v === null || v === '') return 1;
    const k = String(v);
    let c = this.codeOf.get(k);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(k);
      this.codeOf.set(k, c);
    }
    return c;
  }
  has(id: number): boolean {
    return id * 4 < this.codes.length && this.codes[id * 4] !== 0;
  }
  set(id: number, f: FacetRow): void {
    if (id * 4 + 4 > this.codes.length) {
      const grown = new Int32Array(Math.max(id * 4 + 4, this.codes.length * 2, 4096));
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[id * 4] = this.code(f.type);
    this.codes[id * 4 + 1] = this.code(f.issuer);
    this.codes[id * 4 + 2] = this.code(f.year);
    this.codes[id * 4 + 3] = this.code(f.level);
  }
  /** The value of facet `slot` (0 type, 1 issuer, 2 year, 3 level) of a loaded document. */
  value(id: number, slot: number): string | null {
    return this.values[this.codes[id * 4 + slot]!] ?? null;
  }
  clear(): void {
    this.codes = new Int32Array(0);
  }
}

export class SearchEngine {
  readonly store: SearchStore;
  private facetCache = new FacetCache();
  private suggesters: Suggesters | null = null;
  /** How many tasks carry each agency list (the JSON as stored), read so far and up to which task. */
  private taskAgencies: { counts: Map<string, number>; after: number; last: number; done: boolean } | null = null;
  private dataVersion = '';
  private warmScheduled = false;

  constructor(readonly db: Database) {
    this.store = searchStore(db);
  }

  /** Drops caches when another connection (a CLI import while the app is open) changed the archive. */
  private checkFreshness(): void {
    // data_version moves when another connection commits; the newest id when this one imports.
    const v = `${this.store.dataVersion()}:${this.store.newestDocId()}`;
    if (v !== this.dataVersion) {
      if (this.dataVersion !== '') this.invalidate();
      this.dataVersion = v;
    }
  }

  /** Forget cached facet rows and the suggestion index (after imports or corrections). */
  invalidate(): void {
    this.facetCache.clear();
    this.suggesters = null;
    this.taskAgencies = null;
  }

  // ---------------------------------------------------------------------------------------------

  search(req: SearchRequest): SearchResponse {
    const started = performance.now();
    this.checkFreshness();
    const sort: SearchSort = req.sort ?? 'relevance';
    const limit = Math.min(Math.max(1, req.limit ?? 20), MAX_LIMIT);
    const offset = Math.max(0, req.offset ?? 0);
    const q = parseQuery(req.query);
    const base = { query: req.query, sort, offset, warnings: q.warnings, didYouMean: null as string | null };
    if (isEmptyQuery(q)) {
      return {
        ...base,
        items: [],
        total: 0,
        totalExact: true,
        facets: emptyFacets(),
        facetsExact: true,
        tookMs: performance.now() - started,
      };
    }
    const plan = buildMatch(q);
    const [lo, hi] = keyRange(q.filters.from, q.filters.to);

    let probe: number[];
    let ordered: { key: number; score: number }[];
    let total: number;
    let totalExact: boolean;
    const need = offset + limit;

    try {
      if (!plan.all) {
        // Only a date range: the key index is already in date order.
        probe = plan.not
          ? this.store.keysInRangeExcept(plan.not, lo, hi, RANK_CAP + 1)
          : this.store.keysInRange(lo, hi, RANK_CAP + 1);
        const small = probe.length <= RANK_CAP;
        total = small ? probe.length : req.exactTotal && !plan.not ? this.store.countInRange(lo, hi) : RANK_CAP;
        totalExact = small || Boolean(req.exactTotal && !plan.not);
        const keys =
          need <= probe.length
            ? probe.slice(0, need)
            : plan.not
              ? this.store.keysInRangeExcept(plan.not, lo, hi, need)
              : this.store.keysInRange(lo, hi, need);
        ordered = keys.map((key) => ({ key, score: 0 }));
      } else {
        probe = this.store.keysByRecency(plan.all, lo, hi, RANK_CAP + 1);
        const small = probe.length <= RANK_CAP;
        total = small ? probe.length : req.exactTotal ? this.store.countMatches(plan.all, lo, hi) : RANK_CAP;
        totalExact = small || Boolean(req.exactTotal);
        ordered =
          sort === 'date'
            ? this.byDate(plan.all, probe, lo, hi, need)
            : this.byRelevance(plan, probe, small, lo, hi, need);
      }
    } catch (error) {
      // Our MATCH strings are built from quoted tokens; an FTS5 error here is our bug, not the user's.
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_ERROR')) throw new VanthuError('INTERNAL', `search: ${(error as Error).message}`);
      throw error;
    }

    this.warmInBackground();
    const page = ordered.slice(offset, offset + limit);
    const items = this.hits(page, q, req.snippets !== false);
    const facets = req.facets === false ? emptyFacets() : this.facets(probe.slice(0, RANK_CAP));
    const response: SearchResponse = {
      ...base,
      items,
      total,
      totalExact,
      facets,
      facetsExact: probe.length <= RANK_CAP,
      tookMs: 0,
    };
    if (total === 0 && offset === 0) response.didYouMean = this.didYouMean(q, req.query);
    response.tookMs = performance.now() - started;
    return response;
  }

  private byDate(
    match: string,
    probe: number[],
    lo: number,
    hi: number,
    need: number,
  ): { key: number; score: number }[] {
    const keys =
      need <= probe.length || probe.length <= RANK_CAP
        ? probe.slice(0, need)
        : this.store.keysByRecency(match, lo, hi, need);
    return keys.map((key) => ({ key, score: 0 }));
  }

  private byRelevance(
    plan: ReturnType<typeof buildMatch>,
    probe: number[],
    small: boolean,
    lo: number,
    hi: number,
    need: number,
  ): { key: number; score: number }[] {
    const out: { key: number; score: number }[] = [];
    const seen = new Set<number>();
    const add = (key: number, score: number): void => {
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ key, score });
      }
    };
    // Tier 0: documents whose own number is the one typed, newest first.
    if (plan.ownRef) for (const key of this.store.keysByRecency(plan.ownRef, lo, hi, need)) add(key, 1000);
    if (out.length >= need) return out;
    if (small) {
      if (probe.length === 0) return out;
      // BM25 over the whole (small) match set; documents with every word in the subject go first.
      const ranked = this.store.keysByRank(plan.ranked!, lo, hi, RANK_CAP);
      const inSubject = new Set(plan.subject ? this.store.keysByRecency(plan.subject, lo, hi, RANK_CAP) : []);
      for (const r of ranked) if (inSubject.has(r.key)) add(r.key, Math.round((100 + r.score) * 1000) / 1000);
      for (const r of ranked) add(r.key, Math.round(r.score * 1000) / 1000);
      return out;
    }
    // Every word is common. Tier 1: all words in the subject; tier 2: the rest. Newest first.
    if (plan.subject) {
      for (const key of this.store.keysByRecency(plan.subject, lo, hi, need)) add(key, 2);
      if (out.length >= need) return out;
      const rest = `(${plan.all}) NOT (${plan.subject})`;
      for (const key of this.store.keysByRecency(rest, lo, hi, need)) add(key, 1);
    } else {
      for (const key of probe.length >= need ? probe.slice(0, need) : this.store.keysByRecency(plan.all!, lo, hi, need))
        add(key, 1);
    }
    return out;
  }

  private hits(page: { key: number; score: number }[], q: ParsedQuery, snippets: boolean): SearchHit[] {
    const ids = page.map((p) => docIdOfKey(p.key));
    const rows = new Map(this.store.docsByIds(ids).map((r) => [r.doc_id, r]));
    const texts = snippets ? this.store.textsByIds(ids) : new Map<number, string>();
    const terms = highlightTerms(q);
    const items: SearchHit[] = [];
    page.forEach((p, i) => {
      const id = ids[i]!;
      const row = rows.get(id);
      if (!row) return;
      const snippet = snippets
        ? makeSnippet(texts.get(id) ?? '', terms)
        : { text: '', highlights: [] as [number, number][] };
      items.push(toHit(row, snippet.text, snippet.highlights, p.score));
    });
    return items;
  }

  // ---------------------------------------------------------------------------------------------

  private facets(keys: readonly number[]): Facets {
    const ids = keys.map(docIdOfKey);
    const missing = ids.filter((id) => !this.facetCache.has(id));
    if (missing.length) {
      for (const r of this.store.docsByIds(missing)) {
        this.facetCache.set(r.doc_id, { type: r.type, issuer: r.issuer, year: r.year, level: r.level });
      }
    }
    const counters = {
      type: new Map<string, number>(),
      issuer: new Map<string, number>(),
      year: new Map<string, number>(),
      level: new Map<string, number>(),
    };
    const bump = (m: Map<string, number>, v: string | number | null): void => {
      if (v === null || v === '') return;
      const k = String(v);
      m.set(k, (m.get(k) ?? 0) + 1);
    };
    const cache = this.facetCache;
    for (const id of ids) {
      if (!cache.has(id)) continue;
      bump(counters.type, cache.value(id, 0));
      bump(counters.issuer, cache.value(id, 1));
      bump(counters.year, cache.value(id, 2));
      bump(counters.level, cache.value(id, 3));
    }
    const top = (m: Map<string, number>, byValue = false): FacetCount[] =>
      [...m]
        .map(([value, count]) => ({ value, count }))
        .sort(
          byValue
            ? (a, b) => (a.value < b.value ? 1 : -1)
            : (a, b) => b.count - a.count || VI.compare(a.value, b.value),
        )
        .slice(0, byValue ? 30 : FACET_TOP);
    return {
      type: top(counters.type),
      issuer: top(counters.issuer),
      year: top(counters.year, true),
      level: top(counters.level),
    };
  }

  /** Loads every document's facet columns at once (also done in the background after the first search). */
  warmFacets(): void {
    for (const r of this.store.allFacetRows())
      this.facetCache.set(r.doc_id, { type: r.type, issuer: r.issuer, year: r.year, level: r.level });
  }

  /**
   * Loads the facet cache and builds the suggestion index on later turns of the event loop, so
   * neither a facet count nor the first suggestion pays for them: after the first search, and in
   * the app and `vanthu serve` once the home list is served (the clerk types before searching:
   * the first suggestion at 100k documents waited ~1.4 s for the build).
   */
  warmInBackground(): void {
    if (this.warmScheduled) return;
    this.warmScheduled = true;
    const step = (work: () => void, next?: () => void): void => {
      setImmediate(() => {
        try {
          if (this.db.open) work();
        } catch {
          // Only caches: the next use builds them.
        }
        next?.();
      });
    };
    // Facets in slices of 10k documents (~50 ms each at 100k), then the tasks' agencies in slices
    // of TASK_SLICE tasks, then the suggestion indexes.
    let after = 0;
    const facetSlice = (): void =>
      step(
        () => {
          const from = after;
          after = -1; // an error stops the warm-up; the cache stays read-through
          const rows = this.store.facetRowsAfter(from, 10000);
          for (const r of rows)
            this.facetCache.set(r.doc_id, { type: r.type, issuer: r.issuer, year: r.year, level: r.level });
          after = rows.length === 10000 ? rows[rows.length - 1]!.doc_id : -1;
        },
        () => (after >= 0 && this.db.open ? facetSlice() : agencySlice()),
      );
    const agencySlice = (): void =>
      step(
        () => this.readAgencySlice(),
        () =>
          this.taskAgencies && !this.taskAgencies.done && this.db.open
            ? agencySlice()
            : step(() => this.warmSuggestions()),
      );
    facetSlice();
  }

  // ---------------------------------------------------------------------------------------------
  // Suggestions: short fields only. Names (issuers, agencies) through MiniSearch (name-suggest.ts);
  // subjects and refs, about one per document, through the top-k index (suggest-index.ts).

  private suggestions(): Suggesters {
    this.checkFreshness();
    if (this.suggesters) return this.suggesters;
    // One entry per distinct text: the same number ("22-CV/TU") is issued by many bodies and the
    // same subject recurs, and picking a suggestion searches its text. Subjects and refs newest
    // first (the index walks in that order and stops at k). Refs stay out of MiniSearch: they grow
    // with the archive (6,194 distinct at 100k) and share codes ("tu", "ubnd"), so a short prefix
    // made it score thousands of them (docs/search.md §Suggestions).
    const rows = this.store.allSuggestRows().sort((a, b) => b.key - a.key);
    const issuers = new Map<string, NameEntry>();
    const fieldValues = new Map<string, NameEntry>();
    const count = (names: Map<string, NameEntry>, kind: Suggestion['kind'], text: string | null): void => {
      if (!text) return;
      const e = names.get(`${kind}:${text}`);
      if (e) e.uses++;
      else names.set(`${kind}:${text}`, { kind, text, aka: [], uses: 1, doc: null });
    };
    const docs: SuggestEntry[] = [];
    const seen = new Set<string>();
    const years = new Map<number, number>();
    const dates = new Set<string>();
    for (const r of rows) {
      if (r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date)) {
        const year = Number(r.date.slice(0, 4));
        years.set(year, (years.get(year) ?? 0) + 1);
        dates.add(r.date);
      }
      count(issuers, 'issuer', r.issuer);
      count(fieldValues, 'type', r.type);
      count(fieldValues, 'signer', r.signer);
      if (r.subject) {
        const key = `s:${foldedToken(r.subject)}`;
        if (!seen.has(key)) {
          seen.add(key);
          docs.push({ kind: 'subject', text: r.subject, doc: r.doc_id });
        }
      }
      if (r.ref) {
        const key = `r:${r.ref.toLowerCase()}`;
        if (!seen.has(key)) {
          seen.add(key);
          docs.push({ kind: 'ref', text: r.ref, doc: r.doc_id });
        }
      }
    }
    this.suggesters = {
      names: new NameIndex([...issuers.values(), ...this.agencyEntries()]),
      subjects: new SuggestIndex(docs),
      fieldValues: new NameIndex([...fieldValues.values()]),
      years: [...years].map(([year, n]) => ({ year, n })).sort((a, b) => b.year - a.year),
      dates: [...dates].sort().reverse().slice(0, RECENT_DATES),
    };
    return this.suggesters;
  }

  /**
   * The agencies tasks are given to (lead and cooperating), one per folded name (agencyKey), shown
   * as most often written, with the other ways the tasks write it (a search for the agency looks
   * for any of them); the office's own list, when saved, adds its names and matches their short
   * names and aliases ("BTG Huyện ủy" in a task is then Ban Tuyên giáo Huyện ủy).
   */
  private agencyEntries(): NameEntry[] {
    const office = this.officeAgencies();
    const byKey = new Map<
      string,
      { entry: NameEntry; listed: boolean; spellings: Map<string, { text: string; n: number }> }
    >();
    const add = (name: string, uses: number): void => {
      const text = name.replace(/\s+/g, ' ').trim();
      const listed = office.resolve(text);
      const key = agencyKey(listed?.name ?? text);
      if (!key) return;
      let group = byKey.get(key);
      if (!group) {
        const aka = listed ? [listed.short, ...listed.aliases].filter(Boolean) : [];
        group = {
          entry: { kind: 'agency', text: listed?.name ?? text, aka, uses: 0, doc: null },
          listed: listed !== null,
          spellings: new Map(),
        };
        byKey.set(key, group);
      }
      group.entry.uses += uses;
      // Spellings that differ only in case, marks or spacing are one phrase to the search.
      const folded = suggestTerms(text).join(' ');
      const spelling = group.spellings.get(folded) ?? { text, n: 0 };
      spelling.n += uses;
      group.spellings.set(folded, spelling);
    };
    for (const a of office.agencies) add(a.name, 0);
    while (!this.taskAgencies?.done) this.readAgencySlice();
    for (const [json, n] of this.taskAgencies.counts)
      for (const name of JSON.parse(json) as unknown[]) if (typeof name === 'string') add(name, n);
    for (const { entry, listed, spellings } of byKey.values()) {
      const byUse = [...spellings.values()].sort((a, b) => b.n - a.n);
      if (!listed) entry.text = byUse[0]!.text;
      const shown = suggestTerms(entry.text).join(' ');
      const others = byUse.filter((s) => s.n > 0 && suggestTerms(s.text).join(' ') !== shown).slice(0, MAX_SPELLINGS);
      if (others.length > 0) entry.alsoWritten = others.map((s) => s.text);
    }
    return [...byKey.values()].map((g) => g.entry);
  }

  /**
   * Counts the agency lists of the next TASK_SLICE task ids. Lists are counted as stored JSON: the
   * same few recur, so each distinct one is parsed once, at build.
   */
  private readAgencySlice(): void {
    const t = (this.taskAgencies ??= { counts: new Map(), after: 0, last: this.store.lastTaskId(), done: false });
    if (t.done) return;
    for (const r of this.store.taskAgencyLists(t.after, t.after + TASK_SLICE)) {
      t.counts.set(r.lead_json, (t.counts.get(r.lead_json) ?? 0) + r.n);
      t.counts.set(r.cooperate_json, (t.counts.get(r.cooperate_json) ?? 0) + r.n);
    }
    t.after += TASK_SLICE;
    t.done = t.after >= t.last;
  }

  /** The clerk's agency list from the office settings (empty when never saved or unreadable). */
  private officeAgencies(): AgencyIndex {
    const json = getOfficeSettingsJson(this.db);
    if (!json) return new AgencyIndex([]);
    try {
      const parsed = OfficeSettingsSchema.safeParse(JSON.parse(json));
      return new AgencyIndex(parsed.success ? parsed.data.agencies : []);
    } catch {
      return new AgencyIndex([]);
    }
  }

  /** Builds the suggestion indexes now (the app does it in the background; the bench times it). */
  warmSuggestions(): number {
    const { names, subjects } = this.suggestions();
    return names.size + subjects.size;
  }

  /**
   * One list from both indexes. What matched as typed comes before what needed typo tolerance;
   * within each, names about as long as what was typed ("cong an" → "Công an huyện", matched on
   * the name shown rather than an alias) come first,
   * at most half the list when subjects or refs match too, then those (newest first), then longer names
   * that merely contain the words (an agency written with half a sentence after it).
   */
  suggest(prefix: string, limit = 8): Suggestion[] {
    const text = prefix.normalize('NFC').slice(0, 200);
    if (!/[\p{L}\p{N}]/u.test(text)) return [];
    const typing = filterBeingTyped(text);
    if (typing) return this.suggestFilter(typing.field, typing.value, limit);
    const { names, subjects } = this.suggestions();
    const typed = suggestTerms(text).length;
    // Typo tolerance only when nothing matches as typed, in either index (as within each).
    const subj = subjects.lookup(text, limit);
    let nameHits = names.search(text, limit, false);
    if (nameHits.length === 0 && (subj.entries.length === 0 || subj.fuzzy)) nameHits = names.search(text, limit);
    const group = (fuzzy: boolean): SuggestEntry[] => {
      const hits = nameHits.filter((h) => h.fuzzy === fuzzy);
      const isClose = (h: NameHit) => h.onName && suggestTerms(h.entry.text).length <= typed + NAME_SLACK;
      const close = hits.filter(isClose).map((h) => h.entry);
      const loose = hits.filter((h) => !isClose(h)).map((h) => h.entry);
      const subjectHits = subj.fuzzy === fuzzy ? subj.entries : [];
      const head = subjectHits.length > 0 ? Math.ceil(limit / 2) : limit;
      return [...close.slice(0, head), ...subjectHits, ...close.slice(head), ...loose];
    };
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    for (const r of [...group(false), ...group(true)]) {
      const key = `${r.kind}:${r.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const also = (r as NameEntry).alsoWritten;
      out.push(
        also ? { kind: r.kind, text: r.text, id: r.doc, alsoWritten: also } : { kind: r.kind, text: r.text, id: r.doc },
      );
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Values for the filter being typed, from that field only: `coquan:` issuers, `loai:` document
   * types, `nguoiky:` signers (most used first when nothing is typed yet), `so:` numbers (newest
   * first). Each tells the box which filter picking it fills in.
   */
  private suggestFilter(field: SuggestFilter, value: string, limit: number): Suggestion[] {
    const { names, subjects, fieldValues, years, dates } = this.suggestions();
    if (field === 'nam' || field === 'cap' || field === 'tu' || field === 'den') {
      const values =
        field === 'nam'
          ? yearSuggestions(value, years)
          : field === 'cap'
            ? levelSuggestions(value)
            : dateSuggestions(field, value, dates, localIsoDate(new Date()));
      return values.slice(0, limit).map((v) => ({ ...v, id: null, filter: field }));
    }
    const kind = FILTER_KIND[field];
    const typed = /[\p{L}\p{N}]/u.test(value);
    let entries: { kind: Suggestion['kind']; text: string; doc: number | null }[];
    if (field === 'so') entries = typed ? subjects.lookup(value, limit, kind).entries : subjects.first(kind, limit);
    else {
      const index = field === 'coquan' ? names : fieldValues;
      entries = typed ? index.search(value, limit, true, kind).map((h) => h.entry) : index.mostUsed(kind, limit);
    }
    return entries.map((e) => ({ kind: e.kind, text: e.text, id: e.doc, filter: field }));
  }

  /** True when the query finds at least one document (a "did you mean" must). */
  private finds(query: string): boolean {
    let q: ParsedQuery;
    try {
      q = parseQuery(query);
    } catch {
      return false;
    }
    if (isEmptyQuery(q)) return false;
    const plan = buildMatch(q);
    const [lo, hi] = keyRange(q.filters.from, q.filters.to);
    if (plan.all) return this.store.keysByRecency(plan.all, lo, hi, 1).length > 0;
    return (
      (plan.not ? this.store.keysInRangeExcept(plan.not, lo, hi, 1) : this.store.keysInRange(lo, hi, 1)).length > 0
    );
  }

  /**
   * When nothing matched: the query as typed with each unknown word replaced by its nearest known
   * one, in place — operators, quotes, excluded words, numbers, other filters and anything the
   * language does not read (`NEAR(a b)`, `x:abc`) stay exactly as typed. A `loai:`, `coquan:` or
   * `nguoiky:` value is corrected from that field's own values only. Nothing is offered unless the
   * corrected query finds something.
   */
  private didYouMean(q: ParsedQuery, raw: string): string | null {
    // Words the parser searched for as words: not abbreviations, not parts of a number/symbol.
    const searched = new Set(
      q.must.flatMap((c) =>
        c.any.flatMap((a) =>
          a.kind === 'word' && !a.abbr ? [a.word.text] : a.kind === 'phrase' ? a.words.map((w) => w.text) : [],
        ),
      ),
    );
    const { input, words } = typedWords(raw);
    const fixes: { start: number; end: number; text: string }[] = [];
    for (const t of words) {
      if (t.field === null && !searched.has(t.word.text)) continue;
      const fix = t.field === null ? this.wordFix(t.word) : this.fieldFix(t.field, t.word);
      if (fix !== null) fixes.push({ start: t.start, end: t.end, text: likeTyped(t.word.text, fix) });
    }
    if (fixes.length === 0) return null;
    let corrected = input;
    for (const f of fixes.reverse()) corrected = corrected.slice(0, f.start) + f.text + corrected.slice(f.end);
    return corrected !== input && this.finds(corrected) ? corrected : null;
  }

  /** The replacement for a word searched in the text that no document has, or null. */
  private wordFix(w: Word): string | null {
    const has = (match: string) => this.store.keysByRecency(match, 0, Number.MAX_SAFE_INTEGER, 1).length > 0;
    if (has(w.exact ? `x : "${w.exact}"` : `f : "${w.folded}"`)) return null;
    // The accented form is absent but the letters occur with other marks: offer the loose form.
    if (w.exact) return has(`f : "${w.folded}"`) ? w.folded : null;
    // One or two letters are too short to guess from (any short word is an edit away), and a
    // number is what the clerk means, not a typo of another year (2029 is not 2021).
    if (w.folded.length < 3 || /\d/.test(w.folded)) return null;
    // The nearest word of the short fields, a swap of two letters counting as one edit ("dcih" → "dich");
    // ties go to the more frequent subject word, then to names, which are asked only when no
    // subject word is one edit away (their fuzzy search costs a few ms even over a few hundred).
    // The suggestion index is normally built in the background after the first search; an empty
    // result before that builds it now (once), so every empty search gets its answer.
    const { names, subjects } = this.suggestions();
    const max = w.folded.length >= 4 ? 2 : 1;
    const near = subjects.nearTerms(w.folded, false, max);
    if ((near[0]?.d ?? Infinity) > 1) near.push(...names.nearTerms(w.folded, max));
    const term = near.sort((a, b) => a.d - b.d)[0]?.term;
    return term && term !== w.folded ? term : null;
  }

  /** The replacement for a filter's word that no value of that field has, from that field's values. */
  private fieldFix(field: WordField, w: Word): string | null {
    if (w.folded.length < 3 || /\d/.test(w.folded)) return null;
    // loai:CT is the code of the number/symbol, coquan:UBND an abbreviation: both are read as typed.
    if (field === 'loai' && REF_CODES.has(w.folded)) return null;
    if (field === 'coquan' && abbreviationFor(w.text)) return null;
    const { names, fieldValues } = this.suggestions();
    const index = field === 'coquan' ? names : fieldValues;
    const kind = WORD_FIELD_KIND[field];
    if (index.hasTerm(w.folded, kind)) return null;
    const term = index.nearTerms(w.folded, w.folded.length >= 4 ? 2 : 1, kind)[0]?.term;
    return term && term !== w.folded ? term : null;
  }

  // ---------------------------------------------------------------------------------------------

  /** Every result (up to `max`) as a register table. */
  exportResults(query: string, sort: SearchSort, format: 'csv' | 'html', max: number): ExportedResults {
    const rows: SearchHit[] = [];
    for (let offset = 0; offset < max; offset += MAX_LIMIT) {
      const page = this.search({
        query,
        sort,
        offset,
        limit: Math.min(MAX_LIMIT, max - offset),
        facets: false,
        snippets: false,
      });
      rows.push(...page.items);
      if (page.items.length < MAX_LIMIT) break;
    }
    // The register stops at `max` rows: how many the search found, so neither the printed register
    // nor the clerk takes the first 10,000 for all of them (it said «10000 văn bản» of 25,000).
    let total = rows.length;
    let totalExact = true;
    if (rows.length >= max) {
      const counted = this.search({
        query,
        sort,
        offset: 0,
        limit: 1,
        facets: false,
        snippets: false,
        exactTotal: true,
      });
      total = Math.max(counted.total, rows.length);
      totalExact = counted.totalExact;
    }
    const of = { total, totalExact };
    const stamp = new Date().toISOString();
    if (format === 'csv')
      return {
        fileName: `ket-qua-tim-kiem-${stamp.slice(0, 10)}.csv`,
        mimeType: 'text/csv;charset=utf-8',
        content: registerCsv(rows),
        count: rows.length,
        ...of,
      };
    return {
      fileName: `ket-qua-tim-kiem-${stamp.slice(0, 10)}.html`,
      mimeType: 'text/html;charset=utf-8',
      content: registerHtml(rows, query, stamp, of),
      count: rows.length,
      ...of,
    };
  }

  saveSearch(name: string, rawQuery: string, sort: SearchSort): SavedSearch {
    const trimmed = name.trim();
    if (!trimmed) throw new VanthuError('INVALID_INPUT', 'Tên tìm kiếm đã lưu không được để trống.');
    const query = searchedPart(rawQuery);
    parseQuery(query);
    const now = new Date().toISOString();
    const id = this.store.saveSearch(trimmed, query, sort, now);
    return { id, name: trimmed, query, sort, createdAt: now };
  }

  listSavedSearches(): SavedSearch[] {
    return this.store
      .listSavedSearches()
      .map((r) => ({ id: r.id, name: r.name, query: r.query, sort: r.sort as SearchSort, createdAt: r.created_at }));
  }

  deleteSavedSearch(id: number): void {
    if (!this.store.deleteSavedSearch(id)) throw new VanthuError('NOT_FOUND', `saved search #${id}`);
  }

  recordHistory(rawQuery: string, results: number | null): void {
    const query = searchedPart(rawQuery);
    if (query) this.store.addHistory(query, results, new Date().toISOString(), HISTORY_KEEP);
  }

  history(limit = 50): HistoryEntry[] {
    // Entries stored whole before the cap are shown as they are searched, and once.
    const seen = new Set<string>();
    const out: HistoryEntry[] = [];
    for (const r of this.store.history(limit)) {
      const query = searchedPart(r.query);
      if (seen.has(query)) continue;
      seen.add(query);
      out.push({ query, results: r.results, searchedAt: r.searched_at });
    }
    return out;
  }
}

/** A correction written the way the clerk wrote the word: «DCIH» → «DICH», «Dcih» → «Dich». */
function likeTyped(typed: string, fix: string): string {
  const letters = typed.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
    return fix.toUpperCase();
  if (/^\p{Lu}/u.test(typed)) return fix.charAt(0).toUpperCase() + fix.slice(1);
  return fix;
}

/**
 * What a search actually uses of a query (parseQuery reads the first MAX_QUERY_CHARS characters):
 * all that history and saved searches keep. A 10,000-character paste was kept whole, 200 times
 * over, and offered back as an entry.
 */
export function searchedPart(query: string): string {
  const cut = query.trim().slice(0, MAX_QUERY_CHARS);
  // Never half a surrogate pair at the cut.
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

function emptyFacets(): Facets {
  return { type: [], issuer: [], year: [], level: [] };
}

function toHit(row: SearchDocRow, snippet: string, highlights: [number, number][], score: number): SearchHit {
  return {
    id: row.doc_id,
    ref: row.ref,
    type: row.type,
    issuer: row.issuer,
    issuerLevel: row.level,
    date: row.date,
    subject: row.subject,
    snippet,
    highlights,
    score,
  };
}
