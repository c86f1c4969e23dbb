/**
 * The original file on the document page, through `vanthu serve` in headless Chromium. The page
 * said a scan's original was «lưu nguyên vẹn trong kho» and asked the clerk to type its number and
 * date from it, but nothing in the app gave the original back: «Lưu bản gốc» now saves it, byte
 * for byte as imported.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const FORMATS = path.join(ROOT, 'tests', 'fixtures', 'formats');
const SCANNED = path.join(FORMATS, 'scanned.pdf');
const DOCX = path.join(FORMATS, 'sample.docx');

describeBrowser('saving a document’s original file', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let scanId: number;
  let docxId: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-original-'));
    const archive = Archive.open(path.join(dir, 'kho'));
    const report = await archive.importPaths([SCANNED, DOCX]);
    [scanId, docxId] = report.files.map((f) => f.id!) as [number, number];
    archive.close();
    served = await serve(path.join(dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN', acceptDownloads: true });
    page.setDefaultTimeout(20000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function saved(testId: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }

  test('a scan’s notice saves the scanned PDF as it was imported', async () => {
    await page.goto(`${served.url}#/doc/${scanId}`);
    await page.getByTestId('scan-notice').waitFor();
    const file = await saved('scan-save-original');
    expect(file.name).toBe('scanned.pdf');
    expect(file.bytes.equals(readFileSync(SCANNED))).toBe(true);
  });

  test('any document saves its original from «Tên tệp gốc»', async () => {
    await page.goto(`${served.url}#/doc/${docxId}`);
    await page.getByTestId('doc-title').waitFor();
    expect((await page.locator('[data-field="originalName"] dd').innerText()).trim()).toBe('sample.docx');
    const file = await saved('save-original');
    expect(file.name).toBe('sample.docx');
    expect(file.bytes.equals(readFileSync(DOCX))).toBe(true);
  });
});
