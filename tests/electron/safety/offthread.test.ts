/**
 * Backups, verifying a backup and checking the archive run in the safety worker (dist/core/
 * safety-worker.js) with connections of their own: at 100,000 documents each holds a thread for
 * half a minute, and in the desktop app that was the main process, which left the window
 * unanswered. Here the built worker runs them, while this thread stays free to answer the page's
 * progress polls, and a worker's failure reaches the caller as a Vietnamese error, not a hang.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { createBackup, stageRestore } from '../../../electron/core/backup/backup';
import { setSafetyWorkerFile } from '../../../electron/core/backup/offthread';
import type { SafetyProgress } from '../../../shared/model/safety';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

const WORKER = path.join(__dirname, '../../../dist/core/safety-worker.js');

describe('the safety worker', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: Archive;

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} missing: run npm run build (npm test does)`);
    setSafetyWorkerFile(WORKER);
    ({ dir, cleanup } = tempDir());
    archive = Archive.open(path.join(dir, 'kho'));
    await archive.importPaths([SAMPLES_DIR]);
  });
  afterAll(() => {
    setSafetyWorkerFile(undefined);
    archive.close();
    cleanup();
  });

  test('writes a backup that verifies, in the worker thread, reporting its steps', async () => {
    const seen: SafetyProgress[] = [];
    // The module object itself (an `import * as` would be a copy of it).
    const workerThreads = require('node:worker_threads') as typeof import('node:worker_threads');
    const RealWorker = workerThreads.Worker;
    const spawned = jest
      .spyOn(workerThreads, 'Worker')
      .mockImplementation(((file: string, options: object) => new RealWorker(file, options)) as never);
    try {
      const result = await createBackup(archive.db, path.join(dir, 'a.vanthu-backup'), {
        appVersion: 'test',
        trigger: 'manual',
        onProgress: (p) => seen.push(p),
      });
      expect(result.manifest.documents).toBe(5);
      expect(spawned).toHaveBeenCalledWith(WORKER, expect.anything());
    } finally {
      spawned.mockRestore();
    }
    expect([...new Set(seen.map((p) => p.step))]).toEqual(['copy', 'compact', 'digest', 'integrity']);
    mkdirSync(path.join(dir, 'elsewhere'));
    const report = await stageRestore(path.join(dir, 'elsewhere'), path.join(dir, 'a.vanthu-backup'));
    expect(report).toMatchObject({ ok: true, problems: [] });
  });

  test('the page’s check runs there; the page can ask where it is meanwhile', async () => {
    const dispatch = createDispatcher(archive, { host: 'browser' });
    const check = dispatch('checkArchive', {});
    const during = await dispatch('getSafetyProgress', {});
    const report = await check;
    expect(report).toMatchObject({ ok: true, value: { ok: true, documents: 5 } });
    expect(during.ok).toBe(true);
    expect(await dispatch('getSafetyProgress', {})).toEqual({ ok: true, value: null });
  });

  test('a file that is no backup is refused with the reason, through the worker', async () => {
    const junk = path.join(dir, 'junk.vanthu-backup');
    writeFileSync(junk, 'không phải cơ sở dữ liệu');
    await expect(stageRestore(path.join(dir, 'elsewhere'), junk)).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
      message: expect.stringMatching(/không phải tệp sao lưu Vanthu/),
    });
  });
});
