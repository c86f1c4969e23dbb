/**
 * What tracking covers (shared/tasks/types.ts TRACKING_WINDOW_DAYS): the dashboard and the task list
 * computed every task of every directive in the archive at each visit — 6 s at 10,000 directives,
 * over two minutes at 100,000 — and listed ten years of untouched directives as «quá hạn chưa hoàn
 * thành» (21 MB of answer at 10,000). They now cover the last 12 months, plus any directive the clerk
 * engaged with; the lists are cut at DASHBOARD_LIST_MAX lines with their totals.
 */
import path from 'node:path';
import { generateCorpus } from '../../../scripts/bench/generate';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { tasksOf } from '../../../electron/core/tasks';
import { DASHBOARD_LIST_MAX } from '../../../shared/tasks/types';
import { runCli } from '../../helpers/cli';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

describe('tracking covers the last 12 months and what the clerk engaged with', () => {
  let dir: { dir: string; cleanup: () => void };
  let archive: Archive;
  let yenThe: number;

  beforeAll(async () => {
    dir = tempDir('vanthu-scope-');
    archive = Archive.open(path.join(dir.dir, 'kho'));
    await archive.importPaths([SAMPLES_DIR]);
    yenThe = archive.findByRef('-CV/HU')[0]!.id;
  });
  afterAll(() => {
    archive?.close();
    dir?.cleanup();
  });

  test('the Yên Thế Công văn (2021) is tracked in 2021, left out two years later, back once the clerk records a result', () => {
    const service = tasksOf(archive);
    const docsOf = (tasks: { documentId: number }[]) => new Set(tasks.map((t) => t.documentId));
    expect(docsOf(service.tracked({}, '2021-08-25')).has(yenThe)).toBe(true);
    expect(docsOf(service.tracked({}, '2023-09-01')).has(yenThe)).toBe(false);
    // Asked for: every directive, or its own list.
    expect(docsOf(service.tracked({ since: null }, '2023-09-01')).has(yenThe)).toBe(true);
    expect(service.tracked({ documentId: yenThe }, '2023-09-01').length).toBeGreaterThan(0);

    const board = service.dashboard('2023-09-01');
    expect(board.since).toBe('2022-09-01');
    expect(board.byDocument.map((d) => d.documentId)).not.toContain(yenThe);

    const task = service.tracked({ documentId: yenThe }, '2023-09-01')[0]!;
    service.updateTracking(
      { documentId: yenThe, itemKey: task.itemKey, agency: task.agency, started: true },
      '2023-09-01',
    );
    expect(docsOf(service.tracked({}, '2023-09-01')).has(yenThe)).toBe(true);
    expect(service.dashboard('2023-09-01').byDocument.map((d) => d.documentId)).toContain(yenThe);
  });

  test('the page asks for every directive with since: null, and the printed digest says what it covers', async () => {
    const dispatch = createDispatcher(archive, { host: 'browser' });
    const all = await dispatch('taskDashboard', { today: '2030-01-01', since: null });
    expect(all).toMatchObject({ ok: true, value: { since: null } });
    const print = await dispatch('getTaskPrint', {
      target: { kind: 'digest', agency: 'Công an huyện', since: '2029-01-01' },
      today: '2030-01-01',
    });
    expect(print).toMatchObject({
      ok: true,
      value: { print: { sections: [{ scope: expect.stringMatching(/từ ngày 01\/01\/2029/) }] } },
    });
    expect(await dispatch('taskDashboard', { since: '01/01/2021' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  test('vanthu tasks takes --since and --all; by default the last 12 months', () => {
    archive.close();
    try {
      const kho = path.join(dir.dir, 'kho');
      const count = (args: string[]) => {
        const run = runCli(['tasks', '--archive', kho, '--json', '--today', '2025-01-01', ...args]);
        expect(run.status).toBe(0);
        return (JSON.parse(run.stdout) as unknown[]).length;
      };
      const everything = count(['--all']);
      expect(everything).toBeGreaterThan(count([]));
      expect(count(['--since', '2015-01-01'])).toBe(everything);
      const bad = runCli(['tasks', '--archive', kho, '--since', '2021-13-01']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/ngày/);
    } finally {
      archive = Archive.open(path.join(dir.dir, 'kho'));
    }
  });
});

test('the dashboard lists at most DASHBOARD_LIST_MAX overdue tasks and says how many there are', async () => {
  const dir = tempDir('vanthu-scope-many-');
  const archive = Archive.open(path.join(dir.dir, 'kho'));
  try {
    generateCorpus(path.join(dir.dir, 'corpus'), 200);
    await archive.importPaths([path.join(dir.dir, 'corpus')]);
    const board = tasksOf(archive).dashboard('2040-01-01', null);
    expect(board.overdueTotal).toBeGreaterThan(DASHBOARD_LIST_MAX);
    expect(board.overdue).toHaveLength(DASHBOARD_LIST_MAX);
    expect(board.byDocumentTotal).toBe(board.byDocument.length);
  } finally {
    archive.close();
    dir.cleanup();
  }
});
