/**
 * Bulk import on every core: worker threads prepare files (prepare.ts: read, decode, parse,
 * tokenize, compress), the main thread only writes. Results are written in input order, in
 * transactions of up to BATCH files (or what arrived within FLUSH_MS); a failed batch is written
 * again file by file (pipeline.ts storeBatch), so one bad file never keeps the others out and a
 * kill leaves whole documents only.
 *
 * Every file's preparation is bounded: a worker still on the same file after timeoutMs is
 * terminated and replaced, and the file is refused with reasonCode 'timeout' (issue #3: a reader
 * that hangs, even in a synchronous loop, yields a clear per-file error).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { ImportFileResult } from '../../../shared/model/archive';
import type { PrepareAnswer } from './prepare';
import { type ImportSource, sourceLabel } from './sources';
import { WORKER_FLAG, type WorkerReply } from './worker';

/**
 * Files a batch (one transaction) holds at most. 512 since the index rows stopped costing a
 * segment a document (docs/import.md round 9): a batch's index rows are one FTS5 segment, so a
 * larger batch means fewer segments to merge as well as fewer page writes. 100k `vanthu import`
 * into an empty archive, 2 alternated rounds: 256 files over 250 ms with 128 queued per worker
 * 84.9 / 81.7 s wall (CPU 158.1 / 153.9 s, writer 48.5 / 51.4 s), 512 over 500 ms with 256 queued
 * 78.6 / 77.0 s (153.0 / 148.9 s, writer 45.3 / 45.2 s), peak RSS 391–399 MiB either way.
 * Fewer when the writer is slower than that (batchLimit).
 */
const BATCH = 512;
/**
 * About how long one batch may hold the event loop: in the app it is the main process's, which
 * also moves the window and answers the page. Here the writer takes ~0.5 ms a document at 100k,
 * so a batch is 512 files and ~0.25 s (what 256 files took before round 9); a clerk's slower PC,
 * or a slower disk, gets smaller batches rather than longer pauses.
 */
const BATCH_HOLD_MS = 300;
/** The first batch, before the writer's pace is known (cold code, the page cache still empty). */
const FIRST_BATCH = 128;
const SMALLEST_BATCH = 32;

/** How many files the next batch may hold, given the writer's recent pace (ms a file), if known. */
export function batchLimit(msPerFile: number | null): number {
  if (msPerFile === null || !(msPerFile > 0)) return FIRST_BATCH;
  return Math.max(SMALLEST_BATCH, Math.min(BATCH, Math.floor(BATCH_HOLD_MS / msPerFile)));
}
/**
 * How long a batch may gather files, from the start of the previous one. Every commit writes each
 * page it changed, and at 100k documents most of an import's random-key index inserts land on a
 * page of their own, so small commits cost page writes: 5,000 files into the 100k archive took 12.6
 * WAL frames a document in batches of 86 (what 50 ms gathered), 9.5 in batches of 256. 100k
 * `vanthu import` into an empty archive, idle machine, 2 rounds: 98.5 / 105.7 s (CPU 177 / 189 s)
 * with 50 ms, 92.3 / 93.4 s (172 / 175 s) with 250 ms; batches of up to 512 over 500 ms gave the
 * same (91.7 / 92.2 s) for ~25 MB more peak RSS while each document still cost a segment, and
 * 6–7 % less wall time since it does not (BATCH). At 512 files a batch, 500 ms still gathers a
 * full one at ~1,000 files a second, and progress moves twice a second.
 */
const FLUSH_MS = 500;
/**
 * Files queued in one worker: enough to keep it busy while the main thread writes a batch (a
 * worker only gets more when the main thread's event loop is free). With 4, workers sat idle
 * 45 % of a 6,000-file import on a loaded machine; 32 was better, but a worker still ran dry during
 * a batch (~1 ms per file against 50 ms and more per batch): `vanthu import` of 10k files on an
 * idle machine took 14.0 / 14.3 s with 32, 13.0 / 13.7 s with 64, 12.4 / 12.5 s with 128 and
 * 15.7 / 15.8 s with 256 (more prepared files waiting, more collection; peak RSS 340 → 365 → 386 MiB),
 * in batches of 256. 256 since batches hold 512 files (round 9): a worker, sharing a core with the
 * other while the writer has the second, prepares ~128 files in the ~0.25 s a batch takes.
 */
const IN_FLIGHT = 256;
/** Prepared files waiting for the writer, at most (bounds memory when writing is the slow part). */
const MAX_AHEAD = 4 * BATCH;
export const WORKER_BUNDLE = 'import-worker.js';

/** Why a file was refused when the thread reading it died (the others go to a new thread). */
const WORKER_STOPPED = 'bộ đọc tệp dừng bất thường khi đọc tệp này; các tệp khác vẫn được nhập';
const WORKER_OUT_OF_MEMORY = 'tệp cần quá nhiều bộ nhớ để đọc; các tệp khác vẫn được nhập';
/**
 * How much V8 lets a heap grow past its live size before a full collection, in percent, while a
 * bulk import runs. Every prepared file reaches the main thread as ~40 KB of strings and objects
 * that wait in `ready` long enough to be promoted, so they die in the old generation; with V8's
 * default factor (up to 4× the live size under a high allocation rate) the main heap swung between
 * ~60 and 250 MB at 100k files and the process's RSS followed its top. Process-wide, so the
 * workers started afterwards get it too.
 */
const HEAP_GROWING_PERCENT = 50;

let workerOverride: string | null = null;

/** A bundle that is its own worker script (the bench) says so here; it calls runImportWorkerIfAny() first. */
export function setImportWorkerFile(file: string | null): void {
  workerOverride = file;
}

/**
 * The worker script: dist/core/import-worker.js beside the running bundle (dist/cli/index.js,
 * dist/main/index.js). Null when running from TypeScript sources (Jest): imports stay in-process.
 */
export function importWorkerFile(): string | null {
  if (workerOverride) return workerOverride;
  for (const candidate of [path.join(__dirname, WORKER_BUNDLE), path.join(__dirname, '..', 'core', WORKER_BUNDLE)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export interface PoolOptions {
  workerFile: string;
  workers?: number | undefined;
  timeoutMs: number;
  now?: (() => Date) | undefined;
  /** Writes a batch of answers in input order (pipeline.ts storeBatch). */
  storeBatch: (db: Database, answers: readonly PrepareAnswer[], importedAt: string) => ImportFileResult[];
  /** Called in input order, after the file's batch is committed. */
  onStored: (label: string, result: ImportFileResult) => void;
  /** Called after each batch with its number of files (tests). */
  onBatch?: ((files: number) => void) | undefined;
}

interface Slot {
  worker: Worker;
  queue: number[];
  timer: NodeJS.Timeout | null;
  /** The clock starts once the worker has loaded its script (slow on a busy machine), not before. */
  online: boolean;
}

export async function importWithPool(
  db: Database,
  sources: readonly ImportSource[],
  options: PoolOptions,
): Promise<{ writeMs: number }> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const total = sources.length;
  const count = Math.max(1, Math.min(options.workers ?? os.cpus().length, total));
  const ready = new Map<number, PrepareAnswer>();
  let nextToSend = 0;
  let nextToWrite = 0;
  let writeMs = 0;
  const importedAt = (options.now?.() ?? new Date()).toISOString();
  const slots: Slot[] = [];
  // The writer's pace: ms and files of the last batches, each batch counting half the next.
  let paceMs = 0;
  let paceFiles = 0;
  let limit = batchLimit(null);

  await new Promise<void>((resolve, reject) => {
    let finished = false;
    let flushTimer: NodeJS.Timeout | null = null;
    let lastFlush = performance.now();

    const fail = (error: unknown): void => {
      if (finished) return;
      finished = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };

    const armHead = (slot: Slot): void => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer =
        slot.queue.length > 0 && slot.online ? setTimeout(() => giveUp(slot, 'timeout'), options.timeoutMs) : null;
    };

    const send = (slot: Slot): void => {
      while (!finished && slot.queue.length < IN_FLIGHT && nextToSend < total && nextToSend - nextToWrite < MAX_AHEAD) {
        const seq = nextToSend++;
        slot.queue.push(seq);
        slot.worker.postMessage({ seq, source: sources[seq] });
        if (slot.queue.length === 1 && slot.online) armHead(slot);
      }
    };

    /** The file at the head of the slot's queue is refused; the worker is replaced and gets the rest. */
    const giveUp = (slot: Slot, why: 'timeout' | 'crash', detail?: string): void => {
      if (finished) return;
      const head = slot.queue.shift();
      if (head !== undefined) {
        const label = sourceLabel(sources[head]!);
        ready.set(
          head,
          why === 'timeout'
            ? {
                ok: false,
                label,
                reasonCode: 'timeout',
                detail: `quá ${Math.round(options.timeoutMs / 1000)} giây, đã dừng`,
              }
            : { ok: false, label, reasonCode: 'unreadable', detail: detail ?? WORKER_STOPPED },
        );
      }
      const old = slot.worker;
      const rest = slot.queue;
      slot.queue = [];
      slot.online = false;
      void old.terminate();
      try {
        slot.worker = spawn(slot);
      } catch (error) {
        // Thrown inside a worker's event handler it would end the app's main process.
        fail(error);
        return;
      }
      for (const seq of rest) {
        slot.queue.push(seq);
        slot.worker.postMessage({ seq, source: sources[seq] });
      }
      armHead(slot);
      send(slot);
      scheduleFlush();
    };

    const spawn = (slot: Slot): Worker => {
      // env: this module's view of it (under Jest a sandbox copy), not the process's at startup.
      const w = new Worker(options.workerFile, { workerData: { [WORKER_FLAG]: true }, env: { ...process.env } });
      w.on('message', ({ seq, answer }: WorkerReply) => {
        if (slot.worker !== w) return;
        if (slot.queue[0] === seq) slot.queue.shift();
        else slot.queue = slot.queue.filter((s) => s !== seq);
        ready.set(seq, answer);
        armHead(slot);
        send(slot);
        scheduleFlush();
      });
      w.once('online', () => {
        if (slot.worker !== w) return;
        slot.online = true;
        armHead(slot);
      });
      // Node's and the readers' own words ("Worker terminated due to reaching memory limit", an
      // exit code) tell a clerk nothing: the reason says what happened, in Vietnamese.
      w.on('error', (error) => {
        if (slot.worker !== w) return;
        const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        giveUp(slot, 'crash', outOfMemory ? WORKER_OUT_OF_MEMORY : WORKER_STOPPED);
      });
      w.on('exit', () => {
        if (slot.worker === w && !finished) giveUp(slot, 'crash', WORKER_STOPPED);
      });
      return w;
    };

    /**
     * Writes one batch, then hands the workers more files before the next one: a flush that wrote
     * every ready batch in a row kept the event loop, so the workers' answers waited unread and a
     * worker whose queue ran dry sat idle until the writing ended.
     */
    const flush = (): void => {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      if (finished || !ready.has(nextToWrite)) return;
      const started = performance.now();
      // From the start of the batch: when writing is the slow part, the next batch follows at once.
      lastFlush = started;
      const answers: PrepareAnswer[] = [];
      while (answers.length < limit && ready.has(nextToWrite + answers.length)) {
        answers.push(ready.get(nextToWrite + answers.length)!);
      }
      const results = options.storeBatch(db, answers, importedAt);
      const took = performance.now() - started;
      writeMs += took;
      // Weighted by files: a batch of a few files (the next in order was not ready) is mostly the
      // commit's fixed cost, and would otherwise read as a slow writer.
      paceMs = paceMs / 2 + took;
      paceFiles = paceFiles / 2 + answers.length;
      limit = batchLimit(paceMs / paceFiles);
      options.onBatch?.(answers.length);
      for (let i = 0; i < answers.length; i++) {
        ready.delete(nextToWrite);
        nextToWrite++;
        options.onStored(answers[i]!.label, results[i]!);
      }
      if (nextToWrite === total) {
        finished = true;
        resolve();
        return;
      }
      for (const slot of slots) send(slot);
      // Answers that arrived meanwhile are delivered first, then this decides on the next batch.
      if (ready.has(nextToWrite)) setImmediate(scheduleFlush);
    };

    /**
     * Answers ready from the next one to write on, without a gap, counted up to `upTo`. Not
     * ready.size: one worker's answers can wait behind a file the other has not finished, and
     * counting them made every turn of the loop write the one or two files ready in order, a
     * commit each (seen at 100k: stretches of hundreds of 1–3-file batches).
     */
    const readyInOrder = (upTo: number): number => {
      let n = 0;
      while (n < upTo && ready.has(nextToWrite + n)) n++;
      return n;
    };

    const scheduleFlush = (): void => {
      if (finished || !ready.has(nextToWrite)) return;
      // Let a batch accumulate, unless it is full, time is up, or nothing else is coming.
      const waiting = nextToSend === total && slots.every((s) => s.queue.length === 0);
      const since = performance.now() - lastFlush;
      if (readyInOrder(limit) >= limit || waiting || since >= FLUSH_MS) flush();
      else flushTimer ??= setTimeout(flush, FLUSH_MS - since);
    };

    if (total === 0) {
      finished = true;
      resolve();
      return;
    }
    try {
      for (let i = 0; i < count; i++) {
        const slot: Slot = { worker: null as unknown as Worker, queue: [], timer: null, online: false };
        slot.worker = spawn(slot);
        slots.push(slot);
      }
    } catch (error) {
      fail(error);
      return;
    }
    for (const slot of slots) send(slot);
  }).finally(async () => {
    for (const slot of slots) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  });
  return { writeMs };
}
