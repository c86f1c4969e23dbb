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

export function HighlightedText({ text, citations }: { text: string; citations: readonly ReviewedCitation[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const c of marks(citations, text.length)) {
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
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
