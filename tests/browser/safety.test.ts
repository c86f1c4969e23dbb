/**
 * Safety in the page (issue #7), through `vanthu serve` and headless Chromium: the stale-backup
 * banner, the trash and history pages, the archive check, and a directive whose subject carries
 * <script> and <img onerror> shown as text in every safety view.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { trashDocument } from '../../electron/core/history/trash';
import { CHROMIUM_ARGS, findChromium, serve, type Served } from './chromium';
import { apiRequest } from './http';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const HOSTILE = [
  'HUYỆN ỦY AN LÃO',
  'Số 77-CV/HU',
  'An Lão, ngày 02 tháng 9 năm 2021',
  'CÔNG VĂN',
  'V/v thử <script>window.__xss=1</script> <img src=x onerror="window.__xss=2">',
  '',
  'Nội dung thử: <script>window.__xss=3</script> và <img src=x onerror="window.__xss=4">.',
  '',
  'T/M BAN THƯỜNG VỤ',
  'BÍ THƯ',
].join('\n');

describeBrowser('safety pages', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let keptId: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-safety-ui-'));
    const archive = Archive.open(path.join(dir, 'kho'));
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    writeFileSync(a, HOSTILE);
    writeFileSync(b, HOSTILE.replace('77-CV', '78-CV').replace('Nội dung thử', 'Nội dung khác'));
    const report = await archive.importPaths([a, b]);
    trashDocument(archive.db, report.files[0]!.id!);
    keptId = report.files[1]!.id!;
    archive.close();
    served = await serve(path.join(dir, 'kho'));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.goto(served.url);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function noMarkup(): Promise<void> {
    expect(
      await page.evaluate(() => ({
        injected: document.querySelectorAll('#root img, #root script').length,
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
      })),
    ).toEqual({ injected: 0, xss: null });
  }

  test('an archive never backed up shows the warning banner', async () => {
    const banner = page.getByTestId('backup-warning');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/chưa được sao lưu/);
  });

  test('the backup page in the browser says how to back up (the banner led to a page with no backup button and no word why)', async () => {
    await page.getByTestId('backup-warning').getByRole('link').click();
    const note = page.getByTestId('backup-browser-note');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/ứng dụng Vanthu.*vanthu backup/);
    await page.evaluate(() => (window.location.hash = '#/'));
  });

  // QA: the page over HTTP could turn automatic backups off, or keep 1 (the next backup deleting the
  // other generations in the PC's folder); it now shows them and says where they are changed.
  test('the browser page shows the automatic-backup settings without changing them, and says where they are changed', async () => {
    await page.evaluate(() => (window.location.hash = '#/safety'));
    const auto = page.getByTestId('backup-auto');
    await auto.waitFor();
    expect(await auto.textContent()).toBe('hằng ngày, giữ 10 bản');
    expect(await page.getByRole('combobox', { name: 'Sao lưu tự động' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Số bản giữ lại' }).count()).toBe(0);
    expect(await page.getByTestId('backup-settings-browser-note').textContent()).toMatch(
      /chỉ đổi được trong ứng dụng Vanthu.*«vanthu backup-settings»/,
    );
    await page.evaluate(() => (window.location.hash = '#/'));
  });

  test('the backup warning is not printed on paper (it topped every printed task sheet and task list)', async () => {
    await page.evaluate(() => (window.location.hash = '#/tasks'));
    const banner = page.getByTestId('backup-warning');
    await banner.waitFor();
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(banner.isVisible()).resolves.toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await expect(banner.isVisible()).resolves.toBe(true);
    await page.evaluate(() => (window.location.hash = '#/'));
  });

  test('the trash lists the hostile subject as text; restoring it works; the check reports ok', async () => {
    await page.getByTestId('safety-link').click();
    const trash = page.getByTestId('trash');
    await trash.waitFor();
    expect(await trash.textContent()).toMatch(/<script>window\.\s?_*xss=1<\/script> <img src=x onerror=/);
    await noMarkup();
    await page.getByRole('button', { name: 'Kiểm tra kho' }).click();
    const report = page.getByTestId('check-report');
    await report.waitFor();
    expect(await report.textContent()).toMatch(/Cấu trúc tệp kho toàn vẹn, không có chỗ hỏng\./);
    expect(await report.textContent()).not.toMatch(/integrity_check/);
    await trash.getByRole('button', { name: 'Khôi phục' }).click();
    await page.getByText(/Đã khôi phục văn bản/).waitFor();
    // The note comes before the trash is listed again (and, since a restore also refreshes the
    // list and the count under the page, may come well before under load): wait for it.
    await page.getByText('Thùng rác trống.', { exact: false }).waitFor();
    await noMarkup();
  });

  test('while the archive check runs the page says what it is doing and the button cannot start a second one (it showed nothing for half a minute at 100k)', async () => {
    await page.evaluate(() => (window.location.hash = '#/safety'));
    const button = page.getByRole('button', { name: 'Kiểm tra kho' });
    await button.waitFor();
    // Hold the answer back, as a large archive would.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/checkArchive', async (route) => {
      await held;
      await route.continue();
    });
    // Where the worker is, as the host answers the page's polls meanwhile (tests/electron/safety/offthread.test.ts).
    await page.route('**/api/getSafetyProgress', (route) =>
      route.fulfill({ json: { ok: true, value: { step: 'digest', done: 250, total: 1000 } } }),
    );
    try {
      await button.click();
      const busy = page.getByTestId('safety-busy');
      await busy.waitFor();
      expect(await busy.textContent()).toMatch(/Đang kiểm tra kho/);
      expect(await button.isDisabled()).toBe(true);
      await page.getByTestId('safety-step').waitFor();
      expect(await page.getByTestId('safety-step').textContent()).toBe('Tính mã băm văn bản và bản gốc 25%');
      release();
      await busy.waitFor({ state: 'detached' });
      expect(await button.isDisabled()).toBe(false);
      await page.getByTestId('check-report').waitFor();
    } finally {
      release();
      await page.unroute('**/api/checkArchive');
      await page.unroute('**/api/getSafetyProgress');
    }
  });

  test('the history page shows the changes as text and moves a document to the trash', async () => {
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${served.url}#/history/${keptId}`);
    const history = page.getByTestId('history-page');
    await history.waitFor();
    await page.getByText('Nhập vào kho').waitFor();
    // A citation the clerk added says which (it said «Thêm chỉnh sửa «trích dẫn»»).
    const saved = await apiRequest(
      served.port,
      'saveCitation',
      {
        id: keptId,
        citation: { text: 'Kế hoạch số 99-KH/TU', type: 'Kế hoạch', ref: '99-KH/TU', date: '2021-02-01' },
      },
      { 'X-Vanthu-Token': served.token },
    );
    expect(JSON.parse(saved.body).ok).toBe(true);
    await page.reload();
    await page.getByText('Văn thư thêm trích dẫn «Kế hoạch 99-KH/TU ngày 01/02/2021»').waitFor();
    await page.getByTestId('delete-document').click();
    await page.getByTestId('safety-page').waitFor();
    await page.getByTestId('trash').waitFor();
    expect(await page.getByTestId('trash').textContent()).toContain('77-CV/HU'.replace('77', '78'));
    await noMarkup();
  });
});
