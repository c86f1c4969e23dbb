/**
 * The import worker: prepares files (prepare.ts) one at a time, in the order sent. The main thread
 * bounds each file's time and terminates a worker that overruns (pool.ts). The same code runs from
 * the dedicated bundle dist/core/import-worker.js (worker-entry.ts) or from a bundle that is also
 * the caller (the bench), which calls runImportWorkerIfAny() first.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { closePdfWorker } from '../readers';
import { forTheWriter, prepareFile, type PrepareAnswer } from './prepare';
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
      const answer = forTheWriter(await prepareFile(msg.source));
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
