/**
 * The graph view `#/graph/<id>` (issue #5, docs/graph.md): the neighbourhood of a document at depth
 * 1–3, laid out in levels by elkjs (central at the top, commune at the bottom), nodes styled by type,
 * placeholders dashed, click to open, zoom and pan (wheel, drag, buttons), export SVG/PNG and print.
 *
 * Why zoom and pan move a CSS transform, not the viewBox: a new viewBox makes Chromium lay out and
 * paint all 500 nodes' SVG text again (~40–60 ms of main thread per step, measured by
 * scripts/bench-graph.ts --ui), while a transform on the composited <svg> only moves its already
 * painted picture. The viewBox catches up once a gesture ends (or when the picture would run out),
 * so the drawing is sharp again at rest. Nodes are rendered once per layout (memoized).
 */
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent as ReactFocusEvent,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { Graph, GraphNode } from '../../../shared/graph/types';
import { downloadBlob } from '../download';
import { formatDate } from '../format';
import { ErrorMessage } from '../views/ErrorMessage';
import {
  graphNodeHref,
  LEGEND,
  LEVEL_NAMES,
  nodeLabel,
  nodeTitle,
  PLACEHOLDER_LABEL,
  PLACEHOLDER_STYLE,
  relationLabel,
  typeStyle,
} from './labels';
import { GraphCitations } from './GraphCitations';
import { layoutGraph, NODE_H, NODE_W, type Layout, type PlacedNode } from './layout';
import './graph.css';

const FONT = "Tinos, 'Times New Roman', serif";
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Top row first, left to right: the order a clerk reads the levels in, and the order Tab takes. */
function readingOrder(nodes: readonly PlacedNode[]): PlacedNode[] {
  return [...nodes].sort((a, b) => a.y - b.y || a.x - b.x);
}

const EDGE_COLOURS: Record<string, string> = { uncertain: '#c26a00', manual: '#2f7a3a', confirmed: '#2b5c9a' };

/** The drawing: computed once per layout; zoom and pan never re-render it. */
const Drawing = memo(function Drawing({ layout, centre }: { layout: Layout; centre: string }) {
  return (
    <>
      <defs>
        <marker
          id="graph-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 0 L10 5 L0 10 z" fill="#666" />
        </marker>
      </defs>
      <rect x={0} y={0} width={layout.width} height={layout.height} fill="#ffffff" />
      <g data-layer="edges" fill="none">
        {layout.edges.map((e) => (
          <path
            key={e.id}
            d={e.d}
            stroke={EDGE_COLOURS[e.status] ?? '#777'}
            strokeWidth={1.3}
            strokeDasharray={e.status === 'uncertain' || e.status === 'missing' ? '5 4' : undefined}
            // The edge is drawn from the cited document down to the citing one; the arrow points at the cited.
            markerStart="url(#graph-arrow)"
            data-edge={`${e.from}>${e.to}`}
            data-status={e.status}
          >
            <title>{`${relationLabel(e)}: ${e.text}`}</title>
          </path>
        ))}
      </g>
      <g data-layer="nodes" fontFamily={FONT}>
        {/* Drawn in reading order (top row first, left to right): that is the order Tab walks them. */}
        {readingOrder(layout.nodes).map(({ node, key, x, y }) => {
          const s = typeStyle(node);
          return (
            <g
              key={key}
              transform={`translate(${x} ${y})`}
              data-node={key}
              data-placeholder={node.placeholder || undefined}
              data-level={node.level ?? ''}
            >
              {/* Every node is a link, so Tab reaches it and Enter opens it as a click does. */}
              <a href={graphNodeHref(node)} aria-label={nodeLabel(node, key === centre)}>
                <title>
                  {[
                    nodeTitle(node),
                    node.issuer,
                    node.date ? formatDate(node.date) : null,
                    node.subject,
                    node.placeholder ? PLACEHOLDER_LABEL : null,
                  ]
                    .filter(Boolean)
                    .join('\n')}
                </title>
                <rect
                  width={NODE_W}
                  height={NODE_H}
                  rx={5}
                  fill={s.fill}
                  stroke={s.stroke}
                  strokeWidth={key === centre ? 3 : 1.2}
                  strokeDasharray={node.placeholder ? '6 4' : undefined}
                />
                {/* Shown by graph.css on keyboard focus only; hidden by attribute in an exported SVG. */}
                <rect
                  className="graph-focus-ring"
                  x={-5}
                  y={-5}
                  width={NODE_W + 10}
                  height={NODE_H + 10}
                  rx={8}
                  fill="none"
                  stroke="#0b57d0"
                  strokeWidth={3}
                  visibility="hidden"
                />
                <text x={8} y={17} fontSize={12.5} fontWeight="bold" fill="#1a1a1a">
                  {cut(nodeTitle(node), 28)}
                </text>
                <text x={8} y={33} fontSize={11.5} fill="#333">
                  {cut(node.issuer ?? '', 31)}
                </text>
                <text
                  x={8}
                  y={49}
                  fontSize={11}
                  fill={node.placeholder ? '#a40000' : '#555'}
                  fontStyle={node.placeholder ? 'italic' : undefined}
                >
                  {node.placeholder
                    ? `${node.uncertain ? 'cần xác nhận' : PLACEHOLDER_LABEL}${node.date ? ` · ${formatDate(node.date)}` : ''}`
                    : cut(
                        [node.date ? formatDate(node.date) : null, node.level ? LEVEL_NAMES[node.level] : null]
                          .filter(Boolean)
                          .join(' · '),
                        31,
                      )}
                </text>
              </a>
            </g>
          );
        })}
      </g>
    </>
  );
});

/** The whole drawing as a standalone SVG document (attributes only, no stylesheet, nothing remote). */
export function svgText(svg: SVGSVGElement, layout: Layout): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  clone.setAttribute('width', String(Math.ceil(layout.width)));
  clone.setAttribute('height', String(Math.ceil(layout.height)));
  clone.removeAttribute('class');
  clone.removeAttribute('style');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** PNG through an <img> of the SVG as a data: URL (img-src allows data:, not blob:) drawn on a canvas. */
async function pngBlob(text: string, layout: Layout): Promise<Blob> {
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('không vẽ được ảnh'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  // Twice the size for print quality, within what a canvas can hold.
  const scale = Math.min(
    2,
    16000 / layout.width,
    16000 / layout.height,
    Math.sqrt(120e6 / (layout.width * layout.height)),
  );
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(layout.width * scale));
  canvas.height = Math.max(1, Math.floor(layout.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('không có canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('không tạo được PNG'))), 'image/png'),
  );
}

/** What the canvas shows: the drawing point at its top-left corner and the scale (screen px per unit). */
interface View {
  x: number;
  y: number;
  s: number;
}

/**
 * The <svg> is the canvas plus this fraction of it on every side (graph.css: -50 %, 200 %), so a
 * pan of half a canvas or a zoom out of 2× still shows painted nodes; more margin, more to raster.
 */
const MARGIN = 0.5;
/**
 * A drag redraws as soon as an unpainted margin would show. The wheel moves in jumps, so waiting
 * for each to be redrawn is what stuttered: it lets the picture shrink or blow up this far (blank
 * margins, blurred text) and redraws once the wheel has been still for WHEEL_SETTLE_MS.
 */
const WHEEL_STRETCH = 8;
const WHEEL_SETTLE_MS = 180;
/**
 * «Vừa khung» never enlarges past this: a document with one or two links was blown up to fill the
 * canvas, its titles 35–60 px high.
 */
const FIT_MAX = 1.5;
/** Below this scale (text under ~4 px on screen) the screen drawing leaves the unreadable text out. */
const FAR = 0.35;
/**
 * The mouse resting this long on a node shows its citations beside the drawing; passing over nodes
 * on the way to that list does not replace them.
 */
const HOVER_SELECT_MS = 350;

export function GraphView({ api, id }: { api: VanthuApi; id: string }) {
  const [depth, setDepth] = useState(1);
  const [graph, setGraph] = useState<{ key: string; value: Graph } | null>(null);
  const [layout, setLayout] = useState<{ key: string; value: Layout } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  /** `drawn` is what the viewBox shows; `live` what the clerk sees (drawn moved by the CSS transform). */
  const drawn = useRef<View>({ x: 0, y: 0, s: 1 });
  const live = useRef<View>({ x: 0, y: 0, s: 1 });
  /** The canvas's size in CSS px, read when redrawing, not on every frame. */
  const size = useRef({ w: 1, h: 1 });
  const wheeling = useRef(false);
  /** Between beforeprint and afterprint: the paper's resize must not bring the screen view back. */
  const printing = useRef(false);
  const frame = useRef(0);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const drag = useRef<{ px: number; py: number; start: View; moved: boolean } | null>(null);
  const key = `${id}|${depth}`;
  /** The node whose citations are listed beside the drawing (GraphCitations), for this graph only. */
  const [selected, setSelected] = useState<{ graph: string; node: string } | null>(null);
  const hover = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    const nodeId = /^\d+$/.test(id) ? Number(id) : id;
    void api.graphNeighbourhood({ id: nodeId, depth, direction: 'both', max: 500 }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setGraph({ key, value: r.value });
        setError(null);
      } else setError(r.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, id, depth, key]);

  useEffect(() => {
    if (!graph || graph.key !== key) return;
    let cancelled = false;
    void layoutGraph(graph.value).then(
      (l) => !cancelled && setLayout({ key, value: l }),
      () => !cancelled && setNote('Không sắp xếp được sơ đồ.'),
    );
    return () => {
      cancelled = true;
    };
  }, [graph, key]);

  const current = layout && layout.key === key ? layout.value : null;

  /** Redraws at the live view: the one expensive step (layout and paint of every node). */
  const commit = useCallback(() => {
    const svg = svgRef.current;
    const canvas = canvasRef.current;
    if (!svg || !canvas || printing.current) return;
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    clearTimeout(settle.current);
    wheeling.current = false;
    size.current = { w: Math.max(1, canvas.clientWidth), h: Math.max(1, canvas.clientHeight) };
    const v = live.current;
    const w = size.current.w / v.s;
    const h = size.current.h / v.s;
    // graph.css hides text in `graph-far` on screen only: print and the exported SVG keep it.
    svg.classList.toggle('graph-far', v.s < FAR);
    svg.setAttribute(
      'viewBox',
      `${v.x - w * MARGIN} ${v.y - h * MARGIN} ${w * (1 + 2 * MARGIN)} ${h * (1 + 2 * MARGIN)}`,
    );
    svg.style.transform = '';
    drawn.current = { ...v };
  }, []);

  /** Moves the painted drawing to the live view on the next frame; many events make one frame. */
  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const svg = svgRef.current;
      if (!svg) return;
      const d = drawn.current;
      const v = live.current;
      const k = v.s / d.s;
      const tx = (d.x - v.x) * v.s;
      const ty = (d.y - v.y) * v.s;
      // The painted picture spans [-MARGIN, 1 + MARGIN] canvases; moved by (tx, ty) and scaled by k
      // around the canvas's corner, does it still cover the canvas?
      const covers = (t: number, n: number) => t - k * MARGIN * n <= 0 && t + k * (1 + MARGIN) * n >= n;
      const redraw = wheeling.current
        ? k > WHEEL_STRETCH || k < 1 / WHEEL_STRETCH
        : !covers(tx, size.current.w) || !covers(ty, size.current.h);
      if (redraw) commit();
      else svg.style.transform = `translate(${tx}px, ${ty}px) scale(${k})`;
    });
  }, [commit]);

  const fit = useCallback(() => {
    const canvas = canvasRef.current;
    if (!current || !canvas) return;
    const w = Math.max(1, canvas.clientWidth);
    const h = Math.max(1, canvas.clientHeight);
    const s = Math.min(w / current.width, h / current.height, FIT_MAX);
    live.current = { x: current.width / 2 - w / s / 2, y: current.height / 2 - h / s / 2, s };
    commit();
  }, [current, commit]);
  // Before the first paint: a large drawing then starts without its unreadable text (FAR), and
  // 500 nodes' text is never laid out at a scale nobody can read.
  useLayoutEffect(fit, [fit]);

  // A new canvas size keeps the top-left corner and the scale.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !current) return;
    const observer = new ResizeObserver(() => commit());
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [current, commit]);

  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      clearTimeout(settle.current);
      clearTimeout(hover.current);
    },
    [],
  );

  /** Zooms by `factor` (< 1 in) around a canvas point in CSS px (default: its centre). */
  const zoomAt = useCallback(
    (factor: number, px?: number, py?: number) => {
      if (!current) return;
      const { w, h } = size.current;
      const v = live.current;
      const s = Math.min(Math.max(v.s / factor, w / (current.width * 8)), w / 60);
      const ax = px ?? w / 2;
      const ay = py ?? h / 2;
      live.current = { x: v.x + ax / v.s - ax / s, y: v.y + ay / v.s - ay / s, s };
    },
    [current],
  );
  const zoomButton = (factor: number) => {
    zoomAt(factor);
    commit();
  };

  // Not passive: the wheel zooms the drawing instead of scrolling the page.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      zoomAt(Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300))), e.clientX - r.left, e.clientY - r.top);
      wheeling.current = true;
      schedule();
      clearTimeout(settle.current);
      settle.current = setTimeout(commit, WHEEL_SETTLE_MS);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [zoomAt, schedule, commit]);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { px: e.clientX, py: e.clientY, start: { ...live.current }, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.px;
    const dy = e.clientY - d.py;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      canvasRef.current?.setPointerCapture(e.pointerId);
    }
    live.current = { ...d.start, x: d.start.x - dx / d.start.s, y: d.start.y - dy / d.start.s };
    schedule();
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d?.moved) return;
    canvasRef.current?.releasePointerCapture(e.pointerId);
    // A pan keeps the scale, so the moved picture stays sharp. Redraw (while the hand is still)
    // only when a zoom is pending or over half the margin is used up, so the next drag has room.
    const v = live.current;
    const used = (shift: number, n: number) => Math.abs(shift) * v.s > (MARGIN * n) / 2;
    if (
      v.s !== drawn.current.s ||
      used(drawn.current.x - v.x, size.current.w) ||
      used(drawn.current.y - v.y, size.current.h)
    )
      commit();
  };
  /**
   * Tab onto a node: the browser scrolls the canvas (overflow: hidden still scrolls) to show it,
   * which the view's arithmetic knows nothing of. Undo that scroll and pan the view instead, so the
   * focused node, and its ring, are on screen.
   */
  const onFocus = (e: ReactFocusEvent<HTMLDivElement>) => {
    const canvas = canvasRef.current;
    const nodeKey = (e.target as Element).closest('[data-node]')?.getAttribute('data-node');
    if (!canvas || !current || nodeKey == null) return;
    // Its citations and their sentences, listed beside the drawing (the edges' tooltips need a mouse).
    clearTimeout(hover.current);
    setSelected({ graph: key, node: nodeKey });
    canvas.scrollLeft = 0;
    canvas.scrollTop = 0;
    const placed = current.nodes.find((n) => n.key === nodeKey);
    if (!placed) return;
    const w = Math.max(1, canvas.clientWidth);
    const h = Math.max(1, canvas.clientHeight);
    const v = live.current;
    const pad = 12 / v.s;
    const inside = (at: number, len: number, from: number, span: number) =>
      at - pad >= from && at + len + pad <= from + span / v.s;
    if (inside(placed.x, NODE_W, v.x, w) && inside(placed.y, NODE_H, v.y, h)) return;
    live.current = { ...v, x: placed.x + NODE_W / 2 - w / v.s / 2, y: placed.y + NODE_H / 2 - h / v.s / 2 };
    commit();
  };
  /** The mouse resting on a node (not passing over it, not dragging) lists its citations. */
  const onPointerOver = (e: ReactPointerEvent<HTMLDivElement>) => {
    clearTimeout(hover.current);
    const nodeKey = (e.target as Element).closest('[data-node]')?.getAttribute('data-node');
    if (nodeKey == null || drag.current) return;
    hover.current = setTimeout(() => setSelected({ graph: key, node: nodeKey }), HOVER_SELECT_MS);
  };
  // A drag that ends on a node is not a click on it.
  const onClickCapture = (e: ReactMouseEvent<HTMLDivElement>) => {
    if (drag.current?.moved) {
      e.preventDefault();
      e.stopPropagation();
    }
    drag.current = null;
  };

  const exportSvg = () => {
    if (!svgRef.current || !current) return;
    downloadBlob(`so-do-${id}.svg`, new Blob([svgText(svgRef.current, current)], { type: 'image/svg+xml' }));
  };
  const exportPng = async () => {
    if (!svgRef.current || !current) return;
    try {
      downloadBlob(`so-do-${id}.png`, await pngBlob(svgText(svgRef.current, current), current));
    } catch {
      setNote('Không xuất được ảnh PNG.');
    }
  };
  // The screen viewBox has margins for panning and the canvas's shape; paper gets the whole drawing
  // (also when printing from the app's menu, hence the events rather than the button).
  useEffect(() => {
    if (!current) return;
    const before = () => {
      printing.current = true;
      svgRef.current?.setAttribute('viewBox', `0 0 ${current.width} ${current.height}`);
      if (svgRef.current) svgRef.current.style.transform = '';
    };
    const after = () => {
      printing.current = false;
      commit();
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [current, commit]);
  const print = () => window.print();

  const centre = useMemo(() => graph?.value.nodes[0] ?? null, [graph]);
  const counts = current
    ? {
        nodes: current.nodes.length,
        edges: current.edges.length,
        missing: current.nodes.filter((n) => n.node.placeholder).length,
      }
    : null;

  return (
    <div className="graph-page" data-testid="graph-page">
      <div className="graph-toolbar">
        {centre && !centre.placeholder && (
          <a className="button back" href={`#/doc/${centre.id}`}>
            <span aria-hidden="true">← </span>Về văn bản
          </a>
        )}
        {/* A placeholder (a cited document not yet in the archive) has no page of its own: back to
            the list of what is missing, where it was reached from. */}
        {centre?.placeholder && (
          <a className="button back" href="#/missing">
            <span aria-hidden="true">← </span>Về văn bản còn thiếu
          </a>
        )}
        {/* The graph of a directive no longer in the archive (a link kept from before it was deleted)
            said only «Không tìm thấy…» with nowhere to go but the browser's Back. */}
        {!centre && error?.code === 'NOT_FOUND' && (
          <a className="button back" href="#/">
            <span aria-hidden="true">← </span>Về danh sách
          </a>
        )}
        <h1 className="graph-title">Sơ đồ liên kết{centre ? `: ${nodeTitle(centre as GraphNode)}` : ''}</h1>
        <label>
          Độ sâu{' '}
          <select value={depth} onChange={(e) => setDepth(Number(e.target.value))} data-testid="graph-depth">
            <option value={1}>1 bước</option>
            <option value={2}>2 bước</option>
            <option value={3}>3 bước</option>
          </select>
        </label>
        <span className="graph-buttons">
          <button
            type="button"
            className="button small"
            onClick={() => zoomButton(1 / 1.25)}
            aria-label="Phóng to"
            data-testid="zoom-in"
          >
            +
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => zoomButton(1.25)}
            aria-label="Thu nhỏ"
            data-testid="zoom-out"
          >
            −
          </button>
          <button type="button" className="button small" onClick={fit} data-testid="zoom-fit">
            Vừa khung
          </button>
          <button
            type="button"
            className="button small"
            onClick={exportSvg}
            disabled={!current}
            data-testid="export-svg"
          >
            Xuất SVG
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => void exportPng()}
            disabled={!current}
            data-testid="export-png"
          >
            Xuất PNG
          </button>
          <button type="button" className="button small" onClick={print} disabled={!current}>
            In
          </button>
        </span>
      </div>
      {error && <ErrorMessage error={error} />}
      {note && <p className="muted">{note}</p>}
      {counts && (
        <p className="graph-summary" data-testid="graph-summary">
          {counts.nodes} văn bản, {counts.edges} liên kết
          {counts.missing > 0 ? `, ${counts.missing} văn bản chưa có trong kho` : ''}
          {graph?.value.truncated ? ' — sơ đồ đã được cắt bớt ở 500 văn bản' : ''}
        </p>
      )}
      {!current && !error && <p className="muted">Đang sắp xếp sơ đồ…</p>}
      <div className="graph-body">
        <div
          ref={canvasRef}
          className="graph-canvas"
          hidden={!current}
          data-testid="graph-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onClickCapture={onClickCapture}
          onFocus={onFocus}
          onPointerOver={onPointerOver}
          onPointerLeave={() => clearTimeout(hover.current)}
        >
          <svg
            ref={svgRef}
            className="graph-svg"
            // A group, not an image: an image's content is hidden from assistive technology, and with
            // it the nodes' links.
            role="group"
            aria-label="Sơ đồ liên kết văn bản theo cấp: Trung ương ở trên, cấp xã ở dưới"
            preserveAspectRatio="xMidYMid meet"
            data-testid="graph-svg"
          >
            {current && <Drawing layout={current} centre={String(centre?.id ?? '')} />}
          </svg>
        </div>
        {/* After the drawing: Tab walks the nodes first, then the links of this list. */}
        {current && centre && (
          <GraphCitations
            layout={current}
            nodeKey={selected?.graph === key ? selected.node : String(centre.id)}
            centre={String(centre.id)}
          />
        )}
      </div>
      <ul className="graph-legend" aria-label="Chú giải">
        {LEGEND.map((s) => (
          <li key={s.name}>
            <svg width="22" height="14" aria-hidden="true">
              <rect x={1} y={1} width={20} height={12} rx={2} fill={s.fill} stroke={s.stroke} />
            </svg>{' '}
            {s.name}
          </li>
        ))}
        <li>
          <svg width="22" height="14" aria-hidden="true">
            <rect
              x={1}
              y={1}
              width={20}
              height={12}
              rx={2}
              fill={PLACEHOLDER_STYLE.fill}
              stroke={PLACEHOLDER_STYLE.stroke}
              strokeDasharray="4 3"
            />
          </svg>{' '}
          {PLACEHOLDER_LABEL} (viền đứt)
        </li>
        <li className="muted">
          Mũi tên chỉ về văn bản được thực hiện / căn cứ; câu trích dẫn của văn bản đang chọn ở khung bên cạnh sơ đồ
          (hoặc rê chuột trên đường nối).
        </li>
      </ul>
    </div>
  );
}
