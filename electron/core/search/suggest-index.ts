/**
 * The suggestion index (issue #4, docs/search.md §Suggestions): short entries (issuers, subjects,
 * refs) with a folded vocabulary, answered top-k instead of by scoring every match.
 *
 * Why not MiniSearch: its AND of common words ("uy ban nhan dan h…") scores every entry holding
 * each word before sorting. Measured on 19,479 distinct real-looking lines, that was p50 14 ms and
 * p95 132 ms per keystroke; real archives have one distinct subject per document. Here:
 *  - entries are numbered in priority order (issuers, then newest documents first), and each term
 *    has a posting list of entry numbers, ascending;
 *  - the word being typed is a prefix: a contiguous range of the sorted vocabulary, whose total
 *    posting length is known in O(1) from prefix sums;
 *  - the query walks the shortest posting list (or union) in priority order, checks the other
 *    words against each entry's own terms, and stops after `limit` entries;
 *  - typos: a word (or prefix) not in the vocabulary is replaced by the terms within a small
 *    optimal-string-alignment distance (a swap of two letters is one edit: "dcih" → "dich"),
 *    found by a scan of the terms of about the same length. Only for the words that match nothing
 *    as typed, and only when the exact pass found nothing.
 */
import { foldedToken } from '../../../shared/search/tokens';
import type { Suggestion } from '../../../shared/search/types';

export interface SuggestEntry {
  kind: Suggestion['kind'];
  text: string;
  doc: number | null;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

export function suggestTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const t = foldedToken(m[0]);
    if (t) out.push(t);
  }
  return out;
}

/** Optimal string alignment distance, giving up (returning max + 1) once it must exceed `max`. */
// Three reusable rows (words and terms are short): no allocation per comparison.
let ROWS = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

export function osaDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (n + 1 > ROWS[0].length) ROWS = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prev2, prev, cur] = ROWS;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * Edits between a typed word and a term; for the word being typed (`asPrefix`), the least over the
 * term's starts of about the word's length, since the rest of the term is not typed yet.
 */
export function typedDistance(word: string, term: string, asPrefix: boolean, maxEdits: number): number {
  let d = osaDistance(word, term, maxEdits);
  if (asPrefix && d > maxEdits && term.length > word.length) {
    for (let k = Math.max(1, word.length - maxEdits); k <= Math.min(term.length, word.length + maxEdits); k++)
      d = Math.min(d, osaDistance(word, term.slice(0, k), maxEdits));
  }
  return d;
}

/** Edits allowed for a typed word of this length: none below 4 letters, 1 below 6, else 2. */
export function allowedEdits(length: number): number {
  return length >= 6 ? 2 : length >= 4 ? 1 : 0;
}

/** What one typed word may match: a range of term ids (a prefix) and/or a set of term ids. */
interface WordMatch {
  lo: number;
  hi: number;
  ids: Int32Array | null;
  /** Total postings: the cost of walking this word's entries. */
  cost: number;
}

export class SuggestIndex {
  readonly entries: SuggestEntry[];
  private readonly terms: string[];
  private readonly termId = new Map<string, number>();
  /** postings of term t: postings[postStart[t] .. postStart[t+1]), ascending entry numbers. */
  private readonly postStart: Int32Array;
  private readonly postings: Int32Array;
  /** terms of entry e: entryTerms[entryStart[e] .. entryStart[e+1]). */
  private readonly entryStart: Int32Array;
  private readonly entryTerms: Int32Array;
  /** Term ids grouped by term length, for typo candidates. */
  private readonly byLength = new Map<number, number[]>();

  constructor(entries: SuggestEntry[]) {
    this.entries = entries;
    const perEntry: string[][] = entries.map((e) => [...new Set(suggestTerms(e.text))]);
    const vocab = new Set<string>();
    for (const ts of perEntry) for (const t of ts) vocab.add(t);
    this.terms = [...vocab].sort();
    this.terms.forEach((t, i) => {
      this.termId.set(t, i);
      let bucket = this.byLength.get(t.length);
      if (!bucket) this.byLength.set(t.length, (bucket = []));
      bucket.push(i);
    });
    const df = new Int32Array(this.terms.length);
    let total = 0;
    this.entryStart = new Int32Array(entries.length + 1);
    for (let e = 0; e < perEntry.length; e++) {
      this.entryStart[e] = total;
      for (const t of perEntry[e]!) df[this.termId.get(t)!]!++;
      total += perEntry[e]!.length;
    }
    this.entryStart[entries.length] = total;
    this.entryTerms = new Int32Array(total);
    this.postStart = new Int32Array(this.terms.length + 1);
    for (let t = 0; t < df.length; t++) this.postStart[t + 1] = this.postStart[t]! + df[t]!;
    this.postings = new Int32Array(total);
    const fill = this.postStart.slice(0, this.terms.length);
    for (let e = 0; e < perEntry.length; e++) {
      let k = this.entryStart[e]!;
      for (const t of perEntry[e]!) {
        const id = this.termId.get(t)!;
        this.entryTerms[k++] = id;
        this.postings[fill[id]!++] = e;
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  has(term: string): boolean {
    return this.termId.has(term);
  }

  /** Number of entries holding the term. */
  frequency(term: string): number {
    const id = this.termId.get(term);
    return id === undefined ? 0 : this.postStart[id + 1]! - this.postStart[id]!;
  }

  /** [lo, hi) of the term ids starting with `prefix` (the vocabulary is sorted). */
  private prefixRange(prefix: string): [number, number] {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    // Terms with the prefix are contiguous from `lo`; find the end by a second binary search.
    let top = this.terms.length;
    while (end < top) {
      const mid = (end + top) >> 1;
      if (this.terms[mid]!.startsWith(prefix)) end = mid + 1;
      else top = mid;
    }
    return [lo, end];
  }

  /** Terms within the allowed edits of `word` (or, for a prefix, of a term's start), closest first. */
  nearTerms(word: string, asPrefix: boolean, maxEdits = allowedEdits(word.length)): { term: string; d: number }[] {
    if (maxEdits <= 0) return [];
    const out: { id: number; d: number }[] = [];
    for (let len = word.length - maxEdits; len <= word.length + maxEdits + (asPrefix ? 64 : 0); len++) {
      const bucket = this.byLength.get(len);
      if (!bucket) continue;
      for (const id of bucket) {
        const d = typedDistance(word, this.terms[id]!, asPrefix, maxEdits);
        if (d <= maxEdits) out.push({ id, d });
      }
    }
    return out
      .sort((a, b) => a.d - b.d || this.df(b.id) - this.df(a.id))
      .map((x) => ({ term: this.terms[x.id]!, d: x.d }));
  }

  private df(id: number): number {
    return this.postStart[id + 1]! - this.postStart[id]!;
  }

  private exactMatch(word: string, prefix: boolean): WordMatch | null {
    if (prefix) {
      const [lo, hi] = this.prefixRange(word);
      if (lo >= hi) return null;
      return { lo, hi, ids: null, cost: this.postStart[hi]! - this.postStart[lo]! };
    }
    const id = this.termId.get(word);
    if (id === undefined) return null;
    return { lo: id, hi: id + 1, ids: null, cost: this.df(id) };
  }

  private fuzzyMatch(word: string, prefix: boolean): WordMatch | null {
    const near = this.nearTerms(word, prefix).slice(0, 16);
    if (near.length === 0) return null;
    const ids = Int32Array.from(near, (n) => this.termId.get(n.term)!).sort();
    let cost = 0;
    for (const id of ids) cost += this.df(id);
    return { lo: 0, hi: 0, ids, cost };
  }

  private entryHas(e: number, m: WordMatch): boolean {
    for (let k = this.entryStart[e]!; k < this.entryStart[e + 1]!; k++) {
      const t = this.entryTerms[k]!;
      if (t >= m.lo && t < m.hi) return true;
      if (m.ids && m.ids.includes(t)) return true;
    }
    return false;
  }

  /** Entries of a word, ascending: one posting list, or the merged lists of a range or set. */
  private entriesOf(m: WordMatch): Int32Array {
    const ids = m.ids ?? Int32Array.from({ length: m.hi - m.lo }, (_, i) => m.lo + i);
    if (ids.length === 1) return this.postings.subarray(this.postStart[ids[0]!]!, this.postStart[ids[0]! + 1]!);
    const all = new Int32Array(m.cost);
    let k = 0;
    for (const id of ids) {
      all.set(this.postings.subarray(this.postStart[id]!, this.postStart[id + 1]!), k);
      k += this.df(id);
    }
    all.sort();
    return all;
  }

  /** Entries matching every word, in priority order, at most `limit`; `skip` entries already chosen. */
  private walk(matches: WordMatch[], limit: number, skip: Set<number>, kind?: Suggestion['kind']): number[] {
    const order = [...matches].sort((a, b) => a.cost - b.cost);
    const driver = order[0]!;
    const out: number[] = [];
    const unwanted = (e: number): boolean => skip.has(e) || (kind !== undefined && this.entries[e]!.kind !== kind);
    const single = driver.ids ? driver.ids.length === 1 : driver.hi - driver.lo === 1;
    if (!single && driver.cost * 4 > this.entries.length) {
      // Even the rarest word is common (a short prefix, "ph"): walking the entries in order finds
      // `limit` matches within a few dozen, where merging its lists would touch all of them.
      for (let e = 0; e < this.entries.length && out.length < limit; e++)
        if (!unwanted(e) && order.every((m) => this.entryHas(e, m))) out.push(e);
      return out;
    }
    const rest = order.slice(1);
    let last = -1;
    for (const e of this.entriesOf(driver)) {
      if (e === last) continue;
      last = e;
      if (unwanted(e) || !rest.every((m) => this.entryHas(e, m))) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Entries for what is being typed: every word must match, the last one as a prefix unless the
   * text ends with a space. Exact words first; typo-tolerant words only when that finds too few.
   */
  search(text: string, limit: number): SuggestEntry[] {
    return this.lookup(text, limit).entries;
  }

  /** The first `limit` entries of `kind`, in priority order (newest first). */
  first(kind: Suggestion['kind'], limit: number): SuggestEntry[] {
    const out: SuggestEntry[] = [];
    for (const e of this.entries) if (e.kind === kind && out.push(e) >= limit) break;
    return out;
  }

  /**
   * As `search`, also telling whether the entries needed typo tolerance (they then rank lower);
   * with `kind`, only entries of that kind.
   */
  lookup(text: string, limit: number, kind?: Suggestion['kind']): { entries: SuggestEntry[]; fuzzy: boolean } {
    const words = suggestTerms(text);
    if (words.length === 0 || this.entries.length === 0) return { entries: [], fuzzy: false };
    const prefixLast = !/\s$/.test(text);
    const isPrefix = (i: number): boolean => prefixLast && i === words.length - 1;
    const chosen = new Set<number>();
    const exact = words.map((w, i) => this.exactMatch(w, isPrefix(i)));
    if (exact.every((m) => m !== null))
      for (const e of this.walk(exact as WordMatch[], limit, chosen, kind)) chosen.add(e);
    let fuzzy = false;
    if (chosen.size === 0 && exact.some((m) => m === null)) {
      // Typo tolerance only for the words that match nothing as typed, and only when nothing was found.
      const loose = words.map((w, i) => exact[i] ?? this.fuzzyMatch(w, isPrefix(i)));
      if (loose.every((m) => m !== null))
        for (const e of this.walk(loose as WordMatch[], limit, chosen, kind)) chosen.add(e);
      fuzzy = chosen.size > 0;
    }
    return { entries: [...chosen].map((e) => this.entries[e]!), fuzzy };
  }
}
