/**
 * Beside the graph view's drawing: the citations of one node with their citing sentences, which the
 * drawing shows only in an edge's hover tooltip (a clerk on the keyboard or a touchpad could not
 * read them). The node is the one the graph is about until another is focused with Tab, or rested
 * on with the mouse (GraphView.tsx). Document text is only ever rendered as React text nodes.
 */
import type { GraphEdge, GraphNode } from '../../../shared/graph/types';
import { LinkList } from './DocumentLinks';
import { nodeTitle } from './labels';
import type { Layout } from './layout';

export function GraphCitations({ layout, nodeKey, centre }: { layout: Layout; nodeKey: string; centre: string }) {
  const nodes = new Map(layout.nodes.map((p) => [p.key, p.node]));
  const node = nodes.get(nodeKey);
  if (!node) return null;
  const up: { edge: GraphEdge; node: GraphNode }[] = [];
  const down: { edge: GraphEdge; node: GraphNode }[] = [];
  for (const e of layout.edges) {
    const edge = { ...e, status: e.status as GraphEdge['status'] };
    // An edge's sentence is in the citing document (from); it cites the other (to).
    if (e.from === nodeKey && nodes.has(e.to)) up.push({ edge, node: nodes.get(e.to)! });
    else if (e.to === nodeKey && nodes.has(e.from)) down.push({ edge, node: nodes.get(e.from)! });
  }
  return (
    <section
      className="graph-citations no-print"
      aria-label="Trích dẫn của văn bản đang chọn"
      data-testid="graph-citations"
      data-node={nodeKey}
    >
      <h2>
        {nodeTitle(node)}
        {nodeKey === centre ? <span className="muted"> (văn bản của sơ đồ)</span> : null}
      </h2>
      <p className="muted graph-citations-hint">
        Bấm Tab tới một văn bản trong sơ đồ, hoặc dừng chuột trên nó, để xem trích dẫn của văn bản đó.
      </p>
      <h3>Thực hiện / căn cứ</h3>
      <LinkList items={up} testId="graph-citations-up" empty="Không trích dẫn văn bản nào trong sơ đồ." />
      <h3>Được thực hiện bởi</h3>
      <LinkList
        items={down}
        testId="graph-citations-down"
        empty="Không văn bản nào trong sơ đồ trích dẫn văn bản này."
      />
    </section>
  );
}
