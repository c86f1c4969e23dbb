/**
 * The import worker: prepares files (prepare.ts) one at a time, in the order sent. The main thread
 * bounds each file's time and terminates a worker that overruns (pool.ts). The same code runs from
 * the dedicated bundle dist/core/import-worker.js (worker-entry.ts) or from a bundle that is also
 * the caller (the bench), which calls runImportWorkerIfAny() first.
 */
import os from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { closePdfWorker } from '../readers';
import { forTheWriter, prepareFile, unexpectedFailure, type PrepareAnswer } from './prepare';
import type { ImportSource } from './sources';

export const WORKER_FLAG = 'vanthuImportWorker';

export interface WorkerRequest {
  seq: number;
  source: ImportSource;
}
export interface WorkerReply {
  seq: number;
  answer: PrepareAnswer;
}

/** Call at the top of an entry file that is also the worker script. Returns true in a worker. */
export function runImportWorkerIfAny(): boolean {
  if (isMainThread || !(workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) return false;
  const port = parentPort!;
  yieldToTheWriter();
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (msg: WorkerRequest | null) => {
    if (msg === null) {
      chain = chain.then(async () => {
        await closePdfWorker();
        process.exit(0);
      });
      return;
    }
    // One file at a time, in order: the main thread times the file at the head of the queue.
    chain = chain.then(async () => {
      // A file whose preparation throws (a bug) is refused in Vietnamese and the queue goes on: a
      // rejected chain would kill the thread and skip every file queued behind it.
      const answer = forTheWriter(await prepareFile(msg.source).catch(() => unexpectedFailure(msg.source)));
      const transfer: ArrayBuffer[] = [];
      if (answer.ok) {
        for (const bytes of [answer.stored, answer.storedParse.packed, answer.textPacked]) {
          const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
          if (own && bytes.buffer instanceof ArrayBuffer && !transfer.includes(bytes.buffer))
            transfer.push(bytes.buffer);
        }
      }
      port.postMessage({ seq: msg.seq, answer } satisfies WorkerReply, transfer);
    });
  });
  return true;
}

/**
 * Workers run below the main thread's priority. On a 2-core machine the writer and two workers are
 * three threads on two cores: scheduled alike, the writer (the critical path of a large import)
 * got two thirds of a core while the workers ran ahead, and once the prepared files filled the
 * queue the workers waited and a core sat idle. Below it, they take what the writer leaves.
 * Linux only: there the nice value belongs to the calling thread; on Windows and macOS the same
 * call sets the whole process's priority, the writer's and the app's included.
 */
function yieldToTheWriter(): void {
  if (process.platform !== 'linux') return;
  try {
    // Relative: a thread starts at its creator's nice value, which may already be raised.
    os.setPriority(0, Math.min(19, os.getPriority(0) + 10));
  } catch {
    // Not allowed here (a container may forbid it): the workers keep the writer's priority.
  }
}
