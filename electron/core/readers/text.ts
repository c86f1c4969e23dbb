/** Plain text (.txt, .md) and the byte→string decoding the HTML and RTF readers share. */
import { isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';
import { vietnameseScore } from '../../../shared/text/legacy';
import { isDecomposed } from '../../../shared/text/vietnamese';
import { ReaderError, WARNINGS, fixLegacy, type RawRead } from './common';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as strict UTF-8, or null when they are not UTF-8; what utf8.decode gives (or throws)
 * for bytes that do not start with a BOM, which it would drop. Converted to UTF-16 first: V8 builds
 * a string from UTF-8 one character at a time, and validating, converting and copying the UTF-16
 * in took 5 against 19 µs for a 6 KB text.
 */
function strictUtf8WithoutBom(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
}

/**
 * Where UTF-8 bytes end once trailing ASCII white space is left off: readDocument trims it from
 * the text anyway, and trimming a string in V8 leaves a slice of it, which every later pass over
 * the text (parser, index, encoders) reads more slowly than a flat string (~1.5 % of a parse).
 * Dropping it from the bytes first gives the same text, flat. Only for 8-bit-clean encodings:
 * in UTF-16 a 0x0A byte may be half of a character.
 */
function endBeforeTrailingBlanks(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0) {
    const b = bytes[end - 1]!;
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09 && b !== 0x0b && b !== 0x0c) break;
    end--;
  }
  return end;
}

/** Which UTF-16 byte order a BOM-less buffer looks like, from where its NUL bytes sit. */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 65536) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  // ASCII (spaces, digits, punctuation, unaccented letters) is a large share of Vietnamese text.
  if (odd / pairs > 0.25 && even / pairs < 0.02) return 'utf-16le';
  if (even / pairs > 0.25 && odd / pairs < 0.02) return 'utf-16be';
  return null;
}

function hasNul(bytes: Uint8Array): boolean {
  // Buffer's indexOf is a memchr; a Uint8Array's compares element by element (1.7 against 0.2 µs
  // for a 6 KB text). The view shares the bytes.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) !== -1;
}

// Control characters other than tab, LF, CR, FF: a text file has (almost) none.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0B\x0E-\x1F\x7F]/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\x00-\x08\x0B\x0E-\x1F\x7F]/;

/**
 * Characters outside the ones nearly every text is made of: ASCII letters, digits and punctuation
 * with tab and line feed, the rest of Latin up to U+02FF (no soft hyphen, no no-break space), the
 * Vietnamese letters U+1EA0–U+1EF9, dashes, quotes and the like from U+2010. A text without any
 * holds no control character and no combining mark, nothing readDocument's tidying cleans, and is
 * NFC already (each of these characters is its own NFC and none composes with another): one class
 * search settles what four scans did (controls, marks, tidying, NFC; ~20 µs a 4.6 KB text).
 * tests/electron/readers/edge-cases.test.ts checks every character of the class.
 */
export const UNUSUAL_CHARACTER = /[^\t\n\x20-\x7E\u00A1-\u00AC\u00AE-\u02FF\u1EA0-\u1EF9\u2010-\u2027\u2030-\u205E]/;

/** True when a decoded string is mostly not text. */
export function looksBinary(s: string): boolean {
  // Nearly every text has no control character at all (NUL is one): one scan settles it, where
  // looking for NUL and then collecting matches took two (every imported text is tested twice).
  if (!ANY_CONTROL.test(s)) return false;
  if (s.includes('\u0000')) return true;
  const controls = s.match(CONTROL)?.length ?? 0;
  return controls / Math.max(1, s.length) > 0.01;
}

export interface Decoded {
  text: string;
  encoding: string;
  warnings: string[];
  /** Set when the text was seen to hold no control character at all (RawRead.controlFree). */
  controlFree?: boolean;
  /** Set when the text was seen to hold no UNUSUAL_CHARACTER (RawRead.ordinary). */
  ordinary?: boolean;
}

/** Normalises a charset label (from HTML meta, RTF \ansicpg) to one iconv-lite knows, or null. */
export function charsetName(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(l)) return 'utf-8';
  if (/^\d+$/.test(l)) return iconv.encodingExists(`cp${l}`) ? `windows-${l}` : null;
  return iconv.encodingExists(l) ? l : null;
}

/**
 * Bytes → string. BOM first, then BOM-less UTF-16, then strict UTF-8, then the 8-bit encodings
 * (Windows-1258, TCVN3, VNI, CP1252), choosing the reading with the most well-formed Vietnamese
 * syllables. Legacy lines inside valid UTF-8 (TCVN3 noise pasted as Unicode, mojibake) are
 * converted too. Throws ReaderError('binary') for non-text.
 */
export function decodeBytes(
  bytes: Uint8Array,
  declared?: string | null,
  options?: {
    legacy?: boolean;
    /** UTF-8 without its trailing ASCII white space, for a caller that trims it (endBeforeTrailingBlanks). */
    dropTrailingBlanks?: boolean;
  },
): Decoded {
  const warnings: string[] = [];
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8OrBinary(bytes.subarray(3));
    encoding = 'utf-8-bom';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le');
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be');
    encoding = 'utf-16be';
  } else {
    const nul = hasNul(bytes);
    // Bytes without a NUL are never UTF-16 by sniffUtf16's measure: a native search settles what
    // its count over every byte would (a few µs a file).
    const utf16 = nul ? sniffUtf16(bytes) : null;
    if (utf16) {
      text = iconv.decode(Buffer.from(bytes), utf16);
      encoding = utf16;
    } else {
      if (nul) throw new ReaderError('binary', 'có byte NUL');
      const cs = charsetName(declared);
      let strict: string | null = null;
      // No BOM here: the first branch took the bytes that start with one.
      if (!cs || cs === 'utf-8')
        strict = strictUtf8WithoutBom(
          options?.dropTrailingBlanks ? bytes.subarray(0, endBeforeTrailingBlanks(bytes)) : bytes,
        );
      if (strict !== null) {
        text = strict;
        encoding = 'utf-8';
      } else if (cs && cs !== 'utf-8' && !/^windows-125[28]$|^(latin1|iso-8859-1|cp125[28])$/.test(cs)) {
        text = iconv.decode(Buffer.from(bytes), cs);
        encoding = cs;
      } else {
        const eight = decodeEightBit(bytes);
        text = eight.text;
        encoding = eight.encoding;
        warnings.push(...eight.warnings);
        if (looksBinary(text)) throw new ReaderError('binary');
        return { text, encoding, warnings };
      }
    }
  }
  const ordinary = !UNUSUAL_CHARACTER.test(text);
  const controlFree = ordinary || !ANY_CONTROL.test(text);
  if (!controlFree && looksBinary(text)) throw new ReaderError('binary');
  if (!ordinary && isDecomposed(text)) warnings.push(WARNINGS.nfd);
  if (options?.legacy === false) return { text, encoding, warnings, controlFree, ordinary };
  const fixed = applyLegacy({ text, encoding, warnings });
  // Only the text that was tested: a legacy line's conversion is not assumed to keep it clean.
  return fixed.text === text ? { ...fixed, controlFree, ordinary } : fixed;
}

/** Converts legacy-encoded lines of decoded text and names the result ('tcvn3', 'utf-8-mojibake-repaired', 'utf-16le+vni'). */
export function applyLegacy(d: Decoded): Decoded {
  const fixed = fixLegacy(d.text);
  if (!fixed.kinds.length) return d;
  const main = fixed.kinds[0]!;
  let encoding = main === 'mojibake' ? `${d.encoding}-mojibake-repaired` : `${d.encoding}+${main}`;
  if (encoding === 'utf-8+tcvn3' || encoding === 'utf-8+vni') encoding = main; // legacy noise saved as UTF-8
  return { text: fixed.text, encoding, warnings: [...d.warnings, ...fixed.warnings] };
}

function decodeUtf8OrBinary(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // A BOM followed by invalid UTF-8: keep what decodes.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** An 8-bit file: Windows-1258 or Latin-1 bytes carrying TCVN3/VNI; whichever reads as better Vietnamese. */
function decodeEightBit(bytes: Uint8Array): Decoded {
  const buf = Buffer.from(bytes);
  const cp1258 = iconv.decode(buf, 'windows-1258').normalize('NFC');
  const latin = iconv.decode(buf, 'windows-1252');
  const legacy = fixLegacy(latin);
  const s1258 = vietnameseScore(cp1258);
  const sLegacy = vietnameseScore(legacy.text);
  let chosen: Decoded;
  if (legacy.kinds.length && sLegacy >= s1258) {
    const main = legacy.kinds[0]!;
    chosen = {
      text: legacy.text,
      encoding: main === 'mojibake' ? 'utf-8-mojibake-repaired' : main,
      warnings: legacy.warnings,
    };
  } else if (s1258 > vietnameseScore(latin)) {
    chosen = { text: cp1258, encoding: 'windows-1258', warnings: [WARNINGS.windows1258] };
  } else {
    chosen = { text: latin, encoding: 'windows-1252', warnings: [] };
  }
  // No reading gives Vietnamese (VISCII, a Chinese or Cyrillic code page, ...): refuse rather than archive noise.
  const { accented, malformed } = accentedTokens(chosen.text);
  if (accented >= 20 && malformed / accented > 0.6)
    throw new ReaderError(
      'encoding',
      `${malformed}/${accented} từ có dấu không đọc được theo Windows-1258, TCVN3 hay VNI`,
    );
  // Too few accented words to refuse on (a short note, a few foreign names), yet no Vietnamese
  // reading: stored, but never silently as if it were read right.
  if (chosen.encoding === 'windows-1252' && doubtfulLetters(chosen.text))
    chosen = { ...chosen, warnings: [...chosen.warnings, WARNINGS.encodingDoubt] };
  return chosen;
}

/**
 * Whether at least half the words with a non-ASCII letter are not Vietnamese syllables. Letters
 * only: a © or ° in an English text is no sign of a wrong encoding.
 */
function doubtfulLetters(text: string): boolean {
  let lettered = 0;
  let malformed = 0;
  for (const token of text.split(/\s+/)) {
    if (!NON_ASCII_LETTER.test(token)) continue;
    lettered++;
    if (vietnameseScore(token) < 0) malformed++;
  }
  return malformed > 0 && malformed * 2 >= lettered;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII_LETTER = /(?![\x00-\x7F])\p{L}/u;

/** Tokens with non-ASCII letters, and how many of them are not well-formed Vietnamese syllables. */
export function accentedTokens(text: string): { accented: number; malformed: number } {
  let accented = 0;
  let malformed = 0;
  for (const token of text.split(/\s+/)) {
    const score = vietnameseScore(token);
    if (score !== 0) accented++;
    if (score < 0) malformed++;
  }
  return { accented, malformed };
}

export function readPlainText(bytes: Uint8Array): RawRead {
  // readDocument trims the end of every text.
  return decodeBytes(bytes, null, { dropTrailingBlanks: true });
}
