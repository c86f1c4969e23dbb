/**
 * Electron main process: one instance, one window, one archive. The window is a sandboxed,
 * context-isolated page that can only reach the archive through the contract methods the preload
 * exposes (see ipc.ts); the archive lives in this process and is closed on quit.
 *
 * Loaded as dist/main/index.js (esbuild, CJS). `ready` is exported for the plain-Node smoke test.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, type OpenDialogOptions, type WebContents } from 'electron';
import { ERROR_MESSAGES, VanthuError } from '../../shared/api/errors';
import { Archive } from '../core/archive';
import { createDispatcher, type Dispatch } from '../core/api/dispatch';
import { ARCHIVE_ENV } from '../core/paths';
import { registerIpc } from './ipc';
import { createPrintHtml } from './print';
import { buildMenuTemplate } from './menu';
import { MENU_CHANNEL, type MenuCommand } from './menu-commands';
import {
  APP_TITLE,
  DIALOG_BUTTON,
  DIALOG_FILES_TITLE,
  DIALOG_FILTER_NAME,
  DIALOG_FOLDER_TITLE,
  IMPORT_EXTENSIONS,
  STARTUP_FAILED_TITLE,
  aboutDetail,
  archiveOpenFailedMessage,
  nativeMissingMessage,
  nativeWrongBuildMessage,
} from './messages';
import { NativeBindingMissingError, isNativeLoadError, resolveNativeBinding } from './native';
import { CONTENT_SECURITY_POLICY, denyPermissions, hardenWebContents, installCsp } from './security';
import { MIN_SIZE, loadWindowState, saveWindowState } from './window-state';

export { CONTENT_SECURITY_POLICY };

const APP_ID = 'vn.vanthu.app';
/** dist/main → dist/{preload,renderer,resources}; the same layout inside app.asar. */
const PRELOAD_FILE = path.join(__dirname, '..', 'preload', 'index.js');
const RENDERER_FILE = path.join(__dirname, '..', 'renderer', 'index.html');
const ICON_FILE = path.join(__dirname, '..', 'resources', 'icon.png');
/** Files Explorer may hand us through "Open with Vanthu" (electron-builder fileAssociations). */
const OPENABLE = /\.(docx?|pdf)$/i;

let mainWindow: BrowserWindow | null = null;
let archive: Archive | null = null;

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function fail(message: string): void {
  dialog.showErrorBox(STARTUP_FAILED_TITLE, message);
  app.exit(1);
}

function openArchive(dir: string): Archive | null {
  let nativeBinding: string | undefined;
  try {
    nativeBinding = resolveNativeBinding({
      env: process.env,
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
      electronVersion: process.versions.electron ?? '',
      platform: process.platform,
      arch: process.arch,
    });
  } catch (error) {
    if (error instanceof NativeBindingMissingError) {
      fail(nativeMissingMessage(error.searched));
      return null;
    }
    throw error;
  }
  try {
    return Archive.open(dir, nativeBinding ? { nativeBinding } : {});
  } catch (error) {
    const detail = error instanceof VanthuError ? error.detail : error instanceof Error ? error.message : String(error);
    if (isNativeLoadError(error)) fail(nativeWrongBuildMessage(detail ?? ''));
    else if (error instanceof VanthuError) fail(archiveOpenFailedMessage(ERROR_MESSAGES[error.code], dir, detail));
    else fail(archiveOpenFailedMessage(ERROR_MESSAGES.INTERNAL, dir, detail));
    return null;
  }
}

function closeArchive(): void {
  const current = archive;
  archive = null;
  try {
    current?.close();
  } catch {
    // Quitting anyway; SQLite's WAL keeps committed data safe.
  }
}

async function pickPaths(mode: 'files' | 'folder'): Promise<string[] | null> {
  const options: OpenDialogOptions =
    mode === 'folder'
      ? { title: DIALOG_FOLDER_TITLE, buttonLabel: DIALOG_BUTTON, properties: ['openDirectory'] }
      : {
          title: DIALOG_FILES_TITLE,
          buttonLabel: DIALOG_BUTTON,
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: DIALOG_FILTER_NAME, extensions: [...IMPORT_EXTENSIONS] }],
        };
  const result = mainWindow && !mainWindow.isDestroyed() ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
}

function sendToPage(command: MenuCommand, jobId?: string): void {
  const contents = mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null;
  if (!contents) return;
  const send = () => (jobId === undefined ? contents.send(MENU_CHANNEL, command) : contents.send(MENU_CHANNEL, command, jobId));
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}

/** Files opened "with Vanthu" arrive on the command line (first start) or via second-instance. */
function openablePaths(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && OPENABLE.test(arg));
}

async function importOpened(argv: readonly string[]): Promise<void> {
  const paths = openablePaths(argv);
  if (!archive || paths.length === 0) return;
  // Same code path as the dialog, with the "dialog" answering the paths Explorer gave us.
  const dispatch = createDispatcher(archive, { host: 'desktop', pickPaths: async () => paths });
  const result = await dispatch('chooseAndImport', { mode: 'files' });
  if (result.ok) {
    const { jobId } = result.value as { jobId: string | null };
    if (jobId) sendToPage('import-job', jobId);
  }
}

function showAbout(dir: string): void {
  const options = {
    type: 'info' as const,
    title: 'Giới thiệu Vanthu',
    message: APP_TITLE,
    detail: aboutDetail(
      {
        app: app.getVersion(),
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
      },
      dir,
    ),
    buttons: ['Đóng'],
  };
  if (mainWindow && !mainWindow.isDestroyed()) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

function createWindow(userData: string): BrowserWindow {
  const state = loadWindowState(
    userData,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    title: APP_TITLE,
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: '#ffffff',
    ...(process.platform === 'linux' ? { icon: ICON_FILE } : {}),
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  hardenWebContents(win.webContents, RENDERER_FILE);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(userData, win.getNormalBounds(), win.isMaximized()));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadFile(RENDERER_FILE);
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // Another Vanthu owns the archive; it focuses its window from 'second-instance'.
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv) => {
    focusMainWindow();
    void importOpened(argv);
  });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Sandbox every renderer, whatever a future BrowserWindow forgets to say.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents: WebContents) => hardenWebContents(contents, RENDERER_FILE));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', closeArchive);

  await app.whenReady();

  installCsp(session.defaultSession);
  denyPermissions(session.defaultSession);

  const userData = app.getPath('userData');
  const archiveDir = process.env[ARCHIVE_ENV] ? path.resolve(process.env[ARCHIVE_ENV]) : userData;
  archive = openArchive(archiveDir);
  if (!archive) return;

  const dispatch: Dispatch = createDispatcher(archive, { host: 'desktop', pickPaths, printHtml: createPrintHtml(() => mainWindow) });
  registerIpc(ipcMain, dispatch, {
    contents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    appFile: RENDERER_FILE,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        send: (command) => sendToPage(command),
        about: () => showAbout(archiveDir),
        devTools: !app.isPackaged,
        platform: process.platform,
      }),
    ),
  );

  mainWindow = createWindow(userData);
  void importOpened(process.argv);
}

/** The app page's file:// URL (what the IPC sender check accepts). */
export const APP_URL = pathToFileURL(RENDERER_FILE).href;

export const ready: Promise<void> = main().catch((error: unknown) => {
  fail(`${ERROR_MESSAGES.INTERNAL}\n\nChi tiết: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});
