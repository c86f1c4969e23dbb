/** Full resolution (`vanthu resolve`) writes only what changed, and rebuilds indexes around a bulk write. */
import Database from 'better-sqlite3';
import { Archive } from '../../../electron/core/archive';
import { BULK_WRITE } from '../../../electron/core/db/graph-store';
import { MIGRATIONS, migrate } from '../../../electron/core/db/migrations';
import { resolveDocument } from '../../../electron/core/graph/resolve';
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

const sentences = (a: Archive) =>
  a.db
    .prepare(
      `SELECT e.citation_id, e.sentence AS edge, c.sentence AS citation FROM graph_edges e JOIN citations c ON c.id = e.citation_id ORDER BY e.citation_id`,
    )
    .all() as { citation_id: number; edge: string; citation: string | null }[];

/** Documents whose text a statement prepared on `db` from now on reads (graph resolution reads texts by id). */
function watchTextReads(db: Database.Database): number[] {
  const read: number[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const s = prepare(sql);
    if (/\btext\b[\s\S]*\bFROM documents\b/i.test(sql)) {
      const get = s.get.bind(s);
      s.get = ((...args: unknown[]) => {
        read.push(Number(args[0]));
        return get(...args);
      }) as typeof s.get;
      s.all = s.iterate = (() => {
        throw new Error(`a full read of every text: ${sql}`);
      }) as never;
    }
    return s;
  }) as typeof db.prepare;
  return read;
}

const historyRows = (a: Archive): number =>
  (a.db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;

/** Full resolution from emptied graph tables, as a bulk write (indexes rebuilt) whatever the fixture's size. */
function resolveFromEmpty(a: Archive) {
  a.db.exec('DELETE FROM graph_edges; DELETE FROM graph_placeholders; DELETE FROM graph_docs;');
  const history = historyRows(a);
  const minRows = BULK_WRITE.minRows;
  BULK_WRITE.minRows = 0;
  try {
    return { ...a.graph.resolveAll(), historyWritten: historyRows(a) - history };
  } finally {
    BULK_WRITE.minRows = minRows;
  }
}

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

  test('the citing sentence is kept on the citation row: a rebuild from empty tables reads no document text', async () => {
    const t = openArchive();
    const dir = t.archive.db.name.replace(/[\\/][^\\/]+$/, '');
    let archive: Archive | null = null;
    try {
      await importLetters(t.archive, [BG_571, ND_571, YT_128, NO_NUMBER, CD_TW]);
      const before = dump(t.archive);
      const kept = sentences(t.archive);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((r) => r.edge !== '' && r.citation === r.edge)).toBe(true);
      t.archive.close();
      // A new connection, so every statement of the resolution is prepared where it is watched.
      archive = Archive.open(dir);
      const read = watchTextReads(archive.db);
      const r = resolveFromEmpty(archive);
      expect(read).toEqual([]);
      expect(r.written).toMatchObject({ edgesInserted: before.edges.length, indexesRebuilt: true });
      // Derived rows rebuilt wholesale are no clerk's change: no history row per edge.
      expect(r.historyWritten).toBe(0);
      expect(dump(archive).edges).toEqual(before.edges);
      // The bulk write skips foreign-key checks; they are back on after it and nothing dangles.
      expect(archive.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(archive.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      archive?.close();
      t.cleanup();
    }
  });

  test('citations never cut (an archive from before 0120 without edges) read their own document once and keep the sentence', async () => {
    const t = openArchive();
    const dir = t.archive.db.name.replace(/[\\/][^\\/]+$/, '');
    let archive: Archive | null = null;
    try {
      const ids = await importLetters(t.archive, [BG_571, ND_571, YT_128, NO_NUMBER, CD_TW]);
      const before = dump(t.archive);
      const yt = ids.get('yt128')!;
      t.archive.db.prepare('UPDATE citations SET sentence = NULL WHERE document_id = ?').run(yt);
      t.archive.close();
      archive = Archive.open(dir);
      const read = watchTextReads(archive.db);
      resolveFromEmpty(archive);
      expect(read).toEqual([yt]);
      expect(dump(archive).edges).toEqual(before.edges);
      expect(sentences(archive).every((r) => r.edge !== '' && r.citation === r.edge)).toBe(true);
    } finally {
      archive?.close();
      t.cleanup();
    }
  });

  test('migration 0120 takes the sentence of each citation from its edge; citations without one stay NULL', () => {
    const db = new Database(':memory:');
    try {
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version < 120),
      );
      db.exec(`
        INSERT INTO documents (id, content_hash, text, format, encoding, parse_json, parser_version, imported_at, updated_at)
          VALUES (1, 'h', 'Thực hiện Chỉ thị số 05-CT/TW. Khác.', 'txt', 'utf-8', '{}', 1, 't', 't');
        INSERT INTO citations (id, document_id, ordinal, start, end, text, relation) VALUES
          (1, 1, 0, 10, 29, 'Chỉ thị số 05-CT/TW', 'implements'),
          (2, 1, 1, 10, 29, 'Chỉ thị số 05-CT/TW', 'implements'),
          (3, 1, 2, 10, 29, 'Chỉ thị số 05-CT/TW', 'implements');
        INSERT INTO graph_edges (citation_id, from_id, status, relation, sentence, match_key) VALUES
          (1, 1, 'ignored', 'implements', 'Thực hiện Chỉ thị số 05-CT/TW.', 'k1'),
          (2, 1, 'ignored', 'implements', '', 'k2');
      `);
      migrate(db);
      expect(db.prepare('SELECT id, sentence FROM citations ORDER BY id').all()).toEqual([
        { id: 1, sentence: 'Thực hiện Chỉ thị số 05-CT/TW.' },
        { id: 2, sentence: null },
        { id: 3, sentence: null },
      ]);
    } finally {
      db.close();
    }
  });

  test('re-resolving a document (re-parse, clerk edit) cuts its sentences again and keeps them on the citation rows', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, YT_128]);
      const yt = ids.get('yt128')!;
      const before = sentences(archive);
      archive.db.prepare(`UPDATE citations SET sentence = 'cũ' WHERE document_id = ?`).run(yt);
      resolveDocument(archive.db, yt);
      expect(sentences(archive)).toEqual(before);
    } finally {
      cleanup();
    }
  });

  test('stored edges that lost their sentence get it back from the citation rows, without reading text', async () => {
    const t = openArchive();
    const dir = t.archive.db.name.replace(/[\\/][^\\/]+$/, '');
    let archive: Archive | null = null;
    try {
      await importLetters(t.archive, [BG_571, ND_571, YT_128, NO_NUMBER, CD_TW]);
      const before = dump(t.archive);
      t.archive.db.exec(`UPDATE graph_edges SET sentence = '' WHERE citation_id IS NOT NULL`);
      t.archive.close();
      archive = Archive.open(dir);
      const read = watchTextReads(archive.db);
      const r = archive.graph.resolveAll();
      expect(read).toEqual([]);
      expect(r.written).toMatchObject({ edgesInserted: 0, edgesUpdated: before.edges.length });
      expect(dump(archive).edges).toEqual(before.edges);
    } finally {
      archive?.close();
      t.cleanup();
    }
  });
});
