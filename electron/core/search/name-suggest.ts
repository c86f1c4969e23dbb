/**
 * Suggestions for the name-like fields (issue #4, docs/search.md §Suggestions): issuers and the
 * agencies tasks are given to. MiniSearch does the prefix and fuzzy matching and the ranking; what
 * is ours is the Vietnamese folding of every term and the typo rule shared with the subject index
 * (suggest-index.ts).
 *
 * Why MiniSearch here and not for subjects or refs: its AND scores every entry holding each word.
 * Bodies are few (about a hundred issuers and agencies in the 10k bench archive), so that costs
 * little and buys ranking by closeness and use; subjects and refs come about one per document, and
 * there a common word or a shared code made it score thousands of entries per keystroke.
 */
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { foldedToken } from '../../../shared/search/tokens';
import type { Suggestion } from '../../../shared/search/types';
import { allowedEdits, suggestTerms, typedDistance } from './suggest-index';

export interface NameEntry {
  /** 'issuer' or 'agency' in the app; the measuring script (scripts/bench-suggest.ts) tries others. */
  kind: Suggestion['kind'];
  text: string;
  /** Other ways the same name is written (the office's short names and aliases): matched, not shown. */
  aka: string[];
  /** How often the archive uses it (documents, tasks): more used names rank higher. */
  uses: number;
  doc: number | null;
  /** Other ways the archive's tasks write this agency, most used first. */
  alsoWritten?: string[];
}

export interface NameHit {
  entry: NameEntry;
  /** True when some word matched only with typo tolerance. */
  fuzzy: boolean;
  /** False when some word matched only a short name or alias, not the name shown. */
  onName: boolean;
}

interface Indexed {
  id: number;
  text: string;
  aka: string;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const words = (text: string): string[] => Array.from(text.matchAll(WORD_RE), (m) => m[0]);

export class NameIndex {
  private readonly ms: MiniSearch<Indexed>;
  private readonly boost: Float64Array;

  constructor(readonly entries: NameEntry[]) {
    this.ms = new MiniSearch<Indexed>({
      fields: ['text', 'aka'],
      tokenize: words,
      processTerm: (term) => foldedToken(term) || null,
    });
    this.ms.addAll(entries.map((e, id) => ({ id, text: e.text, aka: e.aka.join(' ') })));
    // A name used in hundreds of tasks beats one the parser met once, without burying exact matches.
    this.boost = Float64Array.from(entries, (e) => 1 + Math.log10(1 + e.uses));
  }

  get size(): number {
    return this.entries.length;
  }

  private run(text: string, prefixLast: boolean, fuzzy: boolean, kind?: Suggestion['kind']): SearchResult[] {
    const last = (i: number, terms: string[]) => prefixLast && i === terms.length - 1;
    const options: SearchOptions = {
      combineWith: 'AND',
      prefix: (_t, i, terms) => last(i, terms),
      // Levenshtein counts a swap of two letters as 2 edits: allow 2 from 4 letters, then keep only
      // what the optimal-string-alignment rule allows (nameMatchesTyped), as for subjects.
      fuzzy: fuzzy ? (t) => (t.length >= 4 ? 2 : false) : false,
      maxFuzzy: 2,
      fields: ['text', 'aka'],
      boost: { text: 2 },
      boostDocument: (id: number) => this.boost[id] ?? 1,
    };
    if (kind) options.filter = (r) => this.entries[r.id as number]!.kind === kind;
    return this.ms.search(text, options);
  }

  /**
   * Names matching every word typed (the last one as a prefix unless the text ends with a space),
   * best first. With `typos`, and only when nothing matches as typed, words of 4 letters or more
   * may be a letter or two off: MiniSearch's fuzzy pass costs milliseconds even over a few hundred
   * names, so the caller asks for it only when nothing else matched either.
   */
  search(text: string, limit: number, typos = true, kind?: Suggestion['kind']): NameHit[] {
    const typed = suggestTerms(text);
    if (typed.length === 0 || this.entries.length === 0) return [];
    const prefixLast = !/\s$/.test(text);
    const exact = this.run(text, prefixLast, false, kind);
    if (exact.length > 0) return exact.slice(0, limit).map((r) => this.hit(r, false));
    if (!typos || typed.every((w) => allowedEdits(w.length) === 0)) return [];
    const out: NameHit[] = [];
    for (const r of this.run(text, prefixLast, true, kind)) {
      if (!nameMatchesTyped(typed, r.terms, prefixLast)) continue;
      out.push(this.hit(r, true));
      if (out.length >= limit) break;
    }
    return out;
  }

  private hit(r: SearchResult, fuzzy: boolean): NameHit {
    const onName = Object.values(r.match).every((fields) => fields.includes('text'));
    return { entry: this.entries[r.id as number]!, fuzzy, onName };
  }

  /** The names of one kind, most used first (a filter typed with no value yet: `loai:`). */
  mostUsed(kind: Suggestion['kind'], limit: number): NameEntry[] {
    return this.entries
      .filter((e) => e.kind === kind)
      .sort((a, b) => b.uses - a.uses || a.text.localeCompare(b.text, 'vi'))
      .slice(0, limit);
  }

  /** True when some name (of `kind`, if given) has this folded word. */
  hasTerm(word: string, kind?: Suggestion['kind']): boolean {
    const filter = kind ? (r: SearchResult) => this.entries[r.id as number]!.kind === kind : undefined;
    return this.ms.search(word, { prefix: false, fuzzy: false, filter }).length > 0;
  }

  /** Words of the names (of `kind`, if given) within `maxEdits` of `word` (swaps count as one edit), closest first. */
  nearTerms(word: string, maxEdits: number, kind?: Suggestion['kind']): { term: string; d: number }[] {
    if (maxEdits <= 0) return [];
    const found = new Map<string, number>();
    const filter = kind ? (r: SearchResult) => this.entries[r.id as number]!.kind === kind : undefined;
    // Levenshtein 2 takes in one swap (2 there, 1 here) or two other edits; a wider net made an
    // empty search 10× slower ("dcih": 15 ms against 1.3 ms) by matching nearly every name.
    for (const r of this.ms.search(word, { fuzzy: 2, maxFuzzy: 2, prefix: false, filter }))
      for (const t of r.terms) if (!found.has(t)) found.set(t, typedDistance(word, t, false, maxEdits));
    return [...found]
      .filter(([, d]) => d <= maxEdits)
      .map(([term, d]) => ({ term, d }))
      .sort((a, b) => a.d - b.d);
  }
}

/**
 * Every typed word has a matched term within the edits the subject index would allow (MiniSearch's
 * fuzzy match was looser, to let swaps through).
 */
function nameMatchesTyped(typed: string[], terms: string[], prefixLast: boolean): boolean {
  return typed.every((w, i) => {
    const asPrefix = prefixLast && i === typed.length - 1;
    const max = allowedEdits(w.length);
    return terms.some((t) => t === w || (asPrefix && t.startsWith(w)) || typedDistance(w, t, asPrefix, max) <= max);
  });
}
