/**
 * «Nhập văn bản» and a drop from the pages that cover the list, through `vanthu serve` in headless
 * Chromium. The shell's route is the list under #/safety, #/history/ID, #/pending, #/missing and
 * #/graph/ID, so the header button opened the import panel under the page that hid it, and a file
 * dropped there (or on #/tasks) was imported with nothing on screen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const GRAPH = path.join(ROOT, 'tests', 'fixtures', 'graph');

describeBrowser('importing from a page that covers the list', () => {
  let session: ServedArchive;
  let served: Served;
  let page: Page;
  let docId: number;

  beforeAll(async () => {
    session = await serveArchive('vanthu-import-any-page-', async (archive) => {
      docId = (await archive.importPaths([path.join(GRAPH, '2-tinh-571-cv-tu.txt')])).files[0]!.id!;
    });
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

  test.each(['#/safety', '#/history/ID', '#/pending', '#/missing', '#/graph/ID', '#/tasks'])(
    '«Nhập văn bản» on %s shows the import panel',
    async (hash) => {
      await page.goto(`${served.url}${hash.replace('ID', String(docId))}`);
      await page.getByTestId('import-toggle').click();
      await page.locator('.import-controls').first().waitFor({ state: 'visible' });
      expect(await page.evaluate(() => window.location.hash)).toBe('#/');
    },
  );

  test('a file dropped on the safety page is imported where the clerk sees it', async () => {
    await page.goto(`${served.url}#/safety`);
    await page.getByTestId('safety-page').waitFor();
    const text = readFileSync(path.join(GRAPH, '3-huyen-128-kh-hu.txt'), 'utf8');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], '3-huyen-128-kh-hu.txt', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.getByTestId('import-done').waitFor({ state: 'visible' });
    expect(await page.getByTestId('count-imported').innerText()).toBe('1');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/');
  });
});
