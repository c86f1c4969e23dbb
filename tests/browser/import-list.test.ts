/**
 * A folder-sized import through `vanthu serve` in headless Chromium: 3,000 generated .txt files, a
 * few of them binary, empty or repeated. The per-file result list is virtualized (far fewer rows in
 * the DOM than files), shows while the import runs, scrolls to its last file, and its «Lỗi» filter
 * shows exactly the files that failed. Screenshot: test-output/screenshots/import-list.png.
 * `npm test` builds dist first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, SCREENSHOT_DIR, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const FILES = 3000;
/** Positions (0-based) of the files that cannot be imported, spread over several upload batches. */
const BAD = new Map<number, 'binary' | 'empty'>([
  [17, 'binary'],
  [640, 'empty'],
  [1111, 'binary'],
  [1900, 'binary'],
  [2345, 'empty'],
  [2600, 'binary'],
  [2998, 'binary'],
]);
/** Positions whose text repeats an earlier file's, so they are reported as already in the archive. */
const REPEATS = new Map<number, number>([
  [300, 3],
  [1500, 1499],
  [2222, 5],
]);

const fileName = (i: number) => `cv-${String(i + 1).padStart(4, '0')}.txt`;

function directive(n: number): string {
  return [
    'ỦY BAN NHÂN DÂN HUYỆN AN LÃO',
    `Số: ${n}/UBND-VP`,
    `An Lão, ngày ${(n % 28) + 1} tháng ${(n % 12) + 1} năm 2021`,
    `V/v kiểm tra danh sách nhập lớn, văn bản thứ ${n}`,
    '',
    `Nội dung văn bản thử số ${n}.`,
  ].join('\n');
}

function contents(i: number): Buffer {
  const bad = BAD.get(i);
  if (bad === 'empty') return Buffer.alloc(0);
  if (bad === 'binary') return Buffer.from(Array.from({ length: 600 }, (_, k) => (k * 37 + i) % 256));
  return Buffer.from(directive((REPEATS.get(i) ?? i) + 1), 'utf8');
}

describeBrowser('the import result list with 3,000 files', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const paths: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-import-list-'));
    const usb = path.join(dir, 'usb');
    mkdirSync(usb);
    for (let i = 0; i < FILES; i++) {
      const file = path.join(usb, fileName(i));
      writeFileSync(file, contents(i));
      paths.push(file);
    }
    served = await serve(path.join(dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(30000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('lists every file virtualized, scrolls to the last, and filters the failures', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(served.url);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('import-input').setInputFiles(paths);

    // The list shows while the import runs, on «Tất cả».
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="import-result"]') !== null &&
        document.querySelector('[data-testid="import-done"]') === null,
      undefined,
      { timeout: 120000 },
    );
    expect(await page.getByTestId('import-filter-all').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('import-done').waitFor({ timeout: 300000 });
    const expectedImported = FILES - BAD.size - REPEATS.size;
    const vi = (n: number) => n.toLocaleString('vi-VN');
    expect(await page.getByTestId('count-imported').innerText()).toBe(vi(expectedImported));
    expect(await page.getByTestId('count-duplicates').innerText()).toBe(String(REPEATS.size));
    expect(await page.getByTestId('count-failed').innerText()).toBe(String(BAD.size));
    expect(await page.getByTestId('import-filter-all').innerText()).toBe(`Tất cả (${vi(FILES)})`);
    expect(await page.getByTestId('import-filter-failed').innerText()).toBe(`Lỗi (${BAD.size})`);
    expect(await page.getByTestId('import-filter-duplicate').innerText()).toBe(`Đã có trong kho (${REPEATS.size})`);
    expect(await page.getByTestId('import-filter-imported').innerText()).toBe(`Đã nhập (${vi(expectedImported)})`);

    // Virtualized: a screenful of rows in the DOM, not 3,000.
    const rows = page.getByTestId('import-result');
    expect(await rows.count()).toBeLessThan(40);
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(FILES));

    // End on the list goes to the last row: the last file (results come in input order, docs/import.md).
    await rows.first().focus();
    await page.keyboard.press('End');
    await page.waitForFunction(
      (last) => document.activeElement?.getAttribute('data-index') === String(last),
      FILES - 1,
    );
    const lastRow = page.locator(`[data-testid="import-result"][data-index="${FILES - 1}"]`);
    expect(await lastRow.getAttribute('aria-posinset')).toBe(String(FILES));
    expect(await lastRow.locator('.result-name').innerText()).toBe(fileName(FILES - 1));
    expect(await rows.count()).toBeLessThan(40);

    // Scrolling the box itself to the bottom shows the same last row.
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '0');
    await page.locator('.result-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await lastRow.waitFor();
    expect(await lastRow.locator('.result-name').innerText()).toBe(fileName(FILES - 1));

    // «Lỗi» shows exactly the files that failed, each with its Vietnamese reason.
    await page.getByTestId('import-filter-failed').click();
    expect(await page.getByTestId('import-filter-failed').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('import-filter-all').getAttribute('aria-pressed')).toBe('false');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="import-result"]').length === n,
      BAD.size,
    );
    const failed = await rows.evaluateAll((els) =>
      els.map((e) => ({
        status: e.getAttribute('data-status'),
        name: e.querySelector('.result-name')?.textContent ?? '',
        text: e.querySelector('.result-status')?.textContent ?? '',
      })),
    );
    expect(failed.map((f) => f.name).sort()).toEqual([...BAD.keys()].map(fileName).sort());
    for (const f of failed) {
      expect(f.status).toBe('failed');
      expect(f.text).toMatch(/^Lỗi: \S/);
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.getByTestId('import-panel').screenshot({ path: path.join(SCREENSHOT_DIR, 'import-list.png') });

    // «Đã có trong kho» shows the repeated files; «Tất cả» lists everything again.
    await page.getByTestId('import-filter-duplicate').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="import-result"][data-status="duplicate"]').length === n,
      REPEATS.size,
    );
    const repeated = await rows.evaluateAll((els) => els.map((e) => e.querySelector('.result-name')?.textContent));
    expect(repeated.sort()).toEqual([...REPEATS.keys()].map(fileName).sort());
    await page.getByTestId('import-filter-all').click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="import-result"]')?.getAttribute('aria-setsize') === String(n),
      FILES,
    );
    expect(pageErrors).toEqual([]);
  }, 420000);
});
