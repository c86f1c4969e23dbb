/**
 * The citation graph on the document page (issue #5, docs/graph.md): «Thực hiện / căn cứ» (what this
 * document cites), «Được thực hiện bởi» (what cites it), each with the citing sentence and a link
 * to open; «Chuỗi chỉ đạo» up to the highest level; implementation coverage of its «Nơi nhận».
 * Document text is only ever rendered as React text nodes.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { Coverage, DocumentLinks as Links, GraphEdge, GraphNode } from '../../../shared/graph/types';
import type { CitationRelation } from '../../../shared/model/directive';
import type { SearchHit } from '../../../shared/search/types';
import { RelationSelect } from '../review/RelationSelect';
import { ErrorMessage } from '../views/ErrorMessage';
import { nodeHref, nodeMeta, nodeTitle, PLACEHOLDER_LABEL, relationLabel, STATUS_LABELS } from './labels';

export function NodeLink({ node }: { node: GraphNode }) {
  const href = nodeHref(node);
  return (
    <span className={node.placeholder ? 'graph-node-ref placeholder' : 'graph-node-ref'} data-node-id={String(node.id)}>
      {href ? <a href={href}>{nodeTitle(node)}</a> : <span>{nodeTitle(node)}</span>}
      {node.placeholder && (
        <>
          {' '}
          <span className="flag missing" data-testid="placeholder-flag">
            {node.uncertain ? 'cần xác nhận' : PLACEHOLDER_LABEL}
          </span>
        </>
      )}
      {nodeMeta(node) && <span className="muted"> — {nodeMeta(node)}</span>}
    </span>
  );
}

/** Documents one under the other, each a link (a table cell of the coverage and missing lists). */
export function NodeLinks({ nodes }: { nodes: readonly GraphNode[] }) {
  return nodes.map((n) => (
    <div key={String(n.id)}>
      <NodeLink node={n} />
    </div>
  ));
}

export function LinkList({
  items,
  testId,
  empty,
  onRemove,
}: {
  items: { edge: GraphEdge; node: GraphNode }[];
  testId: string;
  empty: string;
  /** Takes back a link the clerk added (status «văn thư thêm»); links read from the text stay. */
  onRemove?: (edge: GraphEdge) => void;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="item-list graph-links" data-testid={testId}>
      {items.map(({ edge, node }) => (
        <li key={edge.id} data-testid="graph-link" data-status={edge.status}>
          <NodeLink node={node} /> <span className="graph-relation">({relationLabel(edge)})</span>
          {STATUS_LABELS[edge.status] && <span className="flag"> {STATUS_LABELS[edge.status]}</span>}
          {edge.status === 'manual' && onRemove && (
            <>
              {' '}
              <button
                type="button"
                className="button small"
                aria-label={`Bỏ liên kết tới ${nodeTitle(node)}`}
                onClick={() => onRemove(edge)}
              >
                Bỏ liên kết
              </button>
            </>
          )}
          {edge.text && <blockquote className="graph-sentence">{edge.text}</blockquote>}
        </li>
      ))}
    </ul>
  );
}

/** A search hit drawn as the graph draws a document. */
function hitNode(h: SearchHit): GraphNode {
  return { id: h.id, ref: h.ref, type: h.type, issuer: h.issuer, date: h.date, placeholder: false, level: null };
}

/**
 * «Thêm liên kết»: a link the text does not make (a directive cited without its number, or not
 * cited at all), to a document chosen by searching the archive. Kept as the clerk's decision, so a
 * re-parse or a re-resolution keeps it (docs/graph.md, Decisions).
 */
function AddLinkForm({
  api,
  id,
  onAdded,
  onCancel,
}: {
  api: VanthuApi;
  id: number;
  onAdded(): void;
  onCancel(): void;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const [chosen, setChosen] = useState<SearchHit | null>(null);
  const [relation, setRelation] = useState<CitationRelation>('implements');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (q === '') return;
    let cancelled = false;
    // Typed a letter at a time: one search once the clerk pauses.
    const timer = setTimeout(() => {
      void api.search({ query: q, limit: 8, facets: false, history: false }).then((r) => {
        if (cancelled) return;
        if (r.ok) {
          setFound({ query: q, hits: r.value.items.filter((h) => h.id !== id) });
          setError(null);
        } else setError(r.error);
      });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, id, query]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    const r = await api.graphDecide({
      decision: { action: 'add', fromId: id, toDoc: chosen.id, relation, note: note.trim() || null },
    });
    setBusy(false);
    if (r.ok) onAdded();
    else setError(r.error);
  };

  const hits = query.trim() !== '' && found?.query === query.trim() ? found.hits : null;
  return (
    <form className="item-form" data-testid="add-link-form" onSubmit={(e) => void submit(e)}>
      <label>
        Tìm văn bản trong kho (số/ký hiệu, trích yếu, cơ quan…)
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          maxLength={300}
          data-testid="add-link-query"
        />
      </label>
      {hits &&
        (hits.length === 0 ? (
          <p className="muted">Không tìm thấy văn bản nào khác.</p>
        ) : (
          <fieldset className="link-candidates">
            <legend>Chọn văn bản</legend>
            {hits.map((h) => (
              <label key={h.id} className="link-candidate">
                <input type="radio" name="link-target" checked={chosen?.id === h.id} onChange={() => setChosen(h)} />{' '}
                <strong>{nodeTitle(hitNode(h))}</strong>
                {nodeMeta(hitNode(h)) && <span className="muted"> — {nodeMeta(hitNode(h))}</span>}
                {h.subject && <span className="muted"> · {h.subject}</span>}
              </label>
            ))}
          </fieldset>
        ))}
      <div className="form-grid">
        <label>
          Văn bản này … văn bản được chọn
          <RelationSelect value={relation} onChange={setRelation} />
        </label>
        <label>
          Ghi chú (không bắt buộc)
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </label>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="editor-actions">
        <button type="submit" className="button primary small" disabled={!chosen || busy}>
          Thêm liên kết
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

export function CoverageTable({ coverage }: { coverage: Coverage }) {
  return (
    <table className="graph-coverage" data-testid="coverage">
      <thead>
        <tr>
          <th>Nơi nhận</th>
          <th>Văn bản triển khai</th>
        </tr>
      </thead>
      <tbody>
        {coverage.rows.map((r, i) => (
          <tr key={i} data-overdue={r.overdue || undefined}>
            <td>{r.recipient}</td>
            <td>
              {r.implementing.length > 0 ? (
                <NodeLinks nodes={r.implementing} />
              ) : r.overdue ? (
                <span className="flag doubtful">Quá {coverage.days} ngày chưa có văn bản triển khai</span>
              ) : (
                <span className="muted">Chưa có văn bản triển khai</span>
              )}
            </td>
          </tr>
        ))}
        {coverage.others.length > 0 && (
          <tr>
            <td>Cơ quan khác</td>
            <td>
              <NodeLinks nodes={coverage.others} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function DocumentLinks({
  api,
  id,
  version = 0,
}: {
  api: VanthuApi;
  id: number;
  /**
   * Bumped by the document page after each change to its citations (added, edited, removed,
   * «Phân tích lại»): the panel kept its first answer until a reload.
   */
  version?: number;
}) {
  const [links, setLinks] = useState<{ id: number; value: Links } | null>(null);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [days, setDays] = useState(30);
  /**
   * What the box shows while typed. It showed `days`, so a number being retyped could not be
   * emptied (clearing «30» left «3», and «45» typed after it made «345»).
   */
  const [daysText, setDaysText] = useState('30');
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  /** Bumped after the clerk adds or takes back a link here: the lists and the coverage are read again. */
  const [edits, setEdits] = useState(0);
  const edited = () => setEdits((n) => n + 1);

  useEffect(() => {
    let cancelled = false;
    void api.graphLinks({ id }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setLinks({ id, value: r.value });
        setError(null);
      } else setError(r.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, id, version, edits]);

  useEffect(() => {
    let cancelled = false;
    void api.graphCoverage({ id, days }).then((r) => {
      if (!cancelled) setCoverage(r.ok ? r.value : null);
    });
    return () => {
      cancelled = true;
    };
  }, [api, id, days, version, edits]);

  const removeLink = async (edge: GraphEdge) => {
    const r = await api.graphDecide({ decision: { action: 'remove', edgeId: edge.id } });
    if (r.ok) edited();
    else setError(r.error);
  };

  if (error) return <ErrorMessage error={error} />;
  if (!links || links.id !== id) return <p className="muted">Đang tải liên kết văn bản…</p>;
  const l = links.value;
  // Highest level first: Trung ương › Tỉnh › Huyện › this document.
  const chain = [...l.chain].reverse();
  const showCoverage = coverage && coverage.id === id && (coverage.rows.length > 0 || coverage.others.length > 0);
  return (
    <section className="review-panel graph-panel" aria-label="Liên kết văn bản" data-testid="graph-panel">
      <div className="panel-head">
        <h2>Liên kết văn bản</h2>
        <a className="button small" href={`#/graph/${id}`} data-testid="graph-open">
          Xem sơ đồ
        </a>
      </div>
      {chain.length > 1 && (
        <>
          <h3>Chuỗi chỉ đạo</h3>
          <ol className="graph-chain" data-testid="graph-chain">
            {chain.map((n) => (
              <li key={String(n.id)} aria-current={n.id === id ? 'true' : undefined}>
                {n.id === id ? <strong>{nodeTitle(n)} (văn bản này)</strong> : <NodeLink node={n} />}
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="panel-head">
        <h3>Thực hiện / căn cứ</h3>
        {!adding && (
          <button type="button" className="button small" onClick={() => setAdding(true)} data-testid="add-link">
            Thêm liên kết…
          </button>
        )}
      </div>
      {adding && (
        <AddLinkForm
          api={api}
          id={id}
          onAdded={() => {
            setAdding(false);
            edited();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <LinkList
        items={l.up}
        testId="graph-up"
        empty="Văn bản không trích dẫn văn bản nào."
        onRemove={(e) => void removeLink(e)}
      />
      <h3>Được thực hiện bởi</h3>
      <LinkList
        items={l.down}
        testId="graph-down"
        empty="Chưa có văn bản nào trong kho thực hiện văn bản này."
        onRemove={(e) => void removeLink(e)}
      />
      {showCoverage && (
        <>
          <h3>
            Tình hình triển khai theo Nơi nhận{' '}
            <label className="graph-days">
              (cảnh báo sau{' '}
              <input
                type="number"
                min={1}
                max={3650}
                value={daysText}
                onChange={(e) => {
                  setDaysText(e.target.value);
                  const v = Number(e.target.value);
                  if (e.target.value.trim() && Number.isInteger(v) && v >= 1 && v <= 3650) setDays(v);
                }}
                onBlur={() => setDaysText(String(days))}
                aria-label="Số ngày chờ văn bản triển khai"
              />{' '}
              ngày)
            </label>
          </h3>
          <CoverageTable coverage={coverage} />
        </>
      )}
    </section>
  );
}
