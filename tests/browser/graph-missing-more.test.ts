/**
 * #/missing through `vanthu serve` in headless Chromium with more placeholders than the page asks
 * for: it asked for 1,000 with up to 50 citing documents each (2.4 MB and 1,000 rows drawn at 100k
 * documents). It shows the first MISSING_PAGE, says how many there are, and «Xem thêm» adds the next.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

// 230 directives the archive does not hold, each cited by one report: 230 placeholders.
const CITED = 230;
const report = `ĐẢNG BỘ TỈNH BẮC GIANG
CÔNG AN HUYỆN YÊN THẾ

Số 30-BC/CAH
Yên Thế, ngày 20 tháng 8 năm 2021

BÁO CÁO
Tổng hợp kết quả thực hiện các văn bản của Ban Thường vụ Tỉnh ủy

${Array.from({ length: CITED }, (_, i) => `${i + 1}. Thực hiện Công văn số ${1000 + i}-CV/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy, Công an huyện đã triển khai đầy đủ.`).join('\n\n')}
`;

let dir: { dir: string; cleanup: () => void };
let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describeBrowser('#/missing: a page at a time', () => {
  beforeAll(async () => {
    dir = tempDir('vanthu-missing-more-');
    const input = path.join(dir.dir, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'bc-30.txt'), report);
    const archive = Archive.open(path.join(dir.dir, 'kho'));
    await archive.importPaths([input]);
    archive.close();
    served = await serve(path.join(dir.dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test('regression: the first 200 placeholders, how many in all, and «Xem thêm» for the rest', async () => {
    await page.goto(`${served.url.replace(/#.*$/, '')}#/missing`);
    await page.getByTestId('missing-list').waitFor();
    const rows = page.getByTestId('missing-row');
    expect(await rows.count()).toBe(200);
    expect(await page.getByTestId('missing-cut').innerText()).toMatch(
      new RegExp(`^Hiện 200 trong ${CITED} văn bản chưa có trong kho`),
    );
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="missing-row"]').length === n, CITED);
    expect(await page.getByTestId('missing-cut').count()).toBe(0);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
    expect(new Set(ids).size).toBe(CITED);
    expect(await rows.last().locator('td').first().innerText()).toBe(String(CITED));
    expect(pageErrors).toEqual([]);
  });
});
