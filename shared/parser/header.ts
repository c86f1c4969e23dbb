/**
 * Stage 3: the first page. Issuer block, number line, place and date, type title and trích yếu
 * (docs/domain.md §2.2, §3.3). Works line by line on the layout lines; two-column extractions
 * ("Số: 12/QĐ-UBND        Quảng Ninh, ngày …") are split into cells at runs of spaces.
 */
import type { IssuerKind } from '../model/directive';
import { caseIssuer, canonicalProvince, describeIssuer, namesSubProvincialUnit, provinceAtStart } from './issuer';
import { DOC_TYPES, HEADER_MARKS, HEADER_MAX_LINES, ISSUER_BODIES, SUBJECT_MAX_LINES, UNIT_LEVELS } from './tables';
import {
  bare,
  bareLine,
  cleanValue,
  decaps,
  foldedAlternation,
  foldPhrase,
  isBlank,
  isCapsLine,
  isLetter,
  isRule,
  startsUpper,
  type Doc,
  type Line,
} from './text';
import { readNumberField, type DateToken, type RefToken, type Tokens } from './tokenize';

export interface Cell {
  line: number;
  start: number;
  end: number;
  text: string;
}

/** Runs of 3+ spaces or tabs separate the two header columns in text extracted from a page. */
const COLUMN_GAP = /[ ]{3,}|\t+/g;

export function cellsOf(line: Line): Cell[] {
  const cells: Cell[] = [];
  let last = 0;
  COLUMN_GAP.lastIndex = 0;
  const push = (from: number, to: number) => {
    const raw = line.text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t)
      cells.push({
        line: line.index,
        start: line.start + from + lead,
        end: line.start + from + lead + t.length,
        text: t,
      });
  };
  // Most lines are one column; the gap pattern is tried only where a gap can be.
  const mayHaveGap = !line.plain && (line.text.includes('   ') || line.text.includes('\t'));
  for (let m = mayHaveGap ? COLUMN_GAP.exec(line.text) : null; m; m = COLUMN_GAP.exec(line.text)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, line.text.length);
  return cells;
}

export interface Header {
  type: string | null;
  typeSpan: { start: number; end: number } | null;
  typeConfidence: number;
  ref: RefToken | null;
  issuer: string | null;
  issuerSpan: { start: number; end: number } | null;
  superior: string | null;
  headerKind: IssuerKind | null;
  province: string | null;
  provinceSpan: { start: number; end: number } | null;
  date: string | null;
  dateSpan: { start: number; end: number } | null;
  dateConfidence: number;
  place: string | null;
  placeSpan: { start: number; end: number } | null;
  subject: string | null;
  subjectSpan: { start: number; end: number } | null;
  hasVv: boolean;
  kinhGuiLine: number | null;
  /** First line of the body proper (after title, trích yếu and Kính gửi). */
  bodyStartLine: number;
}

const TITLE_TYPES = DOC_TYPES.filter((t) => t.titled && t.name !== 'Thông báo kết luận').map((t) => t.name);
const TITLE_TYPE_BY_FOLD = new Map(TITLE_TYPES.map((n) => [foldPhrase(n), n]));
const TITLE_RE = new RegExp(`^[*\\s]*(${foldedAlternation(TITLE_TYPES)})(?![\\p{L}])`, 'u');
const MOTTO_PARTY = /dang cong san viet nam/;
const MOTTO_STATE = /cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do/;
const MARKS = new Set(HEADER_MARKS.map(foldPhrase));
const NUMBER_LINE_RE = /^[*\s]*(?:Số|SỐ|số)(?=[\s:.\d\-/…_]|$)/u;
const VV_RE = /^[*\s_]*(?:V\/v|v\/v|V\/V|Về việc|VỀ VIỆC)(?![\p{L}])/u;
const KINH_GUI_RE = /^[*\s_]*kinh gui\s*:?/;
/** "Quảng Ninh, ngày 5 …"; a seat may end in a number ("Phường 3", "Hà Giang 1"); OCR splits digits ("ngày 0 7"). */
const PLACE_DATE_RE = /^[*_\s]*([^\d,;:]{2,48}?(?:\s\d{1,2})?)\s*,\s*(?:ngay\s+\d|ngay\s*\.)/u;
/** The date left blank for the clerk to fill in: "Nam Giang, ngày      tháng      năm 2024". */
const PLACE_BLANK_DATE_RE =
  /^[*_\s]*([^\d,;:]{2,48}?(?:\s\d{1,2})?)\s*,\s*ngay[\s.…_]*thang[\s.…_]*(?:\d{1,2}[\s.…_]*)?nam(?:[\s.…_]*\d{4})?\s*$/u;
const OPENING_DATE_RE = /^[*_\s]*(?:(?:sang|chieu|toi|trua|vao)\s+)?(?:hom nay,?\s+)?(?:vao\s+)?ngay\s+\d/;
const BODY_START_RE =
  /^[*_\s]*(?:can cu|kinh gui|thuc hien|ngay \d|sang|chieu|hom nay|vao|xet|trien khai|trong|qua|de |nham|thoi gian|tiep theo|theo|nhan duoc|hien nay|nam \d|sau khi)/;
const SUBJECT_FOLLOW_RE =
  /^[*_\s]*(?:ve|v\/v|ve viec|cua|tai|trien khai|thuc hien|giai doan|nam|nhiem ky|ket luan|y kien)(?![\p{L}])/u;
const LIST_LABEL_RE = /^\s*(?:\d{1,2}[.)]|[a-zđ]\)|[-+•])\s/u;
/** "CHƯƠNG TRÌNH HÀNH ĐỘNG": the qualifier belongs to the type name. */
const ACTION_QUALIFIER_RE = /^\s*HÀNH ĐỘNG(?![\p{L}])/u;
/** After a blank line, a lower-case continuation or "Về …" still belongs to the title. */
const TITLE_CONTINUES_RE = /^[*_\s]*(?:\p{Ll}|Về\s|V\/v|VỀ\s|KẾT LUẬN|Ý KIẾN)/u;
const BODY_FOLDS = ISSUER_BODIES.map((b) => foldPhrase(b.name));
const UNIT_FOLDS = UNIT_LEVELS.map((u) => foldPhrase(u.word));

/** Lines of the header's right column (motto, place and date): never part of a trích yếu. */
function isHeaderLine(folded: string): boolean {
  return (
    MOTTO_PARTY.test(folded) ||
    MOTTO_STATE.test(folded) ||
    PLACE_DATE_RE.test(folded) ||
    PLACE_BLANK_DATE_RE.test(folded) ||
    /^[*_\s]*-{3,}\s*$/.test(folded)
  );
}

function startsWithAny(folded: string, prefixes: readonly string[]): string | null {
  for (const p of prefixes) if (folded.startsWith(p) && !isLetter(folded[p.length])) return p;
  return null;
}

const NO_CELLS: readonly Cell[] = [];

function lineFolded(doc: Doc, line: Line): string {
  return doc.folded.slice(line.start, line.end);
}

function cellFolded(doc: Doc, cell: Cell): string {
  return doc.folded.slice(cell.start, cell.end);
}

export function extractHeader(doc: Doc, tokens: Tokens): Header {
  const lines = doc.lines;
  const limit = Math.min(lines.length, HEADER_MAX_LINES);
  const h: Header = {
    type: null,
    typeSpan: null,
    typeConfidence: 0,
    ref: null,
    issuer: null,
    issuerSpan: null,
    superior: null,
    headerKind: null,
    province: null,
    provinceSpan: null,
    date: null,
    dateSpan: null,
    dateConfidence: 0,
    place: null,
    placeSpan: null,
    subject: null,
    subjectSpan: null,
    hasVv: false,
    kinhGuiLine: null,
    bodyStartLine: 0,
  };

  let numberLine = -1;
  let placeDateLine = -1;
  let titleLine = -1;
  let titleTypeEnd = 0;
  let vvLine = -1;
  let firstProse = -1;

  for (let i = 0; i < limit; i++) {
    const line = lines[i]!;
    const folded = lineFolded(doc, line);
    // The first motto decides; later lines need not be searched for one.
    if (h.headerKind === null) {
      if (MOTTO_PARTY.test(folded)) h.headerKind = 'party';
      else if (MOTTO_STATE.test(folded)) h.headerKind = 'state';
    }
    // Cells are read only for the number (before the title) and the place-and-date line.
    const cellsWanted = (numberLine < 0 && titleLine < 0) || placeDateLine < 0;
    for (const cell of cellsWanted ? cellsOf(line) : NO_CELLS) {
      const cf = cellFolded(doc, cell);
      if (numberLine < 0 && titleLine < 0 && NUMBER_LINE_RE.test(cell.text)) {
        const at = cell.start + NUMBER_LINE_RE.exec(cell.text)![0].length;
        let ref = readNumberField(doc.text, at, cell.end);
        // "Số      -BC/ĐU": the blank left for the number is wide enough to split the cells.
        if (!ref && /^[*\s]*(?:Số|SỐ)\s*:?\s*[*\s]*$/u.test(cell.text)) {
          const next = cellsOf(line).find((c) => c.start > cell.start);
          if (next && /^[-\u2010-\u2015\u2212/]/u.test(next.text))
            ref = readNumberField(doc.text, next.start, next.end);
        }
        if (ref || /^[*\s]*(?:Số|SỐ)\s*:?\s*[*\s]*$/u.test(cell.text)) {
          numberLine = i;
          h.ref = ref;
        }
        continue;
      }
      if (placeDateLine < 0 && cell.text.length < 100) {
        const pm = PLACE_DATE_RE.exec(cf);
        const date = pm ? tokens.dates.find((d) => d.start >= cell.start && d.start < cell.end) : undefined;
        if (pm && date) {
          const placeEnd = cell.start + pm[0].search(/\s*,\s*ngay/);
          const place = cleanValue(doc.text.slice(cell.start, placeEnd).replace(/^[*_\s]+/, ''));
          if (startsUpper(place) && place.split(' ').length <= 6) {
            placeDateLine = i;
            h.place = place;
            const placeStart = doc.text.indexOf(place, cell.start);
            h.placeSpan =
              placeStart >= 0
                ? { start: placeStart, end: placeStart + place.length }
                : { start: cell.start, end: cell.end };
            h.date = date.iso;
            h.dateSpan = { start: date.start, end: date.end };
            h.dateConfidence = 0.95;
            continue;
          }
        }
      }
    }
    if (placeDateLine < 0 && titleLine < 0) {
      const blank = PLACE_BLANK_DATE_RE.exec(folded);
      if (blank) {
        const place = cleanValue(
          line.text
            .slice(0, blank[1]!.length + (blank[0].length - blank[0].trimStart().length))
            .replace(/^[*_\s]+/, ''),
        );
        if (startsUpper(place) && place.split(' ').length <= 6) {
          placeDateLine = i;
          h.place = place;
          const placeStart = doc.text.indexOf(place, line.start);
          h.placeSpan =
            placeStart >= 0
              ? { start: placeStart, end: placeStart + place.length }
              : { start: line.start, end: line.end };
        }
      }
    }
    if (titleLine < 0) {
      const tm = TITLE_RE.exec(folded);
      if (tm) {
        const offset = tm[0].length - tm[1]!.length;
        const printed = line.text.slice(offset, tm[0].length);
        if (isCapsLine(printed) && line.text.length < 160) {
          titleLine = i;
          titleTypeEnd = line.start + tm[0].length;
          h.type = TITLE_TYPE_BY_FOLD.get(tm[1]!.replace(/\s+/g, ' ')) ?? null;
          h.typeSpan = { start: line.start + offset, end: titleTypeEnd };
          h.typeConfidence = 0.95;
          continue;
        }
      }
    }
    if (vvLine < 0 && titleLine < 0 && VV_RE.test(line.text)) vvLine = i;
    if (h.kinhGuiLine === null && KINH_GUI_RE.test(folded)) h.kinhGuiLine = i;
    // bare() only shortens a line: a short one cannot be prose, and most header lines are short.
    if (firstProse < 0 && line.text.length > 160 && bareLine(line).length > 160) firstProse = i;
  }

  // ---- Issuer block: caps cells above the number / title ----
  const stops = [numberLine, titleLine, vvLine, h.kinhGuiLine ?? -1, firstProse].filter((n) => n >= 0);
  const zoneEnd = stops.length ? Math.min(...stops) : Math.min(limit, 12);
  const candidates: Cell[] = [];
  for (let i = 0; i < zoneEnd; i++) {
    for (const cell of cellsOf(lines[i]!)) {
      const text = bare(cell.text);
      const cf = foldPhrase(text);
      if (!text || isRule(cell.text) || !isCapsLine(text) || text.length > 90) continue;
      if (MOTTO_PARTY.test(cf) || MOTTO_STATE.test(cf) || MARKS.has(cf)) continue;
      if (PLACE_DATE_RE.test(cf) || NUMBER_LINE_RE.test(text)) continue;
      const s = doc.text.indexOf(text, cell.start);
      candidates.push({ ...cell, text, start: s >= 0 ? s : cell.start, end: s >= 0 ? s + text.length : cell.end });
    }
  }
  // "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH" is one name on two lines.
  const merged: Cell[] = [];
  for (const c of candidates) {
    const prev = merged[merged.length - 1];
    const cf = foldPhrase(c.text);
    if (prev && BODY_FOLDS.includes(foldPhrase(prev.text)) && startsWithAny(cf, UNIT_FOLDS)) {
      merged[merged.length - 1] = { ...prev, end: c.end, text: `${prev.text} ${c.text}` };
    } else merged.push(c);
  }
  const issuerCell = merged[merged.length - 1];
  const superiorCell = merged.length > 1 ? merged[merged.length - 2] : undefined;
  if (issuerCell) {
    let issuer = caseIssuer(issuerCell.text);
    const superior = superiorCell ? caseIssuer(superiorCell.text) : null;
    const info = describeIssuer(issuer);
    // A board or office names its committee only in the line above ("TỈNH ỦY NAM ĐỊNH" / "VĂN PHÒNG").
    if (
      superior &&
      /^(?:Ban|Văn phòng|Ủy ban Kiểm tra)/u.test(issuer) &&
      describeIssuer(superior).kind === 'party' &&
      !/(?:tỉnh|huyện|thành|quận|thị|đảng) ủy/iu.test(issuer)
    ) {
      issuer = `${issuer} ${superior.replace(/^Đảng bộ /u, '')}`;
    }
    h.issuer = issuer;
    h.superior = superior;
    h.issuerSpan = { start: issuerCell.start, end: issuerCell.end };
    h.headerKind ??= info.kind;
    for (const c of [superiorCell, issuerCell]) {
      if (!c) continue;
      const p = provinceInCaps(c.text);
      if (p) {
        h.province = p;
        h.provinceSpan = { start: c.start, end: c.end };
      }
    }
  }
  if (!h.province && h.place) {
    const p = provinceAtStart(h.place);
    // "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH" … "Hòa Bình, ngày …": the commune's seat, not the province.
    const unitSeat = p && [superiorCell, issuerCell].some((c) => c && namesSubProvincialUnit(c.text, h.place!));
    if (p && h.placeSpan && !unitSeat) {
      h.province = p;
      h.provinceSpan = h.placeSpan;
    }
  }

  // ---- Type, trích yếu ----
  let subjectEnd = -1;
  if (titleLine >= 0) {
    const parts: { text: string; start: number; end: number; caps: boolean }[] = [];
    const titleRow = lines[titleLine]!;
    // "CHƯƠNG TRÌNH HÀNH ĐỘNG": the qualifier belongs to the type name, not the summary.
    const qualifier = ACTION_QUALIFIER_RE.exec(doc.text.slice(titleTypeEnd, titleRow.end));
    if (qualifier) titleTypeEnd += qualifier[0].length;
    const restRaw = doc.text.slice(titleTypeEnd, titleRow.end);
    if (bare(restRaw))
      parts.push({ text: bare(restRaw), start: titleTypeEnd, end: titleRow.end, caps: isCapsLine(bare(restRaw)) });
    let sawBlank = false;
    for (let i = titleLine + 1; i < lines.length && parts.length < SUBJECT_MAX_LINES; i++) {
      const line = lines[i]!;
      const b = bareLine(line);
      if (isRule(line.text) && !b) break;
      if (isBlank(line.text)) {
        sawBlank = true;
        continue;
      }
      const folded = lineFolded(doc, line);
      if (
        NUMBER_LINE_RE.test(line.text) ||
        KINH_GUI_RE.test(folded) ||
        LIST_LABEL_RE.test(line.text) ||
        /^[*\s]*\(/.test(line.text)
      )
        break;
      if (/^[*_\s]*can cu/.test(folded) || b.length > 260) break;
      const bold = /^\s*\*\*/.test(line.text) || /\*\*\s*$/.test(line.text);
      if (sawBlank) {
        // After a blank line only a lower-case continuation or "Về …" still belongs to the title.
        const follows = TITLE_CONTINUES_RE.test(line.text);
        const accept =
          parts.length === 0
            ? (bold || follows || (isCapsLine(b) && b.length < 120) || !BODY_START_RE.test(folded)) && b.length < 200
            : bold || follows;
        if (!accept || (parts.length > 0 && isCapsLine(b) && !bold)) break;
      } else if (parts.length > 0 && BODY_START_RE.test(folded) && !SUBJECT_FOLLOW_RE.test(folded)) break;
      parts.push({ text: b, start: line.start, end: line.end, caps: isCapsLine(b) });
      subjectEnd = i;
      sawBlank = false;
      if (/[.:]\s*\**$/.test(b) && !/\.\.\.$/.test(b)) break;
    }
    if (subjectEnd < 0) subjectEnd = titleLine;
    if (parts.length) {
      const subject = cleanValue(parts.map((p, k) => (p.caps ? decaps(p.text, k === 0) : p.text)).join(' '));
      h.subject = subject ? subject[0]!.toUpperCase() + subject.slice(1) : null;
      h.subjectSpan = { start: parts[0]!.start, end: parts[parts.length - 1]!.end };
      if (h.type === 'Thông báo' && /^(?:ý kiến\s+)?kết luận/iu.test(h.subject ?? '')) h.type = 'Thông báo kết luận';
    }
  } else if (vvLine >= 0) {
    h.hasVv = true;
    const parts: Line[] = [];
    for (let i = vvLine; i < lines.length && parts.length < SUBJECT_MAX_LINES; i++) {
      const line = lines[i]!;
      if (isBlank(line.text) || (i > vvLine && KINH_GUI_RE.test(lineFolded(doc, line)))) break;
      // The right column printed after the trích yếu: motto, place and date, number line.
      if (i > vvLine && (i === placeDateLine || i === numberLine || isHeaderLine(lineFolded(doc, line)))) break;
      parts.push(line);
      subjectEnd = i;
    }
    const subject = cleanValue(
      parts
        .map((l) => l.text)
        .join(' ')
        .replace(/^[*_\s]*/, ''),
    );
    h.subject = subject.replace(/^v\/v/iu, 'V/v') || null;
    const first = parts[0]!;
    const lead = first.text.length - first.text.replace(/^[*_\s]+/, '').length;
    h.subjectSpan = { start: first.start + lead, end: parts[parts.length - 1]!.end };
  }

  if (!h.type && h.ref?.typeFromCode) {
    h.type = h.ref.typeFromCode;
    h.typeSpan = { start: h.ref.start, end: h.ref.end };
    h.typeConfidence = 0.85;
  }
  if (!h.type && (h.hasVv || h.kinhGuiLine !== null)) {
    h.type = 'Công văn';
    const at = vvLine >= 0 ? lines[vvLine]! : lines[h.kinhGuiLine!]!;
    h.typeSpan = { start: at.start, end: at.end };
    h.typeConfidence = h.hasVv && h.kinhGuiLine !== null ? 0.8 : 0.6;
  }

  // ---- Body start: after title, trích yếu and the Kính gửi list ----
  let bodyStart = Math.max(numberLine, placeDateLine, titleLine, subjectEnd, vvLine) + 1;
  if (h.kinhGuiLine !== null && h.kinhGuiLine >= bodyStart - 1) {
    let i = h.kinhGuiLine + 1;
    while (i < lines.length && !isBlank(lines[i]!.text) && /^\s*[-+•]/.test(lines[i]!.text)) i++;
    bodyStart = Math.max(bodyStart, i);
  }
  h.bodyStartLine = Math.min(bodyStart, lines.length);

  // ---- Date of a document without a dated header: its opening paragraph ----
  if (!h.date) {
    let seen = 0;
    for (let i = h.bodyStartLine; i < lines.length && seen < 3; i++) {
      const line = lines[i]!;
      if (isBlank(line.text) || isRule(line.text)) continue;
      seen++;
      const folded = lineFolded(doc, line);
      if (!OPENING_DATE_RE.test(folded)) continue;
      const date: DateToken | undefined = tokens.dates.find((d) => d.start >= line.start && d.start < line.start + 40);
      if (date) {
        h.date = date.iso;
        h.dateSpan = { start: date.start, end: date.end };
        h.dateConfidence = 0.8;
      }
      break;
    }
  }
  return h;
}

const PROVINCE_WORDS = /(?:^|\s)(?:TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|TỈNH|THÀNH PHỐ|TP\.?)\s+(.+)$/u;

/** Province in a caps header line ("ĐẢNG BỘ TỈNH BẮC GIANG", "UBND TỈNH QUẢNG NINH", "THÀNH ỦY HẢI PHÒNG"). */
function provinceInCaps(text: string): string | null {
  const m = PROVINCE_WORDS.exec(text);
  if (!m) return null;
  const name = m[1]!.trim();
  return canonicalProvince(name) ?? provinceAtStart(name);
}
