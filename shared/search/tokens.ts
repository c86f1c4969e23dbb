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
import { decodeUtf16 } from '../text/utf16';

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
  // A lone surrogate becomes U+FFFD: still one unit, so offsets stay aligned.
  return decodeUtf16(out);
}

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

// wordWidth for ASCII: 1 for a letter or digit, 0 for anything else.
const ASCII_WORD = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) ASCII_WORD[c] = WORD_POINT.test(String.fromCharCode(c)) ? 1 : 0;

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
// that a token already seen is found without cutting it out of the text. viewAt[7i…7i+5] say where
// slot i's token, its folded view and its exact view sit in viewUnits (start, length: a token's
// length is never 0, so 0 marks an empty slot). Keys are compared as typed-array units, not as
// strings: a probe then reads one kind of memory whatever shape of string the token was cut into.
// The streams are then built as UTF-16 and decoded once (as foldAligned does): cheaper than pushing
// a thousand strings and joining them twice a text. The table starts small and grows: inside an
// import, between a parse and the zlib passes, a large sparse one missed the cache on most tokens.
// Vietnamese has a few thousand syllables; numbers and names add more, so the table grows up to
// VIEW_MAX_SLOTS and then starts over. viewAt[7i+6] is the number of slot i's exact view: "Tỉnh",
// "TỈNH" and "tỉnh" are three keys and one exact view, which a stream of distinct exact tokens
// holds once.
const VIEW_MAX_SLOTS = 1 << 17;
const VIEW_STRIDE = 7;
let viewMask = (1 << 12) - 1;
let viewAt = new Int32Array(VIEW_STRIDE * (viewMask + 1));
let viewUnits = new Uint16Array(1 << 16);
let viewUnitsUsed = 0;
let viewCount = 0;
const exactViewNumbers = new Map<string, number>();
// The call of indexStreams that last wrote each exact view, by its number.
let exactViewWrittenIn = new Int32Array(1 << 12);
let streamsCall = 0;

/** Slot of the token nfc[start, end) with hash `hash`: its own, or the empty one it would take. */
function viewSlot(nfc: string, start: number, end: number, hash: number): number {
  const len = end - start;
  let slot = hash & viewMask;
  for (;;) {
    const at = VIEW_STRIDE * slot;
    const keyLen = viewAt[at + 1]!;
    if (keyLen === 0) return slot;
    if (keyLen === len) {
      const keyFrom = viewAt[at]!;
      let k = 0;
      while (k < len && viewUnits[keyFrom + k] === nfc.charCodeAt(start + k)) k++;
      if (k === len) return slot;
    }
    slot = (slot + 1) & viewMask;
  }
}

/** Twice the slots, or an empty table once it is as large as it may get. */
function regrowViews(): void {
  const slots = viewMask + 1;
  if (slots >= VIEW_MAX_SLOTS) {
    viewAt.fill(0);
    viewUnitsUsed = 0;
    viewCount = 0;
    // A token the current text already had may then be written once more: harmless for membership.
    exactViewNumbers.clear();
    exactViewWrittenIn.fill(0);
    return;
  }
  const oldAt = viewAt;
  viewMask = 2 * slots - 1;
  viewAt = new Int32Array(VIEW_STRIDE * (viewMask + 1));
  for (let slot = 0; slot < slots; slot++) {
    const from = VIEW_STRIDE * slot;
    const keyFrom = oldAt[from]!;
    const keyLen = oldAt[from + 1]!;
    if (keyLen === 0) continue;
    // FNV-1a of the key, as indexStreams computes it; keys are distinct, so the first empty slot is its own.
    let hash = 0x811c9dc5;
    for (let k = 0; k < keyLen; k++) hash = Math.imul(hash ^ viewUnits[keyFrom + k]!, 0x01000193);
    let to = hash & viewMask;
    while (viewAt[VIEW_STRIDE * to + 1] !== 0) to = (to + 1) & viewMask;
    viewAt.set(oldAt.subarray(from, from + VIEW_STRIDE), VIEW_STRIDE * to);
  }
}

/** Appends a string's code units to viewUnits; returns how many. */
function storeUnits(view: string): number {
  if (viewUnitsUsed + view.length > viewUnits.length) {
    const grown = new Uint16Array(2 * viewUnits.length + view.length);
    grown.set(viewUnits.subarray(0, viewUnitsUsed));
    viewUnits = grown;
  }
  for (let k = 0; k < view.length; k++) viewUnits[viewUnitsUsed + k] = view.charCodeAt(k);
  viewUnitsUsed += view.length;
  return view.length;
}

/** Fills an empty slot with a token's views; returns the slot they are in (the table may have changed). */
function addViews(nfc: string, start: number, end: number, hash: number, ascii: boolean, slot: number): number {
  if (4 * (viewCount + 1) > viewMask + 1) {
    regrowViews();
    slot = viewSlot(nfc, start, end, hash);
  }
  const token = nfc.slice(start, end);
  // Most tokens are plain ASCII: both views are then the lower-cased token.
  const folded = ascii ? token.toLowerCase() : foldedToken(token);
  const exact = ascii ? folded : exactToken(token);
  const at = VIEW_STRIDE * slot;
  viewAt[at + 2] = viewUnitsUsed;
  viewAt[at + 3] = storeUnits(folded);
  if (exact === folded) {
    viewAt[at + 4] = viewAt[at + 2]!;
    viewAt[at + 5] = viewAt[at + 3]!;
  } else {
    viewAt[at + 4] = viewUnitsUsed;
    viewAt[at + 5] = storeUnits(exact);
  }
  // A lower-case token is its own views: its key shares their units.
  if (token === folded) viewAt[at] = viewAt[at + 2]!;
  else if (token === exact) viewAt[at] = viewAt[at + 4]!;
  else {
    viewAt[at] = viewUnitsUsed;
    storeUnits(token);
  }
  viewAt[at + 1] = token.length;
  viewAt[at + 6] = exactViewNumber(exact);
  viewCount++;
  return slot;
}

function exactViewNumber(exact: string): number {
  let n = exactViewNumbers.get(exact);
  if (n === undefined) {
    n = exactViewNumbers.size;
    exactViewNumbers.set(exact, n);
    if (n >= exactViewWrittenIn.length) {
      const grown = new Int32Array(2 * exactViewWrittenIn.length);
      grown.set(exactViewWrittenIn);
      exactViewWrittenIn = grown;
    }
  }
  return n;
}

// The streams being built, reused from text to text.
let foldedOut = new Uint16Array(1 << 14);
let exactOut = new Uint16Array(1 << 14);

function grownOut(out: Uint16Array, used: number, need: number): Uint16Array<ArrayBuffer> {
  const grown = new Uint16Array(Math.max(2 * out.length, used + need));
  grown.set(out.subarray(0, used));
  return grown;
}

/**
 * Space-joined token streams for the FTS5 columns; unicode61 re-splits them at exactly our
 * spaces, since both views contain letters and digits only.
 *
 * The tokens are TOKEN_RE's matches, found by a scan over code units rather than by the regular
 * expression, and their views are looked up without cutting them out of the text: the indexer runs
 * this over every imported text, and it is several times cheaper than exec() and a Map per token.
 *
 * With `distinctExact`, the exact stream holds each exact token once, where it first occurs (the
 * body's exact column is asked about membership only; see docs/search.md "The index").
 */
export function indexStreams(nfc: string, distinctExact = false): { folded: string; exact: string } {
  let folded = 0;
  let exact = 0;
  if (++streamsCall === 0x7fffffff) {
    exactViewWrittenIn.fill(0);
    streamsCall = 1;
  }
  const n = nfc.length;
  let i = 0;
  while (i < n) {
    let c = nfc.charCodeAt(i);
    // Most units of a Vietnamese text are ASCII: a table answers for them without a call.
    const first = c < 0x80 ? ASCII_WORD[c]! : wordWidth(nfc, i, c);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    // FNV-1a of the token's code units, computed on the way (regrowViews hashes keys alike).
    let hash = 0x811c9dc5;
    let w = first;
    do {
      if (w === 1) {
        if (c >= 0x80) ascii = false;
        hash = Math.imul(hash ^ c, 0x01000193);
      } else {
        // A surrogate pair: two units of one letter.
        ascii = false;
        hash = Math.imul(hash ^ c, 0x01000193);
        hash = Math.imul(hash ^ nfc.charCodeAt(i + 1), 0x01000193);
      }
      i += w;
      if (i >= n) break;
      c = nfc.charCodeAt(i);
      w = c < 0x80 ? ASCII_WORD[c]! : wordWidth(nfc, i, c);
    } while (w !== 0);
    let slot = viewSlot(nfc, start, i, hash);
    if (viewAt[VIEW_STRIDE * slot + 1] === 0) slot = addViews(nfc, start, i, hash, ascii, slot);
    const at = VIEW_STRIDE * slot;
    const fFrom = viewAt[at + 2]!;
    const fLen = viewAt[at + 3]!;
    const xFrom = viewAt[at + 4]!;
    const xLen = viewAt[at + 5]!;
    if (folded + fLen + 1 > foldedOut.length) foldedOut = grownOut(foldedOut, folded, fLen + 1);
    if (exact + xLen + 1 > exactOut.length) exactOut = grownOut(exactOut, exact, xLen + 1);
    if (folded !== 0) foldedOut[folded++] = 0x20;
    for (let k = 0; k < fLen; k++) foldedOut[folded + k] = viewUnits[fFrom + k]!;
    folded += fLen;
    if (distinctExact) {
      const number = viewAt[at + 6]!;
      if (exactViewWrittenIn[number] === streamsCall) continue;
      exactViewWrittenIn[number] = streamsCall;
    }
    if (exact !== 0) exactOut[exact++] = 0x20;
    for (let k = 0; k < xLen; k++) exactOut[exact + k] = viewUnits[xFrom + k]!;
    exact += xLen;
  }
  // A view has letters and digits only, never a lone surrogate, so its units decode back to it.
  return {
    folded: decodeUtf16(foldedOut.subarray(0, folded)),
    exact: decodeUtf16(exactOut.subarray(0, exact)),
  };
}
