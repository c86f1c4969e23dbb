/**
 * One document under the clerk's review (issue #3, docs/review.md): each field with the parser's
 * confidence, doubtful ones marked «cần kiểm tra», corrections marked «đã sửa» and revertible; the
 * full text with its citations highlighted; citations and tasks with add/edit/remove. Document text
 * is rendered as React text nodes and <mark> elements only.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/errors';
import type { DocumentDetail } from '../../../shared/model/archive';
import { FIELD_LABELS, type EditableField } from '../../../shared/model/review';
import { baseName, documentTitle, fileLabel, formatDateTime, sourceFolder } from '../format';
import { CitationPanel } from '../review/CitationPanel';
import { FieldRow } from '../review/FieldRow';
import { HighlightedText } from '../review/HighlightedText';
import { TaskPanel } from '../review/TaskPanel';
import { refusalText } from '../review/labels';
import { DocumentLinks } from '../graph/DocumentLinks';
import { downloadBlob } from '../download';
import { ErrorMessage } from './ErrorMessage';
import { PathText } from './PathText';

interface Props {
  api: VanthuApi;
  id: number;
  onBack(): void;
  /** The document went to the trash: the list and the count must drop it. */
  onDeleted(): void;
}

type Loaded = { id: number; doc: DocumentDetail; error: null } | { id: number; doc: null; error: ApiError };

/** The fields the page shows, in the order of a directive's header; number and symbol follow the ref. */
const SHOWN_FIELDS: readonly EditableField[] = [
  'ref',
  'type',
  'issuer',
  'issuerLevel',
  'issuerKind',
  'date',
  'place',
  'province',
  'subject',
  'signer',
  'signerCapacity',
];

/** What a scan asks the clerk to type first: what list, search and the register need. */
const SCAN_FIELDS: readonly EditableField[] = ['ref', 'type', 'issuer', 'date', 'subject'];

function Field({
  label,
  field,
  children,
  actions,
}: {
  label: string;
  field: string;
  children: ReactNode;
  /** Buttons under the value, as a reviewed field has; the value stays alone in its <dd>. */
  actions?: ReactNode;
}) {
  const missing = children === null || children === undefined || children === '';
  return (
    <div className="meta-row" data-field={field}>
      <dt>{label}</dt>
      <dd className={missing ? 'muted' : undefined}>{missing ? 'Không xác định' : children}</dd>
      {actions && <div className="meta-review">{actions}</div>}
    </div>
  );
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves the original file as imported. Without it a scan, kept «nguyên vẹn trong kho», could not
 * be read by the clerk asked to type its number, date and subject.
 */
function SaveOriginal({
  api,
  id,
  onError,
  testId = 'save-original',
}: {
  api: VanthuApi;
  id: number;
  onError(error: ApiError): void;
  testId?: string;
}) {
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const r = await api.getOriginal({ id });
      if (!r.ok) return onError(r.error);
      const blob = new Blob([base64Bytes(r.value.base64)], { type: 'application/octet-stream' });
      downloadBlob(baseName(r.value.fileName), blob);
    } finally {
      setSaving(false);
    }
  };
  return (
    <button
      type="button"
      className="link"
      onClick={() => void save()}
      disabled={saving}
      title="Lưu tệp gốc đúng như khi nhập vào kho, để mở bằng Word hoặc trình xem PDF"
      data-testid={testId}
    >
      {saving ? 'Đang lấy bản gốc…' : 'Lưu bản gốc'}
    </button>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function DocumentView({ api, id, onBack, onDeleted }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  /**
   * A review operation the archive refused, said as what was refused and why («Không lưu được
   * nhiệm vụ: Đơn vị chủ trì: tối đa 30 tên.»): it said only «Yêu cầu không hợp lệ.».
   */
  const [refusal, setRefusal] = useState<string | null>(null);
  /** Said after «Phân tích lại»: when nothing changed, the page gave no sign the click did anything. */
  const [reparsed, setReparsed] = useState<number | null>(null);
  /** Counts the review changes made on this page, for the links panel to ask again. */
  const [changes, setChanges] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let cancelled = false;
    void api.getDocument({ id }).then((r) => {
      if (cancelled) return;
      setActionError(null);
      setRefusal(null);
      setLoaded(r.ok ? { id, doc: r.value, error: null } : { id, doc: null, error: r.error });
    });
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  const current = loaded && loaded.id === id ? loaded : null;
  const doc = current?.doc ?? null;
  const docId = doc?.id ?? null;
  const title = doc ? documentTitle(doc) : null;

  // Focus the heading when a document opens, not after every correction.
  useEffect(() => {
    if (docId === null) return;
    headingRef.current?.focus();
  }, [docId]);

  useEffect(() => {
    if (title === null) return;
    const previous = document.title;
    document.title = `${title} — Vanthu`;
    return () => {
      document.title = previous;
    };
  }, [title]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      // Esc in an editor cancels the edit (the editor stops it); elsewhere it goes back to the list.
      if (event.key === 'Escape' && !event.defaultPrevented && !isTyping(event.target)) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  /**
   * Runs one review operation; the result is the document as it now stands. `what` says what a
   * refusal refused («Không lưu được trích dẫn»).
   */
  const run = useCallback(async (what: string, call: () => Promise<Result<DocumentDetail>>): Promise<boolean> => {
    setBusy(true);
    setReparsed(null);
    try {
      const r = await call();
      if (r.ok) {
        setLoaded({ id: r.value.id, doc: r.value, error: null });
        setActionError(null);
        setRefusal(null);
        setChanges((n) => n + 1);
        return true;
      }
      const text = refusalText(what, r.error);
      setRefusal(text);
      setActionError(text === null ? r.error : null);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const back = (
    <button type="button" className="button back" onClick={onBack} data-testid="back">
      <span aria-hidden="true">← </span>Quay lại
    </button>
  );

  if (!current) {
    return (
      <div className="document">
        <div className="doc-toolbar">{back}</div>
        <p className="muted loading">Đang mở văn bản…</p>
      </div>
    );
  }
  if (current.error) {
    return (
      <div className="document">
        <div className="doc-toolbar">{back}</div>
        <ErrorMessage error={current.error} />
        {current.error.code === 'NOT_FOUND' && (
          // Where a link to a deleted document leads (Forward after a delete, an import's «Mở»).
          <p data-testid="doc-gone">
            Văn bản có thể đã được chuyển vào thùng rác: văn bản trong thùng rác khôi phục được trong 30 ngày ở mục{' '}
            <a href="#/safety">Sao lưu</a>.
          </p>
        )}
      </div>
    );
  }
  const d = current.doc;
  const review = d.review;
  const byField = new Map(review.fields.map((f) => [f.field, f]));
  const doubtfulCount = SHOWN_FIELDS.filter((f) => byField.get(f)?.doubtful).length;
  const fieldRow = (field: EditableField) => {
    const r = byField.get(field);
    if (!r) return null;
    return (
      <FieldRow
        key={field}
        review={r}
        busy={busy}
        onSave={(value) =>
          run(`Không lưu được «${FIELD_LABELS[field]}»`, () => api.correctField({ id: d.id, field, value }))
        }
        onRevert={() =>
          void run(`Không trả «${FIELD_LABELS[field]}» về bản đọc tự động được`, () =>
            api.clearCorrection({ id: d.id, target: `field:${field}` }),
          )
        }
      />
    );
  };
  const restore = (kind: 'citation' | 'task') => (key: string) =>
    void run(`Không khôi phục được ${kind === 'citation' ? 'trích dẫn' : 'nhiệm vụ'}`, () =>
      api.clearCorrection({ id: d.id, target: `${kind}:${key}` }),
    );

  return (
    <article
      className="document"
      aria-labelledby="doc-title"
      data-testid="document"
      data-scanned={d.scanned || undefined}
    >
      <div className="doc-toolbar">
        {back}
        <button
          type="button"
          className="button subtle"
          onClick={() =>
            void run('Không phân tích lại được', () => api.reparseDocument({ id: d.id })).then(
              (ok) => ok && setReparsed(d.id),
            )
          }
          disabled={busy}
          title="Đọc lại văn bản bằng bộ phân tích hiện tại; các chỉnh sửa của văn thư được giữ nguyên"
          data-testid="reparse"
        >
          Phân tích lại
        </button>
        <a className="button subtle" href={`#/tasksheet/${d.id}`} data-testid="tasksheet-link">
          Phiếu giao việc
        </a>
        {/* The history page and the trash were reachable only by typing #/history/ID. */}
        <a className="button subtle" href={`#/history/${d.id}`} data-testid="history-link">
          Lịch sử thay đổi
        </a>
        <button
          type="button"
          className="button subtle"
          disabled={busy}
          onClick={() => {
            if (!window.confirm('Chuyển văn bản này vào thùng rác? Có thể khôi phục trong 30 ngày ở mục «Sao lưu».'))
              return;
            setBusy(true);
            void api.deleteDocument({ id: d.id }).then((r) => {
              setBusy(false);
              if (r.ok) onDeleted();
              else setActionError(r.error);
            });
          }}
          data-testid="delete-from-document"
        >
          Chuyển vào thùng rác
        </button>
        {reparsed === d.id && (
          <span className="muted" role="status" data-testid="reparse-done">
            Đã phân tích lại; các chỉnh sửa của văn thư được giữ nguyên.
          </span>
        )}
      </div>
      <header className="doc-header">
        <h1 id="doc-title" tabIndex={-1} ref={headingRef} data-testid="doc-title">
          {documentTitle(d)}
        </h1>
        {d.subject && (
          <p className="doc-subject" data-testid="doc-subject">
            {d.subject}
          </p>
        )}
        <p className="review-summary" data-testid="review-summary">
          {doubtfulCount > 0 ? (
            <span className="flag doubtful">{doubtfulCount} trường cần kiểm tra</span>
          ) : (
            <span className="flag ok">Các trường đã đủ tin cậy</span>
          )}
          {review.correctionCount > 0 && (
            <span>
              {' '}
              · {review.correctionCount} chỉnh sửa của văn thư, lần cuối {formatDateTime(review.lastCorrectedAt)}
            </span>
          )}
        </p>
      </header>
      {actionError && <ErrorMessage error={actionError} />}
      {refusal && (
        <div className="error" role="alert" data-testid="error" data-code="INVALID_INPUT">
          <p data-testid="refusal">{refusal}</p>
        </div>
      )}
      {d.scanned && (
        <div className="scan-notice" role="note" data-testid="scan-notice">
          <strong>Bản quét, chưa có chữ.</strong> Bản gốc được lưu nguyên vẹn trong kho, nhưng không có lớp chữ để đọc
          tự động. Hãy mở bản gốc rồi nhập số/ký hiệu, loại văn bản, cơ quan ban hành, ngày và trích yếu (bấm «Sửa» ở
          từng trường) để tìm được văn bản này.{' '}
          <SaveOriginal api={api} id={d.id} onError={setActionError} testId="scan-save-original" />
        </div>
      )}
      <div className="doc-body">
        <section className="doc-meta" aria-label="Thông tin văn bản">
          <dl data-testid="doc-meta">
            {(d.scanned ? [...SCAN_FIELDS, ...SHOWN_FIELDS.filter((f) => !SCAN_FIELDS.includes(f))] : SHOWN_FIELDS).map(
              fieldRow,
            )}
            <Field
              label="Tên tệp gốc"
              field="originalName"
              actions={<SaveOriginal api={api} id={d.id} onError={setActionError} />}
            >
              {fileLabel(d.originalName)}
            </Field>
            {sourceFolder(d.sourcePath) && (
              // Two «Thong bao.docx» from two folders read alike by name: the folder tells them apart.
              <Field label="Nhập từ thư mục" field="sourceFolder">
                <PathText path={sourceFolder(d.sourcePath)} testId="doc-source-folder" />
              </Field>
            )}
            <Field label="Ngày nhập vào kho" field="importedAt">
              {formatDateTime(d.importedAt)}
            </Field>
          </dl>
        </section>
        <div className="doc-main">
          <section className="doc-text-pane" aria-label="Toàn văn">
            <h2 className="visually-hidden">Toàn văn</h2>
            {d.scanned && d.text.trim() === '' ? (
              <p className="doc-text muted" data-testid="doc-text">
                «Bản quét, chưa có chữ»
              </p>
            ) : (
              <div className="doc-text" data-testid="doc-text" tabIndex={0}>
                <HighlightedText text={d.text} citations={review.citations} />
              </div>
            )}
          </section>
          <CitationPanel
            citations={review.citations}
            removed={review.removed}
            busy={busy}
            onSave={(key, citation) =>
              run('Không lưu được trích dẫn', () => api.saveCitation({ id: d.id, ...(key ? { key } : {}), citation }))
            }
            onRemove={(key) => void run('Không xóa được trích dẫn', () => api.removeCitation({ id: d.id, key }))}
            onRestore={restore('citation')}
          />
          <TaskPanel
            tasks={review.tasks}
            removed={review.removed}
            busy={busy}
            onSave={(key, task) =>
              run('Không lưu được nhiệm vụ', () => api.saveTask({ id: d.id, ...(key ? { key } : {}), task }))
            }
            onRemove={(key) => void run('Không xóa được nhiệm vụ', () => api.removeTask({ id: d.id, key }))}
            onRestore={restore('task')}
          />
          {/* Citation graph (issue #5): upward, downward, the chain of command, coverage. */}
          <DocumentLinks api={api} id={d.id} version={changes} />
        </div>
      </div>
    </article>
  );
}
