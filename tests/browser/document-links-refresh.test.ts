/**
 * The «Liên kết văn bản» panel of the document page after the clerk changes its citations, through
 * `vanthu serve` in headless Chromium. The panel asked once when the page opened: a citation added
 * (or removed, or found by «Phân tích lại») showed in its links only after a reload. A clerk's
 * citation that is not in the text also quoted the document's first line as its sentence.
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

describeBrowser('the links panel after a citation is added', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let cableId: number;
  let letterId: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-links-refresh-'));
    const archive = Archive.open(path.join(dir, 'kho'));
    const report = await archive.importPaths([
      path.join(GRAPH, '1-tw-15-cd.txt'),
      path.join(GRAPH, '2-tinh-571-cv-tu.txt'),
    ]);
    [cableId, letterId] = report.files.map((f) => f.id!) as [number, number];
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
