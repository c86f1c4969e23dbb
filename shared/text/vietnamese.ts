/**
 * Vietnamese text handling used everywhere: one normal form for storage, one folded form
 * for accent-insensitive matching. See docs/domain.md §8.
 */
import { decodeUtf16 } from './utf16';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// NBSP and the other fixed-width spaces turn up inside symbols ("571 -CV/TU") in PDF and Word text.
const ODD_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;

/** Any character one of the passes below would change; most texts (already stored ones) have none. */
const NEEDS_CLEANING = /[\r\u200B-\u200D\u2060\uFEFF\u00A0\u2000-\u200A\u202F\u205F\u3000]/;

/** The form every stored text takes: NFC, LF line ends, no zero-width characters, no odd spaces. */
export function normalizeText(raw: string): string {
  if (!NEEDS_CLEANING.test(raw)) return raw.normalize('NFC');
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(ODD_SPACES, ' ')
    .normalize('NFC');
}

const MARK = /^\p{M}$/u;
// Which BMP code units are marks (\p{M}): 0 not yet asked, 1 a mark, 2 not. Filled on first sight.
const MARK_UNIT = new Uint8Array(0x10000);

/**
 * True when the string carries combining marks (\p{M}), i.e. it arrived decomposed (NFD). A scan
 * with a table rather than the regular expression: every imported text is tested, and the
 * property-class search costs three times as much. No mark is below U+0300.
 */
export function isDecomposed(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300) continue;
    if (c >= 0xd800 && c < 0xe000) {
      // Marks beyond the BMP come as a surrogate pair, read as one code point like /u does.
      if (c < 0xdc00 && i + 1 < n) {
        const low = s.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          if (MARK.test(s.slice(i, i + 2))) return true;
          i++;
        }
      }
      continue;
    }
    let kind = MARK_UNIT[c]!;
    if (kind === 0) {
      kind = MARK.test(String.fromCharCode(c)) ? 1 : 2;
      MARK_UNIT[c] = kind;
    }
    if (kind === 1) return true;
  }
  return false;
}

const D_MAP: Record<string, string> = { đ: 'd', ð: 'd', Đ: 'D', Ð: 'D', Ɖ: 'D' };
// eslint-disable-next-line no-control-regex -- ASCII includes the control range
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Accent-insensitive form: lower case, marks stripped, đ→d. Unicode has no decomposition for
 * đ/Đ, so NFD alone leaves them; the explicit map is the point of this function.
 * Keeps the string length per character only for precomposed input; do not use offsets across it.
 */
export function foldVi(s: string): string {
  // ASCII has no mark to strip and no đ: numbers and symbols ("5-NQ/TW", every document's and
  // citation's graph key) skip a normalisation and two scans (~1.5 µs each inside an import).
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  return foldLatin(s) ?? foldAnyScript(s);
}

function foldAnyScript(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đðĐÐƉ]/g, (c) => D_MAP[c] ?? c)
    .toLowerCase();
}

/**
 * Code units whose fold a table may give: Latin up to U+024F, the combining marks U+0300–U+036F and
 * Latin Extended Additional (every precomposed Vietnamese letter). In these ranges foldAnyScript
 * works character by character (NFD only reorders marks, which it drops; lower-casing has no
 * context outside Greek), so a string of them folds to the concatenation of its units' folds.
 */
const FOLD_TABLE_END = 0x1f00;
/** The unit folds to nothing (a combining mark). */
const FOLD_DROPPED = 0xfffe;
/** The unit is outside the ranges, or folds to more than one unit: the whole string takes foldAnyScript. */
const FOLD_ELSEWHERE = 0xffff;
/** Filled on the first string that needs it (~1 ms: 960 units folded one by one). */
let foldedUnits: Uint16Array | null = null;

function foldTable(): Uint16Array {
  const table = new Uint16Array(FOLD_TABLE_END).fill(FOLD_ELSEWHERE);
  for (const [from, to] of [
    [0, 0x250],
    [0x300, 0x370],
    [0x1e00, 0x1f00],
  ] as const) {
    for (let c = from; c < to; c++) {
      const folded = foldAnyScript(String.fromCharCode(c));
      table[c] = folded.length === 0 ? FOLD_DROPPED : folded.length === 1 ? folded.charCodeAt(0) : FOLD_ELSEWHERE;
    }
  }
  return table;
}

let foldOut = new Uint16Array(256);

/**
 * foldAnyScript(s) by table when every unit of `s` is in the table's ranges, else null: three times
 * faster on Vietnamese text. A task dashboard at 100,000 documents folds every task's text to key
 * it (docs/tasks.md).
 */
function foldLatin(s: string): string | null {
  const table = (foldedUnits ??= foldTable());
  const n = s.length;
  if (foldOut.length < n) foldOut = new Uint16Array(Math.max(n, foldOut.length * 2));
  const out = foldOut;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const f = c < FOLD_TABLE_END ? table[c]! : FOLD_ELSEWHERE;
    if (f === FOLD_ELSEWHERE) return null;
    if (f !== FOLD_DROPPED) out[k++] = f;
  }
  return decodeUtf16(out.subarray(0, k));
}

/**
 * Folds one character at a time so offsets line up with the NFC input: result[i] folds input[i].
 * Used to highlight accent-folded matches in the original text.
 */
export function foldViAligned(nfc: string): string {
  let out = '';
  for (const ch of nfc) {
    const folded = foldVi(ch);
    // Every precomposed Vietnamese letter folds to one ASCII letter; keep code-unit alignment.
    out += folded.length === ch.length ? folded : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

// Open syllables ending in oa/oe/uy take the tone on either vowel ("hoà"/"hòa"). The canonical
// form here is the traditional one (mark on the first vowel). Closed syllables (hoàng) and
// qu+vowel (quý) are left alone, as docs/domain.md §8.4 advises.
const TONE_MOVES: Record<string, string> = {};
const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
for (const [first, second] of [
  ['o', 'a'],
  ['o', 'e'],
  ['u', 'y'],
]) {
  for (const tone of TONES) {
    for (const upper of [false, true]) {
      const f = upper ? first!.toUpperCase() : first!;
      const s = upper ? second!.toUpperCase() : second!;
      TONE_MOVES[(f + s + tone).normalize('NFC')] = (f + tone + s).normalize('NFC');
      // Mixed case as in "Uỷ ban" / "uỶ" is rare but costs nothing.
      TONE_MOVES[(f + (upper ? second! : second!.toUpperCase()) + tone).normalize('NFC')] = (
        f +
        tone +
        (upper ? second! : second!.toUpperCase())
      ).normalize('NFC');
    }
  }
}
const PAIR_AT_WORD_END = new RegExp(`(?:${Object.keys(TONE_MOVES).join('|')})$`, 'u');

/** Moves new-style tone marks to the traditional vowel in open oa/oe/uy syllables: hoà → hòa, Uỷ → Ủy. */
export function canonicalTones(nfc: string): string {
  return nfc.replace(/\p{L}+/gu, (word) => {
    const match = PAIR_AT_WORD_END.exec(word);
    if (!match) return word;
    const at = match.index;
    if (at > 0 && /[qQ]/.test(word[at - 1]!)) return word;
    return word.slice(0, at) + (TONE_MOVES[match[0]] ?? match[0]);
  });
}
