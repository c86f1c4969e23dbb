/**
 * The graph view `#/graph/<id>` (issue #5, docs/graph.md): the neighbourhood of a document at depth
 * 1–3, laid out in levels by elkjs (central at the top, commune at the bottom), nodes styled by type,
 * placeholders dashed, click to open, zoom and pan on the SVG viewBox (wheel, drag, buttons), export
 * SVG/PNG and print. Nodes are plain SVG elements rendered once per layout (memoized); zoom and pan
 * only change the viewBox attribute, so 500 nodes stay smooth. All text is React text nodes.
 */
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { Graph, GraphNode } from '../../../shared/graph/types';
import { formatDate } from '../format';
import { ErrorMessage } from '../views/ErrorMessage';
import {
  LEGEND,
  LEVEL_NAMES,
  nodeHref,
  nodeTitle,
  PLACEHOLDER_LABEL,
  PLACEHOLDER_STYLE,
  relationLabel,
  typeStyle,
} from './labels';
import { layoutGraph, NODE_H, NODE_W, type Layout } from './layout';
import './graph.css';

const FONT = "Tinos, 'Times New Roman', serif";
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

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
        {layout.nodes.map(({ node, key, x, y }) => {
          const s = typeStyle(node);
          const href = nodeHref(node);
          const body = (
            <>
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
            </>
          );
          return (
            <g
              key={key}
              transform={`translate(${x} ${y})`}
              data-node={key}
              data-placeholder={node.placeholder || undefined}
              data-level={node.level ?? ''}
            >
              {href ? <a href={href}>{body}</a> : body}
            </g>
          );
        })}
      </g>
    </>
  );
});

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

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

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function GraphView({ api, id }: { api: VanthuApi; id: string }) {
  const [depth, setDepth] = useState(1);
  const [graph, setGraph] = useState<{ key: string; value: Graph } | null>(null);
  const [layout, setLayout] = useState<{ key: string; value: Layout } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const view = useRef<Box>({ x: 0, y: 0, w: 1, h: 1 });
  const drag = useRef<{ px: number; py: number; start: Box; scale: number; moved: boolean } | null>(null);
  const key = `${id}|${depth}`;

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

  const apply = useCallback(() => {
    const v = view.current;
    svgRef.current?.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  }, []);
  const fit = useCallback(() => {
    if (!current) return;
    view.current = { x: 0, y: 0, w: current.width, h: current.height };
    apply();
  }, [current, apply]);
  useEffect(fit, [fit]);

  /** Zooms by `factor` (< 1 in) around a point in drawing coordinates (default: the centre of the view). */
  const zoom = useCallback(
    (factor: number, cx?: number, cy?: number) => {
      if (!current) return;
      const v = view.current;
      const w = Math.min(Math.max(v.w * factor, 60), current.width * 8);
      const f = w / v.w;
      const x0 = cx ?? v.x + v.w / 2;
      const y0 = cy ?? v.y + v.h / 2;
      view.current = { x: x0 - (x0 - v.x) * f, y: y0 - (y0 - v.y) * f, w, h: v.h * f };
      apply();
    },
    [current, apply],
  );

  const toDrawing = (clientX: number, clientY: number): { x: number; y: number } | null => {
    const svg = svgRef.current;
    const m = svg?.getScreenCTM();
    if (!svg || !m) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };

  // The wheel listener must not be passive to keep the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const p = toDrawing(e.clientX, e.clientY);
      zoom(Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300))), p?.x, p?.y);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [zoom, current]);

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const m = svgRef.current?.getScreenCTM();
    drag.current = { px: e.clientX, py: e.clientY, start: { ...view.current }, scale: m ? 1 / m.a : 1, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.px;
    const dy = e.clientY - d.py;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      svgRef.current?.setPointerCapture(e.pointerId);
    }
    view.current = { ...d.start, x: d.start.x - dx * d.scale, y: d.start.y - dy * d.scale };
    apply();
  };
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d?.moved) svgRef.current?.releasePointerCapture(e.pointerId);
  };
  // A drag that ends on a node is not a click on it.
  const onClickCapture = (e: ReactMouseEvent<SVGSVGElement>) => {
    if (drag.current?.moved) {
      e.preventDefault();
      e.stopPropagation();
    }
    drag.current = null;
  };

  const exportSvg = () => {
    if (!svgRef.current || !current) return;
    download(`so-do-${id}.svg`, new Blob([svgText(svgRef.current, current)], { type: 'image/svg+xml' }));
  };
  const exportPng = async () => {
    if (!svgRef.current || !current) return;
    try {
      download(`so-do-${id}.png`, await pngBlob(svgText(svgRef.current, current), current));
    } catch {
      setNote('Không xuất được ảnh PNG.');
    }
  };
  const print = () => {
    fit();
    window.print();
  };

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
            onClick={() => zoom(1 / 1.25)}
            aria-label="Phóng to"
            data-testid="zoom-in"
          >
            +
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => zoom(1.25)}
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
      <div className="graph-canvas" hidden={!current}>
        <svg
          ref={svgRef}
          className="graph-svg"
          role="img"
          aria-label="Sơ đồ liên kết văn bản theo cấp: Trung ương ở trên, cấp xã ở dưới"
          preserveAspectRatio="xMidYMid meet"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onClickCapture={onClickCapture}
          data-testid="graph-svg"
        >
          {current && <Drawing layout={current} centre={String(centre?.id ?? '')} />}
        </svg>
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
          Mũi tên chỉ về văn bản được thực hiện / căn cứ; rê chuột trên đường nối để xem câu trích dẫn.
        </li>
      </ul>
    </div>
  );
}
