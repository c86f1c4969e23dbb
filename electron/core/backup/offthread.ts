/**
 * The long safety jobs — a backup's copy, verifying a backup, checking the archive — run in a worker
 * thread with connections of their own: at 100,000 documents their VACUUM, digests and
 * integrity_check each hold a thread for seconds, and in the desktop app that thread was the main
 * process, which then left the window unanswered. The worker script is dist/core/safety-worker.js
 * beside the running bundle; from TypeScript sources (Jest) the same code runs in-process, as the
 * import's does (import/pool.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { VanthuError, type ErrorCode } from '../../../shared/api/errors';
import type { SafetyProgress } from '../../../shared/model/safety';
import { nativeBindingInUse, openDatabase } from '../db/open';
import { verifyBackup, writeVerifiedCopy, type CopyHeader, type OnSafetyProgress } from './backup';
import { checkArchive } from './check';

export const SAFETY_WORKER_BUNDLE = 'safety-worker.js';

export type SafetyJob =
  | { kind: 'backupCopy'; source: string; tmp: string; header: CopyHeader }
  | { kind: 'verify'; file: string }
  | { kind: 'check'; source: string; now: string };

export interface SafetyWorkerData {
  job: SafetyJob;
  nativeBinding: string | undefined;
}

export type SafetyWorkerMessage =
  { progress: SafetyProgress } | { result: unknown } | { error: { code: ErrorCode; detail: string | undefined } };

let workerOverride: string | null | undefined;

/** Tests: run the jobs through this worker script (the built bundle), or in-process with null. */
export function setSafetyWorkerFile(file: string | null | undefined): void {
  workerOverride = file;
}

export function safetyWorkerFile(): string | null {
  if (workerOverride !== undefined) return workerOverride;
  for (const candidate of [
    path.join(__dirname, SAFETY_WORKER_BUNDLE),
    path.join(__dirname, '..', 'core', SAFETY_WORKER_BUNDLE),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** A job in this thread: the worker's body, and the whole job where there is no worker script. */
export async function runSafetyJobHere(job: SafetyJob, onProgress?: OnSafetyProgress): Promise<unknown> {
  switch (job.kind) {
    case 'backupCopy':
      return writeVerifiedCopy(job.source, job.tmp, job.header, onProgress);
    case 'verify':
      return verifyBackup(job.file, onProgress);
    case 'check': {
      // Read-only, beside the app's own connection: PRAGMA integrity_check asks FTS5 too (SQLite
      // 3.44+), the same check as FTS5's 'integrity-check' command (safety-store.ts searchIndexGaps).
      const db = openDatabase(job.source, { readOnly: true });
      try {
        return checkArchive(db, new Date(job.now), onProgress);
      } finally {
        db.close();
      }
    }
  }
}

export function runSafetyJob<T>(job: SafetyJob, onProgress?: OnSafetyProgress): Promise<T> {
  const file = safetyWorkerFile();
  if (!file) return runSafetyJobHere(job, onProgress) as Promise<T>;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(file, {
      workerData: { job, nativeBinding: nativeBindingInUse() } satisfies SafetyWorkerData,
    });
    worker.on('message', (message: SafetyWorkerMessage) => {
      if ('progress' in message) onProgress?.(message.progress);
      else if ('result' in message) {
        settled = true;
        resolve(message.result as T);
      } else {
        settled = true;
        reject(new VanthuError(message.error.code, message.error.detail));
      }
    });
    worker.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(new VanthuError('INTERNAL', error.message));
    });
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new VanthuError('INTERNAL', `tiến trình phụ dừng giữa chừng (mã ${code})`));
    });
  });
}
