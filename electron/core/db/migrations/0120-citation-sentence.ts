import type { Database } from 'better-sqlite3';

/**
 * Citation graph (issue #5, docs/graph.md): the sentence a citation sits in is kept on the citation
 * row, so graph edges rebuilt from empty tables (`vanthu resolve`) take it from there instead of
 * reading every document's text again (10 s of 31 s at 100k documents). NULL: not cut yet; the
 * resolution reads that document's text and fills it. Rows whose edge already holds a sentence get
 * it now, so existing archives need no text either.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE citations ADD COLUMN sentence TEXT;
    UPDATE citations SET sentence = e.sentence
    FROM graph_edges e WHERE e.citation_id = citations.id AND e.sentence <> '';
  `);
}
