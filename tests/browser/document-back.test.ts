/**
 * «Quay lại» on the document page, through `vanthu serve` in headless Chromium. It steps back in
 * the browser's history when the list opened the document; after the clerk went to the graph and
 * came back with its «Về văn bản» link, that step led to the graph instead of the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const GRAPH = path.join(ROOT, 'tests', 'fixtures', 'graph');

describeBrowser('«Quay lại» on the document page', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let docId: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-doc-back-'));
    const archive = Archive.open(path.join(dir, 'kho'));
    const report = await archive.importPaths([
      path.join(GRAPH, '1-tw-15-cd.txt'),
      path.join(GRAPH, '2-tinh-571-cv-tu.txt'),
    ]);
    docId = report.files[1]!.id!;
    archive.close();
    served = await serve(path.join(dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

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
