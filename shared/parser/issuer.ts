/**
 * Issuer names: casing of header caps, level and kind of a body, places named in the text,
 * and making a cited issuer explicit in the citing document's context.
 */
import type { IssuerKind, IssuerLevel } from '../model/directive';
import {
  CENTRAL_CITIES,
  ISSUER_BODIES,
  type IssuerBodyRow,
  PLACE_NAME_MAX_SYLLABLES,
  PROVINCE_ALIASES,
  PROVINCES_POST_2025,
  PROVINCES_PRE_2025,
  UNIT_LEVELS,
} from './tables';
import {
  decaps,
  execNotAfter,
  foldAligned,
  foldedAlternation,
  foldPhrase,
  isCapsLine,
  isLetter,
  letterBefore,
  singleSpaced,
  startsUpper,
  titleCase,
  type Doc,
} from './text';

const ALL_PROVINCES = [...new Set([...PROVINCES_PRE_2025, ...PROVINCES_POST_2025])];
const PROVINCE_BY_FOLD = new Map<string, string>();
for (const p of ALL_PROVINCES) PROVINCE_BY_FOLD.set(foldPhrase(p), p);
for (const [alias, p] of Object.entries(PROVINCE_ALIASES)) PROVINCE_BY_FOLD.set(foldPhrase(alias), p);
const CENTRAL_CITY_FOLDS = new Set(CENTRAL_CITIES.map(foldPhrase));

const PROVINCE_NAMES_RE = foldedAlternation([...ALL_PROVINCES, ...Object.keys(PROVINCE_ALIASES)]);
/** Folded alternation of every province name and alias, longest first (for whole-name matching). */
export const PROVINCE_ALTERNATION = PROVINCE_NAMES_RE;
const PROVINCE_AT_START = new RegExp(`^(?:${PROVINCE_NAMES_RE})(?![\\p{L}\\d])`, 'u');
/**
 * "tỉnh Nam Định", "thành phố Hải Phòng", "TP Hồ Chí Minh", "Đảng bộ tỉnh Bắc Giang". Scanned with
 * execNotAfter(…, letterBefore): the pattern's (?<![\p{L}]) is tested outside it.
 */
export const PROVINCE_MENTION_RE = new RegExp(
  `(?:(?:tinh uy|tinh|thanh uy|thanh pho|tp\\.?)\\s+(?:${PROVINCE_NAMES_RE})|tp\\.?\\s*hcm)(?![\\p{L}\\d])`,
  'gu',
);
/** Plural or counted mentions name other provinces, not the issuer's: "ở hai tỉnh Hải Dương và …". */
const PLURAL_BEFORE = /(?:hai|ba|bon|nam|cac|nhung|mot so|so)\s+$/;

export function canonicalProvince(name: string): string | null {
  return PROVINCE_BY_FOLD.get(foldPhrase(name).replace(/\s+/g, ' ')) ?? null;
}

/** Province named at the start of `s` ("Nam Định, ngày …"). */
export function provinceAtStart(s: string): string | null {
  const m = PROVINCE_AT_START.exec(foldAligned(s));
  return m ? canonicalProvince(s.slice(0, m[0].length)) : null;
}

/**
 * Unit words below the district: a name after one of them is a commune or village, never the
 * province. Districts are left out on purpose: a district or provincial city named like a province
 * (huyện Điện Biên, thị xã Quảng Trị, thành phố Hòa Bình) lies in that province, so its seat still
 * names the province; communes named like one (xã Hòa Bình) lie anywhere.
 */
const SUB_PROVINCIAL_UNITS = ['xã', 'phường', 'thị trấn', 'đặc khu', 'thôn', 'tổ dân phố'];
const SUB_PROVINCIAL_NAME_RE = new RegExp(
  `(?<![\\p{L}])(?:${foldedAlternation(SUB_PROVINCIAL_UNITS)})\\s+(\\p{L}+(?:[ ]\\p{L}+){0,${PLACE_NAME_MAX_SYLLABLES - 1}})`,
  'gu',
);

/**
 * True when `text` names `place` as a commune or village ("xã Hòa Bình", "PHƯỜNG KHÁNH
 * HÒA"): a place of issue equal to such a name is that unit's seat, not a province mention.
 */
export function namesSubProvincialUnit(text: string, place: string): boolean {
  const target = foldPhrase(place).replace(/\s+/g, ' ').trim();
  const folded = foldAligned(text);
  SUB_PROVINCIAL_NAME_RE.lastIndex = 0;
  for (let m = SUB_PROVINCIAL_NAME_RE.exec(folded); m; m = SUB_PROVINCIAL_NAME_RE.exec(folded)) {
    if (m[1]!.startsWith(target) && !isLetter(m[1]![target.length])) return true;
  }
  return false;
}

export function isCentralCity(name: string | null): boolean {
  return !!name && CENTRAL_CITY_FOLDS.has(foldPhrase(name));
}

/** The province the text talks about most, ignoring plural mentions of other provinces. */
export function provinceFromText(doc: Doc): { name: string; start: number; end: number } | null {
  const counts = new Map<string, { n: number; start: number; end: number }>();
  PROVINCE_MENTION_RE.lastIndex = 0;
  for (
    let m = execNotAfter(PROVINCE_MENTION_RE, doc.folded, letterBefore);
    m;
    m = execNotAfter(PROVINCE_MENTION_RE, doc.folded, letterBefore)
  ) {
    if (PLURAL_BEFORE.test(doc.folded.slice(Math.max(0, m.index - 12), m.index))) continue;
    const raw = doc.text.slice(m.index, m.index + m[0].length);
    const name = /hcm$/i.test(m[0])
      ? 'Hồ Chí Minh'
      : canonicalProvince(raw.replace(/^(?:tỉnh ủy|tỉnh uỷ|tỉnh|thành ủy|thành uỷ|thành phố|tp\.?)\s+/iu, ''));
    if (!name) continue;
    const c = counts.get(name);
    if (c) c.n++;
    else counts.set(name, { n: 1, start: m.index, end: m.index + m[0].length });
  }
  let best: { name: string; n: number; start: number; end: number } | null = null;
  for (const [name, c] of counts) if (!best || c.n > best.n) best = { name, ...c };
  return best ? { name: best.name, start: best.start, end: best.end } : null;
}

const NAME_SYLLABLE = '[\\p{Lu}][\\p{Ll}]*';
/** Both scanned with execNotAfter(…, letterBefore): no letter right before the unit word. */
const DISTRICT_RE = new RegExp(
  `(?:huyện|quận|thị xã|Huyện ủy|Quận ủy|Thị ủy|Huyện uỷ|Quận uỷ|Thị uỷ)\\s+(${NAME_SYLLABLE}(?:[ ]${NAME_SYLLABLE}){0,${PLACE_NAME_MAX_SYLLABLES - 1}})`,
  'gu',
);
const COMMUNE_RE = new RegExp(
  `(?:xã|phường|thị trấn|đặc khu|Đảng ủy xã|Đảng ủy phường)\\s+(${NAME_SYLLABLE}(?:[ ]${NAME_SYLLABLE}){0,${PLACE_NAME_MAX_SYLLABLES - 1}})`,
  'gu',
);
/** Capitalised words right after "huyện" that are not a district name. */
const NOT_PLACE = new Set(['ủy', 'uỷ', 'đoàn', 'đội', 'Ủy', 'Uỷ']);

function mostFrequent(re: RegExp, text: string): string | null {
  const counts = new Map<string, number>();
  re.lastIndex = 0;
  for (let m = execNotAfter(re, text, letterBefore); m; m = execNotAfter(re, text, letterBefore)) {
    const name = m[1]!;
    if (NOT_PLACE.has(name.split(' ')[0]!)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [name, c] of counts) if (c > n) [best, n] = [name, c];
  return best;
}

export function districtFromText(doc: Doc): string | null {
  return mostFrequent(DISTRICT_RE, doc.text);
}

export function communeFromText(doc: Doc): string | null {
  return mostFrequent(COMMUNE_RE, doc.text);
}

// ---- Bodies --------------------------------------------------------------------------

type BodyEntry = { row: IssuerBodyRow; folded: string };
const BODY_INDEX: readonly BodyEntry[] = ISSUER_BODIES.map((row) => ({ row, folded: foldPhrase(row.name) })).sort(
  (a, b) => b.folded.length - a.folded.length,
);

/** The ASCII letters a folded name starts with ("uy" of "uy ban nhan dan", "ubnd" of "ubnd-x"). */
function leadingLetters(folded: string): string {
  let i = 0;
  while (i < folded.length && folded.charCodeAt(i) >= 97 && folded.charCodeAt(i) <= 122) i++;
  return folded.slice(0, i);
}

/**
 * BODY_INDEX rows by their leading letters, each list in BODY_INDEX order. A name that starts with
 * a row and has no letter right after it has the row's leading letters, so only that list can
 * hold its body: a citation's issuer is looked up among a few rows, not all of them.
 */
const BODIES_BY_LEADING_LETTERS = new Map<string, BodyEntry[]>();
for (const entry of BODY_INDEX) {
  const key = leadingLetters(entry.folded);
  const list = BODIES_BY_LEADING_LETTERS.get(key);
  if (list) list.push(entry);
  else BODIES_BY_LEADING_LETTERS.set(key, [entry]);
}

/** The longest body of ISSUER_BODIES the folded name starts with, as a whole word; undefined if none. */
export function bodyAtStart(folded: string): BodyEntry | undefined {
  return BODIES_BY_LEADING_LETTERS.get(leadingLetters(folded))?.find(
    (b) => folded.startsWith(b.folded) && !isLetter(folded[b.folded.length]),
  );
}
const UNIT_RE = new RegExp(
  `(?<![\\p{L}])(${foldedAlternation(UNIT_LEVELS.map((u) => u.word))})(?![\\p{L}])(?:\\s+([^,;.()]*))?`,
  'u',
);
const UNIT_LEVEL_BY_FOLD = new Map(UNIT_LEVELS.map((u) => [foldPhrase(u.word), u.level]));
const COMMITTEE_LEVELS: readonly [RegExp, IssuerLevel][] = [
  [/(?<![\p{L}])(?:dang uy|chi bo)\s+(?:xa|phuong|thi tran|dac khu)(?![\p{L}])/u, 'commune'],
  [/(?<![\p{L}])(?:huyen uy|quan uy|thi uy)(?![\p{L}])/u, 'district'],
  [/(?<![\p{L}])tinh uy(?![\p{L}])/u, 'province'],
  [/(?<![\p{L}])(?:trung uong|chinh phu|quoc hoi|bo chinh tri|ban bi thu)(?![\p{L}])/u, 'central'],
];

export interface IssuerInfo {
  level: IssuerLevel | null;
  kind: IssuerKind | null;
}

/** Level and kind of a named body ("Ban Thường vụ Huyện ủy Yên Thế" → district, party). */
const PARTY_BODY_WORD_RE = /(?:uy|dang|ban tuyen giao|ban dan van|ban to chuc)(?![\p{L}])/u;

export function describeIssuer(name: string): IssuerInfo {
  const folded = singleSpaced(foldPhrase(name));
  const body = bodyAtStart(folded);
  let level: IssuerLevel | null = body?.row.level ?? null;
  let kind: IssuerKind | null = body?.row.kind ?? null;
  if (!kind) {
    if (PARTY_BODY_WORD_RE.test(folded)) kind = 'party';
    else if (/(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|so |phong )/u.test(folded)) kind = 'state';
  }
  if (!level) {
    for (const [re, lvl] of COMMITTEE_LEVELS) {
      if (re.test(folded)) {
        level = lvl;
        break;
      }
    }
  }
  if (!level || /thanh uy/.test(folded)) {
    const rest = body ? folded.slice(body.folded.length) : folded;
    const unit = UNIT_RE.exec(rest);
    if (unit) {
      const word = unit[1]!.replace(/\s+/g, ' ');
      level = UNIT_LEVEL_BY_FOLD.get(word) ?? level;
      if (word === 'thanh pho' && unit[2] && isCentralCity(unit[2].trim())) level = 'province';
    } else if (/thanh uy/.test(folded)) {
      const after = folded.split('thanh uy')[1]?.trim() ?? '';
      level = !after || isCentralCity(after) ? 'province' : 'district';
    }
  }
  return { level, kind };
}

/**
 * Cases an issuer printed in caps: the body from the table, then a place name in title case
 * or a field name in sentence case ("SỞ Y TẾ" → "Sở Y tế", "HUYỆN ỦY YÊN THẾ" → "Huyện ủy Yên Thế").
 */
export function caseIssuer(raw: string): string {
  const s = singleSpaced(raw).trim();
  if (!isCapsLine(s)) return s;
  const folded = foldPhrase(s);
  const body = bodyAtStart(folded);
  if (!body) return decaps(s, true);
  const rest = s.slice(body.row.name.length).trim();
  if (!rest) return body.row.name;
  if (body.row.follows === 'place') {
    const unit = UNIT_RE.exec(foldPhrase(rest));
    if (unit && unit.index === 0) {
      const word = rest.slice(0, unit[1]!.length).toLowerCase();
      const place = rest.slice(unit[1]!.length).trim();
      return `${body.row.name} ${word}${place ? ' ' + titleCase(place) : ''}`;
    }
    return `${body.row.name} ${titleCase(rest)}`;
  }
  const field = decaps(rest, true);
  return `${body.row.name} ${field}`;
}

export interface PlaceContext {
  province: string | null;
  district: string | null;
  commune: string | null;
}

const GENERIC_TAIL: readonly [RegExp, keyof PlaceContext][] = [
  // Whole words only: "UBND huyện Đan Phượng" ends in a name, not in the unit word "phường".
  [/(?<![\p{L}])(?:tinh uy|tinh|dang bo tinh)$/u, 'province'],
  [/(?<![\p{L}])(?:huyen uy|huyen|quan uy|quan|thi uy|thi xa|dang bo huyen)$/u, 'district'],
  [/(?<![\p{L}])(?:dang uy xa|xa|phuong|thi tran|dang uy phuong|dang uy thi tran)$/u, 'commune'],
];

const NAME_SYLLABLE_RE = /^\p{Lu}\p{Ll}+$/u;

/**
 * What qualifyIssuer does to a name, whatever the places: keep it as written, add the document's
 * province, district or commune, or add the province when that is a centrally-run city.
 */
type Qualification = keyof PlaceContext | 'as written' | 'central city';

function qualificationOf(issuer: string): Qualification {
  const folded = singleSpaced(foldPhrase(issuer)).trim();
  const words = singleSpaced(issuer).trim().split(' ');
  for (const [re, key] of GENERIC_TAIL) {
    const m = re.exec(folded);
    if (m) {
      // "huyện Đan Phượng", "xã Hòa Phường": a capitalised syllable after a name syllable ends a name.
      const k = m[0].split(' ').length;
      const prev = words[words.length - k - 1] ?? '';
      if (NAME_SYLLABLE_RE.test(prev) && startsUpper(words[words.length - k] ?? '')) return 'as written';
      if (key === 'province' && /thanh uy$/.test(folded)) return 'as written';
      return key;
    }
  }
  return /thanh uy$/.test(folded) ? 'central city' : 'as written';
}

function qualified(issuer: string, how: Qualification, ctx: PlaceContext): string {
  if (how === 'as written') return issuer;
  if (how === 'central city') return ctx.province && isCentralCity(ctx.province) ? `${issuer} ${ctx.province}` : issuer;
  const place = ctx[how];
  return place ? `${issuer} ${place}` : issuer;
}

/**
 * "Ban Thường vụ Tỉnh ủy" in a Bắc Giang document → "Ban Thường vụ Tỉnh ủy Bắc Giang". A name that
 * already ends in a place, and central bodies, stay as written.
 */
export function qualifyIssuer(issuer: string, ctx: PlaceContext): string {
  return qualified(issuer, qualificationOf(issuer), ctx);
}

/** Abbreviated body names written out in a normalized issuer. */
const BODY_EXPANSIONS: Readonly<Record<string, string>> = {
  UBND: 'Ủy ban nhân dân',
  HĐND: 'Hội đồng nhân dân',
  BCĐ: 'Ban Chỉ đạo',
};
const UNIT_WORD_AT_START = new RegExp(`^(?:${foldedAlternation(UNIT_LEVELS.map((u) => u.word))})(?![\\p{L}\\d])`, 'u');
const COMMITTEE_CASING: readonly [RegExp, string][] = [
  [/^tinh uy(?![\p{L}])/u, 'Tỉnh ủy'],
  [/^huyen uy(?![\p{L}])/u, 'Huyện ủy'],
  [/^thanh uy(?![\p{L}])/u, 'Thành ủy'],
  [/^quan uy(?![\p{L}])/u, 'Quận ủy'],
  [/^thi uy(?![\p{L}])/u, 'Thị ủy'],
  [/^dang uy(?![\p{L}])/u, 'Đảng ủy'],
];

/**
 * A cited issuer as one consistent name: the body in its table spelling with abbreviations written
 * out ("UBND Tỉnh" → "Ủy ban nhân dân tỉnh"), unit words in lower case, committees capitalised
 * ("Ban Tổ chức tỉnh ủy" → "Ban Tổ chức Tỉnh ủy"), then qualified with the citing document's
 * place ("Ủy ban nhân dân tỉnh Bắc Giang"). Names the table does not know are only qualified.
 */
export function normalizeCitedIssuer(issuer: string, ctx: PlaceContext): string {
  // The same few issuers are cited over and over, in one document and across an import; the
  // places change with every document, so only the place-free part is kept.
  const key = memoKey(issuer);
  if (key === null) {
    const name = normalizedBody(issuer);
    return qualified(name, qualificationOf(name), ctx);
  }
  let out = NORMALIZED_ISSUERS.get(key);
  if (out === undefined) {
    const name = normalizedBody(issuer);
    out = { name, how: qualificationOf(name) };
    if (NORMALIZED_ISSUERS.size >= NORMALIZED_ISSUERS_MAX) NORMALIZED_ISSUERS.clear();
    NORMALIZED_ISSUERS.set(key, out);
  }
  return qualified(out.name, out.how, ctx);
}

/** One string for the parts, null (do not memoize) when a part holds a separator character. */
function memoKey(...parts: (string | null)[]): string | null {
  let key = '';
  for (const part of parts) {
    if (part !== null && (part.includes('\u0000') || part.includes('\u0001'))) return null;
    key += (part ?? '\u0001') + '\u0000';
  }
  return key;
}

const NORMALIZED_ISSUERS = new Map<string, { name: string; how: Qualification }>();
const NORMALIZED_ISSUERS_MAX = 4096;

/** The body part of normalizeCitedIssuer, before the places are added. */
function normalizedBody(issuer: string): string {
  const s = singleSpaced(issuer).trim();
  const folded = foldPhrase(s);
  const body = bodyAtStart(folded);
  let out = s;
  if (body) {
    const head = BODY_EXPANSIONS[body.row.name] ?? body.row.name;
    let rest = s.slice(body.folded.length).trim();
    const restFolded = folded.slice(body.folded.length).trim();
    const committee = COMMITTEE_CASING.find(([re]) => re.test(restFolded));
    const unit = committee ? null : UNIT_WORD_AT_START.exec(restFolded);
    if (committee) rest = committee[1] + rest.slice(committee[1].length);
    else if (unit) rest = rest.slice(0, unit[0].length).toLowerCase() + rest.slice(unit[0].length);
    out = rest ? `${head} ${rest}` : head;
  }
  return out;
}
