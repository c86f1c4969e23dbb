/**
 * The pages of a directive that is no longer in the archive (moved to the trash, or a link kept
 * from before), reached from a bookmark or the browser's history (a QA pass on the UI).
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const YEN_THE = path.join(ROOT, 'tests', 'fixtures', 'samples', '003_0fe373fd9470e206.txt');

let session: ServedArchive;
let page: Page;

describeBrowser('pages of a directive no longer in the archive', () => {
  beforeAll(async () => {
    session = await serveArchive('vanthu-gone-pages-', async (archive) => {
      await archive.importPaths([YEN_THE]);
    });
    page = session.page;
  }, 90000);

  afterAll(() => session?.close());

  test('its graph says it is not found and links back to the list (it had no way out)', async () => {
    await page.goto(`${session.served.url}#/graph/99999`);
    await expect(page.getByTestId('error').innerText()).resolves.toMatch(/Không tìm thấy văn bản/);
    await page.getByRole('link', { name: /Về danh sách/ }).click();
    await page.getByTestId('doc-count').waitFor();
    expect(page.url()).toMatch(/#\/$/);
  });

  test('the graph of a cited document not yet in the archive links back to «Văn bản còn thiếu» (it had no way out)', async () => {
    await page.goto(`${session.served.url}#/missing`);
    const placeholder = page.locator('a[href^="#/graph/p"]').first();
    await placeholder.waitFor();
    await placeholder.click();
    await page.getByTestId('graph-page').waitFor();
    await page.getByRole('link', { name: /Về văn bản còn thiếu/ }).click();
    await page.locator('a[href^="#/graph/p"]').first().waitFor();
    expect(page.url()).toMatch(/#\/missing$/);
  });
});
