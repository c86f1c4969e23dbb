/**
 * What the index stores for one document, computed from its text and parsed metadata. Pure, so
 * the import workers can prepare it off the main thread; electron/core/db/search-store.ts writes it.
 */
import { LEVEL_TOKEN } from './fts';
import { STRICT_REF_RE, refPartsFromMatch, refPartsOf, refTokens } from './ref';
import { indexStreams } from './tokens';
import type { Level } from './query';

export interface IndexMeta {
  id: number;
  /** Refs cited in the text, as the parser read them (optional: older callers pass none). */
  citations?: readonly { ref: string | null }[];
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
  /** Tokens of every ref the text cites, one ref after another. */
  cites: string;
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

/**
 * Tokens of the refs a text cites: the parser's citations, plus any number/symbol the strict
 * pattern finds in the text (the parser skips some, e.g. inside recipient lists).
 */
function citedRefTokens(citations: readonly { ref: string | null }[], text: string): string {
  const seen = new Set<string>();
  for (const c of citations) {
    const t = refTokens(refPartsOf(c.ref));
    if (t) seen.add(t);
  }
  STRICT_REF_RE.lastIndex = 0;
  for (let m = STRICT_REF_RE.exec(text); m; m = STRICT_REF_RE.exec(text)) {
    const parts = refPartsFromMatch(m);
    if (parts.codes.length) seen.add(refTokens(parts));
  }
  return [...seen].join(' ');
}

type Streams = { folded: string; exact: string };
const NO_STREAMS: Streams = { folded: '', exact: '' };

/** Streams of a short metadata field; each is asked for twice (the body's extra words, its own column). */
function fieldStreams(field: string | null): Streams {
  return field ? indexStreams(field) : NO_STREAMS;
}

/**
 * FTS5 keeps one doclist per token for all columns, so `cap : "tinh"` would walk every document
 * with "tỉnh" anywhere. Each short column therefore gets its own token namespace (no Vietnamese
 * syllable starts with "z"): a filter then walks only the documents that have it.
 */
export const COLUMN_PREFIX = {
  sf: 'zs',
  sx: 'zt',
  refs: 'zr',
  loai: 'zl',
  coquan: 'zo',
  nguoiky: 'zn',
  cap: 'zk',
  cites: 'zc',
} as const;

export function prefixed(column: keyof typeof COLUMN_PREFIX, stream: string): string {
  if (!stream) return '';
  const p = COLUMN_PREFIX[column];
  // A stream from indexStreams has single spaces between tokens and none at either end: one
  // replace gives what splitting, filtering and joining gives, without the arrays (every import).
  if (stream.charCodeAt(0) !== 0x20 && stream.charCodeAt(stream.length - 1) !== 0x20 && !stream.includes('  '))
    return p + stream.replaceAll(' ', ` ${p}`);
  return stream
    .split(' ')
    .filter(Boolean)
    .map((t) => p + t)
    .join(' ');
}

/** Between the body and the short fields appended to it, so no phrase spans the seam. */
const SEAM = 'zz';

/**
 * The body streams, plus the subject and issuer when the text does not already contain them: a
 * scanned document (empty text) or one whose header spells the issuer differently is still found
 * by the plain words a clerk typed into its subject or issuer. The exact stream holds each token
 * once (fts.ts asks it about membership only), the appended ones included.
 */
function bodyStreams(text: string, subject: Streams, issuer: Streams): Streams {
  const body = indexStreams(text, true);
  let folded = body.folded;
  let exact = body.exact;
  for (const s of [subject, issuer]) {
    if (!s.folded || containsTokens(body.folded, s.folded)) continue;
    const appended = folded ? [SEAM, ...s.exact.split(' ')] : s.exact.split(' ');
    folded = folded ? `${folded} ${SEAM} ${s.folded}` : s.folded;
    for (const token of appended) if (!containsTokens(exact, token)) exact = exact ? `${exact} ${token}` : token;
  }
  return { folded, exact };
}

/**
 * Whether a stream holds `tokens` as whole tokens in a row: what ` ${stream} `.includes(` ${tokens} `)
 * says, without copying the body's stream into a padded string twice a document.
 */
function containsTokens(stream: string, tokens: string): boolean {
  for (let at = stream.indexOf(tokens); at !== -1; at = stream.indexOf(tokens, at + 1)) {
    const end = at + tokens.length;
    if ((at === 0 || stream.charCodeAt(at - 1) === 0x20) && (end === stream.length || stream.charCodeAt(end) === 0x20))
      return true;
  }
  return false;
}

export function prepareIndexEntry(meta: IndexMeta, text: string): IndexEntry {
  const subject = fieldStreams(meta.subject);
  const issuer = fieldStreams(meta.issuer);
  const body = bodyStreams(text, subject, issuer);
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
    sf: prefixed('sf', subject.folded),
    sx: prefixed('sx', subject.exact),
    refs: prefixed('refs', refTokens(parts)),
    loai: prefixed('loai', [fieldStreams(meta.type).folded, code].filter(Boolean).join(' ')),
    coquan: prefixed('coquan', issuer.folded),
    nguoiky: prefixed('nguoiky', fieldStreams(meta.signer).folded),
    cap: prefixed('cap', level),
    cites: prefixed('cites', citedRefTokens(meta.citations ?? [], text)),
    // The fields search_docs stores, not the caller's whole object: an import worker passes the
    // parse result, tasks and all, and this entry is posted to the main thread (~9 KB per file).
    meta: {
      id: meta.id,
      ref: meta.ref,
      type: meta.type,
      issuer: meta.issuer,
      issuerLevel: meta.issuerLevel,
      date: meta.date,
      subject: meta.subject,
      signer: meta.signer,
    },
    year,
  };
}
