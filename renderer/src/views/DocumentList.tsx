/** The archive's documents as a virtualized table; Enter or a click opens a document. */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { VanthuApi } from '../../../shared/api/contract';
import { documentTitle, formatDate } from '../format';
import { ErrorMessage } from './ErrorMessage';
import { useDocumentPages, type SortOrder } from './useDocumentPages';
import { listKeyAction, useFocusActiveRow } from './listRows';

const ROW_HEIGHT = 56;

interface Props {
  api: VanthuApi;
  sort: SortOrder;
  onSortChange(sort: SortOrder): void;
  onOpen(id: number): void;
  refreshKey: number;
  /** Row to focus when coming back from a document. */
  focusId: number | null;
  /** Shown instead of the table when the archive is empty. */
  empty: ReactNode;
}

export function DocumentList({ api, sort, onSortChange, onOpen, refreshKey, focusId, empty }: Props) {
  const { total, error, row, ensure } = useDocumentPages(api, sort, refreshKey);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const wantFocus = useRef(false);
  const restored = useRef(false);

  const count = total ?? 0;
  // The virtualizer is mutable by design; this component does not rely on memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensure(firstIndex, lastIndex);
  }, [count, firstIndex, lastIndex, ensure]);

  // Coming back from a document: put the focus on the row that was opened.
  useEffect(() => {
    if (restored.current || focusId === null || count === 0) return;
    for (let i = 0; i < count; i++) {
      const doc = row(i);
      if (doc === undefined) return; // page not loaded yet; try again on the next render
      if (doc.id === focusId) {
        restored.current = true;
        setActive(i);
        wantFocus.current = true;
        virtualizer.scrollToIndex(i, { align: 'center' });
        return;
      }
    }
    restored.current = true;
  }, [focusId, count, row, virtualizer]);

  useFocusActiveRow(scrollRef, active, wantFocus);

  if (error && total === null) return <ErrorMessage error={error} />;
  if (total === null) return <p className="muted loading">Đang tải danh sách…</p>;
  if (total === 0) return <>{empty}</>;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    wantFocus.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const visibleRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, id: number | undefined) => {
    const action = listKeyAction(event.key, index, visibleRows, count);
    if (action === null) return;
    if (action !== 'open') move(action);
    else if (id !== undefined) onOpen(id);
    event.preventDefault();
  };

  const toggleSort = () => onSortChange(sort === 'date_desc' ? 'date_asc' : 'date_desc');
  const dateSort = sort === 'date_desc' ? 'descending' : sort === 'date_asc' ? 'ascending' : 'none';

  return (
    <div
      className="doc-table"
      role="table"
      aria-label="Danh sách văn bản trong kho"
      aria-rowcount={count + 1}
      data-testid="doc-list"
    >
      <div className="doc-row doc-head" role="row" aria-rowindex={1}>
        <div role="columnheader" className="c-ref">
          Số/ký hiệu
        </div>
        <div role="columnheader" className="c-type">
          Loại
        </div>
        <div role="columnheader" className="c-issuer">
          Cơ quan ban hành
        </div>
        <div role="columnheader" className="c-date" aria-sort={dateSort}>
          <button
            type="button"
            className="sort-button"
            onClick={toggleSort}
            data-testid="sort-date"
            title={
              sort === 'date_asc'
                ? 'Đang xếp cũ nhất trước; bấm để xếp mới nhất trước'
                : 'Đang xếp mới nhất trước; bấm để xếp cũ nhất trước'
            }
          >
            Ngày <span aria-hidden="true">{sort === 'date_asc' ? '▲' : sort === 'date_desc' ? '▼' : '↕'}</span>
            <span className="visually-hidden">{sort === 'date_asc' ? ' (cũ nhất trước)' : ' (mới nhất trước)'}</span>
          </button>
        </div>
        <div role="columnheader" className="c-subject">
          Trích yếu
        </div>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="doc-scroll" ref={scrollRef} role="rowgroup">
        <div className="doc-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const doc = row(item.index);
            const isActive = item.index === Math.min(active, count - 1);
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                className={'doc-row doc-item' + (item.index % 2 ? ' odd' : '')}
                tabIndex={isActive ? 0 : -1}
                data-index={item.index}
                data-testid={doc ? 'doc-row' : 'doc-row-loading'}
                data-id={doc?.id}
                aria-label={doc ? `${documentTitle(doc)}${doc.subject ? ': ' + doc.subject : ''}` : 'Đang tải…'}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  if (doc) onOpen(doc.id);
                }}
                onFocus={() => setActive(item.index)}
                onKeyDown={(e) => onKeyDown(e, item.index, doc?.id)}
              >
                {doc ? (
                  <>
                    <div role="cell" className="c-ref">
                      {doc.ref ?? <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="c-type">
                      {doc.type ?? <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="c-issuer">
                      {doc.issuer ?? <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="c-date">
                      {doc.date ? formatDate(doc.date) : <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="c-subject">
                      <span className="clamp">{doc.subject ?? doc.originalName}</span>
                    </div>
                  </>
                ) : (
                  <div role="cell" className="c-loading muted">
                    Đang tải…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
