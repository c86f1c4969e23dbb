/**
 * Input schemas of the citation-graph operations (issue #5, docs/graph.md), spread into
 * shared/api/contract.ts. A node id is a document id or "p<n>" for a placeholder.
 */
import { z } from 'zod';

const docId = z.number().int().positive();
const nodeId = z.union([docId, z.string().regex(/^p?\d{1,15}$/, 'mã nút phải là số văn bản hoặc p<số>')]);
const relation = z.enum(['implements', 'basis', 'responds', 'amends', 'reports', 'mentions']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');

export const GraphDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), edgeId: docId, toDoc: docId.nullable().default(null) }).strict(),
  z.object({ action: z.literal('reject'), edgeId: docId, toDoc: docId.nullable().default(null) }).strict(),
  z
    .object({
      action: z.literal('add'),
      fromId: docId,
      toDoc: docId,
      relation: relation.default('implements'),
      note: z.string().trim().max(2000).nullable().default(null),
    })
    .strict()
    .refine((v) => v.fromId !== v.toDoc, { message: 'không thể liên kết văn bản với chính nó' }),
  z.object({ action: z.literal('remove'), edgeId: docId }).strict(),
  /**
   * Takes back a confirm or reject (#/pending's «Hoàn tác»). By citing document, match key and target,
   * not by edge: deciding re-resolves the citation, and its edge may have a new id by then.
   */
  z.object({ action: z.literal('undo'), fromId: docId, matchKey: z.string().min(1).max(500), toDoc: docId }).strict(),
]);
export type GraphDecisionInput = z.output<typeof GraphDecisionSchema>;

export const graphInputSchemas = {
  /** The documents around one, at depth 1–3, capped at `max` nodes (breadth first). */
  graphNeighbourhood: z
    .object({
      id: nodeId,
      direction: z.enum(['up', 'down', 'both']).default('both'),
      depth: z.number().int().min(1).max(3).default(1),
      max: z.number().int().min(1).max(2000).default(500),
    })
    .strict(),
  /** From a document up to the highest level. */
  graphChain: z.object({ id: docId }).strict(),
  /** The document page: upward and downward links with their sentences, and the chain. */
  graphLinks: z.object({ id: docId }).strict(),
  /** A page of the placeholders, most cited first; `offset` skips that many of them. */
  graphMissing: z
    .object({
      limit: z.number().int().min(1).max(5000).default(1000),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  graphPending: z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict(),
  graphDecide: z.object({ decision: GraphDecisionSchema }).strict(),
  graphCoverage: z
    .object({ id: docId, days: z.number().int().min(1).max(3650).default(30), today: isoDate.optional() })
    .strict(),
} as const;
