/**
 * Migration 0140 (docs/graph.md "Import order"): an archive whose graph was resolved under the
 * order-dependent rules is resolved again, once, the first time the graph is used.
 */
import { Archive } from '../../../electron/core/archive';
import { GRAPH_RULES_VERSION } from '../../../electron/core/graph/resolve';
import { trashDocument } from '../../../electron/core/history/trash';
import { tempDir } from '../../helpers/tmp';
import { BG_571, YT_128, importLetters } from './fixture';

const edgeTo571 = (archive: Archive, from: number) =>
  archive.db
    .prepare(`SELECT id, status, to_doc FROM graph_edges WHERE from_id = ? AND ref_key = ? ORDER BY id LIMIT 1`)
    .get(from, '571-CV/TU') as { id: number; status: string; to_doc: number | null };
const rulesVersion = (archive: Archive) =>
  (archive.db.prepare('SELECT version FROM graph_rules').get() as { version: number }).version;

test('a link left missing by the old order-dependent rules is found again on the first graph use after the upgrade, once', async () => {
  const t = tempDir('vanthu-rules-');
  let archive = Archive.open(t.dir);
  try {
    const ids = await importLetters(archive, [BG_571, YT_128]);
    const citer = ids.get('yt128')!;
    const cited = ids.get('bg571')!;
    archive.graph.links(citer);
    expect(rulesVersion(archive)).toBe(GRAPH_RULES_VERSION);
    expect(edgeTo571(archive, citer)).toMatchObject({ status: 'resolved', to_doc: cited });

    // What an archive resolved under rules 1 could hold: the cited document is there, the edge is not.
    archive.db
      .prepare(`UPDATE graph_edges SET status = 'missing', to_doc = NULL WHERE id = ?`)
      .run(edgeTo571(archive, citer).id);
    archive.db.prepare('UPDATE graph_rules SET version = 1').run();
    archive.close();

    archive = Archive.open(t.dir);
    expect(edgeTo571(archive, citer).status).toBe('missing');
    archive.graph.links(citer);
    expect(edgeTo571(archive, citer)).toMatchObject({ status: 'resolved', to_doc: cited });
    expect(rulesVersion(archive)).toBe(GRAPH_RULES_VERSION);

    // Once only: at the current version a damaged edge is not silently rebuilt on every open.
    archive.db
      .prepare(`UPDATE graph_edges SET status = 'missing', to_doc = NULL WHERE id = ?`)
      .run(edgeTo571(archive, citer).id);
    archive.close();
    archive = Archive.open(t.dir);
    archive.graph.links(citer);
    expect(edgeTo571(archive, citer).status).toBe('missing');
  } finally {
    archive.close();
    t.cleanup();
  }
});

test('a clerk’s rejection stored under rules 2 for the undated citation of 571-CV/TU still holds after rules 3 gave it its dated twin’s key', async () => {
  const t = tempDir('vanthu-rules-');
  let archive = Archive.open(t.dir);
  try {
    const ids = await importLetters(archive, [BG_571, YT_128]);
    const citer = ids.get('yt128')!;
    const cited = ids.get('bg571')!;
    // What rules 2 stored: the subject line's citation keyed alone (no year, no date), and the
    // clerk's «không phải văn bản này» against that key; a decision whose citation is gone stays.
    const undatedKey = '571-CV/TU||cong van|';
    const datedKey = '571-CV/TU|2021|cong van|2021-03-12';
    const decide = archive.db.prepare(
      `INSERT INTO graph_decisions (from_id, match_key, action, to_doc, relation, note, created_at)
       VALUES (?, ?, 'reject', ?, NULL, NULL, '2026-11-01T00:00:00.000Z')`,
    );
    decide.run(citer, undatedKey, cited);
    decide.run(citer, '999-CV/TU||cong van|', cited);
    archive.db.prepare('UPDATE graph_rules SET version = 2').run();
    archive.close();

    archive = Archive.open(t.dir);
    archive.graph.links(citer);
    expect(rulesVersion(archive)).toBe(GRAPH_RULES_VERSION);
    expect(
      archive.db.prepare('SELECT match_key FROM graph_decisions WHERE from_id = ? ORDER BY id').all(citer),
    ).toEqual([{ match_key: datedKey }, { match_key: '999-CV/TU||cong van|' }]);
    const edges = archive.db
      .prepare(`SELECT status, to_doc FROM graph_edges WHERE from_id = ? AND ref_key = '571-CV/TU'`)
      .all(citer) as { status: string; to_doc: number | null }[];
    expect(edges).toHaveLength(2);
    for (const e of edges) expect(e.to_doc).not.toBe(cited);
  } finally {
    archive.close();
    t.cleanup();
  }
});

test('the first graph use after a new archive’s first import does not resolve the whole graph again (21 s at 100k documents)', async () => {
  const t = tempDir('vanthu-rules-');
  let archive = Archive.open(t.dir);
  try {
    // Migration 0140 starts an empty archive at rules 2; nothing is resolved yet, so it starts at today's.
    expect(rulesVersion(archive)).toBe(GRAPH_RULES_VERSION);
    const ids = await importLetters(archive, [BG_571, YT_128]);
    const citer = ids.get('yt128')!;
    // A full resolution would repair this edge: it staying broken shows none ran.
    archive.db
      .prepare(`UPDATE graph_edges SET status = 'missing', to_doc = NULL WHERE id = ?`)
      .run(edgeTo571(archive, citer).id);
    archive.close();
    archive = Archive.open(t.dir);
    archive.graph.links(citer);
    expect(edgeTo571(archive, citer).status).toBe('missing');
  } finally {
    archive.close();
    t.cleanup();
  }
});

test('an archive whose only documents are in the trash keeps its older rules: they come back as resolved then', async () => {
  const t = tempDir('vanthu-rules-');
  let archive = Archive.open(t.dir);
  try {
    const ids = await importLetters(archive, [BG_571]);
    trashDocument(archive.db, ids.get('bg571')!);
    archive.db.prepare('UPDATE graph_rules SET version = 2').run();
    archive.close();
    archive = Archive.open(t.dir);
    expect(rulesVersion(archive)).toBe(2);
  } finally {
    archive.close();
    t.cleanup();
  }
});

describe('a session’s first graph use resolves what was stored without its graph, found by counting first', () => {
  const counts = (archive: Archive) =>
    archive.db
      .prepare(
        `SELECT (SELECT count(*) FROM graph_edges WHERE citation_id IS NOT NULL) AS edges, (SELECT count(*) FROM graph_docs) AS keys`,
      )
      .get();
  test.each([
    ['a citation without its edge', 'DELETE FROM graph_edges WHERE id = (SELECT max(id) FROM graph_edges)'],
    [
      'a document without its keys',
      'DELETE FROM graph_docs WHERE document_id = (SELECT max(document_id) FROM graph_docs)',
    ],
    ['nothing missing', 'SELECT 1'],
  ])('%s', async (_what, damage) => {
    const t = tempDir('vanthu-rules-');
    let archive = Archive.open(t.dir);
    try {
      await importLetters(archive, [BG_571, YT_128]);
      const whole = counts(archive);
      archive.db.exec(damage);
      archive.close();
      archive = Archive.open(t.dir);
      archive.graph.missing();
      expect(counts(archive)).toEqual(whole);
    } finally {
      archive.close();
      t.cleanup();
    }
  });
});
