/**
 * #/pending through `vanthu serve` in headless Chromium: the same directive imported twice from
 * different formats (Chỉ thị 05-CT/TW as .txt and .pdf) is a tie for the plan 128-KH/HU that cites
 * it without a date. The two choices used to read alike; each now shows its id, its original file
 * (name and format) and when it was imported. `npm test` builds dist first.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'corpus');
const FILES = [
  path.join(CORPUS, '006-kh-huyen-uy-phu-luc.txt'),
  path.join(CORPUS, '019-central-ban-bi-thu-chi-thi.txt'),
  path.join(CORPUS, 'formats', '019-central-ban-bi-thu-chi-thi.pdf'),
];

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
if (!chromiumPath && !process.env.CI)
  console.warn('Bỏ qua kiểm thử trang «Cần xác nhận» trong trình duyệt: không tìm thấy Chromium.');

describeBrowser('#/pending: choices between look-alike documents', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error('CI đặt CI=1 nhưng không tìm thấy Chromium: hãy cài `apt-get install -y chromium`.');
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-pending-ui-'));
    const archive = path.join(dir, 'kho');
    for (const [i, f] of FILES.entries()) {
      const input = path.join(dir, `in${i}`);
      mkdirSync(input);
      copyFileSync(f, path.join(input, path.basename(f)));
      const r = runCli(['import', input, '--json', '--archive', archive]);
      if (r.status !== 0) throw new Error(r.stderr + r.stdout);
    }
    served = await serve(archive);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the same directive imported as .txt and .pdf: two choices the clerk can tell apart', async () => {
    await page.goto(`${served.url}#/pending`);
    const row = page.getByTestId('pending-row').filter({ hasText: '128-KH/HU' });
    await row.waitFor();
    const choices = row.getByTestId('pending-candidate');
    expect(await choices.count()).toBe(2);
    const texts = await choices.allInnerTexts();
    // Alike in what the list used to show…
    for (const t of texts) expect(t).toContain('Chỉ thị số 05-CT/TW — Ban Chấp hành Trung ương · 15/05/2016');
    // …told apart by id, file, format and import time.
    const sources = await row.getByTestId('candidate-source').allInnerTexts();
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatch(
      /#\d+ · tệp 019-central-ban-bi-thu-chi-thi\.txt \(TXT\) · nhập \d\d\/\d\d\/\d{4} \d\d:\d\d/,
    );
    expect(sources[1]).toMatch(/#\d+ · tệp 019-central-ban-bi-thu-chi-thi\.pdf \(PDF\) · nhập /);
    expect(new Set(texts).size).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  test('after a choice the focus stays in the list, not on the page top, and what was done is said', async () => {
    await page.goto(`${served.url}#/pending`);
    const row = page.getByTestId('pending-row').filter({ hasText: '128-KH/HU' });
    await row.waitFor();
    // Each button says which document it is about: the two choices read alike otherwise.
    const confirm = row.getByRole('button', { name: /^Đúng văn bản này: Chỉ thị số 05-CT\/TW, #\d+$/ });
    expect(await confirm.count()).toBe(2);
    expect(await row.getByRole('button', { name: /^Không phải: Chỉ thị số 05-CT\/TW, #\d+$/ }).count()).toBe(2);
    await confirm.first().focus();
    await page.keyboard.press('Enter');
    await page
      .getByText(
        /^Đã xác nhận: Kế hoạch số 128-KH\/HU trích dẫn Chỉ thị số 05-CT\/TW \(#\d+\)\. Không còn trích dẫn nào cần xác nhận\.$/,
      )
      .waitFor();
    // None left: the focus is on the page's title, not on the body at the top of the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Trích dẫn cần văn thư xác nhận');
    expect(pageErrors).toEqual([]);
  });

  // Regression: after «Đúng văn bản này» or «Không phải» the row went with no way back from a wrong click.
  test('the last choice can be undone: «Hoàn tác» brings the citation back to the list', async () => {
    // The page as the previous test left it: the confirm just made, its undo offered.
    const undo = page.getByTestId('pending-undo');
    await undo.click();
    await page
      .getByText(/^Đã hoàn tác quyết định về Chỉ thị số 05-CT\/TW \(#\d+\) của Kế hoạch số 128-KH\/HU/)
      .waitFor();
    const row = page.getByTestId('pending-row').filter({ hasText: '128-KH/HU' });
    await row.waitFor();
    expect(await row.getByTestId('pending-candidate').count()).toBe(2);
    expect(await undo.count()).toBe(0);

    // «Không phải» says which document was ruled out, by number, and can be undone too.
    const first = row.getByRole('button', { name: /^Không phải: Chỉ thị số 05-CT\/TW, #\d+$/ }).first();
    const id = /#(\d+)$/.exec((await first.getAttribute('aria-label')) ?? '')![1];
    await first.click();
    await page
      .getByTestId('pending-status')
      .getByText(`Đã ghi: Chỉ thị số 05-CT/TW (#${id}) không phải văn bản Kế hoạch số 128-KH/HU trích dẫn.`, {
        exact: false,
      })
      .waitFor();
    await undo.click();
    await page.getByTestId('pending-row').filter({ hasText: '128-KH/HU' }).waitFor();
    // The graph is as before any choice: both candidates are offered again after a reload.
    await page.reload();
    const again = page.getByTestId('pending-row').filter({ hasText: '128-KH/HU' });
    await again.waitFor();
    expect(await again.getByTestId('pending-candidate').count()).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
