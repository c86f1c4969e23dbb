/**
 * The task sheet page (#/tasksheet/ID) as a clerk reaches it from a document (a QA pass on the UI).
 * Each test is named after what was broken.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
/** A plan of Huyện ủy Yên Thế with seven tasks. */
const YEN_THE = path.join(ROOT, 'tests', 'fixtures', 'samples', '003_0fe373fd9470e206.txt');

let session: ServedArchive;
let page: Page;
let withTasks = 0;
let withoutTasks = 0;

describeBrowser('the task sheet page, as a clerk uses it', () => {
  beforeAll(async () => {
    session = await serveArchive('vanthu-task-sheet-clerk-', async (archive, dir) => {
      const note = path.join(dir, 'cv-khong-nhiem-vu.txt');
      writeFileSync(
        note,
        [
          'HUYỆN ỦY TÂN YÊN',
          'Số: 45-CV/HU',
          'Tân Yên, ngày 3 tháng 8 năm 2021',
          'V/v gửi danh sách đại biểu dự hội nghị',
          '',
          'Văn phòng Huyện ủy gửi kèm danh sách đại biểu dự hội nghị ngày 10/8/2021.',
        ].join('\n'),
      );
      const r = await archive.importPaths([YEN_THE, note]);
      withTasks = r.files.find((f) => f.path === YEN_THE)!.id!;
      withoutTasks = r.files.find((f) => f.path === note)!.id!;
    });
    page = session.page;
  }, 90000);

  afterAll(() => session?.close());

  test('the task sheet has a way back to its document (the clerk was stranded on it)', async () => {
    await page.goto(`${session.served.url}#/doc/${withTasks}`);
    await page.getByTestId('document').waitFor();
    await page.getByRole('link', { name: 'Phiếu giao việc' }).click();
    await page.getByRole('heading', { name: /^Phiếu giao việc — / }).waitFor();
    const back = page.getByRole('link', { name: /Về văn bản/ });
    await expect(back.count()).resolves.toBe(1);
    await back.click();
    await page.getByTestId('document').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/doc/${withTasks}$`));
    // The sheet of a directive no longer in the archive goes back to the list, not to a missing page.
    await page.goto(`${session.served.url}#/tasksheet/99999`);
    await page.getByTestId('error').waitFor();
    await page.getByRole('link', { name: /Về danh sách/ }).click();
    await page.getByTestId('doc-count').waitFor();
    expect(page.url()).toMatch(/#\/$/);
  });

  test('a directive without tasks says so on its sheet (it showed an empty table of headings only)', async () => {
    await page.goto(`${session.served.url}#/tasksheet/${withoutTasks}`);
    const empty = page.getByTestId('sheet-no-tasks');
    await empty.waitFor();
    await expect(empty.innerText()).resolves.toMatch(/chưa có nhiệm vụ nào/);
    // It says where tasks are added: the document's «Nhiệm vụ», a link away.
    await empty.getByRole('link').click();
    await page.getByTestId('document').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/doc/${withoutTasks}$`));
    // A tracking table of headings only is not drawn; a sheet with tasks still has its rows.
    await page.goto(`${session.served.url}#/tasksheet/${withoutTasks}`);
    await empty.waitFor();
    await expect(page.locator('.track-table').count()).resolves.toBe(0);
    await page.goto(`${session.served.url}#/tasksheet/${withTasks}`);
    await page.locator('.track-table tbody tr').first().waitFor();
    await expect(page.getByTestId('sheet-no-tasks').count()).resolves.toBe(0);
  });
});
