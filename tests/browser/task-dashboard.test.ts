/**
 * #/tasks, the task dashboard, as a clerk uses it (a QA pass on the UI): «Bảng theo dõi» of an
 * agency drew its digest below every table, out of sight of the button, so the click seemed to do
 * nothing; every such button had the same name to a screen reader.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const SAMPLES = path.join(ROOT, 'tests', 'fixtures', 'samples');

let dir: { dir: string; cleanup: () => void };
let served: Served;
let browser: Browser;
let page: Page;

describeBrowser('task dashboard', () => {
  beforeAll(async () => {
    dir = tempDir('vanthu-task-dashboard-');
    const archive = Archive.open(dir.dir);
    await archive.importPaths([SAMPLES]);
    archive.close();
    served = await serve(dir.dir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20000);
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test("an agency's «Bảng theo dõi» comes into view with its print button focused; «Đóng» goes back to it", async () => {
    await page.goto(`${served.url.replace(/#.*$/, '')}#/tasks`);
    // The samples are of 2021: older than the 12 months the dashboard covers unless asked.
    const scope = page.getByTestId('dashboard-scope');
    await scope.waitFor();
    expect(await scope.textContent()).toMatch(/từ ngày .*đã lập phiếu hoặc ghi kết quả/);
    await scope.getByRole('combobox').selectOption('all');
    await page.getByText('Nhiệm vụ của mọi văn bản trong kho.').waitFor();
    const open = page.getByRole('button', { name: 'Bảng theo dõi của Công an huyện', exact: true });
    await open.waitFor();
    await open.scrollIntoViewIfNeeded();
    await open.click();
    const print = page.getByRole('button', { name: 'In bảng theo dõi' });
    await print.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'In bảng theo dõi');
    const inView = (selector: string) =>
      page.$eval(selector, (el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    expect(await inView('[data-testid="digest-actions"]')).toBe(true);
    expect(await page.getByTestId('sheet-preview').innerText()).toContain('Công an huyện');
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Bảng theo dõi của Công an huyện',
    );
    expect(await inView('button[aria-label="Bảng theo dõi của Công an huyện"]')).toBe(true);
  });
});
