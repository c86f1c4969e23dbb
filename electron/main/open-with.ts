/** "Open with Vanthu" (electron-builder fileAssociations): which command-line arguments are files to import. */
import path from 'node:path';

/** What Explorer may hand us: .doc, .docx and .pdf. */
export const OPENABLE = /\.(docx?|pdf)$/i;

/**
 * Files opened "with Vanthu" arrive on the command line (first start) or via second-instance, whose
 * argv may be relative to the second instance's working directory. Switches (Chromium adds some)
 * and anything that is not .doc/.docx/.pdf are ignored.
 */
export function openablePaths(argv: readonly string[], cwd: string = process.cwd()): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && OPENABLE.test(arg))
    .map((arg) => path.resolve(cwd, arg));
}
