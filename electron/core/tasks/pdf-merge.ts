/**
 * Per-agency printouts whose page numbers restart for each agency (docs/tasks.md "Printing"). Chromium
 * cannot reset the CSS page counter per section, so each agency's sheet is printed as a PDF of its own
 * (page 1 unnumbered, then 2, 3…) and the PDFs are joined here: by the CLI (Chromium via playwright-core,
 * pdf.ts) and by the desktop app (Electron's printToPDF, electron/main/print.ts) alike.
 */
import type { SheetPrint } from '../../../shared/tasks/render';

/** One printout per sheet, so each is numbered from its own first page; a single sheet stays whole. */
export function separateSheets(print: SheetPrint): SheetPrint[] {
  if (print.sections.length <= 1) return [print];
  return print.sections.map((section) => ({ ...print, sections: [section] }));
}

/**
 * The PDFs' pages one after another, as Chromium wrote them (A4, margins, embedded Tinos subsets);
 * the document information (title, creator, producer) is the first part's. One part is returned as is.
 */
export async function concatPdfs(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  if (parts.length === 0) throw new Error('concatPdfs: no PDF to join');
  if (parts.length === 1) return parts[0]!;
  // Loaded here, not at start-up: every CLI command and the app's launch would otherwise pay for it.
  const { PDFDocument } = await import('pdf-lib');
  const docs = await Promise.all(parts.map((part) => PDFDocument.load(part, { updateMetadata: false })));
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const doc of docs) for (const page of await joined.copyPages(doc, doc.getPageIndices())) joined.addPage(page);
  const first = docs[0]!;
  const title = first.getTitle();
  if (title) joined.setTitle(title);
  const creator = first.getCreator();
  if (creator) joined.setCreator(creator);
  const producer = first.getProducer();
  if (producer) joined.setProducer(producer);
  joined.setCreationDate(first.getCreationDate() ?? new Date());
  return joined.save();
}
