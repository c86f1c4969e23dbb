/** #/tasks: due this week, overdue, by agency, by directive; printable, with an agency's digest. */
import { useEffect, useRef, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { SheetPrint } from '../../../shared/tasks/render';
import { addDays, localIsoDate, trackingScopeLine, vnDate } from '../../../shared/tasks/status';
import {
  STATUS_LABELS,
  type CloseSuggestions,
  type TaskDashboard,
  type TrackedTask,
} from '../../../shared/tasks/types';
import { taskGist, taskTitle } from '../../../shared/tasks/gist';
import { ErrorMessage } from '../views/ErrorMessage';
import { SheetPreview } from './SheetPreview';
import { useSheetCss } from './useSheetCss';

function TaskTable({ tasks }: { tasks: TrackedTask[] }) {
  if (tasks.length === 0) return <p className="muted">Không có nhiệm vụ nào.</p>;
  return (
    <table className="track-table">
      <thead>
        <tr>
          <th>Văn bản</th>
          <th>STT</th>
          <th>Nội dung</th>
          <th>Cơ quan chủ trì</th>
          <th>Hạn</th>
          <th>Tình trạng</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={`${t.documentId}|${t.itemKey}|${t.agency}`} data-status={t.status}>
            <td>
              <a href={`#/tasksheet/${t.documentId}`}>{t.documentRef ?? `#${t.documentId}`}</a>
            </td>
            <td>{t.stt}</td>
            <td className="task-gist" title={taskTitle(t.text)} data-testid="task-gist">
              {taskGist(t.text)}
            </td>
            <td>{t.agency || 'Các cơ quan, đơn vị'}</td>
            <td>{vnDate(t.dueDate)}</td>
            <td>{STATUS_LABELS[t.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The directives the dashboard covers, in months back (the server's default is 12), or all of them. */
type Span = '12' | '24' | '60' | 'all';
const SPAN_DAYS: Record<Exclude<Span, 'all'>, number> = { '12': 365, '24': 730, '60': 1826 };

export function DashboardView({ api }: { api: VanthuApi }) {
  useSheetCss();
  const [board, setBoard] = useState<TaskDashboard | null>(null);
  const [suggestions, setSuggestions] = useState<CloseSuggestions>({ suggestions: [], total: 0 });
  const [error, setError] = useState<ApiError | null>(null);
  const [digest, setDigest] = useState<SheetPrint | null>(null);
  /** The agency whose «Bảng theo dõi» opened the digest: «Đóng» gives that button the focus back. */
  const [opener, setOpener] = useState<string | null>(null);
  const digestActions = useRef<HTMLDivElement>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  // The digest is drawn below every table, thousands of pixels under the button that asked for it:
  // a click seemed to do nothing. Bring it into view, its print button focused.
  useEffect(() => {
    if (!digest) return;
    digestActions.current?.scrollIntoView({ block: 'start' });
    digestActions.current?.querySelector('button')?.focus({ preventScroll: true });
  }, [digest]);
  useEffect(() => {
    if (digest || opener === null) return;
    const back = [...(boardRef.current?.querySelectorAll<HTMLButtonElement>('button[data-agency]') ?? [])].find(
      (b) => b.dataset.agency === opener,
    );
    back?.focus();
  }, [digest, opener]);

  const [span, setSpan] = useState<Span>('12');
  /** The span `board` is for: a whole large archive takes seconds, and the old figures stay meanwhile. */
  const [shownSpan, setShownSpan] = useState<Span | null>(null);
  useEffect(() => {
    const today = localIsoDate(new Date());
    let current = true;
    void api
      .taskDashboard(span === '12' ? {} : { since: span === 'all' ? null : addDays(today, -SPAN_DAYS[span]) })
      .then((r) => {
        if (!current) return;
        setShownSpan(span);
        if (r.ok) setBoard(r.value);
        else setError(r.error);
      });
    return () => {
      current = false;
    };
  }, [api, span]);
  useEffect(() => {
    void api.taskCloseSuggestions({}).then((r) => r.ok && setSuggestions(r.value));
  }, [api]);

  const showDigest = async (agency: string) => {
    const r = await api.getTaskPrint({ target: { kind: 'digest', agency, since: board?.since ?? null } });
    if (r.ok) {
      setOpener(agency);
      setDigest(r.value.print);
    } else setError(r.error);
  };

  if (error) return <ErrorMessage error={error} />;
  if (!board) return <p className="muted">Đang tải…</p>;
  const cut = (shown: number, total: number, what: string) =>
    total > shown ? (
      <p className="muted" data-testid="dashboard-cut">
        Hiện {shown} trong {total} {what} (hạn sớm nhất trước); «Bảng theo dõi» của từng cơ quan in đủ.
      </p>
    ) : null;
  return (
    <div className="task-dashboard">
      <div className={digest ? 'vt-no-print' : undefined} ref={boardRef}>
        <h2>Theo dõi nhiệm vụ — ngày {vnDate(board.today)}</h2>
        <p className="task-scope" data-testid="dashboard-scope">
          {trackingScopeLine(board.since)}{' '}
          <label className="vt-no-print">
            Văn bản trong:{' '}
            <select value={span} onChange={(e) => setSpan(e.target.value as Span)}>
              <option value="12">12 tháng gần đây</option>
              <option value="24">2 năm gần đây</option>
              <option value="60">5 năm gần đây</option>
              <option value="all">cả kho (chậm với kho lớn)</option>
            </select>
          </label>
        </p>
        {shownSpan !== span && (
          <p className="muted vt-no-print" role="status" data-testid="dashboard-loading">
            Đang tính lại nhiệm vụ của các văn bản trong khoảng đã chọn…
          </p>
        )}
        <button type="button" className="button vt-no-print" onClick={() => window.print()}>
          In
        </button>
        {board.byDocumentTotal === 0 && (
          <p className="muted" data-testid="dashboard-empty">
            Không có văn bản nào có nhiệm vụ trong khoảng này.
            {span !== 'all' && ' Chọn khoảng dài hơn ở ô «Văn bản trong» để xem các văn bản cũ hơn.'}
          </p>
        )}
        {suggestions.total > 0 && (
          <section className="vt-no-print" data-testid="close-suggestions">
            <h3>Đề nghị đóng nhiệm vụ theo văn bản báo cáo</h3>
            {suggestions.total > suggestions.suggestions.length && (
              <p className="muted" data-testid="suggestions-cut">
                Hiện {suggestions.suggestions.length} trong {suggestions.total} đề nghị (báo cáo mới nhất trước).
              </p>
            )}
            <ul>
              {suggestions.suggestions.map((s) => (
                <li key={`${s.reportDocumentId}|${s.documentId}|${s.itemKey}|${s.agency}`}>
                  <a href={`#/doc/${s.reportDocumentId}`}>{s.reportRef ?? `#${s.reportDocumentId}`}</a> báo cáo về{' '}
                  <a href={`#/tasksheet/${s.documentId}`}>nhiệm vụ của {s.agency || 'các cơ quan'}</a>:{' '}
                  <span title={taskTitle(s.text)}>{taskGist(s.text)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <h3>Quá hạn ({board.overdueTotal})</h3>
        {cut(board.overdue.length, board.overdueTotal, 'nhiệm vụ quá hạn')}
        <TaskTable tasks={board.overdue} />
        <h3>Đến hạn trong tuần (đến {vnDate(board.weekEnd)})</h3>
        {cut(board.dueThisWeek.length, board.dueThisWeekTotal, 'nhiệm vụ đến hạn')}
        <TaskTable tasks={board.dueThisWeek} />
        <h3>Theo cơ quan</h3>
        {board.byAgency.length === 0 ? (
          <p className="muted">Không có nhiệm vụ nào.</p>
        ) : (
          <table className="track-table">
            <thead>
              <tr>
                <th>Cơ quan</th>
                <th>Đang mở</th>
                <th>Quá hạn</th>
                <th>Đã xong</th>
                <th className="vt-no-print"></th>
              </tr>
            </thead>
            <tbody>
              {board.byAgency.map((a) => (
                <tr key={a.agency}>
                  <td>{a.agency || 'Các cơ quan, đơn vị'}</td>
                  <td>{a.open}</td>
                  <td>{a.overdue}</td>
                  <td>{a.done}</td>
                  <td className="vt-no-print">
                    {a.agency && (
                      <button
                        type="button"
                        className="button"
                        aria-label={`Bảng theo dõi của ${a.agency}`}
                        data-agency={a.agency}
                        onClick={() => void showDigest(a.agency)}
                      >
                        Bảng theo dõi
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Theo văn bản</h3>
        {board.byDocumentTotal > board.byDocument.length && (
          <p className="muted">
            Hiện {board.byDocument.length} trong {board.byDocumentTotal} văn bản (nhiều việc quá hạn trước).
          </p>
        )}
        {board.byDocument.length === 0 ? (
          <p className="muted">Không có văn bản nào.</p>
        ) : (
          <table className="track-table">
            <thead>
              <tr>
                <th>Văn bản</th>
                <th>Trích yếu</th>
                <th>Đang mở</th>
                <th>Quá hạn</th>
                <th>Đã xong</th>
              </tr>
            </thead>
            <tbody>
              {board.byDocument.map((d) => (
                <tr key={d.documentId}>
                  <td>
                    <a href={`#/tasksheet/${d.documentId}`}>{d.ref ?? `#${d.documentId}`}</a>
                  </td>
                  <td>{d.subject}</td>
                  <td>{d.open}</td>
                  <td>{d.overdue}</td>
                  <td>{d.done}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {digest && (
        <>
          <div className="vt-no-print task-actions" ref={digestActions} data-testid="digest-actions">
            <button type="button" className="button primary" onClick={() => window.print()}>
              In bảng theo dõi
            </button>
            <button type="button" className="button" onClick={() => setDigest(null)}>
              Đóng
            </button>
          </div>
          <SheetPreview print={digest} />
        </>
      )}
    </div>
  );
}
