/**
 * The progress line of a browser import larger than one upload batch (250 files), through `vanthu
 * serve` in headless Chromium. Files are read a batch ahead of the import, and the line counted
 * the imported ones: «Đang đọc 1/300: cv-0120.txt». Each «Đang đọc» line now names the file at its
 * own place. And a reload mid-import dropped the files not yet sent, without a word: the page now
 * asks first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const FILES = 300;
const fileName = (i: number) => `cv-${String(i).padStart(4, '0')}.txt`;

describeBrowser('the progress line of a 300-file import', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const paths: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-import-progress-'));
    const usb = path.join(dir, 'usb');
    mkdirSync(usb);
    for (let i = 0; i < FILES; i++) {
      const file = path.join(usb, fileName(i));
      writeFileSync(
        file,
        `ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: ${i + 1}/UBND-VP\nAn Lão, ngày 2 tháng 3 năm 2022\nV/v thử tiến độ số ${i}\n\nNội dung ${i}.\n`,
      );
      paths.push(file);
    }
    served = await serve(path.join(dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(60000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each «Đang đọc» line counts the file it names', async () => {
    await page.goto(served.url);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __labels: string[] }).__labels = seen;
      new MutationObserver(() => {
        const label = document.querySelector('[data-testid="import-progress-label"]');
        if (label?.textContent && seen[seen.length - 1] !== label.textContent) seen.push(label.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('import-input').setInputFiles(paths);
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('count-imported').innerText()).toBe(String(FILES));

    const labels = await page.evaluate(() => (window as unknown as { __labels: string[] }).__labels);
    const reading = labels.filter((l) => l.startsWith('Đang đọc'));
    // Past the first batch: the lines that were wrong.
    expect(reading.some((l) => / cv-02\d\d\.txt$/.test(l))).toBe(true);
    for (const label of reading) {
      const m = /^Đang đọc (\d+)\/300: cv-(\d{4})\.txt$/.exec(label);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBe(Number(m![2]) + 1);
    }
  }, 120000);

  test('a reload while files are still being sent asks first, and staying lets the import finish', async () => {
    await page.goto(served.url);
    // Chromium asks before unload only on a page the user has interacted with.
    await page.locator('body').click();
    await page.getByTestId('import-toggle').click();
    await page.getByTestId('import-input').setInputFiles(paths);
    await page.getByTestId('import-progress').waitFor();
    const asked = page.waitForEvent('dialog', { timeout: 10000 });
    const reload = page.reload({ timeout: 5000 }).catch(() => undefined);
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await reload;
    await page.getByTestId('import-done').waitFor();
    // Every file was already in the archive from the first test.
    expect(await page.getByTestId('count-duplicates').innerText()).toBe(String(FILES));
  }, 120000);
});
