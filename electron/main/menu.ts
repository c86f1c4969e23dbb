/**
 * The Vietnamese application menu. Items that need the page (import) are sent to the renderer as
 * a MENU_CHANNEL message with one of MENU_COMMANDS; the preload forwards only those strings to
 * the listener registered through window.vanthuMenu.onCommand. Everything else runs in main.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './menu-commands';

export { MENU_CHANNEL, MENU_COMMANDS, type MenuCommand } from './menu-commands';

export interface MenuActions {
  send(command: MenuCommand): void;
  about(): void;
  /** Adds developer tools to Xem; false in the packaged app. */
  devTools: boolean;
  platform: NodeJS.Platform;
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'Tệp',
    submenu: [
      { label: 'Nhập tệp…', accelerator: 'CmdOrCtrl+O', click: () => actions.send('import-files') },
      { label: 'Nhập thư mục…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.send('import-folder') },
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
        ? ([{ type: 'separator' }, { label: 'Công cụ dành cho nhà phát triển', role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Trợ giúp',
    submenu: [{ label: 'Giới thiệu Vanthu', click: () => actions.about() }],
  };
  const template = [file, edit, view, help];
  // macOS puts the first menu under the app name; keep ours intact behind it.
  return actions.platform === 'darwin' ? [{ label: 'Vanthu', role: 'appMenu' }, ...template] : template;
}
