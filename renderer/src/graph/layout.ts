/**
 * Level layout of a neighbourhood with elkjs (layered, direction DOWN): one partition per level,
 * central at the top and commune at the bottom.
 *
 * ELK runs in a Web Worker (elkjs's own elk-worker.min.js, copied beside app.js by
 * scripts/build.mjs, so `script-src 'self'` covers it): 500 nodes take about a second, which in the
 * page's thread froze zoom, scroll and clicks. Where no worker can start (no Worker, a refused or
 * failed script) the bundled build lays out in the page's thread as before.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Graph, GraphNode } from '../../../shared/graph/types';

export const NODE_W = 190;
export const NODE_H = 58;

const PARTITION: Record<string, number> = { central: 0, province: 1, district: 2, commune: 3 };
/** Unknown level: between district and commune would mislead; keep them in a row of their own at the bottom. */
const UNKNOWN_PARTITION = 4;

export interface PlacedNode {
  node: GraphNode;
  key: string;
  x: number;
  y: number;
}

export interface PlacedEdge {
  id: number;
  from: string;
  to: string;
  /** SVG path data, from the cited (upper) document down to the citing one. */
  d: string;
  relation: string;
  status: string;
  text: string;
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const WORKER_FILE = 'elk-worker.min.js';

type Elk = InstanceType<typeof ELK>;
/** undefined: not tried yet; null: no worker here (use the page's thread). */
let worker: { elk: Elk; failed: Promise<never> } | null | undefined;
let inPage: Elk | null = null;

function startWorker(): { elk: Elk; failed: Promise<never> } | null {
  if (typeof Worker === 'undefined' || typeof document === 'undefined') return null;
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  // ELK's promises never settle when its worker dies; this one rejects instead.
  failed.catch(() => {});
  try {
    const elk = new ELK({
      workerFactory: () => {
        const w = new Worker(new URL(WORKER_FILE, document.baseURI));
        w.addEventListener('error', () => fail(new Error('elk worker failed')));
        return w;
      },
    });
    return { elk, failed };
  } catch {
    return null;
  }
}

async function runElk(root: ElkNode): Promise<ElkNode> {
  if (worker === undefined) worker = startWorker();
  if (worker) {
    const w = worker;
    try {
      return await Promise.race([w.elk.layout(root), w.failed]);
    } catch (e) {
      // A layout error from ELK itself is the caller's; only a dead worker falls back.
      if (!(e instanceof Error && e.message === 'elk worker failed')) throw e;
      w.elk.terminateWorker();
      worker = null;
    }
  }
  inPage ??= new ELK();
  return inPage.layout(root);
}

/** Above this many nodes the layout trades some crossing minimisation for speed. */
const LARGE = 150;
const FAST: Record<string, string> = {
  'elk.layered.layering.strategy': 'LONGEST_PATH',
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
};

export function partitionOf(n: GraphNode): number {
  return n.level ? (PARTITION[n.level] ?? UNKNOWN_PARTITION) : UNKNOWN_PARTITION;
}

export async function layoutGraph(g: Graph, extra: Record<string, string> = {}): Promise<Layout> {
  const keys = new Set(g.nodes.map((n) => String(n.id)));
  // One line per pair of documents: a plan citing the same letter in its title and its body is one link.
  const pairs = new Map<string, Graph['edges'][number]>();
  for (const e of g.edges) {
    if (!keys.has(String(e.from)) || !keys.has(String(e.to)) || String(e.from) === String(e.to)) continue;
    const k = `${e.from}>${e.to}`;
    const seen = pairs.get(k);
    if (!seen) pairs.set(k, e);
    else if (e.text && !seen.text.includes(e.text))
      pairs.set(k, { ...seen, text: seen.text ? `${seen.text}\n${e.text}` : e.text });
  }
  const edges = [...pairs.values()];
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.partitioning.activate': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': '46',
      'elk.spacing.nodeNode': '22',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      // Partitions with the default (network simplex) layering take 20 s for 500 nodes in ELK;
      // longest-path layering with one sweep and simple placement takes 1–2 s (docs/graph.md).
      ...(g.nodes.length > LARGE ? FAST : {}),
      ...extra,
    },
    children: g.nodes.map((n) => ({
      id: String(n.id),
      width: NODE_W,
      height: NODE_H,
      layoutOptions: { 'elk.partitioning.partition': String(partitionOf(n)) },
    })),
    // Drawn from the cited document (higher level) down to the one that cites it.
    edges: edges.map((e) => ({ id: `e${e.id}`, sources: [String(e.to)], targets: [String(e.from)] })),
  };
  const out = await runElk(root);
  const pos = new Map((out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  const sections = new Map(
    (out.edges ?? []).map((e) => [
      e.id,
      (e as { sections?: { startPoint: P; endPoint: P; bendPoints?: P[] }[] }).sections?.[0],
    ]),
  );
  const nodes = g.nodes.map((node) => {
    const key = String(node.id);
    const p = pos.get(key) ?? { x: 0, y: 0 };
    return { node, key, x: p.x, y: p.y };
  });
  const placed: PlacedEdge[] = edges.map((e) => {
    const s = sections.get(`e${e.id}`);
    let d: string;
    if (s)
      d = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]
        .map((p, i) => `${i ? 'L' : 'M'}${r(p.x)} ${r(p.y)}`)
        .join(' ');
    else {
      const a = pos.get(String(e.to)) ?? { x: 0, y: 0 };
      const b = pos.get(String(e.from)) ?? { x: 0, y: 0 };
      d = `M${r(a.x + NODE_W / 2)} ${r(a.y + NODE_H)} L${r(b.x + NODE_W / 2)} ${r(b.y)}`;
    }
    return {
      id: e.id,
      from: String(e.from),
      to: String(e.to),
      d,
      relation: e.relation,
      status: e.status,
      text: e.text,
    };
  });
  return {
    nodes,
    edges: placed,
    width: Math.max(out.width ?? 0, NODE_W + 32),
    height: Math.max(out.height ?? 0, NODE_H + 32),
  };
}

interface P {
  x: number;
  y: number;
}
const r = (v: number) => Math.round(v * 10) / 10;
