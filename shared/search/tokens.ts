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

// Folded UTF-16 unit for every code unit below U+2000 (Latin, Latin-1, Extended A/B, combining
// marks, Vietnamese U+1EA0–U+1EF9), built once on first use.
let FOLD_TABLE: Uint16Array | null = null;
function foldTable(): Uint16Array {
  if (!FOLD_TABLE) {
    FOLD_TABLE = new Uint16Array(0x2000);
    for (let c = 0; c < 0x2000; c++) {
      const ch = String.fromCharCode(c);
      FOLD_TABLE[c] = c >= 0xd800 ? c : foldChar(ch).charCodeAt(0);
    }
  }
  return FOLD_TABLE;
}

/** Folds an NFC string character by character: result[i] is the folded input[i] (same length). */
export function foldAligned(nfc: string): string {
  const table = foldTable();
  const out = new Uint16Array(nfc.length);
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc.charCodeAt(i);
    out[i] = c < 0x2000 ? table[c]! : c >= 0xd800 && c < 0xe000 ? c : foldChar(nfc[i]!).charCodeAt(0);
  }
  // Native decoding is ~8× faster than String.fromCharCode over chunks (snippets fold 20 texts per
  // search). A lone surrogate becomes U+FFFD: still one unit, so offsets stay aligned.
  return UTF16.decode(out);
}

// TextDecoder exists in Node and in browsers; shared/ is compiled without either's typings.
interface Utf16Decoder {
  decode(input: Uint16Array): string;
}
const UTF16: Utf16Decoder = new (
  globalThis as unknown as { TextDecoder: new (label: string) => Utf16Decoder }
).TextDecoder('utf-16le');

const LOOKALIKE_D = /[ÐƉ]/g;
const LOOKALIKE_d = /ð/g;

// Vietnamese has a few thousand syllables, so memoising the per-token views makes indexing cheap.
const MEMO_MAX = 200_000;
const exactMemo = new Map<string, string>();
const foldedMemo = new Map<string, string>();
function memo(map: Map<string, string>, key: string, compute: (k: string) => string): string {
  let v = map.get(key);
  if (v === undefined) {
    if (map.size >= MEMO_MAX) map.clear();
    v = compute(key);
    map.set(key, v);
  }
  return v;
}

/** Exact view of one token: canonical tones, lower case, đ lookalikes mapped to đ. No marks left over. */
export function exactToken(token: string): string {
  return memo(exactMemo, token, (t) =>
    canonicalTones(t.normalize('NFC').replace(LOOKALIKE_D, 'Đ').replace(LOOKALIKE_d, 'đ'))
      .toLowerCase()
      .replace(/\p{M}/gu, ''),
  );
}

/** Folded view of one token. */
export function foldedToken(token: string): string {
  return memo(foldedMemo, token, (t) => foldVi(t).replace(/\p{M}/gu, ''));
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
// eslint-disable-next-line no-control-regex -- "only ASCII" includes the control range by design
const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function tokenize(nfc: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(nfc); m; m = TOKEN_RE.exec(nfc)) {
    const start = m.index;
    const token = m[0];
    // Most tokens are plain ASCII: both views are then the lower-cased token.
    if (ASCII_ONLY.test(token)) {
      const lower = token.toLowerCase();
      out.push({ start, end: start + token.length, folded: lower, exact: lower });
    } else out.push({ start, end: start + token.length, folded: foldedToken(token), exact: exactToken(token) });
  }
  return out;
}

/**
 * Space-joined token streams for the FTS5 columns; unicode61 re-splits them at exactly our
 * spaces, since both views contain letters and digits only.
 */
export function indexStreams(nfc: string): { folded: string; exact: string } {
  const folded: string[] = [];
  const exact: string[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(nfc); m; m = TOKEN_RE.exec(nfc)) {
    const token = m[0];
    if (ASCII_ONLY.test(token)) {
      const lower = token.toLowerCase();
      folded.push(lower);
      exact.push(lower);
    } else {
      folded.push(foldedToken(token));
      exact.push(exactToken(token));
    }
  }
  return { folded: folded.join(' '), exact: exact.join(' ') };
}
