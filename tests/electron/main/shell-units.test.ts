/** The shell's pure helpers, straight from the TypeScript sources (no Electron, no build). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  NativeBindingMissingError,
  isNativeLoadError,
  nativeDirName,
  resolveNativeBinding,
} from '../../../electron/main/native';
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../../electron/main/security';
import {
  DEFAULT_STATE,
  MIN_SIZE,
  loadWindowState,
  sanitizeWindowState,
  saveWindowState,
} from '../../../electron/main/window-state';
import {
  createDialogs,
  importDialogOptions,
  openFileDialogOptions,
  saveFileDialogOptions,
} from '../../../electron/main/dialogs';
import { openablePaths } from '../../../electron/main/open-with';
import { createQuitHandler, describeError } from '../../../electron/main/quit';
import { ERROR_MESSAGES, VanthuError } from '../../../shared/api/errors';

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('window state', () => {
  test('keeps a sane remembered state', () => {
    expect(sanitizeWindowState({ x: 100, y: 50, width: 1000, height: 700, maximized: true }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  test('drops a position whose title bar is on no screen (monitor unplugged)', () => {
    expect(sanitizeWindowState({ x: 2500, y: 100, width: 1000, height: 700 }, screen)).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(sanitizeWindowState({ x: 100, y: -500, width: 1000, height: 700 }, screen)).not.toHaveProperty('x');
    expect(sanitizeWindowState({ x: 1900, y: 10, width: 1000, height: 700 }, screen)).not.toHaveProperty('x');
    const twoScreens = [...screen, { x: 1920, y: 0, width: 1280, height: 1000 }];
    expect(sanitizeWindowState({ x: 2500, y: 100, width: 1000, height: 700 }, twoScreens)).toMatchObject({
      x: 2500,
      y: 100,
    });
  });

  test('ignores garbage and clamps sizes', () => {
    for (const raw of [null, 'x', 42, [], { width: 'big' }, { width: 1e9, height: NaN }]) {
      const state = sanitizeWindowState(raw, screen);
      expect(state.width).toBeGreaterThanOrEqual(MIN_SIZE.width);
      expect(state.height).toBeGreaterThanOrEqual(MIN_SIZE.height);
      expect(state.width).toBeLessThanOrEqual(16384);
      expect(state).not.toHaveProperty('x');
    }
    expect(sanitizeWindowState({ width: 10, height: 10 }, screen)).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
    expect(sanitizeWindowState({ width: 1.5, height: 700, x: 0.5, y: 0 }, screen)).toEqual({
      ...DEFAULT_STATE,
      height: 700,
    });
  });

  test('round-trips through the file; a corrupt file means defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-ws-'));
    try {
      expect(loadWindowState(dir, screen)).toEqual(DEFAULT_STATE);
      saveWindowState(dir, { x: 10, y: 20, width: 900, height: 600 }, false);
      expect(loadWindowState(dir, screen)).toEqual({ x: 10, y: 20, width: 900, height: 600, maximized: false });
      fs.writeFileSync(path.join(dir, 'window-state.json'), '{"width": 900,');
      expect(loadWindowState(dir, screen)).toEqual(DEFAULT_STATE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('native binding lookup', () => {
  const base = {
    env: {},
    isPackaged: false,
    resourcesPath: '/opt/Vanthu/resources',
    appPath: '/src/vanthu',
    electronVersion: '45.4.1',
    platform: 'linux',
    arch: 'x64',
  };
  const dir = nativeDirName('45.4.1', 'linux', 'x64');

  test('development: build/native/<dir> under the app path', () => {
    const file = path.join('/src/vanthu', 'build', 'native', dir, 'better_sqlite3.node');
    expect(resolveNativeBinding({ ...base, exists: (f) => f === file })).toBe(file);
  });

  test('packaged: <resources>/native/<dir>', () => {
    const file = path.join('/opt/Vanthu/resources', 'native', dir, 'better_sqlite3.node');
    expect(resolveNativeBinding({ ...base, isPackaged: true, exists: (f) => f === file })).toBe(file);
  });

  test('missing build is a typed error listing where it looked', () => {
    expect(() => resolveNativeBinding({ ...base, exists: () => false })).toThrow(NativeBindingMissingError);
  });

  test('VANTHU_NATIVE_BINDING=node selects the Node build in development only', () => {
    expect(
      resolveNativeBinding({ ...base, env: { VANTHU_NATIVE_BINDING: 'node' }, exists: () => false }),
    ).toBeUndefined();
    expect(() =>
      resolveNativeBinding({ ...base, isPackaged: true, env: { VANTHU_NATIVE_BINDING: 'node' }, exists: () => false }),
    ).toThrow(NativeBindingMissingError);
  });

  test('recognises load failures caused by a build for another runtime', () => {
    expect(
      isNativeLoadError(new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 115')),
    ).toBe(true);
    expect(isNativeLoadError(new Error('\\\\?\\C:\\x\\better_sqlite3.node is not a valid Win32 application.'))).toBe(
      true,
    );
    expect(isNativeLoadError(new Error('SQLITE_BUSY: database is locked'))).toBe(false);
  });
});

describe('app URL check', () => {
  const file = path.join(os.tmpdir(), 'Vanthu app', 'dist', 'renderer', 'index.html');
  const url = pathToFileURL(file).href;

  test('accepts the page itself with any hash or query', () => {
    expect(isAppUrl(url, file)).toBe(true);
    expect(isAppUrl(`${url}#/doc/7`, file)).toBe(true);
    expect(isAppUrl(`${url}?x=1`, file)).toBe(true);
  });

  test('rejects other files, hosts and schemes', () => {
    expect(isAppUrl(pathToFileURL(path.join(path.dirname(file), 'other.html')).href, file)).toBe(false);
    expect(isAppUrl(url.replace('file:///', 'file://evil.example/'), file)).toBe(false);
    expect(isAppUrl('https://example.com/index.html', file)).toBe(false);
    expect(isAppUrl('not a url', file)).toBe(false);
  });

  test('compares Windows paths without regard to case', () => {
    if (process.platform !== 'win32') {
      // fileURLToPath is platform-bound; on POSIX only the case rule can be checked.
      const upper = url.toUpperCase().replace(/^FILE:/, 'file:');
      expect(isAppUrl(upper, file, 'linux')).toBe(false);
    } else {
      expect(isAppUrl(url.toUpperCase(), file, 'win32')).toBe(true);
    }
  });

  test('CSP constant has no inline or remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe('scripts/native-electron.mjs', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const root = path.resolve(__dirname, '..', '..', '..');
  const script = path.join(root, 'scripts', 'native-electron.mjs');
  const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

  test('reads the OS, CPU and module ABI of a .node file without loading it', () => {
    const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const code = `import(${JSON.stringify(pathToFileURL(script).href)}).then((m) => {
      const file = ${JSON.stringify(nodeBuild)};
      console.log(JSON.stringify({ found: m.inspectNative(file), electron: m.electronInfo(),
        problems: m.verifyNative(file, { abi: m.electronInfo().abi, platform: process.platform, arch: process.arch }) }));
    })`;
    const result = node(['-e', code]);
    expect(result.status).toBe(0);
    const { found, electron, problems } = JSON.parse(result.stdout);
    expect(found).toMatchObject({
      abi: Number(process.versions.modules),
      platform: process.platform,
      arch: process.arch,
    });
    expect(electron.version).toBe(require('electron/package.json').version);
    // The Node build must never pass as the Electron build.
    expect(problems.join(' ')).toMatch(/ABI \d+ ≠ Electron ABI/);
  });

  test('usage errors and --help', () => {
    expect(node([script, '--help']).status).toBe(0);
    const bad = node([script, 'build', '--no-such-option']);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/unknown option/);
  });
});

describe('"Open with Vanthu": which arguments are files to import', () => {
  const cwd = path.resolve('/tmp/nguoi-dung');
  test.each([
    // argv, expected
    [['Vanthu.exe'], []],
    [['Vanthu.exe', 'a.docx'], [path.join(cwd, 'a.docx')]],
    [
      ['Vanthu.exe', '--allow-file-access-from-files', 'b.PDF', 'c.doc'],
      [path.join(cwd, 'b.PDF'), path.join(cwd, 'c.doc')],
    ],
    [['electron', '.', 'ghi-chu.txt', 'd.docx.exe', '-e.pdf'], []],
    [['Vanthu.exe', path.resolve('/khac/Công văn 12.docx')], [path.resolve('/khac/Công văn 12.docx')]],
  ])('%j → %j', (argv, expected) => {
    expect(openablePaths(argv, cwd)).toEqual(expected);
  });
});

describe('desktop dialogs', () => {
  test.each([
    ['restore', 'Chọn tệp sao lưu để khôi phục', 'vanthu-backup'],
    ['bundle', 'Chọn gói văn bản cần nhập', 'vanthu-bundle'],
  ] as const)('open %s: one file, Vietnamese title, its own file type', (purpose, title, extension) => {
    const options = openFileDialogOptions(purpose);
    expect(options).toMatchObject({ title, properties: ['openFile'] });
    expect(options.filters).toEqual([
      { name: expect.stringMatching(/^(Tệp sao lưu|Gói văn bản) Vanthu/), extensions: [extension] },
    ]);
  });

  test.each([
    ['backup', 'Lưu bản sao lưu kho', 'vanthu-backup'],
    ['bundle', 'Xuất gói văn bản', 'vanthu-bundle'],
  ] as const)('save %s: suggested name, overwrite asked by the dialog', (purpose, title, extension) => {
    const options = saveFileDialogOptions(purpose, `x.${extension}`);
    expect(options).toMatchObject({ title, buttonLabel: 'Lưu', defaultPath: `x.${extension}` });
    expect(options.filters![0]!.extensions).toEqual([extension]);
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  test('import dialogs: several documents of the known types, or one folder', () => {
    expect(importDialogOptions('files').properties).toEqual(['openFile', 'multiSelections']);
    expect(importDialogOptions('folder').properties).toEqual(['openDirectory']);
  });

  test('createDialogs: modal to the window when there is one; cancel is null', async () => {
    const calls: unknown[][] = [];
    const owner = {} as never;
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => (calls.push(args), { canceled: true, filePaths: [] }),
      showSaveDialog: async (...args: unknown[]) => (
        calls.push(args),
        { canceled: false, filePath: '/x/y.vanthu-backup' }
      ),
    };
    const withWindow = createDialogs(dialog as never, () => owner);
    expect(await withWindow.pickFile('restore')).toBeNull();
    expect(await withWindow.pickSaveFile('backup', 'a.vanthu-backup')).toBe('/x/y.vanthu-backup');
    expect(calls.map((c) => c.length)).toEqual([2, 2]);
    expect(calls[0]![0]).toBe(owner);
    const alone = createDialogs(dialog as never, () => null);
    expect(await alone.pickPaths('files')).toBeNull();
    expect(calls.at(-1)).toHaveLength(1);
  });
});

describe('quit handler', () => {
  test('without an archive or backup setting: closes once, never holds the quit', () => {
    const close = jest.fn();
    const quit = jest.fn();
    const handler = createQuitHandler({ archive: () => null, close, quit, showError: jest.fn() });
    const event = { preventDefault: jest.fn() };
    handler.onWillQuit(event);
    handler.onWillQuit(); // the existing smoke test emits will-quit with no event
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(2);
    expect(quit).not.toHaveBeenCalled();
  });

  test.each([
    [new VanthuError('BACKUP_FOLDER_UNSET'), ERROR_MESSAGES.BACKUP_FOLDER_UNSET],
    [new VanthuError('IO_ERROR', 'không thấy thư mục'), `${ERROR_MESSAGES.IO_ERROR} (không thấy thư mục)`],
    [new Error('boom'), `${ERROR_MESSAGES.INTERNAL} (boom)`],
  ])('describes %p in Vietnamese', (error, text) => {
    expect(describeError(error)).toBe(text);
  });
});
