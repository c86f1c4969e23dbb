/**
 * What the index stores for one document, computed from its text and parsed metadata. Pure, so
 * the import workers can prepare it off the main thread; electron/core/db/search-store.ts writes it.
 */
import { LEVEL_TOKEN } from './fts';
import { refPartsOf, refTokens } from './ref';
import { indexStreams } from './tokens';
import type { Level } from './query';

export interface IndexMeta {
  id: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  issuerLevel: string | null;
  date: string | null;
  subject: string | null;
  signer: string | null;
}

export interface IndexEntry {
  docId: number;
  key: number;
  f: string;
  x: string;
  sf: string;
  sx: string;
  refs: string;
  loai: string;
  coquan: string;
  nguoiky: string;
  cap: string;
  meta: IndexMeta;
  year: number | null;
}

/** Doc ids stay below 2^27 (134 million) so that day * 2^27 + id is a safe integer. */
export const ID_BITS = 27;
export const ID_SPAN = 2 ** ID_BITS;
const DAY_1900 = Date.UTC(1900, 0, 1);

/** Days since 1899-12-31 for an ISO date; 0 for none (undated documents sort last). */
export function dayNumber(iso: string | null): number {
  if (!iso) return 0;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return 0;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  if (!Number.isFinite(t)) return 0;
  return Math.min(Math.max(1, Math.round((t - DAY_1900) / 86400000) + 1), 2 ** 22 - 1);
}

/**
 * The FTS5 rowid of a document: its date in the high bits, its id in the low ones. FTS5 walks
 * rowids in order, so "most recent first" is the index's own order and a LIMIT stops the walk
 * early; a date range is a rowid range.
 */
export function searchKey(id: number, date: string | null): number {
  if (id >= ID_SPAN) throw new Error(`document id ${id} too large for the search key`);
  return dayNumber(date) * ID_SPAN + id;
}

export function docIdOfKey(key: number): number {
  return key % ID_SPAN;
}

/** Inclusive key range for an inclusive ISO date range. */
export function keyRange(from: string | null, to: string | null): [number, number] {
  const lo = from ? dayNumber(from) * ID_SPAN : 0;
  const hi = to ? (dayNumber(to) + 1) * ID_SPAN - 1 : Number.MAX_SAFE_INTEGER;
  return [lo, hi];
}

function folded(s: string | null): string {
  return s ? indexStreams(s).folded : '';
}

export function prepareIndexEntry(meta: IndexMeta, text: string): IndexEntry {
  const body = indexStreams(text);
  const subject = meta.subject ? indexStreams(meta.subject) : { folded: '', exact: '' };
  const parts = refPartsOf(meta.ref);
  // The type code read from the symbol (CV, QĐ, KH…) makes loai:CT and loai:"chỉ thị" both work.
  const code = parts?.codes[0] ?? '';
  const level = (meta.issuerLevel && LEVEL_TOKEN[meta.issuerLevel as Level]) || '';
  const year = meta.date && /^\d{4}/.test(meta.date) ? Number(meta.date.slice(0, 4)) : null;
  return {
    docId: meta.id,
    key: searchKey(meta.id, meta.date),
    f: body.folded,
    x: body.exact,
    sf: subject.folded,
    sx: subject.exact,
    refs: refTokens(parts),
    loai: [folded(meta.type), code].filter(Boolean).join(' '),
    coquan: folded(meta.issuer),
    nguoiky: folded(meta.signer),
    cap: level,
    meta,
    year,
  };
}
