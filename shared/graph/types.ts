/** What the citation graph (issue #5) returns to the UI and the CLI. */
import type { CitationRelation } from '../model/directive';

/** A document id, or "p<n>" for a placeholder: a cited document that is not in the archive. */
export type NodeId = number | string;

export type NodeLevel = 'central' | 'province' | 'district' | 'commune';

export interface GraphNode {
  id: NodeId;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  date: string | null;
  placeholder: boolean;
  level: NodeLevel | null;
  subject?: string | null;
  /** Placeholders only: the citation is uncertain (several candidates wait for the clerk). */
  uncertain?: boolean;
  /**
   * Documents offered to the clerk (`pending()` candidates) only: the file it was imported from.
   * The same directive imported twice (a .txt and a .docx: other bytes, not a duplicate) reads
   * alike in every other field.
   */
  source?: DocumentSource;
}

/** Where an archived document came from: its original file's name, its format, when it was imported. */
export interface DocumentSource {
  fileName: string | null;
  /** "txt", "docx", "pdf"… as stored at import. */
  format: string | null;
  /** ISO timestamp. */
  importedAt: string | null;
}

export type EdgeStatus = 'resolved' | 'confirmed' | 'manual' | 'missing' | 'uncertain';

export interface GraphEdge {
  id: number;
  from: NodeId;
  to: NodeId;
  relation: CitationRelation | string;
  /** The citing sentence. */
  text: string;
  status: EdgeStatus;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The node cap was reached: more neighbours exist than were returned. */
  truncated: boolean;
}

export interface DocumentLinks {
  id: number;
  /** "Thực hiện / căn cứ": what this document cites. */
  up: { edge: GraphEdge; node: GraphNode }[];
  /** "Được thực hiện bởi": documents that cite this one. */
  down: { edge: GraphEdge; node: GraphNode }[];
  /** From this document up to the highest level, following the highest-level target at each step. */
  chain: GraphNode[];
}

export interface MissingDocument {
  node: GraphNode;
  citations: number;
  citing: GraphNode[];
}

/** One page of the missing documents (`graphMissing`) and how many there are in all. */
export interface MissingDocuments {
  missing: MissingDocument[];
  total: number;
}

export interface PendingDecision {
  edgeId: number;
  from: GraphNode;
  text: string;
  relation: string;
  matchKey: string;
  candidates: GraphNode[];
  /** 'uncertain': several documents fit; 'near': same number and issuer, another date. */
  reason: 'uncertain' | 'near';
}

export interface CoverageRow {
  recipient: string;
  /** Documents issued by this recipient that cite the document. */
  implementing: GraphNode[];
  /** No implementing document and the document is older than the threshold. */
  overdue: boolean;
}

export interface Coverage {
  id: number;
  date: string | null;
  days: number;
  rows: CoverageRow[];
  /** Implementing documents whose issuer is not among the recipients. */
  others: GraphNode[];
}

/**
 * A relation in words: the one table for the review page, the graph, the history and the CLI (the
 * review page had said «sửa đổi, bổ sung» where the graph said «sửa đổi» of the same link).
 * 'amends' also covers «thay thế», «bãi bỏ», «đính chính» (shared/parser/tables.ts).
 */
export const RELATION_LABELS: Readonly<Record<CitationRelation, string>> = {
  implements: 'thực hiện',
  basis: 'căn cứ',
  responds: 'trả lời',
  amends: 'sửa đổi, bổ sung',
  reports: 'báo cáo',
  mentions: 'nhắc đến',
};

/** A stored relation in words; an unknown one (a newer Vanthu's) as it is stored. */
export function relationWords(relation: string): string {
  return (RELATION_LABELS as Readonly<Record<string, string>>)[relation] ?? relation;
}

export const PLACEHOLDER_LABEL = 'chưa có trong kho';

export function placeholderNodeId(id: number): string {
  return `p${id}`;
}

export function parseNodeId(id: NodeId): { doc: number } | { placeholder: number } | null {
  if (typeof id === 'number') return Number.isInteger(id) && id > 0 ? { doc: id } : null;
  const m = /^p(\d+)$/.exec(id);
  if (m) return { placeholder: Number(m[1]) };
  return /^\d+$/.test(id) ? { doc: Number(id) } : null;
}
