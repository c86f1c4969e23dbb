/**
 * The two views of every syllable the search index keeps (docs/search.md §Index):
 *  - folded: lower case, marks stripped, đ→d — matched by words typed without marks;
 *  - exact: lower case with canonical tone placement (hoà = hòa) — matched by words typed with marks,
 *    so "bão" finds neither "báo" nor "bảo" nor "bao".
 * Both streams are cut at the same places, so token i of one is token i of the other and phrase
 * positions agree. Pure: shared by the indexer (main or worker thread), the query parser and the
 * highlighter.
 */
import { canonicalTones, foldVi } from '../text/vietnamese';

const FOLD_CACHE = new Map<string, string>();

/** One UTF-16 unit in, one out: the folded form of a character, keeping offsets aligned. */
function foldChar(ch: string): string {
  let folded = FOLD_CACHE.get(ch);
  if (folded === undefined) {
    const f = foldVi(ch);
    folded = f.length === 1 ? f : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    FOLD_CACHE.set(ch, folded);
  }
  return folded;
}

/** Folds an NFC string character by character: result[i] is the folded input[i] (same length). */
export function foldAligned(nfc: string): string {
  let out = '';
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    // ASCII fast path: most of a Vietnamese text is ASCII letters, digits and spaces.
    if (code < 0x80) out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : nfc[i];
    else out += foldChar(nfc[i]!);
  }
  return out;
}

const LOOKALIKE_D = /[ÐƉ]/g;
const LOOKALIKE_d = /ð/g;

/** Exact view of one token: canonical tones, lower case, đ lookalikes mapped to đ. */
export function exactToken(token: string): string {
  return canonicalTones(token.normalize('NFC').replace(LOOKALIKE_D, 'Đ').replace(LOOKALIKE_d, 'đ'))
    .toLowerCase()
    .replace(/\p{M}/gu, '');
}

/** Folded view of one token. */
export function foldedToken(token: string): string {
  return foldVi(token).replace(/\p{M}/gu, '');
}

/** True when a typed word carries marks (or đ), so it must match exactly. */
export function hasMarks(word: string): boolean {
  return foldedToken(word) !== word.toLowerCase().replace(/\p{M}/gu, '');
}

/** Letters and digits make tokens; everything else separates them (as FTS5 unicode61 does). */
export const TOKEN_RE = /[\p{L}\p{N}]+/gu;

export interface TokenSpan {
  start: number;
  end: number;
  folded: string;
  exact: string;
}

/** Tokens of an NFC text with their offsets and both views. */
export function tokenize(nfc: string): TokenSpan[] {
  const folded = foldAligned(nfc);
  const out: TokenSpan[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(nfc); m; m = TOKEN_RE.exec(nfc)) {
    const start = m.index;
    const end = start + m[0].length;
    const f = folded.slice(start, end);
    // Most tokens are plain ASCII: the exact view is then the folded one.
    const ascii = /^[\x00-\x7f]*$/.test(m[0]);
    out.push({ start, end, folded: ascii ? f : foldedToken(m[0]), exact: ascii ? f : exactToken(m[0]) });
  }
  return out;
}

/** Space-joined token streams for the FTS5 columns; unicode61 re-splits them at exactly our spaces. */
export function indexStreams(nfc: string): { folded: string; exact: string } {
  const tokens = tokenize(nfc);
  let folded = '';
  let exact = '';
  for (const t of tokens) {
    // A token whose views contain a separator for unicode61 (a stray mark) would shift positions.
    folded += (folded ? ' ' : '') + t.folded.replace(/[^\p{L}\p{N}]/gu, '');
    exact += (exact ? ' ' : '') + t.exact.replace(/[^\p{L}\p{N}]/gu, '');
  }
  return { folded, exact };
}
