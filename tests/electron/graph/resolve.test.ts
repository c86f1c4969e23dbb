import type { Archive } from '../../../electron/core/archive';
import { SQL } from '../../../electron/core/db/graph-store';
import type { Graph } from '../../../shared/graph/types';
import {
  BG_571,
  CD_TW,
  ND_571,
  NO_NUMBER,
  YT_128,
  importLetters,
  letterText,
  openArchive,
  type Letter,
} from './fixture';

/** The graph in words that do not depend on document ids (which follow import order). */
function describeGraph(archive: Archive): string[] {
  const g: Graph = archive.graph.all();
  const name = new Map(
    g.nodes.map((n) => [
      String(n.id),
      `${n.placeholder ? 'CHƯA CÓ ' : ''}${n.ref ?? n.type}@${n.date ?? '?'}/${n.issuer ?? '?'}`,
    ]),
  );
  return g.edges.map((e) => `${name.get(String(e.from))} -${e.relation}-> ${name.get(String(e.to))}`).sort();
}

const YT_SECOND: Letter = {
  ...YT_128,
  key: 'yt131',
  ref: '131-CV/HU',
  date: [25, 3, 2021],
  subject: 'V/v rà soát kịch bản',
  body: 'Căn cứ Công điện số 02-CĐ/TU, ngày 08/01/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy yêu cầu rà soát kịch bản.',
};

describe('resolution', () => {
  test('571-CV/TU of Tỉnh ủy Bắc Giang is not 571-CV/TU of Tỉnh ủy Nam Định: the citing district is in Bắc Giang', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, ND_571, YT_128]);
      const links = archive.graph.links(ids.get('yt128')!);
      const to571 = links.up.filter((u) => u.node.ref === '571-CV/TU');
      expect(to571.length).toBeGreaterThan(0);
      for (const u of to571) expect(u.node.id).toBe(ids.get('bg571'));
      expect(
        links.up.find((u) => u.edge.text.startsWith('Thực hiện Công văn số 571-CV/TU ngày 12/3/2021'))?.edge.relation,
      ).toBe('implements');
      // Downward from Bắc Giang's letter: the district plan; nothing from Nam Định's.
      expect(archive.graph.links(ids.get('bg571')!).down.map((d) => d.node.id)).toContain(ids.get('yt128'));
      expect(archive.graph.links(ids.get('nd571')!).down).toEqual([]);
    } finally {
      cleanup();
    }
  });

  test('both import orders give the same graph (citing first, cited first)', async () => {
    const letters = [BG_571, ND_571, YT_128, YT_SECOND, NO_NUMBER, CD_TW];
    const a = openArchive();
    const b = openArchive();
    try {
      await importLetters(a.archive, letters);
      await importLetters(b.archive, [...letters].reverse());
      const ga = describeGraph(a.archive);
      expect(ga.length).toBeGreaterThanOrEqual(5);
      expect(describeGraph(b.archive)).toEqual(ga);
      // And a full re-resolution agrees with the incremental one.
      a.archive.graph.resolveAll();
      expect(describeGraph(a.archive)).toEqual(ga);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });

  test('a citation without a number resolves by type, date and issuer (Công điện ngày 27/4/2021 của Thường trực Ban Bí thư)', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [NO_NUMBER]);
      const before = archive.graph.links(ids.get('nonum')!).up;
      expect(before).toHaveLength(1);
      expect(before[0]!.node).toMatchObject({
        placeholder: true,
        type: 'Công điện',
        date: '2021-04-27',
        issuer: 'Thường trực Ban Bí thư',
      });
      const more = await importLetters(archive, [CD_TW]);
      const after = archive.graph.links(ids.get('nonum')!).up;
      expect(after.map((u) => u.node.id)).toEqual([more.get('cdtw')]);
      // The placeholder became the document: it is gone from the missing list.
      expect(archive.graph.missing().map((m) => m.node.type)).not.toContain('Công điện');
    } finally {
      cleanup();
    }
  });

  test('every citation of the same missing document shares one placeholder, ranked by citing documents', async () => {
    const { archive, cleanup } = openArchive();
    try {
      await importLetters(archive, [YT_128, YT_SECOND, BG_571]);
      const missing = archive.graph.missing();
      const cd02 = missing.filter((m) => m.node.ref === '02-CĐ/TU');
      expect(cd02).toHaveLength(1);
      expect(cd02[0]!.citing.map((c) => c.ref).sort()).toEqual(['128-KH/HU', '131-CV/HU']);
      expect(missing[0]!.node.ref).toBe('02-CĐ/TU');
      expect(cd02[0]!.node.issuer).toBe('Ban Thường vụ Tỉnh ủy Bắc Giang');
    } finally {
      cleanup();
    }
  });

  // A query per placeholder and per citing document: 11,000 for the 1,000 rows of #/missing at 100k.
  test('the missing list reads its placeholders’ citing documents in one query and the documents in another, by key', async () => {
    const { archive, cleanup } = openArchive();
    try {
      await importLetters(archive, [YT_128, YT_SECOND, BG_571]);
      const cd02 = (limit: number) => archive.graph.missing(1000, limit).find((m) => m.node.ref === '02-CĐ/TU')!;
      // The citing documents in the order their citations were stored, each once, cut at the limit.
      expect(cd02(50).citing.map((c) => c.ref)).toEqual(['128-KH/HU', '131-CV/HU']);
      expect(cd02(1).citing.map((c) => c.ref)).toEqual(['128-KH/HU']);
      expect(cd02(50).citations).toBe(2);
      const plan = (sql: string) =>
        (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[1]') as { detail: string }[]).map((r) => r.detail);
      expect(plan(SQL.placeholderCiters)[0]).toMatch(/SEARCH graph_edges USING INDEX graph_edges_by_to_placeholder/);
      expect(plan(SQL.placeholderCiters).join('\n')).not.toMatch(/TEMP B-TREE/);
      expect(plan(SQL.documentNodes)[0]).toMatch(/SEARCH documents USING INTEGER PRIMARY KEY/);
    } finally {
      cleanup();
    }
  });
});

describe('clerk decisions', () => {
  // Two Bắc Giang letters with the same number, issuer and date (a re-issued letter): never guessed.
  const TWIN: Letter = {
    ...BG_571,
    key: 'bg571b',
    subject: 'V/v tăng cường phòng, chống dịch Covid-19 (bản thay thế)',
    body: 'Ban Thường vụ Tỉnh ủy thay thế Công văn trước.',
  };

  test('several candidates → pending decision; confirm resolves; the decision survives re-resolution and re-parsing', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, TWIN, YT_128]);
      const pending = archive.graph.pending();
      const p = pending.find((x) => x.from.id === ids.get('yt128') && x.reason === 'uncertain');
      expect(p).toBeDefined();
      expect(p!.candidates.map((c) => c.id).sort()).toEqual([ids.get('bg571'), ids.get('bg571b')].sort());
      // Uncertain citations point at a placeholder marked uncertain, not at a guess.
      const upBefore = archive.graph.links(ids.get('yt128')!).up.filter((u) => u.edge.status === 'uncertain');
      expect(upBefore.length).toBeGreaterThan(0);
      expect(upBefore.every((u) => u.node.placeholder && u.node.uncertain)).toBe(true);

      archive.graph.decide(p!.edgeId, 'confirm', ids.get('bg571b')!);
      const confirmed = (): number[] =>
        archive.graph
          .links(ids.get('yt128')!)
          .up.filter((u) => u.edge.status === 'confirmed')
          .map((u) => u.node.id as number);
      expect(confirmed()).toContain(ids.get('bg571b'));
      expect(archive.graph.pending().some((x) => x.edgeId === p!.edgeId)).toBe(false);

      archive.graph.resolveAll();
      expect(confirmed()).toContain(ids.get('bg571b'));

      // Re-parsing replaces the citation rows; the decision is keyed on the citation, not the row.
      const id = ids.get('yt128')!;
      const rows = archive.db.prepare('SELECT * FROM citations WHERE document_id = ?').all(id) as Record<
        string,
        unknown
      >[];
      archive.db.prepare('DELETE FROM citations WHERE document_id = ?').run(id);
      const cols = Object.keys(rows[0]!).filter((c) => c !== 'id');
      const ins = archive.db.prepare(
        `INSERT INTO citations (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      for (const r of rows) ins.run(...cols.map((c) => r[c]));
      const { resolveDocument } = await import('../../../electron/core/graph/resolve');
      resolveDocument(archive.db, id);
      expect(confirmed()).toContain(ids.get('bg571b'));
    } finally {
      cleanup();
    }
  });

  test('reject sends the citation back to a placeholder; add makes a link the text does not', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, YT_128, ND_571]);
      const edge = archive.graph.links(ids.get('yt128')!).up.find((u) => u.node.id === ids.get('bg571'))!.edge;
      archive.graph.decide(edge.id, 'reject', ids.get('bg571')!);
      const up = archive.graph.links(ids.get('yt128')!).up;
      expect(up.some((u) => u.node.id === ids.get('bg571') && u.edge.text === edge.text)).toBe(false);
      archive.graph.resolveAll();
      expect(
        archive.graph
          .links(ids.get('yt128')!)
          .up.some((u) => u.node.id === ids.get('bg571') && u.edge.text === edge.text),
      ).toBe(false);

      const manual = archive.graph.addLink(
        ids.get('nd571')!,
        ids.get('bg571')!,
        'mentions',
        'Văn thư thêm: cùng chủ đề',
      );
      expect(manual.status).toBe('manual');
      archive.graph.resolveAll();
      const down = archive.graph.links(ids.get('bg571')!).down;
      expect(down.find((d) => d.node.id === ids.get('nd571'))?.edge).toMatchObject({
        status: 'manual',
        relation: 'mentions',
      });
      archive.graph.removeLink(down.find((d) => d.node.id === ids.get('nd571'))!.edge.id);
      expect(archive.graph.links(ids.get('bg571')!).down.some((d) => d.node.id === ids.get('nd571'))).toBe(false);
    } finally {
      cleanup();
    }
  });
});

describe('views on the graph', () => {
  test('chain goes up to the highest level; neighbourhood depth and direction', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const cites05: Letter = {
        ...BG_571,
        key: 'ct05',
        header: ['BAN CHẤP HÀNH TRUNG ƯƠNG', '*'],
        ref: '05-CT/TW',
        place: 'Hà Nội',
        date: [15, 5, 2016],
        subject: 'CHỈ THỊ\nVề đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
        body: 'Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội dung sau.',
        sign: ['T/M BỘ CHÍNH TRỊ', 'TỔNG BÍ THƯ'],
      };
      const ids = await importLetters(archive, [cites05, BG_571, YT_128]);
      expect(archive.graph.chain(ids.get('yt128')!).map((n) => n.ref)).toEqual(['128-KH/HU', '571-CV/TU', '05-CT/TW']);
      const up1 = archive.graph.neighbourhood(ids.get('yt128')!, 'up', 1);
      expect(up1.nodes.map((n) => n.ref)).not.toContain('05-CT/TW');
      const up2 = archive.graph.neighbourhood(ids.get('yt128')!, 'up', 2);
      expect(up2.nodes.map((n) => n.ref)).toContain('05-CT/TW');
      const down = archive.graph.neighbourhood(ids.get('ct05')!, 'down', 3);
      expect(down.nodes.map((n) => n.ref).sort()).toEqual(['05-CT/TW', '128-KH/HU', '571-CV/TU']);
      const capped = archive.graph.neighbourhood(ids.get('ct05')!, 'down', 3, 2);
      expect(capped.truncated).toBe(true);
      expect(capped.nodes).toHaveLength(2);
    } finally {
      cleanup();
    }
  });

  test('coverage: recipients in "Nơi nhận" with and without an implementing document, overdue after N days', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, YT_128]);
      const cov = archive.graph.coverage(ids.get('bg571')!, 30, '2021-06-01');
      const byName = new Map(cov.rows.map((r) => [r.recipient, r]));
      expect(byName.get('Huyện ủy Yên Thế')?.implementing.map((n) => n.id)).toEqual([ids.get('yt128')]);
      expect(byName.get('Huyện ủy Yên Thế')?.overdue).toBe(false);
      expect(byName.get('Huyện ủy Lục Nam')).toMatchObject({ implementing: [], overdue: true });
      expect(archive.graph.coverage(ids.get('bg571')!, 30, '2021-03-20').rows.every((r) => !r.overdue)).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe('coverage of plural recipients', () => {
  // Regression: «Các sở, ban, ngành tỉnh» counted every lower-level document (a Huyện ủy's plan)
  // and no Sở's (a Sở is at the issuing Tỉnh ủy's own level).
  const SO_Y_TE: Letter = {
    key: 'syt',
    header: ['UBND TỈNH BẮC GIANG', 'SỞ Y TẾ'],
    ref: '310/KH-SYT',
    party: false,
    place: 'Bắc Giang',
    date: [18, 3, 2021],
    subject: 'KẾ HOẠCH\nthực hiện Công văn số 571-CV/TU của Ban Thường vụ Tỉnh ủy',
    body: 'Thực hiện Công văn số 571-CV/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang, Sở Y tế xây dựng kế hoạch như sau.',
    sign: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  };

  test('«Các sở, ban, ngành tỉnh» is answered by the Sở, not by a Huyện ủy', async () => {
    const { archive, cleanup } = openArchive();
    try {
      const ids = await importLetters(archive, [BG_571, YT_128, SO_Y_TE]);
      const cov = archive.graph.coverage(ids.get('bg571')!, 30, '2021-06-01');
      const byName = new Map(cov.rows.map((r) => [r.recipient, r.implementing.map((n) => n.id)]));
      expect(byName.get('Các sở, ban, ngành tỉnh')).toEqual([ids.get('syt')]);
      expect(byName.get('Huyện ủy Yên Thế')).toEqual([ids.get('yt128')]);
    } finally {
      cleanup();
    }
  });
});

describe('query plans of the hot graph queries', () => {
  const plan = (archive: Archive, sql: string, ...args: unknown[]): string =>
    (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  test.each<[string, string, unknown[], RegExp]>([
    [
      'edges out of a document',
      SQL.edgesFrom,
      [1],
      /SEARCH graph_edges USING INDEX graph_edges_by_from \(from_id=\?\)/,
    ],
    [
      'edges into a document',
      SQL.edgesToDoc,
      [1],
      /SEARCH graph_edges USING INDEX graph_edges_by_to_doc \(to_doc=\?\)/,
    ],
    [
      'edges into a placeholder',
      SQL.edgesToPlaceholder,
      [1],
      /SEARCH graph_edges USING INDEX graph_edges_by_to_placeholder \(to_placeholder=\?\)/,
    ],
    [
      'candidates by ref key',
      SQL.docKeysByRef,
      ['571-CV/TU'],
      /SEARCH graph_docs USING INDEX graph_docs_by_ref \(ref_key=\?\)/,
    ],
    [
      'candidates by ref key and year',
      SQL.docKeysByRefYear,
      ['571-CV/TU', 2021],
      /SEARCH graph_docs USING INDEX graph_docs_by_ref \(ref_key=\?/,
    ],
    [
      'candidates by type and date',
      SQL.docKeysByTypeDate,
      ['cong dien', '2021-04-27'],
      /SEARCH graph_docs USING INDEX graph_docs_by_type_date \(type_key=\? AND date=\?\)/,
    ],
    [
      'citations sharing a new document ref',
      SQL.edgesByRefYear,
      ['571-CV/TU', 2021],
      /SEARCH graph_edges USING INDEX graph_edges_by_ref \(ref_key=\?/,
    ],
    [
      'citations without a number, by type and date',
      SQL.edgesByTypeDate,
      ['cong dien', '2021-04-27'],
      /SEARCH graph_edges USING INDEX graph_edges_by_type_date \(type_key=\? AND date=\?\)/,
    ],
  ])('%s', async (_name, sql, args, expected) => {
    const { archive, cleanup } = openArchive();
    try {
      await importLetters(archive, [BG_571, YT_128]);
      const p = plan(archive, sql, ...args);
      expect(p).toMatch(expected);
      expect(p).not.toMatch(/SCAN graph_/);
    } finally {
      cleanup();
    }
  });
});

test('letterText fixture reads back as the intended document', async () => {
  const { parseDirective } = await import('../../../shared/parser');
  const p = parseDirective(letterText(YT_128));
  expect(p).toMatchObject({ ref: '128-KH/HU', issuer: 'Huyện ủy Yên Thế', province: 'Bắc Giang', date: '2021-03-20' });
});
