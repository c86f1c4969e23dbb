/**
 * Bulk import using every core: worker threads read, decode, parse and tokenize files (the CPU
 * part); the main thread only writes, in transactions of up to BATCH files, each file in its own
 * savepoint so one bad file never rolls back the others. Same results as importSources(), one
 * row per file. Used by the bench and by large folder imports; the worker runs the same bundle
 * as the caller (see `workerFile`).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { DUPLICATE_MESSAGE, IMPORT_FAILURE_MESSAGES } from '../../../shared/api/errors';
import type { ImportFailure, ImportFileResult } from '../../../shared/model/archive';
import { emptyParseResult, type ParseResult } from '../../../shared/model/directive';
import { parseDirective } from '../../../shared/parser';
import { PARSER_VERSION } from '../../../shared/parser/version';
import { prepareIndexEntry, searchKey, type IndexEntry } from '../../../shared/search/entry';
import { toVanthuError } from '../db/open';
import { findByContentHash, insertDocument } from '../db/store';
import { MAX_FILE_BYTES, formatForFileName, readDocument } from '../readers';
import { writeIndexEntry } from '../search/indexer';
import type { ImportReport } from './pipeline';
import { summarize } from './pipeline';

const WORKER_FLAG = 'vanthuImportWorker';
const BATCH = 256;

interface Prepared {
  path: string;
  ok: true;
  text: string;
  format: string;
  encoding: string;
  scanned: boolean;
  warnings: string[];
  parse: ParseResult;
  contentHash: string;
  sha256: string;
  bytes: Uint8Array;
  entry: IndexEntry;
}
interface Refused {
  path: string;
  ok: false;
  reasonCode: ImportFailure;
  detail?: string;
}
type WorkerAnswer = Prepared | Refused;

const sha = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

async function prepare(file: string): Promise<WorkerAnswer> {
  const name = path.basename(file);
  if (!formatForFileName(name)) return { path: file, ok: false, reasonCode: 'unsupported_type' };
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.size > MAX_FILE_BYTES) return { path: file, ok: false, reasonCode: 'too_large' };
    // A private copy: the buffer is transferred back to the main thread.
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    return {
      path: file,
      ok: false,
      reasonCode: 'unreadable',
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    };
  }
  const read = await readDocument(bytes, name).catch((error: Error) => ({
    ok: false as const,
    reason: 'unreadable' as const,
    detail: error.message,
  }));
  if (!read.ok) return { path: file, ok: false, reasonCode: read.reason, detail: read.detail };
  let parse: ParseResult;
  const warnings = [...read.warnings];
  try {
    parse = parseDirective(read.text);
  } catch (error) {
    parse = emptyParseResult();
    warnings.push(`Không phân tích được nội dung: ${(error as Error).message}`);
  }
  const contentHash = read.text.trim() === '' ? `bytes:${sha(bytes)}` : sha(read.text);
  // The id is not known yet: the main thread fills docId and key in.
  const entry = prepareIndexEntry({ id: 0, ...parse }, read.text);
  return {
    path: file,
    ok: true,
    text: read.text,
    format: read.format,
    encoding: read.encoding,
    scanned: read.scanned,
    warnings,
    parse,
    contentHash,
    sha256: sha(bytes),
    bytes,
    entry,
  };
}

/** Call at the top of the entry file that is also the worker script. Returns true in a worker. */
export function runImportWorkerIfAny(): boolean {
  if (isMainThread || !workerData?.[WORKER_FLAG]) return false;
  parentPort!.on('message', (msg: { seq: number; file: string } | null) => {
    if (msg === null) {
      process.exit(0);
    }
    void prepare(msg.file).then((answer) => {
      const transfer = answer.ok && answer.bytes.buffer instanceof ArrayBuffer ? [answer.bytes.buffer] : [];
      parentPort!.postMessage({ seq: msg.seq, answer }, transfer);
    });
  });
  return true;
}

function failedRow(file: string, reasonCode: ImportFailure, detail?: string): ImportFileResult {
  const message = IMPORT_FAILURE_MESSAGES[reasonCode];
  return { path: file, status: 'failed', id: null, reasonCode, reason: detail ? `${message} (${detail})` : message };
}

function store(db: Database, p: Prepared, now: string): ImportFileResult {
  try {
    const existing = findByContentHash(db, p.contentHash);
    if (existing !== null)
      return { path: p.path, status: 'duplicate', id: existing, reasonCode: null, reason: DUPLICATE_MESSAGE };
    const id = db.transaction(() => {
      const stored = insertDocument(db, {
        contentHash: p.contentHash,
        text: p.text,
        format: p.format,
        encoding: p.encoding,
        scanned: p.scanned,
        parse: p.parse,
        parserVersion: PARSER_VERSION,
        warnings: p.warnings,
        importedAt: now,
        original: {
          fileName: path.basename(p.path),
          sourcePath: p.path,
          size: p.bytes.byteLength,
          sha256: p.sha256,
          bytes: p.bytes,
        },
      });
      if (stored !== null) {
        const entry = {
          ...p.entry,
          docId: stored,
          key: searchKey(stored, p.parse.date),
          meta: { ...p.entry.meta, id: stored },
        };
        writeIndexEntry(db, entry);
      }
      return stored;
    })();
    if (id === null)
      return {
        path: p.path,
        status: 'duplicate',
        id: findByContentHash(db, p.contentHash),
        reasonCode: null,
        reason: DUPLICATE_MESSAGE,
      };
    return {
      path: p.path,
      status: 'imported',
      id,
      reasonCode: null,
      reason: null,
      encoding: p.encoding,
      warnings: p.warnings,
    };
  } catch (error) {
    return failedRow(p.path, 'storage', toVanthuError(error).message);
  }
}

export interface ParallelOptions {
  /** The bundled script that calls runImportWorkerIfAny() first (usually the caller's own __filename). */
  workerFile: string;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Imports files in order of completion; results are returned in input order. */
export async function importFilesParallel(
  db: Database,
  files: readonly string[],
  options: ParallelOptions,
): Promise<ImportReport & { writeMs: number }> {
  const count = Math.max(1, options.workers ?? os.cpus().length);
  const workers = Array.from(
    { length: count },
    () => new Worker(options.workerFile, { workerData: { [WORKER_FLAG]: true } }),
  );
  const results: ImportFileResult[] = new Array(files.length);
  const ready = new Map<number, WorkerAnswer>();
  let nextToSend = 0;
  let nextToWrite = 0;
  const inFlightPerWorker = 8;
  const now = new Date().toISOString();
  let writeMs = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      const send = (w: Worker): void => {
        if (nextToSend < files.length) w.postMessage({ seq: nextToSend, file: files[nextToSend++] });
      };
      let writing = false;
      const drain = (): void => {
        if (writing) return;
        writing = true;
        // Write what is ready, in input order, a batch per transaction.
        while (ready.has(nextToWrite)) {
          const started = performance.now();
          db.transaction(() => {
            let n = 0;
            while (n < BATCH && ready.has(nextToWrite)) {
              const answer = ready.get(nextToWrite)!;
              ready.delete(nextToWrite);
              results[nextToWrite] = answer.ok
                ? store(db, answer, now)
                : failedRow(answer.path, answer.reasonCode, answer.detail);
              nextToWrite++;
              n++;
            }
          }).immediate();
          writeMs += performance.now() - started;
          options.onProgress?.(nextToWrite, files.length);
        }
        writing = false;
        if (nextToWrite === files.length) resolve();
      };
      for (const w of workers) {
        w.on('message', ({ seq, answer }: { seq: number; answer: WorkerAnswer }) => {
          ready.set(seq, answer);
          send(w);
          // Let a batch accumulate before writing, unless the end is near.
          if (ready.size >= BATCH || nextToSend >= files.length) drain();
        });
        w.on('error', reject);
        for (let i = 0; i < inFlightPerWorker; i++) send(w);
      }
      if (files.length === 0) resolve();
    });
  } finally {
    for (const w of workers) {
      w.postMessage(null);
      void w.terminate();
    }
  }
  return { ...summarize(results), writeMs };
}
