/**
 * The file kinds Vanthu reads (electron/core/readers), in one list: the readers' dispatch, the
 * page's file picker and drop filter, and what the first-run screen tells the clerk all follow it.
 */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.txt', '.md', '.html', '.htm', '.rtf', '.docx', '.doc', '.pdf'];

/** «.doc, .docx, .pdf, .txt, .rtf, .html, .md»: the kinds a clerk meets first, .htm left out as .html's twin. */
export const DOCUMENT_KINDS_FOR_CLERKS = ['.doc', '.docx', '.pdf', '.txt', '.rtf', '.html', '.md'].join(', ');
