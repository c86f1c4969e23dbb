/**
 * Import, one path for every caller (CLI, app jobs, HTTP uploads, bench): prepareFile() does the
 * slow per-file work outside any transaction (in worker threads when there are more than a handful
 * of files, see pool.ts); storePrepared() writes one document in one transaction and storeBatch()
 * a batch in one, written again file by file if any of it fails, so one bad file never keeps the
 * others out and a crash leaves every document whole or absent.
 */
import type { Database } from 'better-sqlite3';
import { DUPLICATE_MESSAGE, ERROR_MESSAGES, IMPORT_FAILURE_MESSAGES } from '../../../shared/api/errors';
import type { ImportFailure, ImportFileResult } from '../../../shared/model/archive';
import { PARSER_VERSION } from '../../../shared/parser/version';
import { searchKey, type IndexEntry } from '../../../shared/search/entry';
import { toVanthuError } from '../db/open';
import { withoutImportRowTriggers } from '../db/safety-store';
import { findByContentHash, writeDocumentRows } from '../db/store';
import { GraphBatch } from '../graph/batch';
import { DEFAULT_TIMEOUT_MS } from '../readers';
import { mergeIndexAfterImport, writeIndexEntries, writeIndexEntry } from '../search/indexer';
import { prepareFile, unexpectedFailure, type PrepareAnswer, type PreparedFile } from './prepare';
import { importWithPool, importWorkerFile } from './pool';
import { type ImportSource, sourceLabel } from './sources';

export interface ImportReport {
  imported: number;
  duplicates: number;
  failed: number;
  /** A row per file in input order; with ImportOptions.rows 'problems', only failed and duplicate files. */
  files: ImportFileResult[];
}

export interface ImportProgressEvent {
  done: number;
  total: number;
  current: string | null;
  last: ImportFileResult | null;
}

export interface ImportOptions {
  /** The worker script; default: dist/core/import-worker.js beside the running bundle, if present. */
  workerFile?: string | null;
  workers?: number;
  /** Bound on one file's reading and parsing (default 30 s). */
  timeoutMs?: number;
  /** Below this many files the work stays in-process (tests use it to force either path). */
  minFilesForWorkers?: number;
  now?: () => Date;
  /** Filled in by the worker path: main-thread time spent writing (the bench reports it). */
  stats?: { writeMs: number };
  /**
   * The per-file rows the report keeps: 'all' (default), or 'problems' (failed and duplicate files
   * only) for callers that show only those. Counts are always complete. A row per imported file
   * was the main thread's only live growth during an import (~400 B of heap per file, which V8's
   * heap then multiplies before each full collection: ~1 KB of RSS per file at 100k).
   */
  rows?: 'all' | 'problems';
}

/** Reading + parsing of one file: the reader's own bound (PDF) plus the parse. */
export const FILE_TIMEOUT_MS = DEFAULT_TIMEOUT_MS + 10_000;
// Even one file goes to a worker when the bundle has one: a reader stuck in a synchronous loop
// must never freeze the desktop's main process, and a worker's start is cheap next to an import.
const MIN_FILES_FOR_WORKERS = 1;

export function failedRow(label: string, reasonCode: ImportFailure, detail?: string): ImportFileResult {
  const message = IMPORT_FAILURE_MESSAGES[reasonCode];
  return { path: label, status: 'failed', id: null, reasonCode, reason: detail ? `${message} (${detail})` : message };
}

export function refusalRow(answer: PrepareAnswer & { ok: false }): ImportFileResult {
  return failedRow(answer.label, answer.reasonCode, answer.detail);
}

/**
 * Writes one prepared file: document, original, citations, tasks, graph, search index, in one
 * transaction. Never throws: a failure is a result row.
 */
export function storePrepared(db: Database, p: PreparedFile, importedAt: string): ImportFileResult {
  try {
    return db.transaction(() => writePrepared(db, p, importedAt)).immediate();
  } catch (error) {
    // The Vietnamese message alone: the VanthuError's own carries SQLite's English in parentheses.
    return failedRow(p.label, 'storage', ERROR_MESSAGES[toVanthuError(error).code]);
  }
}

/**
 * storePrepared's writes without a transaction of their own; throws on any failure, after which
 * the caller's transaction must be rolled back (it may hold part of this file's rows). With
 * `deferredIndex`, the search index entry is handed to the caller instead (storeBatch).
 */
function writePrepared(
  db: Database,
  p: PreparedFile,
  importedAt: string,
  deferredIndex?: IndexEntry[],
  graph?: GraphBatch,
): ImportFileResult {
  const existing = findByContentHash(db, p.contentHash);
  if (existing !== null)
    return { path: p.label, status: 'duplicate', id: existing, reasonCode: null, reason: DUPLICATE_MESSAGE };
  const id = writeDocumentRows(db, {
    contentHash: p.contentHash,
    text: p.text,
    format: p.format,
    encoding: p.encoding,
    scanned: p.scanned,
    parse: p.parse,
    storedParse: p.storedParse,
    textPacked: p.textPacked,
    derived: p.derived,
    graphDeferred: graph !== undefined,
    parserVersion: PARSER_VERSION,
    warnings: p.warnings,
    importedAt,
    original: {
      fileName: p.fileName,
      sourcePath: p.sourcePath,
      size: p.size,
      sha256: p.sha256,
      bytes: p.stored,
      compression: p.compression,
    },
  });
  if (id === null) {
    // Another process stored the same content between our check and our insert.
    return {
      path: p.label,
      status: 'duplicate',
      id: findByContentHash(db, p.contentHash),
      reasonCode: null,
      reason: DUPLICATE_MESSAGE,
    };
  }
  // The search index is written in the document's own transaction: searchable as soon as stored.
  const entry = { ...p.entry, docId: id, key: searchKey(id, p.parse.date), meta: { ...p.entry.meta, id } };
  if (deferredIndex) deferredIndex.push(entry);
  else writeIndexEntry(db, entry);
  graph?.add(id, p.text, p.parse, p.derived);
  return {
    path: p.label,
    status: 'imported',
    id,
    reasonCode: null,
    reason: null,
    encoding: p.encoding,
    warnings: p.warnings,
  };
}

/**
 * Writes prepared files (and refusals) in one transaction, then the batch's citation graph and its
 * search index rows, in the same transaction. No savepoint per file: SQLite copied every page a
 * savepoint touched into a statement journal, which spilled to temp files (~140 page writes per
 * document). FTS5 also flushes its pending terms to a new index segment at every savepoint, which
 * is why the index rows come after the last document. A commit leaves every document with its
 * index row, a kill -9 none of the batch. If anything fails (one file's rows, an index row, the
 * commit: a full disk), the whole batch is rolled back and each file is written again alone, with
 * its own verdict. Results in input order.
 */
export function storeBatch(db: Database, answers: readonly PrepareAnswer[], importedAt: string): ImportFileResult[] {
  try {
    return db
      .transaction(() =>
        withoutImportRowTriggers(db, () => {
          const entries: IndexEntry[] = [];
          // The batch's citation graph is resolved once, after its last document (graph/batch.ts).
          const graph = new GraphBatch(db);
          const results = answers.map((a) => (a.ok ? writePrepared(db, a, importedAt, entries, graph) : refusalRow(a)));
          graph.finish();
          writeIndexEntries(db, entries);
          return results;
        }),
      )
      .immediate();
  } catch {
    return answers.map((a) => (a.ok ? storePrepared(db, a, importedAt) : refusalRow(a)));
  }
}

/** In-process preparation, bounded in time (a reader stuck in a synchronous loop cannot be stopped here). */
async function prepareInProcess(source: ImportSource, timeoutMs: number): Promise<PrepareAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PrepareAnswer>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          label: sourceLabel(source),
          reasonCode: 'timeout',
          detail: `quá ${Math.round(timeoutMs / 1000)} giây`,
        }),
      timeoutMs,
    );
  });
  try {
    // A file whose preparation throws (a bug) is refused alone; the import goes on with the next.
    return await Promise.race([prepareFile(source).catch(() => unexpectedFailure(source)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Prepares and stores one source in-process. Never throws: every outcome is a result row. */
export async function importOne(
  db: Database,
  source: ImportSource,
  now: () => Date = () => new Date(),
  timeoutMs = FILE_TIMEOUT_MS,
): Promise<ImportFileResult> {
  const answer = await prepareInProcess(source, timeoutMs);
  return answer.ok ? storePrepared(db, answer, now().toISOString()) : refusalRow(answer);
}

export async function importSources(
  db: Database,
  sources: readonly ImportSource[],
  onProgress?: (event: ImportProgressEvent) => void,
  preFailed: readonly ImportFileResult[] = [],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const keepAll = (options.rows ?? 'all') === 'all';
  const files: ImportFileResult[] = [];
  const counts = { imported: 0, duplicates: 0, failed: 0 };
  const record = (result: ImportFileResult): void => {
    if (result.status === 'imported') counts.imported++;
    else if (result.status === 'duplicate') counts.duplicates++;
    else counts.failed++;
    if (keepAll || result.status !== 'imported') files.push(result);
  };
  preFailed.forEach(record);
  const total = sources.length + preFailed.length;
  let done = preFailed.length;
  onProgress?.({ done, total, current: null, last: null });
  const workerFile = options.workerFile === undefined ? importWorkerFile() : options.workerFile;
  const timeoutMs = options.timeoutMs ?? FILE_TIMEOUT_MS;
  let inProcessFrom = 0;
  if (workerFile && sources.length >= (options.minFilesForWorkers ?? MIN_FILES_FOR_WORKERS)) {
    try {
      const { writeMs } = await importWithPool(db, sources, {
        workerFile,
        workers: options.workers,
        timeoutMs,
        now: options.now,
        storeBatch,
        onStored: (label, result) => {
          onProgress?.({ done, total, current: label, last: null });
          record(result);
          done++;
          onProgress?.({ done, total, current: null, last: result });
        },
      });
      if (options.stats) options.stats.writeMs = writeMs;
      inProcessFrom = sources.length;
    } catch {
      // No worker thread could be started (or restarted): the files not yet stored are imported
      // here instead of the whole import stopping with the thread's error.
      inProcessFrom = done - preFailed.length;
    }
  }
  for (const source of sources.slice(inProcessFrom)) {
    onProgress?.({ done, total, current: sourceLabel(source), last: null });
    const result = await importOne(db, source, options.now, timeoutMs);
    record(result);
    done++;
    onProgress?.({ done, total, current: null, last: result });
  }
  await mergeIndexAfterImport(db, counts.imported);
  return { ...counts, files };
}

export function summarize(files: ImportFileResult[]): ImportReport {
  const count = (status: ImportFileResult['status']): number => files.filter((f) => f.status === status).length;
  return { imported: count('imported'), duplicates: count('duplicate'), failed: count('failed'), files };
}
