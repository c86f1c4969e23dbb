/** The graph operations through the dispatcher (issue #5): validated inputs, errors as data. */
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { edgeById } from '../../../electron/core/db/graph-store';
import type { Result } from '../../../shared/api/errors';
import type {
  Coverage,
  DocumentLinks,
  Graph,
  GraphEdge,
  GraphNode,
  MissingDocuments,
  PendingDecision,
} from '../../../shared/graph/types';
import { BG_571, CD_TW, NO_NUMBER, YT_128, importLetters, openArchive } from './fixture';

type Dispatch = ReturnType<typeof createDispatcher>;
async function ok<T>(dispatch: Dispatch, method: string, input: unknown): Promise<T> {
  const r = (await dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
  return r.value;
}

describe('graph API', () => {
  let ctx: ReturnType<typeof openArchive>;
  let dispatch: Dispatch;
  let ids: Map<string, number>;
  beforeAll(async () => {
    ctx = openArchive();
    ids = await importLetters(ctx.archive, [BG_571, YT_128, NO_NUMBER, CD_TW]);
    dispatch = createDispatcher(ctx.archive, { host: 'browser' });
  });
  afterAll(() => ctx.cleanup());

  test('neighbourhood, chain and links of a district plan', async () => {
    const yt = ids.get('yt128')!;
    const g = await ok<Graph>(dispatch, 'graphNeighbourhood', { id: yt, depth: 2 });
    expect(g.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([yt, ids.get('bg571')]));
    // 02-CĐ/TU is not in the archive: a placeholder.
    expect(g.nodes.some((n) => n.placeholder && n.ref === '02-CĐ/TU')).toBe(true);
    expect(g.edges.every((e) => g.nodes.some((n) => n.id === e.from) && g.nodes.some((n) => n.id === e.to))).toBe(true);
    const chain = await ok<GraphNode[]>(dispatch, 'graphChain', { id: yt });
    expect(chain.map((n) => n.id).slice(0, 2)).toEqual([yt, ids.get('bg571')]);
    const links = await ok<DocumentLinks>(dispatch, 'graphLinks', { id: ids.get('bg571')! });
    expect(links.down.map((d) => d.node.id)).toContain(yt);
    expect(
      links.down.some(
        (d) => d.node.id === yt && /^Thực hiện Công văn số 571-CV\/TU ngày 12\/3\/2021/.test(d.edge.text),
      ),
    ).toBe(true);
    // A placeholder id is accepted as the centre of a neighbourhood.
    const p = g.nodes.find((n) => n.placeholder)!;
    const around = await ok<Graph>(dispatch, 'graphNeighbourhood', { id: p.id, direction: 'down' });
    expect(around.nodes.map((n) => n.id)).toContain(yt);
  });

  test('missing lists the placeholders with their citing documents; pending is a list', async () => {
    const { missing } = await ok<MissingDocuments>(dispatch, 'graphMissing', {});
    const cd = missing.find((m) => m.node.ref === '02-CĐ/TU')!;
    expect(cd.citing.map((n) => n.id)).toEqual([ids.get('yt128')]);
    expect(Array.isArray(await ok<PendingDecision[]>(dispatch, 'graphPending', {}))).toBe(true);
  });

  // The page asked for 1,000 placeholders with their citing documents at once: 2.4 MB at 100k.
  test('regression: missing comes a page at a time, with the number of placeholders in all', async () => {
    const all = await ok<MissingDocuments>(dispatch, 'graphMissing', {});
    expect(all.missing.length).toBeGreaterThanOrEqual(2);
    expect(all.total).toBe(all.missing.length);
    const pages = [];
    for (let offset = 0; offset < all.total; offset += 1) {
      pages.push(await ok<MissingDocuments>(dispatch, 'graphMissing', { limit: 1, offset }));
    }
    expect(pages.every((p) => p.total === all.total && p.missing.length === 1)).toBe(true);
    expect(pages.flatMap((p) => p.missing)).toEqual(all.missing);
    expect(await ok<MissingDocuments>(dispatch, 'graphMissing', { offset: all.total })).toEqual({
      missing: [],
      total: all.total,
    });
    const bad = await dispatch('graphMissing', { offset: -1 });
    expect(bad.ok).toBe(false);
  });

  test('decide: add a link by hand, see it, remove it', async () => {
    const from = ids.get('nonum')!;
    const to = ids.get('bg571')!;
    const added = await ok<{ edge: GraphEdge; links: DocumentLinks }>(dispatch, 'graphDecide', {
      decision: { action: 'add', fromId: from, toDoc: to, relation: 'basis', note: 'theo chỉ đạo miệng' },
    });
    expect(added.edge.status).toBe('manual');
    expect(added.links.up.some((u) => u.node.id === to && u.edge.status === 'manual')).toBe(true);
    const removed = await ok<{ links: DocumentLinks }>(dispatch, 'graphDecide', {
      decision: { action: 'remove', edgeId: added.edge.id },
    });
    expect(removed.links.up.some((u) => u.node.id === to)).toBe(false);
  });

  test('reject then confirm a resolved link: the decision stands after a full re-resolution', async () => {
    const yt = ids.get('yt128')!;
    const bg = ids.get('bg571')!;
    const links = await ok<DocumentLinks>(dispatch, 'graphLinks', { id: yt });
    const edge = links.up.find((u) => u.node.id === bg && u.edge.text.startsWith('Thực hiện'))!.edge;
    const pointsAtBg = (l: DocumentLinks) => l.up.some((u) => u.node.id === bg && u.edge.text === edge.text);
    const rejected = await ok<{ links: DocumentLinks }>(dispatch, 'graphDecide', {
      decision: { action: 'reject', edgeId: edge.id },
    });
    expect(pointsAtBg(rejected.links)).toBe(false);
    ctx.archive.graph.resolveAll();
    expect(pointsAtBg(ctx.archive.graph.links(yt))).toBe(false);
    const after = ctx.archive.graph.links(yt).up.find((u) => u.edge.text === edge.text)!.edge;
    const confirmed = await ok<{ links: DocumentLinks }>(dispatch, 'graphDecide', {
      decision: { action: 'confirm', edgeId: after.id, toDoc: bg },
    });
    expect(confirmed.links.up.find((u) => u.node.id === bg && u.edge.text === edge.text)?.edge.status).toBe(
      'confirmed',
    );
  });

  // Regression: #/pending offered no way back from a wrong «Không phải» or «Đúng văn bản này».
  test('undo takes a decision back: the citation resolves as if the clerk had never decided', async () => {
    const yt = ids.get('yt128')!;
    const bg = ids.get('bg571')!;
    const before = ctx.archive.graph.links(yt).up.find((u) => u.node.id === bg && u.edge.text.startsWith('Thực hiện'))!;
    const matchKey = edgeById(ctx.archive.db, before.edge.id)!.match_key;
    await ok(dispatch, 'graphDecide', { decision: { action: 'reject', edgeId: before.edge.id, toDoc: bg } });
    expect(ctx.archive.graph.links(yt).up.some((u) => u.node.id === bg && u.edge.text === before.edge.text)).toBe(
      false,
    );
    const undone = await ok<{ links: DocumentLinks }>(dispatch, 'graphDecide', {
      decision: { action: 'undo', fromId: yt, matchKey, toDoc: bg },
    });
    const back = undone.links.up.find((u) => u.node.id === bg && u.edge.text === before.edge.text);
    expect(back?.edge.status).toBe('resolved');
    // It stays undone through a full re-resolution: no decision is left behind.
    ctx.archive.graph.resolveAll();
    expect(
      ctx.archive.graph.links(yt).up.find((u) => u.node.id === bg && u.edge.text === before.edge.text)?.edge.status,
    ).toBe('resolved');
    const unknown = (await dispatch('graphDecide', {
      decision: { action: 'undo', fromId: 99999, matchKey, toDoc: bg },
    })) as Result<unknown>;
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
  });

  test('coverage names the recipients with and without implementing documents', async () => {
    const cov = await ok<Coverage>(dispatch, 'graphCoverage', { id: ids.get('bg571')!, days: 30, today: '2021-06-01' });
    const yt = cov.rows.find((r) => r.recipient === 'Huyện ủy Yên Thế')!;
    expect(yt.implementing.map((n) => n.id)).toEqual([ids.get('yt128')]);
    const ln = cov.rows.find((r) => r.recipient === 'Huyện ủy Lục Nam')!;
    expect(ln).toMatchObject({ implementing: [], overdue: true });
  });

  test('bad inputs and unknown ids come back as data, never thrown', async () => {
    const bad = [
      ['graphNeighbourhood', { id: 1, depth: 4 }],
      ['graphNeighbourhood', { id: 'x1' }],
      ['graphChain', { id: -1 }],
      ['graphDecide', { decision: { action: 'add', fromId: 3, toDoc: 3 } }],
      ['graphDecide', { decision: { action: 'merge', edgeId: 1 } }],
      ['graphCoverage', { id: 1, days: 0 }],
      ['graphLinks', { id: 1, extra: true }],
    ] as const;
    for (const [m, input] of bad) {
      const r = (await dispatch(m, input)) as Result<unknown>;
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    }
    for (const [m, input] of [
      ['graphChain', { id: 99999 }],
      ['graphNeighbourhood', { id: 'p99999' }],
      ['graphDecide', { decision: { action: 'confirm', edgeId: 99999 } }],
    ] as const) {
      const r = (await dispatch(m, input)) as Result<unknown>;
      expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
    }
  });
});
