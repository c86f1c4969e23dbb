/**
 * Search in the browser (issue #4): the built CLI serves the built renderer, Chromium types in the
 * search box. Screenshots of a result page and of the suggestions (a typo; an agency) go to
 * test-output/screenshots/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const SAMPLES_DIR = path.join(ROOT, 'tests', 'fixtures', 'samples');

let dir: { dir: string; cleanup: () => void };
let served: Served;
let browser: Browser;
let page: Page;

describeBrowser('search page', () => {
  beforeAll(async () => {
    dir = tempDir('vanthu-search-ui-');
    const archive = Archive.open(dir.dir);
    await archive.importPaths([SAMPLES_DIR]);
    archive.close();
    served = await serve(dir.dir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.goto(served.url);
    await page.getByTestId('search-input').waitFor();
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test('an unaccented query lists hits with highlighted accented words and facets', async () => {
    await page.getByTestId('search-input').fill('phong chong dich');
    await page.getByTestId('search-input').press('Enter');
    await page.getByTestId('hit').first().locator('mark').first().waitFor();
    const marks = await page.locator('[data-testid=hit] mark').allInnerTexts();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['phòng', 'chống', 'dịch']));
    await expect(page.getByTestId('results-summary').innerText()).resolves.toMatch(/văn bản/);
    await page.getByTestId('facet-level').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'search-results.png') });
  });

  test('a facet click adds a filter to the query', async () => {
    await page.getByTestId('facet-level').locator('button').first().click();
    await expect(page.getByTestId('search-input').inputValue()).resolves.toMatch(/cap:/);
    await page.getByTestId('hit').first().waitFor();
  });

  test('clicking the same facet again does not add its filter twice (it gave «cap:tinh cap:tinh»)', async () => {
    const once = await page.getByTestId('search-input').inputValue();
    await page.getByTestId('facet-level').locator('button').first().click();
    await page.getByTestId('hit').first().waitFor();
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe(once);
    expect(once.match(/cap:/g)).toHaveLength(1);
  });

  test('suggestions tolerate a typo', async () => {
    await page.getByTestId('search-input').fill('phong chong dcih');
    // The list may still show the previous text's suggestions for a moment: wait for these.
    await page
      .getByTestId('suggestions')
      .locator('li', { hasText: /phòng, chống dịch/i })
      .first()
      .waitFor();
    const items = await page.getByTestId('suggestions').locator('li').allInnerTexts();
    expect(items.join(' ')).toMatch(/phòng, chống dịch/i);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'search-suggestions.png') });
  });

  test('the suggestion list is keyboard-navigable: ↓ marks an item, Enter searches it', async () => {
    const box = page.getByTestId('search-input');
    // A different text from the previous test's, so the box changes and asks for suggestions again.
    // The pointer rests where the facet was clicked, over where the list opens; hovering marks an item too.
    await page.mouse.move(1200, 880);
    await box.fill('');
    const answered = page.waitForResponse((r) => r.url().includes('/api/suggest'));
    await box.fill('phong chong d');
    await answered;
    await page
      .getByTestId('suggestions')
      .locator('li', { hasText: /phòng, chống dịch/i })
      .first()
      .waitFor();
    await box.press('ArrowDown');
    const firstItem = page.getByTestId('suggestions').locator('li').first();
    await expect(firstItem.getAttribute('aria-selected')).resolves.toBe('true');
    await box.press('Enter');
    // The picked suggestion replaces the typo in the box and is searched.
    await expect(box.inputValue()).resolves.not.toBe('phong chong d');
    await page.getByTestId('hit').first().waitFor();
  });

  test('agencies of the tasks are suggested, labelled, and picked as a phrase', async () => {
    const box = page.getByTestId('search-input');
    await page.mouse.move(1200, 880);
    await box.fill('');
    await box.fill('ban tuyen');
    const agency = page.getByTestId('suggestions').locator('li', { hasText: 'Ban Tuyên giáo Huyện ủy' }).first();
    await agency.waitFor();
    await expect(agency.innerText()).resolves.toMatch(/^Đơn vị\s+Ban Tuyên giáo Huyện ủy$/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'search-suggestions-agency.png') });
    await agency.click();
    await expect(box.inputValue()).resolves.toBe('"Ban Tuyên giáo Huyện ủy"');
    await page.getByTestId('hit').first().waitFor();
    // Off the list again, so the next test's Enter is not taken by an item under the pointer.
    await page.mouse.move(1200, 880);
  });

  test('a typed field prefix suggests that field (coquan: issuers) and picking fills the filter, quoted', async () => {
    const box = page.getByTestId('search-input');
    await page.mouse.move(1200, 880);
    await box.fill('');
    // "coquan:huy" was read as the words "coquan" and "huy": no issuer offered, and picking any
    // suggestion replaced the whole box.
    await box.fill('ket luan coquan:huy');
    const issuer = page.getByTestId('suggestions').locator('li', { hasText: 'Huyện ủy An Lão' }).first();
    await issuer.waitFor();
    await expect(issuer.innerText()).resolves.toMatch(/^Cơ quan\s+Huyện ủy An Lão$/);
    const kinds = await page.getByTestId('suggestions').locator('.sg-kind').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['Cơ quan']));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'search-suggestions-field.png') });
    await issuer.click();
    await expect(box.inputValue()).resolves.toBe('ket luan coquan:"Huyện ủy An Lão"');
    await page.getByTestId('hit').first().waitFor();
    await page.mouse.move(1200, 880);
  });

  // Regression: `nam:`, `cap:`, `tu:` and `den:` offered no suggestion at all.
  test('nam:, cap: and tu: suggest years of the archive, the four levels, dates; picking fills the filter', async () => {
    const box = page.getByTestId('search-input');
    const list = page.getByTestId('suggestions');
    await page.mouse.move(1200, 880);
    await box.fill('cap:');
    const province = list.locator('li', { hasText: 'cấp tỉnh' }).first();
    await province.waitFor();
    expect((await list.locator('li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      'Cấp tw — Trung ương',
      'Cấp tinh — cấp tỉnh, thành phố',
      'Cấp huyen — cấp huyện, quận',
      'Cấp xa — cấp xã, phường',
    ]);
    await box.fill('tu:2021');
    await list.locator('li', { hasText: 'từ ngày 01/01/2021' }).first().waitFor();
    await box.fill('phong chong nam:');
    const year = list.locator('li', { hasText: /^Năm/ }).first();
    await year.waitFor();
    const kinds = await list.locator('.sg-kind').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['Năm']));
    const text = (await year.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/^Năm (\d{4}) — \d+ văn bản$/);
    await year.click();
    await expect(box.inputValue()).resolves.toBe(`phong chong nam:${/^Năm (\d{4})/.exec(text)![1]}`);
    await page.getByTestId('hit').first().waitFor();
    await page.mouse.move(1200, 880);
  });

  test('a malformed query is explained, not crashed on', async () => {
    await page.getByTestId('search-input').fill('tu:2021-13-45');
    await page.getByTestId('search-input').press('Enter');
    await expect(page.getByTestId('error').innerText()).resolves.toMatch(/Câu tìm kiếm không hợp lệ/);
  });
});

afterAll(() => rmSync(path.join(ROOT, 'test-output', 'tmp-search'), { recursive: true, force: true }));
