/** Status from deadline, completion and an injected "today" (issue #6): fixed dates, past deadlines, recurring ones. */
import type { TaskDeadline } from '../../../shared/model/directive';
import {
  completionDateProblem,
  computeStatus,
  deadlineLabel,
  latestCompletionDate,
  localIsoDate,
  periodOf,
} from '../../../shared/tasks/status';
import type { TaskStatus } from '../../../shared/tasks/types';

const on = (date: string, text = `trước ngày ${date}`): TaskDeadline => ({ text, date, recurrence: null });
const every = (recurrence: TaskDeadline['recurrence'], text: string): TaskDeadline => ({
  text,
  date: null,
  recurrence,
});
const open = { started: false, completedAt: null };
const started = { started: true, completedAt: null };
const doneOn = (completedAt: string) => ({ started: true, completedAt });

// [case, deadline, tracking, today, since (directive date), expected status, expected due date]
const CASES: [
  string,
  TaskDeadline | null,
  { started: boolean; completedAt: string | null },
  string,
  string | null,
  TaskStatus,
  string | null,
][] = [
  ['not yet due, nothing recorded', on('2021-06-30'), open, '2021-06-01', null, 'not_started', '2021-06-30'],
  ['not yet due, started', on('2021-06-30'), started, '2021-06-01', null, 'in_progress', '2021-06-30'],
  ['due today is still in time', on('2021-06-30'), started, '2021-06-30', null, 'in_progress', '2021-06-30'],
  ['past the deadline, not done', on('2021-06-30'), started, '2021-07-01', null, 'overdue', '2021-06-30'],
  ['past the deadline, never started', on('2021-06-30'), open, '2022-01-15', null, 'overdue', '2021-06-30'],
  [
    'done before the deadline',
    on('2021-06-30'),
    doneOn('2021-06-28'),
    '2021-08-01',
    null,
    'done_on_time',
    '2021-06-30',
  ],
  [
    'done on the deadline day',
    on('2021-06-30'),
    doneOn('2021-06-30'),
    '2021-08-01',
    null,
    'done_on_time',
    '2021-06-30',
  ],
  ['done after the deadline', on('2021-06-30'), doneOn('2021-07-05'), '2021-08-01', null, 'done_late', '2021-06-30'],
  ['no deadline, open', null, open, '2021-08-01', null, 'not_started', null],
  ['no deadline, done', null, doneOn('2021-07-05'), '2021-08-01', null, 'done_on_time', null],
  [
    'thường xuyên is never overdue',
    every('ongoing', 'thường xuyên'),
    started,
    '2030-01-01',
    '2021-07-25',
    'in_progress',
    null,
  ],
  // hằng tháng, directive of 25/7/2021, today 2/8/2021: July closed with no report.
  [
    'monthly: last month missed',
    every('monthly', 'hằng tháng'),
    open,
    '2021-08-02',
    '2021-07-25',
    'overdue',
    '2021-07-31',
  ],
  // A recurring task reported before is being carried out: đang thực hiện until this period's report.
  [
    'monthly: last month reported, this month open',
    every('monthly', 'hằng tháng'),
    doneOn('2021-07-28'),
    '2021-08-02',
    '2021-07-25',
    'in_progress',
    '2021-08-31',
  ],
  [
    'monthly: this month reported',
    every('monthly', 'hằng tháng'),
    doneOn('2021-08-02'),
    '2021-08-10',
    '2021-07-25',
    'done_on_time',
    '2021-08-31',
  ],
  [
    'monthly: directive issued this month, nothing missed yet',
    every('monthly', 'hằng tháng'),
    open,
    '2021-08-20',
    '2021-08-05',
    'not_started',
    '2021-08-31',
  ],
  [
    'weekly: Monday-to-Sunday week',
    every('weekly', 'hằng tuần'),
    started,
    '2021-08-04',
    '2021-08-02',
    'in_progress',
    '2021-08-08',
  ],
  [
    'weekly: last week missed',
    every('weekly', 'hằng tuần'),
    doneOn('2021-07-20'),
    '2021-08-04',
    '2021-07-01',
    'overdue',
    '2021-08-01',
  ],
  [
    'quarterly: Q3 due 30/9',
    every('quarterly', 'hằng quý'),
    doneOn('2021-06-25'),
    '2021-08-02',
    '2021-05-01',
    'in_progress',
    '2021-09-30',
  ],
  ['quarterly: Q2 missed', every('quarterly', 'hằng quý'), open, '2021-08-02', '2021-05-01', 'overdue', '2021-06-30'],
  [
    'yearly: done this year',
    every('yearly', 'hằng năm'),
    doneOn('2021-03-01'),
    '2021-12-31',
    '2020-06-01',
    'done_on_time',
    '2021-12-31',
  ],
];

describe('computeStatus', () => {
  test.each(CASES)('%s', (_name, deadline, tracking, today, since, status, due) => {
    expect(computeStatus(deadline, tracking, today, since)).toEqual({ status, dueDate: due });
  });
});

describe('periods of recurring tasks', () => {
  test.each([
    ['weekly', '2021-08-01', '2021-07-26', '2021-08-01'], // a Sunday closes its week
    ['weekly', '2021-08-02', '2021-08-02', '2021-08-08'],
    ['monthly', '2024-02-10', '2024-02-01', '2024-02-29'],
    ['quarterly', '2021-11-30', '2021-10-01', '2021-12-31'],
    ['half_yearly', '2021-06-30', '2021-01-01', '2021-06-30'],
    ['yearly', '2021-07-01', '2021-01-01', '2021-12-31'],
  ] as const)('%s containing %s', (recurrence, day, start, end) => {
    expect(periodOf(recurrence, day)).toEqual({ start, end });
  });
});

test('deadline cell text', () => {
  expect(deadlineLabel(on('2021-06-30', 'chậm nhất ngày 30/6/2021'))).toBe('Trước ngày 30/06/2021');
  expect(deadlineLabel(every('quarterly', 'định kỳ hằng quý'))).toBe('Hằng quý');
  expect(deadlineLabel({ text: 'trong tháng 6/2021', date: null, recurrence: null })).toBe('trong tháng 6/2021');
  expect(deadlineLabel(null)).toBe('');
});

/**
 * A completion date in the future was recorded as given. The bound is the clerk's today: the PC's
 * local date, or Vietnam's when the PC's zone is behind it (a PC left on UTC would otherwise refuse
 * the very day the task was done, from midnight to 7 am).
 */
describe('regression: a completion date after today is refused, today never is', () => {
  // [PC's time zone, its offset as getTimezoneOffset gives it, instant, latest date accepted]
  test.each([
    ['Asia/Ho_Chi_Minh', -420, '2026-11-24T17:30:00Z', '2026-11-25'], // 00:30 on the 25th in Hà Nội
    ['Asia/Ho_Chi_Minh', -420, '2026-11-24T16:59:00Z', '2026-11-24'], // 23:59 on the 24th
    ['UTC', 0, '2026-11-24T17:30:00Z', '2026-11-25'], // the PC still says the 24th: Vietnam's day wins
    ['UTC', 0, '2026-11-25T16:59:59Z', '2026-11-25'],
    ['UTC', 0, '2026-11-25T17:00:00Z', '2026-11-26'],
    ['America/New_York', 300, '2026-11-25T03:00:00Z', '2026-11-25'], // 22:00 on the 24th there
    ['Pacific/Kiritimati', -840, '2026-11-24T12:00:00Z', '2026-11-25'], // UTC+14: the PC's own today
    ['Asia/Ho_Chi_Minh', -420, '2024-12-31T17:00:00Z', '2025-01-01'], // New Year's Day in Vietnam
  ])('PC in %s (%d) at %s: up to %s', (_zone, offset, instant, latest) => {
    expect(latestCompletionDate(new Date(instant), offset)).toBe(latest);
  });

  test("by default the PC's own zone: never before its local date", () => {
    const now = new Date();
    expect(latestCompletionDate(now) >= localIsoDate(now)).toBe(true);
  });

  test.each([
    [null, '2026-11-25', null],
    ['2026-11-25', '2026-11-25', null],
    ['2025-02-03', '2026-11-25', null],
    [
      '2026-11-26',
      '2026-11-25',
      'Ngày hoàn thành 26/11/2026 là ngày chưa tới (hôm nay là 25/11/2026). Chỉ ghi ngày nhiệm vụ đã hoàn thành.',
    ],
  ])('completed %s, today %s', (completedAt, latest, problem) => {
    expect(completionDateProblem(completedAt, latest)).toBe(problem);
  });
});
