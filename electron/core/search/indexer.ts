/** Keeps the search index in step with the documents table (see migrations/0020-search.ts). */
import type { Database } from 'better-sqlite3';
import { prepareIndexEntry, type IndexEntry, type IndexMeta } from '../../../shared/search/entry';
import { SearchStore } from '../db/search-store';

const stores = new WeakMap<Database, SearchStore>();

/** One SearchStore (and its prepared statements) per connection. */
export function searchStore(db: Database): SearchStore {
  let s = stores.get(db);
  if (!s) {
    s = new SearchStore(db);
    stores.set(db, s);
  }
  return s;
}

/** Writes an entry prepared elsewhere (an import worker). Call inside the document's transaction. */
export function writeIndexEntry(db: Database, entry: IndexEntry): void {
  searchStore(db).write(entry);
}

/** Indexes a document from its metadata and text. Call inside the document's transaction. */
export function indexDocument(db: Database, meta: IndexMeta, text: string): void {
  searchStore(db).write(prepareIndexEntry(meta, text));
}

/** Re-reads a stored document and (re)indexes it: after a clerk corrects its date, type or issuer. */
export function reindexDocument(db: Database, id: number): boolean {
  const store = searchStore(db);
  const doc = store.documentForIndex(id);
  if (!doc) {
    store.remove(id);
    return false;
  }
  db.transaction(() => store.write(prepareIndexEntry(doc.meta, doc.text)))();
  return true;
}

/**
 * Indexes every stored document that has no index rows yet, in batches of one transaction each.
 * Runs when an archive opens; on an up-to-date archive it costs one anti-join on primary keys.
 */
export function catchUpIndex(db: Database, onProgress?: (done: number) => void, batch = 500): number {
  const store = searchStore(db);
  let done = 0;
  for (;;) {
    const ids = store.unindexedIds(batch);
    if (ids.length === 0) break;
    db.transaction(() => {
      const entries: IndexEntry[] = [];
      for (const id of ids) {
        const doc = store.documentForIndex(id);
        if (doc) entries.push(prepareIndexEntry(doc.meta, doc.text));
      }
      // Key (date) order, as the import writes them: FTS5 starts a new segment at every rowid
      // below the previous one, and ids follow import order, not dates.
      entries.sort((a, b) => a.key - b.key);
      for (const entry of entries) store.write(entry);
    })();
    done += ids.length;
    onProgress?.(done);
  }
  return done;
}
