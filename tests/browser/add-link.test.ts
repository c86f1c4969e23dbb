/**
 * «Thêm liên kết» on the document page: a clerk could link two documents only by typing a citation
 * with its number/symbol into the review page (a citation the text does not make, as a Kế hoạch that
 * also carries out a Công điện it does not name). The panel now finds the document by searching the
 * archive, adds the link as the clerk's decision, and takes it back.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const GRAPH = path.join(ROOT, 'tests', 'fixtures', 'graph');

describeBrowser('adding a link the text does not make', () => {
  let session: ServedArchive;
  let served: Served;
  let page: Page;
  let cableId: number;
  let yenTheId: number;

  beforeAll(async () => {
    session = await serveArchive('vanthu-add-link-', async (archive) => {
      const report = await archive.importPaths([
        path.join(GRAPH, '1-tw-15-cd.txt'),
        path.join(GRAPH, '3-huyen-128-kh-hu.txt'),
      ]);
      [cableId, yenTheId] = report.files.map((f) => f.id!) as [number, number];
    });
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

  test('a document found by searching is linked, shown as the clerk’s, on both pages, and can be taken back', async () => {
    await page.goto(`${served.url}#/doc/${yenTheId}`);
    const up = page.getByTestId('graph-up');
    await up.waitFor();
    const toCable = up
      .locator('[data-testid="graph-link"]')
      .filter({ has: page.locator(`[data-node-id="${cableId}"]`) });
    expect(await toCable.count()).toBe(0);

    await page.getByTestId('add-link').click();
    await page.getByTestId('add-link-query').fill('15-CĐ/TW');
    const choice = page.getByRole('radio', { name: /15-CĐ\/TW/ });
    await choice.check();
    // The document itself is never offered.
    await page.getByTestId('add-link-query').fill('128-KH/HU');
    await page.getByText('Không tìm thấy văn bản nào khác.').waitFor();
    await page.getByTestId('add-link-query').fill('15-CĐ/TW');
    await choice.check();
    await page.getByRole('button', { name: 'Thêm liên kết', exact: true }).click();

    await toCable.waitFor();
    expect(await toCable.getAttribute('data-status')).toBe('manual');
    expect(await toCable.innerText()).toContain('văn thư thêm');

    await page.goto(`${served.url}#/doc/${cableId}`);
    const down = page.getByTestId('graph-down');
    await down.locator(`[data-node-id="${yenTheId}"]`).waitFor();

    await page.goto(`${served.url}#/doc/${yenTheId}`);
    await toCable.waitFor();
    await page.getByRole('button', { name: /^Bỏ liên kết tới .*15-CĐ\/TW/ }).click();
    await toCable.waitFor({ state: 'detached' });
  });
});
