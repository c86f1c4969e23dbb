/**
 * A date as a clerk types it (review page, task sheet): 25/8/2021, 25-08-2021, 25.8.2021, 2021-08-25,
 * and with a 2-digit year, 22/7/21. The archive keeps the years 1900–2200 (isIsoDate).
 *
 * **2-digit years.** `yy` is 20yy when it is at most next year's last two digits, else 19yy: in
 * 2026, 00–27 → 2000–2027 and 28–99 → 1928–1999 (directives are dated in the past, deadlines a year
 * ahead at most when written short).
 */

export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2200;

export type TypedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string; /** dd/mm/yyyy: what was understood, to show back. */ shown: string }
  | { kind: 'bad'; problem: string };

/** The 4-digit year a 2-digit one stands for, today being `now`. */
export function fullYear(twoDigits: number, now: Date = new Date()): number {
  const pivot = (now.getFullYear() % 100) + 1;
  return twoDigits <= pivot ? 2000 + twoDigits : 1900 + twoDigits;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const FORMAT_HINT = 'hãy nhập dạng ngày/tháng/năm, ví dụ 25/08/2021 hoặc 25/8/21';

/** Reads what was typed; `now` decides what a 2-digit year means. */
export function readTypedDate(typed: string, now: Date = new Date()): TypedDate {
  const s = typed.normalize('NFC').trim();
  if (s === '') return { kind: 'empty' };
  let y: number, m: number, d: number;
  const vn = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (vn) {
    [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
    if (vn[3]!.length === 2) y = fullYear(y, now);
  } else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { kind: 'bad', problem: `Ngày không hợp lệ: không đọc được «${s.slice(0, 40)}»; ${FORMAT_HINT}.` };
  if (m < 1 || m > 12) return { kind: 'bad', problem: `Ngày không hợp lệ: không có tháng ${m} (tháng từ 1 đến 12).` };
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
    return {
      kind: 'bad',
      problem: `Ngày không hợp lệ: năm ${y} nằm ngoài các năm ${DATE_YEAR_MIN}–${DATE_YEAR_MAX} mà kho lưu giữ.`,
    };
  if (d < 1 || d > daysIn(y, m))
    return {
      kind: 'bad',
      problem: `Ngày không hợp lệ: ${pad(d)}/${pad(m)}/${y} không có thật (tháng ${m} năm ${y} có ${daysIn(y, m)} ngày).`,
    };
  return { kind: 'date', iso: `${y}-${pad(m)}-${pad(d)}`, shown: `${pad(d)}/${pad(m)}/${y}` };
}
