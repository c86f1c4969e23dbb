/** Import jobs the app polls (electron/core/import/jobs.ts). */
import { ImportJobs } from '../../../electron/core/import/jobs';

describe('import jobs', () => {
  // QA: a job that stopped put the error's own text («Worker exited…», SQLite's English) in its row.
  test.each([
    ['a worker that could not start', new Error('Worker exited before it started')],
    ['a full disk', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })],
  ])('an import stopped by %s ends with a Vietnamese row, not the error text', async (_what, error) => {
    const jobs = new ImportJobs();
    const id = jobs.start(() => Promise.reject(error));
    await new Promise((resolve) => setImmediate(resolve));
    const job = jobs.get(id)!;
    expect(job).toMatchObject({ state: 'done', failed: 1 });
    const reason = job.results[0]!.reason!;
    expect(reason).toMatch(/^Việc nhập đã dừng giữa chừng: .+ hãy nhập lại để tiếp tục/);
    expect(reason).not.toMatch(/Worker|database|disk is full|SQLITE/);
  });
});
