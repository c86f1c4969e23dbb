/**
 * Document readers: bytes of one file → normalised Unicode text, or a refusal with a reason.
 * Never throws: a reader that fails or hangs becomes a ReadFail.
 */
import { DOCUMENT_EXTENSIONS } from '../../../shared/model/formats';
import type { ImportFailure } from '../../../shared/model/archive';
import { normalizeText } from '../../../shared/text/vietnamese';
import { ReaderError, WARNINGS, fixLegacy, withKinds, type RawRead } from './common';
import { readDoc } from './doc';
import { readDocx } from './docx';
import { readHtml } from './html';
import { looksLikeBrokenGlyphs, readPdf } from './pdf';
export { closePdfWorker } from './pdf';
import { readRtf } from './rtf';
import { looksBinary, readPlainText } from './text';

export type DocumentFormat = 'txt' | 'md' | 'html' | 'rtf' | 'docx' | 'doc' | 'pdf';

export interface ReadOk {
  ok: true;
  text: string;
  format: DocumentFormat;
  encoding: string;
  warnings: string[];
  scanned: boolean;
}
export interface ReadFail {
  ok: false;
  reason: ImportFailure;
  detail?: string;
}
export type ReadResult = ReadOk | ReadFail;

export const SUPPORTED_EXTENSIONS = DOCUMENT_EXTENSIONS;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20000;

const FORMAT_BY_EXT: Record<string, DocumentFormat> = {
  '.txt': 'txt',
  '.md': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.rtf': 'rtf',
  '.docx': 'docx',
  '.doc': 'doc',
  '.pdf': 'pdf',
};

const FORMAT_LABEL: Record<DocumentFormat, string> = {
  txt: 'Tệp văn bản',
  md: 'Tệp Markdown',
  html: 'Tệp HTML',
  rtf: 'Tệp RTF',
  docx: 'Tệp Word .docx',
  doc: 'Tệp Word .doc',
  pdf: 'Tệp PDF',
};

/** The format a file name's extension promises, or null when it is not supported. */
export function formatForFileName(fileName: string): DocumentFormat | null {
  const m = /\.[^./\\]+$/.exec(fileName.trim());
  return m ? (FORMAT_BY_EXT[m[0].toLowerCase()] ?? null) : null;
}

/**
 * What the bytes really are, for Word files that lie about their extension: a ".doc" saved as
 * RTF or HTML (common with old Vietnamese office software), a ".docx" that is Word 97, ...
 */
function sniffFormat(bytes: Uint8Array, claimed: DocumentFormat): DocumentFormat {
  if (claimed !== 'doc' && claimed !== 'docx') return claimed;
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (head.startsWith('PK\u0003\u0004')) return 'docx';
  if (head.startsWith('\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1')) return 'doc';
  if (head.startsWith('%PDF-')) return 'pdf';
  if (/^\s*(<\?xml|<!doctype html|<html)/i.test(head.replace(/^\uFEFF|^\xEF\xBB\xBF/, ''))) return 'html';
  return claimed;
}

function runReader(format: DocumentFormat, bytes: Uint8Array, timeoutMs: number): Promise<RawRead> | RawRead {
  switch (format) {
    case 'txt':
    case 'md':
      return readPlainText(bytes);
    case 'html':
      return readHtml(bytes);
    case 'rtf':
      return readRtf(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'doc':
      return readDoc(bytes);
    case 'pdf':
      return readPdf(bytes, timeoutMs);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReaderError('timeout', `đọc tệp quá ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads one document. `fileName` only supplies the extension. Checks the size before any parsing;
 * `timeoutMs` (default 20 s) bounds each reader.
 */
export async function readDocument(
  bytes: Uint8Array,
  fileName: string,
  options?: { timeoutMs?: number },
): Promise<ReadResult> {
  const claimed = formatForFileName(fileName);
  if (!claimed)
    return { ok: false, reason: 'unsupported_type', detail: fileName.slice(fileName.lastIndexOf('.')) || fileName };
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'too_large', detail: `${bytes.byteLength} byte` };
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const format = sniffFormat(bytes, claimed);
  let raw: RawRead;
  try {
    // A synchronous reader (plain text, HTML) has finished before any timer could fire: the
    // timer, the race and their promises would only cost time on every such file.
    const read = runReader(format, bytes, timeoutMs);
    raw = read instanceof Promise ? await withTimeout(read, timeoutMs) : read;
  } catch (err) {
    if (err instanceof ReaderError)
      return { ok: false, reason: err.reason, ...(err.detail ? { detail: err.detail } : {}) };
    // A library's own message (English: «The value of "sourceStart" is out of range…») would reach
    // the clerk inside the import row's reason: the row says in Vietnamese what went wrong instead.
    return { ok: false, reason: 'corrupt', detail: `${FORMAT_LABEL[format]} hỏng, cấu trúc bên trong không đọc được` };
  }
  try {
    return finish(raw, format);
  } catch {
    return { ok: false, reason: 'unreadable', detail: 'lỗi khi chuẩn hoá nội dung đã đọc' };
  }
}

function finish(raw: RawRead, format: DocumentFormat): ReadResult {
  const warnings = [...raw.warnings];
  let text = raw.text;
  let encoding = raw.encoding;
  // Word, RTF and PDF text may carry legacy-font runs; plain text and HTML were handled while decoding.
  if (format === 'docx' || format === 'doc' || format === 'rtf' || format === 'pdf') {
    if (/\p{M}/u.test(text)) warnings.push(WARNINGS.nfd);
    const fixed = fixLegacy(text);
    if (fixed.kinds.length) {
      text = fixed.text;
      encoding = withKinds(
        encoding,
        fixed.kinds.filter((k) => !encoding.split('+').includes(k)),
      );
      warnings.push(...fixed.warnings);
    }
  }
  if (format === 'pdf' && !raw.scanned && looksLikeBrokenGlyphs(text)) warnings.push(WARNINGS.pdfBrokenGlyphs);
  // A text the reader found ordinary (RawRead.ordinary) is NFC and has no character to tidy.
  const ordinary = raw.ordinary === true && text === raw.text;
  // Soft hyphens left after the legacy pass are invisible hyphenation points, not text.
  text = (needsTidying(text, ordinary) ? tidied(text) : ordinary ? text : text.normalize('NFC'))
    .replace(/^\n+/, '')
    // trimEnd drops what \s+$ matches (white space and line terminators both), without the regex
    // trying every blank run of the text for an end that is not there.
    .trimEnd();
  if (raw.scanned) return { ok: true, text, format, encoding, warnings: dedupe(warnings), scanned: true };
  if (!text.trim()) return { ok: false, reason: 'empty' };
  if (!raw.controlFree && looksBinary(text)) return { ok: false, reason: 'binary' };
  return { ok: true, text, format, encoding, warnings: dedupe(warnings), scanned: false };
}

/** What every text goes through before its leading blank lines and trailing white space go. */
function tidied(text: string): string {
  return normalizeText(text.replace(/\u00AD/g, ''))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

// What tidied() changes besides NFC: a soft hyphen or a character normalizeText cleans…
const TIDIED_CHARACTER = /[\r\u00AD\u00A0\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]/;
// …blanks before a line end, three line ends in a row. NFC neither makes nor removes any of them.
const TIDIED_SPACING = /[ \t]\n|\n\n\n/;

/**
 * Whether tidied() would do more to the text than NFC. Two scans that find nothing in the common
 * text, instead of the five regular-expression passes (half the CPU on generated directives); one
 * for an ordinary text, which holds none of the characters.
 */
function needsTidying(text: string, ordinary = false): boolean {
  return (!ordinary && TIDIED_CHARACTER.test(text)) || TIDIED_SPACING.test(text);
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
