/**
 * Values suggested for the filters whose values are not names (docs/search.md §Suggestions):
 * `nam:` the years of the archive's documents, `cap:` the four levels, `tu:`/`den:` dates written
 * dd/mm/yyyy (what the typed part reads as, the start of this year or today, the dates of the
 * newest documents). The engine gives the archive's years and dates; these choose and word them.
 */
import { parseDateValue } from './query';
import { foldedToken } from './tokens';
import type { Suggestion } from './types';

type FilterValue = Pick<Suggestion, 'kind' | 'text' | 'note'>;

/** The levels as `cap:` takes them, with their Vietnamese names and what else may be typed for them. */
export const LEVEL_CHOICES: readonly { code: string; note: string; also: readonly string[] }[] = [
  { code: 'tw', note: 'Trung ương', also: ['trunguong', 'central'] },
  { code: 'tinh', note: 'cấp tỉnh, thành phố', also: ['thanhpho', 'province'] },
  { code: 'huyen', note: 'cấp huyện, quận', also: ['quan', 'district'] },
  { code: 'xa', note: 'cấp xã, phường', also: ['phuong', 'commune'] },
];

/** `cap:` — the levels whose code, name or other spelling starts with what was typed (`cap:h` → huyen). */
export function levelSuggestions(typed: string): FilterValue[] {
  const t = foldedToken(typed).replace(/[^a-z]/g, '');
  return LEVEL_CHOICES.filter(
    (l) =>
      t === '' ||
      [
        l.code,
        ...l.also,
        foldedToken(l.note)
          .replace(/[^a-z]/g, '')
          .replace(/^cap/, ''),
      ].some((w) => w.startsWith(t)),
  ).map((l) => ({ kind: 'level', text: l.code, note: l.note }));
}

/**
 * `nam:` — the archive's years (newest first) starting with what was typed; after `2020-`, the
 * later years as ranges (`2020-2022`).
 */
export function yearSuggestions(typed: string, years: readonly { year: number; n: number }[]): FilterValue[] {
  const t = typed.trim();
  const range = /^(\d{4})\s*-\s*(\d{0,4})$/.exec(t);
  if (range) {
    const from = Number(range[1]);
    return years
      .filter((y) => y.year > from && String(y.year).startsWith(range[2]!))
      .map((y) => ({ kind: 'year', text: `${from}-${y.year}`, note: `từ năm ${from} đến năm ${y.year}` }));
  }
  if (!/^\d{0,4}$/.test(t)) return [];
  return years
    .filter((y) => String(y.year).startsWith(t))
    .map((y) => ({ kind: 'year', text: String(y.year), note: `${y.n} văn bản` }));
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const FORMAT_NOTE = 'viết ngày/tháng/năm; cũng nhận năm (2021) hoặc tháng/năm (6/2021)';

/**
 * `tu:` / `den:` — nothing typed: the start of this year (`tu:`) or today (`den:`), then the dates of
 * the newest documents; a year, month/year or date typed: the day it reads as (`tu:2021` →
 * 01/01/2021, `den:6/2021` → 30/06/2021), then the newest documents' dates written that way.
 * `today` is ISO (the caller's local date).
 */
export function dateSuggestions(
  field: 'tu' | 'den',
  typed: string,
  recentDates: readonly string[],
  today: string,
): FilterValue[] {
  const t = typed.trim();
  const out: FilterValue[] = [];
  const seen = new Set<string>();
  const push = (iso: string, note: string) => {
    const text = dmy(iso);
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ kind: 'date', text, note });
  };
  if (t === '') {
    if (field === 'tu') push(`${today.slice(0, 4)}-01-01`, `đầu năm nay (${FORMAT_NOTE})`);
    else push(today, `hôm nay (${FORMAT_NOTE})`);
  } else {
    const read = parseDateValue(t, field === 'den');
    if (read) push(read, field === 'tu' ? `từ ngày ${dmy(read)}` : `đến hết ngày ${dmy(read)}`);
  }
  // The newest documents' dates, as written dd/mm/yyyy or d/m/yyyy, that begin with what was typed.
  const loose = (iso: string) => `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
  for (const iso of recentDates)
    if (t === '' || dmy(iso).startsWith(t) || loose(iso).startsWith(t) || iso.startsWith(t))
      push(iso, 'ngày ban hành của một văn bản mới nhất trong kho');
  if (out.length === 0) out.push({ kind: 'date', text: dmy(today), note: `không đọc được «${t}»: ${FORMAT_NOTE}` });
  return out;
}
