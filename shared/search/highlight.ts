/**
 * Snippets and highlight ranges computed from the stored text (not by FTS5), so accent-folded
 * matches are marked too: the folded copy of the text is character-aligned with the original
 * (foldAligned), so an offset found in one is the offset in the other.
 */
import { refTokens } from './ref';
import type { Atom, ParsedQuery } from './query';
import { exactToken, foldAligned, foldedToken } from './tokens';

interface TokenMatcher {
  folded: string;
  exact: string | null;
}

/** Each entry: one sequence of tokens to find, and the id of the query term it belongs to. */
export interface HighlightTerm {
  id: number;
  seq: TokenMatcher[];
}

const fold = (t: string): TokenMatcher => ({ folded: foldedToken(t), exact: null });
const splitTokens = (s: string): string[] => Array.from(s.matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);

function atomTerms(atom: Atom): TokenMatcher[][] {
  switch (atom.kind) {
    case 'word':
      if (atom.abbr) {
        return [splitTokens(atom.abbr.abbr).map(fold), ...atom.abbr.long.map((l) => splitTokens(l).map(fold))];
      }
      return [[{ folded: atom.word.folded, exact: atom.word.exact }]];
    case 'phrase':
      return [atom.words.map((w) => ({ folded: w.folded, exact: w.exact }))];
    case 'long':
      return [atom.words.map((w) => ({ folded: w.folded, exact: w.exact })), splitTokens(atom.abbr.abbr).map(fold)];
    case 'ref':
      return [refTokens(atom.parts).split(' ').filter(Boolean).map(fold)];
  }
}

/** The sequences to mark for a query: every positive atom, plus the words of its filters. */
export function highlightTerms(q: ParsedQuery): HighlightTerm[] {
  const out: HighlightTerm[] = [];
  let id = 0;
  for (const clause of q.must) {
    for (const atom of clause.any) for (const seq of atomTerms(atom)) out.push({ id, seq });
    id++;
  }
  for (const r of q.filters.refs) out.push({ id: id++, seq: refTokens(r).split(' ').filter(Boolean).map(fold) });
  return out.filter((t) => t.seq.length > 0 && t.seq.every((m) => m.folded));
}

const WORD_RE = /[\p{L}\p{N}]/u;
/** Letter or digit; ASCII answered without the regex (called for every hit and snippet character). */
const isWordChar = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return WORD_RE.test(c);
};

export interface Hit {
  start: number;
  end: number;
  id: number;
}

/** Every occurrence of the terms in the text, sorted, non-overlapping. */
export function findHits(text: string, terms: readonly HighlightTerm[], folded: string = foldAligned(text)): Hit[] {
  const hits: Hit[] = [];
  for (const term of terms) {
    const first = term.seq[0]!;
    for (let pos = folded.indexOf(first.folded); pos >= 0; pos = folded.indexOf(first.folded, pos + 1)) {
      if (isWordChar(folded[pos - 1])) continue;
      let cursor = pos;
      let ok = true;
      for (let k = 0; k < term.seq.length && ok; k++) {
        const m = term.seq[k]!;
        if (k > 0) {
          // Skip separators to the next token.
          while (cursor < folded.length && !isWordChar(folded[cursor])) cursor++;
        }
        const end = cursor + m.folded.length;
        if (!folded.startsWith(m.folded, cursor) || isWordChar(folded[end])) ok = false;
        else if (m.exact && exactToken(text.slice(cursor, end)) !== m.exact) ok = false;
        else cursor = end;
      }
      if (ok) hits.push({ start: pos, end: cursor, id: term.id });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const h of hits) if (!out.length || h.start >= out[out.length - 1]!.end) out.push(h);
  return out;
}

export interface Snippet {
  text: string;
  /** [start, end) ranges in `text` to mark. */
  highlights: [number, number][];
}

export const SNIPPET_CHARS = 220;
const HEADER_CHARS = 300;

/** A short window of the text around the densest group of matches, whitespace collapsed. */
export function makeSnippet(text: string, terms: readonly HighlightTerm[], width = SNIPPET_CHARS): Snippet {
  const hits = terms.length ? findHits(text, terms) : [];
  let from = 0;
  if (hits.length) {
    let best = -1;
    let bestScore = -1;
    let j = 0;
    // Sliding window [i, j) with a count per term id, so each hit enters and leaves once.
    const counts = new Map<number, number>();
    let distinct = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j]!.end <= hits[i]!.start + width - 60) {
        const c = counts.get(hits[j]!.id) ?? 0;
        if (c === 0) distinct++;
        counts.set(hits[j]!.id, c + 1);
        j++;
      }
      // Prefer more distinct terms, then a window past the header (which repeats the issuer).
      const score = distinct * 10 + (hits[i]!.start >= HEADER_CHARS ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
      if (j > i) {
        const c = counts.get(hits[i]!.id)!;
        if (c === 1) distinct--;
        counts.set(hits[i]!.id, c - 1);
      } else j = i + 1;
    }
    from = Math.max(0, hits[best]!.start - 40);
    while (from > 0 && isWordChar(text[from - 1])) from--;
  } else {
    // No visible match (a filter-only query): start after the header block when there is one.
    const body = text.indexOf('\n\n', Math.min(HEADER_CHARS, text.length));
    from = body > 0 && body < text.length - 40 ? body : 0;
  }
  let to = Math.min(text.length, from + width);
  while (to < text.length && isWordChar(text[to])) to++;

  let out = from > 0 ? '…' : '';
  const highlights: [number, number][] = [];
  let h = hits.findIndex((x) => x.end > from);
  if (h < 0) h = hits.length;
  let openAt = -1;
  let lastSpace = out === '…';
  for (let i = from; i < to; i++) {
    while (h < hits.length && hits[h]!.start === i && openAt < 0) openAt = out.length;
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else {
      out += c;
      lastSpace = false;
    }
    if (h < hits.length && hits[h]!.end === i + 1) {
      if (openAt >= 0) highlights.push([openAt, out.length]);
      openAt = -1;
      h++;
    }
  }
  if (openAt >= 0) highlights.push([openAt, out.length]);
  out = out.trimEnd();
  if (to < text.length) out += '…';
  return { text: out, highlights };
}

/** Wraps highlighted ranges for the terminal or plain exports. */
export function markSnippet(s: Snippet, open = '«', close = '»'): string {
  let out = '';
  let at = 0;
  for (const [a, b] of s.highlights) {
    out += s.text.slice(at, a) + open + s.text.slice(a, b) + close;
    at = b;
  }
  return out + s.text.slice(at);
}
