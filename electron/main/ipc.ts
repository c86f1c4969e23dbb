/**
 * The IPC surface: exactly one ipcMain.handle per contract method, nothing else. Each handler
 * checks that the message comes from the main frame of the app's own window showing the app's own
 * page (VS Code's validatedIpcMain does the same), then hands the input, unparsed, to the
 * dispatcher, which validates it against the contract and returns a Result; errors cross as data.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { METHOD_NAMES, ipcChannel } from '../../shared/api/contract';
import { apiError, type Result } from '../../shared/api/errors';
import { isAppUrl } from './security';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface TrustedSender {
  /** The main window's web contents, or null before it exists / after it is closed. */
  contents(): WebContents | null;
  /** Absolute path of dist/renderer/index.html. */
  appFile: string;
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  trusted: TrustedSender,
): boolean {
  const contents = trusted.contents();
  const frame = event.senderFrame;
  if (!contents || contents.isDestroyed() || event.sender !== contents) return false;
  // senderFrame is null when the frame has navigated or gone away since it sent the message.
  if (!frame || frame.parent !== null || frame !== contents.mainFrame) return false;
  return isAppUrl(frame.url, trusted.appFile);
}

/** Registers the handlers; returns a function that removes them (used on quit and in tests). */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  trusted: TrustedSender,
): () => void {
  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = ipcChannel(method);
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, trusted)) {
        // Not our page (a frame that slipped past the navigation guards): refuse without detail.
        // Rejecting makes the foreign caller's invoke() throw; our UI never sees this.
        throw new Error(`Blocked ${channel} from an untrusted frame`);
      }
      try {
        return await dispatch(method, input);
      } catch (error) {
        // The dispatcher promises never to throw; keep that promise at the boundary anyway.
        return { ok: false, error: apiError('INTERNAL', error instanceof Error ? error.message : String(error)) };
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
