/**
 * The search page as a clerk uses it (a QA pass on the UI): what a refused query says, the keyboard,
 * coming back from a document, a narrow window. Each test is named after what was broken.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const SAMPLES_DIR = path.join(ROOT, 'tests', 'fixtures', 'samples');
/** Enough documents (about 60) for a result list that scrolls. */
const CORPUS_DIR = path.join(ROOT, 'tests', 'fixtures', 'corpus');

let dir: { dir: string; cleanup: () => void };
let served: Served;
let browser: Browser;
let page: Page;

async function search(q: string): Promise<void> {
  const box = page.getByTestId('search-input');
  await box.fill(q);
  await box.press('Enter');
}

describeBrowser('search page, as a clerk uses it', () => {
  beforeAll(async () => {
    dir = tempDir('vanthu-search-clerk-');
    const archive = Archive.open(dir.dir);
    await archive.importPaths([SAMPLES_DIR, CORPUS_DIR]);
    archive.close();
    served = await serve(dir.dir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  }, 90000);

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await page.getByTestId('search-input').waitFor();
  });

  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test('a refused query says why in Vietnamese and is not left "searching" forever', async () => {
    await search('tu:2021-13-01');
    const error = page.getByTestId('error');
    await error.waitFor();
    // The reason is visible, not folded under «Chi tiết kỹ thuật».
    await expect(error.innerText()).resolves.toMatch(/ngày "2021-13-01" không hợp lệ/);
    await expect(error.locator('details').count()).resolves.toBe(0);
    await expect(page.getByText('Đang tìm…').count()).resolves.toBe(0);
    await search('-covid');
    await expect(error.innerText()).resolves.toMatch(/Cần ít nhất một từ/);
    // A valid query afterwards clears the message and shows results.
    await search('phong chong dich');
    await page.getByTestId('hit').first().waitFor();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
  });

  test('Esc closing the suggestion list no longer empties the box and throws the results away', async () => {
    await search('dang uy');
    await page.getByTestId('hit').first().waitFor();
    const box = page.getByTestId('search-input');
    await box.press('ArrowDown');
    await page.getByTestId('suggestions').waitFor();
    await box.press('Escape');
    await page.getByTestId('suggestions').waitFor({ state: 'detached' });
    await expect(box.inputValue()).resolves.toBe('dang uy');
    await expect(page.getByTestId('hit').count()).resolves.toBeGreaterThan(0);
  });

  test('a search hit can be reached with Tab and opened with Enter (it was mouse-only)', async () => {
    await search('phong chong dich');
    const first = page.getByTestId('hit').first();
    await first.locator('.hit-ref').waitFor();
    await first.focus();
    await expect(first.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Tab');
    const second = page.getByTestId('hit').nth(1);
    await expect(second.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('document').waitFor();
    expect(page.url()).toMatch(/#\/doc\/\d+$/);
  });

  test('coming back from a document opened from the results shows the same search again (it was emptied)', async () => {
    await search('dang uy');
    const sorted = page.waitForResponse((r) => r.url().includes('/api/search'));
    await page.getByLabel('Sắp xếp').selectOption('date');
    await sorted;
    await page.waitForTimeout(100);
    const firstRef = await page.getByTestId('hit').first().locator('.hit-ref').innerText();
    await page.getByTestId('hit').nth(1).click();
    await page.getByTestId('document').waitFor();
    await page.getByTestId('back').click();
    await page.getByTestId('hit').first().locator('.hit-ref').waitFor();
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe('dang uy');
    await expect(page.getByLabel('Sắp xếp').inputValue()).resolves.toBe('date');
    await expect(page.getByTestId('hit').first().locator('.hit-ref').innerText()).resolves.toBe(firstRef);
    // The browser's own Back does the same.
    await page.getByTestId('hit').first().click();
    await page.getByTestId('document').waitFor();
    await page.goBack();
    await page.getByTestId('hit').first().locator('.hit-ref').waitFor();
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe('dang uy');
  });

  test('a long pasted query in the history takes one line of the list, not the whole list', async () => {
    await search('phòng chống dịch bệnh '.repeat(400));
    await page.getByTestId('results-summary').waitFor();
    await search('dang uy');
    await page.getByTestId('hit').first().waitFor();
    const box = page.getByTestId('search-input');
    await box.fill('');
    await box.focus();
    const items = page.getByTestId('suggestions').locator('li');
    await items.nth(1).waitFor();
    const heights = await items.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(40);
    await expect(items.filter({ hasText: 'dang uy' }).count()).resolves.toBe(1);
  });

  test('a saved search cannot be given an empty name (it answered «Yêu cầu không hợp lệ.»)', async () => {
    await search('dang uy');
    await page.getByTestId('hit').first().waitFor();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const name = page.locator('.search-save input');
    await name.fill('   ');
    const save = page.getByRole('button', { name: 'Lưu tìm kiếm' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await name.press('Enter');
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    await name.fill('  Đảng ủy ');
    await save.click();
    await page.locator('.search-save').waitFor({ state: 'detached' });
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    const box = page.getByTestId('search-input');
    await box.fill('');
    await box.focus();
    await page.getByTestId('suggestions').locator('li', { hasText: 'Đảng ủy: dang uy' }).waitFor();
  });

  test('a long pasted query can be saved: the name offered is a short label (it answered «Yêu cầu không hợp lệ.»)', async () => {
    const paste = 'phòng chống dịch bệnh '.repeat(400);
    await search(paste);
    await page.getByTestId('results-summary').waitFor();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const name = page.locator('.search-save input');
    const offered = await name.inputValue();
    expect(offered.length).toBeLessThanOrEqual(80);
    expect(offered).toMatch(/^phòng chống dịch bệnh phòng .*…$/);
    // Typing or pasting more stops at the name's limit.
    await name.fill('x'.repeat(500));
    await expect(name.inputValue()).resolves.toHaveLength(200);
    await name.fill(offered);
    await page.getByRole('button', { name: 'Lưu tìm kiếm' }).click();
    await page.locator('.search-save').waitFor({ state: 'detached' });
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    const box = page.getByTestId('search-input');
    await box.fill('');
    await box.focus();
    await page.getByTestId('suggestions').locator('li', { hasText: offered }).first().waitFor();
  });

  test('in a 1024 px window no header button breaks its label over two lines', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('doc-count').waitFor();
    const heights = await page
      .locator('.header-actions > *')
      .evaluateAll((els) => els.map((el) => [el.textContent, el.getBoundingClientRect().height] as const));
    for (const [label, height] of heights) expect({ label, oneLine: height < 40 }).toEqual({ label, oneLine: true });
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height).toBeLessThan(70);
  });

  test('a new order or query starts at the first hit, not where the previous list was scrolled to', async () => {
    await search('uy ban');
    await page.getByTestId('hit').first().locator('.hit-ref').waitFor();
    const results = page.getByTestId('results');
    await results.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(results.evaluate((el) => el.scrollTop)).resolves.toBeGreaterThan(500);
    await page.getByLabel('Sắp xếp').selectOption('date');
    await page.waitForFunction(() => document.querySelector('[data-testid=results]')!.scrollTop === 0);
    await expect(page.getByTestId('hit').first().locator('.hit-n').innerText()).resolves.toBe('1.');
    await results.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.getByTestId('facet-level').locator('button').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=results]')!.scrollTop === 0);
    await expect(page.getByTestId('hit').first().locator('.hit-n').innerText()).resolves.toBe('1.');
  });

  test('the printable register keeps its table rules and title under the page CSP (it printed unstyled)', async () => {
    await search('phong chong dich');
    await page.getByTestId('hit').first().locator('.hit-ref').waitFor();
    await page.getByRole('button', { name: 'In danh mục' }).click();
    await page.waitForFunction(() => {
      const doc = document.querySelector('iframe')?.contentDocument;
      return !!doc?.querySelector('td') && doc.readyState === 'complete';
    });
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const look = await frame.evaluate(() => ({
      cell: getComputedStyle(document.querySelector('td')!).borderTopStyle,
      title: getComputedStyle(document.querySelector('h1')!).textAlign,
    }));
    expect(look).toEqual({ cell: 'solid', title: 'center' });
  });

  test('a saved search can be removed from the list (it could only ever be added)', async () => {
    const box = page.getByTestId('search-input');
    for (const q of ['cap:huyen', 'cap:xa']) {
      await search(q);
      await page.getByTestId('hit').first().waitFor();
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.locator('.search-save input').fill(`Bỏ đi ${q}`);
      await page.getByRole('button', { name: 'Lưu tìm kiếm' }).click();
      await page.locator('.search-save').waitFor({ state: 'detached' });
    }
    await box.fill('');
    await box.focus();
    const saved = (q: string) => page.getByTestId('suggestions').locator('li', { hasText: `Bỏ đi ${q}:` });
    await saved('cap:huyen').waitFor();
    // With the mouse: its «Xóa» button.
    await saved('cap:huyen').getByRole('button', { name: 'Xóa tìm kiếm đã lưu' }).click();
    await saved('cap:huyen').waitFor({ state: 'detached' });
    await expect(box.inputValue()).resolves.toBe('');
    // With the keyboard: ↓ to it, Delete.
    const items = await page.getByTestId('suggestions').locator('li').allInnerTexts();
    const at = items.findIndex((t) => t.includes('Bỏ đi cap:xa:'));
    expect(at).toBeGreaterThanOrEqual(0);
    for (let k = 0; k <= at; k++) await box.press('ArrowDown');
    await box.press('Delete');
    await saved('cap:xa').waitFor({ state: 'detached' });
    await page.reload();
    await box.focus();
    await page.getByTestId('suggestions').locator('li').first().waitFor();
    await expect(page.getByTestId('suggestions').locator('li', { hasText: 'Bỏ đi' }).count()).resolves.toBe(0);
  });
});
