import type { Database } from 'better-sqlite3';

/**
 * Import speed (issue #4, docs/import.md "Round 5"): `citations_by_ref` (0010) is read by no query.
 * The only query on citations.ref, the tasks' report links (tasks-store.ts), asks for
 * `relation = 'reports'` and uses the partial index `task_citations_reports` (0050). Every citation
 * an import writes still paid an insert into it and its pages at the commit.
 */
export function up(db: Database): void {
  db.exec('DROP INDEX IF EXISTS citations_by_ref');
}
