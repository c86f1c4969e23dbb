/**
 * Smoke test of the built Electron shell (dist/main/index.js, dist/preload/index.js — `npm test`
 * builds them first) in plain Node, with a recording stand-in for require('electron').
 * The archive is real: better-sqlite3's Node build, opened in a temp userData folder
 * (VANTHU_NATIVE_BINDING=node, which the packaged app ignores).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { METHOD_NAMES, PRELOAD_GLOBAL, ipcChannel, IPC_PREFIX } from '../../../shared/api/contract';
import { createFakeElectron, createFakePreloadElectron, FakeFrame, FakeWebContents } from './fake-electron';

const root = path.resolve(__dirname, '..', '..', '..');
/** VANTHU_SHELL_DIST: check another build output (e.g. a production build) instead of dist/. */
const DIST = path.resolve(process.env.VANTHU_SHELL_DIST || path.join(root, 'dist'));
const MAIN_BUNDLE = path.join(DIST, 'main', 'index.js');
const PRELOAD_BUNDLE = path.join(DIST, 'preload', 'index.js');
const RENDERER_FILE = path.join(DIST, 'renderer', 'index.html');
const APP_URL = pathToFileURL(RENDERER_FILE).href;

type Fake = ReturnType<typeof createFakeElectron>;

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-shell-'));
  tmpDirs.push(dir);
  return dir;
}

const savedEnv = { ...process.env };

/** Loads a fresh copy of the main bundle against a fresh stand-in and waits for start-up. */
async function startMain(
  options: Partial<Parameters<typeof createFakeElectron>[0]> = {},
  env: Record<string, string | undefined> = {},
) {
  const fake = createFakeElectron({ userData: tmpDir(), appPath: root, ...options });
  process.env = { ...savedEnv, VANTHU_NATIVE_BINDING: 'node', VANTHU_ARCHIVE: undefined, ...env };
  for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
  let mod: { ready: Promise<void> } | undefined;
  jest.isolateModules(() => {
    jest.doMock('electron', () => fake.electron, { virtual: true });

    mod = require(MAIN_BUNDLE);
  });
  await mod!.ready;
  return fake;
}

function trustedEvent(fake: Fake) {
  const contents = fake.windows[0]!.webContents;
  return { sender: contents, senderFrame: contents.mainFrame };
}

function invoke(fake: Fake, method: string, input: unknown, event: unknown = trustedEvent(fake)) {
  const handler = fake.handlers.get(ipcChannel(method as never));
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(event, input);
}

function labels(items: any[]): string[] {
  return items.flatMap((item) =>
    item.type === 'separator' ? [] : [item.label, ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])],
  );
}

function findItem(items: any[], label: string): any {
  for (const item of items) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const found = findItem(item.submenu, label);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Waits for a condition the app reaches on its own (an import job, a send). Imports prepare files
 * in a worker thread, whose start takes real time, so this polls by the clock with a generous limit.
 */
async function until<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  limitMs = 30000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`never happened: ${what}`);
}

async function finishedJob(fake: Fake, jobId: string) {
  return until(async () => {
    const r = await invoke(fake, 'getImportJob', { jobId });
    return r.ok && r.value.state === 'done' ? r.value : undefined;
  }, `import job ${jobId} done`);
}

const DOCX = path.join(root, 'tests', 'fixtures', 'corpus', 'formats', '001-qd-ubnd-tinh-can-cu.docx');
const DOCX2 = path.join(root, 'tests', 'fixtures', 'corpus', 'formats', '006-kh-huyen-uy-phu-luc.docx');

/** Imports files through the native "dialog", as the page's button does. */
async function importByDialog(fake: Fake, files: string[]) {
  fake.answers.open.push({ canceled: false, filePaths: files });
  const r = await invoke(fake, 'chooseAndImport', { mode: 'files' });
  return finishedJob(fake, r.value.jobId);
}

/** Replaces the stand-in's app.quit with one that resolves when main asks to quit. */
function quitRequested(fake: Fake): Promise<void> {
  return new Promise((resolve) => {
    (fake.electron.app as any).quit = () => {
      fake.calls.quit++;
      resolve();
    };
  });
}

afterAll(() => {
  process.env = savedEnv;
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('main process', () => {
  let fake: Fake;

  beforeAll(async () => {
    expect(fs.existsSync(MAIN_BUNDLE)).toBe(true);
    fake = await startMain();
  });

  afterAll(() => {
    fake?.electron.app.emit('will-quit');
  });

  test('starts cleanly: single-instance lock, sandbox for all renderers, no error dialog', () => {
    expect(fake.calls.singleInstanceLock).toBe(1);
    expect(fake.electron.app.listenerCount('second-instance')).toBe(1);
    expect(fake.calls.enableSandbox).toBe(1);
    expect(fake.calls.errorBoxes).toEqual([]);
    expect(fake.calls.exit).toEqual([]);
  });

  test('date boxes follow Vietnamese, not the system language (an English Windows showed mm/dd/yyyy)', () => {
    expect(fake.calls.switches).toContainEqual(['lang', 'vi']);
  });

  test('registers exactly one IPC handler per contract method, and nothing else', () => {
    const expected = METHOD_NAMES.map((m) => ipcChannel(m)).sort();
    expect([...fake.handlers.keys()].sort()).toEqual(expected);
    for (const channel of fake.handlers.keys()) expect(channel.startsWith(IPC_PREFIX)).toBe(true);
  });

  test('opens one window: context isolation, sandbox, no Node, web security, our preload and page', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: PRELOAD_BUNDLE,
    });
    expect(fs.existsSync(win.options.webPreferences.preload)).toBe(true);
    expect(win.loadedFile).toBe(RENDERER_FILE);
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  test('sets a CSP response header that forbids remote origins, inline script and eval', () => {
    expect(fake.headerHandlers).toHaveLength(1);
    let result: any;
    fake.headerHandlers[0]!(
      { url: APP_URL, responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r: unknown) => {
        result = r;
      },
    );
    const headers = result.responseHeaders as Record<string, string[]>;
    expect(headers['X-Other']).toEqual(['1']);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual([
      'Content-Security-Policy',
    ]);
    const csp = headers['Content-Security-Policy']!.join(';');
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*|ws:/);
  });

  test('the renderer page carries a CSP meta tag no looser than the header', () => {
    const html = fs.readFileSync(RENDERER_FILE, 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta).not.toBeNull();
    expect(meta![1]).toMatch(/script-src 'self'(;|$)/);
    expect(meta![1]).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  test('denies navigation away from the app page, window.open and <webview>', () => {
    const contents = fake.windows[0]!.webContents;
    const navigate = (event: string, url: string) => {
      const e = { preventDefault: jest.fn() };
      contents.emit(event, e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(navigate(event, 'https://example.com/')).toBe(true);
      expect(navigate(event, 'http://localhost:8080/')).toBe(true);
      expect(navigate(event, pathToFileURL(path.join(root, 'package.json')).href)).toBe(true);
      expect(navigate(event, 'javascript:alert(1)')).toBe(true);
      expect(navigate(event, `${APP_URL}#/document/1`)).toBe(false);
    }
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: APP_URL })).toEqual({ action: 'deny' });
    const webview = { preventDefault: jest.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  test('any other web contents created later is hardened too', () => {
    const other = new FakeWebContents();
    fake.electron.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const e = { preventDefault: jest.fn() };
    other.emit('will-navigate', e, 'https://example.com/');
    expect(e.preventDefault).toHaveBeenCalled();
  });

  test('refuses every permission request', () => {
    const callback = jest.fn();
    fake.permissionRequestHandlers[0]!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permissionCheckHandlers[0]!(null, 'clipboard-read')).toBe(false);
  });

  test('answers a contract call from the app page with a Result, using the archive in userData', async () => {
    const result = await invoke(fake, 'getArchiveInfo', {});
    expect(result).toMatchObject({ ok: true, value: { host: 'desktop', canPickPaths: true, documentCount: 0 } });
    expect(fs.realpathSync(result.value.location)).toBe(fs.realpathSync(fake.electron.app.getPath('userData')));
  });

  test('invalid input comes back as data, not as a thrown error', async () => {
    const result = await invoke(fake, 'getDocument', { id: 'one' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(typeof result.error.message).toBe('string');
  });

  test('refuses calls from other web contents, sub-frames and other pages', async () => {
    const contents = fake.windows[0]!.webContents;
    await expect(
      invoke(fake, 'getArchiveInfo', {}, { sender: new FakeWebContents(), senderFrame: new FakeFrame(APP_URL) }),
    ).rejects.toThrow(/untrusted/);
    await expect(
      invoke(fake, 'getArchiveInfo', {}, { sender: contents, senderFrame: new FakeFrame(APP_URL, contents.mainFrame) }),
    ).rejects.toThrow(/untrusted/);
    await expect(invoke(fake, 'getArchiveInfo', {}, { sender: contents, senderFrame: null })).rejects.toThrow(
      /untrusted/,
    );
    const saved = contents.mainFrame.url;
    contents.mainFrame.url = 'https://example.com/';
    try {
      await expect(invoke(fake, 'getArchiveInfo', {})).rejects.toThrow(/untrusted/);
    } finally {
      contents.mainFrame.url = saved;
    }
  });

  test('chooseAndImport shows the native dialog (files with type filter, or a folder); cancel is a null job', async () => {
    expect(await invoke(fake, 'chooseAndImport', { mode: 'files' })).toEqual({ ok: true, value: { jobId: null } });
    expect(await invoke(fake, 'chooseAndImport', { mode: 'folder' })).toEqual({ ok: true, value: { jobId: null } });
    const [files, folder] = fake.calls.openDialogs as any[];
    expect(files.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(files.filters[0].extensions.sort()).toEqual(['doc', 'docx', 'html', 'md', 'pdf', 'rtf', 'txt']);
    expect(folder.properties).toEqual(['openDirectory']);
  });

  test('the application menu is in Vietnamese, and menu imports are forwarded to the page', () => {
    const template = fake.applicationMenu!.template;
    expect(template.map((m: any) => m.label)).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    const all = labels(template);
    for (const label of [
      'Nhập tệp…',
      'Nhập thư mục…',
      'Sao lưu ngay',
      'In…',
      'Thoát',
      'Hoàn tác',
      'Cắt',
      'Sao chép',
      'Dán',
      'Chọn tất cả',
      'Tìm kiếm…',
      'Tải lại',
      'Phóng to',
      'Thu nhỏ',
      'Toàn màn hình',
      'Giới thiệu Vanthu',
    ]) {
      expect(all).toContain(label);
    }
    const english =
      /^(File|Edit|View|Window|Help|Quit|Exit|Undo|Redo|Cut|Copy|Paste|Select All|Find|Search|Print|Backup|Reload|Zoom In|Zoom Out|Toggle Full ?Screen|About.*)$/i;
    expect(all.filter((l) => english.test(l))).toEqual([]);
    // Every item has an explicit label, so no role falls back to Electron's English default.
    expect(all.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
    expect(findItem(template, 'Thoát').role).toBe('quit');
  });

  test.each([
    // label, accelerator, what the page is told
    ['Tìm kiếm…', 'CmdOrCtrl+F', 'search'],
    ['Nhập tệp…', 'CmdOrCtrl+O', 'import-files'],
    ['Nhập thư mục…', 'CmdOrCtrl+Shift+O', 'import-folder'],
    ['In…', 'CmdOrCtrl+P', 'print'],
    ['Giới thiệu Vanthu', undefined, 'about'],
  ])('menu item %s (%s) sends %s to the page', (label, accelerator, command) => {
    const item = findItem(fake.applicationMenu!.template, label);
    expect(item).toBeDefined();
    expect(item.accelerator).toBe(accelerator);
    const sent = fake.windows[0]!.webContents.sent;
    const before = sent.length;
    item.click();
    expect(sent.slice(before)).toEqual([['vanthu:menu', command]]);
  });

  test('no two menu items share a shortcut', () => {
    const accelerators: string[] = [];
    const walk = (items: any[]) =>
      items.forEach((item) => {
        if (item.accelerator) accelerators.push(item.accelerator);
        if (Array.isArray(item.submenu)) walk(item.submenu);
      });
    walk(fake.applicationMenu!.template);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  test.each([
    // method, input, dialog, title, extension
    ['chooseAndRestore', {}, 'open', 'Chọn tệp sao lưu để khôi phục', 'vanthu-backup'],
    ['chooseAndImportBundle', {}, 'open', 'Chọn gói văn bản cần nhập', 'vanthu-bundle'],
    ['chooseAndBackup', {}, 'save', 'Lưu bản sao lưu kho', 'vanthu-backup'],
    ['chooseAndExportBundle', { since: '2000-01-01' }, 'save', 'Xuất gói văn bản', 'vanthu-bundle'],
  ] as const)(
    '%s shows a Vietnamese %s dialog with its file type; cancel answers null',
    async (method, input, kind, title, extension) => {
      const shown = kind === 'open' ? fake.calls.openDialogs : fake.calls.saveDialogs;
      const before = shown.length;
      expect(await invoke(fake, method, input)).toEqual({ ok: true, value: null });
      expect(shown).toHaveLength(before + 1);
      const options = shown.at(-1) as any;
      expect(options.title).toBe(title);
      expect(options.buttonLabel).toMatch(/^(Khôi phục|Nhập|Lưu)$/);
      expect(options.filters).toEqual([{ name: expect.stringContaining(`.${extension}`), extensions: [extension] }]);
      if (kind === 'open') expect(options.properties).toEqual(['openFile']);
      else {
        expect(options.defaultPath).toMatch(new RegExp(`^Vanthu-[^/\\\\]+\\.${extension}$`));
        expect(options.properties).toContain('showOverwriteConfirmation');
      }
    },
  );

  test('backup, bundle export and bundle import work through the dialogs; only file names come back', async () => {
    await importByDialog(fake, [DOCX]);
    const out = tmpDir();
    fake.answers.save.push({ canceled: false, filePath: path.join(out, 'ban-sao') });
    const backup = await invoke(fake, 'chooseAndBackup', {});
    expect(backup).toMatchObject({ ok: true, value: { fileName: 'ban-sao.vanthu-backup', documents: 1 } });
    expect(fs.existsSync(path.join(out, 'ban-sao.vanthu-backup'))).toBe(true);
    fake.answers.save.push({ canceled: false, filePath: path.join(out, 'goi.vanthu-bundle') });
    const exported = await invoke(fake, 'chooseAndExportBundle', { since: '1900-01-01' });
    expect(exported.ok).toBe(true);
    expect(JSON.stringify(exported.value)).not.toContain(out);
    fake.answers.open.push({ canceled: false, filePaths: [path.join(out, 'goi.vanthu-bundle')] });
    const imported = await invoke(fake, 'chooseAndImportBundle', {});
    expect(imported.ok).toBe(true); // the document is already here: nothing doubles
    expect((await invoke(fake, 'getArchiveInfo', {})).value.documentCount).toBe(1);
  });

  test('a second launch focuses the existing window', () => {
    const before = fake.calls.focus;
    const sent = fake.windows[0]!.webContents.sent.length;
    fake.electron.app.emit('second-instance', {}, ['vanthu'], root);
    expect(fake.calls.focus).toBe(before + 1);
    expect(fake.windows[0]!.webContents.sent).toHaveLength(sent); // nothing to import
  });

  test('Ctrl+B backs up into the chosen folder and says so in Vietnamese', async () => {
    const folder = tmpDir();
    fake.answers.open.push({ canceled: false, filePaths: [folder] });
    expect((await invoke(fake, 'chooseBackupFolder', {})).ok).toBe(true);
    const boxes = fake.calls.messageBoxes.length;
    const item = findItem(fake.applicationMenu!.template, 'Sao lưu ngay');
    expect(item.accelerator).toBe('CmdOrCtrl+B');
    item.click();
    const box = await until(() => fake.calls.messageBoxes[boxes] as any, 'the backup message box');
    expect(box).toMatchObject({ type: 'info', title: 'Đã sao lưu' });
    expect(box.detail).toMatch(/^Đã sao lưu \d+ văn bản vào tệp:\nVanthu-saoluu-.*\.vanthu-backup$/);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.vanthu-backup'))).toHaveLength(1);
    expect(fake.windows[0]!.webContents.sent.at(-1)).toEqual(['vanthu:menu', 'safety']);
  });

  test('remembers the window bounds in userData on close', () => {
    fake.windows[0]!.emit('close', {});
    const saved = JSON.parse(
      fs.readFileSync(path.join(fake.electron.app.getPath('userData'), 'window-state.json'), 'utf8'),
    );
    expect(saved).toMatchObject({
      x: 40,
      y: 30,
      width: expect.any(Number),
      height: expect.any(Number),
      maximized: false,
    });
  });
});

describe('main process life cycle', () => {
  test('a clean quit closes the archive database', async () => {
    const fake = await startMain();
    const dir = fake.electron.app.getPath('userData');
    expect((await invoke(fake, 'getArchiveInfo', {})).ok).toBe(true);
    const wal = fs.readdirSync(dir).find((f) => f.endsWith('-wal'));
    expect(wal).toBeDefined(); // WAL mode: the -wal file exists while the database is open
    fake.electron.app.emit('will-quit');
    // SQLite removes the -wal file when the last connection closes cleanly.
    expect(fs.existsSync(path.join(dir, wal!))).toBe(false);
    const after = await invoke(fake, 'getArchiveInfo', {});
    expect(after.ok).toBe(false);
  });

  test('quit with no automatic backup set closes the database without holding the quit', async () => {
    const fake = await startMain();
    const event = { preventDefault: jest.fn() };
    fake.electron.app.emit('will-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect((await invoke(fake, 'getArchiveInfo', {})).ok).toBe(false);
  });

  test('quit runs the automatic backup once when set to "on quit", then closes the database and quits', async () => {
    const fake = await startMain();
    const dir = fake.electron.app.getPath('userData');
    const folder = tmpDir();
    await importByDialog(fake, [DOCX]);
    fake.answers.open.push({ canceled: false, filePaths: [folder] });
    expect((await invoke(fake, 'chooseBackupFolder', {})).ok).toBe(true);
    expect((await invoke(fake, 'setBackupSettings', { mode: 'quit' })).value).toMatchObject({ mode: 'quit', folder });
    const quit = quitRequested(fake);
    const first = { preventDefault: jest.fn() };
    fake.electron.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1); // held while the backup is written
    await quit;
    const backups = fs.readdirSync(folder).filter((f) => /^Vanthu-saoluu-.*\.vanthu-backup$/.test(f));
    expect(backups).toHaveLength(1);
    expect(fake.calls.messageBoxes).toEqual([]);
    // The database is closed (-wal gone) before main asks to quit again …
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('-wal'))).toEqual([]);
    expect((await invoke(fake, 'getArchiveInfo', {})).ok).toBe(false);
    // … and that second will-quit goes through without another backup.
    const second = { preventDefault: jest.fn() };
    fake.electron.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.vanthu-backup'))).toHaveLength(1);
  });

  test('a failed backup on quit is shown in a Vietnamese dialog and the quit goes on', async () => {
    const fake = await startMain();
    const folder = tmpDir();
    fake.answers.open.push({ canceled: false, filePaths: [folder] });
    await invoke(fake, 'chooseBackupFolder', {});
    await invoke(fake, 'setBackupSettings', { mode: 'quit' });
    fs.rmSync(folder, { recursive: true }); // the USB stick was pulled
    const quit = quitRequested(fake);
    fake.electron.app.emit('will-quit', { preventDefault: jest.fn() });
    await quit;
    expect(fake.calls.messageBoxes).toHaveLength(1);
    const box = fake.calls.messageBoxes[0] as any;
    expect(box).toMatchObject({ type: 'error', title: 'Sao lưu không thành công' });
    expect(box.detail).toMatch(/Không sao lưu tự động được khi thoát Vanthu/);
    expect(box.detail).toMatch(/USB/);
    expect((await invoke(fake, 'getArchiveInfo', {})).ok).toBe(false);
  });

  test('a restore chosen in the dialog is staged and applied when Vanthu next opens', async () => {
    const userData = tmpDir();
    const out = tmpDir();
    const first = await startMain({ userData });
    await importByDialog(first, [DOCX]);
    first.answers.save.push({ canceled: false, filePath: path.join(out, 'mot-van-ban.vanthu-backup') });
    expect((await invoke(first, 'chooseAndBackup', {})).ok).toBe(true);
    await importByDialog(first, [DOCX2]);
    expect((await invoke(first, 'getArchiveInfo', {})).value.documentCount).toBe(2);
    first.answers.open.push({ canceled: false, filePaths: [path.join(out, 'mot-van-ban.vanthu-backup')] });
    expect(await invoke(first, 'chooseAndRestore', {})).toMatchObject({ ok: true, value: { documents: 1 } });
    first.electron.app.emit('will-quit', { preventDefault() {} });

    const second = await startMain({ userData });
    expect(second.calls.errorBoxes).toEqual([]);
    expect((await invoke(second, 'getArchiveInfo', {})).value.documentCount).toBe(1);
    expect(fs.readdirSync(userData).some((f) => f.startsWith('vanthu.db.truoc-khoi-phuc-'))).toBe(true);
    second.electron.app.emit('will-quit', { preventDefault() {} });
  });

  test('a second instance opened "with Vanthu" on a .docx imports it and shows the job', async () => {
    const fake = await startMain();
    // Explorer passes the path; Chromium adds switches; the path may be relative to the second instance's folder.
    fake.electron.app.emit(
      'second-instance',
      {},
      ['Vanthu.exe', '--allow-file-access-from-files', path.basename(DOCX), 'ghi-chu.txt'],
      path.dirname(DOCX),
    );
    const sent = fake.windows[0]!.webContents.sent;
    const [, command, jobId] = await until(() => sent.find((m) => m[1] === 'import-job'), 'the import-job message');
    expect(command).toBe('import-job');
    const job = await finishedJob(fake, jobId as string);
    expect(job).toMatchObject({ total: 1, imported: 1, failed: 0 });
    expect(job.results[0].path).toBe(DOCX);
    expect((await invoke(fake, 'getArchiveInfo', {})).value.documentCount).toBe(1);
    fake.electron.app.emit('will-quit', { preventDefault() {} });
  });

  test('a .pdf/.doc/.docx on the first command line is imported at start', async () => {
    const saved = process.argv;
    process.argv = ['Vanthu.exe', DOCX];
    let fake: Fake;
    try {
      fake = await startMain();
    } finally {
      process.argv = saved;
    }
    const sent = fake.windows[0]!.webContents.sent;
    const [, , jobId] = await until(() => sent.find((m) => m[1] === 'import-job'), 'the import-job message');
    expect(await finishedJob(fake, jobId as string)).toMatchObject({ imported: 1 });
    fake.electron.app.emit('will-quit', { preventDefault() {} });
  });

  test('VANTHU_ARCHIVE chooses another archive folder', async () => {
    const archive = tmpDir();
    const fake = await startMain({}, { VANTHU_ARCHIVE: archive });
    const info = await invoke(fake, 'getArchiveInfo', {});
    expect(fs.realpathSync(info.value.location)).toBe(fs.realpathSync(archive));
    fake.electron.app.emit('will-quit');
  });

  test('a second instance quits at once without touching the archive', async () => {
    const fake = await startMain({ singleInstance: false });
    expect(fake.calls.quit).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
    expect(fs.readdirSync(fake.electron.app.getPath('userData'))).toEqual([]);
  });

  test('a missing Electron build of better-sqlite3 shows a Vietnamese error dialog instead of crashing', async () => {
    const fake = await startMain({ appPath: tmpDir() }, { VANTHU_NATIVE_BINDING: undefined });
    expect(fake.calls.errorBoxes).toHaveLength(1);
    const [box] = fake.calls.errorBoxes;
    expect(box!.title).toBe('Vanthu không khởi động được');
    expect(box!.content).toMatch(/Thiếu thành phần cơ sở dữ liệu/);
    expect(box!.content).toMatch(/better_sqlite3\.node/);
    expect(fake.calls.exit).toEqual([1]);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  test('a .node file for the wrong runtime is reported in Vietnamese too', async () => {
    const bogus = path.join(tmpDir(), 'better_sqlite3.node');
    fs.writeFileSync(bogus, 'not a shared library');
    const fake = await startMain({}, { VANTHU_NATIVE_BINDING: bogus });
    expect(fake.calls.errorBoxes).toHaveLength(1);
    expect(fake.calls.errorBoxes[0]!.content).toMatch(/không khớp với phiên bản ứng dụng hoặc hệ điều hành/);
    expect(fake.calls.exit).toEqual([1]);
    expect(fake.windows).toHaveLength(0);
  });
});

describe('preload', () => {
  function loadPreload() {
    const fake = createFakePreloadElectron();
    jest.isolateModules(() => {
      jest.doMock('electron', () => fake.electron, { virtual: true });

      require(PRELOAD_BUNDLE);
    });
    return fake;
  }

  test('the bundle requires nothing but electron (a sandboxed preload cannot)', () => {
    const source = fs.readFileSync(PRELOAD_BUNDLE, 'utf8');
    const required = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
  });

  test(`exposes exactly the contract's methods under window.${PRELOAD_GLOBAL}, each invoking its own channel`, async () => {
    const fake = loadPreload();
    expect([...fake.exposed.keys()].sort()).toEqual([PRELOAD_GLOBAL, 'vanthuMenu'].sort());
    const api = fake.exposed.get(PRELOAD_GLOBAL);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) {
      expect(typeof api[method]).toBe('function');
      const input = { probe: method };
      await api[method](input, 'ignored extra argument');
      expect(fake.invocations.at(-1)).toEqual([ipcChannel(method), input]);
    }
    expect(fake.invocations).toHaveLength(METHOD_NAMES.length);
  });

  test('vanthuMenu exposes only onCommand, forwards only known commands, and unsubscribes', () => {
    const fake = loadPreload();
    const menu = fake.exposed.get('vanthuMenu');
    expect(Object.keys(menu)).toEqual(['onCommand']);
    const listener = jest.fn();
    const off = menu.onCommand(listener);
    const event = { sender: 'must not leak' };
    fake.renderer.emit('vanthu:menu', event, 'import-files');
    fake.renderer.emit('vanthu:menu', event, 'import-job', 'job-1');
    fake.renderer.emit('vanthu:menu', event, 'import-job', 42);
    fake.renderer.emit('vanthu:menu', event, 'rm -rf');
    fake.renderer.emit('vanthu:menu', event, 'search', 'extra must not pass');
    for (const command of ['print', 'about', 'safety']) fake.renderer.emit('vanthu:menu', event, command);
    expect(listener.mock.calls).toEqual([
      ['import-files'],
      ['import-job', 'job-1'],
      ['search'],
      ['print'],
      ['about'],
      ['safety'],
    ]);
    off();
    fake.renderer.emit('vanthu:menu', event, 'import-folder');
    expect(listener).toHaveBeenCalledTimes(6);
  });

  test('nothing exposed is or contains ipcRenderer', () => {
    const fake = loadPreload();
    for (const value of fake.exposed.values()) {
      expect(value).not.toBe(fake.electron.ipcRenderer);
      for (const member of Object.values(value)) expect(member).not.toBe(fake.electron.ipcRenderer.invoke);
      expect(Object.keys(value)).not.toEqual(expect.arrayContaining(['invoke']));
      expect(Object.keys(value)).not.toEqual(expect.arrayContaining(['send']));
    }
  });
});
