import type { Database, Statement } from 'better-sqlite3';

// Prepared once per connection and reused: preparing costs more than running, and the import,
// the graph's resolution and the task dashboard run the same statements per document.
const statements = new WeakMap<Database, Map<string, Statement>>();

export function stmt(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
