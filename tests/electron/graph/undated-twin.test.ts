/**
 * A citing document that cites one number/symbol twice, once without its date (the subject line,
 * "V/v thực hiện Kết luận số 05-KL/TU") and once with it (the body, «… ngày 25/7/2025 …»), names one
 * document: one placeholder «chưa có trong kho», not two — on import one file at a time, in a
 * batch, and after a full resolution; and both citations move to that document when it arrives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Archive } from '../../../electron/core/archive';
import { prepareFile } from '../../../electron/core/import/prepare';
import { storeBatch, storePrepared } from '../../../electron/core/import/pipeline';
import { BG_571, YT_128, letterText, openArchive, type Letter } from './fixture';

const CORPUS = path.join(__dirname, '../../fixtures/corpus');
const POST_2025 = readFileSync(path.join(CORPUS, '016-post2025-dang-uy-xa.txt'));

const upload = (name: string, bytes: Uint8Array) => prepareFile({ kind: 'upload', name, bytes });
const letter = (l: Letter) => upload(`${l.key}.txt`, new TextEncoder().encode(letterText(l)));

function edgesOf(archive: Archive, from: number, ref: string) {
  return archive.db
    .prepare(`SELECT status, to_doc, to_placeholder FROM graph_edges WHERE from_id = ? AND ref_key = ? ORDER BY id`)
    .all(from, ref) as { status: string; to_doc: number | null; to_placeholder: number | null }[];
}

async function store(mode: 'batch' | 'single', archive: Archive, files: Promise<Awaited<ReturnType<typeof upload>>>[]) {
  const answers = await Promise.all(files);
  const results =
    mode === 'batch'
      ? storeBatch(archive.db, answers, '2026-11-24T00:00:00.000Z')
      : answers.map((a) => (a.ok ? storePrepared(archive.db, a, '2026-11-24T00:00:00.000Z') : null));
  return results.map((r) => {
    if (r?.status !== 'imported' || r.id === null) throw new Error(`${r?.status} ${r?.reason}`);
    return r.id;
  });
}

describe.each(['single', 'batch'] as const)(
  'one cited document, dated in the body, undated in the subject (%s)',
  (mode) => {
    test('Kết luận 05-KL/TU in 12-CV/ĐU (corpus 016) is one placeholder, not two', async () => {
      const { archive, cleanup } = openArchive();
      try {
        const [id] = await store(mode, archive, [upload('016-post2025-dang-uy-xa.txt', POST_2025)]);
        const edges = edgesOf(archive, id!, '5-KL/TU');
        expect(edges).toHaveLength(2);
        expect(new Set(edges.map((e) => e.to_placeholder)).size).toBe(1);
        expect(edges[0]!.to_placeholder).not.toBeNull();
        const g = archive.graph.neighbourhood(id!, 'up', 1, 100);
        expect(g.nodes.filter((n) => n.placeholder && n.ref === '05-KL/TU')).toEqual([
          expect.objectContaining({ date: '2025-07-25' }),
        ]);
        expect(archive.graph.missing().filter((m) => m.node.ref === '05-KL/TU')).toHaveLength(1);
        expect(archive.graph.resolveAll().written).toMatchObject({
          placeholders: 0,
          edgesInserted: 0,
          edgesUpdated: 0,
        });
      } finally {
        cleanup();
      }
    });

    test('both citations of 571-CV/TU share a placeholder, then move to the document when it arrives', async () => {
      const { archive, cleanup } = openArchive();
      try {
        const [yt] = await store(mode, archive, [letter(YT_128)]);
        const before = edgesOf(archive, yt!, '571-CV/TU');
        expect(before.map((e) => e.status)).toEqual(['missing', 'missing']);
        expect(before[0]!.to_placeholder).toBe(before[1]!.to_placeholder);
        const [bg] = await store(mode, archive, [letter(BG_571)]);
        expect(edgesOf(archive, yt!, '571-CV/TU')).toEqual([
          { status: 'resolved', to_doc: bg, to_placeholder: null },
          { status: 'resolved', to_doc: bg, to_placeholder: null },
        ]);
        expect(
          archive.db.prepare(`SELECT count(*) AS n FROM graph_placeholders WHERE ref_key = '571-CV/TU'`).get(),
        ).toEqual({ n: 0 });
      } finally {
        cleanup();
      }
    });
  },
);
