/** Import controls, progress and per-file results. */
import { memo, useCallback, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportFileResult } from '../../../shared/model/archive';
import { fileLabel, importStatusText } from '../format';
import { ACCEPT_ATTRIBUTE, fromInput, type PickedSet } from '../import/files';
import type { ImportResultLog, ResultFilter } from '../import/resultLog';
import type { ImportState } from '../import/useImporter';
import { ErrorMessage } from './ErrorMessage';
import { listKeyAction, useFocusActiveRow } from './listRows';

interface Props {
  canPickPaths: boolean;
  state: ImportState;
  onPicked(picked: PickedSet): void;
  onDialog(mode: 'files' | 'folder'): void;
  onOpen(id: number): void;
  onClose?: () => void;
}

export function ImportControls({
  canPickPaths,
  state,
  onPicked,
  onDialog,
}: Pick<Props, 'canPickPaths' | 'state' | 'onPicked' | 'onDialog'>) {
  const busy = state.status === 'reading' || state.status === 'running';
  const folderRef = useCallback((el: HTMLInputElement | null) => {
    if (el) el.webkitdirectory = true;
  }, []);
  const onChange = (fromFolder: boolean) => (event: ChangeEvent<HTMLInputElement>) => {
    const picked = fromInput(event.target.files, fromFolder);
    // Clear the input so choosing the same files again still fires a change.
    event.target.value = '';
    onPicked(picked);
  };

  if (canPickPaths) {
    return (
      <div className="import-controls">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => onDialog('files')}
          data-testid="import-choose-files"
        >
          Chọn tệp…
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => onDialog('folder')}
          data-testid="import-choose-folder"
        >
          Chọn thư mục…
        </button>
      </div>
    );
  }
  return (
    <div className="import-controls">
      <label className={'button primary file-button' + (busy ? ' disabled' : '')}>
        <input
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="visually-hidden"
          disabled={busy}
          onChange={onChange(false)}
          data-testid="import-input"
        />
        Chọn tệp…
      </label>
      <label className={'button file-button' + (busy ? ' disabled' : '')}>
        <input
          type="file"
          multiple
          ref={folderRef}
          className="visually-hidden"
          disabled={busy}
          onChange={onChange(true)}
          data-testid="import-folder-input"
        />
        Chọn thư mục…
      </label>
    </div>
  );
}

export function ImportProgressView({ state }: { state: ImportState }) {
  if (state.status !== 'reading' && state.status !== 'running') return null;
  const position =
    state.status === 'reading' && state.position
      ? state.position
      : state.total > 0
        ? Math.min(state.done + 1, state.total)
        : state.done + 1;
  const name = fileLabel(state.current);
  const verb = state.status === 'reading' ? 'Đang đọc' : 'Đang nhập';
  const label =
    state.total > 0
      ? `${verb} ${position}/${state.total}${name ? ': ' + name : ''}`
      : `${verb}${name ? ': ' + name : '…'}`;
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress
        max={state.total || 1}
        value={state.total ? state.done : undefined}
        aria-label="Tiến độ nhập văn bản"
        aria-valuetext={`${state.done}/${state.total}`}
      />
      <p className="progress-label" data-testid="import-progress-label">
        {label}
      </p>
    </div>
  );
}

const RESULT_ROW_HEIGHT = 30;

const RESULT_FILTERS: { value: ResultFilter; label: string }[] = [
  { value: 'all', label: 'Tất cả' },
  { value: 'failed', label: 'Lỗi' },
  { value: 'duplicate', label: 'Đã có trong kho' },
  { value: 'imported', label: 'Đã nhập' },
];

interface ResultListProps {
  log: ImportResultLog;
  /** The log's length when the state was made: the log grows in place, so this is what changes. */
  resultCount: number;
  onOpen(id: number): void;
}

/**
 * One row per file, virtualized (an import can list tens of thousands), with a filter by status so
 * a few failures are found among thousands of files. Arrow keys, Page Up/Down, Home/End move between
 * rows; Enter opens the row's document.
 *
 * Memoized: while files are read for upload the panel re-renders once per file, the list only when
 * results arrive.
 */
const ImportResultList = memo(function ImportResultList({ log, onOpen }: ResultListProps) {
  const [filter, setFilter] = useState<ResultFilter>('all');
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);
  const count = log.count(filter);

  // The virtualizer is mutable by design: its own state re-renders this list when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => RESULT_ROW_HEIGHT,
    overscan: 8,
  });

  useFocusActiveRow(scrollRef, active, wantFocus);

  const choose = (next: ResultFilter) => {
    setFilter(next);
    setActive(0);
    virtualizer.scrollToOffset(0);
  };
  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    wantFocus.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageRows = Math.max(
    1,
    Math.floor((scrollRef.current?.clientHeight ?? RESULT_ROW_HEIGHT * 7) / RESULT_ROW_HEIGHT) - 1,
  );
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number, result: ImportFileResult) => {
    const action = listKeyAction(event.key, index, pageRows, count);
    if (action === null) return;
    if (action !== 'open') move(action);
    else if (result.id !== null && result.status !== 'failed') onOpen(result.id);
    event.preventDefault();
  };

  const activeIndex = Math.min(active, count - 1);
  return (
    <>
      <div className="result-filter" role="group" aria-label="Lọc kết quả theo trạng thái">
        {RESULT_FILTERS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className={'filter-button ' + value}
            aria-pressed={filter === value}
            onClick={() => choose(value)}
            data-testid={`import-filter-${value}`}
          >
            {label} <span className="filter-count">({log.count(value).toLocaleString('vi-VN')})</span>
          </button>
        ))}
      </div>
      <div className="result-scroll" ref={scrollRef}>
        <ol
          className="result-list"
          data-testid="import-results"
          aria-label="Kết quả từng tệp"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const r = log.at(filter, item.index);
            if (!r) return null;
            const text = importStatusText(r);
            // Two files of one name from two folders: the fewest folders that tell them apart.
            const folder = log.folderOf(r.path);
            return (
              <li
                key={item.key}
                className={'result ' + r.status + (item.index % 2 ? ' odd' : '')}
                data-testid="import-result"
                data-status={r.status}
                data-index={item.index}
                aria-setsize={count}
                aria-posinset={item.index + 1}
                tabIndex={item.index === activeIndex ? 0 : -1}
                style={{ transform: `translateY(${item.start}px)`, height: RESULT_ROW_HEIGHT }}
                onClick={() => setActive(item.index)}
                onFocus={() => setActive(item.index)}
                onKeyDown={(e) => onKeyDown(e, item.index, r)}
              >
                <span className="result-name" title={r.path}>
                  {folder && <span className="result-folder">{folder}</span>}
                  {fileLabel(r.path)}
                </span>
                <span className="result-status" title={text}>
                  {text}
                </span>
                {r.id !== null && r.status !== 'failed' && (
                  // The row takes Enter; the button is for the mouse, so it is not a Tab stop of its own.
                  <button type="button" className="link" tabIndex={-1} onClick={() => onOpen(r.id as number)}>
                    Mở
                  </button>
                )}
              </li>
            );
          })}
        </ol>
        {count === 0 && <p className="muted result-none">Không có tệp nào.</p>}
      </div>
    </>
  );
});

export function ImportResults({ state, onOpen }: { state: ImportState; onOpen(id: number): void }) {
  const done = state.status === 'done';
  if (!done && state.resultCount === 0) return null;
  return (
    <div className="import-results">
      {done && (
        <div data-testid="import-done">
          {state.error && <ErrorMessage error={state.error} />}
          <p className="import-summary" role="status" data-testid="import-summary">
            <span className="count ok">
              Đã nhập: <strong data-testid="count-imported">{state.imported.toLocaleString('vi-VN')}</strong>
            </span>
            <span className="count dup">
              Đã có trong kho:{' '}
              <strong data-testid="count-duplicates">{state.duplicates.toLocaleString('vi-VN')}</strong>
            </span>
            <span className="count bad">
              Lỗi: <strong data-testid="count-failed">{state.failed.toLocaleString('vi-VN')}</strong>
            </span>
            {state.skipped > 0 && (
              <span className="count skip">
                Bỏ qua (không phải văn bản):{' '}
                <strong data-testid="count-skipped">{state.skipped.toLocaleString('vi-VN')}</strong>
              </span>
            )}
          </p>
        </div>
      )}
      {/* Shown while the import runs too; a new import (a new log) starts with a fresh list. */}
      {state.resultCount > 0 && (
        <ImportResultList
          key={state.results.serial}
          log={state.results}
          resultCount={state.resultCount}
          onOpen={onOpen}
        />
      )}
    </div>
  );
}

export function ImportPanel({ canPickPaths, state, onPicked, onDialog, onOpen, onClose }: Props) {
  const busy = state.status === 'reading' || state.status === 'running';
  return (
    <section className="import-panel" aria-labelledby="import-heading" data-testid="import-panel">
      <div className="import-head">
        <h2 id="import-heading">Nhập văn bản</h2>
        {onClose && (
          <button type="button" className="button subtle" onClick={onClose} disabled={busy} data-testid="import-close">
            Đóng
          </button>
        )}
      </div>
      <ImportControls canPickPaths={canPickPaths} state={state} onPicked={onPicked} onDialog={onDialog} />
      <p className="hint">
        Nhận các tệp .txt, .doc, .docx, .pdf, .rtf, .html, .md. Có thể kéo thả tệp hoặc cả thư mục vào cửa sổ này.
      </p>
      <ImportProgressView state={state} />
      <ImportResults state={state} onOpen={onOpen} />
    </section>
  );
}
