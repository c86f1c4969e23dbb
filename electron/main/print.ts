/**
 * Printing task sheets on the desktop (issue #6): each sheet's standalone HTML (fonts embedded,
 * shared/tasks/render.ts) is loaded in a hidden, sandboxed window with JavaScript off, then either
 * sent to the system print dialog (webContents.print) or saved as PDF (printToPDF, A4 from the
 * CSS @page) where the clerk picks in a save dialog. Several sheets (one per agency) are printed
 * to PDF one by one and joined (core/tasks/pdf-merge.ts), so each agency's pages are numbered
 * from 1. The window never shows and is destroyed after.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, dialog } from 'electron';
import { concatPdfs } from '../core/tasks/pdf-merge';

export const PDF_DIALOG_TITLE = 'Lưu phiếu giao việc thành PDF';
export const PDF_FILTER_NAME = 'Tệp PDF';

export function createPrintHtml(parent: () => BrowserWindow | null) {
  return async (sheets: readonly string[], mode: 'print' | 'pdf', suggestedName: string): Promise<string | null> => {
    if (mode === 'print' && sheets.length !== 1) throw new Error('The print dialog takes one document.');
    let target: string | null = null;
    if (mode === 'pdf') {
      const owner = parent();
      const options = {
        title: PDF_DIALOG_TITLE,
        defaultPath: suggestedName,
        filters: [{ name: PDF_FILTER_NAME, extensions: ['pdf'] }],
      };
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      target = choice.filePath;
    }
    // A file, not a data: URL: sheets of long directives are large (fonts inline).
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-print-'));
    // A file per sheet: each load is a fresh navigation, never a same-URL reload.
    const fileOf = (i: number) => path.join(dir, `phieu-${i + 1}.html`);
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        spellcheck: false,
      },
    });
    try {
      if (mode === 'pdf') {
        const parts: Uint8Array[] = [];
        for (const [i, html] of sheets.entries()) {
          await writeFile(fileOf(i), html, 'utf8');
          await win.loadFile(fileOf(i));
          parts.push(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }));
        }
        await writeFile(target!, await concatPdfs(parts));
        return target;
      }
      await writeFile(fileOf(0), sheets[0]!, 'utf8');
      await win.loadFile(fileOf(0));
      await new Promise<void>((resolve, reject) =>
        win.webContents.print({ silent: false, printBackground: true }, (success, reason) =>
          success || reason === 'cancelled' ? resolve() : reject(new Error(`In không thành công: ${reason}`)),
        ),
      );
      return null;
    } finally {
      win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
