/**
 * The original file on the document page, through `vanthu serve` in headless Chromium. The page
 * said a scan's original was «lưu nguyên vẹn trong kho» and asked the clerk to type its number and
 * date from it, but nothing in the app gave the original back: «Lưu bản gốc» now saves it, byte
 * for byte as imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const FORMATS = path.join(ROOT, 'tests', 'fixtures', 'formats');
const SCANNED = path.join(FORMATS, 'scanned.pdf');
const DOCX = path.join(FORMATS, 'sample.docx');

describeBrowser('saving a document’s original file', () => {
  let session: ServedArchive;
  let served: Served;
  let page: Page;
  let scanId: number;
  let docxId: number;

  beforeAll(async () => {
    session = await serveArchive(
      'vanthu-original-',
      async (archive) => {
        const report = await archive.importPaths([SCANNED, DOCX]);
        [scanId, docxId] = report.files.map((f) => f.id!) as [number, number];
      },
      { acceptDownloads: true },
    );
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

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
