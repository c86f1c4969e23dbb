/** Status from deadline, completion and an injected "today" (issue #6): fixed dates, past deadlines, recurring ones. */
import type { TaskDeadline } from '../../../shared/model/directive';
import { computeStatus, deadlineLabel, periodOf } from '../../../shared/tasks/status';
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
