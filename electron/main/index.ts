/**
 * Electron main process: one instance, one window, one archive. The window is a sandboxed,
 * context-isolated page that can only reach the archive through the contract methods the preload
 * exposes (see ipc.ts); the archive lives in this process and is closed on quit.
 *
 * Loaded as dist/main/index.js (esbuild, CJS). `ready` is exported for the plain-Node smoke test.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  screen,
  session,
  type MessageBoxOptions,
  type WebContents,
} from 'electron';
import { ERROR_MESSAGES, VanthuError } from '../../shared/api/errors';
import { Archive } from '../core/archive';
import { createDispatcher, type Dispatch } from '../core/api/dispatch';
import { ARCHIVE_ENV } from '../core/paths';
import { registerIpc } from './ipc';
import { createPrintHtml } from './print';
import { buildMenuTemplate } from './menu';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/api/menu';
import type { BackupResult } from '../../shared/model/safety';
import { createDialogs } from './dialogs';
import { createQuitHandler } from './quit';
import { openablePaths } from './open-with';
import {
  APP_TITLE,
  BACKUP_DONE_TITLE,
  BACKUP_FAILED_TITLE,
  CLOSE_BUTTON,
  STARTUP_FAILED_TITLE,
  archiveOpenFailedMessage,
  backupDoneMessage,
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

const dialogs = createDialogs(dialog, () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null));

/** A message box, modal to the window while there is one. */
function showMessage(options: MessageBoxOptions): Promise<unknown> {
  return mainWindow && !mainWindow.isDestroyed()
    ? dialog.showMessageBox(mainWindow, options)
    : dialog.showMessageBox(options);
}

function sendToPage(command: MenuCommand, jobId?: string): void {
  const contents = mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null;
  if (!contents) return;
  const send = () =>
    jobId === undefined ? contents.send(MENU_CHANNEL, command) : contents.send(MENU_CHANNEL, command, jobId);
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}

/** Opened files that arrived before the archive was open (a second instance during start-up). */
const pendingOpened: string[] = [];

async function importOpened(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  if (!archive) {
    pendingOpened.push(...paths);
    return;
  }
  // Same code path as the dialog, with the "dialog" answering the paths Explorer gave us.
  const dispatch = createDispatcher(archive, { host: 'desktop', pickPaths: async () => [...paths] });
  const result = await dispatch('chooseAndImport', { mode: 'files' });
  if (result.ok) {
    const { jobId } = result.value as { jobId: string | null };
    if (jobId) sendToPage('import-job', jobId);
  }
}

/**
 * Tệp › Sao lưu ngay (Ctrl+B): into the automatic-backup folder when it is chosen and present,
 * otherwise wherever the clerk says in a save dialog. The result in a Vietnamese message box.
 */
async function backupFromMenu(dispatch: Dispatch): Promise<void> {
  const status = await dispatch('getBackupStatus', {});
  const toFolder = status.ok && (status.value as { folder: string | null; folderAvailable: boolean }).folderAvailable;
  const result = await dispatch(toFolder ? 'backupNow' : 'chooseAndBackup', {});
  if (!result.ok) {
    await showMessage({
      type: 'error',
      title: BACKUP_FAILED_TITLE,
      message: BACKUP_FAILED_TITLE,
      detail: result.error.message,
      buttons: [CLOSE_BUTTON],
    });
    return;
  }
  const done = result.value as BackupResult | null;
  if (!done) return; // save dialog cancelled
  sendToPage('safety');
  await showMessage({
    type: 'info',
    title: BACKUP_DONE_TITLE,
    message: BACKUP_DONE_TITLE,
    detail: backupDoneMessage(done.fileName, done.documents),
    buttons: [CLOSE_BUTTON],
  });
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
  app.on('second-instance', (_event, argv: string[], workingDirectory: string) => {
    focusMainWindow();
    void importOpened(openablePaths(argv, workingDirectory || process.cwd()));
  });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Sandbox every renderer, whatever a future BrowserWindow forgets to say.
  app.enableSandbox();
  // Chromium writes its own controls and messages (date boxes, form checks) in its locale, which
  // follows the system's: on an English Windows the task sheet's date boxes read mm/dd/yyyy (its
  // dates are typed boxes now, renderer/src/views/TypedDate.tsx). The UI is Vietnamese.
  app.commandLine.appendSwitch('lang', 'vi');
  app.on('web-contents-created', (_event, contents: WebContents) => hardenWebContents(contents, RENDERER_FILE));
  app.on('window-all-closed', () => app.quit());
  // Clean quit: the automatic backup when set to "on quit" (once), then the database is closed.
  const quitting = createQuitHandler({
    archive: () => archive,
    close: closeArchive,
    quit: () => app.quit(),
    showError: (message) =>
      dialog.showMessageBox({
        type: 'error',
        title: BACKUP_FAILED_TITLE,
        message: BACKUP_FAILED_TITLE,
        detail: message,
        buttons: [CLOSE_BUTTON],
      }),
  });
  app.on('will-quit', (event) => quitting.onWillQuit(event));

  await app.whenReady();

  installCsp(session.defaultSession);
  denyPermissions(session.defaultSession);

  const userData = app.getPath('userData');
  const archiveDir = process.env[ARCHIVE_ENV] ? path.resolve(process.env[ARCHIVE_ENV]) : userData;
  archive = openArchive(archiveDir);
  if (!archive) return;

  const dispatch: Dispatch = createDispatcher(archive, {
    host: 'desktop',
    pickPaths: dialogs.pickPaths,
    pickFile: dialogs.pickFile,
    pickSaveFile: dialogs.pickSaveFile,
    printHtml: createPrintHtml(() => mainWindow),
  });
  registerIpc(ipcMain, dispatch, {
    contents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    appFile: RENDERER_FILE,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        send: (command) => sendToPage(command),
        backup: () => void backupFromMenu(dispatch),
        devTools: !app.isPackaged,
        platform: process.platform,
      }),
    ),
  );

  mainWindow = createWindow(userData);
  void importOpened([...openablePaths(process.argv), ...pendingOpened.splice(0)]);
}

/** The app page's file:// URL (what the IPC sender check accepts). */
export const APP_URL = pathToFileURL(RENDERER_FILE).href;

export const ready: Promise<void> = main().catch((error: unknown) => {
  fail(
    `${ERROR_MESSAGES.INTERNAL}\n\nChi tiết: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
});
