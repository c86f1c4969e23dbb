/**
 * What a clerk types on the settings and task-sheet pages, checked where it is typed (a QA pass on
 * the UI): an agency line without a name was dropped on save without a word, and a name given to
 * two agencies silently went to the first only; a comma typed between two agencies vanished at
 * once, so a second agency could not be typed; a completion date in the future was recorded; a
 * report ID not in the archive stayed in its box, as if recorded, beside the link to the report
 * that still was, with the refusal at the top of the page, out of sight; so was the refusal of a
 * sheet saved with a task left empty; one click threw every edit of a sheet away without asking.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import type { TaskSheet } from '../../shared/tasks/types';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';
import { apiRequest } from './http';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const YEN_THE = path.join(ROOT, 'tests', 'fixtures', 'samples', '003_0fe373fd9470e206.txt');

let session: ServedArchive;
let served: Served;
let page: Page;

const go = async (hash: string) => {
  await page.goto(`${served.url.replace(/#.*$/, '')}${hash}`);
};

describeBrowser('task pages: what is typed is checked where it is typed', () => {
  beforeAll(async () => {
    session = await serveArchive(
      'vanthu-task-input-',
      async (archive) => {
        await archive.importPaths([YEN_THE]);
      },
      { viewport: { width: 1280, height: 900 } },
    );
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

  test('an agency line without a name is refused under the list, naming the line, and nothing is saved', async () => {
    await go('#/settings');
    const box = page.getByTestId('agency-lines');
    await box.waitFor();
    await page.getByLabel(/Cơ quan lập phiếu/).fill('Văn phòng Huyện ủy');
    await box.fill('Công an huyện | CA huyện | Công an\n | BCHQS huyện | Quân sự huyện\nPhòng Y tế');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const problem = page.getByTestId('agency-lines-problem');
    expect(await problem.innerText()).toBe(
      'Dòng 2 của danh sách cơ quan chưa có tên cơ quan (phần trước dấu «|»). Hãy điền tên, hoặc xóa dòng nếu không dùng.',
    );
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByText('Đã lưu.', { exact: true }).count()).toBe(0);
    // Nothing was saved: the settings are still the first-use template.
    await go('#/settings');
    await box.waitFor();
    expect(await box.inputValue()).not.toContain('BCHQS huyện | Quân sự huyện\n');
    expect(await page.getByText('Lần đầu dùng phiếu giao việc').count()).toBe(1);

    // A name given to two agencies is pointed out as it is typed.
    expect(await page.getByTestId('agency-lines-duplicates').count()).toBe(0);
    await box.fill('Công an huyện | CA huyện | Công an\nCông an xã | CA xã | công an');
    expect(await page.getByTestId('agency-lines-duplicates').innerText()).toBe(
      'Tên có ở nhiều cơ quan: «Công an» (dòng 1, 2). Nhiệm vụ ghi tên đó được tính cho cơ quan ở dòng đầu tiên.',
    );

    // With the name filled in, the line is saved with its short name and alias.
    await page.getByLabel(/Cơ quan lập phiếu/).fill('Văn phòng Huyện ủy');
    await box.fill(
      'Công an huyện | CA huyện | Công an\nBan Chỉ huy Quân sự huyện | BCHQS huyện | Quân sự huyện\nPhòng Y tế',
    );
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').getByText('Đã lưu.').waitFor();
    expect(await page.getByTestId('agency-lines-problem').count()).toBe(0);
    await go('#/settings');
    await box.waitFor();
    expect(await box.inputValue()).toContain('Ban Chỉ huy Quân sự huyện | BCHQS huyện | Quân sự huyện');
  });

  test('two lead agencies can be typed key by key (the comma vanished as it was typed)', async () => {
    await go('#/tasksheet/1');
    const item = page.getByTestId('task-item').first();
    await item.waitFor();
    const lead = item.getByLabel('Cơ quan chủ trì');
    await lead.fill('');
    await lead.pressSequentially('Công an huyện, Phòng Y tế');
    expect(await lead.inputValue()).toBe('Công an huyện, Phòng Y tế');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.getByRole('status').getByText('Đã lưu phiếu.').waitFor();
    await go('#/tasksheet/1');
    await page.getByTestId('task-item').first().waitFor();
    expect(await page.getByTestId('task-item').first().getByLabel('Cơ quan chủ trì').inputValue()).toBe(
      'Công an huyện, Phòng Y tế',
    );
  });

  test('a completion date in the future is refused on its row, in words; today is recorded', async () => {
    const dateOf = (row: ReturnType<Page['locator']>) => row.getByLabel('Ngày hoàn thành');
    const firstRow = () => page.locator('.track-table tbody tr').first();
    await go('#/tasksheet/1');
    await firstRow().waitFor();
    await dateOf(firstRow()).fill('1/1/2099');
    await dateOf(firstRow()).press('Enter');
    const problem = firstRow().getByTestId('completion-date-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(
      /^Ngày hoàn thành 01\/01\/2099 là ngày chưa tới \(hôm nay là \d\d\/\d\d\/\d{4}\)\. Chỉ ghi ngày nhiệm vụ đã hoàn thành\.$/,
    );
    expect(await dateOf(firstRow()).getAttribute('aria-invalid')).toBe('true');
    await go('#/tasksheet/1');
    await firstRow().waitFor();
    expect(await dateOf(firstRow()).inputValue()).toBe('');

    // Today (the page's local date) is recorded, and the row's status follows it.
    const today = await page.evaluate(() => {
      const d = new Date();
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    });
    await dateOf(firstRow()).fill(today);
    await dateOf(firstRow()).press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('.track-table tbody tr')?.getAttribute('data-status')?.startsWith('done'),
    );
    expect(await firstRow().getByTestId('completion-date-problem').count()).toBe(0);
    await go('#/tasksheet/1');
    await firstRow().waitFor();
    expect(await dateOf(firstRow()).inputValue()).toBe(today.split('-').reverse().join('/'));
  });

  test('a page whose clock runs ahead still cannot record the future: the core refuses, the row says why', async () => {
    const ahead = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await ahead.clock.setFixedTime(new Date('2098-06-01T08:00:00Z'));
      await ahead.goto(`${served.url.replace(/#.*$/, '')}#/tasksheet/1`);
      const row = ahead.locator('.track-table tbody tr').nth(1);
      await row.waitFor();
      await row.getByLabel('Ngày hoàn thành').fill('2098-05-30');
      await row.getByLabel('Ngày hoàn thành').press('Enter');
      const problem = row.getByTestId('completion-date-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/^Ngày hoàn thành 30\/05\/2098 là ngày chưa tới/);
      expect(await ahead.getByTestId('error').count()).toBe(0);
    } finally {
      await ahead.close();
    }
  });

  test('a report ID not in the archive is refused on its row and the box shows the report still recorded', async () => {
    await go('#/tasksheet/1');
    const row = page.locator('.track-table tbody tr').nth(2);
    await row.waitFor();
    const box = row.getByLabel('Văn bản báo cáo (ID)');
    await box.fill('1');
    await box.press('Enter');
    await row.locator('a[href="#/doc/1"]').waitFor();
    await box.fill('9999');
    await box.press('Enter');
    const problem = row.getByTestId('evidence-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toBe('Không có văn bản ID 9999 trong kho: văn bản báo cáo chưa được ghi.');
    expect(await box.inputValue()).toBe('1');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('error').count()).toBe(0);
    // Clearing the box afterwards is recorded and clears the message.
    await box.fill('');
    await box.press('Enter');
    await problem.waitFor({ state: 'detached' });
    await row.locator('a[href="#/doc/1"]').waitFor({ state: 'detached' });
  });

  test('a completion date is typed with a 2-digit year, shown back, and an impossible one refused in words (the date box took «21» as the year 0021)', async () => {
    await go('#/tasksheet/1');
    const row = () => page.locator('.track-table tbody tr').nth(1);
    await row().waitFor();
    const box = row().getByLabel('Ngày hoàn thành');
    await box.fill('31/2/21');
    await box.press('Enter');
    expect(await row().getByTestId('date-problem').innerText()).toBe(
      'Ngày không hợp lệ: 31/02/2021 không có thật (tháng 2 năm 2021 có 28 ngày).',
    );
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await box.fill('22/7/21');
    expect(await row().getByTestId('date-reading').innerText()).toBe('Đọc là 22/07/2021');
    await box.press('Enter');
    await page.waitForFunction(() =>
      document.querySelectorAll('.track-table tbody tr')[1]?.getAttribute('data-status')?.startsWith('done'),
    );
    await go('#/tasksheet/1');
    await row().waitFor();
    expect(await row().getByLabel('Ngày hoàn thành').inputValue()).toBe('22/07/2021');
  });

  test('each tracking row names its task: the start of its text, the whole text in its title (rows showed only the number)', async () => {
    const res = await apiRequest(served.port, 'getTaskSheet', { documentId: 1 }, { 'X-Vanthu-Token': served.token });
    const sheet = (JSON.parse(res.body) as { value: TaskSheet }).value;
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    await go('#/tasksheet/1');
    const gists = page.locator('.track-table tbody tr [data-testid="task-gist"]');
    await gists.first().waitFor();
    expect(await gists.count()).toBe(sheet.tracked.length);
    expect(sheet.tracked.some((t) => flat(t.text).length > 90)).toBe(true);
    for (const [i, t] of sheet.tracked.entries()) {
      const cell = gists.nth(i);
      expect(await cell.getAttribute('title')).toBe(flat(t.text));
      const shown = await cell.innerText();
      expect(shown.length).toBeLessThanOrEqual(90);
      expect(flat(t.text).startsWith(shown.replace(/…$/, ''))).toBe(true);
    }
  });

  test("each tracking row's boxes are named for their task and agency; «Đã bắt đầu» had no name", async () => {
    await go('#/tasksheet/1');
    const started = page.getByRole('checkbox', { name: 'Đã bắt đầu — nhiệm vụ 3, Công an huyện', exact: true });
    await started.waitFor();
    for (const name of [
      'Ngày hoàn thành — nhiệm vụ 3, Công an huyện',
      'Đã bắt đầu — nhiệm vụ 3, Ban Chỉ huy Quân sự huyện',
      'Văn bản báo cáo (ID) — nhiệm vụ 3, Ban Chỉ huy Quân sự huyện',
    ])
      await expect(page.getByLabel(name, { exact: true }).count()).resolves.toBe(1);
    // Ticked from the keyboard, the row's status follows.
    await started.focus();
    await page.keyboard.press('Space');
    const row = page.locator('.track-table tbody tr', { has: started });
    await page.waitForFunction((el) => el?.getAttribute('data-status') === 'in_progress', await row.elementHandle());
  });

  test('a task left without text is named beside «Lưu phiếu» (the refusal said «Yêu cầu không hợp lệ.» at the top)', async () => {
    await go('#/tasksheet/1');
    const items = page.getByTestId('task-item');
    await items.first().waitFor();
    const count = await items.count();
    await items.nth(1).locator('textarea').fill('   ');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    const problem = page.getByTestId('save-problem');
    expect(await problem.innerText()).toBe(
      'Nhiệm vụ 2 chưa có nội dung. Hãy ghi nội dung, hoặc bấm «Bỏ khỏi phiếu» nếu không giao nhiệm vụ đó. Phiếu chưa được lưu.',
    );
    const text = items.nth(1).locator('textarea');
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    expect(await text.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('error').count()).toBe(0);
    // Removing the task is an edit: the message goes, and the sheet saves.
    await items.nth(1).getByRole('button', { name: 'Bỏ khỏi phiếu' }).click();
    expect(await problem.count()).toBe(0);
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.getByRole('status').getByText('Đã lưu phiếu.').waitFor();
    expect(await items.count()).toBe(count - 1);
  });

  test('«Trở về nhiệm vụ đọc từ văn bản» asks first (one click threw every edit away, saved ones too)', async () => {
    await go('#/tasksheet/1');
    const items = page.getByTestId('task-item');
    await items.first().waitFor();
    await items.first().locator('textarea').fill('Nhiệm vụ do văn thư viết lại.');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.getByRole('status').getByText('Đã lưu phiếu.').waitFor();
    const asked: string[] = [];
    const answer = (accept: boolean) =>
      page.once('dialog', (d) => {
        asked.push(d.message());
        void (accept ? d.accept() : d.dismiss());
      });
    answer(false);
    await page.getByRole('button', { name: 'Trở về nhiệm vụ đọc từ văn bản' }).click();
    expect(asked).toEqual([
      'Bỏ mọi chỉnh sửa của phiếu này (cả những chỉnh sửa đã lưu) và trở về nhiệm vụ đọc từ văn bản? Không thể hoàn tác.',
    ]);
    await go('#/tasksheet/1');
    await items.first().waitFor();
    expect(await items.first().locator('textarea').inputValue()).toBe('Nhiệm vụ do văn thư viết lại.');
    answer(true);
    await page.getByRole('button', { name: 'Trở về nhiệm vụ đọc từ văn bản' }).click();
    await page.getByRole('status').getByText('Đã trở về nhiệm vụ đọc từ văn bản.').waitFor();
    expect(await items.first().locator('textarea').inputValue()).not.toBe('Nhiệm vụ do văn thư viết lại.');
  });

  test('a note pasted past its limit stops there instead of the save being refused as «Yêu cầu không hợp lệ.»', async () => {
    await go('#/tasksheet/1');
    const notes = page.getByTestId('task-item').first().getByLabel('Ghi chú');
    await notes.waitFor();
    await notes.fill('x'.repeat(6000));
    expect((await notes.inputValue()).length).toBe(5000);
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await page.getByRole('status').getByText('Đã lưu phiếu.').waitFor();
    expect(await page.getByTestId('save-problem').count()).toBe(0);
  });
});
