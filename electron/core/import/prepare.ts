/**
 * The per-file half of an import that needs no database: read, size and type checks, decode,
 * normalise, hash, parse, search tokens, compression of the original. Runs in an import worker
 * (worker.ts) or in-process; its answer is plain data that storePrepared() writes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ImportFailure } from '../../../shared/model/archive';
import { emptyParseResult, type ParseResult, type Task } from '../../../shared/model/directive';
import { parseDocumentText } from '../../../shared/parser';
import { prepareIndexEntry, type IndexEntry } from '../../../shared/search/entry';
import { MAX_FILE_BYTES, formatForFileName, readDocument } from '../readers';
import { encodeOriginal, encodeParse, encodeText, withTextDictionary } from './compression';
import { derivedColumns, type DerivedColumns } from './derived';
import { type ImportSource, pathProblem, sourceFileName, sourceLabel } from './sources';

export interface PreparedFile {
  ok: true;
  /** The path or the uploaded name, as reported to the user. */
  label: string;
  fileName: string;
  sourcePath: string | null;
  text: string;
  format: string;
  encoding: string;
  scanned: boolean;
  warnings: string[];
  parse: ParseResult;
  /** documents.parse_json / parse_packed for `parse` (compression.ts), encoded here rather than on the writing thread. */
  storedParse: { json: string; packed: Uint8Array | null };
  /** documents.text_packed for `text` (compression.ts), encoded here rather than on the writing thread. */
  textPacked: Uint8Array | null;
  contentHash: string;
  /** Size and SHA-256 of the original file as imported. */
  size: number;
  sha256: string;
  /** The original as stored (see compression.ts). */
  stored: Uint8Array;
  compression: number;
  /** Search tokens; docId and key are filled in once the id is known. */
  entry: IndexEntry;
  /** Task spans and citing sentences (derived.ts), computed here rather than on the writing thread. */
  derived?: DerivedColumns;
  /**
   * Set on the copy a worker posts to the writer (forTheWriter): `text` is '' and so is the text
   * of every task stored as a span, because the writer reads neither.
   */
  writerCopy?: true;
}

export interface RefusedFile {
  ok: false;
  label: string;
  reasonCode: ImportFailure;
  detail?: string;
}

export type PrepareAnswer = PreparedFile | RefusedFile;

/** The detail of a file whose reading or preparing failed in a way no reader foresaw. */
export const UNEXPECTED_READ_FAILURE = 'lỗi không mong muốn khi đọc tệp; các tệp khác vẫn được nhập';

/** A refusal for a file whose preparation threw (a bug): the import goes on with the next file. */
export function unexpectedFailure(source: ImportSource): RefusedFile {
  return refused(sourceLabel(source), 'unreadable', UNEXPECTED_READ_FAILURE);
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

function refused(label: string, reasonCode: ImportFailure, detail?: string): RefusedFile {
  return detail === undefined ? { ok: false, label, reasonCode } : { ok: false, label, reasonCode, detail };
}

/**
 * Synchronous on purpose: prepareFile runs in an import worker that has nothing else to do while
 * it waits, and the promise-based calls cost several times the CPU of the reads themselves (one
 * 10k import profile: stat + readFile took 13 % of a worker's time). In-process (tests) files are
 * small and local.
 */
function loadBytes(source: ImportSource, label: string): Uint8Array | RefusedFile {
  if (source.kind === 'upload') {
    return source.bytes.byteLength > MAX_FILE_BYTES ? refused(label, 'too_large') : source.bytes;
  }
  try {
    const info = statSync(source.path);
    if (!info.isFile()) return refused(label, 'unreadable', 'không phải tệp');
    if (info.size > MAX_FILE_BYTES) return refused(label, 'too_large');
    // A private copy: a worker transfers what it keeps of it back to the main thread. A file of
    // 4 KB or more is read into memory of its own already, which a view keeps without a copy.
    const read = readFileSync(source.path);
    const own = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength;
    return own ? new Uint8Array(read.buffer, 0, read.byteLength) : new Uint8Array(read);
  } catch (error) {
    // Vanished since the folder was listed, no permission, a pulled USB stick: said in Vietnamese.
    return refused(label, 'unreadable', pathProblem(error));
  }
}

/**
 * Test hooks: a reader that never returns, for files whose name contains the value of
 * VANTHU_TEST_HANG_READER (issue #3: a reader stuck in a synchronous loop), and one that takes
 * `ms` longer, for files whose name contains `marker`, with VANTHU_TEST_SLOW_READER=marker:ms
 * (answers arriving out of order, pool.ts). VANTHU_TEST_CRASH_READER=marker:exit ends the thread
 * (a native reader's abort), marker:throw throws outside any promise (an uncaught error in a
 * worker) and marker:reject makes preparing the file fail. Only tests set them.
 */
function hangIfAsked(fileName: string): Promise<never> | void {
  const marker = process.env.VANTHU_TEST_HANG_READER;
  const slowSpec = process.env.VANTHU_TEST_SLOW_READER;
  const crashSpec = process.env.VANTHU_TEST_CRASH_READER;
  if (!marker && !slowSpec && !crashSpec) return;
  const crash = crashSpec ? /^(.+):(exit|throw|reject)$/.exec(crashSpec) : null;
  if (crash && fileName.includes(crash[1]!)) {
    if (crash[2] === 'exit') process.exit(7);
    if (crash[2] === 'reject') throw new Error('Test hook: preparing the file failed');
    setImmediate(() => {
      throw new Error('Test hook: uncaught error in the reader');
    });
    // No answer for this file: the thread dies first, as it would in a reader's callback.
    return new Promise<never>(() => {});
  }
  const slow = slowSpec ? /^(.+):(\d+)$/.exec(slowSpec) : null;
  let until = 0;
  if (marker && fileName.includes(marker)) until = Number.POSITIVE_INFINITY;
  else if (slow && fileName.includes(slow[1]!)) until = Date.now() + Number(slow[2]);
  while (Date.now() < until) {
    // spin: a hung reader only ends when its thread is terminated
  }
}

/**
 * Said of a text in which the parser found none of a directive's header: a note, a stray file, a
 * first page missing. It is kept (the clerk may fill the fields by hand) but should not pass unseen:
 * a 3-byte «abc» was imported with no word said, every field «cần kiểm tra».
 */
export const NOT_A_DIRECTIVE_WARNING =
  'Không nhận ra số/ký hiệu, loại, cơ quan ban hành hay ngày: có thể không phải văn bản chỉ đạo, hoặc thiếu phần đầu. Nên kiểm tra lại.';

const recognisedNothing = (parse: ParseResult) => !parse.ref && !parse.type && !parse.issuer && !parse.date;

/** Everything about one file that needs no database. Never throws: a refusal is an answer. */
export async function prepareFile(source: ImportSource): Promise<PrepareAnswer> {
  const label = sourceLabel(source);
  const fileName = sourceFileName(source);
  if (!formatForFileName(fileName)) return refused(label, 'unsupported_type');
  const bytes = loadBytes(source, label);
  if (!(bytes instanceof Uint8Array)) return bytes;

  const hook = hangIfAsked(fileName);
  if (hook) await hook;
  // readDocument answers every refusal itself; what it throws is a bug, whose English helps no clerk.
  const read = await readDocument(bytes, fileName).catch(() => ({
    ok: false as const,
    reason: 'unreadable' as const,
    detail: UNEXPECTED_READ_FAILURE,
  }));
  if (!read.ok) return refused(label, read.reason, read.detail);

  let parse: ParseResult;
  const warnings = [...read.warnings];
  try {
    parse = parseDocumentText(read.text);
  } catch (error) {
    // The document is still worth keeping: the clerk can fill the fields by hand.
    parse = emptyParseResult();
    warnings.push(`Không phân tích được nội dung: ${(error as Error).message}`);
  }
  if (!read.scanned && recognisedNothing(parse)) warnings.push(NOT_A_DIRECTIVE_WARNING);
  const fileSha = sha256(bytes);
  // The text's UTF-8, encoded once for the hash and the three encoders, none of which keeps it.
  const encoded = withTextDictionary(read.text, (dict) => ({
    // A scan has no text to compare, so its identity is its bytes. Hashing a string hashes its UTF-8.
    contentHash: read.text.trim() === '' ? `bytes:${fileSha}` : sha256(dict ?? read.text),
    original: encodeOriginal(bytes, read.text, dict),
    storedParse: encodeParse(parse, read.text, dict),
    textPacked: encodeText(read.text, dict),
  }));
  return {
    ok: true,
    label,
    fileName,
    sourcePath: source.kind === 'path' ? source.path : null,
    text: read.text,
    format: read.format,
    encoding: read.encoding,
    scanned: read.scanned,
    warnings,
    parse,
    storedParse: encoded.storedParse,
    textPacked: encoded.textPacked,
    contentHash: encoded.contentHash,
    size: bytes.byteLength,
    sha256: fileSha,
    stored: encoded.original.bytes,
    compression: encoded.original.compression,
    entry: prepareIndexEntry({ id: 0, ...parse }, read.text),
    derived: derivedColumns(parse, read.text),
  };
}

/** The same tasks with '' for each text the tasks table stores as a span (`from` in ordinal order). */
function withoutSpannedTexts(tasks: readonly Task[], from: readonly (number | null)[], next = { i: 0 }): Task[] {
  return tasks.map((task) => {
    const spanned = from[next.i++] !== null;
    return { ...task, text: spanned ? '' : task.text, children: withoutSpannedTexts(task.children ?? [], from, next) };
  });
}

/**
 * What a worker posts to the main thread: the answer without what only the worker needed. The
 * writer stores the text from `textPacked`, a task's text as its span (`derived.taskFrom`) and a
 * citing sentence from `derived`; the plain text and the task texts were a third of each message,
 * copied and then collected on the import's critical path. Unchanged when any of those is missing
 * or does not fit (the writer then falls back to the text, as graph/batch.ts and store.ts do).
 */
export function forTheWriter(answer: PrepareAnswer): PrepareAnswer {
  if (!answer.ok || answer.textPacked === null || !answer.derived) return answer;
  const { taskFrom, citationSentences, graphKeys } = answer.derived;
  const n = answer.parse.citations.length;
  if (citationSentences.length !== n || graphKeys.citations.length !== n) return answer;
  if (taskFrom.length !== countTasks(answer.parse.tasks)) return answer;
  return {
    ...answer,
    text: '',
    parse: { ...answer.parse, tasks: withoutSpannedTexts(answer.parse.tasks, taskFrom) },
    writerCopy: true,
  };
}

function countTasks(tasks: readonly Task[]): number {
  let n = 0;
  for (const task of tasks) n += 1 + (task.children?.length ? countTasks(task.children) : 0);
  return n;
}
