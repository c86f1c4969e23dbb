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

// What TOKEN_RE counts as part of a token, per UTF-16 unit outside the surrogate range: 0 not yet
// asked, 1 a letter or digit, 2 anything else. Filled on first sight of each unit.
const WORD_UNIT = new Uint8Array(0x10000);
const WORD_POINT = /^[\p{L}\p{N}]$/u;
const ASTRAL_WORD = new Map<string, boolean>();

/** Code units that code point at `i` of `s` adds to a token: 0 when it separates tokens. */
function wordWidth(s: string, i: number, c: number): number {
  if (c < 0xd800 || c >= 0xe000) {
    let kind = WORD_UNIT[c]!;
    if (kind === 0) {
      kind = WORD_POINT.test(String.fromCharCode(c)) ? 1 : 2;
      WORD_UNIT[c] = kind;
    }
    return kind === 1 ? 1 : 0;
  }
  // TOKEN_RE reads by code point: a surrogate pair is one character, a lone surrogate a separator.
  if (c >= 0xdc00 || i + 1 >= s.length) return 0;
  const low = s.charCodeAt(i + 1);
  if (low < 0xdc00 || low >= 0xe000) return 0;
  const pair = s.slice(i, i + 2);
  let word = ASTRAL_WORD.get(pair);
  if (word === undefined) {
    word = WORD_POINT.test(pair);
    ASTRAL_WORD.set(pair, word);
  }
  return word ? 2 : 0;
}

// Both views of every token seen, in an open-addressing table keyed by the token's code units, so
// that a token already seen is found without cutting it out of the text. Slot i holds the token at
// 3i, its folded view at 3i+1 and its exact view at 3i+2: one look-up touches one place in memory,
// which matters between a parse and a zlib pass that have evicted everything else. Vietnamese has
// a few thousand syllables; numbers and names add more, so the table grows up to VIEW_MAX_SLOTS
// and then starts over.
const VIEW_MAX_SLOTS = 1 << 17;
let viewMask = (1 << 12) - 1;
let views: (string | undefined)[] = new Array<string | undefined>(3 * (viewMask + 1)).fill(undefined);
let viewCount = 0;

/** FNV-1a over code units [start, end) of s. */
function unitsHash(s: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ s.charCodeAt(k), 0x01000193);
  return hash;
}

/** Index in `views` of the token nfc[start, end) with hash `hash`: its own, or the empty one it would take. */
function viewAt(nfc: string, start: number, end: number, hash: number): number {
  const len = end - start;
  let slot = hash & viewMask;
  for (;;) {
    const at = 3 * slot;
    const key = views[at];
    if (key === undefined) return at;
    if (key.length === len) {
      let k = 0;
      while (k < len && key.charCodeAt(k) === nfc.charCodeAt(start + k)) k++;
      if (k === len) return at;
    }
    slot = (slot + 1) & viewMask;
  }
}

/** Twice the slots, or an empty table once it is as large as it may get. */
function regrowViews(): void {
  const old = views;
  const slots = viewMask + 1;
  if (slots >= VIEW_MAX_SLOTS) {
    views.fill(undefined);
    viewCount = 0;
    return;
  }
  viewMask = 2 * slots - 1;
  views = new Array<string | undefined>(3 * (viewMask + 1)).fill(undefined);
  for (let at = 0; at < old.length; at += 3) {
    const key = old[at];
    if (key === undefined) continue;
    const to = viewAt(key, 0, key.length, unitsHash(key, 0, key.length));
    views[to] = key;
    views[to + 1] = old[at + 1];
    views[to + 2] = old[at + 2];
  }
}

/** Fills an empty place with a token's views; returns where they are (the table may have changed). */
function addViews(nfc: string, start: number, end: number, hash: number, ascii: boolean, at: number): number {
  if (4 * (viewCount + 1) > viewMask + 1) {
    regrowViews();
    at = viewAt(nfc, start, end, hash);
  }
  const token = nfc.slice(start, end);
  views[at] = token;
  // Most tokens are plain ASCII: both views are then the lower-cased token.
  if (ascii) views[at + 1] = views[at + 2] = token.toLowerCase();
  else {
    views[at + 1] = foldedToken(token);
    views[at + 2] = exactToken(token);
  }
  viewCount++;
  return at;
}

/**
 * Space-joined token streams for the FTS5 columns; unicode61 re-splits them at exactly our
 * spaces, since both views contain letters and digits only.
 *
 * The tokens are TOKEN_RE's matches, found by a scan over code units rather than by the regular
 * expression, and their views are looked up without cutting them out of the text: the indexer runs
 * this over every imported text, and it is several times cheaper than exec() and a Map per token.
 */
export function indexStreams(nfc: string): { folded: string; exact: string } {
  const folded: string[] = [];
  const exact: string[] = [];
  const n = nfc.length;
  let i = 0;
  while (i < n) {
    let c = nfc.charCodeAt(i);
    const first = wordWidth(nfc, i, c);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    // unitsHash of the token, computed on the way.
    let hash = 0x811c9dc5;
    let w = first;
    do {
      for (let k = 0; k < w; k++) {
        c = nfc.charCodeAt(i + k);
        if (c >= 0x80) ascii = false;
        hash = Math.imul(hash ^ c, 0x01000193);
      }
      i += w;
      w = i < n ? wordWidth(nfc, i, nfc.charCodeAt(i)) : 0;
    } while (w !== 0);
    let at = viewAt(nfc, start, i, hash);
    if (views[at] === undefined) at = addViews(nfc, start, i, hash, ascii, at);
    folded.push(views[at + 1]!);
    exact.push(views[at + 2]!);
  }
  return { folded: folded.join(' '), exact: exact.join(' ') };
}
