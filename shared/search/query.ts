/**
 * The search box language (issue #4), parsed into an AST that the FTS5 builder turns into a
 * MATCH expression with every term quoted. User text never reaches MATCH directly.
 *
 *   words            every word must occur; unaccented words match any accents, accented ones only
 *                    those accents (tone placement and NFD/NFC do not matter)
 *   "a phrase"       syllables in order; an unclosed quote runs to the end of the box
 *   -word -"phrase"  excludes (also NOT word)
 *   a OR b           either (OR binds tighter than the implicit AND)
 *   so: loai: coquan: nguoiky: nam: tu: den: cap:   field filters
 *   571-CV/TU, 571 CV TU, cv 571, 21/NQ-CP           a number/symbol anywhere
 */
import { VanthuError } from '../api/errors';
import { normalizeText } from '../text/vietnamese';
import { ABBREVIATIONS, type Abbreviation } from './abbreviations';
import { REF_CODES, STRICT_REF_RE, refPartsFromMatch, type RefParts } from './ref';
import { TOKEN_RE, exactToken, foldedToken, hasMarks } from './tokens';
import type { SuggestFilter } from './types';
import { fullYear } from '../text/typed-date';

export const MAX_QUERY_CHARS = 1000;
export const MAX_CLAUSES = 32;

export interface Word {
  /** As typed (NFC). */
  text: string;
  folded: string;
  /** Set when the word was typed with marks: it then matches only this exact form. */
  exact: string | null;
}

export type Atom =
  | { kind: 'word'; word: Word; abbr?: Abbreviation }
  | { kind: 'phrase'; words: Word[] }
  | { kind: 'ref'; parts: RefParts; raw: string }
  /** Consecutive words that spell out an abbreviation ("ủy ban nhân dân"): they also match "UBND". */
  | { kind: 'long'; words: Word[]; abbr: Abbreviation };

/** Any one of the atoms (OR). */
export interface Clause {
  any: Atom[];
}

export type Level = 'central' | 'province' | 'district' | 'commune';

export interface Filters {
  refs: RefParts[];
  types: Word[][];
  issuers: Word[][];
  signers: Word[][];
  levels: Level[];
  /** ISO dates, inclusive. */
  from: string | null;
  to: string | null;
}

export interface ParsedQuery {
  must: Clause[];
  not: Atom[];
  filters: Filters;
  /** Vietnamese notes on how a sloppy query was read ("thiếu dấu ngoặc kép đóng" …). */
  warnings: string[];
}

export function emptyFilters(): Filters {
  return { refs: [], types: [], issuers: [], signers: [], levels: [], from: null, to: null };
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  const f = q.filters;
  return (
    q.must.length === 0 &&
    f.refs.length + f.types.length + f.issuers.length + f.signers.length + f.levels.length === 0 &&
    !f.from &&
    !f.to
  );
}

function invalid(detail: string): never {
  throw new VanthuError('QUERY_INVALID', detail);
}

export function makeWord(text: string): Word {
  const marked = hasMarks(text);
  return { text, folded: foldedToken(text), exact: marked ? exactToken(text) : null };
}

function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(TOKEN_RE), (m) => makeWord(m[0]));
}

const FIELD_ALIASES: Record<string, string> = {
  so: 'so',
  loai: 'loai',
  coquan: 'coquan',
  nguoiky: 'nguoiky',
  nam: 'nam',
  tu: 'tu',
  den: 'den',
  cap: 'cap',
};

const LEVEL_ALIASES: Record<string, Level> = {
  tw: 'central',
  trunguong: 'central',
  central: 'central',
  tinh: 'province',
  thanhpho: 'province',
  province: 'province',
  huyen: 'district',
  quan: 'district',
  district: 'district',
  xa: 'commune',
  phuong: 'commune',
  commune: 'commune',
};

const ABBR_BY_FOLDED = new Map<string, Abbreviation[]>();
for (const a of ABBREVIATIONS) {
  const key = foldedToken(a.abbr.replace(/[^\p{L}\p{N}]/gu, ''));
  ABBR_BY_FOLDED.set(key, [...(ABBR_BY_FOLDED.get(key) ?? []), a]);
}

/** The abbreviation a typed chunk stands for, respecting case for the ambiguous ones ("TU" vs "tu"). */
export function abbreviationFor(chunk: string): Abbreviation | null {
  const compact = chunk.replace(/[^\p{L}\p{N}]/gu, '');
  if (!compact) return null;
  const candidates = ABBR_BY_FOLDED.get(foldedToken(compact));
  if (!candidates) return null;
  const upper = compact === compact.toUpperCase() && /\p{Lu}/u.test(compact);
  // "TU" is Tỉnh ủy, "TƯ" Trung ương: an exact spelling wins over a folded one.
  const exact = candidates.find((a) => compact.toUpperCase() === a.abbr.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase());
  if (exact && (exact.anyCase || upper || compact === exact.abbr.replace(/[^\p{L}\p{N}]/gu, ''))) return exact;
  for (const a of candidates) {
    if (a.anyCase || compact === a.abbr.replace(/[^\p{L}\p{N}]/gu, '')) return a;
  }
  return null;
}

interface LongForm {
  folded: string[];
  abbr: Abbreviation;
}
const LONG_FORMS: LongForm[] = ABBREVIATIONS.flatMap((abbr) =>
  abbr.long.map((long) => ({ folded: wordsOf(long).map((w) => w.folded), abbr })),
).sort((a, b) => b.folded.length - a.folded.length);

// ---------------------------------------------------------------------------------------------
// Dates

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads 2021, 6/2021, 2021-06-30, 30/6/2021, 30-6-2021, 30.6.2021; `end` picks the last day of a year or month. */
export function parseDateValue(value: string, end: boolean): string | null {
  const v = value.trim();
  let m = /^(\d{4})$/.exec(v);
  if (m) return end ? isoDate(+m[1]!, 12, 31) : isoDate(+m[1]!, 1, 1);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  // A 2-digit year, as clerks write it (22/7/21): the review page's rule (shared/text/typed-date.ts).
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(v);
  if (m) return isoDate(fullYear(+m[3]!), +m[2]!, +m[1]!);
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) {
    const y = +m[2]!;
    const mo = +m[1]!;
    return end ? isoDate(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate()) : isoDate(y, mo, 1);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Lexer

// `at`: where the text (a field's value, a phrase's inside) starts in the lexed input, so "did you
// mean" can rewrite a word in place without touching what surrounds it.
type Item =
  | { t: 'text'; text: string; neg: boolean; at: number }
  | { t: 'phrase'; text: string; neg: boolean; at: number }
  | { t: 'field'; field: string; value: string; quoted: boolean; at: number }
  | { t: 'or' };

const QUOTES = /[“”„‟″«»]/g;
const FIELD_RE = /^([\p{L}_]+):/u;

function lex(input: string, warnings: string[]): Item[] {
  const items: Item[] = [];
  let i = 0;
  const n = input.length;
  let pendingNeg = false;
  while (i < n) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const close = input.indexOf('"', i + 1);
      const text = input.slice(i + 1, close < 0 ? n : close);
      if (close < 0) warnings.push('Thiếu dấu ngoặc kép đóng: đã coi phần còn lại là một cụm từ.');
      items.push({ t: 'phrase', text, neg: pendingNeg, at: i + 1 });
      pendingNeg = false;
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (ch === '-' && (i === 0 || /\s/.test(input[i - 1]!)) && i + 1 < n && !/\s/.test(input[i + 1]!)) {
      pendingNeg = true;
      i++;
      continue;
    }
    // A chunk runs to the next space or quote.
    let j = i;
    while (j < n && !/\s/.test(input[j]!) && input[j] !== '"') j++;
    const chunk = input.slice(i, j);
    const field = FIELD_RE.exec(chunk);
    const fieldName = field ? FIELD_ALIASES[foldedToken(field[1]!).replace(/_/g, '')] : undefined;
    if (field && fieldName) {
      let value = chunk.slice(field[0].length);
      let at = i + field[0].length;
      let quoted = false;
      if (value === '' && input[j] === '"') {
        at = j + 1;
        const close = input.indexOf('"', j + 1);
        value = input.slice(j + 1, close < 0 ? n : close);
        if (close < 0) warnings.push('Thiếu dấu ngoặc kép đóng: đã coi phần còn lại là giá trị của bộ lọc.');
        quoted = true;
        j = close < 0 ? n : close + 1;
      }
      if (pendingNeg) warnings.push(`Bộ lọc ${fieldName}: không dùng được với dấu "-"; đã bỏ dấu "-".`);
      pendingNeg = false;
      if (value.trim() === '') warnings.push(`Bộ lọc ${fieldName}: chưa có giá trị nên đã bỏ qua.`);
      else items.push({ t: 'field', field: fieldName, value, quoted, at });
      i = j;
      continue;
    }
    if (chunk === 'OR' || chunk === '|' || chunk === '||') {
      items.push({ t: 'or' });
      pendingNeg = false;
    } else if (chunk === 'NOT') {
      pendingNeg = true;
    } else if (chunk === 'AND' || chunk === '&&' || chunk === '+') {
      // Implicit anyway.
    } else {
      items.push({ t: 'text', text: chunk, neg: pendingNeg, at: i });
      pendingNeg = false;
    }
    i = j;
  }
  if (pendingNeg) warnings.push('Dấu "-" đứng một mình nên đã bỏ qua.');
  return items;
}

// ---------------------------------------------------------------------------------------------
// Refs inside runs of plain words

/** A code next to a number in loose form: typed with a capital, or not a possible Vietnamese syllable. */
function looseCode(raw: string): boolean {
  const f = foldedToken(raw);
  if (!REF_CODES.has(f)) return false;
  return /\p{Lu}/u.test(raw) || !/[aeiouy]/.test(f);
}

type Piece = { kind: 'ref'; parts: RefParts; raw: string } | { kind: 'chunk'; text: string };

/** Splits a run of plain chunks into refs and the rest. */
function extractRefs(chunks: string[]): Piece[] {
  const joined = chunks.join(' ');
  const out: Piece[] = [];
  let last = 0;
  STRICT_REF_RE.lastIndex = 0;
  for (let m = STRICT_REF_RE.exec(joined); m; m = STRICT_REF_RE.exec(joined)) {
    // "12/2021" style dates and bare fractions carry no code: not refs.
    const parts = refPartsFromMatch(m);
    if (parts.codes.length === 0) continue;
    if (m.index > last)
      out.push(
        ...joined
          .slice(last, m.index)
          .split(/\s+/)
          .filter(Boolean)
          .map((text) => ({ kind: 'chunk' as const, text })),
      );
    out.push({ kind: 'ref', parts, raw: m[0].trim() });
    last = m.index + m[0].length;
  }
  if (last < joined.length)
    out.push(
      ...joined
        .slice(last)
        .split(/\s+/)
        .filter(Boolean)
        .map((text) => ({ kind: 'chunk' as const, text })),
    );

  // Loose refs: "571 CV TU", "cv 571", "CT 16": a number with adjacent codes, in any order.
  const result: Piece[] = [];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    const isNum = (x: Piece | undefined): x is { kind: 'chunk'; text: string } =>
      x?.kind === 'chunk' && /^\d{1,5}$/.test(x.text);
    const isCode = (x: Piece | undefined): x is { kind: 'chunk'; text: string } =>
      x?.kind === 'chunk' && /^[\p{L}&]+$/u.test(x.text) && looseCode(x.text);
    if (isNum(p) || isCode(p)) {
      let j = i;
      const codes: string[] = [];
      let number: string | null = null;
      const raws: string[] = [];
      while (j < out.length) {
        const q = out[j];
        if (isNum(q) && number === null) number = q.text.replace(/^0+(?=\d)/, '');
        else if (isCode(q)) codes.push(foldedToken(q.text));
        else break;
        raws.push((q as { text: string }).text);
        j++;
      }
      if (number !== null && codes.length > 0) {
        result.push({ kind: 'ref', parts: { number, year: null, codes }, raw: raws.join(' ') });
        i = j - 1;
        continue;
      }
    }
    result.push(p);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Parser

function atomForChunk(text: string): Atom | null {
  const abbr = abbreviationFor(text);
  const words = wordsOf(text);
  if (words.length === 0) return null;
  if (abbr) {
    const compact = text.replace(/[^\p{L}\p{N}]/gu, '');
    return { kind: 'word', word: makeWord(compact), abbr };
  }
  // "phòng,chống" or "covid-19": tokens written together are read as a phrase.
  if (words.length === 1) return { kind: 'word', word: words[0]! };
  return { kind: 'phrase', words };
}

function atomsForText(text: string, isPhrase: boolean): Atom | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  if (isPhrase) {
    // A quoted ref ("571-CV/TU") is still a ref.
    STRICT_REF_RE.lastIndex = 0;
    const m = STRICT_REF_RE.exec(text.trim());
    if (m && m.index === 0 && m[0].length === text.trim().length) {
      const parts = refPartsFromMatch(m);
      if (parts.codes.length) return { kind: 'ref', parts, raw: text.trim() };
    }
    return words.length === 1 ? { kind: 'word', word: words[0]! } : { kind: 'phrase', words };
  }
  return atomForChunk(text);
}

function parseRefValue(value: string): RefParts | null {
  STRICT_REF_RE.lastIndex = 0;
  const m = STRICT_REF_RE.exec(value);
  if (m) return refPartsFromMatch(m);
  const tokens = Array.from(value.matchAll(TOKEN_RE), (x) => x[0]);
  const number = tokens.find((t) => /^\d{1,5}$/.test(t));
  const codes = tokens.filter((t) => t !== number).map(foldedToken);
  if (!number && codes.length === 0) return null;
  return { number: number ? number.replace(/^0+(?=\d)/, '') : '', year: null, codes };
}

/** A `nam:` value: one year, or a range of years. */
const NAM_VALUE = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/;

function applyField(filters: Filters, field: string, value: string, warnings: string[]): void {
  switch (field) {
    case 'so': {
      const parts = parseRefValue(value);
      if (!parts) invalid(`so: cần một số hoặc ký hiệu, ví dụ so:571-CV/TU (đã nhận "${value}").`);
      filters.refs.push(parts);
      return;
    }
    case 'loai':
    case 'coquan':
    case 'nguoiky': {
      const alternatives = value
        .split('|')
        .map(wordsOf)
        .filter((w) => w.length > 0);
      if (alternatives.length === 0) {
        warnings.push(`Bộ lọc ${field}: không có chữ nào nên đã bỏ qua.`);
        return;
      }
      const target = field === 'loai' ? filters.types : field === 'coquan' ? filters.issuers : filters.signers;
      target.push(...alternatives);
      return;
    }
    case 'cap': {
      for (const v of value.split(/[|,]/)) {
        const level = LEVEL_ALIASES[foldedToken(v).replace(/[^a-z]/g, '')];
        if (!level) invalid(`cap: chỉ nhận tw, tinh, huyen hoặc xa (đã nhận "${v}").`);
        if (!filters.levels.includes(level)) filters.levels.push(level);
      }
      return;
    }
    case 'nam': {
      const m = NAM_VALUE.exec(value.trim());
      if (!m) invalid(`nam: cần một năm có 4 chữ số, ví dụ nam:2021 hoặc nam:2020-2022 (đã nhận "${value}").`);
      const from = parseDateValue(m[1]!, false);
      const to = parseDateValue(m[2] ?? m[1]!, true);
      if (!from || !to) invalid(`nam: năm "${value}" nằm ngoài khoảng 1900–2200.`);
      narrowRange(filters, from, to);
      return;
    }
    case 'tu':
    case 'den': {
      const date = parseDateValue(value, field === 'den');
      if (!date) invalid(`${field}: ngày "${value}" không hợp lệ; hãy viết dạng 2021-06-30, 30/6/2021 hoặc 30/6/21.`);
      if (field === 'tu') narrowRange(filters, date, null);
      else narrowRange(filters, null, date);
      return;
    }
  }
}

/** 2021-12-31 → 31/12/2021, the way a clerk writes a date. */
function dayMonthYear(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * `nam:2021 nam:2022` narrows to no day at all (each `nam:` narrows the range): what a clerk meant
 * is either year, which the query language says as one range (`nam:2021-2022`); OR does not join
 * filters. Null when the `nam:` filters alone do share a year (the conflict is with tu:/den:).
 */
function yearConflict(items: readonly Item[]): string | null {
  const spans: { text: string; from: number; to: number }[] = [];
  for (const item of items) {
    if (item.t !== 'field' || item.field !== 'nam') continue;
    const m = NAM_VALUE.exec(item.value.trim());
    if (m) spans.push({ text: item.value.trim(), from: Number(m[1]), to: Number(m[2] ?? m[1]) });
  }
  // One reversed range (nam:2022-2021) is its own mistake, which the date message names.
  if (spans.length < 2 || spans.some((s) => s.from > s.to)) return null;
  if (Math.max(...spans.map((s) => s.from)) <= Math.min(...spans.map((s) => s.to))) return null;
  const lo = Math.min(...spans.map((s) => s.from));
  const hi = Math.max(...spans.map((s) => s.to));
  return (
    `Mỗi văn bản chỉ có một năm ban hành, nên không văn bản nào vừa thuộc ${spans.map((s) => `nam:${s.text}`).join(' vừa thuộc ')}. ` +
    `Hãy chỉ giữ một bộ lọc nam:, hoặc viết nam:${lo}-${hi} để tìm trong các năm từ ${lo} đến ${hi}.`
  );
}

function narrowRange(filters: Filters, from: string | null, to: string | null): void {
  if (from && (!filters.from || from > filters.from)) filters.from = from;
  if (to && (!filters.to || to < filters.to)) filters.to = to;
}

/** Merges consecutive single-word clauses that spell out an abbreviation's long form. */
function markLongForms(must: Clause[]): Clause[] {
  const out: Clause[] = [];
  for (let i = 0; i < must.length; i++) {
    let matched: LongForm | null = null;
    for (const lf of LONG_FORMS) {
      if (i + lf.folded.length > must.length) continue;
      let ok = true;
      for (let k = 0; k < lf.folded.length && ok; k++) {
        const c = must[i + k]!;
        ok =
          c.any.length === 1 && c.any[0]!.kind === 'word' && !c.any[0]!.abbr && c.any[0]!.word.folded === lf.folded[k];
      }
      if (ok) {
        matched = lf;
        break;
      }
    }
    if (matched) {
      const words = must.slice(i, i + matched.folded.length).map((c) => (c.any[0] as { word: Word }).word);
      out.push({ any: [{ kind: 'long', words, abbr: matched.abbr }] });
      i += matched.folded.length - 1;
    } else out.push(must[i]!);
  }
  return out;
}

/** What the lexer reads: NFC, one kind of double quote, one line, at most MAX_QUERY_CHARS. */
function readInput(raw: string, warnings: string[]): string {
  const input = normalizeText(String(raw ?? ''))
    .replace(QUOTES, '"')
    .replace(/\n/g, ' ');
  if (input.length <= MAX_QUERY_CHARS) return input;
  warnings.push(`Câu tìm kiếm quá dài: chỉ dùng ${MAX_QUERY_CHARS} ký tự đầu.`);
  return input.slice(0, MAX_QUERY_CHARS);
}

/** The fields whose values are words of a short field, which "did you mean" may correct. */
export type WordField = 'loai' | 'coquan' | 'nguoiky';

/** A word of what was typed, at [start, end) of the lexed input. */
export interface TypedWord {
  start: number;
  end: number;
  word: Word;
  /** The filter it is a value of, or null for a word searched for in the text. */
  field: WordField | null;
}

// A chunk of plain words ("dịch", "phòng,chống", "covid-19.") as opposed to one holding syntax the
// language does not have ("NEAR(a", "x:abc", "tinh*"): that is kept as typed, never "corrected".
const PLAIN_CHUNK = /^[\p{L}\p{M}\p{N}]+(?:[-,.;/'’][\p{L}\p{M}\p{N}]+)*[,.;!?]*$/u;

/**
 * The words "did you mean" may replace, with where they are in `input` (the query as the lexer read
 * it): words searched for, in plain chunks and in phrases, and the words of `loai:`, `coquan:` and
 * `nguoiky:` values. Operators, excluded words, field names, other filters, quotes and any chunk
 * with foreign syntax are not listed, so a rewrite at these offsets keeps them as typed.
 */
export function typedWords(raw: string): { input: string; words: TypedWord[] } {
  const input = readInput(raw, []);
  const words: TypedWord[] = [];
  const add = (text: string, at: number, field: WordField | null): void => {
    for (const m of text.matchAll(TOKEN_RE))
      words.push({ start: at + m.index, end: at + m.index + m[0].length, word: makeWord(m[0]), field });
  };
  for (const item of lex(input, [])) {
    if (item.t === 'or') continue;
    if (item.t === 'field') {
      if (item.field === 'loai' || item.field === 'coquan' || item.field === 'nguoiky')
        add(item.value, item.at, item.field);
    } else if (!item.neg && (item.t === 'phrase' || (PLAIN_CHUNK.test(item.text) && item.text !== 'NEAR')))
      add(item.text, item.at, null);
  }
  return { input, words };
}

/** A filter a suggestion can fill in, by the field name the clerk types. */
const SUGGEST_FILTERS = new Set<string>(['so', 'loai', 'coquan', 'nguoiky', 'nam', 'cap', 'tu', 'den']);

// The last chunk of the box when it is a filter still being typed: `coquan:huy`, `loai:`,
// `nguoiky:"Nguyễn V` (an open quote runs to the end, as in the lexer).
const TYPING_FILTER = /(^|\s)([\p{L}_]+):(?:"([^"]*)|([^\s"]*))$/u;

/** The filter being typed at the end of `text`, its value so far, and where the filter starts. */
export function filterBeingTyped(text: string): { field: SuggestFilter; value: string; start: number } | null {
  const m = TYPING_FILTER.exec(text.normalize('NFC'));
  if (!m) return null;
  const field = FIELD_ALIASES[foldedToken(m[2]!).replace(/_/g, '')];
  if (!field || !SUGGEST_FILTERS.has(field)) return null;
  return { field: field as SuggestFilter, value: m[3] ?? m[4] ?? '', start: m.index + m[1]!.length };
}

/**
 * The box after picking `value` for `field`: the filter being typed at the end is completed, or the
 * filter is added; the rest of what was typed is kept. A value with spaces is quoted, as the
 * language reads it (`coquan:"Huyện ủy An Lão"`).
 */
export function fillFilter(text: string, field: SuggestFilter, value: string): string {
  const clean = value.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  const filter = `${field}:${/\s/.test(clean) ? `"${clean}"` : clean}`;
  const typing = filterBeingTyped(text);
  const before = typing ? text.normalize('NFC').slice(0, typing.start) : `${text.trimEnd()} `;
  return `${before.trimStart()}${filter}`;
}

/** Parses what the user typed. Throws VanthuError('QUERY_INVALID') with a Vietnamese explanation. */
export function parseQuery(raw: string): ParsedQuery {
  const warnings: string[] = [];
  const input = readInput(raw, warnings);
  const filters = emptyFilters();
  const must: Clause[] = [];
  const not: Atom[] = [];
  const items = lex(input, warnings);

  let joinNext = false;
  const pushAtom = (atom: Atom): void => {
    if (joinNext && must.length > 0) must[must.length - 1]!.any.push(atom);
    else must.push({ any: [atom] });
    joinNext = false;
  };

  let run: string[] = [];
  const flushRun = (): void => {
    if (run.length === 0) return;
    for (const piece of extractRefs(run)) {
      const atom =
        piece.kind === 'ref' ? ({ kind: 'ref', parts: piece.parts, raw: piece.raw } as Atom) : atomForChunk(piece.text);
      if (atom) pushAtom(atom);
    }
    run = [];
  };

  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (item.t === 'text' && !item.neg) {
      run.push(item.text);
      continue;
    }
    flushRun();
    if (item.t === 'or') {
      const next = items[k + 1];
      if (
        must.length === 0 ||
        !next ||
        next.t === 'or' ||
        next.t === 'field' ||
        (next.t !== 'text' && next.t !== 'phrase') ||
        next.neg
      ) {
        warnings.push('Toán tử OR thiếu vế nên đã bỏ qua.');
      } else joinNext = true;
      continue;
    }
    if (item.t === 'field') {
      applyField(filters, item.field, item.value, warnings);
      continue;
    }
    const atom = atomsForText(item.text, item.t === 'phrase');
    if (!atom) continue;
    if (item.neg) not.push(atom);
    else pushAtom(atom);
  }
  flushRun();

  let clauses = markLongForms(must);
  if (clauses.length > MAX_CLAUSES) {
    clauses = clauses.slice(0, MAX_CLAUSES);
    warnings.push(`Chỉ dùng ${MAX_CLAUSES} từ đầu tiên của câu tìm kiếm.`);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    invalid(
      yearConflict(items) ??
        `Khoảng ngày không hợp lệ: ngày bắt đầu ${dayMonthYear(filters.from)} ở sau ngày kết thúc ${dayMonthYear(filters.to)}.`,
    );
  }
  const q: ParsedQuery = { must: clauses, not: not.slice(0, MAX_CLAUSES), filters, warnings };
  if (isEmptyQuery(q)) {
    if (not.length > 0) invalid('Cần ít nhất một từ để tìm; dấu "-" chỉ loại bớt kết quả.');
    if (input.trim() !== '' && items.length > 0 && warnings.length === 0)
      invalid('Câu tìm kiếm không có chữ hoặc số nào để tìm.');
  }
  return q;
}
