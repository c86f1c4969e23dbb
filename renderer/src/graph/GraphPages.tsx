/**
 * The graph's own pages (issue #5, docs/graph.md): `#/graph/<id>` (GraphView), `#/missing` (what to
 * request or scan, ranked by how often it is cited, printable) and `#/pending` (uncertain
 * resolutions for the clerk to decide). Like the safety pages they cover the page they are on, so
 * the shell needs only this layer and two header links.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { GraphNode, MissingDocuments, PendingDecision } from '../../../shared/graph/types';
import { ErrorMessage } from '../views/ErrorMessage';
import { NodeLink, NodeLinks } from './DocumentLinks';
import { GraphView } from './GraphView';
import { nodeMeta, nodeTitle, relationLabel, sourceLabel } from './labels';
import './graph.css';

type GraphRoute = { name: 'none' } | { name: 'graph'; id: string } | { name: 'missing' } | { name: 'pending' };

export function parseGraphHash(hash: string): GraphRoute {
  const m = /^#\/graph\/(p?\d{1,15})\/?$/.exec(hash);
  if (m) return { name: 'graph', id: m[1]! };
  if (/^#\/missing\/?$/.test(hash)) return { name: 'missing' };
  if (/^#\/pending\/?$/.test(hash)) return { name: 'pending' };
  return { name: 'none' };
}

export function GraphLayer({ api }: { api: VanthuApi }) {
  const [route, setRoute] = useState<GraphRoute>(() => parseGraphHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseGraphHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  if (route.name === 'graph') return <GraphView key={route.id} api={api} id={route.id} />;
  if (route.name === 'missing') return <MissingPage api={api} />;
  if (route.name === 'pending') return <PendingPage api={api} />;
  return null;
}

/**
 * Placeholders asked for at a time: all 1,000 at once, with their citing documents, were 2.4 MB
 * and as many rows drawn at 100k documents. «Xem thêm» asks for the next ones.
 */
export const MISSING_PAGE = 200;

function MissingPage({ api }: { api: VanthuApi }) {
  const [page, setPage] = useState<MissingDocuments | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(
    (offset: number) =>
      api.graphMissing({ limit: MISSING_PAGE, offset }).then((r) => {
        setLoading(false);
        if (!r.ok) return setError(r.error);
        setError(null);
        // An import between two pages can move a placeholder into the next one: it is listed once.
        setPage((before) => {
          if (offset === 0 || !before) return r.value;
          const seen = new Set(before.missing.map((m) => String(m.node.id)));
          return {
            missing: [...before.missing, ...r.value.missing.filter((m) => !seen.has(String(m.node.id)))],
            total: r.value.total,
          };
        });
      }),
    [api],
  );
  useEffect(() => {
    void load(0);
  }, [load]);
  const more = (offset: number) => {
    setLoading(true);
    void load(offset);
  };
  const rows = page?.missing ?? null;
  return (
    <div className="graph-page graph-list-page" data-testid="missing-page">
      <div className="graph-toolbar">
        <h1 className="graph-title">Văn bản được trích dẫn nhưng chưa có trong kho</h1>
        <button type="button" className="button small" onClick={() => window.print()} disabled={!rows?.length}>
          In danh sách
        </button>
      </div>
      <p className="muted">Xếp theo số văn bản trích dẫn: đây là danh sách cần xin bản gốc hoặc quét bổ sung.</p>
      {error && <ErrorMessage error={error} />}
      {rows === null && !error && <p className="muted">Đang tải…</p>}
      {rows?.length === 0 && <p>Mọi văn bản được trích dẫn đều đã có trong kho.</p>}
      {rows && rows.length > 0 && (
        <table className="graph-table" data-testid="missing-list">
          <thead>
            <tr>
              <th>STT</th>
              <th>Văn bản còn thiếu</th>
              <th>Số lần trích dẫn</th>
              <th>Văn bản trích dẫn</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m, i) => (
              <tr key={String(m.node.id)} data-testid="missing-row" data-node-id={String(m.node.id)}>
                <td>{i + 1}</td>
                <td>
                  <strong>{nodeTitle(m.node)}</strong>
                  {nodeMeta(m.node) && <div className="muted">{nodeMeta(m.node)}</div>}
                  <a className="no-print" href={`#/graph/${m.node.id}`}>
                    Sơ đồ
                  </a>
                </td>
                <td>
                  {m.citations} lần, {m.citing.length} văn bản
                </td>
                <td>
                  <NodeLinks nodes={m.citing} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > page.missing.length && (
        <p className="muted" data-testid="missing-cut">
          Hiện {page.missing.length} trong {page.total} văn bản chưa có trong kho (nhiều văn bản trích dẫn trước).{' '}
          <button
            type="button"
            className="button small no-print"
            disabled={loading}
            onClick={() => more(page.missing.length)}
          >
            Xem thêm
          </button>
        </p>
      )}
    </div>
  );
}

function PendingPage({ api }: { api: VanthuApi }) {
  const [rows, setRows] = useState<PendingDecision[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  /**
   * After a choice its row (and buttons) go, and the focus fell to the page's top: a clerk on the
   * keyboard tabbed down the whole page again for each citation. It goes to the row now in that
   * place (or the title when none is left), and what was done is said.
   */
  const [after, setAfter] = useState<{ at: number; said: string } | null>(null);
  /**
   * The last choice, for «Hoàn tác»: a wrong click used to vanish with its row, with no way back. Kept
   * by citing document, match key and target, since deciding re-resolves the citation (new edge id).
   */
  const [last, setLast] = useState<{ fromId: number; matchKey: string; toDoc: number; about: string } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback(() => {
    void api.graphPending({}).then((r) => (r.ok ? setRows(r.value) : setError(r.error)));
  }, [api]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!after || !rows) return;
    const row =
      listRef.current?.querySelectorAll<HTMLElement>('[data-testid="pending-row"]')[
        Math.min(after.at, rows.length - 1)
      ];
    (row?.querySelector<HTMLButtonElement>('button') ?? titleRef.current)?.focus();
  }, [after, rows]);
  const decide = async (at: number, p: PendingDecision, action: 'confirm' | 'reject', c: GraphNode) => {
    const toDoc = c.id as number;
    setBusy(true);
    const r = await api.graphDecide({ decision: { action, edgeId: p.edgeId, toDoc } });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      setError(null);
      // Said with both numbers: the row is gone, and the clerk must see which choice was recorded.
      const target = `${nodeTitle(c)} (#${toDoc})`;
      const from = nodeTitle(p.from);
      setAfter({
        at,
        said:
          action === 'confirm'
            ? `Đã xác nhận: ${from} trích dẫn ${target}.`
            : `Đã ghi: ${target} không phải văn bản ${from} trích dẫn.`,
      });
      setLast({ fromId: p.from.id as number, matchKey: p.matchKey, toDoc, about: `${target} của ${from}` });
      load();
    }
  };
  const undo = async () => {
    if (!last) return;
    setBusy(true);
    const { about, ...decision } = last;
    const r = await api.graphDecide({ decision: { action: 'undo', ...decision } });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      setError(null);
      setLast(null);
      setAfter({ at: 0, said: `Đã hoàn tác quyết định về ${about}; trích dẫn trở lại danh sách.` });
      load();
    }
  };
  return (
    <div className="graph-page graph-list-page" data-testid="pending-page">
      <div className="graph-toolbar">
        <h1 className="graph-title" ref={titleRef} tabIndex={-1}>
          Trích dẫn cần văn thư xác nhận
        </h1>
      </div>
      <p className="muted">
        Mỗi trích dẫn dưới đây khớp với nhiều văn bản, hoặc với một văn bản cùng số nhưng khác ngày. Chọn văn bản đúng;
        quyết định được giữ lại khi phân tích lại.
      </p>
      {error && <ErrorMessage error={error} />}
      <div className="graph-pending-after">
        <p role="status" data-testid="pending-status">
          {after && rows
            ? `${after.said} ${rows.length > 0 ? `Còn ${rows.length} trích dẫn cần xác nhận.` : 'Không còn trích dẫn nào cần xác nhận.'}`
            : ''}
        </p>
        {last && (
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => void undo()}
            data-testid="pending-undo"
          >
            Hoàn tác
          </button>
        )}
      </div>
      {rows === null && !error && <p className="muted">Đang tải…</p>}
      {rows?.length === 0 && <p>Không có trích dẫn nào cần xác nhận.</p>}
      <ul className="item-list graph-pending" data-testid="pending-list" ref={listRef}>
        {rows?.map((p, at) => (
          <li key={p.edgeId} data-testid="pending-row">
            <NodeLink node={p.from} /> <span className="graph-relation">({relationLabel(p)})</span>
            <blockquote className="graph-sentence">{p.text}</blockquote>
            <div className="muted">
              {p.reason === 'uncertain' ? 'Nhiều văn bản phù hợp:' : 'Cùng số và cơ quan ban hành nhưng khác ngày:'}
            </div>
            <ul>
              {p.candidates.map((c) => (
                <li key={String(c.id)} data-testid="pending-candidate">
                  <NodeLink node={c} />{' '}
                  {c.source && (
                    <span className="muted graph-source" data-testid="candidate-source">
                      · #{c.id} · {sourceLabel(c.source)}{' '}
                    </span>
                  )}
                  <button
                    type="button"
                    className="button small"
                    disabled={busy}
                    aria-label={`Đúng văn bản này: ${nodeTitle(c)}, #${c.id}`}
                    onClick={() => void decide(at, p, 'confirm', c)}
                  >
                    Đúng văn bản này
                  </button>{' '}
                  <button
                    type="button"
                    className="button small subtle"
                    disabled={busy}
                    aria-label={`Không phải: ${nodeTitle(c)}, #${c.id}`}
                    onClick={() => void decide(at, p, 'reject', c)}
                  >
                    Không phải
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
