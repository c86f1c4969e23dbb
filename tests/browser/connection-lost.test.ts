/**
 * QA: with `vanthu serve` stopped, a search on the open page showed «Đã xảy ra lỗi không mong
 * muốn.», the real cause («mất kết nối…») folded away under «Chi tiết kỹ thuật». The clerk must
 * read that the connection to Vanthu was lost and to reopen it.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { ERROR_MESSAGES } from '../../shared/api/errors';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const SAMPLES_DIR = path.join(ROOT, 'tests', 'fixtures', 'samples');

let dir: { dir: string; cleanup: () => void };
let served: Served;
let browser: Browser;
let page: Page;

describeBrowser('the page after `vanthu serve` has stopped', () => {
  beforeAll(async () => {
    dir = tempDir('vanthu-connection-lost-');
    const archive = Archive.open(dir.dir);
    await archive.importPaths([SAMPLES_DIR]);
    archive.close();
    served = await serve(dir.dir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 90000);

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test('a search says the connection to Vanthu was lost and to reopen it, not «lỗi không mong muốn»', async () => {
    await page.goto(served.url);
    const box = page.getByTestId('search-input');
    await box.waitFor();
    await served.stop();
    await box.fill('dang uy');
    await box.press('Enter');
    const error = page.locator('[data-testid="error"][data-code="CONNECTION_LOST"]').first();
    await error.waitFor();
    // The message itself, outside the folded «Chi tiết kỹ thuật».
    const said = await error.locator(':scope > p').innerText();
    expect(said).toBe(ERROR_MESSAGES.CONNECTION_LOST);
    expect(said).toMatch(/Mất kết nối với Vanthu.*mở lại Vanthu/);
    await expect(page.getByText(ERROR_MESSAGES.INTERNAL).count()).resolves.toBe(0);
  });
});
