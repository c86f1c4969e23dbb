/**
 * Legacy Vietnamese 8-bit encodings and mojibake, as pure string conversions (no Node APIs).
 * See docs/domain.md §8.2.
 *
 * Text in a legacy font arrives as Latin-1 "noise": every byte of the file became the Latin-1
 * character with the same code (a .VnTime run in Word, a TCVN3 .txt decoded as CP1252, ...).
 * The functions here take that noise as a string and give back Unicode (NFC).
 *
 * Detection works on whole lines or documents, never on single words: it converts a line each
 * way and keeps the reading that yields the most well-formed Vietnamese syllables.
 */

export type LegacyKind = 'tcvn3' | 'vni' | 'mojibake';

// ---------------------------------------------------------------------------------------------
// Tables. All 67 lower-case letters with a diacritic (plus đ), in a fixed grid order; the
// upper-case forms and the other encodings are derived from this grid.

/** Vowel families × tones (none, grave, acute, hook, tilde, dot below) — 12 × 6 = 72 letters. */
const FAMILIES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;

/** Every lower-case Vietnamese letter that is not plain ASCII: 67 toned/modified vowels + đ. */
export const VIETNAMESE_LOWER: readonly string[] = (() => {
  const out: string[] = [];
  for (const f of FAMILIES)
    for (const t of TONE_MARKS) if (f + t !== f || /[ăâêôơư]/.test(f)) out.push((f + t).normalize('NFC'));
  out.push('đ');
  return out;
})();
/** The upper-case counterparts, in the same order. */
export const VIETNAMESE_UPPER: readonly string[] = VIETNAMESE_LOWER.map((c) => c.toUpperCase());

/**
 * TCVN3 (ABC, .VnTime) byte of each lower-case letter, in grid order: family by family, tones in
 * the order none, grave, acute, hook, tilde, dot. "--" marks the plain ASCII vowel (a, e, i, ...),
 * which keeps its own byte. đ is last.
 */
const TCVN3_GRID =
  '-- B5 B8 B6 B7 B9 ' + // a à á ả ã ạ
  'A8 BB BE BC BD C6 ' + // ă ằ ắ ẳ ẵ ặ
  'A9 C7 CA C8 C9 CB ' + // â ầ ấ ẩ ẫ ậ
  '-- CC D0 CE CF D1 ' + // e è é ẻ ẽ ẹ
  'AA D2 D5 D3 D4 D6 ' + // ê ề ế ể ễ ệ
  '-- D7 DD D8 DC DE ' + // i ì í ỉ ĩ ị
  '-- DF E3 E1 E2 E4 ' + // o ò ó ỏ õ ọ
  'AB E5 E8 E6 E7 E9 ' + // ô ồ ố ổ ỗ ộ
  'AC EA ED EB EC EE ' + // ơ ờ ớ ở ỡ ợ
  '-- EF F3 F1 F2 F4 ' + // u ù ú ủ ũ ụ
  'AD F5 F8 F6 F7 F9 ' + // ư ừ ứ ử ữ ự
  '-- FA FD FB FC FE ' + // y ỳ ý ỷ ỹ ỵ
  'AE'; // đ
/** .VnTime has capitals only for these seven; toned capitals come from the .VnTimeH font (see below). */
const TCVN3_CAPS = 'A1 Ă A2 Â A3 Ê A4 Ô A5 Ơ A6 Ư A7 Đ';

/**
 * VNI (VNI-Times) writes a letter as base + mark byte. Marks per tone (grave, acute, hook, tilde,
 * dot), as Latin-1 hex; the upper-case forms of the marks are the same byte minus 0x20.
 */
const VNI_TONES_PLAIN = 'F8 F9 FB F5 EF'; // ø ù û õ ï  (a e o u y, and ơ/ư)
const VNI_TONES_CIRC = 'E0 E1 E5 E3 E4'; // à á å ã ä  (â ê ô): circumflex and tone in one byte
const VNI_TONES_BREVE = 'E8 E9 FA FC EB'; // è é ú ü ë  (ă): breve and tone in one byte
const VNI_I = 'EC ED E6 F3 F2'; // ì í æ ó ò: i with a tone is one byte
const VNI_SINGLE = 'E2 â EA ă F4 ơ F6 ư F1 đ EE ỵ'; // circumflex, breve, ơ, ư, đ, ỵ

const hexChar = (h: string): string => String.fromCharCode(parseInt(h, 16));
const hexList = (s: string): string[] => s.trim().split(/\s+/).map(hexChar);
const upByte = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0x20);

const TCVN3_TO_UNI = new Map<string, string>();
const UNI_TO_TCVN3 = new Map<string, string>();
{
  const bytes = TCVN3_GRID.trim().split(/\s+/);
  let k = 0;
  for (const f of FAMILIES)
    for (const t of TONE_MARKS) {
      const h = bytes[k++]!;
      if (h === '--') continue;
      const letter = (f + t).normalize('NFC');
      TCVN3_TO_UNI.set(hexChar(h), letter);
      UNI_TO_TCVN3.set(letter, hexChar(h));
      // The caps font (.VnTimeH) draws the same byte as a capital: encode capitals that way.
      UNI_TO_TCVN3.set(letter.toUpperCase(), hexChar(h));
    }
  TCVN3_TO_UNI.set(hexChar(bytes[k]!), 'đ');
  UNI_TO_TCVN3.set('đ', hexChar(bytes[k]!));
  const caps = TCVN3_CAPS.split(/\s+/);
  for (let i = 0; i < caps.length; i += 2) {
    TCVN3_TO_UNI.set(hexChar(caps[i]!), caps[i + 1]!);
    UNI_TO_TCVN3.set(caps[i + 1]!, hexChar(caps[i]!));
  }
}

/** TCVN3 bytes of toned lower-case letters, which .VnTime cannot write as capitals. */
const TONED_LOWER_BYTES = new Set([...TCVN3_TO_UNI].filter(([, u]) => !/[a-zăâêôơưđĂÂÊÔƠƯĐ]/.test(u)).map(([b]) => b));

const VNI_TO_UNI = new Map<string, string>();
const UNI_TO_VNI = new Map<string, string>();
{
  const single = new Map<string, string>(); // letter without tone → its VNI spelling
  const s = VNI_SINGLE.split(/\s+/);
  for (let i = 0; i < s.length; i += 2) single.set(s[i + 1]!, hexChar(s[i]!));
  const plain = hexList(VNI_TONES_PLAIN);
  const circ = hexList(VNI_TONES_CIRC);
  const breve = hexList(VNI_TONES_BREVE);
  const iTones = hexList(VNI_I);
  const add = (letter: string, lower: string): void => {
    UNI_TO_VNI.set(letter, lower);
    // Upper case: upper-case base, upper-case mark byte (0x20 lower). Title case ("Ñoäc") and
    // all-caps ("COÄNG") both decode, so register every case combination of a two-byte form.
    const upper = [...lower].map((c, i) => (i === 0 && c < '\u0080' ? c.toUpperCase() : upByte(c))).join('');
    UNI_TO_VNI.set(letter.toUpperCase(), upper);
    VNI_TO_UNI.set(lower, letter);
    VNI_TO_UNI.set(upper, letter.toUpperCase());
    if (lower.length === 2) {
      VNI_TO_UNI.set(upper[0]! + lower[1]!, letter.toUpperCase());
      VNI_TO_UNI.set(lower[0]! + upper[1]!, letter);
    }
  };
  for (const f of FAMILIES) {
    for (let t = 1; t <= 5; t++) {
      const letter = (f + TONE_MARKS[t]!).normalize('NFC');
      let enc: string;
      if (f === 'i') enc = iTones[t - 1]!;
      else if (f === 'y' && t === 5) enc = single.get('ỵ')!;
      else if (f === 'â' || f === 'ê' || f === 'ô') enc = f.normalize('NFD')[0]! + circ[t - 1]!;
      else if (f === 'ă') enc = 'a' + breve[t - 1]!;
      else if (f === 'ơ' || f === 'ư') enc = single.get(f)! + plain[t - 1]!;
      else enc = f + plain[t - 1]!;
      add(letter, enc);
    }
    if (f === 'â' || f === 'ê' || f === 'ô') add(f, f.normalize('NFD')[0]! + single.get('â')!);
    else if (f === 'ă') add(f, 'a' + single.get('ă')!);
    else if (f === 'ơ' || f === 'ư') add(f, single.get(f)!);
  }
  add('đ', single.get('đ')!);
}

// ---------------------------------------------------------------------------------------------
// Conversions.

/** Unicode → TCVN3 bytes as Latin-1 characters. Toned capitals use the .VnTimeH convention (same byte as lower case). */
export function unicodeToTcvn3(s: string): string {
  let out = '';
  for (const c of s.normalize('NFC')) out += UNI_TO_TCVN3.get(c) ?? c;
  return out;
}

/** Unicode → VNI bytes as Latin-1 characters. */
export function unicodeToVni(s: string): string {
  let out = '';
  for (const c of s.normalize('NFC')) out += UNI_TO_VNI.get(c) ?? c;
  return out;
}

const ASCII_UPPER = /[A-Z]/g;
const ASCII_LETTER = /[A-Za-z]/g;

/**
 * TCVN3 (as Latin-1 characters) → Unicode. Words written in the caps font (.VnTimeH) carry
 * lower-case bytes next to upper-case ASCII ("CéNG HOµ"): such words, and words in a line that
 * is mostly capitals, come out in capitals ("CỘNG HOÀ").
 */
export function tcvn3ToUnicode(s: string): string {
  return s
    .split('\n')
    .map((line) => {
      const letters = line.match(ASCII_LETTER)?.length ?? 0;
      const uppers = line.match(ASCII_UPPER)?.length ?? 0;
      const lineUpper = letters >= 4 && uppers / letters >= 0.8;
      // The first word of a line (after list marks) that starts with a toned letter: .VnTime has no
      // toned capitals, so "Ủy ban" at a paragraph start was typed as "ñy ban"; capitalise it there.
      const lead = /^[\s\-–•*+.)(\d]*/.exec(line)![0].length;
      // A word: a run of anything but spaces and ASCII punctuation (TCVN3 letters include · ¸ ¹ ¨ © « ¬ ®).
      return (
        line
          .replace(/[^\s!-@[-`{-~]+/g, (word, at: number) => {
            let out = '';
            let converted = false;
            for (const c of word) {
              const u = TCVN3_TO_UNI.get(c);
              if (u !== undefined) converted = true;
              out += u ?? c;
            }
            if (!converted) return word;
            const wl = word.match(ASCII_LETTER)?.length ?? 0;
            const wu = word.match(ASCII_UPPER)?.length ?? 0;
            const upper = wl === 0 ? lineUpper : wu === wl && (wl >= 2 || lineUpper);
            if (upper) return out.toUpperCase();
            if (at === lead && TONED_LOWER_BYTES.has(word[0]!)) return out[0]!.toUpperCase() + out.slice(1);
            return out;
          })
          // ư is byte 0xAD (soft hyphen); some extractors turn it into a minus sign.
          .replace(/(?<=\p{L})\u2212(?=\p{L})/gu, 'ư')
      );
    })
    .join('\n')
    .normalize('NFC');
}

/** VNI (as Latin-1 characters) → Unicode. */
export function vniToUnicode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const two = VNI_TO_UNI.get(s.slice(i, i + 2));
    if (two !== undefined && i + 1 < s.length) {
      out += two;
      i++;
      continue;
    }
    out += VNI_TO_UNI.get(s[i]!) ?? s[i]!;
  }
  return out.normalize('NFC');
}

// CP1252 characters at 0x80–0x9F (undefined positions map to themselves as C1 controls).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BYTE = new Map<string, number>();
for (let i = 0; i < 32; i++) CP1252_BYTE.set(CP1252_HIGH[i]!, 0x80 + i);
for (let b = 0x80; b < 0xa0; b++)
  if (!CP1252_BYTE.has(String.fromCharCode(b))) CP1252_BYTE.set(String.fromCharCode(b), b);
for (let b = 0xa0; b < 0x100; b++) CP1252_BYTE.set(String.fromCharCode(b), b);
const MOJIBAKE_RUN = new RegExp(
  `[${[...CP1252_BYTE.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]+`,
  'g',
);

/** Decodes the UTF-8 sequences inside a run of bytes; bytes that are not part of one keep their original character. */
function decodeUtf8Loose(run: string): string {
  const chars = [...run];
  const bytes = chars.map((c) => CP1252_BYTE.get(c)!);
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let cp = n === 1 ? b & 0x1f : n === 2 ? b & 0x0f : b & 0x07;
    let ok = n > 0 && i + n < bytes.length;
    for (let k = 1; ok && k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (
      ok &&
      ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
    )
      ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += n + 1;
    } else {
      out += chars[i]!;
      i++;
    }
  }
  return out;
}

/**
 * UTF-8 that was read as CP1252 ("Cá»™ng hÃ²a") → Unicode. Each run of CP1252 characters is turned
 * back into bytes and its UTF-8 sequences decoded; bytes that form no sequence stay as they were.
 */
export function repairMojibake(s: string): string {
  return s.replace(MOJIBAKE_RUN, decodeUtf8Loose).normalize('NFC');
}

export function convertLegacy(s: string, kind: LegacyKind): string {
  return kind === 'tcvn3' ? tcvn3ToUnicode(s) : kind === 'vni' ? vniToUnicode(s) : repairMojibake(s);
}

// ---------------------------------------------------------------------------------------------
// Detection: count well-formed Vietnamese syllables.

// Vowel nuclei of Vietnamese (tone removed); onset and coda around them.
const NUCLEI =
  'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê ' +
  'oai oay oao oeo uây uôi uya uyê uyu ươi ươu iêu yêu';
const SYLLABLE = new RegExp(
  `^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?(?:${NUCLEI.split(' ')
    .sort((a, b) => b.length - a.length)
    .join('|')})(?:ch|ng|nh|[cmnpt])?$`,
);
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const EDGE_PUNCT = /^[\s"'()[\]{}<>.,;:!?…“”‘’«»–—\-*_/\\]+|[\s"'()[\]{}<>.,;:!?…“”‘’«»–—\-*_/\\]+$/g;

/** +1 for a non-ASCII token that is a well-formed Vietnamese syllable, −1 for one that is not, 0 for ASCII. */
// Vietnamese has a few thousand distinct syllables, so memoising token scores pays off quickly.
const scoreCache = new Map<string, number>();

function tokenScore(token: string): number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7F]/.test(token)) return 0;
  const cached = scoreCache.get(token);
  if (cached !== undefined) return cached;
  const score = computeTokenScore(token);
  if (scoreCache.size > 100000) scoreCache.clear();
  scoreCache.set(token, score);
  return score;
}

function computeTokenScore(token: string): number {
  const t = token.replace(EDGE_PUNCT, '');
  // eslint-disable-next-line no-control-regex
  if (!t || !/[^\x00-\x7F]/.test(t)) return 0;
  const nfd = t.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_RE)?.length ?? 0;
  if (tones > 1) return -1;
  return SYLLABLE.test(nfd.replace(TONE_RE, '').normalize('NFC')) ? 1 : -1;
}

/** How Vietnamese a text reads: well-formed accented syllables minus malformed non-ASCII tokens. */
export function vietnameseScore(s: string): number {
  let score = 0;
  for (const token of s.split(/\s+/)) score += tokenScore(token);
  return score;
}

// A line with any of these letters is real Unicode Vietnamese: never reinterpret it.
const UNICODE_VI = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]|\p{M}/u;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7F]/;
const KINDS: readonly LegacyKind[] = ['tcvn3', 'vni', 'mojibake'];

// Which BMP code units UNICODE_VI matches: 0 not yet asked, 1 it does, 2 it does not. Filled on first sight.
const UNICODE_VI_UNIT = new Uint8Array(0x10000);

/**
 * Whether UNICODE_VI matches the line text[from, to), by a scan of its code units up to the first
 * match. False also when only a code point beyond the BMP could match: the caller then asks readings().
 */
function surelyUnicodeVi(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x102 || (c >= 0xd800 && c < 0xe000)) continue;
    let kind = UNICODE_VI_UNIT[c]!;
    if (kind === 0) {
      kind = UNICODE_VI.test(String.fromCharCode(c)) ? 1 : 2;
      UNICODE_VI_UNIT[c] = kind;
    }
    if (kind === 1) return true;
  }
  return false;
}

/**
 * Whether any line of the text has a legacy reading. Nearly every imported text has none: each of
 * its lines is ASCII or already holds Unicode Vietnamese, which a scan of code units settles
 * without splitting the text, testing two regular expressions a line and joining it again (on
 * 2,000 generated directives, 5 against 12 µs a text).
 */
function hasLegacyReading(text: string): boolean {
  for (let from = 0; from <= text.length;) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    if (!surelyUnicodeVi(text, from, to) && readings(text.slice(from, to)).length) return true;
    from = to + 1;
  }
  return false;
}

interface Reading {
  kind: LegacyKind;
  text: string;
  gain: number;
}

// The lines readings() is asked about are few (0.36 a file on the generated corpora) but each costs
// three conversions and four scores (7 µs warm, ~35 µs a line inside an import, where this code
// never gets hot), and they recur: headings in capitals without a Vietnamese-only letter ("THÔNG
// BÁO", "BÁO CÁO"), names ("XÃ HÒA BÌNH"). Short lines only, so the memo keeps no paragraph alive.
const READINGS_MEMO = new Map<string, Reading[]>();
const READINGS_MEMO_MAX = 4096;
const READINGS_MEMO_LINE = 200;
const NO_READINGS: Reading[] = [];

/** Every legacy reading of one line that improves on it as it stands, with its gain (shared: read only). */
function readings(line: string): Reading[] {
  if (!NON_ASCII.test(line) || UNICODE_VI.test(line)) return NO_READINGS;
  if (line.length > READINGS_MEMO_LINE) return lineReadings(line);
  let rs = READINGS_MEMO.get(line);
  if (rs === undefined) {
    if (READINGS_MEMO.size >= READINGS_MEMO_MAX) READINGS_MEMO.clear();
    rs = lineReadings(line);
    READINGS_MEMO.set(line, rs);
  }
  return rs;
}

/** readings() of a line that needs reading, memo aside. */
function lineReadings(line: string): Reading[] {
  const base = vietnameseScore(line);
  const out: Reading[] = [];
  for (const kind of KINDS) {
    const text = convertLegacy(line, kind);
    if (text === line) continue;
    const gain = vietnameseScore(text) - base;
    if (gain > 0) out.push({ kind, text, gain });
  }
  return out;
}

/** The best reading of a line; ties go to the document's own encoding, then to KINDS order. */
function pick(rs: Reading[], prefer: LegacyKind | null): Reading | null {
  let best: Reading | null = null;
  for (const r of rs) if (!best || r.gain > best.gain || (r.gain === best.gain && r.kind === prefer)) best = r;
  return best;
}

function gainsByKind(all: Reading[][]): Record<LegacyKind, number> {
  const gains: Record<LegacyKind, number> = { tcvn3: 0, vni: 0, mojibake: 0 };
  for (const rs of all) {
    const best = pick(rs, null);
    if (best) gains[best.kind] += best.gain;
  }
  return gains;
}

function preferred(gains: Record<LegacyKind, number>): LegacyKind | null {
  let best: LegacyKind | null = null;
  for (const k of KINDS) if (gains[k] > 0 && (best === null || gains[k] > gains[best])) best = k;
  return best;
}

/**
 * Which legacy encoding a whole text is in, or null for Unicode/ASCII/unknown. Decided on the
 * whole text (sum over lines), never on a single word.
 */
export function detectLegacy(text: string): LegacyKind | null {
  return preferred(gainsByKind(text.split('\n').map(readings)));
}

export interface LegacyRepair {
  text: string;
  /** Encodings that were converted, most frequent first. */
  kinds: LegacyKind[];
  /** Lines converted. */
  lines: number;
}

/**
 * Converts every line that reads better as TCVN3, VNI or repaired mojibake; lines that already
 * hold Unicode Vietnamese, or read equally well as they are, stay untouched. Suits documents
 * that mix Unicode and legacy-font paragraphs (Word files edited over many years).
 */
export function repairLegacyText(text: string): LegacyRepair {
  if (!hasLegacyReading(text)) return { text, kinds: [], lines: 0 };
  const lines = text.split('\n');
  const all = lines.map(readings);
  const gains = gainsByKind(all);
  const prefer = preferred(gains);
  // A document with no Unicode Vietnamese at all and clear evidence for one encoding is read in
  // that encoding throughout, even on lines that read equally well both ways ("Soá" = "Số" in
  // VNI, yet "soá" is also a well-formed syllable).
  const whole = prefer !== null && gains[prefer] >= 3 && !lines.some((l) => UNICODE_VI.test(l));
  const counts = new Map<LegacyKind, number>();
  let converted = 0;
  const out = lines.map((line, i) => {
    let best: { kind: LegacyKind; text: string } | null = pick(all[i]!, prefer);
    if (!best && whole && NON_ASCII.test(line)) {
      const t = convertLegacy(line, prefer);
      if (t !== line && vietnameseScore(t) >= vietnameseScore(line)) best = { kind: prefer, text: t };
    }
    if (!best) return line;
    converted++;
    counts.set(best.kind, (counts.get(best.kind) ?? 0) + 1);
    return best.text;
  });
  const kinds = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return { text: out.join('\n'), kinds, lines: converted };
}
