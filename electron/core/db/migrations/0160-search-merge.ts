import type { Database } from 'better-sqlite3';

/**
 * Import speed (issue #4, docs/import.md "Round 6"): FTS5 merges a level's segments once it holds
 * `automerge` of them (default 4), so at 100k documents every indexed token had been rewritten
 * about five times. Merging 16 at a time rewrites it about half as often: on 100k generated
 * directives written in batches of ~90, the index rows cost 0.26 instead of 0.35 CPU ms per
 * document. A query then reads more segments per term; the bench's search latencies at 100k are
 * in docs/search.md. `crisismerge` must stay above `automerge`, or the crisis merge fires first.
 */
export function up(db: Database): void {
  db.exec(`
    INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 16);
    INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64);
  `);
}
