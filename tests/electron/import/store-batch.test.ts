/**
 * storeBatch (electron/core/import/pipeline.ts) writes a batch of files in one transaction with no
 * savepoint per file, so a file that fails halfway through its rows must take the batch down and
 * every file must be written again alone: the failing one refused with nothing of it left behind,
 * the others stored, resolved and searchable.
 */
import { prepareFile, type PrepareAnswer } from '../../../electron/core/import/prepare';
import { ERROR_MESSAGES, IMPORT_FAILURE_MESSAGES } from '../../../shared/api/errors';
import { storeBatch } from '../../../electron/core/import/pipeline';
import { catchUpIndex } from '../../../electron/core/search/indexer';
import { BG_571, ND_571, YT_128, letterText, openArchive, type Letter } from '../graph/fixture';

const AT = '2026-11-24T00:00:00.000Z';

async function prepare(l: Letter): Promise<PrepareAnswer> {
  return prepareFile({ kind: 'upload', name: `${l.key}.txt`, bytes: new TextEncoder().encode(letterText(l)) });
}

function count(db: import('better-sqlite3').Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

describe('storeBatch without savepoints', () => {
  test('a file failing after its document row is refused alone and leaves no row behind', async () => {
    const { archive, cleanup } = openArchive();
    try {
      // Fails after the documents row of bg571 is written, before its original: a partial file.
      archive.db.exec(`CREATE TEMP TRIGGER fail_one BEFORE INSERT ON originals WHEN new.file_name = 'bg571.txt'
        BEGIN SELECT RAISE(ABORT, 'đĩa đầy'); END`);
      const answers = await Promise.all([YT_128, BG_571, ND_571].map(prepare));
      const results = storeBatch(archive.db, answers, AT);
      expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'imported']);
      expect(results[1]).toMatchObject({ reasonCode: 'storage', id: null });
      // The category in Vietnamese, never the database's own words (here the trigger's).
      expect(results[1]!.reason).toBe(`${IMPORT_FAILURE_MESSAGES.storage} (${ERROR_MESSAGES.INTERNAL})`);

      const db = archive.db;
      expect(count(db, 'SELECT count(*) AS n FROM documents')).toBe(2);
      expect(count(db, 'SELECT count(*) AS n FROM originals')).toBe(2);
      expect(count(db, `SELECT count(*) AS n FROM documents WHERE ref = '571-CV/TU' AND province = 'Bắc Giang'`)).toBe(
        0,
      );
      expect(count(db, 'SELECT count(*) AS n FROM search_docs')).toBe(2);
      expect(count(db, 'SELECT count(*) AS n FROM citations WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(
        0,
      );
      expect(count(db, 'SELECT count(*) AS n FROM tasks WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM history WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(
        0,
      );

      // The two stored files are whole: searchable, and the graph resolved for them.
      const ids = results.filter((r) => r.status === 'imported').map((r) => r.id);
      const found = archive.search.search({ query: 'bầu cử', limit: 10 });
      expect(found.items.map((i) => i.id)).toEqual([ids[1]]);
      expect(count(db, 'SELECT count(*) AS n FROM graph_docs')).toBe(2);

      // Once the disk is fine again, the refused file goes in.
      archive.db.exec('DROP TRIGGER fail_one');
      const again = storeBatch(archive.db, [answers[1]!], AT);
      expect(again.map((r) => r.status)).toEqual(['imported']);
      expect(count(db, 'SELECT count(*) AS n FROM documents')).toBe(3);
    } finally {
      cleanup();
    }
  });

  // storeBatch drops the insert history triggers of the batch's own rows for its transaction
  // (safety-store.ts withoutImportRowTriggers): they must be back afterwards, committed or not.
  test('the history triggers are all in place after a batch, and after a batch that failed', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const db = archive.db;
      const triggers = () =>
        db.prepare(`SELECT name, sql FROM temp.sqlite_schema WHERE type = 'trigger' ORDER BY name`).all();
      const before = triggers();
      expect(before.map((t) => (t as { name: string }).name)).toContain('vanthu_h_tasks_ins_document_id');
      storeBatch(db, await Promise.all([YT_128, BG_571].map(prepare)), AT);
      expect(triggers()).toEqual(before);

      db.exec(`CREATE TEMP TRIGGER fail_one BEFORE INSERT ON originals WHEN new.file_name = 'nd571.txt'
        BEGIN SELECT RAISE(ABORT, 'đĩa đầy'); END`);
      const results = storeBatch(db, await Promise.all([ND_571].map(prepare)), AT);
      expect(results.map((r) => r.status)).toEqual(['failed']);
      db.exec('DROP TRIGGER fail_one');
      expect(triggers()).toEqual(before);

      // And they still record: a task added by hand to a stored document is in its history.
      const id = (db.prepare(`SELECT id FROM documents ORDER BY id LIMIT 1`).get() as { id: number }).id;
      const taskRows = () =>
        count(db, `SELECT count(*) AS n FROM history WHERE entity = 'tasks' AND action = 'insert'`);
      const n = taskRows();
      db.prepare(
        `INSERT INTO tasks (document_id, ordinal, label, text, start, end, lead_json, cooperate_json)
         VALUES (?, 999, '9.', 'Việc thêm tay', 0, 0, '[]', '[]')`,
      ).run(id);
      expect(taskRows()).toBe(n + 1);
    } finally {
      cleanup();
    }
  });

  test('a batch that repeats a file stores it once and reports the copy as a duplicate', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const answers = await Promise.all([YT_128, BG_571, YT_128].map(prepare));
      const results = storeBatch(archive.db, answers, AT);
      expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'duplicate']);
      expect(results[2]!.id).toBe(results[0]!.id);
      expect(count(archive.db, 'SELECT count(*) AS n FROM documents')).toBe(2);
      expect(count(archive.db, 'SELECT count(*) AS n FROM search_docs')).toBe(2);
    } finally {
      cleanup();
    }
  });

  // Regression: the index rows were written in file order, and FTS5 starts a new segment whenever
  // a rowid (date first) is not above the last one, so a folder newest-first made one segment per file.
  test('a batch newest-first builds the same index as the same batch oldest-first', async () => {
    const days = Array.from({ length: 24 }, (_, i) => i + 1);
    const texts = days.map(
      (d) =>
        `ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: ${d}/UBND-VP\nBắc Giang, ngày ${d} tháng 3 năm 2021\n` +
        `CÔNG VĂN\nVề phòng, chống dịch bệnh đợt ${d}\nỦy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện.\n`,
    );
    const answers = await Promise.all(
      texts.map((text, i) =>
        prepareFile({ kind: 'upload', name: `cv${i}.txt`, bytes: new TextEncoder().encode(text) }),
      ),
    );
    const indexBytes = (order: PrepareAnswer[]): number => {
      const { archive, cleanup } = openArchive();
      try {
        const before = count(archive.db, 'SELECT total(length(block)) AS n FROM search_fts_data');
        expect(storeBatch(archive.db, order, AT).every((r) => r.status === 'imported')).toBe(true);
        expect(archive.search.search({ query: 'phong chong dich', limit: 50 }).total).toBe(days.length);
        return count(archive.db, 'SELECT total(length(block)) AS n FROM search_fts_data') - before;
      } finally {
        cleanup();
      }
    };
    expect(indexBytes([...answers].reverse())).toBe(indexBytes(answers));
  });

  // Regression: each search_docs row was written right after its FTS row, and search_docs has
  // triggers, so each insert ran in a statement savepoint, at which FTS5 writes its pending terms
  // out: one segment per file, and their merges, cost the writer ~0.2 ms a document.
  test("a batch's index rows make one FTS5 segment, not one per file; so does the index catch-up", async () => {
    const texts = Array.from(
      { length: 12 },
      (_, i) =>
        `ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: ${i + 1}/UBND-VP\nBắc Giang, ngày ${i + 1} tháng 3 năm 2021\n` +
        `CÔNG VĂN\nVề phòng, chống bão lũ đợt ${i + 1}\nỦy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện.\n`,
    );
    const answers = await Promise.all(
      texts.map((text, i) =>
        prepareFile({ kind: 'upload', name: `bl${i}.txt`, bytes: new TextEncoder().encode(text) }),
      ),
    );
    const { archive, cleanup } = openArchive();
    try {
      const db = archive.db;
      const segments = (): number => count(db, 'SELECT count(DISTINCT segid) AS n FROM search_fts_idx');
      expect(storeBatch(db, answers, AT).every((r) => r.status === 'imported')).toBe(true);
      expect(segments()).toBe(1);
      expect(archive.search.search({ query: 'bao lu', limit: 50 }).total).toBe(12);

      db.exec('DELETE FROM search_docs');
      db.exec(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`);
      expect(segments()).toBe(0);
      expect(catchUpIndex(db)).toBe(12);
      expect(segments()).toBe(1);
      expect(archive.search.search({ query: 'bão lũ', limit: 50 }).total).toBe(12);
    } finally {
      cleanup();
    }
  });
});
