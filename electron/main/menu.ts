/**
 * The Vietnamese application menu. Items that need the page (import, search, print, About) are
 * sent to the renderer as a MENU_CHANNEL message with one of MENU_COMMANDS (shared/api/menu.ts);
 * the preload forwards only those strings to the listener registered through
 * window.vanthuMenu.onCommand. Backup (Ctrl+B) and everything else run in main.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/menu';

export { MENU_CHANNEL, MENU_COMMANDS, type MenuCommand } from '../../shared/api/menu';

/** Shortcuts of the commands issue #8 names; Ctrl on Windows/Linux, Cmd on macOS. */
export const ACCELERATORS = {
  search: 'CmdOrCtrl+F',
  importFiles: 'CmdOrCtrl+O',
  importFolder: 'CmdOrCtrl+Shift+O',
  print: 'CmdOrCtrl+P',
  backup: 'CmdOrCtrl+B',
} as const;

export interface MenuActions {
  send(command: MenuCommand): void;
  /** Tệp › Sao lưu ngay: runs in main (backupNow, or a save dialog when no folder is set). */
  backup(): void;
  /** Adds developer tools to Xem; false in the packaged app. */
  devTools: boolean;
  platform: NodeJS.Platform;
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'Tệp',
    submenu: [
      { label: 'Nhập tệp…', accelerator: ACCELERATORS.importFiles, click: () => actions.send('import-files') },
      { label: 'Nhập thư mục…', accelerator: ACCELERATORS.importFolder, click: () => actions.send('import-folder') },
      { type: 'separator' },
      { label: 'Sao lưu ngay', accelerator: ACCELERATORS.backup, click: () => actions.backup() },
      { label: 'In…', accelerator: ACCELERATORS.print, click: () => actions.send('print') },
      { type: 'separator' },
      { label: 'Thoát', role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Sửa',
    submenu: [
      { label: 'Hoàn tác', role: 'undo' },
      { label: 'Làm lại', role: 'redo' },
      { type: 'separator' },
      { label: 'Cắt', role: 'cut' },
      { label: 'Sao chép', role: 'copy' },
      { label: 'Dán', role: 'paste' },
      { label: 'Chọn tất cả', role: 'selectAll' },
      { type: 'separator' },
      { label: 'Tìm kiếm…', accelerator: ACCELERATORS.search, click: () => actions.send('search') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'Xem',
    submenu: [
      { label: 'Tải lại', role: 'reload' },
      { type: 'separator' },
      { label: 'Cỡ chữ gốc', role: 'resetZoom' },
      { label: 'Phóng to', role: 'zoomIn' },
      { label: 'Thu nhỏ', role: 'zoomOut' },
      { type: 'separator' },
      { label: 'Toàn màn hình', role: 'togglefullscreen' },
      ...(actions.devTools
        ? ([
            { type: 'separator' },
            { label: 'Công cụ dành cho nhà phát triển', role: 'toggleDevTools' },
          ] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Trợ giúp',
    submenu: [{ label: 'Giới thiệu Vanthu', click: () => actions.send('about') }],
  };
  const template = [file, edit, view, help];
  // macOS puts the first menu under the app name; keep ours intact behind it.
  return actions.platform === 'darwin' ? [{ label: 'Vanthu', role: 'appMenu' }, ...template] : template;
}
