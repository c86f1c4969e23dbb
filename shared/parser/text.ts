/**
 * Stage 1: the document view every later stage reads. Offsets are UTF-16 indices into the
 * normalized text; `folded` has the same length, so a regex run on it gives offsets valid in
 * `text` (accent- and case-insensitive matching without remapping).
 */
import { canonicalTones, foldVi, normalizeText } from '../text/vietnamese';
import { PLACE_INTRODUCERS, PROPER_PHRASES } from './tables';

export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
  /**
   * The line has no "*", "__", two spaces in a row or blank other than the space: nothing that
   * cleanValue or bare would change and no column gap. Found by makeDoc while it folds the text,
   * so the later stages need not scan the line again; false when not known.
   */
  plain: boolean;
}

export interface Doc {
  text: string;
  folded: string;
  lines: Line[];
}

/** Folded UTF-16 unit per input unit, filled lazily; 0 = not computed yet. */
const FOLD_TABLE = new Uint16Array(65536);
const CHUNK = 8192;

function foldUnit(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return code;
  const ch = String.fromCharCode(code);
  const f = foldVi(ch);
  if (f.length === 1) return f.charCodeAt(0);
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/**
 * Native UTF-16 decoding of the folded units: ten times faster than String.fromCharCode over
 * chunks on a 5 KB directive, which made folding the biggest single cost of a parse. `ignoreBOM`
 * keeps a leading U+FEFF, and a lone surrogate decodes to one U+FFFD, so lengths stay aligned.
 * Absent in some hosts (no typings in shared/ either): then the chunked path is used.
 */
interface Utf16Decoder {
  decode(units: Uint16Array): string;
}
const DecoderCtor = (
  globalThis as unknown as { TextDecoder?: new (label: string, options: { ignoreBOM: boolean }) => Utf16Decoder }
).TextDecoder;
const UTF16: Utf16Decoder | null = DecoderCtor ? new DecoderCtor('utf-16le', { ignoreBOM: true }) : null;
/** Below this length String.fromCharCode is as fast as a decoder call. */
const DECODE_MIN = 48;

/**
 * Folded units of the text being folded. One buffer reused across calls: a fresh typed array per
 * call (most calls fold a few dozen units of an agency name or a clause) cost more than the loop.
 * Nothing here reenters, and every call writes the units it reads back.
 */
let foldScratch = new Uint16Array(CHUNK);
/** Longer texts get a buffer of their own, so one huge document does not stay in memory. */
const FOLD_SCRATCH_MAX = 1 << 17;

/**
 * The document whose folded units foldScratch still holds (makeNormalizedDoc leaves them there);
 * every other fold writes over them, so taking the buffer forgets it.
 */
let scratchHolds: Doc | null = null;

function scratchFor(n: number): Uint16Array {
  scratchHolds = null;
  if (n > foldScratch.length && n <= FOLD_SCRATCH_MAX)
    foldScratch = new Uint16Array(Math.min(FOLD_SCRATCH_MAX, Math.max(n, foldScratch.length * 2)));
  return n <= foldScratch.length ? foldScratch : new Uint16Array(n);
}

/** FOLD_TABLE's entry for a unit, filled on first sight. */
function foldedUnit(code: number): number {
  let f = FOLD_TABLE[code]!;
  if (f === 0) {
    f = foldUnit(code);
    FOLD_TABLE[code] = f;
  }
  return f;
}

/** Folds one UTF-16 unit at a time; anything that does not fold to one unit stays as it was. */
export function foldAligned(text: string): string {
  const n = text.length;
  const scratch = scratchFor(n);
  let changed = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const f = foldedUnit(code);
    if (f !== code) changed = true;
    scratch[i] = f;
  }
  // Already folded (ASCII lower case, most task and agency pieces): no new string at all.
  return changed ? foldedString(scratch, n) : text;
}

/** Plain-line classes of UTF-16 units (Line.plain), looked up while the document is folded. */
const UNIT_ORDINARY = 0;
/** "*" and every blank but the space and the line break. */
const UNIT_NOT_PLAIN = 1;
const UNIT_LINE_BREAK = 2;
/** The space and "_": not plain when the unit before is the same. */
const UNIT_NOT_TWICE = 3;
const PLAIN_CLASS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (isBlankUnit(c)) PLAIN_CLASS[c] = UNIT_NOT_PLAIN;
PLAIN_CLASS[42] = UNIT_NOT_PLAIN;
PLAIN_CLASS[10] = UNIT_LINE_BREAK;
PLAIN_CLASS[32] = UNIT_NOT_TWICE;
PLAIN_CLASS[95] = UNIT_NOT_TWICE;

/**
 * Code units that cannot make normalizeText change a text: starters that NFC keeps and composes
 * with nothing before them, and that the cleaning passes leave alone. Most texts (every stored
 * one) hold nothing else. Ranges: below U+0300 (Latin, with ơ ư đ and the accented vowels of
 * Latin-1), Latin Extended Additional (the other precomposed Vietnamese letters) and the general
 * punctuation after the odd spaces (dashes, quotes, bullets); the units normalizeText changes on
 * their own (\r, NBSP) are taken out below. tests/shared/parser/scanners.test.ts holds every pair.
 */
export const NORMALIZED_UNIT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x02ff],
  [0x1e00, 0x1eff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
];
/** Added to a PLAIN_CLASS entry: the unit is not one of NORMALIZED_UNIT_RANGES (or normalizeText changes it). */
const UNIT_MAY_NORMALIZE = 4;
for (let c = 0; c < 65536; c++) PLAIN_CLASS[c]! |= UNIT_MAY_NORMALIZE;
for (const [from, to] of NORMALIZED_UNIT_RANGES)
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (normalizeText(ch) === ch) PLAIN_CLASS[c]! &= ~UNIT_MAY_NORMALIZE;
  }
/** The plain-line class of a PLAIN_CLASS entry, without UNIT_MAY_NORMALIZE. */
const PLAIN_KIND = 3;

/**
 * foldAligned for the whole document, and per line (split at "\n") whether it is plain: one walk
 * over the units does both, where testing each line again later scanned most of the text twice more.
 */
function foldDocument(text: string): { folded: string; plainLines: boolean[] } {
  const n = text.length;
  const scratch = scratchFor(n);
  const plainLines: boolean[] = [];
  let plain = true;
  let before = -1;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const f = foldedUnit(code);
    if (f !== code) changed = true;
    scratch[i] = f;
    const unit = PLAIN_CLASS[code]!;
    if (unit !== UNIT_ORDINARY) {
      const kind = unit & PLAIN_KIND;
      if (kind === UNIT_LINE_BREAK) {
        plainLines.push(plain);
        plain = true;
      } else if (kind === UNIT_NOT_PLAIN || (kind === UNIT_NOT_TWICE && code === before)) plain = false;
    }
    before = code;
  }
  plainLines.push(plain);
  return { folded: changed ? foldedString(scratch, n) : text, plainLines };
}

/** The string of the first n folded units in `scratch`. */
function foldedString(scratch: Uint16Array, n: number): string {
  const codes = scratch.subarray(0, n);
  if (UTF16 && n >= DECODE_MIN) {
    const out = UTF16.decode(codes);
    if (out.length === n) return out;
  }
  if (n <= CHUNK) return String.fromCharCode.apply(null, codes as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += CHUNK)
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  return out;
}

/** `plainLines`: Line.plain per line, when known. */
export function splitLines(text: string, plainLines: readonly boolean[] = []): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push({ index, start, end, text: text.slice(start, end), plain: plainLines[index] ?? false });
    index++;
    start = end + 1;
  }
  return lines;
}

export function makeDoc(text: string): Doc {
  const { folded, plainLines } = foldDocument(text);
  return { text, folded, lines: splitLines(text, plainLines) };
}

/**
 * What makes a line of a normalized text not plain: its units of class UNIT_NOT_PLAIN, and each
 * UNIT_NOT_TWICE unit twice in a row. Few lines have one, so they are found with indexOf, in the
 * folded text (one byte per unit in most documents): each of them folds to itself, and nothing
 * else folds to one of them (tests/shared/parser/scanners.test.ts).
 */
export const NOT_PLAIN_IN_NORMALIZED: readonly string[] = (() => {
  const out: string[] = [];
  for (let c = 0; c < 65536; c++) {
    const unit = PLAIN_CLASS[c]!;
    if (unit >= UNIT_MAY_NORMALIZE) continue;
    if (unit === UNIT_NOT_PLAIN) out.push(String.fromCharCode(c));
    else if (unit === UNIT_NOT_TWICE) out.push(String.fromCharCode(c, c));
  }
  return out;
})();

/**
 * Per unit: the folded unit (low 16 bits), FOLD_MAY_NORMALIZE, and FOLD_KNOWN so that 0 means not
 * filled yet. One load per unit in makeNormalizedDoc's walk instead of two.
 */
const NORMALIZED_FOLD = new Uint32Array(65536);
const FOLD_MAY_NORMALIZE = 1 << 16;
const FOLD_KNOWN = 1 << 17;
/**
 * The unit opens "*", the most common of NOT_PLAIN_IN_NORMALIZED after two spaces (half the
 * generated documents have one): only that mark is then searched, not all of them.
 */
const FOLD_OPENS_STAR = 1 << 18;
/**
 * The unit of a mark of spaces (two spaces): only when the walk sees two such entries in a row is
 * the text searched for them (the search cost as much as a fifth of the walk).
 */
const FOLD_SPACE_MARK_UNIT = 1 << 19;
const MARKS_OF_SPACES = NOT_PLAIN_IN_NORMALIZED.filter((mark) => mark[0] === ' ');
const SPACE_MARK_UNITS = new Set(
  MARKS_OF_SPACES.map((mark) => {
    if (mark.length !== 2 || mark[1] !== mark[0]) throw new Error('a mark of spaces is one unit twice');
    return mark.charCodeAt(0);
  }),
);
/** The unit opens one of NOT_PLAIN_IN_NORMALIZED other than two spaces and "*". */
const FOLD_OPENS_RARE_MARK = 1 << 20;
const STAR_MARKS = NOT_PLAIN_IN_NORMALIZED.filter((mark) => mark === '*');
const RARE_MARK_UNITS = new Set(
  NOT_PLAIN_IN_NORMALIZED.filter((mark) => mark[0] !== ' ' && mark !== '*').map((mark) => mark.charCodeAt(0)),
);
const STAR_AND_SPACE_MARKS = [...STAR_MARKS, ...MARKS_OF_SPACES];

function normalizedFoldEntry(code: number): number {
  const entry =
    foldedUnit(code) |
    ((PLAIN_CLASS[code]! & UNIT_MAY_NORMALIZE) !== 0 ? FOLD_MAY_NORMALIZE : 0) |
    (RARE_MARK_UNITS.has(code) ? FOLD_OPENS_RARE_MARK : 0) |
    (code === 42 && STAR_MARKS.length > 0 ? FOLD_OPENS_STAR : 0) |
    (SPACE_MARK_UNITS.has(code) ? FOLD_SPACE_MARK_UNIT : 0) |
    FOLD_KNOWN;
  NORMALIZED_FOLD[code] = entry;
  return entry;
}

/**
 * makeDoc(normalizeText(input)), without normalizeText's two passes over a text it would not
 * change (every stored text): the folding walk sees whether any unit could change it. The walk
 * only folds; the lines that are not plain are found afterwards (NOT_PLAIN_IN_NORMALIZED).
 */
export function makeNormalizedDoc(input: string): Doc {
  const n = input.length;
  const scratch = scratchFor(n);
  let flags = 0;
  let changedBits = 0;
  let entryBefore = 0;
  let twiceBits = 0;
  for (let i = 0; i < n; i++) {
    const code = input.charCodeAt(i);
    let entry = NORMALIZED_FOLD[code]!;
    if (entry === 0) entry = normalizedFoldEntry(code);
    // The typed array keeps the low 16 bits: the folded unit.
    scratch[i] = entry;
    flags |= entry;
    changedBits |= (entry ^ code) & 0xffff;
    twiceBits |= entry & entryBefore;
    entryBefore = entry;
  }
  if ((flags & FOLD_MAY_NORMALIZE) !== 0) return makeDoc(normalizeText(input));
  const folded = changedBits !== 0 ? foldedString(scratch, n) : input;
  const lines = splitLines(input);
  for (const line of lines) line.plain = true;
  // Most texts hold none of the marks, or only "*": no search at all, or only for the marks seen.
  const spaces = (twiceBits & FOLD_SPACE_MARK_UNIT) !== 0;
  const marks =
    (flags & FOLD_OPENS_RARE_MARK) !== 0
      ? NOT_PLAIN_IN_NORMALIZED
      : (flags & FOLD_OPENS_STAR) !== 0
        ? spaces
          ? STAR_AND_SPACE_MARKS
          : STAR_MARKS
        : spaces
          ? MARKS_OF_SPACES
          : [];
  for (const mark of marks)
    for (let at = folded.indexOf(mark); at >= 0; at = folded.indexOf(mark, at + 1)) lineAt(lines, at).plain = false;
  const doc: Doc = { text: input, folded, lines };
  if (scratch === foldScratch) scratchHolds = doc;
  return doc;
}

/**
 * `doc.folded` as units, while no other fold has run since makeNormalizedDoc made `doc` (tokenize
 * reads them first); otherwise null. Valid only until the next fold.
 */
export function foldedUnitsOf(doc: Doc): Uint16Array | null {
  return scratchHolds === doc ? foldScratch : null;
}

/** Units of a string for scanPhrases when no folded units are at hand (not the fold buffer). */
let walkScratch = new Uint16Array(CHUNK);

function unitsOfString(s: string): Uint16Array {
  if (s.length > walkScratch.length) walkScratch = new Uint16Array(Math.max(s.length, walkScratch.length * 2));
  for (let i = 0; i < s.length; i++) walkScratch[i] = s.charCodeAt(i);
  return walkScratch;
}

/** The line holding offset `at` (lines in order, as splitLines gives them). */
function lineAt(lines: readonly Line[], at: number): Line {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo]!;
}

/** foldPhrase results: the same issuer names, codes and table rows are folded again and again. */
const PHRASE_CACHE = new Map<string, string>();
const PHRASE_CACHE_MAX = 4096;

/** Folds a table phrase the same way the document is folded, for building patterns. */
export function foldPhrase(s: string): string {
  let out = PHRASE_CACHE.get(s);
  if (out === undefined) {
    out = foldAligned(s.normalize('NFC'));
    if (PHRASE_CACHE.size >= PHRASE_CACHE_MAX) PHRASE_CACHE.clear();
    PHRASE_CACHE.set(s, out);
  }
  return out;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of folded phrases, longest first so "thong bao ket luan" wins over "thong bao". */
export function foldedAlternation(phrases: readonly string[]): string {
  return [...new Set(phrases.map(foldPhrase))]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/ /g, '\\s+'))
    .join('|');
}

function isBlankUnit(c: number): boolean {
  // The units /\s/ matches other than the space itself.
  return (
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * "*", two spaces in a row or a blank other than a space (and, for values, "__"): what the blank
 * passes would change. One character class compiled by the regex engine scans about twice as fast
 * as a loop over char codes.
 */
const VALUE_NEEDS_FIX = /[*\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|__/;
const LINE_NEEDS_FIX = /[*\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

const EDGE_START = /[\s\-–—:|]/;
const EDGE_END = /[\s,;:|]/;

/**
 * Every run of "*", "__…" and blanks as one space: what `raw.replace(/(?:\*|_{2,}|\s)+/g, ' ')` gives.
 * A multi-paragraph task has hundreds of single spaces, and the regex replaced each as its own
 * match; this scan copies the text between the runs that actually change.
 */
function collapseBlankRuns(raw: string): string {
  let out = '';
  let copiedTo = 0;
  const n = raw.length;
  let i = 0;
  while (i < n) {
    let j = i;
    for (;;) {
      const c = raw.charCodeAt(j);
      if (c === 42 || isSpaceUnit(c)) j++;
      else if (c === 95 && raw.charCodeAt(j + 1) === 95) {
        j += 2;
        while (raw.charCodeAt(j) === 95) j++;
      } else break;
    }
    if (j === i) {
      i++;
      continue;
    }
    if (j !== i + 1 || raw.charCodeAt(i) !== 32) {
      out += raw.slice(copiedTo, i) + ' ';
      copiedTo = j;
    }
    i = j;
  }
  return copiedTo === 0 ? raw : out + raw.slice(copiedTo);
}

/** Value text without markdown emphasis, rules, layout spaces and trailing separators. */
export function cleanValue(raw: string): string {
  // This runs for every task, recipient and field: the inner pass runs only when it would change
  // something, and the edges are trimmed by a scan (same result as /^[\s\-–—:|]+|[\s,;:|]+$/g).
  return trimValueEdges(VALUE_NEEDS_FIX.test(raw) ? collapseBlankRuns(raw) : raw);
}

function trimValueEdges(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && EDGE_START.test(s[a]!)) a++;
  while (b > a && EDGE_END.test(s[b - 1]!)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * `cleanValue(raw)` and that value folded, where `folded` is `raw` folded unit by unit (a slice of
 * `Doc.folded`). When cleaning only trims the edges, the folded value is the same slice of
 * `folded` and nothing is folded again. It equals `foldAligned(value)` except that a lone
 * surrogate may read U+FFFD: fine for patterns over folded letters, digits and blanks.
 */
export function cleanValueFolded(raw: string, folded: string): { value: string; folded: string } {
  if (VALUE_NEEDS_FIX.test(raw)) {
    const value = trimValueEdges(collapseBlankRuns(raw));
    return { value, folded: foldAligned(value) };
  }
  const value = trimValueEdges(raw);
  if (value === raw) return { value, folded };
  // The trimmed value is a slice of raw: find where it starts.
  let a = 0;
  while (a < raw.length && EDGE_START.test(raw[a]!)) a++;
  return { value, folded: folded.slice(a, a + value.length) };
}

const BLANK_RUNS = /\s+/g;

/**
 * `s.replace(/\s+/g, ' ')`: always a new string. Returning `s` itself when nothing would change
 * saved a regex pass, but `s` is often a slice of the document, which V8 keeps as a view into the
 * whole text: a cited issuer kept in a memo then kept its document alive (30,000 imported files
 * peaked ~95 MB higher; tests/shared/parser/retention.test.ts).
 */
export function singleSpaced(s: string): string {
  return s.replace(BLANK_RUNS, ' ');
}

/** How many pieces `s.split(/\s+/)` gives, without the pieces. */
export function blankSeparatedCount(s: string): number {
  let count = 1;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (!isSpaceUnit(s.charCodeAt(i))) continue;
    count++;
    while (i + 1 < n && isSpaceUnit(s.charCodeAt(i + 1))) i++;
  }
  return count;
}

const BARE_RE = /\*+|\s+/g;

/** cleanValue of the line's text from `from` on; a plain line only has its edges trimmed. */
export function cleanLineValue(line: Line, from: number): string {
  const raw = line.text.slice(from);
  return line.plain ? trimValueEdges(raw) : cleanValue(raw);
}

/** bare() of a document line; a plain line only loses its surrounding blanks. */
export function bareLine(line: Line): string {
  return line.plain ? line.text.trim() : bare(line.text);
}

/** Strips markdown emphasis and surrounding blanks from one layout line. */
export function bare(line: string): string {
  if (!LINE_NEEDS_FIX.test(line)) return line.trim();
  return line.replace(BARE_RE, (m) => (m.charCodeAt(0) === 42 ? '' : ' ')).trim();
}

// esbuild (targets node20/node22, the bundles' targets) rewrites a \p{…} regex literal into
// `new RegExp(…)` where it stands: inside a function that builds the pattern again on every call.
// Such patterns are module constants, or these helpers.
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER_FIRST = /^\p{Lu}/u;
const LOWER_FIRST = /^\p{Ll}/u;
const WORD_AT_START = /^[\p{L}\d.-]+/u;

export function startsUpper(s: string): boolean {
  return UPPER_FIRST.test(s);
}

export function startsLower(s: string): boolean {
  return LOWER_FIRST.test(s);
}

/** True when the line has letters and none of them is lower case (a caps title or header). */
export function isCapsLine(s: string): boolean {
  return LETTER.test(s) && !LOWER.test(s.replace(/\b(?:V\/v|v\/v)\b/g, ''));
}

export function isBlank(s: string): boolean {
  return !/[^\s\-_=*.]/.test(s);
}

/** "-----", "*", "___": layout rules that extraction leaves on their own line. */
export function isRule(s: string): boolean {
  const b = s.trim();
  return b.length > 0 && /^[-_=*~.—–\s]+$/.test(b) && !/^\*\*\S/.test(b);
}

const PHRASE_INDEX: { folded: string; canonical: string }[] = PROPER_PHRASES.map((p) => ({
  folded: foldPhrase(p),
  canonical: p,
})).sort((a, b) => b.folded.length - a.folded.length);

const PROPER_RE = new RegExp(`(?<![\\p{L}\\d])(?:${foldedAlternation(PROPER_PHRASES)})(?![\\p{L}\\d])`, 'gu');
const INTRODUCER_RE = new RegExp(`(?<![\\p{L}\\d])(?:${foldedAlternation(PLACE_INTRODUCERS)})\\s+`, 'gu');
const NAME_STOP = new Set(
  [
    've',
    'tai',
    'cua',
    'tren',
    'va',
    'nam',
    'nhiem',
    'giai',
    'doan',
    'den',
    'trong',
    'voi',
    'theo',
    'lan',
    'khoa',
    'dia',
    'ban',
    'v/v',
  ].map((w) => w),
);

function titleWord(w: string): string {
  return w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1);
}

/**
 * Lowers a caps title to sentence case, restoring the capitals Vietnamese keeps in body names
 * ("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY" → "Kết luận của Ban Thường vụ Tỉnh ủy") and in place
 * names after "huyện", "tỉnh" … Mixed-case input is returned unchanged.
 */
export function decaps(s: string, sentenceStart: boolean): string {
  if (!isCapsLine(s)) return s;
  const chars = s.toLowerCase().split('');
  const folded = foldAligned(s);
  // Place names: the syllables after an introducer, up to a function word.
  INTRODUCER_RE.lastIndex = 0;
  for (let m = INTRODUCER_RE.exec(folded); m; m = INTRODUCER_RE.exec(folded)) {
    let pos = m.index + m[0].length;
    for (let n = 0; n < 4 && pos < folded.length; n++) {
      const wm = WORD_AT_START.exec(folded.slice(pos));
      if (!wm || NAME_STOP.has(wm[0])) break;
      chars[pos] = chars[pos]!.toUpperCase();
      pos += wm[0].length;
      const sp = /^ +/.exec(folded.slice(pos));
      if (!sp) break;
      pos += sp[0].length;
    }
  }
  PROPER_RE.lastIndex = 0;
  for (let m = PROPER_RE.exec(folded); m; m = PROPER_RE.exec(folded)) {
    const canonical = PHRASE_INDEX.find((p) => p.folded === m![0].replace(/\s+/g, ' '))?.canonical;
    if (!canonical || canonical.length !== m[0].length) continue;
    // Folding merges "Đảng"/"đang", "Sở"/"số": only the exact (tone-canonical) word is restored.
    const exact = canonicalTones(s.slice(m.index, m.index + m[0].length).toLowerCase()).replace(/\s+/g, ' ');
    if (exact !== canonicalTones(canonical.toLowerCase())) continue;
    for (let i = 0; i < canonical.length; i++) {
      const c = canonical[i]!;
      const at = chars[m.index + i]!;
      chars[m.index + i] = c !== c.toLowerCase() ? at.toUpperCase() : at.toLowerCase();
    }
  }
  let out = chars.join('');
  if (sentenceStart) out = titleWord(out);
  return out;
}

/** Title-cases every syllable ("YÊN THẾ" → "Yên Thế"); for proper names only. */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w) => titleWord(w))
    .join('');
}

export function clampSpan(start: number, end: number, length: number): { start: number; end: number } {
  const s = Math.max(0, Math.min(start, length));
  const e = Math.max(s, Math.min(end, length));
  return { start: s, end: e };
}

export function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

// ---- Phrase scanning -----------------------------------------------------------------

const LETTER_UNIT = new Uint8Array(65536); // 0 unknown, 1 letter, 2 not a letter
const LETTER_CP = /^\p{L}$/u;

/**
 * 1 for the units of ASCII letters and digits, per UTF-16 unit: the word walks below test every
 * unit of a document, and one load is about a third cheaper than three range comparisons.
 */
const ASCII_WORD_UNIT = new Uint8Array(65536);
for (let c = 0; c < 128; c++)
  ASCII_WORD_UNIT[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;

function isAsciiWord(c: number): boolean {
  return ASCII_WORD_UNIT[c] === 1;
}

/** The code point at `i` is a letter or an ASCII digit (what [\p{L}\d] matches there). */
function wordAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiWord(c);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_CP.test(String.fromCodePoint(s.codePointAt(i)!));
  let k = LETTER_UNIT[c]!;
  if (k === 0) LETTER_UNIT[c] = k = LETTER_CP.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/** The code point ending at `i` is a letter or an ASCII digit (what (?<![\p{L}\d]) looks at). */
export function wordBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER_CP.test(String.fromCodePoint(s.codePointAt(i - 2)!));
  }
  return wordAt(s, i - 1);
}

/** The code point ending at `i` is a letter (what (?<![\p{L}]) looks at). */
export function letterBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c >= 48 && c <= 57) return false;
  return wordBefore(s, i);
}

/** The code point ending at `i` is a letter, an ASCII digit or "/" (what (?<![\d/\p{L}]) looks at). */
export function refCharBefore(s: string, i: number): boolean {
  return (i > 0 && s.charCodeAt(i - 1) === 47) || wordBefore(s, i);
}

/**
 * The next match of the global `re` whose start `blocked` does not reject: the matches a leading
 * lookbehind would give. V8 skips ahead to a pattern's first letters only when the pattern does
 * not open with a lookbehind; over a whole document that halves the scan.
 */
export function execNotAfter(
  re: RegExp,
  s: string,
  blocked: (s: string, start: number) => boolean,
): RegExpExecArray | null {
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (!blocked(s, m.index)) return m;
    // Matches start on a BMP letter or digit, so one unit on is the next position the lookbehind form tries.
    re.lastIndex = m.index + 1;
  }
  return null;
}

function isSpaceUnit(c: number): boolean {
  return c === 32 || ((c <= 13 || c >= 0xa0) && isBlankUnit(c));
}

/** Trie slot of an ASCII letter or digit; -1 for upper case, which no folded phrase contains. */
function trieSlot(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return 26 + c - 48;
  return -1;
}
const TRIE_WIDTH = 36;

/** Longest first word of a phrase (a folded syllable has at most 7 letters: "nghieng"). */
const FIRST_WORD_MAX = 31;
/** a–z, 0–9, and one slot for anything else (upper case), which no first word has. */
const SHAPE_SLOTS = 37;

function shapeSlot(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return 26 + c - 48;
  return 36;
}

/**
 * First and last unit of the word s[i, j) as one index into a shape table, whose entry holds one
 * bit per word length (bit 0 unused: words are not empty).
 */
function edgeShape(s: string, i: number, j: number): number {
  return shapeSlot(s.charCodeAt(i)) * SHAPE_SLOTS + shapeSlot(s.charCodeAt(j - 1));
}

/** The length bit of the word s[i, j) in a shape table entry; 0 when longer than any first word. */
function lengthBit(i: number, j: number): number {
  const length = j - i;
  return length > FIRST_WORD_MAX ? 0 : 1 << length;
}

interface Phrase {
  words: string[];
  /** The words joined by one space: the folded phrase as the caller's tables key it. */
  text: string;
}

/**
 * Finds folded phrases the way `(?<![\p{L}\d])(?:<foldedAlternation>)(?![\p{L}\d])` with the g flag
 * does (same matches, same order, alternatives tried longest first), but looks only at word starts
 * and only at the phrases whose first word is there. Several phrase sets share one walk over the
 * text (`scanPhrases`); each keeps its own non-overlapping order, as separate regexes would.
 * First words sit in a trie walked over the text's units, so a word that starts no phrase (most
 * of them) costs neither a substring nor a hash.
 */
export class PhraseSet {
  /** Child node per node and slot (0 = none; node 0 is the root). */
  private children = new Int32Array(TRIE_WIDTH);
  /** Phrases (in alternation order) whose first word ends at the node. */
  private readonly phrasesAt: (Phrase[] | undefined)[] = [undefined];
  /**
   * Shapes of the first words: per first and last unit (edgeShape), a bit per length. A set has a
   * few dozen first words and a document a thousand words: most are turned away by one lookup,
   * before any call or trie walk. 5 KB, so it stays in the first-level cache.
   */
  readonly firstWordShapes = new Uint32Array(SHAPE_SLOTS * SHAPE_SLOTS);

  constructor(phrases: readonly string[]) {
    const ordered = [...new Set(phrases.map(foldPhrase))].sort((a, b) => b.length - a.length);
    for (const p of ordered) {
      const words = p.split(' ');
      if (words.some((w) => !/^[a-z0-9]+$/.test(w))) throw new Error(`PhraseSet: "${p}" is not plain folded words`);
      const first = words[0]!;
      if (first.length > FIRST_WORD_MAX) throw new Error(`PhraseSet: "${first}" is longer than a syllable`);
      this.firstWordShapes[edgeShape(first, 0, first.length)]! |= lengthBit(0, first.length);
      const node = this.insert(words[0]!);
      const phrase: Phrase = { words, text: p };
      const list = this.phrasesAt[node];
      if (list) list.push(phrase);
      else this.phrasesAt[node] = [phrase];
    }
  }

  private insert(word: string): number {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const at = node * TRIE_WIDTH + trieSlot(word.charCodeAt(i));
      let child = this.children[at]!;
      if (child === 0) {
        child = this.phrasesAt.length;
        this.phrasesAt.push(undefined);
        if ((child + 1) * TRIE_WIDTH > this.children.length) {
          const grown = new Int32Array(this.children.length * 2);
          grown.set(this.children);
          this.children = grown;
        }
        this.children[at] = child;
      }
      node = child;
    }
    return node;
  }

  /** Whether a first word of this set can be s[i, j), judged by its edges and length only. */
  mayStart(s: string, i: number, j: number): boolean {
    return (this.firstWordShapes[edgeShape(s, i, j)]! & lengthBit(i, j)) !== 0;
  }

  /** Phrases whose first word is exactly s[i, j), or undefined. */
  private phrasesFor(s: string, i: number, j: number): Phrase[] | undefined {
    let node = 0;
    for (let k = i; k < j; k++) {
      const slot = trieSlot(s.charCodeAt(k));
      if (slot < 0) return undefined;
      node = this.children[node * TRIE_WIDTH + slot]!;
      if (node === 0) return undefined;
    }
    return this.phrasesAt[node];
  }

  /** phrasesFor over `units`, s's units: a typed array is read faster than the string. */
  private phrasesForUnits(units: Uint16Array, i: number, j: number): Phrase[] | undefined {
    let node = 0;
    for (let k = i; k < j; k++) {
      const slot = trieSlot(units[k]!);
      if (slot < 0) return undefined;
      node = this.children[node * TRIE_WIDTH + slot]!;
      if (node === 0) return undefined;
    }
    return this.phrasesAt[node];
  }

  /** The first phrase (in alternation order) whose first word is s[i, j), with its end; or null. */
  matchAt(s: string, i: number, j: number): { end: number; phrase: string } | null {
    const list = this.phrasesFor(s, i, j);
    return list ? this.laterWords(s, j, list) : null;
  }

  /** matchAt with s's units at hand (scanPhrases). */
  matchAtUnits(s: string, units: Uint16Array, i: number, j: number): { end: number; phrase: string } | null {
    const list = this.phrasesForUnits(units, i, j);
    return list ? this.laterWords(s, j, list) : null;
  }

  /** The first phrase of `list` (first words ending at j) whose later words follow, with its end. */
  private laterWords(s: string, j: number, list: Phrase[]): { end: number; phrase: string } | null {
    for (const { words, text } of list) {
      let pos = j;
      let ok = true;
      for (let w = 1; w < words.length && ok; w++) {
        if (pos >= s.length || !isSpaceUnit(s.charCodeAt(pos))) ok = false;
        else {
          while (pos < s.length && isSpaceUnit(s.charCodeAt(pos))) pos++;
          const word = words[w]!;
          if (s.startsWith(word, pos)) pos += word.length;
          else ok = false;
        }
      }
      if (ok && !wordAt(s, pos)) return { end: pos, phrase: text };
    }
    return null;
  }

  /** The match that starts exactly at `at` (a sticky regex), or null. */
  matchHere(s: string, at: number): { start: number; end: number; phrase: string } | null {
    if (at >= s.length || !isAsciiWord(s.charCodeAt(at)) || wordBefore(s, at)) return null;
    let j = at + 1;
    while (j < s.length && isAsciiWord(s.charCodeAt(j))) j++;
    if (wordAt(s, j)) return null;
    const m = this.matchAt(s, at, j);
    return m ? { start: at, end: m.end, phrase: m.phrase } : null;
  }

  /** The first match at or after `from` (a global regex with lastIndex = from), or null. */
  next(s: string, from: number): { start: number; end: number; phrase: string } | null {
    const n = s.length;
    let i = from;
    while (i < n) {
      if (!isAsciiWord(s.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && isAsciiWord(s.charCodeAt(j))) j++;
      if (this.mayStart(s, i, j) && !wordBefore(s, i) && !wordAt(s, j)) {
        const m = this.matchAt(s, i, j);
        if (m) return { start: i, end: m.end, phrase: m.phrase };
      }
      i = j;
    }
    return null;
  }
}

/** The last sets scanned together and their first-word shapes OR'ed (callers pass the same sets every time). */
let unionOf: readonly PhraseSet[] = [];
let unionShapesOf = new Uint32Array(SHAPE_SLOTS * SHAPE_SLOTS);

/** Shapes any of the sets may start with: one lookup turns away most words for all the sets at once. */
function unionShapes(sets: readonly PhraseSet[]): Uint32Array {
  if (sets.length === unionOf.length && sets.every((set, k) => set === unionOf[k])) return unionShapesOf;
  const shapes = new Uint32Array(SHAPE_SLOTS * SHAPE_SLOTS);
  for (const set of sets) for (let k = 0; k < shapes.length; k++) shapes[k]! |= set.firstWordShapes[k]!;
  unionOf = [...sets];
  unionShapesOf = shapes;
  return shapes;
}

/**
 * One walk over `s`: `onHit(set index, start, end, phrase)` for each set's matches in order.
 * `units` are s's units (foldedUnitsOf): the walk reads a typed array faster than the string.
 */
export function scanPhrases(
  s: string,
  sets: readonly PhraseSet[],
  onHit: (set: number, start: number, end: number, phrase: string) => void,
  units: Uint16Array = unitsOfString(s),
): void {
  const next = sets.map(() => 0);
  const anyShapes = unionShapes(sets);
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiWord(units[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isAsciiWord(units[j]!)) j++;
    const shape = shapeSlot(units[i]!) * SHAPE_SLOTS + shapeSlot(units[j - 1]!);
    const bit = lengthBit(i, j);
    // The units around the word are not ASCII letters or digits (the walk stopped there): only
    // one of 128 or above can be a letter, and only then are the string's code points looked at.
    if (
      (anyShapes[shape]! & bit) !== 0 &&
      !(i > 0 && units[i - 1]! >= 128 && wordBefore(s, i)) &&
      !(j < n && units[j]! >= 128 && wordAt(s, j))
    ) {
      for (let k = 0; k < sets.length; k++) {
        // mayStart, with the shape already at hand.
        if (next[k]! > i || (sets[k]!.firstWordShapes[shape]! & bit) === 0) continue;
        const m = sets[k]!.matchAtUnits(s, units, i, j);
        if (m) {
          onHit(k, i, m.end, m.phrase);
          next[k] = m.end;
        }
      }
    }
    i = j;
  }
}
