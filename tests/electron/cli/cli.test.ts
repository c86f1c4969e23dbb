import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ENCODING_DOUBT_WARNING } from '../../../shared/api/errors';
import { runCli } from '../../helpers/cli';
import { ROOT, SAMPLES_DIR, tempDir } from '../../helpers/tmp';

// What each sample states about itself; 004 cites a Công điện of 27/4/2021 but has no date of its own.
const SAMPLE_EXPECTATIONS: Record<string, { date: string | null; ref: string | null }> = {
  '000_86c6662e5863da7d.txt': { date: '2021-08-25', ref: null },
  '001_ba9e19c5fe2e9754.txt': { date: '2021-01-28', ref: null },
  '002_093e01689cb64f89.txt': { date: '2021-05-12', ref: null },
  '003_0fe373fd9470e206.txt': { date: '2021-07-25', ref: '-CV/HU' },
  '004_10cb237028680240.txt': { date: null, ref: null },
};

describe('vanthu CLI', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  test('import → 5 imported, again → 5 duplicates, list shows each with its type and own date', () => {
    const archive = path.join(dir, 'kho');
    const first = runCli(['import', SAMPLES_DIR, '--json', '--archive', archive]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ imported: 5, duplicates: 0, failed: 0 });
    for (const file of report.files) expect(file).toMatchObject({ status: 'imported', id: expect.any(Number) });

    const second = JSON.parse(runCli(['import', SAMPLES_DIR, '--json', '--archive', archive]).stdout);
    expect(second).toMatchObject({ imported: 0, duplicates: 5, failed: 0 });

    const listed = runCli(['list', '--json', '--archive', archive]);
    expect(listed.status).toBe(0);
    const items = JSON.parse(listed.stdout) as {
      id: number;
      type: string;
      date: string | null;
      ref: string | null;
      subject: string;
      originalName: string;
    }[];
    expect(items).toHaveLength(5);
    for (const item of items) {
      const expected = SAMPLE_EXPECTATIONS[item.originalName]!;
      expect(item.type).toEqual(expect.any(String));
      expect({ name: item.originalName, date: item.date, ref: item.ref }).toEqual({
        name: item.originalName,
        ...expected,
      });
      expect(item.subject).toEqual(expect.any(String));
    }
  });

  test('VANTHU_ARCHIVE chooses the archive when --archive is absent', () => {
    const archive = path.join(dir, 'tu-bien-moi-truong');
    const run = runCli(['import', path.join(SAMPLES_DIR, '003_0fe373fd9470e206.txt'), '--json'], {
      VANTHU_ARCHIVE: archive,
    });
    expect(JSON.parse(run.stdout).imported).toBe(1);
    expect(JSON.parse(runCli(['list', '--json', '--archive', archive]).stdout)).toHaveLength(1);
  });

  test('a failed file makes the exit code 1 and says why in Vietnamese', () => {
    const folder = path.join(dir, 'usb');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'nhi-phan.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 200, 201, 0, 17, 0]));
    writeFileSync(path.join(folder, 'rong.txt'), '   \n');
    writeFileSync(
      path.join(folder, 'van-ban.txt'),
      'Công văn số 45/UBND-VP về tăng cường công tác phòng cháy, chữa cháy',
    );
    const run = runCli(['import', folder, '--archive', path.join(dir, 'kho')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Đã nhập 1, đã có trong kho 0, lỗi 2/);
    expect(run.stdout).toMatch(/nhị phân/);
    expect(run.stdout).toMatch(/rỗng/);
  });

  test('show finds a document by id and by a number/symbol typed loosely', () => {
    const archive = path.join(dir, 'kho');
    runCli(['import', SAMPLES_DIR, '--archive', archive]);
    // A blank-number ref starts with "-", so it goes after "--" like any such argument.
    const byRef = runCli(['show', '--json', '--archive', archive, '--', ' - cv / hu']);
    expect(byRef.status).toBe(0);
    const doc = JSON.parse(byRef.stdout);
    expect(doc).toMatchObject({ ref: '-CV/HU', date: '2021-07-25' });
    expect(doc.text).toMatch(/Thực hiện Công văn số 571-CV\/TU/);
    const byId = runCli(['show', String(doc.id), '--archive', archive]);
    expect(byId.stdout).toMatch(/Số\/ký hiệu\s+-CV\/HU/);
    const missing = runCli(['show', '9999-CV/TU', '--archive', archive]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Không tìm thấy/);
  });

  test('show finds "312 cv/hu" (a space typed for the dash after the number, as the README promises)', () => {
    const archive = path.join(dir, 'kho');
    const file = path.join(ROOT, 'tests', 'fixtures', 'corpus', '015-cv-party-ocr-spacing.txt');
    expect(runCli(['import', file, '--archive', archive]).status).toBe(0);
    for (const typed of ['312 cv/hu', '312 CV/HU', '312cv/hu', '312-cv/hu']) {
      const run = runCli(['show', typed, '--json', '--archive', archive]);
      expect({ typed, status: run.status }).toEqual({ typed, status: 0 });
      expect(JSON.parse(run.stdout)).toMatchObject({ ref: '312-CV/HU' });
    }
    const graph = runCli(['graph', '312 cv/hu', '--json', '--archive', archive]);
    expect(graph.status).toBe(0);
    expect(runCli(['show', '313 cv/hu', '--archive', archive]).status).toBe(1);
  });

  test('output piped into a reader that closes early (| more, | head) ends quietly, no EPIPE stack trace', () => {
    const archive = path.join(dir, 'kho');
    runCli(['import', SAMPLES_DIR, '--archive', archive]);
    const cli = `"${process.execPath}" "${path.join(ROOT, 'bin', 'vanthu.js')}"`;
    const sample = path.join(ROOT, 'tests', 'fixtures', 'formats', 'sample.docx');
    for (const command of [`parse "${sample}"`, `list --archive "${archive}"`, '--help']) {
      // `true` exits without reading, so every write finds the pipe closed.
      const run = spawnSync('bash', ['-c', `set -o pipefail; ${cli} ${command} | true`], { encoding: 'utf8' });
      expect({ command, status: run.status, stderr: run.stderr }).toEqual({ command, status: 0, stderr: '' });
    }
  });

  test('a missing folder or file named for output or input gets a Vietnamese reason, not an English or unexpected error', () => {
    const archive = path.join(dir, 'kho');
    runCli(['import', SAMPLES_DIR, '--archive', archive]);
    const nowhere = path.join(dir, 'khong-co', 'tep');
    const runs = {
      tasksheet: runCli(['tasksheet', '1', '--html', `${nowhere}.html`, '--archive', archive]),
      taskdigest: runCli(['taskdigest', 'Công an huyện', '--html', `${nowhere}.html`, '--archive', archive]),
      exportBundle: runCli(['export-bundle', `${nowhere}.vanthu-bundle`, '--ids', '1', '--archive', archive]),
      importBundle: runCli(['import-bundle', `${nowhere}.vanthu-bundle`, '--archive', archive]),
      folderAsBundle: runCli(['import-bundle', dir, '--archive', archive]),
    };
    for (const [name, run] of Object.entries(runs)) {
      expect({ name, status: run.status }).toEqual({ name, status: 2 });
      expect(run.stderr).toMatch(/không có thư mục|không thấy tệp|là một thư mục/);
      expect(run.stderr).not.toMatch(/không mong muốn|ENOENT|unable to open|does not exist|disk I\/O/);
    }
    const verify = runCli(['verify-backup', `${nowhere}.vanthu-backup`]);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/Không thấy tệp/);
    expect(verify.stdout).not.toMatch(/unable to open/);
  });

  test('parse of a missing file or a folder: the file failed (exit 1), said in Vietnamese, not «ENOENT»', () => {
    for (const target of [path.join(dir, 'khong-co.docx'), dir]) {
      const run = runCli(['parse', target]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Không đọc được tệp\. \((không có tệp hoặc thư mục này|là một thư mục)\)/);
      expect(run.stderr).not.toMatch(/ENOENT|EISDIR/);
    }
  });

  test('importing a folder with nothing to import says so (exit 1), not a silent «0 of 0 files»', () => {
    const folder = path.join(dir, 'usb-rong');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'Thumbs.db'), 'x');
    const run = runCli(['import', folder, '--archive', path.join(dir, 'kho')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Không có tệp nào để nhập trong: .*usb-rong/);
  });

  test('--archive naming a file, check of a folder with no archive, serve on a busy port: a Vietnamese reason, exit 2', async () => {
    const file = path.join(dir, 'khong-phai-thu-muc.txt');
    writeFileSync(file, 'x');
    for (const command of ['list', 'check', 'search']) {
      const run = runCli(command === 'search' ? [command, 'dich', '--archive', file] : [command, '--archive', file]);
      expect({ command, status: run.status }).toEqual({ command, status: 2 });
      expect(run.stderr).toMatch(/là một tệp; --archive cần thư mục/);
    }
    const empty = path.join(dir, 'chua-co-kho');
    const check = runCli(['check', '--archive', empty]);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/không có kho lưu trữ \(vanthu\.db\)/);
    expect(check.stderr).not.toMatch(/không mong muốn|unable to open|does not exist/);
    expect(existsSync(empty)).toBe(false); // checking creates nothing

    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as net.AddressInfo).port;
      const serve = runCli(['serve', '--port', String(port), '--archive', path.join(dir, 'kho')]);
      expect(serve.status).toBe(2);
      expect(serve.stderr).toMatch(new RegExp(`cổng ${port} đang được chương trình khác dùng`));
      expect(serve.stderr).not.toMatch(/không mong muốn|EADDRINUSE/);
    } finally {
      busy.close();
    }
  });

  // Node's recursive mkdirSync spun forever on a folder the system refuses with ENOENT (Linux /proc).
  (process.platform === 'linux' ? test : test.skip)(
    '--archive that cannot be created (/proc/x, a path through a file): a Vietnamese reason and exit 2 at once, no hang',
    () => {
      const file = path.join(dir, 'tep.txt');
      writeFileSync(file, 'x');
      for (const archive of ['/proc/vanthu-khong-tao-duoc', path.join(file, 'kho')]) {
        const started = Date.now();
        const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'vanthu.js'), 'list', '--archive', archive], {
          encoding: 'utf8',
          timeout: 15000,
        });
        expect({ archive, status: run.status, signal: run.signal }).toEqual({ archive, status: 2, signal: null });
        expect(Date.now() - started).toBeLessThan(15000);
        expect(run.stderr).toContain(`không tạo được thư mục kho lưu trữ ${archive}:`);
        expect(run.stderr).not.toMatch(/ENOENT|ENOTDIR|mkdir|không mong muốn/);
      }
    },
  );

  test('a Latin-1 note imported among Vietnamese files is stored but flagged as maybe mojibake, with and without --json', () => {
    const folder = path.join(dir, 'usb');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'ghi-chu.txt'), Buffer.from('Résumé: le comité a décidé. À bientôt.\n', 'latin1'));
    writeFileSync(path.join(folder, 'thong-bao.txt'), 'THÔNG BÁO\nỦy ban nhân dân huyện Trực Ninh\n');
    const run = runCli(['import', folder, '--archive', path.join(dir, 'kho')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `! ${path.join(folder, 'ghi-chu.txt')}: đã nhập. Chữ có dấu trong tệp không đọc ra tiếng Việt`,
    );
    expect(run.stdout).not.toContain('thong-bao.txt');
    const again = JSON.parse(runCli(['import', folder, '--json', '--archive', path.join(dir, 'kho2')]).stdout);
    const byName = Object.fromEntries(
      (again.files as { path: string; warnings: string[] }[]).map((f) => [path.basename(f.path), f.warnings]),
    );
    expect(byName['ghi-chu.txt']).toContain(ENCODING_DOUBT_WARNING);
    expect(byName['thong-bao.txt']).not.toContain(ENCODING_DOUBT_WARNING);
  });

  test('taskdigest with an empty agency name is refused (exit 2) instead of writing an empty digest', () => {
    const out = path.join(dir, 'bang.html');
    const run = runCli(['taskdigest', ' ', '--html', out, '--archive', path.join(dir, 'kho')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cần tên cơ quan/);
    expect(existsSync(out)).toBe(false);
  });

  test('parse without --json labels fields, levels, relations and parser notes in Vietnamese (were «issuerLevel province», «no date of its own»)', () => {
    const run = runCli(['parse', path.join(ROOT, 'tests', 'fixtures', 'formats', 'sample.docx')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Loại văn bản +Thông báo kết luận$/m);
    expect(run.stdout).toMatch(/^Cấp +Tỉnh$/m);
    expect(run.stdout).toMatch(/^Khối +Đảng$/m);
    expect(run.stdout).toMatch(/^Cảnh báo +không thấy ngày ban hành/m);
    expect(run.stdout).toMatch(/\[căn cứ\] Nghị quyết 21\/NQ-CP 26\/02\/2021/);
    expect(run.stdout).not.toMatch(/^(type|ref|issuer|issuerLevel|issuerKind|signer|warnings|encoding|format) /m);
    expect(run.stdout).not.toMatch(/no date of its own|type not found|\[(implements|basis)\]|province/);
  });

  test('an archive from a newer version is refused with exit code 2', () => {
    const archive = path.join(dir, 'kho');
    runCli(['list', '--archive', archive]);
    const Database = require('better-sqlite3');
    const db = new Database(path.join(archive, 'vanthu.db'));
    db.pragma('user_version = 100000');
    db.close();
    const run = runCli(['list', '--archive', archive]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/phiên bản Vanthu mới hơn/);
  });
});
