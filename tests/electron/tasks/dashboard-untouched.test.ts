/**
 * The dashboard over the whole archive took 27 s at 100,000 directives (1.26 million tasks): every
 * task's text was decoded and keyed, for counts and for lists cut at DASHBOARD_LIST_MAX lines. A
 * directive the clerk has not touched (no saved sheet, no tracking row) is now counted from its task
 * rows without their texts, and only the lines shown are completed. What it answers must not change:
 * the oracle below builds every list from each directive's own sheet (`sheet().tracked`), the path
 * the task sheet page uses, with sheets edited and tasks tracked on some directives.
 */
import path from 'node:path';
import { generateCorpus } from '../../../scripts/bench/generate';
import { Archive } from '../../../electron/core/archive';
import * as tasksStore from '../../../electron/core/db/tasks-store';
import { tasksOf } from '../../../electron/core/tasks';
import { isOpen, periodOf } from '../../../shared/tasks/status';
import { DASHBOARD_LIST_MAX, type TrackedTask } from '../../../shared/tasks/types';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

// Counts the directives whose tasks are read whole; everything else is the real store.
jest.mock('../../../electron/core/db/tasks-store', () => {
  const real = jest.requireActual<typeof import('../../../electron/core/db/tasks-store')>(
    '../../../electron/core/db/tasks-store',
  );
  return { ...real, parsedTasks: jest.fn(real.parsedTasks) };
});

const TODAY = '2024-03-15';

describe('the dashboard counts untouched directives without their task texts', () => {
  let dir: { dir: string; cleanup: () => void };
  let archive: Archive;

  beforeAll(async () => {
    dir = tempDir('vanthu-dash-lines-');
    archive = Archive.open(path.join(dir.dir, 'kho'));
    generateCorpus(path.join(dir.dir, 'corpus'), 300);
    await archive.importPaths([path.join(dir.dir, 'corpus'), SAMPLES_DIR]);

    // The clerk engages with three directives of the window: an edited sheet, tracking, both.
    const service = tasksOf(archive);
    const candidates = tasksStore
      .documentsWithTasks(archive.db, '2023-03-15')
      .filter((d) => service.items(d.id).length >= 3);
    expect(candidates.length).toBeGreaterThan(3);
    const [edited, trackedOnly, both] = candidates as [
      tasksStore.TaskDocumentRow,
      tasksStore.TaskDocumentRow,
      tasksStore.TaskDocumentRow,
    ];
    for (const doc of [edited, both]) {
      const [first, , third, ...rest] = service.items(doc.id);
      service.saveSheet(
        doc.id,
        [
          { ...first!, deadline: { text: 'trước ngày 17/3/2024', date: '2024-03-17', recurrence: null } },
          { ...third!, lead: ['Phòng Tài chính - Kế hoạch', 'Công an huyện'] },
          ...rest,
        ],
        TODAY,
      );
    }
    for (const doc of [trackedOnly, both]) {
      const tracked = service.sheet(doc.id, TODAY).tracked;
      service.updateTracking(
        { documentId: doc.id, itemKey: tracked[0]!.itemKey, agency: tracked[0]!.agency, completedAt: '2024-03-01' },
        TODAY,
      );
      service.updateTracking(
        { documentId: doc.id, itemKey: tracked[1]!.itemKey, agency: tracked[1]!.agency, started: true },
        TODAY,
      );
    }
  }, 120_000);
  afterAll(() => {
    archive?.close();
    dir?.cleanup();
  });

  /** Every tracked task as each directive's own sheet gives it, in the dashboard's document order. */
  const oracle = (since: string | null): TrackedTask[] =>
    tasksStore.documentsWithTasks(archive.db, since).flatMap((doc) => tasksOf(archive).sheet(doc.id, TODAY).tracked);

  test.each([
    ['the last 12 months', '2023-03-15' as string | null],
    ['the whole archive', null],
  ])('%s: counts, lists and totals are those of the sheets', (_, since) => {
    const service = tasksOf(archive);
    const all = oracle(since);
    const board = service.dashboard(TODAY, since);

    const byDue = (a: TrackedTask, b: TrackedTask) =>
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.documentId - b.documentId || a.stt - b.stt;
    const weekEnd = periodOf('weekly', TODAY).end;
    const due = all
      .filter((t) => isOpen(t.status) && t.status !== 'overdue' && t.dueDate !== null)
      .filter((t) => t.dueDate! >= TODAY && t.dueDate! <= weekEnd)
      .sort(byDue);
    const overdue = all.filter((t) => t.status === 'overdue').sort(byDue);
    expect(board.dueThisWeekTotal).toBe(due.length);
    expect(board.dueThisWeek).toEqual(due.slice(0, DASHBOARD_LIST_MAX));
    expect(board.overdueTotal).toBe(overdue.length);
    expect(board.overdue).toEqual(overdue.slice(0, DASHBOARD_LIST_MAX));
    // The edited deadline (17/3, this week) is among what the page shows.
    expect(board.dueThisWeek.some((t) => t.dueDate === '2024-03-17')).toBe(true);

    const tally = (key: (t: TrackedTask) => string | number) => {
      const m = new Map<string | number, { open: number; overdue: number; done: number }>();
      for (const t of all) {
        const c = m.get(key(t)) ?? { open: 0, overdue: 0, done: 0 };
        if (t.status === 'overdue') c.overdue++;
        else if (isOpen(t.status)) c.open++;
        else c.done++;
        m.set(key(t), c);
      }
      return m;
    };
    const byAgency = tally((t) => t.agency);
    expect(board.byAgency).toHaveLength(byAgency.size);
    for (const row of board.byAgency)
      expect(byAgency.get(row.agency)).toEqual({ open: row.open, overdue: row.overdue, done: row.done });
    expect(board.byAgency.find((a) => a.agency === 'Công an huyện')).toBeDefined();
    const byDocument = tally((t) => t.documentId);
    expect(board.byDocumentTotal).toBe(byDocument.size);
    for (const row of board.byDocument)
      expect(byDocument.get(row.documentId)).toEqual({ open: row.open, overdue: row.overdue, done: row.done });
    expect(all.some((t) => t.status === 'done_on_time' && t.tracking.completedAt === '2024-03-01')).toBe(true);
  });

  test('tracked(), filtered or not, is the sheets’ tasks in the same order', () => {
    const service = tasksOf(archive);
    const all = oracle(null);
    expect(service.tracked({ since: null }, TODAY)).toEqual(all);
    const agency = 'Công an huyện';
    expect(service.tracked({ since: null, agency, open: true }, TODAY)).toEqual(
      all.filter((t) => t.agency === agency && isOpen(t.status)),
    );
    expect(service.tracked({ since: null, overdue: true }, TODAY)).toEqual(all.filter((t) => t.status === 'overdue'));
  });

  test('only the directives of the lines shown have their tasks read whole', () => {
    const parsedTasks = jest.mocked(tasksStore.parsedTasks);
    parsedTasks.mockClear();
    const board = tasksOf(archive).dashboard(TODAY, null);
    const shown = new Set([...board.dueThisWeek, ...board.overdue].map((t) => t.documentId));
    const engaged = tasksStore.engagedDocumentIds(archive.db);
    const read = new Set(parsedTasks.mock.calls.map(([, id]) => id));
    for (const id of read) expect(shown.has(id) || engaged.has(id)).toBe(true);
    expect(read.size).toBeGreaterThan(0);
    expect(board.byDocumentTotal).toBeGreaterThan(read.size * 2);
  });
});
