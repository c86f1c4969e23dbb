/**
 * #/tasksheet/ID: the task-sheet editor (rows seeded from the parse: reorder, split, merge, edit
 * text, agencies with autocomplete, deadline, notes), tracking per agency, and the printed sheet.
 * Desktop prints through main (print dialog / Save as PDF); the browser host uses the page's print.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { TaskDeadline } from '../../../shared/model/directive';
import type { SheetPrint } from '../../../shared/tasks/render';
import { mergeWithPrevious, moveItem, removeItem, splitItem } from '../../../shared/tasks/sheet';
import { completionDateProblem, latestCompletionDate, RECURRENCE_LABELS } from '../../../shared/tasks/status';
import { SHEET_ITEM_MAX, STATUS_LABELS, type SheetItem, type TaskSheet } from '../../../shared/tasks/types';
import { errorText } from '../format';
import { ErrorMessage } from '../views/ErrorMessage';
import { TypedDateInput } from '../views/TypedDate';
import { taskGist, taskTitle } from '../../../shared/tasks/gist';
import { SheetPreview } from './SheetPreview';

type Variant = { kind: 'whole' } | { kind: 'perAgency' } | { kind: 'agency'; agency: string };

const splitNames = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((n) => n.trim())
    .filter(Boolean);

function deadlineFrom(kind: string, date: string, previous: TaskDeadline | null): TaskDeadline | null {
  if (kind === 'none') return null;
  if (kind === 'date')
    return date ? { text: `trước ngày ${date.split('-').reverse().join('/')}`, date, recurrence: null } : previous;
  const recurrence = kind as NonNullable<TaskDeadline['recurrence']>;
  return { text: RECURRENCE_LABELS[recurrence].toLowerCase(), date: null, recurrence };
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Agencies typed as "Công an huyện, UBND huyện". The box keeps what is typed: it showed the names
 * joined again after each keystroke, so a typed comma (or «;») vanished at once and a second agency
 * could not be typed at all. The names reach the row as they are typed; the box is tidied on leaving.
 */
function AgencyNamesInput({
  label,
  names,
  onChange,
}: {
  label: string;
  names: readonly string[];
  onChange(names: string[]): void;
}) {
  const [draft, setDraft] = useState(names.join(', '));
  // Names changed from outside (a merge, a reset, a reload) replace the draft.
  const [shown, setShown] = useState(names);
  if (!sameNames(shown, names)) {
    setShown(names);
    if (!sameNames(splitNames(draft), names)) setDraft(names.join(', '));
  }
  return (
    <label>
      {label}{' '}
      <input
        list="agency-list"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = splitNames(e.target.value);
          if (!sameNames(next, names)) onChange(next);
        }}
        onBlur={() => setDraft(names.join(', '))}
      />
    </label>
  );
}

function ItemEditor({
  item,
  index,
  onChange,
  onMove,
  onSplit,
  onMerge,
  onRemove,
  empty,
}: {
  item: SheetItem;
  index: number;
  /** Saved with no text: the textarea is marked and names the message under the save button. */
  empty: boolean;
  onChange(next: SheetItem): void;
  onMove(delta: number): void;
  onSplit(at: number): void;
  onMerge(): void;
  onRemove(): void;
}) {
  const [cursor, setCursor] = useState(0);
  // «Ngày» chosen but no date typed yet: the date box must show. Without this the choice fell back
  // to the deadline as it was (none), so a task without a date could never be given one.
  const [pickingDate, setPickingDate] = useState(false);
  const kind = item.deadline?.date || pickingDate ? 'date' : (item.deadline?.recurrence ?? 'none');
  return (
    <fieldset className="task-item" data-testid="task-item">
      <legend>
        Nhiệm vụ {index + 1} {item.edited && <span className="muted">(đã sửa)</span>}{' '}
        {item.stale && <span className="warning">(văn bản đã đọc lại, không còn nhiệm vụ gốc)</span>}
      </legend>
      <textarea
        value={item.text}
        rows={4}
        maxLength={SHEET_ITEM_MAX.text}
        aria-label="Nội dung nhiệm vụ"
        aria-invalid={empty || undefined}
        aria-describedby={empty ? 'task-sheet-save-problem' : undefined}
        data-empty={empty || undefined}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
        onChange={(e) => onChange({ ...item, text: e.target.value })}
      />
      <AgencyNamesInput label="Cơ quan chủ trì" names={item.lead} onChange={(lead) => onChange({ ...item, lead })} />
      <AgencyNamesInput
        label="Cơ quan phối hợp"
        names={item.cooperate}
        onChange={(cooperate) => onChange({ ...item, cooperate })}
      />
      <label>
        Thời hạn{' '}
        <select
          value={kind}
          onChange={(e) => {
            setPickingDate(e.target.value === 'date');
            onChange({ ...item, deadline: deadlineFrom(e.target.value, item.deadline?.date ?? '', item.deadline) });
          }}
        >
          <option value="none">Không có</option>
          <option value="date">Ngày</option>
          {Object.entries(RECURRENCE_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        {kind === 'date' && (
          // Typed as the clerk writes it (22/7/21 too): the date box took «21» as the year 0021.
          <TypedDateInput
            label="Ngày hết hạn"
            live
            value={item.deadline?.date ?? null}
            onCommit={(iso) => {
              // An emptied box is no deadline (it kept the old date, unseen); the box stays to type one.
              if (iso === null) setPickingDate(true);
              onChange({ ...item, deadline: iso === null ? null : deadlineFrom('date', iso, item.deadline) });
            }}
          />
        )}
      </label>
      <label>
        Ghi chú{' '}
        <input
          value={item.notes}
          maxLength={SHEET_ITEM_MAX.notes}
          onChange={(e) => onChange({ ...item, notes: e.target.value })}
        />
      </label>
      <div className="task-actions">
        <button type="button" className="button" onClick={() => onMove(-1)}>
          Lên
        </button>
        <button type="button" className="button" onClick={() => onMove(1)}>
          Xuống
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onSplit(cursor)}
          title="Tách tại vị trí con trỏ trong nội dung"
        >
          Tách
        </button>
        <button type="button" className="button" onClick={onMerge} disabled={index === 0}>
          Gộp với nhiệm vụ trên
        </button>
        <button type="button" className="button" onClick={onRemove}>
          Bỏ khỏi phiếu
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The report document's ID, saved when the clerk leaves the box or presses Enter. Saved on every
 * keystroke, each save's reload overwrote the box while typing: «123» became «13», and the
 * documents 1 and 12 were linked on the way. A refused ID (no such document) goes back to the
 * saved one: left in the box, it read as recorded beside the link to the document that still was.
 */
function EvidenceInput({
  label,
  value,
  onCommit,
  describedBy,
}: {
  label: string;
  value: number | null;
  onCommit(id: number | null): Promise<boolean>;
  describedBy?: string;
}) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  // A new saved value (this save's reload, or another row's) replaces the draft.
  const [saved, setSaved] = useState(value);
  if (saved !== value) {
    setSaved(value);
    setDraft(value === null ? '' : String(value));
  }
  const restore = () => setDraft(value === null ? '' : String(value));
  const commit = () => {
    const next = draft.trim() ? Number(draft) : null;
    if (next !== null && !(Number.isSafeInteger(next) && next > 0)) restore();
    else if (next !== value) void onCommit(next).then((recorded) => recorded || restore());
  };
  return (
    <input
      type="number"
      min={1}
      aria-label={label}
      aria-invalid={describedBy ? true : undefined}
      aria-describedby={describedBy}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

/** The unsaved items kept for a sheet, or null (none, or not readable as a list). */
function readDraft(key: string): SheetItem[] | null {
  try {
    const value: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? 'null');
    return Array.isArray(value) && value.length > 0 ? (value as SheetItem[]) : null;
  } catch {
    return null;
  }
}

export function TaskSheetView({ api, documentId, desktop }: { api: VanthuApi; documentId: number; desktop: boolean }) {
  const [sheet, setSheet] = useState<TaskSheet | null>(null);
  const [items, setItems] = useState<SheetItem[]>([]);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [variant, setVariant] = useState<Variant>({ kind: 'whole' });
  const [tracking, setTracking] = useState(false);
  const [print, setPrint] = useState<SheetPrint | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The same bound as the core's (shared/tasks/status.ts), so the clerk is told before anything is sent.
  const latest = latestCompletionDate(new Date());
  /**
   * A refused completion date or report ID, said on its own row: the page's error sat at the top,
   * out of sight of the tracking table, and for a date said only «Yêu cầu không hợp lệ.».
   */
  const [rowProblem, setRowProblem] = useState<{ row: string; field: 'date' | 'evidence'; text: string } | null>(null);
  const problemOf = (row: string, field: 'date' | 'evidence') =>
    rowProblem?.row === row && rowProblem.field === field ? rowProblem.text : null;

  const draftKey = `vanthu.tasksheet.draft.${documentId}`;
  const load = useCallback(
    (r: Awaited<ReturnType<VanthuApi['getTaskSheet']>>, said: string | null = null) => {
      if (r.ok) {
        setSheet(r.value);
        setItems(r.value.items);
        setDirty(false);
        setError(null);
        setMessage(said);
        window.sessionStorage.removeItem(draftKey);
      } else setError(r.error);
    },
    [draftKey],
  );
  useEffect(() => {
    let current = true;
    void api.getTaskSheet({ documentId }).then((r) => {
      if (!current) return;
      // Edits not yet saved when the clerk left the page (the header's links, Back) are kept for this
      // window's session and come back here; before, leaving threw them away without a word.
      const draft = r.ok ? readDraft(draftKey) : null;
      if (!r.ok || !draft) return load(r);
      setSheet(r.value);
      setItems(draft);
      setDirty(true);
      setError(null);
      setMessage('Đã khôi phục các thay đổi chưa lưu của phiếu này.');
    });
    return () => {
      current = false;
    };
  }, [api, documentId, load, draftKey]);

  const target = useMemo(
    () => ({
      kind: 'directive' as const,
      documentId,
      agency: variant.kind === 'agency' ? variant.agency : null,
      perAgency: variant.kind === 'perAgency',
      tracking,
    }),
    [documentId, variant, tracking],
  );
  useEffect(() => {
    if (dirty) return;
    void api.getTaskPrint({ target }).then((r) => (r.ok ? setPrint(r.value.print) : setError(r.error)));
  }, [api, target, dirty, sheet]);

  /**
   * Why «Lưu phiếu» did not save, said beside it: the page's error sat at the top, out of sight of
   * the button, and for a task left without text said only «Yêu cầu không hợp lệ.».
   */
  const [saveProblem, setSaveProblem] = useState<{ text: string; empty: string[] } | null>(null);
  const edit = (next: SheetItem[]) => {
    // The message is about the items as they were: this edit may have fixed it.
    setSaveProblem(null);
    setItems(next);
    setDirty(true);
    window.sessionStorage.setItem(draftKey, JSON.stringify(next));
  };
  const save = async () => {
    const empty = items.filter((item) => !item.text.trim());
    if (empty.length > 0) {
      const which = empty.map((item) => items.indexOf(item) + 1);
      setSaveProblem({
        text: `${which.length === 1 ? 'Nhiệm vụ' : 'Các nhiệm vụ'} ${which.join(', ')} chưa có nội dung. Hãy ghi nội dung, hoặc bấm «Bỏ khỏi phiếu» nếu không giao nhiệm vụ đó. Phiếu chưa được lưu.`,
        empty: empty.map((item) => item.key),
      });
      return;
    }
    const r = await api.saveTaskSheet({ documentId, items });
    if (!r.ok) return setSaveProblem({ text: `${errorText(r.error)} Phiếu chưa được lưu.`, empty: [] });
    setSaveProblem(null);
    load(r, 'Đã lưu phiếu.');
  };
  // Once the marked textareas are drawn, the first takes the focus (and scrolls into view).
  useEffect(() => {
    if (saveProblem?.empty.length) document.querySelector<HTMLTextAreaElement>('textarea[data-empty]')?.focus();
  }, [saveProblem]);
  const reset = async () => {
    // One click next to «Lưu phiếu» threw away every edit of the sheet, saved ones too, for good.
    if (
      !window.confirm(
        'Bỏ mọi chỉnh sửa của phiếu này (cả những chỉnh sửa đã lưu) và trở về nhiệm vụ đọc từ văn bản? Không thể hoàn tác.',
      )
    )
      return;
    load(await api.resetTaskSheet({ documentId }), 'Đã trở về nhiệm vụ đọc từ văn bản.');
  };
  const doPrint = async (mode: 'print' | 'pdf') => {
    if (!desktop) return window.print();
    const r = await api.printTaskSheet({ target, mode });
    if (!r.ok) setError(r.error);
    else if (r.value.saved) setMessage(`Đã lưu ${r.value.saved}`);
  };
  /** Records a change of one tracking row; false when refused (said on the row, or at the top). */
  const track = async (
    itemKey: string,
    agency: string,
    change: { started?: boolean; completedAt?: string | null; evidenceDocumentId?: number | null },
  ): Promise<boolean> => {
    const row = `${itemKey}|${agency}`;
    if (change.completedAt !== undefined) {
      const problem = completionDateProblem(change.completedAt, latest);
      if (problem) {
        setRowProblem({ row, field: 'date', text: problem });
        return false;
      }
    }
    const r = await api.updateTaskTracking({ documentId, itemKey, agency, ...change });
    if (!r.ok) {
      // The core's own refusal of the date (its clock may be a day on): its sentence, on the row.
      if (change.completedAt !== undefined && r.error.code === 'INVALID_INPUT' && r.error.detail)
        setRowProblem({ row, field: 'date', text: r.error.detail });
      else if (change.evidenceDocumentId != null && r.error.code === 'NOT_FOUND')
        setRowProblem({
          row,
          field: 'evidence',
          text: `Không có văn bản ID ${change.evidenceDocumentId} trong kho: văn bản báo cáo chưa được ghi.`,
        });
      else setError(r.error);
      return false;
    }
    if (rowProblem?.row === row) setRowProblem(null);
    setError(null);
    // Only the tracking is read again: the items being edited stay as the clerk left them.
    void api.getTaskSheet({ documentId }).then((fresh) => (fresh.ok ? setSheet(fresh.value) : setError(fresh.error)));
    return true;
  };

  // The way back to the directive: the page had none (the graph and history pages have theirs), so a
  // clerk who opened the sheet from a document was left with the browser's Back, which the desktop
  // window does not show.
  const backToDocument = (
    <p>
      <a href={`#/doc/${documentId}`} data-testid="sheet-back">
        <span aria-hidden="true">← </span>Về văn bản
      </a>
    </p>
  );
  if (error && !sheet)
    return (
      <>
        {/* A directive no longer in the archive has no page to go back to: the list, then. */}
        {error.code === 'NOT_FOUND' ? (
          <p>
            <a href="#/" data-testid="sheet-back">
              <span aria-hidden="true">← </span>Về danh sách
            </a>
          </p>
        ) : (
          backToDocument
        )}
        <ErrorMessage error={error} />
      </>
    );
  if (!sheet) return <p className="muted">Đang tải phiếu giao việc…</p>;
  // One option per name: the office list repeats some (an alias of one agency is another's short name).
  const agencyNames = [
    ...new Set(sheet.office.agencies.flatMap((a) => [a.name, a.short, ...a.aliases]).filter(Boolean)),
  ];

  return (
    <div className="task-sheet-page">
      <div className="vt-no-print">
        {backToDocument}
        <h2>
          Phiếu giao việc — {sheet.document.type ?? 'Văn bản'} {sheet.document.ref ?? ''}
        </h2>
        {!sheet.officeConfigured && (
          <p className="warning">
            Chưa đặt thông tin cơ quan: tiêu đề phiếu lấy từ văn bản. <a href="#/settings">Đặt thông tin cơ quan</a>
          </p>
        )}
        {error && <ErrorMessage error={error} />}
        {message && <p role="status">{message}</p>}
        <datalist id="agency-list">
          {agencyNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <section aria-label="Sửa nhiệm vụ">
          {/* A directive without tasks showed only two greyed buttons and a table of headings. */}
          {items.length === 0 && (
            <p className="muted" data-testid="sheet-no-tasks">
              {sheet.items.length === 0
                ? 'Văn bản này chưa có nhiệm vụ nào để giao. '
                : 'Phiếu không còn nhiệm vụ nào (đã bỏ hết khỏi phiếu). '}
              Nhiệm vụ được thêm ở trang văn bản, mục «Nhiệm vụ»:{' '}
              <a href={`#/doc/${documentId}`}>mở văn bản để thêm nhiệm vụ</a>.
            </p>
          )}
          {items.map((item, i) => (
            <ItemEditor
              key={item.key}
              item={item}
              index={i}
              onChange={(next) => edit(items.map((x, j) => (j === i ? { ...next, edited: true } : x)))}
              onMove={(d) => edit(moveItem(items, i, d))}
              onSplit={(at) => edit(splitItem(items, i, at, `${item.key}-${Date.now().toString(36)}`))}
              onMerge={() => edit(mergeWithPrevious(items, i))}
              onRemove={() => edit(removeItem(items, i))}
              empty={saveProblem?.empty.includes(item.key) ?? false}
            />
          ))}
          <div className="task-actions">
            <button type="button" className="button primary" disabled={!dirty} onClick={() => void save()}>
              Lưu phiếu
            </button>
            <button type="button" className="button" disabled={!sheet.edited && !dirty} onClick={() => void reset()}>
              Trở về nhiệm vụ đọc từ văn bản
            </button>
            {saveProblem && (
              <p className="error" role="alert" id="task-sheet-save-problem" data-testid="save-problem">
                {saveProblem.text}
              </p>
            )}
          </div>
        </section>
        {sheet.tracked.length > 0 && (
          <section aria-label="Theo dõi thực hiện">
            <h3>Theo dõi thực hiện</h3>
            <table className="track-table">
              <thead>
                <tr>
                  <th>STT</th>
                  <th>Nhiệm vụ</th>
                  <th>Cơ quan chủ trì</th>
                  <th>Tình trạng</th>
                  <th>Đã bắt đầu</th>
                  <th>Ngày hoàn thành</th>
                  <th>Văn bản báo cáo (ID)</th>
                </tr>
              </thead>
              <tbody>
                {sheet.tracked.map((t) => {
                  const row = `${t.itemKey}|${t.agency}`;
                  const dateProblem = problemOf(row, 'date');
                  const evidenceProblem = problemOf(row, 'evidence');
                  // Each row's boxes named for their row: one checkbox had no name at all, and every
                  // date box was the same «Ngày hoàn thành» to a screen reader.
                  const of = ` — nhiệm vụ ${t.stt}, ${t.agency || 'các cơ quan, đơn vị'}`;
                  return (
                    <tr key={row} data-status={t.status}>
                      <td>{t.stt}</td>
                      {/* The row said only its number: which task it tracks, the whole text in the title. */}
                      <td className="task-gist" title={taskTitle(t.text)} data-testid="task-gist">
                        {taskGist(t.text)}
                      </td>
                      <td>{t.agency || 'Các cơ quan, đơn vị'}</td>
                      <td>{STATUS_LABELS[t.status]}</td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Đã bắt đầu${of}`}
                          checked={t.tracking.started}
                          onChange={(e) => void track(t.itemKey, t.agency, { started: e.target.checked })}
                        />
                      </td>
                      <td>
                        {/* Typed (22/7/21 too) and recorded on Enter or on leaving the box: the date box
                          recorded each year digit as it came (0002, 0020, 0202, then 2021). */}
                        <TypedDateInput
                          label={`Ngày hoàn thành${of}`}
                          value={t.tracking.completedAt}
                          problem={dateProblem}
                          problemId="tracking-row-problem"
                          onCommit={(iso) => void track(t.itemKey, t.agency, { completedAt: iso })}
                        />
                        {dateProblem && (
                          <p
                            className="error"
                            role="alert"
                            id="tracking-row-problem"
                            data-testid="completion-date-problem"
                          >
                            {dateProblem}
                          </p>
                        )}
                      </td>
                      <td>
                        <EvidenceInput
                          label={`Văn bản báo cáo (ID)${of}`}
                          value={t.tracking.evidenceDocumentId}
                          onCommit={(evidenceDocumentId) => track(t.itemKey, t.agency, { evidenceDocumentId })}
                          describedBy={evidenceProblem ? 'tracking-row-problem' : undefined}
                        />
                        {t.tracking.evidenceDocumentId && (
                          <a href={`#/doc/${t.tracking.evidenceDocumentId}`}> {t.evidenceRef ?? 'mở'}</a>
                        )}
                        {evidenceProblem && (
                          <p className="error" role="alert" id="tracking-row-problem" data-testid="evidence-problem">
                            {evidenceProblem}
                          </p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )}
        <section aria-label="In phiếu" className="task-actions">
          <select
            aria-label="Kiểu phiếu"
            value={variant.kind === 'agency' ? `a:${variant.agency}` : variant.kind}
            onChange={(e) => {
              const v = e.target.value;
              setVariant(
                v === 'whole'
                  ? { kind: 'whole' }
                  : v === 'perAgency'
                    ? { kind: 'perAgency' }
                    : { kind: 'agency', agency: v.slice(2) },
              );
            }}
          >
            <option value="whole">Cả văn bản</option>
            <option value="perAgency">Mỗi cơ quan một phiếu</option>
            {sheet.agencies.map((a) => (
              <option key={a} value={`a:${a}`}>
                Chỉ {a}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={tracking} onChange={(e) => setTracking(e.target.checked)} /> Bảng theo dõi
            (ghi tình trạng)
          </label>
          <button type="button" className="button primary" onClick={() => void doPrint('print')} disabled={dirty}>
            In…
          </button>
          {desktop && (
            <button type="button" className="button" onClick={() => void doPrint('pdf')} disabled={dirty}>
              Lưu PDF…
            </button>
          )}
          {variant.kind === 'perAgency' && (
            <span className="muted">
              {desktop
                ? 'Tệp PDF đánh số trang riêng cho từng cơ quan; khi In…, số trang chạy liền qua các cơ quan.'
                : 'Khi in, số trang chạy liền qua các cơ quan.'}
            </span>
          )}
          {dirty && <span className="muted">Lưu phiếu trước khi in.</span>}
        </section>
      </div>
      {print && <SheetPreview print={print} />}
    </div>
  );
}
