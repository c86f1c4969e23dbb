/**
 * #/tasks, the task dashboard, as a clerk uses it (a QA pass on the UI): «Bảng theo dõi» of an
 * agency drew its digest below every table, out of sight of the button, so the click seemed to do
 * nothing; every such button had the same name to a screen reader.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const SAMPLES = path.join(ROOT, 'tests', 'fixtures', 'samples');

// A directive of 20 tasks and 17 reports on it, each suggesting all 20: 340 lines, more than the
// dashboard draws (DASHBOARD_LIST_MAX).
const TASKS = 20;
const REPORTS = 17;
const DIRECTIVE = `TỈNH ỦY BẮC GIANG
BAN THƯỜNG VỤ

Số 640-CV/TU
Bắc Giang, ngày 10 tháng 9 năm 2021

V/v triển khai các nhiệm vụ trọng tâm quý IV năm 2021

Ban Thường vụ Tỉnh ủy yêu cầu:

${Array.from({ length: TASKS }, (_, i) => `${i + 1}. Sở Y tế chủ trì thực hiện nhiệm vụ trọng tâm thứ ${i + 1} của quý IV.`).join('\n\n')}

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
`;
const report = (n: number) => `ĐẢNG BỘ TỈNH BẮC GIANG
CÔNG AN HUYỆN YÊN THẾ

Số ${n}-BC/CAH
Yên Thế, ngày ${n} tháng 10 năm 2021

BÁO CÁO
Kết quả thực hiện Công văn số 640-CV/TU ngày 10/9/2021 của Ban Thường vụ Tỉnh ủy

Công an huyện báo cáo như sau: đã triển khai đầy đủ các nhiệm vụ.
`;

let session: ServedArchive;
let served: Served;
let page: Page;

describeBrowser('task dashboard', () => {
  beforeAll(async () => {
    session = await serveArchive(
      'vanthu-task-dashboard-',
      async (archive, dir) => {
        const reports = path.join(dir, 'reports');
        mkdirSync(reports);
        writeFileSync(path.join(reports, 'cv-640.txt'), DIRECTIVE);
        for (let n = 1; n <= REPORTS; n++) writeFileSync(path.join(reports, `bc-${n}.txt`), report(n));
        await archive.importPaths([SAMPLES, reports]);
      },
      { viewport: { width: 1024, height: 700 } },
    );
    ({ served, page } = session);
  }, 90000);

  afterAll(() => session?.close());

  test("an agency's «Bảng theo dõi» comes into view with its print button focused; «Đóng» goes back to it", async () => {
    await page.goto(`${served.url.replace(/#.*$/, '')}#/tasks`);
    // The samples are of 2021: older than the 12 months the dashboard covers unless asked.
    const scope = page.getByTestId('dashboard-scope');
    await scope.waitFor();
    expect(await scope.textContent()).toMatch(/từ ngày .*đã lập phiếu hoặc ghi kết quả/);
    await scope.getByRole('combobox').selectOption('all');
    await page.getByText('Nhiệm vụ của mọi văn bản trong kho.').waitFor();
    await page.getByTestId('dashboard-loading').waitFor({ state: 'detached' });
    expect(await page.getByTestId('dashboard-empty').count()).toBe(0);
    const open = page.getByRole('button', { name: 'Bảng theo dõi của Công an huyện', exact: true });
    await open.waitFor();
    await open.scrollIntoViewIfNeeded();
    await open.click();
    const print = page.getByRole('button', { name: 'In bảng theo dõi' });
    await print.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'In bảng theo dõi');
    const inView = (selector: string) =>
      page.$eval(selector, (el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    expect(await inView('[data-testid="digest-actions"]')).toBe(true);
    expect(await page.getByTestId('sheet-preview').innerText()).toContain('Công an huyện');
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Bảng theo dõi của Công an huyện',
    );
    expect(await inView('button[aria-label="Bảng theo dõi của Công an huyện"]')).toBe(true);
  });

  // 400 reports on a 10k archive answered 18.5 MB of suggestions, every line drawn on this page.
  test('regression: the closing suggestions are cut, latest reports first, and the page says so', async () => {
    await page.goto(`${served.url.replace(/#.*$/, '')}#/tasks`);
    const section = page.getByTestId('close-suggestions');
    await section.waitFor();
    expect(await page.getByTestId('suggestions-cut').innerText()).toBe(
      `Hiện 300 trong ${TASKS * REPORTS} đề nghị (báo cáo mới nhất trước).`,
    );
    const items = section.getByRole('listitem');
    expect(await items.count()).toBe(300);
    expect(await items.first().innerText()).toMatch(new RegExp(`^${REPORTS}-BC/CAH báo cáo về`));
  });
});

// Regression: a span with no directive drew bare table headers, and nothing said to widen it.
describeBrowser('task dashboard with nothing in the last 12 months', () => {
  let old: ServedArchive;
  beforeAll(async () => {
    old = await serveArchive('vanthu-task-dashboard-old-', async (archive, dir) => {
      writeFileSync(path.join(dir, 'cv-640.txt'), DIRECTIVE);
      await archive.importPaths([path.join(dir, 'cv-640.txt')]);
    });
  }, 90000);
  afterAll(() => old?.close());

  test('says so and points to a longer span; the whole archive then lists the 2021 directive', async () => {
    await old.page.goto(`${old.served.url.replace(/#.*$/, '')}#/tasks`);
    const empty = old.page.getByTestId('dashboard-empty');
    expect(await empty.innerText()).toBe(
      'Không có văn bản nào có nhiệm vụ trong khoảng này. Chọn khoảng dài hơn ở ô «Văn bản trong» để xem các văn bản cũ hơn.',
    );
    expect(await old.page.locator('table').count()).toBe(0);
    await old.page.getByTestId('dashboard-scope').getByRole('combobox').selectOption('all');
    await old.page.getByRole('link', { name: '640-CV/TU' }).waitFor();
    expect(await old.page.getByTestId('dashboard-empty').count()).toBe(0);
    expect(await old.page.getByTestId('dashboard-loading').count()).toBe(0);
  });
});
