/** `vanthu backup | verify-backup | check | restore` and the trash/bundle commands, as a clerk's script runs them (issue #7). */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generationName } from '../../../electron/core/backup/backup';
import { runCli } from '../../helpers/cli';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

describe('safety commands', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: string;

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    archive = path.join(dir, 'kho');
    const imp = runCli(['import', SAMPLES_DIR, '--archive', archive]);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
  });
  afterAll(() => cleanup());

  test('backup into a folder (a USB stick’s root) writes a dated file there; it said «tệp đã tồn tại» of the folder', () => {
    const usb = path.join(dir, 'usb-goc');
    mkdirSync(usb);
    const backup = runCli(['backup', usb, '--json', '--archive', archive]);
    expect(backup).toMatchObject({ status: 0, stderr: '' });
    const written = readdirSync(usb);
    expect(written).toEqual([expect.stringMatching(/^Vanthu-saoluu-\d{4}-\d{2}-\d{2}-\d{6}\.vanthu-backup$/)]);
    // --json and a pipe: no progress in the output.
    expect(JSON.parse(backup.stdout)).toMatchObject({ fileName: written[0], documents: 5 });
    expect(runCli(['verify-backup', path.join(usb, written[0]!)]).status).toBe(0);
  });

  test('backup into a folder whose dated name is taken (a second backup in the same second): written as -2, nothing overwritten', () => {
    const usb = path.join(dir, 'usb-hai-lan');
    mkdirSync(usb);
    // The names of the next half minute are taken, so the run's own second surely is.
    const start = Date.now();
    const taken = Array.from({ length: 30 }, (_, i) => generationName(new Date(start + i * 1000)));
    for (const name of taken) writeFileSync(path.join(usb, name), 'bản trước');
    const backup = runCli(['backup', usb, '--archive', archive]);
    expect(backup).toMatchObject({ status: 0, stderr: '' });
    const written = readdirSync(usb).filter((f) => !taken.includes(f));
    expect(written).toEqual([expect.stringMatching(/^Vanthu-saoluu-\d{4}-\d{2}-\d{2}-\d{6}-2\.vanthu-backup$/)]);
    expect(backup.stdout).toContain(path.join(usb, written[0]!));
    for (const name of taken) expect(readFileSync(path.join(usb, name), 'utf8')).toBe('bản trước');
    expect(runCli(['verify-backup', path.join(usb, written[0]!)]).status).toBe(0);
  });

  test('backup, verify-backup, check, restore: messages in Vietnamese, the old archive kept aside', () => {
    const file = path.join(dir, 'sao-luu.vanthu-backup');
    const backup = runCli(['backup', file, '--archive', archive]);
    expect(backup).toMatchObject({ status: 0 });
    expect(backup.stdout).toMatch(/Đã sao lưu 5 văn bản/);
    expect(runCli(['backup', file, '--archive', archive])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/tệp đã tồn tại/),
    });

    expect(runCli(['verify-backup', file]).stdout).toMatch(/Tệp sao lưu hợp lệ: 5 văn bản/);
    const check = runCli(['check', '--archive', archive]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/Kho không có lỗi \(5 văn bản\)/);

    // A damaged original: check says so and exits 1.
    const db = new Database(path.join(archive, 'vanthu.db'));
    db.prepare('UPDATE originals SET bytes = ? WHERE document_id = (SELECT min(document_id) FROM originals)').run(
      Buffer.from('x'),
    );
    db.close();
    const bad = runCli(['check', '--json', '--archive', archive]);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      findings: expect.arrayContaining([expect.objectContaining({ code: 'originals', level: 'error' })]),
    });

    const restore = runCli(['restore', file, '--archive', archive]);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/Đã khôi phục 5 văn bản/);
    expect(restore.stdout).toMatch(/được giữ lại/);
    expect(readdirSync(archive).some((f) => f.startsWith('vanthu.db.truoc-khoi-phuc-'))).toBe(true);
    expect(runCli(['check', '--archive', archive]).status).toBe(0);

    const junk = path.join(dir, 'rac.vanthu-backup');
    writeFileSync(junk, 'không phải sao lưu');
    const refused = runCli(['restore', junk, '--archive', archive]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu Vanthu/);
  });

  test('delete, trash, untrash, history; export-bundle and import-bundle into another archive', () => {
    expect(runCli(['delete', '1', '--archive', archive]).stdout).toMatch(/vào thùng rác/);
    expect(runCli(['show', '1', '--archive', archive]).status).toBe(1);
    const trash = JSON.parse(runCli(['trash', '--json', '--archive', archive]).stdout) as { trashId: number }[];
    expect(trash).toHaveLength(1);
    expect(runCli(['untrash', String(trash[0]!.trashId), '--archive', archive]).stdout).toMatch(
      /Đã khôi phục văn bản ID 1/,
    );
    expect(runCli(['history', '1', '--archive', archive]).stdout).toMatch(/Chuyển vào thùng rác/);

    const bundle = path.join(dir, 'gui-huyen.vanthu-bundle');
    expect(runCli(['export-bundle', bundle, '--since', '2000-01-01', '--archive', archive]).stdout).toMatch(
      /Đã xuất 5 văn bản/,
    );
    const other = path.join(dir, 'huyen');
    expect(runCli(['import-bundle', bundle, '--archive', other]).stdout).toMatch(/Đã nhập 5, đã có 0, xung đột 0/);
    expect(runCli(['import-bundle', bundle, '--archive', other]).stdout).toMatch(/Đã nhập 0, đã có 5, xung đột 0/);
    expect(existsSync(path.join(other, 'vanthu.db'))).toBe(true);
  });

  test('history of a document that never existed and purge-trash of an item not in the trash: not found (exit 1), not a silent success', () => {
    const history = runCli(['history', '99999', '--archive', archive]);
    expect(history.status).toBe(1);
    expect(history.stderr).toMatch(/Không tìm thấy văn bản trong kho\. \(#99999\)/);
    expect(history.stdout).toBe('');
    expect(runCli(['delete', '2', '--archive', archive]).status).toBe(0);
    const before = runCli(['trash', '--json', '--archive', archive]).stdout;
    const purge = runCli(['purge-trash', '99999', '--archive', archive]);
    expect(purge.status).toBe(1);
    expect(purge.stderr).toMatch(/thùng rác #99999/);
    expect(runCli(['trash', '--json', '--archive', archive]).stdout).toBe(before);
    const trashId = (JSON.parse(before) as { trashId: number }[])[0]!.trashId;
    expect(runCli(['untrash', String(trashId), '--archive', archive]).status).toBe(0);
  });

  test('export-bundle --since with a day that does not exist is refused, not read as «export everything»', () => {
    const out = path.join(dir, 'since');
    mkdirSync(out);
    for (const since of ['2021-13-01', '2021-02-30', '01/02/2021']) {
      const run = runCli([
        'export-bundle',
        path.join(out, 'goi.vanthu-bundle'),
        '--since',
        since,
        '--archive',
        archive,
      ]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--since: ngày không hợp lệ/);
      expect(readdirSync(out)).toEqual([]);
    }
  });
});
