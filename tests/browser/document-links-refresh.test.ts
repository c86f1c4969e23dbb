/**
 * The «Liên kết văn bản» panel of the document page after the clerk changes its citations, through
 * `vanthu serve` in headless Chromium. The panel asked once when the page opened: a citation added
 * (or removed, or found by «Phân tích lại») showed in its links only after a reload. A clerk's
 * citation that is not in the text also quoted the document's first line as its sentence.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const GRAPH = path.join(ROOT, 'tests', 'fixtures', 'graph');

describeBrowser('the links panel after a citation is added', () => {
  let session: ServedArchive;
  let served: Served;
  let page: Page;
  let cableId: number;
  let letterId: number;

  beforeAll(async () => {
    session = await serveArchive('vanthu-links-refresh-', async (archive) => {
      const report = await archive.importPaths([
        path.join(GRAPH, '1-tw-15-cd.txt'),
        path.join(GRAPH, '2-tinh-571-cv-tu.txt'),
      ]);
      [cableId, letterId] = report.files.map((f) => f.id!) as [number, number];
    });
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

  test('shows the new link at once, without a sentence the text does not have', async () => {
    await page.goto(`${served.url}#/doc/${letterId}`);
    const up = page.getByTestId('graph-up');
    await up.waitFor();
    expect(await up.locator(`[data-node-id="${cableId}"]`).count()).toBe(0);

    await page.getByRole('button', { name: 'Thêm trích dẫn' }).click();
    await page.keyboard.type('Công điện số 15-CĐ/TW của Ban Bí thư');
    await page.getByLabel('Số/ký hiệu', { exact: true }).last().fill('15-CĐ/TW');
    await page.keyboard.press('Enter');

    const link = up.locator('[data-testid="graph-link"]').filter({ has: page.locator(`[data-node-id="${cableId}"]`) });
    await link.waitFor();
    expect(await link.locator('.graph-sentence').count()).toBe(0);
  });
});
