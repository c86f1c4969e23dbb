/**
 * The sandboxed preload: the page's only door to the main process.
 *
 * window.vanthu has exactly one function per contract method, each forwarding its single argument
 * to ipcRenderer.invoke on that method's channel. No raw ipcRenderer, no generic invoke(channel),
 * no Node. window.vanthuMenu.onCommand lets the page hear the application menu (see
 * shared/api/menu.ts); it forwards only a known command string and a job id, never
 * the IPC event, and returns an unsubscribe function for React effect cleanup.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES, PRELOAD_GLOBAL, ipcChannel } from '../../shared/api/methods';
import { MENU_CHANNEL, MENU_GLOBAL, isJobId, isMenuCommand, type DesktopMenu } from '../../shared/api/menu';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of METHOD_NAMES) {
  const channel = ipcChannel(method);
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

const menu: DesktopMenu = {
  onCommand(listener) {
    if (typeof listener !== 'function') throw new TypeError('onCommand needs a function');
    const forward = (_event: IpcRendererEvent, command: unknown, jobId: unknown) => {
      if (!isMenuCommand(command)) return;
      if (command === 'import-job') {
        if (isJobId(jobId)) listener(command, jobId);
      } else {
        listener(command);
      }
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, Object.freeze(api));
contextBridge.exposeInMainWorld(MENU_GLOBAL, Object.freeze(menu));
