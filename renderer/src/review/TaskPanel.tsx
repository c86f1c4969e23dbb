/** The tasks the document assigns: list (nested as printed) with add, edit and remove. */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { RemovedItem, ReviewedTask } from '../../../shared/model/review';
import { formatDate, formatDateTime } from '../format';
import { BAD_DATE_MESSAGE, splitNames, typedDateToIso } from './labels';

type TaskInput = MethodInput<'saveTask'>['task'];

interface Props {
  tasks: readonly ReviewedTask[];
  removed: readonly RemovedItem[];
  busy: boolean;
  onSave(key: string | undefined, task: TaskInput): Promise<boolean>;
  onRemove(key: string): void;
  onRestore(key: string): void;
}

interface Draft {
  label: string;
  text: string;
  lead: string;
  cooperate: string;
  deadlineText: string;
  deadlineDate: string;
}

const EMPTY: Draft = { label: '', text: '', lead: '', cooperate: '', deadlineText: '', deadlineDate: '' };

function TaskForm({
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
    if (d.text.trim() === '') return setProblem('Cần nhập nội dung nhiệm vụ.');
    if (typedDateToIso(d.deadlineDate) === undefined) return setProblem(BAD_DATE_MESSAGE);
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
    <form className="item-form" onSubmit={submit} onKeyDown={onKeyDown} data-testid="task-form">
      <div className="form-grid">
        <label>
          Nhãn
          <input type="text" value={d.label} onChange={set('label')} maxLength={20} placeholder="1., a), -" />
        </label>
        <label className="wide">
          Nội dung nhiệm vụ
          <input type="text" value={d.text} onChange={set('text')} autoFocus maxLength={5000} />
        </label>
        <label>
          Chủ trì (cách nhau bằng dấu phẩy)
          <input type="text" value={d.lead} onChange={set('lead')} />
        </label>
        <label>
          Phối hợp
          <input type="text" value={d.cooperate} onChange={set('cooperate')} />
        </label>
        <label>
          Thời hạn (như văn bản ghi)
          <input type="text" value={d.deadlineText} onChange={set('deadlineText')} maxLength={200} />
        </label>
        <label>
          Hạn chót
          <input type="text" value={d.deadlineDate} onChange={set('deadlineDate')} placeholder="ngày/tháng/năm" />
        </label>
      </div>
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

function toInput(d: Draft): TaskInput {
  return {
    label: d.label,
    text: d.text,
    lead: splitNames(d.lead),
    cooperate: splitNames(d.cooperate),
    deadlineText: d.deadlineText.trim() === '' ? null : d.deadlineText,
    deadlineDate: typedDateToIso(d.deadlineDate) ?? null,
  };
}

function draftOf(t: ReviewedTask): Draft {
  return {
    label: t.label,
    text: t.text,
    lead: t.lead.join(', '),
    cooperate: t.cooperate.join(', '),
    deadlineText: t.deadline?.text ?? '',
    deadlineDate: formatDate(t.deadline?.date ?? null),
  };
}

export function TaskPanel({ tasks, removed, busy, onSave, onRemove, onRestore }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const save = async (key: string | undefined, d: Draft) => {
    if (await onSave(key, toInput(d))) setEditing(null);
  };
  const removedTasks = removed.filter((r) => r.kind === 'task');

  const item = (t: ReviewedTask) => (
    <li key={t.key} data-testid="task-item" data-key={t.key} className={t.origin}>
      {editing === t.key ? (
        <TaskForm initial={draftOf(t)} busy={busy} onSubmit={(d) => save(t.key, d)} onCancel={() => setEditing(null)} />
      ) : (
        <>
          <div className="item-main">
            <strong>{t.label}</strong> {t.text}
          </div>
          <div className="item-meta">
            {t.lead.length > 0 && <span>Chủ trì: {t.lead.join(', ')}. </span>}
            {t.cooperate.length > 0 && <span>Phối hợp: {t.cooperate.join(', ')}. </span>}
            {t.deadline && (
              <span>
                Thời hạn: {t.deadline.text || formatDate(t.deadline.date)}
                {t.deadline.date && t.deadline.text ? ` (${formatDate(t.deadline.date)})` : ''}.{' '}
              </span>
            )}
            {t.origin === 'clerk' && (
              <span className="flag corrected">văn thư thêm {formatDateTime(t.correctedAt)}</span>
            )}
            {t.origin === 'parser' && t.correctedAt && (
              <span className="flag corrected">đã sửa {formatDateTime(t.correctedAt)}</span>
            )}
          </div>
          <div className="item-actions">
            <button
              type="button"
              className="link"
              onClick={() => setEditing(t.key)}
              disabled={busy}
              aria-label={`Sửa nhiệm vụ ${t.label}`}
            >
              Sửa
            </button>
            <button
              type="button"
              className="link danger"
              onClick={() => onRemove(t.key)}
              disabled={busy}
              aria-label={`Xóa nhiệm vụ ${t.label}`}
            >
              Xóa
            </button>
            {t.origin === 'parser' && t.correctedAt && (
              <button type="button" className="link" onClick={() => onRestore(t.key)} disabled={busy}>
                Trả về bản đọc tự động
              </button>
            )}
          </div>
        </>
      )}
      {t.children.length > 0 && <ol className="item-list nested">{t.children.map(item)}</ol>}
    </li>
  );

  return (
    <section className="review-panel" aria-labelledby="tasks-title" data-testid="tasks">
      <div className="panel-head">
        <h2 id="tasks-title">Nhiệm vụ ({tasks.length})</h2>
        {editing !== 'new' && (
          <button type="button" className="button small" onClick={() => setEditing('new')} disabled={busy}>
            Thêm nhiệm vụ
          </button>
        )}
      </div>
      {editing === 'new' && (
        <TaskForm initial={EMPTY} busy={busy} onSubmit={(d) => save(undefined, d)} onCancel={() => setEditing(null)} />
      )}
      {tasks.length === 0 && editing !== 'new' && <p className="muted">Bộ phân tích không thấy nhiệm vụ nào.</p>}
      <ol className="item-list">{tasks.map(item)}</ol>
      {removedTasks.length > 0 && (
        <details className="removed">
          <summary>Đã xóa ({removedTasks.length})</summary>
          <ul>
            {removedTasks.map((r) => (
              <li key={r.key}>
                <s>{r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text}</s>{' '}
                <span className="muted">({formatDateTime(r.correctedAt)})</span>{' '}
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
