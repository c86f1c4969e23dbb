/**
 * Tracking over a real archive (issue #6): statuses per task and lead agency, completion with a
 * report as evidence, "reports" citations suggesting closure, the dashboard, the API operations
 * and `vanthu tasks`. Today is always injected.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { DOCUMENT_REFS_SQL } from '../../../electron/core/db/tasks-store';
import { tasksOf } from '../../../electron/core/tasks';
import { latestCompletionDate } from '../../../shared/tasks/status';
import { DASHBOARD_LIST_MAX } from '../../../shared/tasks/types';
import { runCli } from '../../helpers/cli';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

// A report of Công an huyện on Công văn 571-CV/TU of the Tỉnh ủy, as such reports are written.
const REPORT_TEXT = `ĐẢNG BỘ TỈNH BẮC GIANG
CÔNG AN HUYỆN YÊN THẾ

Số 12-BC/CAH
Yên Thế, ngày 20 tháng 8 năm 2021

BÁO CÁO
Kết quả thực hiện Công văn số 571-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy

Thực hiện chỉ đạo, Công an huyện báo cáo kết quả thực hiện Công văn số 571-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy như sau: đã bảo đảm an ninh, trật tự trên địa bàn.
`;

// The directive the report answers, reduced to its numbered tasks.
const DIRECTIVE_571 = `TỈNH ỦY BẮC GIANG
BAN THƯỜNG VỤ

Số 571-CV/TU
Bắc Giang, ngày 22 tháng 7 năm 2021

V/v tiếp tục tăng cường công tác phòng, chống dịch Covid-19 trên địa bàn tỉnh

Ban Thường vụ Tỉnh ủy yêu cầu:

1. Công an tỉnh chủ trì bảo đảm an ninh, trật tự trên địa bàn, báo cáo kết quả hằng tháng.

2. Sở Y tế hoàn thành kế hoạch tiêm chủng trước ngày 15/8/2021.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
`;

let dir: { dir: string; cleanup: () => void };
let archive: Archive;
let yenThe: number;

beforeAll(async () => {
  dir = tempDir('vanthu-tracking-');
  archive = Archive.open(dir.dir);
  await archive.importPaths([SAMPLES_DIR]);
  yenThe = archive.findByRef('-CV/HU')[0]!.id;
});

afterAll(() => {
  archive?.close();
  dir?.cleanup();
});

describe('tracking', () => {
  test('one tracked row per task and lead agency; aliases land on the office name', () => {
    const tracked = tasksOf(archive).tracked({ documentId: yenThe }, '2021-08-02');
    const task3 = tracked.filter((t) => t.stt === 3).map((t) => t.agency);
    expect(task3).toEqual(['Công an huyện', 'Ban Chỉ huy Quân sự huyện']);
    expect(tracked.filter((t) => t.stt === 1).map((t) => t.agency)).toEqual(['']);
    expect(new Set(tracked.map((t) => t.status))).toEqual(new Set(['not_started']));
  });

  test('completion with a report as evidence; a dated deadline decides on time or late', async () => {
    const service = tasksOf(archive);
    const sheet = service.sheet(yenThe, '2021-08-02');
    const key = sheet.items[2]!.key;
    // The clerk gives task 3 a deadline; the police finish after it.
    const items = sheet.items.map((i, n) =>
      n === 2 ? { ...i, deadline: { text: 'trước ngày 15/8/2021', date: '2021-08-15', recurrence: null } } : i,
    );
    service.saveSheet(yenThe, items, '2021-08-02');
    expect(
      service.updateTracking({ documentId: yenThe, itemKey: key, agency: 'CA huyện', started: true }, '2021-08-10')
        .status,
    ).toBe('in_progress');
    expect(service.tracked({ agency: 'Công an huyện', overdue: true }, '2021-08-16').map((t) => t.stt)).toEqual([3]);
    const report = writeReport('bao-cao.txt', REPORT_TEXT);
    const { files } = await archive.importPaths([report]);
    const reportId = files[0]!.id!;
    const done = service.updateTracking(
      {
        documentId: yenThe,
        itemKey: key,
        agency: 'Công an huyện',
        completedAt: '2021-08-20',
        evidenceDocumentId: reportId,
      },
      '2021-08-25',
    );
    expect(done.status).toBe('done_late');
    expect(done.evidenceRef).toBe('12-BC/CAH');
    // The military command's part of the same task is still open, and now overdue.
    expect(service.tracked({ agency: 'BCH Quân sự huyện' }, '2021-08-25').find((t) => t.stt === 3)!.status).toBe(
      'overdue',
    );
  });

  test('regression: tracking survives a re-parse of the directive (rows keyed by text, not ordinal)', () => {
    const before = tasksOf(archive).tracked({ agency: 'Công an huyện', documentId: yenThe }, '2021-08-25');
    archive.reparseDocument(yenThe);
    const after = tasksOf(archive).tracked({ agency: 'Công an huyện', documentId: yenThe }, '2021-08-25');
    expect(after.map((t) => [t.itemKey, t.status, t.deadline?.date ?? null])).toEqual(
      before.map((t) => [t.itemKey, t.status, t.deadline?.date ?? null]),
    );
  });

  test('a report citing a directive with relation "reports" suggests closing its open tasks', async () => {
    const { files } = await archive.importPaths([writeReport('cv-571.txt', DIRECTIVE_571)]);
    const directive = files[0]!.id!;
    const { suggestions, total } = tasksOf(archive).suggestions('2021-08-25', directive);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(total).toBe(suggestions.length);
    expect(suggestions.every((s) => s.documentId === directive && s.reportRef === '12-BC/CAH')).toBe(true);
    // The report names 571-CV/TU in its title and in its body: each task was suggested twice.
    const keys = suggestions.map((s) => `${s.reportDocumentId}|${s.documentId}|${s.itemKey}|${s.agency}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Every report suggested every open task of what it cites, all of it in one answer: 400 reports
  // on a 10k archive answered 18.5 MB to the dashboard.
  test('regression: closing suggestions are cut, latest reports first, with their total beside them', async () => {
    const later = REPORT_TEXT.replace('Số 12-BC/CAH', 'Số 15-BC/CAH').replace('ngày 20 tháng 8', 'ngày 05 tháng 9');
    await archive.importPaths([writeReport('bao-cao-thang-9.txt', later)]);
    const service = tasksOf(archive);
    const all = service.suggestions('2021-09-10', null, 1000);
    expect(new Set(all.suggestions.map((s) => s.reportRef))).toEqual(new Set(['15-BC/CAH', '12-BC/CAH']));
    expect(all.suggestions[0]!.reportRef).toBe('15-BC/CAH');
    const dates = all.suggestions.map((s) => s.reportDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.total).toBe(all.suggestions.length);
    const cut = service.suggestions('2021-09-10', null, 1);
    expect(cut).toEqual({ suggestions: all.suggestions.slice(0, 1), total: all.total });
    expect(service.suggestions('2021-09-10').suggestions.length).toBeLessThanOrEqual(DASHBOARD_LIST_MAX);
    const answer = await createDispatcher(archive, { host: 'browser' })('taskCloseSuggestions', {
      today: '2021-09-10',
    });
    expect(answer).toEqual({ ok: true, value: all });
  });

  // Reading every document with tasks to find the few that reports cite held the app 1.1–3.4 s at 100k.
  test('closing suggestions over the whole archive read the numbers from an index, and are those of each cited directive', () => {
    const service = tasksOf(archive);
    const all = service.suggestions('2021-08-25').suggestions;
    const directives = [...new Set(all.map((s) => s.documentId))];
    expect(directives.length).toBeGreaterThan(0);
    const byDirective = (id: number) => all.filter((s) => s.documentId === id);
    for (const id of directives) expect(service.suggestions('2021-08-25', id).suggestions).toEqual(byDirective(id));
    expect(service.suggestions('2021-08-25', yenThe).suggestions.every((s) => s.documentId === yenThe)).toBe(true);
    const plan = (archive.db.prepare(`EXPLAIN QUERY PLAN ${DOCUMENT_REFS_SQL}`).all() as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan).toEqual([expect.stringMatching(/USING COVERING INDEX documents_graph_keys/)]);
  });

  test('dashboard: overdue, due this week, by agency, by directive', () => {
    const board = tasksOf(archive).dashboard('2021-08-25');
    expect(board.weekEnd).toBe('2021-08-29');
    expect(board.overdue.some((t) => t.agency === 'Ban Chỉ huy Quân sự huyện' && t.stt === 3)).toBe(true);
    const police = board.byAgency.find((a) => a.agency === 'Công an huyện')!;
    expect(police.done).toBeGreaterThanOrEqual(1);
    expect(board.byDocument.find((d) => d.documentId === yenThe)!.overdue).toBeGreaterThanOrEqual(1);
  });

  test('API: operations validate input and report Vietnamese errors; printing is desktop-only elsewhere', async () => {
    const dispatch = createDispatcher(archive, { host: 'browser' });
    const sheet = await dispatch('getTaskSheet', { documentId: yenThe, today: '2021-08-02' });
    expect(sheet.ok).toBe(true);
    expect(await dispatch('getTaskSheet', { documentId: 99999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await dispatch('listTrackedTasks', { today: '2/8/2021' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await dispatch('printTaskSheet', { target: { kind: 'digest', agency: 'Công an huyện' }, mode: 'pdf' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_AVAILABLE_IN_HOST', message: 'Thao tác này chỉ có trong ứng dụng trên máy tính.' },
    });
    const saved = await dispatch('saveOfficeSettings', {
      settings: {
        officeName: 'Văn phòng Huyện ủy',
        superiorBody: 'Huyện ủy Yên Thế',
        style: 'party',
        province: 'Bắc Giang',
        place: 'Yên Thế',
        agencies: [{ name: 'Công an huyện', short: 'CAH', aliases: ['Công an'] }],
      },
    });
    expect(saved.ok).toBe(true);
    const print = await dispatch('getTaskPrint', {
      target: { kind: 'directive', documentId: yenThe },
      today: '2021-08-02',
    });
    expect(print).toMatchObject({ ok: true, value: { print: { office: { officeName: 'Văn phòng Huyện ủy' } } } });
  });
});

describe('regression: a completion date after today was recorded', () => {
  test('the core refuses it with a Vietnamese sentence, through the API as data; today and earlier are kept', async () => {
    const service = tasksOf(archive);
    const key = service.sheet(yenThe, '2021-08-02').items[2]!.key;
    const record = (completedAt: string) =>
      service.updateTracking({ documentId: yenThe, itemKey: key, agency: 'Công an huyện', completedAt }, '2021-08-25');
    expect(() => record('2021-08-26')).toThrow(
      'Ngày hoàn thành 26/08/2021 là ngày chưa tới (hôm nay là 25/08/2021). Chỉ ghi ngày nhiệm vụ đã hoàn thành.',
    );
    expect(record('2021-08-25').tracking.completedAt).toBe('2021-08-25');
    expect(record('2021-08-20').tracking.completedAt).toBe('2021-08-20');

    const dispatch = createDispatcher(archive, { host: 'browser' });
    const input = { documentId: yenThe, itemKey: key, agency: 'Công an huyện' };
    expect(await dispatch('updateTaskTracking', { ...input, completedAt: '2021-08-26', today: '2021-08-25' })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Yêu cầu không hợp lệ.',
        detail:
          'Ngày hoàn thành 26/08/2021 là ngày chưa tới (hôm nay là 25/08/2021). Chỉ ghi ngày nhiệm vụ đã hoàn thành.',
      },
    });
    // Without a today, the host's: a date years ahead is refused, today's date is not.
    const ahead = await dispatch('updateTaskTracking', { ...input, completedAt: '2999-01-01' });
    expect(ahead).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const now = latestCompletionDate(new Date());
    expect(await dispatch('updateTaskTracking', { ...input, completedAt: now })).toMatchObject({
      ok: true,
      value: { tracking: { completedAt: now } },
    });
    // A date that does not exist is refused too.
    expect(await dispatch('updateTaskTracking', { ...input, completedAt: '2021-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // The stored date is the last one accepted.
    expect(
      service.tracked({ documentId: yenThe, agency: 'Công an huyện' }, now).find((t) => t.itemKey === key)!.tracking
        .completedAt,
    ).toBe(now);
    record('2021-08-20');
  });
});

function writeReport(name: string, text: string): string {
  const file = path.join(dir.dir, name);
  writeFileSync(file, text, 'utf8');
  return file;
}

describe('vanthu tasks', () => {
  test('--agency --overdue --json lists the overdue tasks of one agency', () => {
    archive.close();
    try {
      const run = runCli([
        'tasks',
        '--archive',
        dir.dir,
        '--agency',
        'BCH Quân sự huyện',
        '--overdue',
        '--json',
        '--today',
        '2021-08-25',
      ]);
      expect(run.status).toBe(0);
      const rows = JSON.parse(run.stdout) as { agency: string; status: string; statusLabel: string; stt: number }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.status === 'overdue' && r.statusLabel === 'Quá hạn chưa hoàn thành')).toBe(true);
      const text = runCli(['tasks', '--archive', dir.dir, '--agency', 'Công an huyện', '--today', '2021-08-25']);
      expect(text.stdout).toContain('Hoàn thành quá hạn');
    } finally {
      archive = Archive.open(dir.dir);
    }
  });
});
