/** A document moved to the trash and restored: the edges that pointed at it follow (issue #5 × #7). */
import { restoreFromTrash, trashDocument } from '../../../electron/core/history/trash';
import type { Archive } from '../../../electron/core/archive';
import { BG_571, CD_TW, NO_NUMBER, YT_128, importLetters, openArchive } from './fixture';

function picture(a: Archive): string[] {
  const g = a.graph.all();
  const name = new Map(
    g.nodes.map((n) => [String(n.id), `${n.placeholder ? 'CHƯA CÓ ' : ''}${n.ref ?? n.type}@${n.date ?? '?'}`]),
  );
  return g.edges
    .map((e) => `${name.get(String(e.from))} -${e.relation}/${e.status}-> ${name.get(String(e.to))}`)
    .sort();
}

describe('trash and the citation graph', () => {
  test('trashing a cited document turns its incoming edges into a placeholder; restoring brings them back', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, YT_128, NO_NUMBER, CD_TW]);
      const bg = ids.get('bg571')!;
      const yt = ids.get('yt128')!;
      archive.graph.addLink(ids.get('nonum')!, bg, 'basis', 'thêm tay');
      const before = picture(archive);
      expect(before.some((l) => l.includes('-> 571-CV/TU@2021-03-12'))).toBe(true);

      const { trashId } = trashDocument(archive.db, bg);
      // No edge left dangling: the district plan's citations now point at "571-CV/TU" not in the archive.
      expect(
        archive.db
          .prepare(
            `SELECT count(*) AS n FROM graph_edges WHERE to_doc IS NULL AND to_placeholder IS NULL AND status <> 'ignored'`,
          )
          .get(),
      ).toEqual({ n: 0 });
      const up = archive.graph.links(yt).up.filter((u) => u.node.ref === '571-CV/TU');
      expect(up.length).toBeGreaterThan(0);
      for (const u of up) expect(u.node.placeholder).toBe(true);
      expect(archive.graph.missing().some((m) => m.node.ref === '571-CV/TU')).toBe(true);
      // The placeholder only bg571 cited (Chỉ thị 05-CT/TW) is gone with it.
      expect(archive.graph.missing().some((m) => m.node.ref === '05-CT/TW')).toBe(false);
      // The clerk's manual link to it went with it.
      expect(archive.graph.links(ids.get('nonum')!).up.some((u) => u.edge.status === 'manual')).toBe(false);

      const restored = restoreFromTrash(archive.db, trashId);
      expect(restored).toEqual({ status: 'restored', id: bg });
      expect(picture(archive)).toEqual(before);
      expect(archive.graph.missing().some((m) => m.node.ref === '571-CV/TU')).toBe(false);
      // And a full re-resolution agrees.
      archive.graph.resolveAll();
      expect(picture(archive)).toEqual(before);
    } finally {
      cleanup();
    }
  });
});
