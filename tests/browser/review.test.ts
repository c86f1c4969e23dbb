/**
 * Clerk review end to end (issue #3) through `vanthu serve` in headless Chromium: confidences,
 * highlighted citations, correcting the subject (Enter saves, Esc cancels), the correction kept
 * after a reload and marked «đã sửa», and reverting it. `npm test` builds dist first.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DocumentDetail } from '../../shared/model/archive';
import { runCli } from '../helpers/cli';
import { apiRequest } from './http';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR, serve, type Served } from './chromium';

const SAMPLE = path.join(ROOT, 'tests', 'fixtures', 'samples', '003_0fe373fd9470e206.txt');
const SCANNED = path.join(ROOT, 'tests', 'fixtures', 'formats', 'scanned.pdf');
const NEW_SUBJECT = 'V/v tăng cường phòng, chống dịch Covid-19 trong tình hình mới';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
if (!chromiumPath && !process.env.CI)
  console.warn('Bỏ qua kiểm thử duyệt văn bản trong trình duyệt: không tìm thấy Chromium.');

const collapse = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

describeBrowser('reviewing a document in the browser', () => {
  let archiveDir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let docId: number;
  let scanId: number;
  const pageErrors: string[] = [];

  async function getDocument(id: number): Promise<DocumentDetail> {
    const res = await apiRequest(served.port, 'getDocument', { id }, { 'X-Vanthu-Token': served.token });
    return JSON.parse(res.body).value as DocumentDetail;
  }

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error('CI đặt CI=1 nhưng không tìm thấy Chromium: hãy cài `apt-get install -y chromium`.');
    archiveDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-review-'));
    const imported = JSON.parse(runCli(['import', SAMPLE, SCANNED, '--json', '--archive', archiveDir]).stdout) as {
      files: { path: string; id: number }[];
    };
    docId = imported.files.find((f) => f.path.endsWith('.txt'))!.id;
    scanId = imported.files.find((f) => f.path.endsWith('.pdf'))!.id;
    served = await serve(archiveDir);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  });

  test('the page shows each field with its confidence and highlights every located citation', async () => {
    await page.goto(served.url);
    await page.locator(`[data-testid="doc-row"][data-id="${docId}"]`).click();
    await page.getByTestId('doc-title').waitFor();

    const doc = await getDocument(docId);
    const confident = doc.review.fields.filter((f) => f.confidence !== null && f.value !== null);
    expect(confident.length).toBeGreaterThan(3);
    const subjectBadge = page.locator('[data-field="subject"] [data-testid="confidence"]');
    const subjectConfidence = doc.review.fields.find((f) => f.field === 'subject')!.confidence!;
    expect(await subjectBadge.innerText()).toBe(`${Math.round(subjectConfidence * 100)}%`);
    expect(await page.getByTestId('confidence').count()).toBeGreaterThanOrEqual(
      confident.filter((f) => f.field !== 'number' && f.field !== 'symbol').length,
    );
    // Fields the parser did not find are marked for checking.
    for (const f of doc.review.fields.filter((x) => x.doubtful && !['number', 'symbol'].includes(x.field))) {
      expect(await page.locator(`[data-field="${f.field}"] [data-testid="doubtful"]`).innerText()).toBe('cần kiểm tra');
    }

    const located = doc.review.citations.filter((c) => c.end > c.start);
    expect(located.length).toBeGreaterThanOrEqual(1);
    const marks = page.locator('[data-testid="doc-text"] mark');
    expect(await marks.count()).toBe(located.length);
    expect((await marks.allInnerTexts()).map(collapse)).toEqual(
      located.map((c) => collapse(doc.text.slice(c.start, c.end))),
    );
    expect(collapse(await marks.first().innerText())).toBe(collapse(located[0]!.text));
    // Still only text and marks inside the document text.
    expect(await page.locator('[data-testid="doc-text"] *:not(mark)').count()).toBe(0);
    expect(await page.getByTestId('citation-item').count()).toBe(doc.review.citations.length);
  });

  test('Esc cancels an edit without leaving the page; Enter saves a correction marked «đã sửa»', async () => {
    const subject = page.locator('[data-field="subject"]');
    const before = collapse(await subject.locator('dd').innerText());

    await page.getByRole('button', { name: 'Sửa Trích yếu' }).click();
    const input = page.getByLabel('Trích yếu', { exact: true });
    await input.fill('Giá trị sẽ bị hủy');
    await input.press('Escape');
    await subject.locator('[data-testid="confidence"]').waitFor();
    expect(collapse(await subject.locator('dd').innerText())).toBe(before);
    expect(await page.evaluate(() => location.hash)).toBe(`#/doc/${docId}`);

    await page.getByRole('button', { name: 'Sửa Trích yếu' }).click();
    await input.fill(NEW_SUBJECT);
    await input.press('Enter');
    await page.locator('[data-field="subject"][data-corrected] [data-testid="corrected"]').waitFor();
    expect(collapse(await subject.locator('dd').innerText())).toBe(NEW_SUBJECT);
    expect(await subject.getByTestId('corrected').innerText()).toMatch(/^đã sửa \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await page.getByTestId('doc-subject').innerText()).toBe(NEW_SUBJECT);
  });

  test('a bad date is explained before anything is sent', async () => {
    await page.getByRole('button', { name: 'Sửa Ngày ban hành' }).click();
    const input = page.getByLabel('Ngày ban hành', { exact: true });
    await input.fill('31/02/2021');
    await input.press('Enter');
    expect(await page.locator('[data-field="date"] [role="alert"]').innerText()).toMatch(/Ngày không hợp lệ/);
    await input.press('Escape');
    expect((await getDocument(docId)).review.fields.find((f) => f.field === 'date')!.correctedAt).toBeNull();
  });

  // Regression: the core refuses a value longer than its field keeps, and the page could only say
  // «Yêu cầu không hợp lệ.» with the reason folded under «Chi tiết kỹ thuật».
  test('a field takes no more characters than the archive keeps', async () => {
    await page.getByRole('button', { name: 'Sửa Người ký' }).click();
    const input = page.getByLabel('Người ký', { exact: true });
    await input.fill('');
    await input.pressSequentially('Nguyễn Văn A'.padEnd(230, 'x'), { delay: 0 });
    expect((await input.inputValue()).length).toBe(200);
    await input.press('Escape');
    expect(await page.getByTestId('error').count()).toBe(0);
  });

  test('after a reload the subject is still corrected, and it can be reverted to the parser value', async () => {
    await page.reload();
    await page.getByTestId('doc-title').waitFor();
    const subject = page.locator('[data-field="subject"]');
    expect(collapse(await subject.locator('dd').innerText())).toBe(NEW_SUBJECT);
    expect(await subject.getByTestId('corrected').innerText()).toMatch(/^đã sửa /);
    expect(await page.getByTestId('review-summary').innerText()).toMatch(/1 chỉnh sửa của văn thư/);
    // The corrected subject and the first highlighted citation in one view.
    await page.locator('[data-testid="doc-text"] mark').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review.png'), fullPage: false });

    // The list shows the corrected subject too.
    const doc = await getDocument(docId);
    expect(doc.subject).toBe(NEW_SUBJECT);

    await subject.getByTestId('revert').click();
    await subject.locator('[data-testid="confidence"]').waitFor();
    expect(collapse(await subject.locator('dd').innerText())).toBe(
      collapse(doc.review.fields.find((f) => f.field === 'subject')!.parsed!),
    );
    await page.getByRole('button', { name: 'Sửa Trích yếu' }).click();
    await page.getByLabel('Trích yếu', { exact: true }).fill(NEW_SUBJECT);
    await page.getByLabel('Trích yếu', { exact: true }).press('Enter');
    await page.locator('[data-field="subject"][data-corrected]').waitFor();
  });

  test('«Phân tích lại» says it is done (when nothing changed the page gave no sign of the click)', async () => {
    await page.getByTestId('reparse').click();
    await expect(page.getByTestId('reparse-done').innerText()).resolves.toMatch(/Đã phân tích lại/);
    await page.locator('[data-field="subject"][data-corrected]').waitFor();
  });

  test('a citation added by the clerk is highlighted in the text', async () => {
    const doc = await getDocument(docId);
    const phrase = collapse(doc.text.slice(doc.review.citations[0]!.end + 5, doc.review.citations[0]!.end + 30));
    await page.getByRole('button', { name: 'Thêm trích dẫn' }).click();
    const form = page.getByTestId('citation-form');
    await form.getByLabel('Đoạn trích dẫn (như trong văn bản)').fill(phrase);
    await form.getByLabel('Số/ký hiệu').fill('12/ubnd-vx');
    await form.getByLabel('Số/ký hiệu').press('Enter');
    await page.locator('mark.citation.clerk').waitFor();
    expect(collapse(await page.locator('mark.citation.clerk').innerText())).toBe(phrase);
    const after = await getDocument(docId);
    expect(after.review.citations.find((c) => c.origin === 'clerk')).toMatchObject({ ref: '12/UBND-VX' });
  });

  // Regression: a refused task or citation said only «Yêu cầu không hợp lệ.» at the top of the page.
  test('a refused task says what was refused and why', async () => {
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    const form = page.getByTestId('task-form');
    await form.getByLabel('Nội dung nhiệm vụ').fill('Tổ chức tuyên truyền');
    await form
      .getByLabel('Chủ trì (cách nhau bằng dấu phẩy)')
      .fill(Array.from({ length: 31 }, (_, i) => `Ban ${i + 1}`).join(', '));
    await form.getByLabel('Nội dung nhiệm vụ').press('Enter');
    expect(await page.getByTestId('refusal').innerText()).toBe(
      'Không lưu được nhiệm vụ: Đơn vị chủ trì: tối đa 30 tên.',
    );
    expect(await page.getByTestId('error').innerText()).not.toMatch(/Yêu cầu không hợp lệ/);
    await form.getByLabel('Nội dung nhiệm vụ').press('Escape');
  });

  test('a date in a year the archive does not keep is explained before anything is sent', async () => {
    await page.getByRole('button', { name: 'Sửa Ngày ban hành' }).click();
    const input = page.getByLabel('Ngày ban hành', { exact: true });
    await input.fill('25/08/1850');
    await input.press('Enter');
    expect(await page.locator('[data-field="date"] [role="alert"]').innerText()).toMatch(/1900–2200/);
    await input.press('Escape');
  });

  // Regression: «22/7/21» was refused as «Ngày không hợp lệ»; clerks write the year with two digits.
  test('a 2-digit year is read, shown back before saving, and saved', async () => {
    await page.getByRole('button', { name: 'Sửa Ngày ban hành' }).click();
    const input = page.getByLabel('Ngày ban hành', { exact: true });
    await input.fill('22/7/21');
    expect(await page.locator('[data-field="date"] [data-testid="date-reading"]').innerText()).toBe(
      'Đọc là 22/07/2021',
    );
    await input.press('Enter');
    await page.locator('[data-field="date"][data-corrected]').waitFor();
    expect(await page.locator('[data-field="date"] dd').innerText()).toBe('22/07/2021');
    expect((await getDocument(docId)).date).toBe('2021-07-22');
  });

  test('a scan says «Bản quét, chưa có chữ» and takes typed metadata', async () => {
    await page.goto(served.url.replace(/\/\?token=.*$/, `/#/doc/${scanId}`));
    await page.getByTestId('scan-notice').waitFor();
    expect(await page.getByTestId('scan-notice').innerText()).toMatch(/Bản quét, chưa có chữ/);
    expect(await page.getByTestId('doc-text').innerText()).toBe('«Bản quét, chưa có chữ»');
    await page.getByRole('button', { name: 'Sửa Loại văn bản' }).click();
    await page.getByLabel('Loại văn bản', { exact: true }).fill('Quyết định');
    await page.getByLabel('Loại văn bản', { exact: true }).press('Enter');
    await page.locator('[data-field="type"][data-corrected]').waitFor();
    expect((await getDocument(scanId)).type).toBe('Quyết định');
    expect(pageErrors).toEqual([]);
  });
});
