import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { ERROR_CODES, type Result } from '../../../shared/api/errors';
import type { ImportProgress } from '../../../shared/model/archive';
import { ROOT, SAMPLES_DIR, tempDir } from '../../helpers/tmp';

async function waitForJob(dispatch: ReturnType<typeof createDispatcher>, jobId: string): Promise<ImportProgress> {
  for (let i = 0; i < 400; i++) {
    const result = (await dispatch('getImportJob', { jobId })) as Result<ImportProgress>;
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.state === 'done') return result.value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import job did not finish');
}

describe('the handler table behind every host', () => {
  let archive: Archive;
  let cleanup: () => void;
  let dispatch: ReturnType<typeof createDispatcher>;

  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    archive = Archive.open(tmp.dir);
    dispatch = createDispatcher(archive, { host: 'browser' });
  });
  afterEach(() => {
    archive.close();
    cleanup();
  });

  test('uploads import as a job whose progress and per-file results can be polled', async () => {
    const files = readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((name) => ({ name, dataBase64: readFileSync(path.join(SAMPLES_DIR, name)).toString('base64') }));
    const started = (await dispatch('importUploads', { files })) as Result<{ jobId: string }>;
    expect(started.ok).toBe(true);
    const job = await waitForJob(dispatch, (started as { ok: true; value: { jobId: string } }).value.jobId);
    expect(job).toMatchObject({ state: 'done', done: 5, total: 5, imported: 5, duplicates: 0, failed: 0 });
    const list = await dispatch('listDocuments', {});
    expect(list).toMatchObject({ ok: true, value: { total: 5 } });
  });

  // Regression: every poll sent every result so far, so a 100,000-file import in the app sent and
  // copied ~n²/2 rows over its course.
  test('a poll sends only the results after the ones the page already has', async () => {
    const files = readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((name) => ({ name, dataBase64: readFileSync(path.join(SAMPLES_DIR, name)).toString('base64') }));
    const started = (await dispatch('importUploads', { files })) as Result<{ jobId: string }>;
    const jobId = (started as { ok: true; value: { jobId: string } }).value.jobId;
    const all = await waitForJob(dispatch, jobId);
    expect(all.results.map((r) => r.path)).toEqual(files.map((f) => f.name));
    const poll = async (input: object) =>
      (await dispatch('getImportJob', { jobId, ...input })) as Result<ImportProgress>;
    expect(await poll({ since: 3 })).toMatchObject({
      ok: true,
      value: { resultsFrom: 3, results: all.results.slice(3), imported: 5 },
    });
    expect(await poll({ since: 5 })).toMatchObject({ ok: true, value: { resultsFrom: 5, results: [], done: 5 } });
    // Past the end: nothing, from the end (a page that lost count re-reads from 0).
    expect(await poll({ since: 99 })).toMatchObject({ ok: true, value: { resultsFrom: 5, results: [] } });
    expect(await poll({ since: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test.each([
    ['an unknown method', 'dropTables', {}, 'UNKNOWN_METHOD'],
    ['a wrong input type', 'getDocument', { id: 'một' }, 'INVALID_INPUT'],
    ['an extra field', 'listDocuments', { sort: 'date_desc', sql: 'DROP TABLE documents' }, 'INVALID_INPUT'],
    ['a missing document', 'getDocument', { id: 424242 }, 'NOT_FOUND'],
    ['a desktop-only operation in the browser host', 'chooseAndImport', { mode: 'files' }, 'NOT_AVAILABLE_IN_HOST'],
    ['an unknown job', 'getImportJob', { jobId: 'khong-co' }, 'JOB_NOT_FOUND'],
  ])('%s comes back as data with a closed error code', async (_label, method, input, code) => {
    const result = await dispatch(method, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(ERROR_CODES).toContain(result.error.code);
      expect(result.error.message).toMatch(/[ạ-ỹà-ýđ]/i);
    }
  });

  test('upload names cannot act as paths', async () => {
    const started = (await dispatch('importUploads', {
      files: [{ name: '../../etc/CON.txt', dataBase64: Buffer.from('Chỉ thị về công tác dân vận').toString('base64') }],
    })) as { ok: true; value: { jobId: string } };
    const job = await waitForJob(dispatch, started.value.jobId);
    // The folders stay (tests/browser/upload-names.test.ts); the climb out does not.
    expect(job.results[0]?.path).toBe('etc/CON.txt');
  });

  // Regression: nothing gave the original back, so a scan's page asked the clerk to type its
  // metadata from a file the app kept but never showed.
  test('getOriginal gives back the bytes as imported, text rebuilt from storage or not', async () => {
    const files = [
      path.join(
        SAMPLES_DIR,
        readdirSync(SAMPLES_DIR).find((f) => f.endsWith('.txt'))!,
      ),
      path.join(ROOT, 'tests', 'fixtures', 'formats', 'sample.docx'),
      path.join(ROOT, 'tests', 'fixtures', 'formats', 'scanned.pdf'),
    ];
    const report = await archive.importPaths(files);
    for (const [i, file] of files.entries()) {
      const result = (await dispatch('getOriginal', { id: report.files[i]!.id! })) as Result<{
        fileName: string;
        size: number;
        base64: string;
      }>;
      if (!result.ok) throw new Error(result.error.message);
      const bytes = readFileSync(file);
      expect(result.value).toMatchObject({ fileName: path.basename(file), size: bytes.byteLength });
      expect(Buffer.from(result.value.base64, 'base64').equals(bytes)).toBe(true);
    }
    expect(await dispatch('getOriginal', { id: 99999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('every contract method has a handler', async () => {
    for (const method of METHOD_NAMES) {
      const result = await dispatch(method, {});
      if (!result.ok) expect(result.error.code).not.toBe('UNKNOWN_METHOD');
    }
  });
});
