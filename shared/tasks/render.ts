/**
 * The one renderer of printed task sheets (docs/tasks.md): data → HTML with every text escaped.
 * Used by the CLI (--html, --pdf), the desktop print module (printToPDF / print) and the React
 * preview (same markup and CSS), so a sheet looks the same from every host.
 *
 * Layout (domain.md §2.3, §3.3, §7): A4 portrait, Tinos (metric-compatible with Times New Roman,
 * bundled in resources/fonts so air-gapped PCs need no system font), the office header in Party or
 * State style, a caps title, the source document in brackets, the task table whose header row
 * repeats on every page, page numbers top centre from page 2, then Nơi nhận and the signature.
 * No inline style attributes: the app's CSP (style-src 'self') forbids them.
 */
import type { OfficeSettings } from './types';
import { vnDate } from './status';

export interface SheetSource {
  type: string | null;
  ref: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
}

export interface SheetRow {
  stt: string;
  text: string;
  /** Digest rows: the directive the task comes from, printed under the text. */
  source?: string;
  lead: string[];
  cooperate: string[];
  deadline: string;
  result: string;
}

export interface SheetSection {
  title: string;
  /** Per-agency sheets and digests: "Cơ quan chủ trì: Công an huyện". */
  agency: string | null;
  source: SheetSource | null;
  /** What a digest covers («Nhiệm vụ của các văn bản từ ngày …»), printed under the title. */
  scope?: string;
  rows: SheetRow[];
  recipients: string[];
}

export interface SheetPrint {
  office: OfficeSettings;
  /** ISO date printed in the date line. */
  date: string;
  sections: SheetSection[];
}

export const TITLE_ASSIGN = 'PHIẾU GIAO VIỆC';
export const TITLE_TRACK = 'BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ';
export const TABLE_HEADER = [
  'STT',
  'Nội dung nhiệm vụ',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Thời hạn',
  'Kết quả / Ghi chú',
] as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Upper-case the Vietnamese way (toUpperCase is fine for NFC Vietnamese; kept in one place). */
const caps = (s: string) => s.normalize('NFC').toUpperCase();

/** "Yên Thế, ngày 05 tháng 01 năm 2021": leading zero for days below 10 and months 1–2 (domain.md §2.2). */
export function dateLine(place: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const day = String(d).padStart(2, '0');
  const month = m! <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place ? `${place}, ` : ''}ngày ${day} tháng ${month} năm ${y}`;
}

/** "(Thực hiện Công văn số 571-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy)". */
export function sourceLine(source: SheetSource): string {
  const parts = [source.type ?? 'Văn bản'];
  if (source.ref) parts.push(`số ${source.ref}`);
  if (source.date) parts.push(`ngày ${vnDate(source.date)}`);
  if (source.issuer) parts.push(`của ${source.issuer}`);
  return `(Thực hiện ${parts.join(' ')})`;
}

function header(office: OfficeSettings, date: string): string {
  const left =
    `<div class="vt-superior">${escapeHtml(caps(office.superiorBody))}</div>` +
    `<div class="vt-office">${escapeHtml(caps(office.officeName))}</div>` +
    (office.style === 'party' ? '<div class="vt-star">*</div>' : '<div class="vt-rule"></div>');
  const right =
    office.style === 'party'
      ? '<div class="vt-nation vt-underline">ĐẢNG CỘNG SẢN VIỆT NAM</div>'
      : '<div class="vt-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="vt-motto">Độc lập - Tự do - Hạnh phúc</div>';
  return (
    `<table class="vt-head"><tr><td class="vt-head-left">${left}</td>` +
    `<td class="vt-head-right">${right}<div class="vt-date">${escapeHtml(dateLine(office.place, date))}</div></td></tr></table>`
  );
}

const list = (names: readonly string[]) => names.map((n) => `<div>${escapeHtml(n)}</div>`).join('');

function row(r: SheetRow): string {
  const source = r.source ? `<div class="vt-row-source">${escapeHtml(r.source)}</div>` : '';
  return (
    `<tr><td class="vt-c-stt">${escapeHtml(r.stt)}</td>` +
    `<td class="vt-c-text"><div class="vt-task-text">${escapeHtml(r.text)}</div>${source}</td>` +
    `<td class="vt-c-lead">${list(r.lead)}</td><td class="vt-c-coop">${list(r.cooperate)}</td>` +
    `<td class="vt-c-deadline">${escapeHtml(r.deadline)}</td><td class="vt-c-result">${escapeHtml(r.result)}</td></tr>`
  );
}

function section(office: OfficeSettings, date: string, s: SheetSection, index: number): string {
  const rows =
    s.rows.length > 0 ? s.rows.map(row).join('') : `<tr><td class="vt-empty" colspan="6">Không có nhiệm vụ.</td></tr>`;
  const recipients = [...s.recipients, 'Lưu: VT.'];
  return (
    `<section class="vt-sheet${index > 0 ? ' vt-break' : ''}">` +
    header(office, date) +
    `<h1 class="vt-title">${escapeHtml(s.title)}</h1>` +
    (s.agency ? `<p class="vt-agency">Cơ quan chủ trì: <b>${escapeHtml(s.agency)}</b></p>` : '') +
    (s.scope ? `<p class="vt-source">${escapeHtml(s.scope)}</p>` : '') +
    (s.source
      ? `<p class="vt-source">${escapeHtml(sourceLine(s.source))}</p>` +
        (s.source.subject ? `<p class="vt-subject">${escapeHtml(s.source.subject)}</p>` : '')
      : '') +
    `<table class="vt-tasks"><colgroup><col class="vt-w-stt"><col class="vt-w-text"><col class="vt-w-lead"><col class="vt-w-coop"><col class="vt-w-deadline"><col class="vt-w-result"></colgroup>` +
    `<thead><tr>${TABLE_HEADER.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>` +
    `<table class="vt-foot"><tr><td class="vt-recipients"><div class="vt-nn">Nơi nhận:</div>` +
    recipients.map((r, i) => `<div>- ${escapeHtml(r)}${i < recipients.length - 1 ? ';' : ''}</div>`).join('') +
    `</td><td class="vt-sign"><div class="vt-sign-title">${escapeHtml(caps(office.signerTitle || 'Người lập phiếu'))}</div>` +
    `<div class="vt-sign-space"></div><div class="vt-sign-name">${escapeHtml(office.signerName)}</div></td></tr></table>` +
    `</section>`
  );
}

/** The sheets' markup, for the on-screen preview (inside an element with class vt-doc). */
export function renderSheetBody(print: SheetPrint): string {
  return print.sections.map((s, i) => section(print.office, print.date, s, i)).join('');
}

/** A standalone HTML document: fontCss carries the @font-face rules (fontFaceCss), or '' to rely on installed fonts. */
export function renderSheetHtml(print: SheetPrint, options: { fontCss: string; title: string }): string {
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title>` +
    `<style>${options.fontCss}\n${SHEET_CSS}</style></head><body><div class="vt-doc">${renderSheetBody(print)}</div></body></html>`
  );
}

/** The bundled font files (resources/fonts, copied from @fontsource/tinos) and the characters each covers. */
export const FONT_FILES = [
  { file: 'tinos-vietnamese-400-normal.woff2', weight: 400, style: 'normal', subset: 'vietnamese' },
  { file: 'tinos-vietnamese-400-italic.woff2', weight: 400, style: 'italic', subset: 'vietnamese' },
  { file: 'tinos-vietnamese-700-normal.woff2', weight: 700, style: 'normal', subset: 'vietnamese' },
  { file: 'tinos-vietnamese-700-italic.woff2', weight: 700, style: 'italic', subset: 'vietnamese' },
  { file: 'tinos-latin-ext-400-normal.woff2', weight: 400, style: 'normal', subset: 'latin-ext' },
  { file: 'tinos-latin-ext-700-normal.woff2', weight: 700, style: 'normal', subset: 'latin-ext' },
  { file: 'tinos-latin-400-normal.woff2', weight: 400, style: 'normal', subset: 'latin' },
  { file: 'tinos-latin-400-italic.woff2', weight: 400, style: 'italic', subset: 'latin' },
  { file: 'tinos-latin-700-normal.woff2', weight: 700, style: 'normal', subset: 'latin' },
  { file: 'tinos-latin-700-italic.woff2', weight: 700, style: 'italic', subset: 'latin' },
] as const;

// Unicode ranges as published by @fontsource/tinos 5.x.
const RANGES: Record<(typeof FONT_FILES)[number]['subset'], string> = {
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
};

export const SHEET_FONT_FAMILY = 'Tinos';

/** @font-face rules for the bundled files; urlOf gives each file's URL (a data: URL for standalone files). */
export function fontFaceCss(urlOf: (file: string) => string): string {
  return FONT_FILES.map(
    (f) =>
      `@font-face{font-family:'${SHEET_FONT_FAMILY}';font-style:${f.style};font-weight:${f.weight};font-display:block;` +
      `src:url(${urlOf(f.file)}) format('woff2');unicode-range:${RANGES[f.subset]};}`,
  ).join('\n');
}

/**
 * Print CSS. Margins are Party/State compromise values (domain.md §2.3, §3.3): top/bottom 20 mm,
 * left 30 mm, right 15 mm. Page numbers top centre, none on page 1. The table header row repeats
 * on every page (thead as table-header-group); long task rows may break across pages.
 */
export const SHEET_CSS = `
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-family: '${SHEET_FONT_FAMILY}', 'Times New Roman', serif; font-size: 13pt; } }
@page :first { @top-center { content: none; } }
.vt-doc { font-family: '${SHEET_FONT_FAMILY}', 'Times New Roman', serif; font-size: 13pt; line-height: 1.25; color: #000; background: #fff; }
.vt-doc .vt-sheet { width: 100%; }
@media screen { .vt-doc { width: 210mm; box-sizing: border-box; padding: 20mm 15mm 20mm 30mm; margin: 0 auto; }
  .vt-doc .vt-break { margin-top: 20mm; border-top: 1px dashed #999; padding-top: 10mm; } }
.vt-doc .vt-break { break-before: page; }
.vt-doc table { border-collapse: collapse; }
.vt-doc .vt-head { width: 100%; margin-bottom: 6mm; }
.vt-doc .vt-head td { vertical-align: top; text-align: center; padding: 0; border: 0; }
.vt-doc .vt-head-left { width: 42%; }
.vt-doc .vt-superior { font-size: 13pt; }
.vt-doc .vt-office { font-size: 13pt; font-weight: 700; }
.vt-doc .vt-star { font-size: 13pt; }
.vt-doc .vt-rule { width: 30mm; margin: 1mm auto 0; border-top: 1px solid #000; }
.vt-doc .vt-nation { font-size: 13pt; font-weight: 700; }
.vt-doc .vt-underline, .vt-doc .vt-motto { text-decoration: underline; }
.vt-doc .vt-motto { font-size: 13pt; font-weight: 700; }
.vt-doc .vt-date { font-style: italic; margin-top: 3mm; font-size: 13pt; }
.vt-doc .vt-title { font-size: 15pt; font-weight: 700; text-align: center; margin: 4mm 0 1mm; }
.vt-doc .vt-agency { text-align: center; margin: 0 0 1mm; }
.vt-doc .vt-source { text-align: center; font-style: italic; margin: 0; }
.vt-doc .vt-subject { text-align: center; font-style: italic; margin: 0 0 4mm; }
.vt-doc .vt-tasks { width: 100%; table-layout: fixed; font-size: 12pt; margin-top: 3mm; }
.vt-doc .vt-tasks thead { display: table-header-group; }
.vt-doc .vt-tasks th { font-weight: 700; text-align: center; vertical-align: middle; }
.vt-doc .vt-tasks th, .vt-doc .vt-tasks td { border: 0.75pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
.vt-doc .vt-tasks tr { break-inside: auto; }
.vt-doc .vt-w-stt { width: 12mm; } .vt-doc .vt-w-text { width: 62mm; } .vt-doc .vt-w-lead { width: 26mm; }
.vt-doc .vt-w-coop { width: 22mm; } .vt-doc .vt-w-deadline { width: 19mm; } .vt-doc .vt-w-result { width: 24mm; }
.vt-doc .vt-tasks th { font-size: 11.5pt; }
.vt-doc .vt-c-lead div + div, .vt-doc .vt-c-coop div + div { margin-top: 1.5mm; }
.vt-doc .vt-c-stt, .vt-doc .vt-c-deadline { text-align: center; }
.vt-doc .vt-task-text { white-space: pre-line; text-align: left; }
.vt-doc .vt-row-source { font-style: italic; font-size: 11pt; margin-top: 1mm; }
.vt-doc .vt-empty { text-align: center; font-style: italic; }
.vt-doc .vt-foot { width: 100%; margin-top: 6mm; break-inside: avoid; }
.vt-doc .vt-foot td { vertical-align: top; border: 0; padding: 0; }
.vt-doc .vt-recipients { width: 50%; font-size: 11pt; }
.vt-doc .vt-nn { font-size: 12pt; font-weight: 700; font-style: italic; }
.vt-doc .vt-sign { text-align: center; }
.vt-doc .vt-sign-title { font-weight: 700; }
.vt-doc .vt-sign-space { height: 22mm; }
.vt-doc .vt-sign-name { font-weight: 700; }
.vt-doc .vt-tasks th { padding: 1.2mm 0.5mm; overflow-wrap: normal; }
`;
