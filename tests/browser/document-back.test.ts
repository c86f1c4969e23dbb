/**
 * «Quay lại» on the document page, through `vanthu serve` in headless Chromium. It steps back in
 * the browser's history when the list opened the document; after the clerk went to the graph and
 * came back with its «Về văn bản» link, that step led to the graph instead of the list.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const GRAPH = path.join(ROOT, 'tests', 'fixtures', 'graph');

describeBrowser('«Quay lại» on the document page', () => {
  let session: ServedArchive;
  let served: Served;
  let page: Page;
  let docId: number;

  beforeAll(async () => {
    session = await serveArchive('vanthu-doc-back-', async (archive) => {
      const report = await archive.importPaths([
        path.join(GRAPH, '1-tw-15-cd.txt'),
        path.join(GRAPH, '2-tinh-571-cv-tu.txt'),
      ]);
      docId = report.files[1]!.id!;
    });
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

  const hash = () => page.evaluate(() => window.location.hash);

  test('goes back to the list the document was opened from', async () => {
    await page.goto(served.url);
    await page.locator(`[data-testid="doc-row"][data-id="${docId}"]`).click();
    await page.getByTestId('doc-title').waitFor();
    await page.getByTestId('back').click();
    await page.locator(`[data-testid="doc-row"][data-id="${docId}"]`).waitFor();
    expect(await hash()).toMatch(/^(#\/?)?$/);
  });

  test('goes to the list, not to the graph, after the graph’s «Về văn bản»', async () => {
    await page.goto(served.url);
    await page.locator(`[data-testid="doc-row"][data-id="${docId}"]`).click();
    await page.getByTestId('graph-open').click();
    await page.getByTestId('graph-page').waitFor();
    await page.getByRole('link', { name: 'Về văn bản' }).click();
    await page.getByTestId('doc-title').waitFor();

    await page.getByTestId('back').click();
    await page.locator(`[data-testid="doc-row"][data-id="${docId}"]`).waitFor();
    expect(await hash()).toMatch(/^(#\/?)?$/);
  });
});
