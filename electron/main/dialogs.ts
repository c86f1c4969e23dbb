/**
 * The desktop host's native dialogs (HostContext pickPaths / pickFile / pickSaveFile): the only
 * place a path enters the app from the clerk. The page never names a path; it calls a contract
 * method (chooseAndImport, chooseAndRestore, chooseAndBackup, chooseAndExportBundle,
 * chooseAndImportBundle) and main asks here. The option builders are pure so the unit tests can
 * read them; createDialogs binds them to Electron's dialog module and the main window.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { BACKUP_EXTENSION } from '../core/backup/backup';
import { BUNDLE_EXTENSION } from '../core/bundle/bundle';
import {
  BACKUP_FILTER_NAME,
  BUNDLE_FILTER_NAME,
  DIALOG_BACKUP_SAVE_TITLE,
  DIALOG_BUNDLE_OPEN_TITLE,
  DIALOG_BUNDLE_SAVE_TITLE,
  DIALOG_BUTTON,
  DIALOG_FILES_TITLE,
  DIALOG_FILTER_NAME,
  DIALOG_FOLDER_TITLE,
  DIALOG_RESTORE_BUTTON,
  DIALOG_RESTORE_TITLE,
  DIALOG_SAVE_BUTTON,
  IMPORT_EXTENSIONS,
} from './messages';

export type OpenPurpose = 'restore' | 'bundle';
export type SavePurpose = 'backup' | 'bundle';

const ext = (dotted: string): string => dotted.replace(/^\./, '');

export function importDialogOptions(mode: 'files' | 'folder'): OpenDialogOptions {
  return mode === 'folder'
    ? { title: DIALOG_FOLDER_TITLE, buttonLabel: DIALOG_BUTTON, properties: ['openDirectory'] }
    : {
        title: DIALOG_FILES_TITLE,
        buttonLabel: DIALOG_BUTTON,
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: DIALOG_FILTER_NAME, extensions: [...IMPORT_EXTENSIONS] }],
      };
}

export function openFileDialogOptions(purpose: OpenPurpose): OpenDialogOptions {
  return purpose === 'restore'
    ? {
        title: DIALOG_RESTORE_TITLE,
        buttonLabel: DIALOG_RESTORE_BUTTON,
        properties: ['openFile'],
        filters: [{ name: BACKUP_FILTER_NAME, extensions: [ext(BACKUP_EXTENSION)] }],
      }
    : {
        title: DIALOG_BUNDLE_OPEN_TITLE,
        buttonLabel: DIALOG_BUTTON,
        properties: ['openFile'],
        filters: [{ name: BUNDLE_FILTER_NAME, extensions: [ext(BUNDLE_EXTENSION)] }],
      };
}

export function saveFileDialogOptions(purpose: SavePurpose, suggestedName: string): SaveDialogOptions {
  const backup = purpose === 'backup';
  return {
    title: backup ? DIALOG_BACKUP_SAVE_TITLE : DIALOG_BUNDLE_SAVE_TITLE,
    buttonLabel: DIALOG_SAVE_BUTTON,
    // A bare file name: the dialog opens in the folder it last showed (Documents the first time).
    defaultPath: suggestedName,
    filters: [
      backup
        ? { name: BACKUP_FILTER_NAME, extensions: [ext(BACKUP_EXTENSION)] }
        : { name: BUNDLE_FILTER_NAME, extensions: [ext(BUNDLE_EXTENSION)] },
    ],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

export interface HostDialogs {
  pickPaths(mode: 'files' | 'folder'): Promise<string[] | null>;
  pickFile(purpose: OpenPurpose): Promise<string | null>;
  pickSaveFile(purpose: SavePurpose, suggestedName: string): Promise<string | null>;
}

/** Dialogs are modal to the main window while it exists. */
export function createDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  parent: () => BrowserWindow | null,
): HostDialogs {
  const open = (options: OpenDialogOptions) => {
    const owner = parent();
    return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
  };
  return {
    async pickPaths(mode) {
      const result = await open(importDialogOptions(mode));
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
    async pickFile(purpose) {
      const result = await open(openFileDialogOptions(purpose));
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSaveFile(purpose, suggestedName) {
      const options = saveFileDialogOptions(purpose, suggestedName);
      const owner = parent();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
