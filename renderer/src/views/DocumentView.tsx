/** One document: its metadata and full text. The text is rendered as a React text node only. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { DocumentDetail } from '../../../shared/model/archive';
import { baseName, documentTitle, formatDate, formatDateTime, KIND_LABELS, LEVEL_LABELS } from '../format';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  api: VanthuApi;
  id: number;
  onBack(): void;
}

type Loaded = { id: number; doc: DocumentDetail; error: null } | { id: number; doc: null; error: ApiError };

function Field({ label, field, children }: { label: string; field: string; children: ReactNode }) {
  const missing = children === null || children === undefined || children === '';
  return (
    <div className="meta-row" data-field={field}>
      <dt>{label}</dt>
      <dd className={missing ? 'muted' : undefined}>{missing ? 'Không xác định' : children}</dd>
    </div>
  );
}

export function DocumentView({ api, id, onBack }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let cancelled = false;
    void api.getDocument({ id }).then((r) => {
      if (cancelled) return;
      setLoaded(r.ok ? { id, doc: r.value, error: null } : { id, doc: null, error: r.error });
    });
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  const current = loaded && loaded.id === id ? loaded : null;
  const doc = current?.doc ?? null;

  useEffect(() => {
    if (!doc) return;
    const previous = document.title;
    document.title = `${documentTitle(doc)} — Vanthu`;
    headingRef.current?.focus();
    return () => {
      document.title = previous;
    };
  }, [doc]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

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
      </div>
    );
  }
  const d = current.doc;
  const level = d.issuerLevel ? LEVEL_LABELS[d.issuerLevel] : null;
  const kind = d.issuerKind ? KIND_LABELS[d.issuerKind] : null;
  const levelText = level && kind ? `${level} (${kind})` : (level ?? kind);

  return (
    <article className="document" aria-labelledby="doc-title" data-testid="document">
      <div className="doc-toolbar">{back}</div>
      <header className="doc-header">
        <h1 id="doc-title" tabIndex={-1} ref={headingRef} data-testid="doc-title">
          {documentTitle(d)}
        </h1>
        {d.subject && (
          <p className="doc-subject" data-testid="doc-subject">
            {d.subject}
          </p>
        )}
      </header>
      <div className="doc-body">
        <section className="doc-meta" aria-label="Thông tin văn bản">
          <dl data-testid="doc-meta">
            <Field label="Số/ký hiệu" field="ref">
              {d.ref}
            </Field>
            <Field label="Loại văn bản" field="type">
              {d.type}
            </Field>
            <Field label="Cơ quan ban hành" field="issuer">
              {d.issuer}
            </Field>
            <Field label="Cấp" field="issuerLevel">
              {levelText}
            </Field>
            <Field label="Ngày ban hành" field="date">
              {formatDate(d.date)}
            </Field>
            <Field label="Nơi ban hành" field="place">
              {d.place}
            </Field>
            <Field label="Trích yếu" field="subject">
              {d.subject}
            </Field>
            <Field label="Người ký" field="signer">
              {d.signer}
            </Field>
            <Field label="Chức vụ ký" field="signerCapacity">
              {d.signerCapacity}
            </Field>
            <Field label="Tên tệp gốc" field="originalName">
              {baseName(d.originalName)}
            </Field>
            <Field label="Ngày nhập vào kho" field="importedAt">
              {formatDateTime(d.importedAt)}
            </Field>
          </dl>
        </section>
        <section className="doc-text-pane" aria-label="Toàn văn">
          <h2 className="visually-hidden">Toàn văn</h2>
          <div className="doc-text" data-testid="doc-text" tabIndex={0}>
            {d.text}
          </div>
        </section>
      </div>
    </article>
  );
}
