/**
 * Stage 6: the numbered items of the body as a tree of tasks, with lead and cooperating
 * agencies and a deadline (docs/domain.md §7). Agencies are recognised from AGENCY_HEADS; the
 * subject of a task sentence is what comes before its first verb from TASK_VERBS.
 */
import type { Task, TaskDeadline } from '../model/directive';
import { canonicalTones } from '../text/vietnamese';
import { AGENCY_HEADS, PLURAL_UNIT_HEADS, TASK_ASSIGNERS, TASK_SUBJECT_MAX_SYLLABLES, TASK_VERBS } from './tables';
import {
  bareLine,
  blankSeparatedCount,
  cleanLineValue,
  cleanValue,
  cleanValueFolded,
  execNotAfter,
  foldAligned,
  foldedAlternation,
  foldPhrase,
  isBlank,
  isRule,
  letterBefore,
  PhraseSet,
  startsLower,
  type Doc,
} from './text';
import { isoDate } from './tokenize';

interface Label {
  label: string;
  rank: number;
  length: number;
}

const LABELS: readonly { re: RegExp; rank: number }[] = [
  { re: /^(?:\*\*)?\s*((?:Điều|ĐIỀU)\s+\d{1,3}[.:])\s*/u, rank: 0 },
  { re: /^(?:\*\*)?\s*([IVX]{1,5}[.)])\s+/u, rank: 0 },
  { re: /^(?:\*\*)?\s*(\d{1,2}\.\d{1,2}\.?)\s+/u, rank: 2 },
  { re: /^(?:\*\*)?\s*(\d{1,2}[.)])\s+/u, rank: 1 },
  { re: /^(?:\*\*)?\s*([a-zđ][).])\s+/u, rank: 3 },
  { re: /^\s*([-–])\s+/u, rank: 4 },
  { re: /^\s*([+•])\s+/u, rank: 5 },
];

function labelOf(line: string): Label | null {
  for (const { re, rank } of LABELS) {
    const m = re.exec(line);
    if (m) return { label: m[1]!, rank, length: m[0].length };
  }
  return null;
}

/** Paragraphs that close the body ("Trên đây là …", "Văn phòng … thông báo …"): not part of a task. */
const CLOSING_RE =
  /^[*_\s]*(?:tren day la|nhan duoc|trong qua trinh (?:thuc hien|trien khai|to chuc)|van phong .{0,60}thong bao|.{0,60}thong bao (?:y kien|ket luan|de)|(?:de nghi|yeu cau) cac .{0,120}(?:nghiem tuc|khan truong) (?:thuc hien|trien khai)\s*(?:\.|\/)|noi nhan)/;

const VERB_SPELLINGS = new Set(TASK_VERBS.map((v) => canonicalTones(v.normalize('NFC'))));
/** Task verbs as whole folded words: a clause is walked word by word, not tried at every position. */
const VERBS = new PhraseSet(TASK_VERBS);
const ASSIGNER_RE = new RegExp(`^\\s*(?:${foldedAlternation(TASK_ASSIGNERS)})\\s+`, 'u');
const HEAD_RE = new RegExp(`^(?:cac\\s+|tung\\s+)?(?:${foldedAlternation(AGENCY_HEADS)})(?![\\p{L}\\d])`, 'u');
const PLURAL_HEAD_RE = new RegExp(
  `^(?:cac|moi|tung)\\s+(?:${foldedAlternation(PLURAL_UNIT_HEADS)})(?![\\p{L}\\d])`,
  'u',
);
/** Scanned with execNotAfter(…, letterBefore): the lookbehind (?<![\p{L}]) is tested outside it. */
const COOPERATE_RE = /phoi hop(?:\s+chat che)?(?:\s+voi)?\s+/gu;

/**
 * Agency heads that are printed in lower case ("tổ chức chính trị - xã hội", "các xã"). A lower-case
 * verb is inside a name only when one of these starts there: folding alone would also read "bố trí"
 * as "Bộ" and "bảo đảm" as "Báo" (the newspaper).
 */
const LOWER_HEADS = AGENCY_HEADS.filter((h) => /^\p{Ll}/u.test(h));
const LOWER_HEAD_RE = new RegExp(`^(?:cac\\s+|tung\\s+)?(?:${foldedAlternation(LOWER_HEADS)})(?![\\p{L}\\d])`, 'u');
/** Unit word that ends an agency name ("… xây dựng huyện"); its place name may follow, capitalised. */
const NAME_TAIL_RE = /^\s+(?:huyen|tinh|xa|thi xa|thi tran|thanh pho|quan|phuong|dac khu)(?![\p{L}\d])/u;
const PLACE_WORDS_RE = /(?:\s+\p{Lu}\p{Ll}*){0,3}\s+/uy;

function isAgency(foldedSegment: string): boolean {
  const s = foldedSegment.trim();
  // "phòng, chống" is a verb pair, not the Phòng office.
  if (/^phong\s*(?:,|chong|ngua|tranh)/.test(s)) return false;
  return HEAD_RE.test(s) || PLURAL_HEAD_RE.test(s);
}

/** Spelling checks by printed form: the same few verbs come back in every item. */
const SPELLED_AS_VERB = new Map<string, boolean>();
const SPELLED_AS_VERB_MAX = 4096;

/** Folding merges "giáo"/"giao", "tổ"/"tỏ": true only for a verb as spelled in TASK_VERBS. */
function spelledAsVerb(printed: string): boolean {
  let ok = SPELLED_AS_VERB.get(printed);
  if (ok === undefined) {
    ok = VERB_SPELLINGS.has(canonicalTones(printed.toLowerCase()).replace(/\s+/g, ' '));
    if (SPELLED_AS_VERB.size >= SPELLED_AS_VERB_MAX) SPELLED_AS_VERB.clear();
    SPELLED_AS_VERB.set(printed, ok);
  }
  return ok;
}

/** Index of the task verb that starts `folded` at `at`, or -1 ("khẩn trương" in "… huyện khẩn trương bàn giao"). */
function verbAt(clause: string, folded: string, at: number): number {
  const m = VERBS.matchHere(folded, at);
  if (!m) return -1;
  return spelledAsVerb(clause.slice(m.start, m.end)) && startsLower(clause[m.start] ?? '') ? m.start : -1;
}

/**
 * "Ban Quản lý dự án đầu tư xây dựng huyện khẩn trương …": a verb followed by a unit word
 * (and its place name) and then another verb is part of the agency's name, not the predicate.
 */
function verbInsideName(clause: string, folded: string, verbEnd: number): boolean {
  const tail = NAME_TAIL_RE.exec(folded.slice(verbEnd, verbEnd + 20));
  if (!tail) return false;
  PLACE_WORDS_RE.lastIndex = verbEnd + tail[0].length;
  const place = PLACE_WORDS_RE.exec(clause);
  return place !== null && verbAt(clause, folded, PLACE_WORDS_RE.lastIndex) >= 0;
}

/** First lower-case verb of the clause; capitalised words are inside names ("Ban Chỉ đạo"). */
function firstVerb(clause: string, folded: string): number {
  for (let m = VERBS.next(folded, 0); m; m = VERBS.next(folded, m.end)) {
    // Only the verb as spelled ends the subject.
    if (!spelledAsVerb(clause.slice(m.start, m.end))) continue;
    // "Ban chỉ đạo", "Ban chỉ huy": the verb-looking word is part of the board's name.
    if (/(?:^|\s)ban\s+$/.test(folded.slice(Math.max(0, m.start - 5), m.start))) continue;
    if (startsLower(clause[m.start] ?? '')) {
      // "tổ chức chính trị - xã hội" is an agency, not the verb "tổ chức".
      if (LOWER_HEAD_RE.test(folded.slice(m.start))) continue;
      if (m.start > 0 && verbInsideName(clause, folded, m.end)) continue;
      return m.start;
    }
    if (m.start === 0) return 0;
  }
  return -1;
}

/** "Văn phòng HĐND và UBND huyện" is one office serving two bodies, not two agencies. */
const OFFICE_OF_BODIES_RE =
  /^van phong\s+(?:hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan|doan dbqh|doan dai bieu quoc hoi)$/u;

/**
 * A comma, a semicolon or "và", with the blanks around it: `\s*,\s*|\s+và\s+|\s*;\s*` with the
 * blanks before the mark in one branch, so a position that is neither blank nor a mark fails at once.
 */
const AGENCY_SEPARATOR_RE = /[,;]\s*|\s+(?:[,;]\s*|và\s+)/gu;

/**
 * "UBND huyện, Ban Chỉ đạo phòng, chống dịch Covid-19 và các xã, thị trấn" → four agencies.
 * `foldedSegment` is `segment` folded unit by unit: pieces are tested on its slices, not refolded.
 */
function splitAgencies(segment: string, foldedSegment: string): string[] {
  const parts: string[] = [];
  const foldedParts: string[] = [];
  const re = AGENCY_SEPARATOR_RE;
  re.lastIndex = 0;
  let last = 0;
  /** Start and end of each piece; a separator lies between one piece's end and the next start. */
  const bounds: number[] = [];
  for (let m = re.exec(segment); m; m = re.exec(segment)) {
    bounds.push(last, m.index);
    last = m.index + m[0].length;
  }
  bounds.push(last, segment.length);
  for (let k = 0; k < bounds.length; k += 2) {
    const piece = segment.slice(bounds[k], bounds[k + 1]);
    const folded = foldedSegment.slice(bounds[k], bounds[k + 1]);
    // Only read when k > 0: the first piece always starts a part.
    const separator = k > 0 ? segment.slice(bounds[k - 1], bounds[k]) : '';
    const joinedOffice =
      k > 0 && /^\s+và\s+$/u.test(separator) && OFFICE_OF_BODIES_RE.test(foldedParts[parts.length - 1]!.trim());
    // "Các chi, đảng bộ cơ sở": "các chi" is "các chi bộ" shortened before the shared head.
    const elliptic = parts.length === 1 && /^\s*cac chi\s*$/u.test(foldedParts[0]!);
    if (parts.length === 0 || (isAgency(folded) && !joinedOffice && !elliptic)) {
      parts.push(piece);
      foldedParts.push(folded);
    } else {
      parts[parts.length - 1] += separator + piece;
      foldedParts[parts.length - 1] += foldedSegment.slice(bounds[k - 1], bounds[k + 1]);
    }
  }
  const agencies: string[] = [];
  for (let k = 0; k < parts.length; k++) {
    const { value, folded } = cleanValueFolded(parts[k]!, foldedParts[k]!);
    if (value && isAgency(folded)) agencies.push(value);
  }
  return agencies;
}

function firstClause(text: string): string {
  const m = /[;:]|\.(?:\s|$)/u.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** `foldedText` is `text` folded by foldAligned (same length); passing it saves refolding. */
export function leadsOf(text: string, foldedText: string = foldAligned(text)): { lead: string[]; cooperate: string[] } {
  let clause = firstClause(text);
  let folded = foldedText.slice(0, clause.length);
  const assigner = ASSIGNER_RE.exec(folded);
  if (assigner) {
    clause = clause.slice(assigner[0].length);
    folded = folded.slice(assigner[0].length);
  }
  const lead: string[] = [];
  const verbAt = firstVerb(clause, folded);
  const subject = verbAt > 0 ? clause.slice(0, verbAt) : assigner && verbAt < 0 ? clause : '';
  const foldedSubject = folded.slice(0, subject.length);
  if (subject && isAgency(foldedSubject) && blankSeparatedCount(subject) <= TASK_SUBJECT_MAX_SYLLABLES)
    lead.push(...splitAgencies(subject, foldedSubject));
  const cooperate: string[] = [];
  COOPERATE_RE.lastIndex = 0;
  const co = execNotAfter(COOPERATE_RE, folded, letterBefore);
  if (co) {
    const after = clause.slice(co.index + co[0].length);
    const fAfter = folded.slice(co.index + co[0].length);
    const stop = firstVerb(after, fAfter);
    const seg = stop > 0 ? after.slice(0, stop) : after;
    if (blankSeparatedCount(seg) <= TASK_SUBJECT_MAX_SYLLABLES)
      cooperate.push(...splitAgencies(seg, fAfter.slice(0, seg.length)));
  }
  return { lead, cooperate };
}

// ---- Deadlines -----------------------------------------------------------------------

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
export const DEADLINE_RES: readonly {
  re: RegExp;
  kind: 'day' | 'month' | 'quarter' | 'recurring' | 'ongoing' | 'year';
}[] = [
  {
    re: /(?:truoc|cham nhat(?: la)?(?: vao)?|han cuoi(?: la)?|hoan thanh(?: truoc)?)\s+(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?!\d)/u,
    kind: 'day',
  },
  {
    re: /(?:truoc|cham nhat(?: la)?)\s+ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/u,
    kind: 'day',
  },
  { re: /trong\s+thang\s+(\d{1,2})\s*(?:[/-]|\s+nam\s+)\s*(\d{4})/u, kind: 'month' },
  {
    re: /(?:trong\s+|truoc\s+|hoan thanh\s+)?quy\s+(i{1,3}|iv)\s*(?:[/-]|\s+nam\s+)\s*(\d{4})/u,
    kind: 'quarter',
  },
  {
    re: /(?:hang|hàng|dinh ky(?: hang)?)\s+(tuan|thang|quy|nam|6 thang|sau thang)/u,
    kind: 'recurring',
  },
  { re: /(?:dinh ky\s+)?(6 thang|sau thang)(?:\s+mot lan|\s+\/\s*lan)/u, kind: 'recurring' },
  { re: /thuong xuyen/u, kind: 'ongoing' },
];
const RECURRENCE: Record<string, TaskDeadline['recurrence']> = {
  tuan: 'weekly',
  thang: 'monthly',
  quy: 'quarterly',
  nam: 'yearly',
  '6 thang': 'half_yearly',
  'sau thang': 'half_yearly',
};

/**
 * Every deadline pattern as one alternation, each in a group of its own: the leftmost match of the
 * alternation is the leftmost match of any pattern, and at one position the alternatives are tried
 * in table order, so it is the pattern the per-pattern loop chose (earliest start, then table
 * order) with the same text. One scan of the item instead of up to seven.
 */
const DEADLINE_ANY_RE = new RegExp(DEADLINE_RES.map(({ re }) => `(${re.source})`).join('|'), 'u');
/** Index in DEADLINE_ANY_RE's match of each pattern's whole-match group; its own groups follow. */
const DEADLINE_GROUP: readonly number[] = (() => {
  const at: number[] = [];
  let next = 1;
  for (const { re } of DEADLINE_RES) {
    at.push(next);
    next += 1 + (new RegExp(`${re.source}|`, 'u').exec('')!.length - 1);
  }
  return at;
})();

export function deadlineOf(
  text: string,
  docYear: number | null,
  folded: string = foldAligned(text),
): TaskDeadline | null {
  const any = DEADLINE_ANY_RE.exec(folded);
  if (!any) return null;
  let which = 0;
  while (any[DEADLINE_GROUP[which]!] === undefined) which++;
  const { kind } = DEADLINE_RES[which]!;
  const base = DEADLINE_GROUP[which]!;
  const group = (k: number): string | undefined => any[base + k];
  const matched = group(0)!;
  const phrase = cleanValue(text.slice(any.index, any.index + matched.length));
  let date: string | null = null;
  let recurrence: TaskDeadline['recurrence'] = null;
  if (kind === 'day') {
    const year = group(3) ? Number(group(3)) : docYear;
    date = year ? isoDate(Number(group(1)), Number(group(2)), year) : null;
    if (/^\s*(?:hang|hàng) nam/.test(folded.slice(any.index + matched.length))) recurrence = 'yearly';
  } else if (kind === 'month') {
    const month = Number(group(1));
    const year = Number(group(2));
    date = month >= 1 && month <= 12 ? isoDate(new Date(Date.UTC(year, month, 0)).getUTCDate(), month, year) : null;
  } else if (kind === 'quarter') {
    const q = ROMAN[group(1)!] ?? 0;
    const year = Number(group(2));
    date = q ? isoDate(q === 1 || q === 4 ? 31 : 30, q * 3, year) : null;
  } else if (kind === 'recurring') {
    recurrence = RECURRENCE[group(1)!] ?? null;
  } else if (kind === 'ongoing') recurrence = 'ongoing';
  return { text: phrase, date, recurrence };
}

// ---- Items ---------------------------------------------------------------------------

/**
 * The most characters of a task's text: what the clerk may type for one (shared/api/review-inputs.ts).
 * An item whose list goes on unnumbered (a report of 18,000 paragraphs: labels stop at two digits)
 * keeps its paragraphs up to this and no more. It had swallowed the rest of the document, 5 million
 * characters that froze the document's page and could not be saved back.
 */
export const TASK_TEXT_MAX = 5000;

/** `text` cut to `max` characters at a word boundary, with an ellipsis when cut. */
function clipped(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1).trimEnd()}…`;
}

interface Building {
  task: Task;
  rank: number;
  paragraphs: string[];
  /** Characters of its paragraphs joined; once the next one would pass TASK_TEXT_MAX, `full`. */
  length: number;
  full: boolean;
  /** Own first paragraph and all own paragraphs, raw and folded (same lengths). */
  firstRaw: string;
  firstFolded: string;
  allRaw: string[];
  allFolded: string[];
}

/** An item's own line that is only a heading: short, no sentence punctuation. */
const HEADING_RE = /^[\s*]*[^.;:,]{1,60}$/u;

export function extractTasks(doc: Doc, fromLine: number, toLine: number, docDate: string | null): Task[] {
  const docYear = docDate ? Number(docDate.slice(0, 4)) : null;
  const lines = doc.lines.slice(fromLine, Math.max(fromLine, toLine));
  const hasNumbered = lines.some((l) => {
    const lab = labelOf(l.text);
    return lab !== null && lab.rank <= 2;
  });
  const roots: Building[] = [];
  const all: Building[] = [];
  const stack: Building[] = [];
  let closed = false;

  for (const line of lines) {
    if (closed) break;
    if (isBlank(line.text) || isRule(line.text)) continue;
    const label = labelOf(line.text);
    if (label && !(hasNumbered && label.rank > 2 && stack.length === 0)) {
      while (stack.length && stack[stack.length - 1]!.rank >= label.rank) stack.pop();
      const own = clipped(cleanLineValue(line, label.length), TASK_TEXT_MAX);
      const b: Building = {
        task: {
          label: label.label,
          text: own,
          start: line.start + (line.text.length - line.text.trimStart().length),
          end: line.end,
          lead: [],
          cooperate: [],
          deadline: null,
          children: [],
        },
        rank: label.rank,
        paragraphs: [own],
        length: own.length,
        full: false,
        firstRaw: line.text.slice(label.length),
        firstFolded: doc.folded.slice(line.start + label.length, line.end),
        allRaw: [line.text.slice(label.length)],
        allFolded: [doc.folded.slice(line.start + label.length, line.end)],
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.task.children.push(b.task);
      else roots.push(b);
      stack.push(b);
      all.push(b);
      for (const s of stack) s.task.end = Math.max(s.task.end, line.end);
      if (/\.\/\.\s*\**$/.test(line.text)) closed = true;
      continue;
    }
    if (stack.length === 0) continue;
    if (CLOSING_RE.test(doc.folded.slice(line.start, line.end))) break;
    // An unnumbered paragraph continues the item it follows, up to TASK_TEXT_MAX.
    const cur = stack[stack.length - 1]!;
    const paragraph = bareLine(line);
    if (!cur.full && cur.length + 1 + paragraph.length <= TASK_TEXT_MAX) {
      cur.paragraphs.push(paragraph);
      cur.length += 1 + paragraph.length;
      cur.allRaw.push(line.text);
      cur.allFolded.push(doc.folded.slice(line.start, line.end));
      for (const s of stack) s.task.end = Math.max(s.task.end, line.end);
    } else cur.full = true;
    if (/\.\/\.\s*\**$/.test(line.text)) closed = true;
  }

  for (const b of all) {
    // cleanValue turns every blank run, line breaks included, into one space; the first paragraph
    // is already clean, and cleaning is idempotent.
    b.task.text = b.paragraphs.length === 1 ? b.paragraphs[0]! : cleanValue(b.paragraphs.join('\n'));
    let { lead, cooperate } = leadsOf(b.firstRaw.replace(/\*/g, ' '), b.firstFolded.replace(/\*/g, ' '));
    // "Điều 2. Tổ chức thực hiện" / "Văn phòng … theo dõi …": a short heading names no one; its first paragraph does.
    if (!lead.length && b.allRaw.length > 1 && HEADING_RE.test(b.firstRaw)) {
      ({ lead, cooperate } = leadsOf(b.allRaw[1]!.replace(/\*/g, ' '), b.allFolded[1]!.replace(/\*/g, ' ')));
    }
    b.task.lead = lead;
    b.task.cooperate = cooperate;
    b.task.deadline = deadlineOf(b.allRaw.join(' '), docYear, b.allFolded.join(' '));
  }
  return roots.map((r) => r.task);
}

/** Folded phrase helper re-exported for tests of the agency table. */
export function isAgencyName(name: string): boolean {
  return isAgency(foldPhrase(name));
}
