/**
 * Stage 2: typed tokens with spans. REF (number and symbol, docs/domain.md §4), DATE, TYPE_NOUN
 * and RELATION_CUE. Every pattern is anchored on a literal or a digit so a scan stays linear.
 */
import {
  DOC_TYPES,
  GENERIC_DOC_NOUNS,
  ISSUER_CODES,
  RELATION_CUES,
  TYPE_ABBREVIATIONS,
  type DocTypeRow,
} from './tables';
import {
  execNotAfter,
  foldPhrase,
  letterBefore,
  PhraseSet,
  refCharBefore,
  foldedUnitsOf,
  scanPhrases,
  wordBefore,
  type Doc,
} from './text';
import type { CitationRelation, IssuerKind, IssuerLevel } from '../model/directive';

export interface RefToken {
  kind: 'REF';
  start: number;
  end: number;
  ref: string;
  number: string | null;
  symbol: string;
  style: 'party' | 'state';
  /** Type named by the code ("NQ" → Nghị quyết), null when the code names none. */
  typeFromCode: string | null;
  issuerCode: string | null;
}

export interface DateToken {
  kind: 'DATE';
  start: number;
  end: number;
  iso: string;
}

export interface TypeNounToken {
  kind: 'TYPE_NOUN';
  start: number;
  end: number;
  /** Canonical type, or null for a generic noun ("văn bản") whose type comes from the code. */
  type: string | null;
  abbreviation: boolean;
}

export interface CueToken {
  kind: 'RELATION_CUE';
  start: number;
  end: number;
  relation: CitationRelation;
}

export interface Tokens {
  refs: RefToken[];
  dates: DateToken[];
  typeNouns: TypeNounToken[];
  cues: CueToken[];
}

// ---- REF -----------------------------------------------------------------------------

const DASH = '[-\u2010-\u2015\u2212]';
const SLASH = '[/\u2215\uFF0F]';
/** A code ends at a word boundary: "TU - Bí thư" must not read "TU-B". */
const CODE = '[A-ZĐÐ][A-Za-zĐđÐ0-9&]*(?![\\p{L}\\d])';
/** After a spaced dash only an all-caps code continues the symbol ("UBND - VX", not "- Trong"). */
const CAPS_CODE = '[A-ZĐÐ][A-ZĐÐ0-9&]*(?![\\p{L}\\d])';
const JOINED = `(?:${DASH}${CODE}|[ \\t]*${DASH}[ \\t]*${CAPS_CODE})`;

const PARTY = String.raw`(\d{1,5})[ \t]*${DASH}[ \t]*(${CODE})[ \t]*${SLASH}[ \t]*(${CODE}${JOINED}*)`;
const STATE = String.raw`(\d{1,5})[ \t]*${SLASH}[ \t]*(?:(\d{4})[ \t]*${SLASH}[ \t]*(${CODE}${JOINED}*)|(${CODE}${JOINED}+))`;
/** A number starts a reference only after a blank or punctuation: not after a letter, a digit or "/". */
const NOT_AFTER_REF_CHAR = String.raw`(?<![\d/\p{L}])`;
/** Scanned with execNotAfter(…, refCharBefore), the lookbehind's test done outside the pattern. */
const PARTY_RE = new RegExp(PARTY, 'gu');
const STATE_RE = new RegExp(STATE, 'gu');
/** Blank number left for the clerk to fill in: "Số -CV/HU", "Số      /UBND-VP", "Số: ..../QĐ-UBND". */
const BLANK_PARTY_RE = new RegExp(
  String.raw`^[ \t.…_]*${DASH}[ \t]*(${CODE})[ \t]*${SLASH}[ \t]*(${CODE}${JOINED}*)`,
  'u',
);
const BLANK_STATE_RE = new RegExp(
  String.raw`^[ \t.…_]*${SLASH}[ \t]*(?:(\d{4})[ \t]*${SLASH}[ \t]*)?(${CODE}${JOINED}*)`,
  'u',
);

const ANY_DASH = new RegExp(DASH, 'gu');
const ANY_SLASH = new RegExp(SLASH, 'gu');

function normCode(s: string): string {
  return s.replace(/\s+/g, '').replace(ANY_DASH, '-').replace(ANY_SLASH, '/').replace(/Ð/g, 'Đ');
}

const CODE_TO_TYPE = new Map<string, DocTypeRow[]>();
for (const row of DOC_TYPES) {
  for (const code of row.codes) {
    const key = foldPhrase(code);
    CODE_TO_TYPE.set(key, [...(CODE_TO_TYPE.get(key) ?? []), row]);
  }
}

/** Type named by a code in the given system; TT is Thông tri for the Party, Thông tư for the state. */
export function typeForCode(code: string, style: 'party' | 'state'): string | null {
  const rows = CODE_TO_TYPE.get(foldPhrase(code));
  if (!rows) return null;
  const own = rows.find((r) => r.system === style) ?? rows.find((r) => r.system === 'both') ?? rows[0];
  return own?.name ?? null;
}

const ISSUER_CODE_INDEX = new Map(ISSUER_CODES.map((r) => [foldPhrase(r.code), r]));

export function issuerCodeInfo(
  code: string | null,
): { name: string; level: IssuerLevel | null; kind: IssuerKind } | null {
  if (!code) return null;
  const folded = foldPhrase(code);
  const exact = ISSUER_CODE_INDEX.get(folded);
  if (exact) return exact;
  // Law numbers carry the legislature's term: QH15, UBTVQH15.
  const stripped = ISSUER_CODE_INDEX.get(folded.replace(/\d+$/, ''));
  return stripped ?? null;
}

function partyToken(m: RegExpExecArray): RefToken {
  const typeCode = normCode(m[2]!);
  const issuers = normCode(m[3]!);
  const symbol = `${typeCode}/${issuers}`;
  return {
    kind: 'REF',
    start: m.index,
    end: m.index + m[0].length,
    ref: `${m[1]}-${symbol}`,
    number: m[1]!,
    symbol,
    style: 'party',
    typeFromCode: typeForCode(typeCode, 'party'),
    issuerCode: issuers.split('-')[0] ?? null,
  };
}

function stateSymbolInfo(
  year: string | undefined,
  codes: string,
): { symbol: string; type: string | null; issuer: string | null } {
  const parts = codes.split('-');
  const first = parts[0] ?? '';
  const firstType = typeForCode(first, 'state');
  if (year) {
    // Legal documents: TYPE-ISSUER after the year; a law is just QH15.
    const isLaw = parts.length === 1 && /^QH\d*$/.test(first);
    return {
      symbol: `${year}/${codes}`,
      type: isLaw ? 'Luật' : firstType,
      issuer: isLaw ? first : (parts[1] ?? null),
    };
  }
  if (firstType && parts.length >= 2) return { symbol: codes, type: firstType, issuer: parts[1] ?? null };
  // ISSUER-UNIT: a state công văn has no type code.
  return { symbol: codes, type: 'Công văn', issuer: first };
}

function stateToken(m: RegExpExecArray): RefToken {
  const year = m[2];
  const codes = normCode(m[3] ?? m[4] ?? '');
  const info = stateSymbolInfo(year, codes);
  return {
    kind: 'REF',
    start: m.index,
    end: m.index + m[0].length,
    ref: `${m[1]}/${info.symbol}`,
    number: m[1]!,
    symbol: info.symbol,
    style: 'state',
    typeFromCode: info.type,
    issuerCode: info.issuer,
  };
}

/**
 * "Công văn số 356/GDĐT": small offices drop the hyphen of ISSUER-UNIT. Accepted only right after
 * "số", where a number and a single code cannot be anything but a reference.
 */
/** Scanned with execNotAfter(…, letterBefore): the pattern's (?<![\p{L}]) is tested outside it. */
export const LOOSE_STATE_RE = new RegExp(
  String.raw`(?:số|Số|SỐ)[ 	]*:?[ 	]*(\d{1,5})[ 	]*${SLASH}[ 	]*(${CODE})(?![${SLASH.slice(1, -1)}\d-])`,
  'gu',
);

export function scanRefs(text: string): RefToken[] {
  const out: RefToken[] = [];
  PARTY_RE.lastIndex = 0;
  for (let m = execNotAfter(PARTY_RE, text, refCharBefore); m; m = execNotAfter(PARTY_RE, text, refCharBefore))
    out.push(partyToken(m));
  STATE_RE.lastIndex = 0;
  for (let m = execNotAfter(STATE_RE, text, refCharBefore); m; m = execNotAfter(STATE_RE, text, refCharBefore)) {
    const token = stateToken(m);
    if (!out.some((t) => t.start < token.end && token.start < t.end)) out.push(token);
  }
  LOOSE_STATE_RE.lastIndex = 0;
  for (
    let m = execNotAfter(LOOSE_STATE_RE, text, letterBefore);
    m;
    m = execNotAfter(LOOSE_STATE_RE, text, letterBefore)
  ) {
    const start = m.index + m[0].indexOf(m[1]!, m[0].search(/\d/));
    const code = normCode(m[2]!);
    if (out.some((t) => t.start < m!.index + m![0].length && start < t.end)) continue;
    out.push({
      kind: 'REF',
      start,
      end: m.index + m[0].length,
      ref: `${m[1]}/${code}`,
      number: m[1]!,
      symbol: code,
      style: 'state',
      typeFromCode: 'Công văn',
      issuerCode: code,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The patterns without the g flag: one match from the start of the number field, no lastIndex state. */
const PARTY_ONCE_RE = new RegExp(NOT_AFTER_REF_CHAR + PARTY, 'u');
const STATE_ONCE_RE = new RegExp(NOT_AFTER_REF_CHAR + STATE, 'u');

/** Reads a number line's remainder ("571 - CV/TU", "-CV/HU", "   /UBND-VP") at `offset`. */
export function readNumberField(text: string, offset: number, limit: number): RefToken | null {
  const rest = text.slice(offset, limit);
  const lead = /^[ \t:.]*/.exec(rest)![0].length;
  const body = rest.slice(lead);
  // OCR spacing inside the number: "Số :  1 215 / UBND - NL". Read it compacted, span the printed text.
  const split = /^\d{1,3}(?: \d{1,3})+(?=[ \t]*[-\u2010-\u2015\u2212/\u2215\uFF0F])/.exec(body);
  if (split) {
    const digits = split[0].replace(/ /g, '');
    const token = readNumberField(digits + body.slice(split[0].length), 0, Infinity);
    if (token?.number) {
      const removed = split[0].length - digits.length;
      return { ...token, start: offset + lead, end: offset + lead + token.end + removed };
    }
  }
  PARTY_RE.lastIndex = 0;
  const party = PARTY_ONCE_RE.exec(body);
  const state = STATE_ONCE_RE.exec(body);
  const full = [party, state].filter((m): m is RegExpExecArray => !!m && m.index === 0)[0];
  if (full) {
    const token = full === party ? partyToken(full) : stateToken(full);
    return { ...token, start: token.start + offset + lead, end: token.end + offset + lead };
  }
  const bp = BLANK_PARTY_RE.exec(body);
  if (bp) {
    const typeCode = normCode(bp[1]!);
    const issuers = normCode(bp[2]!);
    const symbol = `${typeCode}/${issuers}`;
    return {
      kind: 'REF',
      start: offset + lead,
      end: offset + lead + bp[0].length,
      ref: `-${symbol}`,
      number: null,
      symbol,
      style: 'party',
      typeFromCode: typeForCode(typeCode, 'party'),
      issuerCode: issuers.split('-')[0] ?? null,
    };
  }
  const bs = BLANK_STATE_RE.exec(body);
  if (bs) {
    const info = stateSymbolInfo(bs[1], normCode(bs[2]!));
    return {
      kind: 'REF',
      start: offset + lead,
      end: offset + lead + bs[0].length,
      ref: `/${info.symbol}`,
      number: null,
      symbol: info.symbol,
      style: 'state',
      typeFromCode: info.type,
      issuerCode: info.issuer,
    };
  }
  return null;
}

// ---- DATE ----------------------------------------------------------------------------

// On folded text. "ngày  22 / 7 / 2021" (OCR spacing), "ngày 27-4-2021", "ngày 27 tháng 4 năm 2021".
// OCR of a scanned page may split a day's digits: "ngày 0 7 tháng 3", "ngày 2 2 / 02 / 2022".
// Scanned with execNotAfter(…, letterBefore): the pattern's (?<![\p{L}]) is tested outside it.
export const DATE_RE =
  /ngay\s+(\d ?\d|\d)\s*(?:([/.-])\s*(\d ?\d|\d)\s*[/.-]\s*(\d{4})(?!\d)|\s*thang\s+(\d ?\d|\d)\s*,?\s*nam\s+(\d{4})(?!\d))/gu;

export function isoDate(day: number, month: number, year: number): string | null {
  if (year < 1930 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function scanDates(folded: string): DateToken[] {
  const out: DateToken[] = [];
  DATE_RE.lastIndex = 0;
  for (let m = execNotAfter(DATE_RE, folded, letterBefore); m; m = execNotAfter(DATE_RE, folded, letterBefore)) {
    const day = Number(m[1]!.replace(' ', ''));
    const month = Number((m[3] ?? m[5])!.replace(' ', ''));
    const year = Number(m[4] ?? m[6]);
    const iso = isoDate(day, month, year);
    if (iso) out.push({ kind: 'DATE', start: m.index, end: m.index + m[0].length, iso });
  }
  return out;
}

// ---- TYPE_NOUN -----------------------------------------------------------------------

const NOUN_TO_TYPE = new Map<string, string | null>();
for (const row of DOC_TYPES) NOUN_TO_TYPE.set(foldPhrase(row.name), row.name);
for (const noun of GENERIC_DOC_NOUNS) NOUN_TO_TYPE.set(foldPhrase(noun), null);

/** Type names and generic nouns, matched as whole folded words (see PhraseSet). */
const TYPE_NOUNS = new PhraseSet([...DOC_TYPES.map((r) => r.name), ...GENERIC_DOC_NOUNS]);
// Abbreviations count only in caps and before a number: "CV số 12/UBND-VP", "CT 16". Scanned with
// execNotAfter(…, wordBefore): the pattern's (?<![\p{L}\d]) is tested outside it.
export const ABBREVIATION_RE = new RegExp(
  `(${Object.keys(TYPE_ABBREVIATIONS).join('|')})(?=\\s+(?:số\\s*:?\\s*)?\\d)`,
  'gu',
);

function abbreviations(doc: Doc, out: TypeNounToken[]): TypeNounToken[] {
  ABBREVIATION_RE.lastIndex = 0;
  for (
    let m = execNotAfter(ABBREVIATION_RE, doc.text, wordBefore);
    m;
    m = execNotAfter(ABBREVIATION_RE, doc.text, wordBefore)
  ) {
    out.push({
      kind: 'TYPE_NOUN',
      start: m.index,
      end: m.index + m[0].length,
      type: TYPE_ABBREVIATIONS[m[1]!] ?? null,
      abbreviation: true,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---- RELATION_CUE --------------------------------------------------------------------

const CUE_TO_RELATION = new Map(RELATION_CUES.map((c) => [foldPhrase(c.phrase), c.relation]));
const CUES = new PhraseSet(RELATION_CUES.map((c) => c.phrase));

function cueToken(folded: string, start: number, end: number, phrase: string): CueToken | null {
  const relation = CUE_TO_RELATION.get(phrase);
  // "xem xét" (consider) is not "Xét …" (having considered).
  if (phrase.startsWith('xet') && /xem\s+$/.test(folded.slice(Math.max(0, start - 5), start))) return null;
  return relation ? { kind: 'RELATION_CUE', start, end, relation } : null;
}

/**
 * Type nouns and relation cues in one walk over the folded words (they used to be two regex scans
 * over the whole text, each trying every position); each set keeps its own matches, so a cue may
 * contain a noun ("xét tờ trình") as before.
 */
function scanWords(doc: Doc): { typeNouns: TypeNounToken[]; cues: CueToken[] } {
  const typeNouns: TypeNounToken[] = [];
  const cues: CueToken[] = [];
  const units = foldedUnitsOf(doc) ?? undefined;
  scanPhrases(
    doc.folded,
    [TYPE_NOUNS, CUES],
    (set, start, end, phrase) => {
      if (set === 0)
        typeNouns.push({ kind: 'TYPE_NOUN', start, end, type: NOUN_TO_TYPE.get(phrase) ?? null, abbreviation: false });
      else {
        const cue = cueToken(doc.folded, start, end, phrase);
        if (cue) cues.push(cue);
      }
    },
    units,
  );
  return { typeNouns: abbreviations(doc, typeNouns), cues };
}

export function scanTypeNouns(doc: Doc): TypeNounToken[] {
  return scanWords(doc).typeNouns;
}

export function scanCues(doc: Doc): CueToken[] {
  return scanWords(doc).cues;
}

export function tokenize(doc: Doc): Tokens {
  // First: the folded units makeNormalizedDoc left are there only until the next fold.
  const words = scanWords(doc);
  return {
    refs: scanRefs(doc.text),
    dates: scanDates(doc.folded),
    ...words,
  };
}
