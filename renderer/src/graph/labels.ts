/** Words and colours of the citation graph (issue #5) in the UI. */
import {
  PLACEHOLDER_LABEL,
  RELATION_LABELS,
  relationWords,
  type DocumentSource,
  type GraphEdge,
  type GraphNode,
  type NodeLevel,
} from '../../../shared/graph/types';
import { formatDate, formatDateTime } from '../format';

export { PLACEHOLDER_LABEL, RELATION_LABELS };

export const LEVEL_NAMES: Record<NodeLevel, string> = {
  central: 'Trung ương',
  province: 'Tỉnh',
  district: 'Huyện',
  commune: 'Xã',
};

/** "Kế hoạch số 128-KH/HU", or "Công điện ngày 27/04/2021" for a citation without a number. */
export function nodeTitle(n: GraphNode): string {
  const type = n.type ?? 'Văn bản';
  if (n.ref) return `${type} số ${n.ref}`;
  if (n.date) return `${type} ngày ${formatDate(n.date)}`;
  return type;
}

/** "Tỉnh ủy Bắc Giang · 12/03/2021". */
export function nodeMeta(n: GraphNode): string {
  return [n.issuer, n.date ? formatDate(n.date) : null].filter(Boolean).join(' · ');
}

/**
 * "tệp 019-chi-thi.pdf (PDF) · nhập 24/11/2026 10:15": tells apart two imports of one directive (a
 * .txt and a .docx) that read alike in every other field.
 */
export function sourceLabel(s: DocumentSource): string {
  const file = s.fileName ? `tệp ${s.fileName}${s.format ? ` (${s.format.toUpperCase()})` : ''}` : null;
  return [
    file ?? (s.format ? `định dạng ${s.format.toUpperCase()}` : null),
    s.importedAt ? `nhập ${formatDateTime(s.importedAt)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function relationLabel(e: Pick<GraphEdge, 'relation'>): string {
  return relationWords(e.relation);
}

export const STATUS_LABELS: Partial<Record<GraphEdge['status'], string>> = {
  confirmed: 'văn thư đã xác nhận',
  manual: 'văn thư thêm',
  uncertain: 'cần văn thư xác nhận',
};

/** Where a node opens: a document's page; a placeholder has none. */
export function nodeHref(n: GraphNode): string | null {
  return n.placeholder ? null : `#/doc/${n.id}`;
}

/**
 * Where a node of the graph view opens: a document's page; a placeholder's own graph (who cites the
 * document that is not in the archive), as «Sơ đồ» on #/missing does.
 */
export function graphNodeHref(n: GraphNode): string {
  return n.placeholder ? `#/graph/${n.id}` : `#/doc/${n.id}`;
}

/**
 * A graph node's accessible name: "Công văn số 571-CV/TU, Tỉnh ủy Bắc Giang, 12/03/2021", flagged
 * when not in the archive. The drawn text is cut to fit the box; this is not.
 */
export function nodeLabel(n: GraphNode, isCentre = false): string {
  return [
    nodeTitle(n),
    n.issuer,
    n.ref && n.date ? formatDate(n.date) : null,
    n.placeholder ? (n.uncertain ? 'cần xác nhận' : PLACEHOLDER_LABEL) : null,
    isCentre ? 'văn bản đang xem' : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Fill and stroke by document type (SVG attributes, so an exported SVG keeps them). */
const TYPE_STYLES: [RegExp, { fill: string; stroke: string; name: string }][] = [
  [/^nghị quyết/i, { fill: '#fde2e1', stroke: '#a8322d', name: 'Nghị quyết' }],
  [/^(chỉ thị|công điện)/i, { fill: '#fff0cc', stroke: '#9a6a00', name: 'Chỉ thị, công điện' }],
  [
    /^(kết luận|quy định|quy chế|quyết định)/i,
    { fill: '#e5e0f7', stroke: '#5b4a9e', name: 'Kết luận, quy định, quyết định' },
  ],
  [/^(kế hoạch|chương trình|đề án)/i, { fill: '#dff1e0', stroke: '#2f7a3a', name: 'Kế hoạch, chương trình' }],
  [
    /^(công văn|thông báo|thông tri|hướng dẫn)/i,
    { fill: '#dde9f7', stroke: '#2b5c9a', name: 'Công văn, thông báo, hướng dẫn' },
  ],
];
const OTHER_STYLE = { fill: '#eeeeee', stroke: '#555555', name: 'Loại khác' };
export const PLACEHOLDER_STYLE = { fill: '#ffffff', stroke: '#8a8a8a', name: PLACEHOLDER_LABEL };

export function typeStyle(n: GraphNode): { fill: string; stroke: string; name: string } {
  if (n.placeholder) return PLACEHOLDER_STYLE;
  const t = n.type ?? '';
  for (const [re, style] of TYPE_STYLES) if (re.test(t)) return style;
  return OTHER_STYLE;
}

export const LEGEND = [...TYPE_STYLES.map(([, s]) => s), OTHER_STYLE];
