/**
 * The one main → renderer message. Kept free of imports so the sandboxed preload can bundle it.
 * (Candidate for shared/api, so the renderer can import the type without reaching into electron/.)
 *
 *  - 'import-files' / 'import-folder': the user chose Tệp › Nhập tệp… / Nhập thư mục…; the page
 *    should call vanthu.chooseAndImport({ mode }) exactly as its own button does.
 *  - 'import-job' + jobId: main already started an import (files opened "with Vanthu" from
 *    Explorer); the page should show that job's progress via vanthu.getImportJob({ jobId }).
 */

/** Sent with webContents.send; it is not an ipcMain.handle channel. */
export const MENU_CHANNEL = 'vanthu:menu';
export const MENU_COMMANDS = ['import-files', 'import-folder', 'import-job'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Job ids are short opaque strings (contract: 1–64 chars). */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64;
}
