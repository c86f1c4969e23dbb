import { randomUUID } from 'node:crypto';
import { ERROR_MESSAGES } from '../../../shared/api/errors';
import type { ImportFileResult, ImportProgress } from '../../../shared/model/archive';
import { toVanthuError } from '../db/open';

// Finished jobs are kept so a page that polls late still sees its results; old ones are dropped.
const KEEP_FINISHED_JOBS = 20;

/** Import jobs the UI polls with getImportJob; the same shape serves IPC and HTTP. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportProgress>();

  start(run: (progress: ImportProgress) => Promise<void>): string {
    const jobId = randomUUID();
    const progress: ImportProgress = {
      jobId,
      state: 'running',
      done: 0,
      total: 0,
      current: null,
      imported: 0,
      duplicates: 0,
      failed: 0,
      results: [],
      resultsFrom: 0,
    };
    this.jobs.set(jobId, progress);
    void run(progress)
      .catch((error: unknown) => {
        progress.results.push({
          path: progress.current ?? '',
          status: 'failed',
          id: null,
          reasonCode: 'storage',
          // Not the error's own message (English, or a code): what stopped, and what to do.
          reason: `Việc nhập đã dừng giữa chừng: ${ERROR_MESSAGES[toVanthuError(error).code]} Các tệp đã nhập vẫn ở trong kho; hãy nhập lại để tiếp tục (tệp đã có sẽ được bỏ qua).`,
        });
        progress.failed++;
      })
      .finally(() => {
        progress.state = 'done';
        progress.current = null;
        this.prune();
      });
    return jobId;
  }

  /** The job's progress with its results from index `since` on (all of them by default). */
  get(jobId: string, since = 0): ImportProgress | null {
    const job = this.jobs.get(jobId);
    if (!job) return null;
    const from = Math.min(since, job.results.length);
    return { ...job, results: job.results.slice(from), resultsFrom: from };
  }

  static record(progress: ImportProgress, result: ImportFileResult): void {
    progress.results.push(result);
    if (result.status === 'imported') progress.imported++;
    else if (result.status === 'duplicate') progress.duplicates++;
    else progress.failed++;
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'done');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS))) this.jobs.delete(job.jobId);
  }
}
