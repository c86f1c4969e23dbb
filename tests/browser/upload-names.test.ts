/**
 * Regression: a folder chosen in the browser host imported «A/cv.txt» and «B/cv.txt» as two
 * «cv.txt», in the results and in the stored file name, because the host cut every upload name to
 * its last segment; the clerk could not tell which one failed or was the duplicate. The name the
 * page sends is kept, folders and all, but never as a path a disk could act on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { createDispatcher } from '../../electron/core/api/dispatch';
import { MAX_UPLOAD_NAME, safeUploadName } from '../../electron/core/import/sources';
import { startServer, type RunningServer } from '../../electron/server';
import type { ImportProgress, DocumentDetail } from '../../shared/model/archive';
import { CHROMIUM_ARGS, findChromium, serve, type Served } from './chromium';
import { apiRequest } from './http';

const CV = (n: number) =>
  `ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: ${n}/UBND-VP\nAn Lão, ngày 2 tháng 3 năm 2022\nV/v thử tên tệp ${n}\n\nNội dung ${n}.\n`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('safeUploadName', () => {
  test.each([
    ['a folder-relative name', 'A/cv.txt', 'A/cv.txt'],
    ['nested folders', 'Công văn 2022/Quý 1/cv.txt', 'Công văn 2022/Quý 1/cv.txt'],
    ['Windows separators', 'A\\B\\cv.txt', 'A/B/cv.txt'],
    ['climbing out', '../../etc/cv.txt', 'etc/cv.txt'],
    ['climbing in the middle', 'A/../../B/./cv.txt', 'A/B/cv.txt'],
    ['an absolute path', '/etc/passwd.txt', 'etc/passwd.txt'],
    ['a drive', 'C:\\Users\\vt\\cv.txt', 'Users/vt/cv.txt'],
    ['a UNC path', '\\\\may-chu\\chung\\cv.txt', 'may-chu/chung/cv.txt'],
    ['control characters', 'A/c\u0000v\u001b[31m.txt', 'A/cv[31m.txt'],
    ['a bidirectional override', 'A/tên\u202Etxt.exe.docx', 'A/têntxt.exe.docx'],
    ['nothing left', '../..', 'tep-khong-ten'],
  ])('%s', (_label, given, kept) => {
    expect(safeUploadName(given)).toBe(kept);
  });

  test('a long name loses its leading folders first, then its middle, never its extension', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `thu-muc-${i}`).join('/') + '/cv.docx';
    const kept = safeUploadName(deep);
    expect(kept.length).toBeLessThanOrEqual(MAX_UPLOAD_NAME);
    expect(kept.startsWith('…/')).toBe(true);
    expect(kept.endsWith('/thu-muc-39/cv.docx')).toBe(true);
    const long = safeUploadName('A/' + 'x'.repeat(400) + '.pdf');
    expect(long.length).toBe(MAX_UPLOAD_NAME);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('folder uploads through the browser host keep their folders', () => {
  let root: string;
  let archive: Archive;
  let server: RunningServer;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'vanthu-upload-names-'));
    const staticDir = path.join(root, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Vanthu</title>');
    archive = Archive.open(path.join(root, 'kho'));
    const dispatch = createDispatcher(archive, { host: 'browser' });
    server = await startServer({ dispatch, port: 0, staticDir });
  });

  afterAll(async () => {
    await server?.close();
    archive?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await apiRequest(server.port, method, input, { 'X-Vanthu-Token': server.token });
    const body = JSON.parse(res.body) as { ok: boolean; value: T };
    expect(body.ok).toBe(true);
    return body.value;
  };

  test('results and stored file names say which folder each «cv.txt» came from', async () => {
    const { jobId } = await call<{ jobId: string }>('importUploads', {
      files: [
        { name: 'A/cv.txt', dataBase64: b64(CV(1)) },
        { name: 'B/cv.txt', dataBase64: b64(CV(1)) },
        { name: 'C/cv.txt', dataBase64: '' },
        { name: '../../../etc/cv.txt', dataBase64: b64(CV(2)) },
      ],
    });
    let job: ImportProgress | null = null;
    for (let i = 0; i < 400 && job?.state !== 'done'; i++) {
      job = await call<ImportProgress>('getImportJob', { jobId });
      if (job.state !== 'done') await new Promise((r) => setTimeout(r, 25));
    }
    expect(job!.results.map((r) => [r.path, r.status])).toEqual([
      ['A/cv.txt', 'imported'],
      ['B/cv.txt', 'duplicate'],
      ['C/cv.txt', 'failed'],
      ['etc/cv.txt', 'imported'],
    ]);
    const names = await Promise.all(
      job!.results
        .filter((r) => r.status === 'imported')
        .map(async (r) => (await call<DocumentDetail>('getDocument', { id: r.id })).originalName),
    );
    expect(names).toEqual(['A/cv.txt', 'etc/cv.txt']);
  });
});

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

describeBrowser('a folder chosen in the page', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-upload-folder-'));
    const usb = path.join(dir, 'usb');
    mkdirSync(path.join(usb, 'A'), { recursive: true });
    mkdirSync(path.join(usb, 'B'));
    writeFileSync(path.join(usb, 'A', 'cv.txt'), CV(7));
    writeFileSync(path.join(usb, 'B', 'cv.txt'), CV(7));
    served = await serve(path.join(dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows «usb/A/cv.txt» imported and «usb/B/cv.txt» already in the archive', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    await page.goto(served.url);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('import-folder-input').setInputFiles(path.join(dir, 'usb'));
    await page.getByTestId('import-done').waitFor();
    const rows = await page
      .getByTestId('import-result')
      .evaluateAll((els) => els.map((e) => e.querySelector('.result-name')?.textContent ?? ''));
    expect(rows.sort()).toEqual(['usb/A/cv.txt', 'usb/B/cv.txt']);
    await page
      .getByTestId('import-result')
      .filter({ hasText: 'usb/A/cv.txt' })
      .getByRole('button', { name: 'Mở' })
      .click();
    await page.getByTestId('doc-meta').waitFor();
    expect(await page.getByTestId('doc-meta').innerText()).toContain('usb/A/cv.txt');
  }, 60000);
});
