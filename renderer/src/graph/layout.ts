/**
 * Level layout of a neighbourhood with elkjs (layered, direction DOWN): one partition per level,
 * central at the top and commune at the bottom. ELK runs in the page's main thread (the bundled
 * build's fake worker), so nothing is loaded from a URL and the CSP `script-src 'self'` holds.
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

let elk: InstanceType<typeof ELK> | null = null;

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
  elk ??= new ELK();
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
  const out = await elk.layout(root);
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
