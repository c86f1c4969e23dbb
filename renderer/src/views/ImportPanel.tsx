/** Import controls, progress and per-file results. */
import { useCallback, type ChangeEvent } from 'react';
import { baseName, importStatusText } from '../format';
import { ACCEPT_ATTRIBUTE, fromInput, type PickedSet } from '../import/files';
import type { ImportState } from '../import/useImporter';
import { ErrorMessage } from './ErrorMessage';

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
  const position = state.total > 0 ? Math.min(state.done + 1, state.total) : state.done + 1;
  const name = baseName(state.current);
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

export function ImportResults({ state, onOpen }: { state: ImportState; onOpen(id: number): void }) {
  if (state.status !== 'done') return null;
  return (
    <div className="import-results" data-testid="import-done">
      {state.error && <ErrorMessage error={state.error} />}
      <p className="import-summary" role="status" data-testid="import-summary">
        <span className="count ok">
          Đã nhập: <strong data-testid="count-imported">{state.imported}</strong>
        </span>
        <span className="count dup">
          Đã có trong kho: <strong data-testid="count-duplicates">{state.duplicates}</strong>
        </span>
        <span className="count bad">
          Lỗi: <strong data-testid="count-failed">{state.failed}</strong>
        </span>
        {state.skipped > 0 && (
          <span className="count skip">
            Bỏ qua (không phải văn bản): <strong data-testid="count-skipped">{state.skipped}</strong>
          </span>
        )}
      </p>
      {state.results.length > 0 && (
        <ol className="result-list" data-testid="import-results" aria-label="Kết quả từng tệp">
          {state.results.map((r, i) => (
            <li key={i} className={'result ' + r.status} data-testid="import-result" data-status={r.status}>
              <span className="result-name" title={r.path}>
                {baseName(r.path)}
              </span>
              <span className="result-status">{importStatusText(r)}</span>
              {r.id !== null && r.status !== 'failed' && (
                <button type="button" className="link" onClick={() => onOpen(r.id as number)}>
                  Mở
                </button>
              )}
            </li>
          ))}
        </ol>
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
