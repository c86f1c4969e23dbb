import type { Database } from 'better-sqlite3';

/**
 * Citation graph (issue #5, docs/graph.md "Import order"): which version of the resolution rules
 * the stored edges were computed under. Rules 2 made incremental resolution independent of import
 * order; archives resolved under rules 1 can hold placeholders for documents that arrived after
 * their citers. The graph service compares this with GRAPH_RULES_VERSION on first use and runs one
 * full resolution (clerk decisions kept, history muted) when it is older. An archive with no
 * document yet has nothing resolved under rules 1: it starts at 2, the rules current when this
 * migration was written.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE graph_rules (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL
    ) STRICT;
    INSERT INTO graph_rules (id, version) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM documents) THEN 1 ELSE 2 END;
  `);
}
