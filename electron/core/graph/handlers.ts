/** API handlers of the citation graph (issue #5, docs/graph.md), spread into electron/core/api/handlers.ts. */
import { VanthuError } from '../../../shared/api/errors';
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract';
import type { graphInputSchemas } from '../../../shared/graph/schema';
import type { Archive } from '../archive';

type GraphMethod = keyof typeof graphInputSchemas & MethodName;
type GraphHandlers = { [M in GraphMethod]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M> };

const localToday = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function createGraphHandlers(archive: Archive): GraphHandlers {
  const g = () => archive.graph;
  const writable = () => {
    if (archive.db.readonly) throw new VanthuError('ARCHIVE_READ_ONLY');
  };
  return {
    graphNeighbourhood: ({ id, direction, depth, max }) =>
      g().neighbourhood(typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id, direction, depth, max),
    graphChain: ({ id }) => g().chain(id),
    graphLinks: ({ id }) => g().links(id),
    graphMissing: ({ limit, offset }) => g().missingPage(limit, offset),
    graphPending: ({ limit }) => g().pending(limit),
    graphDecide: ({ decision }) => {
      writable();
      const d = decision;
      if (d.action === 'add') {
        const edge = g().addLink(d.fromId, d.toDoc, d.relation, d.note);
        return { edge, links: g().links(d.fromId) };
      }
      if (d.action === 'undo') {
        g().clearDecision(d.fromId, d.matchKey, d.toDoc);
        return { edge: null, links: g().links(d.fromId) };
      }
      const from = g().edgeOrigin(d.edgeId);
      if (from === null) throw new VanthuError('NOT_FOUND', `liên kết #${d.edgeId}`);
      if (d.action === 'remove') g().removeLink(d.edgeId);
      else g().decide(d.edgeId, d.action, d.toDoc);
      return { edge: null, links: g().links(from) };
    },
    graphCoverage: ({ id, days, today }) => g().coverage(id, days, today ?? localToday()),
  };
}
