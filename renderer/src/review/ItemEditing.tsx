/**
 * What the citation and task panels share: the inline form around their fields (check, Enter to
 * save, Esc to cancel), the Sửa / Xóa / Trả về actions of a listed item, its origin flags, and the
 * list of removed items that can be restored. Each panel keeps only its own fields and texts.
 */
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { RemovedItem } from '../../../shared/model/review';
import { formatDateTime } from '../format';

/** A listed item as the shared pieces see it: who made it, and whether the clerk changed it. */
export interface EditableItem {
  key: string;
  origin: 'parser' | 'clerk';
  correctedAt: string | null;
}

/**
 * The form's state and shell. `check` returns the Vietnamese problem that stops saving, or null;
 * `fields` draws the inputs from the draft and a setter per key.
 */
export function ItemForm<D extends object>({
  initial,
  busy,
  testId,
  check,
  onSubmit,
  onCancel,
  fields,
}: {
  initial: D;
  busy: boolean;
  testId: string;
  check(d: D): string | null;
  onSubmit(d: D): Promise<void>;
  onCancel(): void;
  fields(d: D, set: (k: keyof D) => (e: { target: { value: string } }) => void): ReactNode;
}) {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof D) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(draft);
    setProblem(found);
    if (found === null) await onSubmit(draft);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <form className="item-form" onSubmit={submit} onKeyDown={onKeyDown} data-testid={testId}>
      {fields(draft, set)}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <EditorActions busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** Lưu / Hủy under every inline editor of the review page (fields, citations, tasks). */
export function EditorActions({ busy, onCancel }: { busy: boolean; onCancel(): void }) {
  return (
    <div className="editor-actions">
      <button type="submit" className="button primary small" disabled={busy}>
        Lưu
      </button>
      <button type="button" className="button small" onClick={onCancel}>
        Hủy
      </button>
      <span className="hint">Enter để lưu, Esc để hủy</span>
    </div>
  );
}

/** "văn thư thêm …" for the clerk's own items, "đã sửa …" for corrected parser items. */
export function OriginFlag({ item }: { item: EditableItem }) {
  if (item.origin === 'clerk')
    return <span className="flag corrected"> văn thư thêm {formatDateTime(item.correctedAt)}</span>;
  if (item.correctedAt) return <span className="flag corrected"> đã sửa {formatDateTime(item.correctedAt)}</span>;
  return null;
}

/** Sửa / Xóa, and "Trả về bản đọc tự động" for a corrected parser item. `what` names it for screen readers. */
export function ItemActions({
  item,
  what,
  busy,
  onEdit,
  onRemove,
  onRestore,
}: {
  item: EditableItem;
  what: string;
  busy: boolean;
  onEdit(): void;
  onRemove(): void;
  onRestore(): void;
}) {
  return (
    <div className="item-actions">
      <button type="button" className="link" onClick={onEdit} disabled={busy} aria-label={`Sửa ${what}`}>
        Sửa
      </button>
      <button type="button" className="link danger" onClick={onRemove} disabled={busy} aria-label={`Xóa ${what}`}>
        Xóa
      </button>
      {item.origin === 'parser' && item.correctedAt && (
        <button type="button" className="link" onClick={onRestore} disabled={busy}>
          Trả về bản đọc tự động
        </button>
      )}
    </div>
  );
}

/** The clerk's removals of one kind, each with its time and a Khôi phục button; nothing when there are none. */
export function RemovedList({
  removed,
  busy,
  onRestore,
}: {
  removed: readonly RemovedItem[];
  busy: boolean;
  onRestore(key: string): void;
}) {
  if (removed.length === 0) return null;
  return (
    <details className="removed">
      <summary>Đã xóa ({removed.length})</summary>
      <ul>
        {removed.map((r) => (
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
  );
}
