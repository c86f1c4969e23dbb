/**
 * One metadata field under review: its value, the parser's confidence, «cần kiểm tra» when doubtful,
 * «đã sửa» with the time when the clerk corrected it, and an editor (Enter saves, Esc cancels).
 * The value sits alone in its <dd> so it reads (and is tested) as plain text.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { IssuerKind, IssuerLevel } from '../../../shared/model/directive';
import { FIELD_LABELS, ISSUER_KINDS, ISSUER_LEVELS, type FieldReview } from '../../../shared/model/review';
import { FIELD_MAX_LENGTH } from '../../../shared/api/review-inputs';
import { formatDate, formatDateTime, KIND_LABELS, LEVEL_LABELS } from '../format';
import { EditorActions } from './ItemEditing';
import { confidenceText, typedDateProblem, typedDateToIso } from './labels';
import { DateReadBack } from '../views/TypedDate';

export function displayValue(field: FieldReview['field'], value: string | null): string {
  if (value === null) return '';
  if (field === 'date') return formatDate(value);
  if (field === 'issuerLevel') return LEVEL_LABELS[value as IssuerLevel] ?? value;
  if (field === 'issuerKind') return KIND_LABELS[value as IssuerKind] ?? value;
  return value;
}

interface Props {
  review: FieldReview;
  busy: boolean;
  onSave(value: string | null): Promise<boolean>;
  onRevert(): void;
}

export function FieldRow({ review, busy, onSave, onRevert }: Props) {
  const { field, value, parsed, confidence, doubtful, correctedAt } = review;
  const label = FIELD_LABELS[field];
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const start = () => {
    setDraft(field === 'date' ? formatDate(value) : (value ?? ''));
    setProblem(null);
    setEditing(true);
  };
  const stop = () => {
    setEditing(false);
    // Back to the button that opened the editor, so the keyboard user does not lose their place.
    requestAnimationFrame(() => editRef.current?.focus());
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    let next: string | null = draft.trim() === '' ? null : draft;
    if (field === 'date') {
      const iso = typedDateToIso(draft);
      if (iso === undefined) {
        setProblem(typedDateProblem(draft));
        return;
      }
      next = iso;
    }
    if (await onSave(next)) stop();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      // Esc closes the editor only; it must not also leave the document page.
      event.preventDefault();
      event.stopPropagation();
      stop();
    }
  };

  const shown = displayValue(field, value);
  const inputId = `edit-${field}`;
  const choices = field === 'issuerLevel' ? ISSUER_LEVELS : field === 'issuerKind' ? ISSUER_KINDS : null;
  const choiceLabels: Record<string, string> = field === 'issuerLevel' ? LEVEL_LABELS : KIND_LABELS;

  return (
    <div
      className={`meta-row${doubtful ? ' doubtful' : ''}${correctedAt ? ' corrected' : ''}`}
      data-field={field}
      data-doubtful={doubtful || undefined}
      data-corrected={correctedAt ? true : undefined}
    >
      <dt>{editing ? <label htmlFor={inputId}>{label}</label> : label}</dt>
      {editing ? (
        <dd>
          <form className="field-editor" onSubmit={submit} onKeyDown={onKeyDown}>
            {choices ? (
              <select id={inputId} ref={inputRef} value={draft} onChange={(e) => setDraft(e.target.value)}>
                <option value="">— Không có —</option>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {choiceLabels[c]}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={inputId}
                ref={inputRef}
                type="text"
                value={draft}
                // The core refuses longer values, and the page could only say «Yêu cầu không hợp lệ.»
                maxLength={field === 'date' ? undefined : FIELD_MAX_LENGTH[field]}
                placeholder={field === 'date' ? 'ngày/tháng/năm' : ''}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${inputId}-problem` : undefined}
                onChange={(e) => setDraft(e.target.value)}
              />
            )}
            {field === 'date' && <DateReadBack typed={draft} />}
            <EditorActions busy={busy} onCancel={stop} />
            {problem && (
              <p className="field-problem" id={`${inputId}-problem`} role="alert">
                {problem}
              </p>
            )}
          </form>
        </dd>
      ) : (
        <dd className={shown ? undefined : 'muted'}>{shown || 'Không xác định'}</dd>
      )}
      {!editing && (
        <div className="meta-review">
          {correctedAt ? (
            <span
              className="flag corrected"
              data-testid="corrected"
              title={`Bộ phân tích đọc: ${displayValue(field, parsed) || 'không có'}`}
            >
              đã sửa {formatDateTime(correctedAt)}
            </span>
          ) : (
            confidence !== null && (
              <span className="confidence" data-testid="confidence" title="Độ tin cậy của bộ phân tích">
                {confidenceText(confidence)}
              </span>
            )
          )}
          {doubtful && (
            <span className="flag doubtful" data-testid="doubtful">
              cần kiểm tra
            </span>
          )}
          <button
            type="button"
            className="link"
            ref={editRef}
            onClick={start}
            aria-label={`Sửa ${label}`}
            disabled={busy}
          >
            Sửa
          </button>
          {correctedAt && (
            <button
              type="button"
              className="link"
              onClick={onRevert}
              disabled={busy}
              aria-label={`Trả ${label} về giá trị bộ phân tích đọc`}
              data-testid="revert"
            >
              Trả về bản đọc tự động
            </button>
          )}
        </div>
      )}
    </div>
  );
}
