/**
 * Stage 4: the end of the document. Nơi nhận and Kính gửi recipients, the signing capacity
 * (T/M, KT., T/L …) and the signer's name (docs/domain.md §2.2 ô 7, ô 9).
 */
import type { Recipient } from '../model/directive';
import { cellsOf } from './header';
import { NAME_MAX_SYLLABLES, NAME_MIN_SYLLABLES, SIGNATURE_WINDOW_LINES, SIGNER_TITLES } from './tables';
import { bare, cleanValue, foldPhrase, isBlank, isCapsLine, titleCase, type Doc, type Line } from './text';

export interface Signature {
  signer: string | null;
  signerSpan: { start: number; end: number } | null;
  signerConfidence: number;
  capacity: string | null;
  capacitySpan: { start: number; end: number } | null;
  recipients: Recipient[];
  /** First line that is no longer body text (Nơi nhận, signature block, appendix). */
  bodyEndLine: number;
}

const CAPACITY_RE = /^[*_\s]*(?:T\/M|TM\.?|K\/T|KT\.?|T\/L|TL\.?|TUQ\.?|Q\.)\s+\p{Lu}/u;
const NOI_NHAN_RE = /^[*_\s]*noi nhan\s*:?/;
const KINH_GUI_RE = /^[*_\s]*kinh gui\s*:?\s*/;
const APPENDIX_RE = /^[*_\s]*(?:phu luc|danh muc|bieu mau)(?![\p{L}])/u;
const SIGNED_NOTE_RE = /^[([]?\s*(?:đã ký|da ky|ký tên|ky ten|đã ký và đóng dấu|chữ ký|ký bởi|signed)/iu;
const APPENDIX_AT = /[*_\s]*(?:phu luc|danh muc|bieu mau)/y;
const LUU_RE = /^luu(?![\p{L}])/u;
const FOR_REPORT_RE = /\(\s*\**\s*(?:để\s+)?(?:báo cáo|b\/c)\s*\**\s*\)/iu;
const NHU_TREN_RE = /^như trên$/iu;
const TITLES = new Set(SIGNER_TITLES.map(foldPhrase));
const NAME_RE = new RegExp(
  // Ê Đê and Jrai names write a syllable with an apostrophe: "Rơ Châm H' Lim", "H'Hen Niê".
  `^\\p{Lu}[\\p{Ll}'’]*(?:\\s+\\p{Lu}[\\p{Ll}'’]*){${NAME_MIN_SYLLABLES - 1},${NAME_MAX_SYLLABLES - 1}}$`,
  'u',
);
const CAPS_NAME_RE = new RegExp(`^\\p{Lu}+(?:\\s+\\p{Lu}+){${NAME_MIN_SYLLABLES - 1},${NAME_MAX_SYLLABLES - 1}}$`, 'u');
const NOT_NAME_WORDS =
  /^(?:nơi|kính|như|thường|văn|ban|ủy|uỷ|các|đảng|huyện|tỉnh|sở|phòng|lưu|trân|hội|công|chủ|bí|giám|trưởng|phó|chánh|thành|quận|đồng|t\/m|k\/t|t\/l)$/iu;

function lastCell(line: Line): { text: string; start: number; end: number } {
  const cells = cellsOf(line);
  const c = cells[cells.length - 1];
  return c ? { text: c.text, start: c.start, end: c.end } : { text: line.text, start: line.start, end: line.end };
}

function looksLikeName(s: string): boolean {
  const b = bare(s);
  if (!b || b.length > 40) return false;
  const first = b.split(' ')[0]!;
  if (NOT_NAME_WORDS.test(first)) return false;
  if (NAME_RE.test(b)) return true;
  return CAPS_NAME_RE.test(b) && !TITLES.has(foldPhrase(b));
}

function recipientFrom(
  line: Line,
  raw: string,
  rawStart: number,
  source: Recipient['source'],
  groupForReport: boolean,
): Recipient | null {
  const forReport = groupForReport || FOR_REPORT_RE.test(raw);
  const text = cleanValue(
    raw
      .replace(/\|.*$/, '')
      .replace(FOR_REPORT_RE, '')
      .replace(/^[-+•]\s*/, ''),
  ).replace(/[.,;]+$/, '');
  if (!text || NHU_TREN_RE.test(text) || LUU_RE.test(foldPhrase(text))) return null;
  const at = raw.indexOf(text.slice(0, Math.min(8, text.length)));
  const start = at >= 0 ? rawStart + at : line.start;
  return { text, forReport, source, span: { start, end: Math.min(start + text.length, line.end) } };
}

/** Items of a "- …" list starting at line `from`; "|" brace groups share a "(để báo cáo)" flag. */
function listItems(
  doc: Doc,
  from: number,
  source: Recipient['source'],
  firstInline: { text: string; start: number } | null,
): { items: Recipient[]; end: number } {
  const raw: { line: Line; text: string; start: number }[] = [];
  if (firstInline && bare(firstInline.text)) {
    raw.push({ line: doc.lines[from - 1]!, text: firstInline.text, start: firstInline.start });
  }
  let i = from;
  let blanks = 0;
  for (; i < doc.lines.length; i++) {
    const line = doc.lines[i]!;
    if (isBlank(line.text)) {
      if (++blanks > 1 || raw.length > 0) {
        // One blank line may separate the label from its first item; after items it ends the list.
        if (raw.length > 0) break;
      }
      continue;
    }
    const cell = cellsOf(line)[0];
    const text = cell ? cell.text : line.text;
    if (!/^[*_\s]*[-+•]/.test(text) && !(source === 'kinh_gui' && raw.length === 0)) break;
    if (CAPACITY_RE.test(text)) break;
    raw.push({ line, text, start: cell ? cell.start : line.start });
  }
  const items: Recipient[] = [];
  for (let k = 0; k < raw.length; k++) {
    let groupFlag = false;
    if (raw[k]!.text.includes('|')) {
      let a = k;
      let b = k;
      while (a > 0 && raw[a - 1]!.text.includes('|')) a--;
      while (b + 1 < raw.length && raw[b + 1]!.text.includes('|')) b++;
      for (let g = a; g <= b; g++)
        if (FOR_REPORT_RE.test(raw[g]!.text) || /\|\s*\(?\s*\**\s*(?:để\s+)?báo cáo/iu.test(raw[g]!.text))
          groupFlag = true;
    }
    const r = raw[k]!;
    // Kính gửi on one line: "Kính gửi: Sở Y tế; Sở Tài chính."
    const pieces = source === 'kinh_gui' && !/^[-+•]/.test(r.text.trim()) ? r.text.split(/;\s*/) : [r.text];
    let offset = 0;
    for (const piece of pieces) {
      const at = r.text.indexOf(piece, offset);
      offset = at + piece.length;
      const rec = recipientFrom(r.line, piece, r.start + Math.max(0, at), source, groupFlag);
      if (rec) items.push(rec);
    }
  }
  return { items, end: i };
}

export function extractSignature(doc: Doc, kinhGuiLine: number | null, bodyStartLine: number): Signature {
  const lines = doc.lines;
  const sig: Signature = {
    signer: null,
    signerSpan: null,
    signerConfidence: 0,
    capacity: null,
    capacitySpan: null,
    recipients: [],
    bodyEndLine: lines.length,
  };

  if (kinhGuiLine !== null) {
    const line = lines[kinhGuiLine]!;
    const m = KINH_GUI_RE.exec(doc.folded.slice(line.start, line.end))!;
    const inline = { text: line.text.slice(m[0].length), start: line.start + m[0].length };
    sig.recipients.push(...listItems(doc, kinhGuiLine + 1, 'kinh_gui', inline).items);
  }

  // Appendices follow the signature; the signature search stops there.
  let tailEnd = lines.length;
  for (let i = bodyStartLine; i < lines.length; i++) {
    // Sticky test at the line start: no per-line slice of the folded text.
    APPENDIX_AT.lastIndex = lines[i]!.start;
    if (
      APPENDIX_AT.test(doc.folded) &&
      APPENDIX_RE.test(doc.folded.slice(lines[i]!.start, lines[i]!.end)) &&
      isCapsLine(bare(lines[i]!.text))
    ) {
      tailEnd = i;
      break;
    }
  }
  sig.bodyEndLine = tailEnd;

  let noiNhan = -1;
  for (let i = tailEnd - 1; i >= bodyStartLine; i--) {
    // Only lines holding "nơi nhận" are split into cells.
    const at = doc.folded.lastIndexOf('noi nhan', lines[i]!.end);
    if (at < 0) break;
    // No line between `at` and this one holds the phrase: go straight to the line holding `at`
    // instead of searching back from every line in between.
    while (i > bodyStartLine && at < lines[i]!.start) i--;
    if (at < lines[i]!.start) break;
    const cell = cellsOf(lines[i]!)[0];
    if (cell && NOI_NHAN_RE.test(doc.folded.slice(cell.start, cell.end))) {
      noiNhan = i;
      break;
    }
  }
  if (noiNhan >= 0) {
    sig.bodyEndLine = Math.min(sig.bodyEndLine, noiNhan);
    const line = lines[noiNhan]!;
    const m = NOI_NHAN_RE.exec(doc.folded.slice(line.start, line.end))!;
    const cells = cellsOf(line);
    const firstCellEnd = cells[0] ? cells[0].end : line.end;
    const inline = { text: doc.text.slice(line.start + m[0].length, firstCellEnd), start: line.start + m[0].length };
    sig.recipients.push(
      ...listItems(doc, noiNhan + 1, 'noi_nhan', /^\s*[-+•]/.test(inline.text) ? inline : null).items,
    );
  }

  // ---- Capacity block ----
  const windowStart = Math.max(bodyStartLine, tailEnd - SIGNATURE_WINDOW_LINES);
  let capLine = -1;
  for (let i = tailEnd - 1; i >= windowStart; i--) {
    if (CAPACITY_RE.test(lastCell(lines[i]!).text)) {
      capLine = i;
      break;
    }
  }
  // "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH": the block starts at the first prefix line.
  while (capLine > windowStart && CAPACITY_RE.test(lastCell(lines[capLine - 1]!).text)) capLine--;
  let nameSearchFrom = windowStart;
  if (capLine >= 0) {
    const parts: { text: string; start: number; end: number }[] = [];
    let i = capLine;
    for (; i < tailEnd && parts.length < 4; i++) {
      const c = lastCell(lines[i]!);
      const b = bare(c.text);
      if (!b) {
        if (parts.length) break;
        continue;
      }
      if (i > capLine && (!isCapsLine(b) || looksLikeNameAfterTitles(b, parts.length))) break;
      if (SIGNED_NOTE_RE.test(b)) break;
      parts.push({ text: b, start: c.start, end: c.end });
    }
    sig.capacity = cleanValue(parts.map((p) => p.text).join(' ')).replace(/\s+/g, ' ');
    sig.capacitySpan = { start: parts[0]!.start, end: parts[parts.length - 1]!.end };
    sig.bodyEndLine = Math.min(sig.bodyEndLine, capLine);
    nameSearchFrom = i;
    for (let k = i; k < Math.min(tailEnd, i + 10); k++) {
      const c = lastCell(lines[k]!);
      const b = bare(c.text);
      if (!b || SIGNED_NOTE_RE.test(b)) continue;
      if (looksLikeName(b)) {
        setSigner(sig, doc, c, b, 0.9);
        break;
      }
    }
  }
  if (!sig.signer) {
    // No capacity line (or no name under it): the last name-like line near the end.
    for (let k = tailEnd - 1; k >= Math.max(nameSearchFrom, tailEnd - 15, bodyStartLine); k--) {
      const line = lines[k]!;
      if (isBlank(line.text)) continue;
      const c = lastCell(line);
      const b = bare(c.text);
      if (/^[-+•]/.test(line.text.trim())) continue;
      if (looksLikeName(b)) {
        setSigner(sig, doc, c, b, capLine >= 0 ? 0.8 : 0.6);
        // Position line directly above an untitled name ("CHỦ TỊCH" / "Nguyễn Văn A").
        if (!sig.capacity) {
          const above: { text: string; start: number; end: number }[] = [];
          for (let j = k - 1; j >= Math.max(bodyStartLine, k - 6) && above.length < 3; j--) {
            const cj = lastCell(lines[j]!);
            const bj = bare(cj.text);
            if (!bj || SIGNED_NOTE_RE.test(bj)) {
              if (above.length) break;
              continue;
            }
            if (!isCapsLine(bj) || bj.length > 60 || /^[-+•]/.test(bj)) break;
            above.unshift({ text: bj, start: cj.start, end: cj.end });
          }
          if (above.length && TITLES.has(foldPhrase(above[above.length - 1]!.text))) {
            sig.capacity = above.map((a) => a.text).join(' ');
            sig.capacitySpan = { start: above[0]!.start, end: above[above.length - 1]!.end };
            sig.bodyEndLine = Math.min(
              sig.bodyEndLine,
              lines.findIndex((l) => l.start <= above[0]!.start && above[0]!.start <= l.end),
            );
          }
        }
        sig.bodyEndLine = Math.min(sig.bodyEndLine, k);
        break;
      }
      // Stop at body prose: a signer never sits above a paragraph.
      if (b.length > 80) break;
    }
  }
  return sig;
}

function looksLikeNameAfterTitles(b: string, partsSoFar: number): boolean {
  return (
    partsSoFar > 0 &&
    CAPS_NAME_RE.test(b) &&
    !TITLES.has(foldPhrase(b)) &&
    !/^(?:BAN|ỦY|UỶ|HỘI|TỈNH|HUYỆN|ĐẢNG|SỞ|THƯỜNG)/u.test(b)
  );
}

function setSigner(sig: Signature, doc: Doc, c: { start: number; end: number }, b: string, confidence: number): void {
  const name = isCapsLine(b) ? titleCase(b) : b;
  sig.signer = name;
  const at = doc.text.indexOf(b, c.start);
  sig.signerSpan = at >= 0 ? { start: at, end: at + b.length } : { start: c.start, end: c.end };
  sig.signerConfidence = confidence;
}
