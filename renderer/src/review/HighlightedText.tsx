/**
 * The full text with each located citation in a <mark>. Built from React text nodes and <mark>
 * elements only: document text may contain "<script>", which must stay text.
 */
import type { ReactNode } from 'react';
import type { ReviewedCitation } from '../../../shared/model/review';

export function citationAnchor(key: string): string {
  return `trich-dan-${key}`;
}

/** Located citations in text order, dropping any that overlap an earlier one (one mark per stretch). */
function marks(citations: readonly ReviewedCitation[], length: number): ReviewedCitation[] {
  const sorted = citations
    .filter((c) => c.end > c.start && c.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReviewedCitation[] = [];
  let reached = 0;
  for (const c of sorted) {
    if (c.start < reached) continue;
    out.push(c);
    reached = c.end;
  }
  return out;
}

/** Texts longer than this are drawn in chunks that the browser lays out only near the screen. */
export const CHUNKED_TEXT_LENGTH = 200_000;
/** About ten printed pages of a directive per chunk. */
const CHUNK_LENGTH = 20_000;

/** The text from `from` to `to` with its marks (those starting in it: a chunk never cuts a mark). */
function highlighted(text: string, marked: readonly ReviewedCitation[], from: number, to: number): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = from;
  for (const c of marked) {
    if (c.start < from || c.start >= to) continue;
    if (c.start > at) parts.push(text.slice(at, c.start));
    parts.push(
      <mark
        key={c.key}
        id={citationAnchor(c.key)}
        className={`citation ${c.origin}${c.correctedAt ? ' corrected' : ''}`}
        data-testid="citation-mark"
        data-key={c.key}
        title={[c.type, c.ref].filter(Boolean).join(' ') || 'Văn bản được viện dẫn'}
      >
        {text.slice(c.start, c.end)}
      </mark>,
    );
    at = c.end;
  }
  if (at < to) parts.push(text.slice(at, to));
  return parts;
}

/** The first `sep` at or after `at` not inside a mark (marks in text order, from `first` on). */
function cutAfter(
  text: string,
  sep: string,
  at: number,
  marked: readonly { start: number; end: number }[],
  first: number,
): number {
  let cut = text.indexOf(sep, at);
  let m = first;
  while (cut >= 0) {
    while (m < marked.length && marked[m]!.end <= cut) m++;
    const mark = marked[m];
    if (!(mark && mark.start <= cut)) break;
    cut = text.indexOf(sep, mark.end);
  }
  return cut;
}

/**
 * Where the chunks of a long text end: just after a line break about every CHUNK_LENGTH characters,
 * never inside a mark (a line break ending a block draws no empty line, so the text reads the same).
 * A paragraph longer than two chunks (an HTML page read as one line of 1.5 million characters,
 * which held the window for minutes) is cut after a space instead: a line ends early there.
 */
export function chunkEnds(text: string, marked: readonly { start: number; end: number }[]): number[] {
  const ends: number[] = [];
  let from = 0;
  let m = 0;
  // The next line break at or after `at` (-1: none left), so a text without any is not searched
  // to its end once per chunk.
  let newline = -2;
  while (text.length - from > CHUNK_LENGTH) {
    const at = from + CHUNK_LENGTH;
    if (newline === -2 || (newline >= 0 && newline < at)) newline = text.indexOf('\n', at);
    let cut = newline >= 0 && newline - at <= CHUNK_LENGTH ? cutAfter(text, '\n', at, marked, m) : -1;
    if (cut < 0 || cut - at > CHUNK_LENGTH) cut = cutAfter(text, ' ', at, marked, m);
    if (cut < 0 || cut + 1 >= text.length) break;
    ends.push(cut + 1);
    from = cut + 1;
    while (m < marked.length && marked[m]!.end <= from) m++;
  }
  ends.push(text.length);
  return ends;
}

export function HighlightedText({ text, citations }: { text: string; citations: readonly ReviewedCitation[] }) {
  const marked = marks(citations, text.length);
  if (text.length <= CHUNKED_TEXT_LENGTH) return <>{highlighted(text, marked, 0, text.length)}</>;
  // A text of several megabytes (a long PDF) drawn as one block held the window for seconds on
  // opening the document (6 MB: 7 to 11 s) before anything could be clicked. In chunks with
  // content-visibility: auto the browser lays out only those near the screen; the text is all
  // there (find in page, select, copy).
  const ends = chunkEnds(text, marked);
  return (
    <>
      {ends.map((end, i) => {
        const start = i === 0 ? 0 : ends[i - 1]!;
        return (
          <div key={start} className="doc-text-chunk">
            {highlighted(text, marked, start, end)}
          </div>
        );
      })}
    </>
  );
}
