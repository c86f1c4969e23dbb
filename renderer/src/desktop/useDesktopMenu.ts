/**
 * The page's side of the desktop application menu (issue #8): window.vanthuMenu.onCommand from the
 * preload, absent in the browser host. Import commands go to the importer as before; Ctrl+F shows
 * the list and focuses the search box, Ctrl+P prints the page (a task sheet's print CSS prints just
 * the sheet), About opens #/about, and 'safety' (a backup from Ctrl+B) refreshes what shows backups.
 */
import { useEffect, useRef } from 'react';
import { MENU_GLOBAL, type DesktopMenu, type MenuCommand } from '../../../shared/api/menu';

export interface MenuHandlers {
  importDialog(mode: 'files' | 'folder'): void;
  followJob(jobId: string): void;
  backupDone(): void;
}

export function desktopMenu(): DesktopMenu | null {
  const menu = (window as unknown as Record<string, unknown>)[MENU_GLOBAL] as DesktopMenu | undefined;
  return menu && typeof menu.onCommand === 'function' ? menu : null;
}

/** Shows the document list (the search lives there) and focuses its search box once it is drawn. */
export function focusSearch(): void {
  const hash = window.location.hash;
  if (hash !== '' && hash !== '#' && hash !== '#/') window.location.hash = '#/';
  let frames = 0;
  const attempt = () => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
    if (input) {
      input.focus();
      input.select();
    } else if (++frames < 60) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

export function runMenuCommand(command: MenuCommand, jobId: string | undefined, handlers: MenuHandlers): void {
  switch (command) {
    case 'import-files':
    case 'import-folder':
      handlers.importDialog(command === 'import-files' ? 'files' : 'folder');
      return;
    case 'import-job':
      if (jobId) handlers.followJob(jobId);
      return;
    case 'search':
      focusSearch();
      return;
    case 'print':
      window.print();
      return;
    case 'about':
      window.location.hash = '#/about';
      return;
    case 'safety':
      handlers.backupDone();
      return;
  }
}

export function useDesktopMenu(handlers: MenuHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const menu = desktopMenu();
    if (!menu) return;
    return menu.onCommand((command, jobId) => runMenuCommand(command, jobId, latest.current));
  }, []);
}
