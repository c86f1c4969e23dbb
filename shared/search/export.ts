/**
 * The result list as a register table (sổ đăng ký): STT, số/ký hiệu, loại, ngày, cơ quan ban hành,
 * trích yếu. The type is there as in the list on screen: without it, a document without a number
 * (a Thông báo kết luận, a Công điện) was a row that did not say what it was.
 */

export interface RegisterRow {
  ref: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
}

/** What «Xuất CSV» / «In danh mục» get: `count` rows of the `total` the search found (at most 10,000 a time). */
export interface ExportedResults {
  fileName: string;
  mimeType: string;
  content: string;
  count: number;
  total: number;
  /** False when `total` is a lower bound (the query matched more than the counting cap). */
  totalExact: boolean;
}

/** «10.000 văn bản đầu tiên trong 25.000 kết quả», or «305 văn bản» when all were exported. */
export function exportedCountText(count: number, of: { total: number; totalExact: boolean }): string {
  const n = (v: number) => v.toLocaleString('vi-VN');
  if (of.total <= count && of.totalExact) return `${n(count)} văn bản`;
  return `${n(count)} văn bản đầu tiên trong ${of.totalExact ? '' : 'hơn '}${n(of.total)} kết quả`;
}

export const REGISTER_HEADER = ['STT', 'Số/ký hiệu', 'Loại', 'Ngày', 'Cơ quan ban hành', 'Trích yếu'];

export function vnDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return d && m && y ? `${d}/${m}/${y}` : iso;
}

function csvCell(v: string): string {
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a BOM and CRLF line ends, so Excel on Windows opens the Vietnamese text correctly. */
export function registerCsv(rows: readonly RegisterRow[]): string {
  const lines = [REGISTER_HEADER.map(csvCell).join(',')];
  rows.forEach((r, i) => {
    lines.push(
      [String(i + 1), r.ref ?? '', r.type ?? '', vnDate(r.date), r.issuer ?? '', (r.subject ?? '').replace(/\s+/g, ' ')]
        .map(csvCell)
        .join(','),
    );
  });
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A standalone printable page (A4 landscape) of the register. */
export function registerHtml(
  rows: readonly RegisterRow[],
  query: string,
  printedAt: string,
  of: { total: number; totalExact: boolean } = { total: rows.length, totalExact: true },
): string {
  const body = rows
    .map(
      (r, i) =>
        `<tr><td class="n">${i + 1}</td><td>${esc(r.ref ?? '')}</td><td>${esc(r.type ?? '')}</td><td>${esc(vnDate(r.date))}</td><td>${esc(r.issuer ?? '')}</td><td>${esc((r.subject ?? '').replace(/\s+/g, ' '))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Kết quả tìm kiếm: ${esc(query)}</title>
<style>
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "Times New Roman", Tinos, serif; font-size: 12pt; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 4mm; }
p.meta { text-align: center; margin: 0 0 6mm; font-style: italic; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; }
th { background: #eee; }
td.n { text-align: center; width: 10mm; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
</style></head><body>
<h1>DANH MỤC VĂN BẢN</h1>
<p class="meta">Tìm kiếm: “${esc(query)}” — ${esc(exportedCountText(rows.length, of))} — in ngày ${esc(vnDate(printedAt.slice(0, 10)))}</p>
<table><thead><tr>${REGISTER_HEADER.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}
