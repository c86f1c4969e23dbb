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

/** Writes a batch's entries (in key order: SearchStore.writeAll). Call inside its transaction. */
export function writeIndexEntries(db: Database, entries: readonly IndexEntry[]): void {
  searchStore(db).writeAll(entries);
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

/** Leaf pages per merge step: each step is its own short transaction. */
const MERGE_STEP_PAGES = 2000;
/** Merge work an import may add, per document it stored. */
const MERGE_PAGES_PER_DOCUMENT = 2;

/**
 * After an import, finishes the index merges it left pending, up to a budget in proportion to what
 * it stored (the next import carries on with the rest). With `automerge` 16 (migration 0160) a
 * bulk import leaves up to 15 segments a level: 29 after 100k generated documents, and every term
 * lookup walks each one. Merging until no level holds 4 (FTS5's `usermerge`) left 4 segments:
 * 4.3 s, and the bench's search p50/p95 at 100k went from 3.2–4.5 / 7.2–9.8 ms to 2.2–2.7 /
 * 3.9–5.0 ms (docs/search.md). Yields to the event loop between steps (the app's window stays live).
 * Never throws: merging is housekeeping.
 */
export async function mergeIndexAfterImport(db: Database, storedDocuments: number): Promise<void> {
  if (storedDocuments <= 0) return;
  const store = searchStore(db);
  let budget = Math.max(MERGE_STEP_PAGES, storedDocuments * MERGE_PAGES_PER_DOCUMENT);
  try {
    while (budget > 0 && store.mergeStep(MERGE_STEP_PAGES)) {
      budget -= MERGE_STEP_PAGES;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch {
    // A full disk or another process's lock: the step rolls back, the index answers as it is, the
    // documents are stored already, and the next import carries the merge on. Not the import's error.
  }
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
      store.writeAll(entries);
    })();
    done += ids.length;
    onProgress?.(done);
  }
  return done;
}
