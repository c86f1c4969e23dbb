/** The documents this one cites: list with add, edit and remove; removed parser citations can be restored. */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { CitationRelation } from '../../../shared/model/directive';
import { CITATION_RELATIONS, type RemovedItem, type ReviewedCitation } from '../../../shared/model/review';
import { formatDate, formatDateTime } from '../format';
import { citationAnchor } from './HighlightedText';
import { BAD_DATE_MESSAGE, RELATION_LABELS, typedDateToIso } from './labels';

type CitationInput = MethodInput<'saveCitation'>['citation'];

interface Props {
  citations: readonly ReviewedCitation[];
  removed: readonly RemovedItem[];
  busy: boolean;
  onSave(key: string | undefined, citation: CitationInput): Promise<boolean>;
  onRemove(key: string): void;
  onRestore(key: string): void;
}

interface Draft {
  text: string;
  type: string;
  ref: string;
  date: string;
  issuer: string;
  relation: CitationRelation;
}

const EMPTY: Draft = { text: '', type: '', ref: '', date: '', issuer: '', relation: 'mentions' };

function CitationForm({
  initial,
  busy,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  busy: boolean;
  onSubmit(d: Draft): Promise<void>;
  onCancel(): void;
}) {
  const [d, setD] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (d.text.trim() === '') return setProblem('Cần nhập đoạn trích dẫn như trong văn bản.');
    if (typedDateToIso(d.date) === undefined) return setProblem(BAD_DATE_MESSAGE);
    setProblem(null);
    await onSubmit(d);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <form className="item-form" onSubmit={submit} onKeyDown={onKeyDown} data-testid="citation-form">
      <label>
        Đoạn trích dẫn (như trong văn bản)
        <input type="text" value={d.text} onChange={set('text')} autoFocus maxLength={500} />
      </label>
      <div className="form-grid">
        <label>
          Loại văn bản
          <input type="text" value={d.type} onChange={set('type')} maxLength={100} />
        </label>
        <label>
          Số/ký hiệu
          <input type="text" value={d.ref} onChange={set('ref')} maxLength={100} />
        </label>
        <label>
          Ngày
          <input type="text" value={d.date} onChange={set('date')} placeholder="ngày/tháng/năm" />
        </label>
        <label>
          Quan hệ
          <select value={d.relation} onChange={set('relation')}>
            {CITATION_RELATIONS.map((r) => (
              <option key={r} value={r}>
                {RELATION_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Cơ quan ban hành
        <input type="text" value={d.issuer} onChange={set('issuer')} maxLength={300} />
      </label>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="editor-actions">
        <button type="submit" className="button primary small" disabled={busy}>
          Lưu
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Hủy
        </button>
        <span className="hint">Enter để lưu, Esc để hủy</span>
      </div>
    </form>
  );
}

function toInput(d: Draft): CitationInput {
  const blank = (s: string) => (s.trim() === '' ? null : s);
  return {
    text: d.text,
    type: blank(d.type),
    ref: blank(d.ref),
    date: typedDateToIso(d.date) ?? null,
    issuer: blank(d.issuer),
    relation: d.relation,
  };
}

export function CitationPanel({ citations, removed, busy, onSave, onRemove, onRestore }: Props) {
  // null: no form; 'new': adding; otherwise the key being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const save = async (key: string | undefined, d: Draft) => {
    if (await onSave(key, toInput(d))) setEditing(null);
  };
  const removedCitations = removed.filter((r) => r.kind === 'citation');

  return (
    <section className="review-panel" aria-labelledby="citations-title" data-testid="citations">
      <div className="panel-head">
        <h2 id="citations-title">Văn bản được viện dẫn ({citations.length})</h2>
        {editing !== 'new' && (
          <button type="button" className="button small" onClick={() => setEditing('new')} disabled={busy}>
            Thêm trích dẫn
          </button>
        )}
      </div>
      {editing === 'new' && (
        <CitationForm
          initial={EMPTY}
          busy={busy}
          onSubmit={(d) => save(undefined, d)}
          onCancel={() => setEditing(null)}
        />
      )}
      {citations.length === 0 && editing !== 'new' && (
        <p className="muted">Bộ phân tích không thấy văn bản nào được viện dẫn.</p>
      )}
      <ol className="item-list">
        {citations.map((c) => (
          <li key={c.key} data-testid="citation-item" data-key={c.key} className={c.origin}>
            {editing === c.key ? (
              <CitationForm
                initial={{
                  text: c.text,
                  type: c.type ?? '',
                  ref: c.ref ?? '',
                  date: formatDate(c.date),
                  issuer: c.issuer ?? '',
                  relation: c.relation,
                }}
                busy={busy}
                onSubmit={(d) => save(c.key, d)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <div className="item-main">
                  {c.end > c.start ? (
                    <a
                      href={`#${citationAnchor(c.key)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(citationAnchor(c.key))?.scrollIntoView({ block: 'center' });
                      }}
                    >
                      {c.text}
                    </a>
                  ) : (
                    <span>{c.text}</span>
                  )}
                </div>
                <div className="item-meta">
                  {[c.type, c.ref, c.date ? formatDate(c.date) : null, c.issuerNormalized ?? c.issuer]
                    .filter(Boolean)
                    .join(' · ')}
                  <span className="relation"> — {RELATION_LABELS[c.relation]}</span>
                  {c.origin === 'clerk' && (
                    <span className="flag corrected"> văn thư thêm {formatDateTime(c.correctedAt)}</span>
                  )}
                  {c.origin === 'parser' && c.correctedAt && (
                    <span className="flag corrected"> đã sửa {formatDateTime(c.correctedAt)}</span>
                  )}
                  {c.end <= c.start && <span className="flag doubtful"> không thấy trong văn bản</span>}
                </div>
                <div className="item-actions">
                  <button
                    type="button"
                    className="link"
                    onClick={() => setEditing(c.key)}
                    disabled={busy}
                    aria-label={`Sửa trích dẫn ${c.text}`}
                  >
                    Sửa
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => onRemove(c.key)}
                    disabled={busy}
                    aria-label={`Xóa trích dẫn ${c.text}`}
                  >
                    Xóa
                  </button>
                  {c.origin === 'parser' && c.correctedAt && (
                    <button type="button" className="link" onClick={() => onRestore(c.key)} disabled={busy}>
                      Trả về bản đọc tự động
                    </button>
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      {removedCitations.length > 0 && (
        <details className="removed">
          <summary>Đã xóa ({removedCitations.length})</summary>
          <ul>
            {removedCitations.map((r) => (
              <li key={r.key}>
                <s>{r.text}</s> <span className="muted">({formatDateTime(r.correctedAt)})</span>{' '}
                <button type="button" className="link" onClick={() => onRestore(r.key)} disabled={busy}>
                  Khôi phục
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
