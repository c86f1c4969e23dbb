/**
 * The office settings and the task-sheet editor on screen (a QA pass on the UI): they had no screen
 * styles at all, so every label and field ran on in one paragraph and a task's text box was about
 * twenty characters wide. Checked in a 1024 × 700 window. Also the tracking table's report-document
 * box, which lost keystrokes.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, ROOT, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const YEN_THE = path.join(ROOT, 'tests', 'fixtures', 'samples', '003_0fe373fd9470e206.txt');

let dir: { dir: string; cleanup: () => void };
let served: Served;
let browser: Browser;
let page: Page;

describeBrowser('settings and task-sheet editor layout', () => {
  beforeAll(async () => {
    dir = tempDir('vanthu-task-layout-');
    const archive = Archive.open(dir.dir);
    await archive.importPaths([YEN_THE]);
    archive.close();
    served = await serve(dir.dir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(served.url);
    await page.getByTestId('doc-count').waitFor();
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test('the office settings put each field under its label (they ran on in one paragraph)', async () => {
    await page.evaluate(() => (window.location.hash = '#/settings'));
    const fields = page.locator('.settings-field');
    await fields.first().waitFor();
    const boxes = await fields.evaluateAll((els) =>
      els.map((el) => {
        const control = el.querySelector('input, select, textarea')!.getBoundingClientRect();
        const label = el.getBoundingClientRect();
        return { below: control.top > label.top + 10, wide: control.width > 400 };
      }),
    );
    expect(boxes.length).toBeGreaterThan(5);
    for (const b of boxes) expect(b).toEqual({ below: true, wide: true });
  });

  test("a task's text box spans its task, not twenty characters", async () => {
    await page.evaluate(() => (window.location.hash = '#/tasksheet/1'));
    const item = page.getByTestId('task-item').first();
    await item.waitFor();
    const [itemWidth, textWidth] = await item.evaluate((el) => [
      el.getBoundingClientRect().width,
      el.querySelector('textarea')!.getBoundingClientRect().width,
    ]);
    expect(textWidth).toBeGreaterThan(itemWidth * 0.9);
    // The tracking table has ruled cells.
    const border = await page
      .locator('.track-table td')
      .first()
      .evaluate((el) => getComputedStyle(el).borderTopStyle);
    expect(border).toBe('solid');
  });

  test('the agency list offered while typing has each name once (React reported duplicate keys)', async () => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.getByTestId('doc-list').waitFor();
    await page.evaluate(() => (window.location.hash = '#/tasksheet/1'));
    await page.getByTestId('task-item').first().waitFor();
    const names = await page
      .locator('#agency-list option')
      .evaluateAll((els) => els.map((el) => el.getAttribute('value')));
    expect(names.length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
    expect(errors.filter((e) => /same key/.test(e))).toEqual([]);
  });

  test("typing a report document's ID keeps every digit and links only the ID typed («123» became «13»)", async () => {
    await page.evaluate(() => (window.location.hash = '#/tasksheet/1'));
    const box = page.locator('.track-table tbody tr').first().getByLabel('Văn bản báo cáo (ID)');
    await box.waitFor();
    const saves: string[] = [];
    page.on('request', (r) => r.url().includes('updateTaskTracking') && saves.push(r.postData() ?? ''));
    await box.click();
    await page.keyboard.type('123', { delay: 40 });
    await page.waitForTimeout(300);
    await expect(box.inputValue()).resolves.toBe('123');
    expect(saves).toEqual([]);
    await box.press('Enter');
    // No document 123 here: the row says so, and only 123 was asked for.
    await page.getByTestId('evidence-problem').waitFor();
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatch(/"evidenceDocumentId":123/);
    await box.fill('1');
    await box.press('Tab');
    await page.locator('.track-table tbody tr').first().getByRole('link').waitFor();
    await expect(box.inputValue()).resolves.toBe('1');
    await page.getByTestId('evidence-problem').waitFor({ state: 'detached' });
  });

  test('a task without a deadline can be given a date (choosing «Ngày» fell back to «Không có»)', async () => {
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.getByTestId('doc-list').waitFor();
    await page.evaluate(() => (window.location.hash = '#/tasksheet/1'));
    const items = page.getByTestId('task-item');
    await items.first().waitFor();
    const kinds = await items.locator('select').evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value));
    const at = kinds.indexOf('none');
    expect(at).toBeGreaterThanOrEqual(0);
    const item = items.nth(at);
    await item.locator('select').selectOption('date');
    const date = item.getByLabel('Ngày hết hạn');
    await date.waitFor();
    await expect(item.locator('select').inputValue()).resolves.toBe('date');
    // A 2-digit year (the date box took «26» as the year 0026).
    await date.fill('31/12/26');
    expect(await item.getByTestId('date-reading').innerText()).toBe('Đọc là 31/12/2026');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Lưu phiếu')?.disabled,
    );
    await page.reload();
    await items.nth(at).getByLabel('Ngày hết hạn').waitFor();
    await expect(items.nth(at).getByLabel('Ngày hết hạn').inputValue()).resolves.toBe('31/12/2026');
    // Regression: an emptied date box kept the old date, unseen, and saved it again.
    await items.nth(at).getByLabel('Ngày hết hạn').fill('');
    await items.nth(at).getByLabel('Ngày hết hạn').press('Tab');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Lưu phiếu')?.disabled,
    );
    await page.reload();
    await items.nth(at).locator('select').waitFor();
    await expect(items.nth(at).locator('select').inputValue()).resolves.toBe('none');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Trở về nhiệm vụ đọc từ văn bản' }).click();
    await page.getByText('Đã trở về nhiệm vụ đọc từ văn bản.').waitFor();
  });

  test('unsaved edits of a task sheet outlive a tracking change and leaving the page (both dropped them without a word)', async () => {
    await page.evaluate(() => (window.location.hash = '#/tasksheet/1'));
    const text = page.getByTestId('task-item').first().locator('textarea');
    await text.waitFor();
    const edited = `${await text.inputValue()} (sửa thử)`;
    await text.fill(edited);
    const save = page.getByRole('button', { name: 'Lưu phiếu' });
    await expect(save.isEnabled()).resolves.toBe(true);

    const started = page.locator('.track-table tbody tr').first().locator('input[type=checkbox]');
    // Controlled by the saved tracking: it shows checked once the sheet has been read again.
    await started.click();
    await page.locator('.track-table tbody tr').first().locator('input[type=checkbox]:checked').waitFor();
    await expect(text.inputValue()).resolves.toBe(edited);

    await page.evaluate(() => (window.location.hash = '#/tasks'));
    await text.waitFor({ state: 'detached' });
    await page.evaluate(() => (window.location.hash = '#/tasksheet/1'));
    await page.getByText('Đã khôi phục các thay đổi chưa lưu của phiếu này.').waitFor();
    await expect(text.inputValue()).resolves.toBe(edited);
    await save.click();
    await page.getByText('Đã lưu phiếu.').waitFor();
    await expect(save.isEnabled()).resolves.toBe(false);

    await started.click();
    await page.locator('.track-table tbody tr').first().locator('input[type=checkbox]:not(:checked)').waitFor();
    // It asks first (task-input-checks.test.ts).
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Trở về nhiệm vụ đọc từ văn bản' }).click();
    await page.getByText('Đã trở về nhiệm vụ đọc từ văn bản.').waitFor();
  });

  test('the office settings never show «Đã lưu.» beside a refusal, and say what is missing', async () => {
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.getByTestId('doc-list').waitFor();
    await page.evaluate(() => (window.location.hash = '#/settings'));
    const office = page.getByLabel('Cơ quan lập phiếu (dòng in đậm, ví dụ Văn phòng)');
    await office.waitFor();
    const save = page.getByRole('button', { name: 'Lưu', exact: true });
    const done = page.locator('.settings [role=status]');
    await office.fill('Văn phòng');
    await save.click();
    await done.waitFor();
    // An edit takes «Đã lưu.» away until the next save.
    await office.fill('');
    await expect(done.count()).resolves.toBe(0);
    await save.click();
    await expect(page.locator('.settings [role=alert]').innerText()).resolves.toMatch(/Cần điền tên cơ quan lập phiếu/);
    await expect(done.count()).resolves.toBe(0);
    // Fields stop at the length the archive accepts instead of being refused as «Yêu cầu không hợp lệ.».
    await expect(office.getAttribute('maxlength')).resolves.toBe('300');
    await office.fill('Văn phòng');
    await save.click();
    await done.waitFor();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
  });
});
