/**
 * The one main → renderer message of the desktop app: the application menu (and files opened
 * "with Vanthu") telling the page what to do. Import-free, so the sandboxed preload can bundle it
 * and the renderer can import the type.
 *
 *  - 'import-files' / 'import-folder': Tệp › Nhập tệp… (Ctrl+O) / Nhập thư mục…; the page calls
 *    vanthu.chooseAndImport({ mode }) exactly as its own button does.
 *  - 'import-job' + jobId: main already started an import (a file opened "with Vanthu" from
 *    Explorer, first launch or a second instance); the page shows that job's progress.
 *  - 'search': Sửa › Tìm kiếm (Ctrl+F); the page shows the list and focuses the search box.
 *  - 'print': Tệp › In… (Ctrl+P); the page prints what it shows (a task sheet prints its sheet).
 *  - 'about': Trợ giúp › Giới thiệu Vanthu; the page opens #/about.
 *  - 'safety': after Ctrl+B (Tệp › Sao lưu ngay) main ran the backup; the page refreshes #/safety.
 */

/** Sent with webContents.send; it is not an ipcMain.handle channel. */
export const MENU_CHANNEL = 'vanthu:menu';
export const MENU_COMMANDS = [
  'import-files',
  'import-folder',
  'import-job',
  'search',
  'print',
  'about',
  'safety',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The preload's window.vanthuMenu (desktop only). */
export const MENU_GLOBAL = 'vanthuMenu';
export interface DesktopMenu {
  /** Returns the unsubscribe function. jobId comes only with 'import-job'. */
  onCommand(listener: (command: MenuCommand, jobId?: string) => void): () => void;
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Job ids are short opaque strings (contract: 1–64 chars). */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64;
}
