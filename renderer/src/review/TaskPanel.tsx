/** The tasks the document assigns: list (nested as printed) with add, edit and remove. */
import { useState } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { RemovedItem, ReviewedTask } from '../../../shared/model/review';
import { formatDate } from '../format';
import { DateReadBack } from '../views/TypedDate';
import { ItemActions, ItemForm, OriginFlag, RemovedList } from './ItemEditing';
import { typedDateProblem, splitNames, typedDateToIso } from './labels';

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

function checkTask(d: Draft): string | null {
  if (d.text.trim() === '') return 'Cần nhập nội dung nhiệm vụ.';
  return typedDateProblem(d.deadlineDate);
}

function TaskForm(props: { initial: Draft; busy: boolean; onSubmit(d: Draft): Promise<void>; onCancel(): void }) {
  return (
    <ItemForm
      {...props}
      testId="task-form"
      check={checkTask}
      fields={(d, set) => (
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
            <DateReadBack typed={d.deadlineDate} />
          </label>
        </div>
      )}
    />
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
            <OriginFlag item={t} />
          </div>
          <ItemActions
            item={t}
            what={`nhiệm vụ ${t.label}`}
            busy={busy}
            onEdit={() => setEditing(t.key)}
            onRemove={() => onRemove(t.key)}
            onRestore={() => onRestore(t.key)}
          />
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
      <RemovedList removed={removedTasks} busy={busy} onRestore={onRestore} />
    </section>
  );
}
