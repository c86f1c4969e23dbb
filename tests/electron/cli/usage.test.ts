/** Usage errors and help: Vietnamese text, and exit code 2 (misuse), never commander's English and 1. */
import path from 'node:path';
import { buildProgram } from '../../../electron/cli';
import { runCli } from '../../helpers/cli';
import { ROOT, tempDir } from '../../helpers/tmp';

const ENGLISH =
  /error:|unknown (command|option)|missing required|too many arguments|Allowed choices|Usage:|Options:|Commands:|Arguments:|display help|output the version/;

describe('vanthu usage errors and help', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    archive = path.join(dir, 'kho');
  });
  afterEach(() => cleanup());

  test.each([
    [['frobnicate'], /không có lệnh "frobnicate"/],
    [['lisst'], /Có phải là list\?/],
    [['list', '--frob'], /không có tùy chọn "--frob"/],
    [['search'], /thiếu tham số <query>/],
    [['show', '571', 'cv/tu'], /thừa tham số.*ngoặc kép/],
    [['show', '-CV/HU'], /phải đặt sau "--"/],
    [['search', 'dich', '--sort', 'bad'], /--sort không nhận "bad"; chỉ nhận: relevance, date/],
    [['list', '--sort'], /--sort cần một giá trị/],
    [['office', '--style', 'foo'], /--style không nhận "foo"/],
  ])('%j is refused in Vietnamese with exit code 2', (args, message) => {
    const run = runCli([args[0]!, '--archive', archive, ...args.slice(1)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^Lỗi: /);
    expect(run.stderr).not.toMatch(ENGLISH);
    expect(run.stdout).toBe('');
  });

  test.each([
    [['search', 'dich', '--limit', 'abc'], /--limit không nhận "abc": cần một số nguyên từ 1 trở lên/],
    [['search', 'dich', '--limit=0'], /--limit không nhận "0"/],
    [['search', 'dich', '--limit', '1.5'], /--limit không nhận "1.5"/],
    [['search', 'dich', '--offset=-1'], /--offset không nhận "-1": cần một số nguyên từ 0 trở lên/],
    [['search', 'dich', '--offset', 'abc'], /--offset không nhận "abc"/],
    [['list', '--limit', 'abc'], /--limit không nhận "abc"/],
    [['graph', '1', '--max', 'x'], /--max không nhận "x"/],
    [['serve', '--port', '99999'], /--port không nhận "99999": cần một số nguyên từ 0 đến 65535/],
  ])('a bad number %j is refused in Vietnamese with exit code 2, not an unexpected error', (args, message) => {
    const run = runCli([args[0]!, '--archive', archive, ...args.slice(1)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/không mong muốn|datatype|NaN|options\.port/);
  });

  test('every command takes --archive, as the README says: parse and verify-backup too', () => {
    const sample = path.join(ROOT, 'tests', 'fixtures', 'formats', 'sample.docx');
    const parse = runCli(['parse', sample, '--json', '--archive', archive]);
    expect(parse.status).toBe(0);
    expect(JSON.parse(parse.stdout)).toMatchObject({ format: 'docx' });
    // Not a backup: verified and refused (1), not a usage error (2).
    const verify = runCli(['verify-backup', sample, '--archive', archive]);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/KHÔNG hợp lệ/);
    const without = buildProgram()
      .commands.filter((c) => !c.options.some((o) => o.long === '--archive'))
      .map((c) => c.name());
    expect(without).toEqual([]);
  });

  test('--help and help <command> are Vietnamese and exit 0; bare vanthu shows help and exits 2', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Cách dùng: vanthu \[tùy chọn\] \[lệnh\]/);
    expect(help.stdout).toMatch(/hiện trợ giúp/);
    expect(help.stdout).not.toMatch(ENGLISH);
    const search = runCli(['help', 'search']);
    expect(search.status).toBe(0);
    expect(search.stdout).toMatch(/Tham số:[\s\S]*Tùy chọn:[\s\S]*mặc định: 20/);
    expect(search.stdout).not.toMatch(ENGLISH);
    expect(search.stdout).not.toMatch(/choices:|default:/);
    const bare = runCli([]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/Cách dùng: vanthu/);
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
