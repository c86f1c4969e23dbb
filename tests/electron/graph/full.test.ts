/** Full resolution (`vanthu resolve`) writes only what changed, and rebuilds indexes around a bulk write. */
import type { Archive } from '../../../electron/core/archive';
import { BULK_WRITE } from '../../../electron/core/db/graph-store';
import { BG_571, CD_TW, ND_571, NO_NUMBER, YT_128, importLetters, openArchive } from './fixture';

const indexes = (a: Archive) =>
  a.db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'graph_%' ORDER BY name`)
    .all() as { name: string; sql: string | null }[];
const dump = (a: Archive) => ({
  edges: a.db
    .prepare(
      'SELECT citation_id, from_id, to_doc, to_placeholder, status, relation, sentence, match_key, candidates FROM graph_edges ORDER BY citation_id',
    )
    .all(),
  placeholders: a.db.prepare('SELECT id, key, ref, date, issuer FROM graph_placeholders ORDER BY id').all(),
  docs: a.db.prepare('SELECT * FROM graph_docs ORDER BY document_id').all(),
});

describe('full resolution', () => {
  test('agrees with the incremental graph and then writes nothing; placeholders keep their ids', async () => {
    const { archive, cleanup } = openArchive();
    try {
      await importLetters(archive, [BG_571, ND_571, YT_128, NO_NUMBER, CD_TW]);
      const before = dump(archive);
      const first = archive.graph.resolveAll();
      expect(dump(archive).edges).toEqual(before.edges);
      expect(dump(archive).placeholders).toEqual(before.placeholders);
      expect(first.written).toMatchObject({
        edgesInserted: 0,
        edgesUpdated: 0,
        edgesDeleted: 0,
        indexesRebuilt: false,
      });
      const second = archive.graph.resolveAll();
      expect(second.written).toMatchObject({
        docs: 0,
        placeholders: 0,
        edgesInserted: 0,
        edgesUpdated: 0,
        edgesDeleted: 0,
      });
    } finally {
      cleanup();
    }
  });

  test('from empty graph tables: the same rows, every index back, foreign keys intact', async () => {
    const { archive, cleanup } = openArchive();
    try {
      await importLetters(archive, [BG_571, ND_571, YT_128, NO_NUMBER, CD_TW]);
      const before = dump(archive);
      const ix = indexes(archive);
      archive.db.exec('DELETE FROM graph_edges; DELETE FROM graph_placeholders; DELETE FROM graph_docs;');
      const minRows = BULK_WRITE.minRows;
      BULK_WRITE.minRows = 0;
      let r;
      try {
        r = archive.graph.resolveAll();
      } finally {
        BULK_WRITE.minRows = minRows;
      }
      expect(r.written).toMatchObject({ edgesInserted: before.edges.length, indexesRebuilt: true });
      const after = dump(archive);
      // Placeholder ids are new numbers; the same keys and the same edges otherwise.
      expect(after.placeholders.map((p) => ({ ...(p as object), id: 0 }))).toEqual(
        before.placeholders.map((p) => ({ ...(p as object), id: 0 })),
      );
      expect(after.edges.length).toBe(before.edges.length);
      expect(after.docs).toEqual(before.docs);
      expect(indexes(archive)).toEqual(ix);
      expect(archive.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
