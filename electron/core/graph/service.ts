/**
 * Reading and editing the citation graph (issue #5): neighbourhoods, the chain of command, missing
 * documents, pending decisions, the clerk's confirm/reject/add, implementation coverage.
 */
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import { bodiesOf, bodiesOverlap, citingContext, type RegistryAlias } from '../../../shared/graph/keys';
import { inRecipientGroup, recipientGroup } from '../../../shared/graph/recipients';
import {
  parseNodeId,
  placeholderNodeId,
  type Coverage,
  type CoverageRow,
  type DocumentLinks,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type MissingDocument,
  type MissingDocuments,
  type NodeId,
  type NodeLevel,
  type PendingDecision,
} from '../../../shared/graph/types';
import type { Recipient } from '../../../shared/model/directive';
import * as gs from '../db/graph-store';
import { catchUpGraph, resolveAll, resolveMatchKey, type ResolveAllReport } from './resolve';

export type Direction = 'up' | 'down' | 'both';

const LEVEL_RANK: Record<string, number> = { central: 3, province: 2, district: 1, commune: 0 };
/** A view of 500 nodes stays smooth; the CLI may ask for more. */
export const DEFAULT_MAX_NODES = 500;
/** The chain of command never needs more steps than there are levels; this bounds a cycle in bad data. */
const CHAIN_MAX_STEPS = 8;

const asLevel = (l: string | null): NodeLevel | null => (l && l in LEVEL_RANK ? (l as NodeLevel) : null);

interface NodeFacts {
  id: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  date: string | null;
}

/** An archived document as a node; the subject only for a single node (the whole graph leaves it out). */
function documentAsNode(
  r: NodeFacts & { issuer_level: string | null; subject: string | null },
  withSubject: boolean,
): GraphNode {
  return {
    id: r.id,
    ref: r.ref,
    type: r.type,
    issuer: r.issuer,
    date: r.date,
    placeholder: false,
    level: asLevel(r.issuer_level),
    ...(withSubject ? { subject: r.subject } : {}),
  };
}

/** A placeholder as a node; `uncertain` only where the caller looked at its edges. */
function placeholderAsNode(r: NodeFacts & { level: string | null }, uncertain?: boolean): GraphNode {
  return {
    id: placeholderNodeId(r.id),
    ref: r.ref,
    type: r.type,
    issuer: r.issuer,
    date: r.date,
    placeholder: true,
    level: asLevel(r.level),
    ...(uncertain === undefined ? {} : { uncertain }),
  };
}

export class GraphService {
  private caughtUp = false;

  constructor(private readonly db: Database) {}

  /** Resolves whatever was stored without edges (first use after an upgrade, re-parsed documents). */
  private ready(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    if (!this.db.readonly) catchUpGraph(this.db);
  }

  resolveAll(): ResolveAllReport {
    this.caughtUp = true;
    return resolveAll(this.db);
  }

  docNode(id: number): GraphNode | null {
    const r = gs.documentNode(this.db, id);
    return r ? documentAsNode(r, true) : null;
  }

  placeholderNode(id: number): GraphNode | null {
    const r = gs.placeholderNode(this.db, id);
    if (!r) return null;
    const uncertain = gs.edgesToPlaceholder(this.db, id).some((e) => e.status === 'uncertain');
    return placeholderAsNode(r, uncertain);
  }

  node(id: NodeId): GraphNode | null {
    const p = parseNodeId(id);
    if (!p) return null;
    return 'doc' in p ? this.docNode(p.doc) : this.placeholderNode(p.placeholder);
  }

  private upEdges(id: NodeId): GraphEdge[] {
    const p = parseNodeId(id);
    if (!p || !('doc' in p)) return [];
    return gs
      .edgesFrom(this.db, p.doc)
      .filter((e) => e.to_doc !== null || e.to_placeholder !== null)
      .map((e) => ({
        id: e.id,
        from: p.doc,
        to: e.to_doc ?? placeholderNodeId(e.to_placeholder!),
        relation: e.relation,
        text: e.sentence,
        status: e.status as GraphEdge['status'],
      }));
  }

  private downEdges(id: NodeId): GraphEdge[] {
    const p = parseNodeId(id);
    if (!p) return [];
    const rows = 'doc' in p ? gs.edgesToDoc(this.db, p.doc) : gs.edgesToPlaceholder(this.db, p.placeholder);
    return rows.map((e) => ({
      id: e.id,
      from: e.from_id,
      to: id,
      relation: e.relation,
      text: e.sentence,
      status: e.status as GraphEdge['status'],
    }));
  }

  /**
   * The documents around one: upward (what it implements, transitively), downward (what implements
   * it), or both trees. Breadth first, so a cap keeps the nearest nodes.
   */
  neighbourhood(start: NodeId, direction: Direction = 'both', depth = 2, maxNodes = DEFAULT_MAX_NODES): Graph {
    this.ready();
    const first = this.node(start);
    if (!first) throw new VanthuError('NOT_FOUND', String(start));
    const nodes = new Map<string, GraphNode>([[String(first.id), first]]);
    const edges = new Map<number, GraphEdge>();
    let truncated = false;
    const walk = (step: (id: NodeId) => GraphEdge[], next: (e: GraphEdge) => NodeId): void => {
      let frontier: NodeId[] = [first.id];
      for (let level = 0; level < depth && frontier.length > 0; level++) {
        const following: NodeId[] = [];
        for (const id of frontier) {
          for (const e of step(id)) {
            const other = next(e);
            const key = String(other);
            if (!nodes.has(key)) {
              if (nodes.size >= maxNodes) {
                truncated = true;
                continue;
              }
              const n = this.node(other);
              if (!n) continue;
              nodes.set(key, n);
              following.push(other);
            }
            edges.set(e.id, e);
          }
        }
        frontier = following;
      }
    };
    if (direction !== 'down')
      walk(
        (id) => this.upEdges(id),
        (e) => e.to,
      );
    if (direction !== 'up')
      walk(
        (id) => this.downEdges(id),
        (e) => e.from,
      );
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  }

  /** The whole graph: every document with an edge, every placeholder, every edge. */
  all(): Graph {
    this.ready();
    const nodes: GraphNode[] = [];
    for (const r of gs.graphDocumentNodes(this.db)) nodes.push(documentAsNode(r, false));
    const uncertain = gs.uncertainPlaceholders(this.db);
    for (const r of gs.allPlaceholders(this.db)) nodes.push(placeholderAsNode(r, uncertain.has(r.id)));
    const edges: GraphEdge[] = [];
    for (const e of gs.allShownEdges(this.db)) {
      if (e.to_doc === null && e.to_placeholder === null) continue;
      edges.push({
        id: e.id,
        from: e.from_id,
        to: e.to_doc ?? placeholderNodeId(e.to_placeholder!),
        relation: e.relation,
        text: e.sentence,
        status: e.status as GraphEdge['status'],
      });
    }
    return { nodes, edges, truncated: false };
  }

  /** From a document up to the highest level: at each step the highest-level document it cites. */
  chain(id: number): GraphNode[] {
    this.ready();
    const start = this.docNode(id);
    if (!start) throw new VanthuError('NOT_FOUND', `#${id}`);
    const out = [start];
    const seen = new Set<string>([String(id)]);
    let current: GraphNode = start;
    for (let i = 0; i < CHAIN_MAX_STEPS && !current.placeholder; i++) {
      const ownRank = LEVEL_RANK[current.level ?? ''] ?? -1;
      let best: GraphNode | null = null;
      for (const e of this.upEdges(current.id)) {
        if (seen.has(String(e.to))) continue;
        const n = this.node(e.to);
        if (!n) continue;
        const rank = LEVEL_RANK[n.level ?? ''] ?? -1;
        if (rank < ownRank) continue;
        const bestRank = best ? (LEVEL_RANK[best.level ?? ''] ?? -1) : -2;
        // Higher level first; a document in the archive before a placeholder; then the earlier order of citation.
        if (rank > bestRank || (rank === bestRank && best?.placeholder && !n.placeholder)) best = n;
      }
      if (!best) break;
      out.push(best);
      seen.add(String(best.id));
      current = best;
    }
    return out;
  }

  links(id: number): DocumentLinks {
    this.ready();
    if (!this.docNode(id)) throw new VanthuError('NOT_FOUND', `#${id}`);
    const up = this.upEdges(id).flatMap((edge) => {
      const node = this.node(edge.to);
      return node ? [{ edge, node }] : [];
    });
    const down = this.downEdges(id).flatMap((edge) => {
      const node = this.node(edge.from);
      return node ? [{ edge, node }] : [];
    });
    return { id, up, down, chain: this.chain(id) };
  }

  /** Placeholders ranked by how many documents cite them: what to request or scan. */
  missing(limit = 1000, citingLimit = 50, offset = 0): MissingDocument[] {
    this.ready();
    const placeholders = gs.missingPlaceholders(this.db, limit, offset);
    // One read of the edges and one of the documents for the page: a query per placeholder and per
    // citing document (11,000 at 100k documents) was most of the page's time.
    const citers = new Map<number, Set<number>>(placeholders.map((p) => [p.id, new Set()]));
    for (const e of gs.placeholderCiters(this.db, [...citers.keys()])) citers.get(e.to_placeholder)!.add(e.from_id);
    const shown = placeholders.map((p) => [...citers.get(p.id)!].slice(0, citingLimit));
    const nodes = new Map(
      gs.documentNodes(this.db, [...new Set(shown.flat())]).map((r) => [r.id, documentAsNode(r, true)]),
    );
    return placeholders.map((p, i) => ({
      node: placeholderAsNode(p),
      citations: p.citations,
      citing: shown[i]!.flatMap((id) => nodes.get(id) ?? []),
    }));
  }

  /**
   * The page's answer: 1,000 placeholders with up to 50 citing documents each were 2.4 MB and as
   * many rows drawn at 100k documents; it asks for a page and is told how many there are.
   */
  missingPage(limit = 1000, offset = 0): MissingDocuments {
    return { missing: this.missing(limit, 50, offset), total: gs.missingPlaceholderCount(this.db) };
  }

  pending(limit = 500): PendingDecision[] {
    this.ready();
    const rows: [gs.EdgeRow, 'uncertain' | 'near'][] = [
      ...gs.pendingEdges(this.db, limit).map((e) => [e, 'uncertain'] as [gs.EdgeRow, 'uncertain']),
      ...gs.nearMisses(this.db, limit).map((e) => [e, 'near'] as [gs.EdgeRow, 'near']),
    ];
    return rows.slice(0, limit).flatMap(([e, reason]) => {
      const from = this.docNode(e.from_id);
      if (!from) return [];
      const ids = JSON.parse(e.candidates ?? '[]') as number[];
      return [
        {
          edgeId: e.id,
          from,
          text: e.sentence,
          relation: e.relation,
          matchKey: e.match_key,
          // With the file each came from: two imports of one directive read alike otherwise.
          candidates: ids.flatMap((i) => {
            const node = this.docNode(i);
            const source = node ? gs.documentSource(this.db, i) : undefined;
            return node ? [source ? { ...node, source } : node] : [];
          }),
          reason,
        },
      ];
    });
  }

  /** The clerk confirms or rejects a target for a citation; the decision outlives re-parsing. */
  decide(edgeId: number, action: 'confirm' | 'reject', toDoc: number | null, now = new Date()): GraphEdge[] {
    const edge = gs.edgeById(this.db, edgeId);
    if (!edge || edge.citation_id === null) throw new VanthuError('NOT_FOUND', `liên kết #${edgeId}`);
    const target = toDoc ?? edge.to_doc;
    if (target === null || !this.docNode(target)) throw new VanthuError('NOT_FOUND', `#${toDoc ?? '?'}`);
    this.db
      .transaction(() => {
        gs.clearDecisions(this.db, edge.from_id, edge.match_key, target);
        gs.insertDecision(this.db, {
          fromId: edge.from_id,
          matchKey: edge.match_key,
          action,
          toDoc: target,
          relation: null,
          note: null,
          now: now.toISOString(),
        });
        resolveMatchKey(this.db, edge.from_id, edge.match_key);
      })
      .immediate();
    return this.upEdges(edge.from_id);
  }

  /** Takes back a confirm or reject: the citation resolves again as if the clerk had not decided. */
  clearDecision(fromId: number, matchKey: string, toDoc: number): GraphEdge[] {
    if (!this.docNode(fromId)) throw new VanthuError('NOT_FOUND', `#${fromId}`);
    this.db
      .transaction(() => {
        gs.clearDecisions(this.db, fromId, matchKey, toDoc);
        resolveMatchKey(this.db, fromId, matchKey);
      })
      .immediate();
    return this.upEdges(fromId);
  }

  /** The citing document of an edge, or null. */
  edgeOrigin(edgeId: number): number | null {
    return gs.edgeById(this.db, edgeId)?.from_id ?? null;
  }

  /** A link the text does not make (or the parser missed): kept as a decision, shown as an edge. */
  addLink(fromId: number, toDoc: number, relation: string, note: string | null, now = new Date()): GraphEdge {
    if (!this.docNode(fromId)) throw new VanthuError('NOT_FOUND', `#${fromId}`);
    if (!this.docNode(toDoc) || toDoc === fromId) throw new VanthuError('NOT_FOUND', `#${toDoc}`);
    const id = this.db
      .transaction(() => {
        gs.insertDecision(this.db, {
          fromId,
          matchKey: null,
          action: 'add',
          toDoc,
          relation,
          note,
          now: now.toISOString(),
        });
        return gs.insertManualEdge(this.db, fromId, toDoc, relation, note ?? '');
      })
      .immediate();
    return { id, from: fromId, to: toDoc, relation, text: note ?? '', status: 'manual' };
  }

  /** Removes a link the clerk added. */
  removeLink(edgeId: number): void {
    const edge = gs.edgeById(this.db, edgeId);
    if (!edge || edge.status !== 'manual') throw new VanthuError('NOT_FOUND', `liên kết #${edgeId}`);
    this.db.transaction(() => gs.deleteManualEdge(this.db, edge)).immediate();
  }

  aliases(): (RegistryAlias & { id: number })[] {
    return gs.listAliases(this.db);
  }

  /** A clerk's registry row; everything is re-resolved so the new name takes effect everywhere. */
  addAlias(alias: RegistryAlias, now = new Date()): ResolveAllReport {
    gs.addAlias(this.db, alias, now.toISOString());
    return this.resolveAll();
  }

  /**
   * Implementation coverage: for each body in the document's "Nơi nhận" / "Kính gửi", the documents
   * it issued that cite this one; recipients without any after `days` days are flagged.
   */
  coverage(id: number, days = 30, today: string = new Date().toISOString().slice(0, 10)): Coverage {
    this.ready();
    const doc = gs.documentNode(this.db, id);
    if (!doc) throw new VanthuError('NOT_FOUND', `#${id}`);
    const province = gs.documentProvince(this.db, id);
    const ctx = { ...citingContext({ issuer: doc.issuer, province, date: doc.date }), date: doc.date };
    const aliases = gs.loadAliases(this.db);
    const recipients = (JSON.parse(gs.documentParseRecipients(this.db, id) ?? '[]') as Recipient[]).filter(
      (r) => !r.forReport && !/^(?:như trên|lưu\b|lưu:)/iu.test(r.text.trim()),
    );
    const implementing = [...new Set(gs.edgesToDoc(this.db, id).map((e) => e.from_id))].map((fromId) => ({
      node: this.docNode(fromId)!,
      bodies: (gs.docKeysOf(this.db, fromId)?.bodies ?? '').split('|').filter(Boolean),
    }));
    const overdueAfter = doc.date ? addDays(doc.date, days) : null;
    const late = overdueAfter !== null && today > overdueAfter;
    const used = new Set<NodeId>();
    const rows: CoverageRow[] = recipients.map((r) => {
      const text = r.text
        .replace(/^[-–+•]\s*/, '')
        .replace(/[;,.]\s*$/, '')
        .trim();
      const group = recipientGroup(text);
      let matched: GraphNode[];
      if (group) {
        // "Các huyện ủy, thị ủy": the documents of those bodies; "Các cơ quan, đơn vị": any from below.
        const ownRank = LEVEL_RANK[doc.issuer_level ?? ''] ?? 3;
        matched = implementing
          .filter(
            ({ node }) =>
              inRecipientGroup(group, node.issuer, node.level) ||
              (group.anyLower && (LEVEL_RANK[node.level ?? ''] ?? -1) < ownRank),
          )
          .map((i) => i.node);
      } else {
        const bodies = bodiesOf(text, ctx, aliases);
        matched = bodies
          ? implementing.filter((i) => i.bodies.length > 0 && bodiesOverlap(bodies, i.bodies)).map((i) => i.node)
          : [];
      }
      for (const m of matched) used.add(m.id);
      return { recipient: text, implementing: matched, overdue: matched.length === 0 && late };
    });
    return { id, date: doc.date, days, rows, others: implementing.map((i) => i.node).filter((n) => !used.has(n.id)) };
  }
}

function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? iso : new Date(t + days * 86400000).toISOString().slice(0, 10);
}
