/**
 * Task status from the deadline, what the clerk recorded and "today" (always passed in, so tests
 * pick the day). Dates are ISO YYYY-MM-DD strings compared as text; arithmetic is done in UTC.
 */
import type { TaskDeadline } from '../model/directive';
import { TRACKING_WINDOW_DAYS, type TaskStatus, type TrackingState } from './types';

const DAY_MS = 86_400_000;

function toUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toUtc(iso).getTime() + days * DAY_MS));
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return toIso(toUtc(s)) === s;
}

/** Local calendar date of a Date (the clerk's "today"), not its UTC date. */
export function localIsoDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Vietnam's offset from UTC (no daylight saving): the clerks' calendar, whatever the PC's zone says. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * The latest completion date a clerk may record at `now`: today. "Today" is the clerk's calendar
 * day, which is the PC's local date; but a PC left on UTC (or any zone west of Vietnam) is behind
 * it until the evening, and from midnight to 7 am in Vietnam would refuse the very day the task was
 * done. So the later of the PC's date and Vietnam's: never a day the clerk has not reached.
 */
export function latestCompletionDate(now: Date, zoneOffsetMinutes = now.getTimezoneOffset()): string {
  // getTimezoneOffset is minutes behind UTC (−420 in Vietnam); a parameter so tests can pick the zone.
  const local = toIso(new Date(now.getTime() - zoneOffsetMinutes * 60_000));
  const vietnam = toIso(new Date(now.getTime() + VIETNAM_OFFSET_MS));
  return local > vietnam ? local : vietnam;
}

/** What is said when a completion date is after `latest` (today), or null when it is not. */
export function completionDateProblem(completedAt: string | null | undefined, latest: string): string | null {
  if (!completedAt || completedAt <= latest) return null;
  return `Ngày hoàn thành ${vnDate(completedAt)} là ngày chưa tới (hôm nay là ${vnDate(latest)}). Chỉ ghi ngày nhiệm vụ đã hoàn thành.`;
}

export type Recurrence = NonNullable<TaskDeadline['recurrence']>;
type Periodic = Exclude<Recurrence, 'ongoing'>;

/** First and last day of the period of a recurring task that contains `day`. Weeks run Monday–Sunday. */
export function periodOf(recurrence: Periodic, day: string): { start: string; end: string } {
  const d = toUtc(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const lastOfMonth = (year: number, month: number) => toIso(new Date(Date.UTC(year, month + 1, 0)));
  const first = (year: number, month: number) => toIso(new Date(Date.UTC(year, month, 1)));
  switch (recurrence) {
    case 'weekly': {
      const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
      const start = addDays(day, -weekday);
      return { start, end: addDays(start, 6) };
    }
    case 'monthly':
      return { start: first(y, m), end: lastOfMonth(y, m) };
    case 'quarterly': {
      const q = Math.floor(m / 3) * 3;
      return { start: first(y, q), end: lastOfMonth(y, q + 2) };
    }
    case 'half_yearly': {
      const h = m < 6 ? 0 : 6;
      return { start: first(y, h), end: lastOfMonth(y, h + 5) };
    }
    case 'yearly':
      return { start: first(y, 0), end: lastOfMonth(y, 11) };
  }
}

export interface StatusResult {
  status: TaskStatus;
  /** When the task is due now: the fixed date, or the end of the current period; null for none/ongoing. */
  dueDate: string | null;
}

/**
 * - Done (a completion date): on time when on or before the due date, late after it. A recurring
 *   task counts as done only for the period of its completion date.
 * - Not done: overdue once the due date has passed ("anything past due and not done is quá hạn").
 *   A recurring task is overdue when the previous period closed with no completion in it and the
 *   task already existed then (`since`, the directive's date).
 * - Otherwise in progress when the clerk marked it started, else not started.
 */
export function computeStatus(
  deadline: TaskDeadline | null,
  tracking: Pick<TrackingState, 'started' | 'completedAt'>,
  today: string,
  since: string | null = null,
): StatusResult {
  const completed = tracking.completedAt;
  const open: TaskStatus = tracking.started ? 'in_progress' : 'not_started';
  const recurrence = deadline?.recurrence ?? null;

  if (deadline?.date) {
    const due = deadline.date;
    if (completed) return { status: completed <= due ? 'done_on_time' : 'done_late', dueDate: due };
    return { status: today > due ? 'overdue' : open, dueDate: due };
  }

  if (recurrence && recurrence !== 'ongoing') {
    const current = periodOf(recurrence, today);
    if (completed && completed >= current.start && completed <= current.end)
      return { status: 'done_on_time', dueDate: current.end };
    const previous = periodOf(recurrence, addDays(current.start, -1));
    const existed = since === null || since <= previous.end;
    const previousDone = completed !== null && completed >= previous.start;
    if (existed && !previousDone) return { status: 'overdue', dueDate: previous.end };
    return { status: open, dueDate: current.end };
  }

  // No date ("thường xuyên", or none written): done is always on time; never overdue.
  if (completed) return { status: 'done_on_time', dueDate: null };
  return { status: open, dueDate: null };
}

export const isOpen = (status: TaskStatus): boolean =>
  status === 'not_started' || status === 'in_progress' || status === 'overdue';

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  weekly: 'Hằng tuần',
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  half_yearly: '6 tháng một lần',
  yearly: 'Hằng năm',
  ongoing: 'Thường xuyên',
};

export function vnDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return d && m && y ? `${d}/${m}/${y}` : iso;
}

/** The "Thời hạn" cell: a date as dd/mm/yyyy, a recurrence by name, else the phrase as written. */
export function deadlineLabel(deadline: TaskDeadline | null): string {
  if (!deadline) return '';
  if (deadline.date) return `Trước ngày ${vnDate(deadline.date)}`;
  if (deadline.recurrence) return RECURRENCE_LABELS[deadline.recurrence];
  return deadline.text;
}

/** The first day of the directives tracking covers: `since` as asked (null: all), else the last 12 months. */
export function trackingSince(since: string | null | undefined, today: string): string | null {
  return since === undefined ? addDays(today, -TRACKING_WINDOW_DAYS) : since;
}

/** What tracking covers, in words for the dashboard and the printed digest. */
export function trackingScopeLine(since: string | null): string {
  return since === null
    ? 'Nhiệm vụ của mọi văn bản trong kho.'
    : `Nhiệm vụ của các văn bản ban hành (hoặc nhận, nếu không ghi ngày) từ ngày ${vnDate(since)}, và các văn bản đã lập phiếu hoặc ghi kết quả thực hiện.`;
}
