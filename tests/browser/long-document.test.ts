/**
 * A very long document (a PDF of several hundred pages, or a text of megabytes) opened from the list
 * (a QA pass on the UI): its text, drawn as one block, held the window for 7 to 11 s at 6 MB before
 * the page could be read or clicked, with no sign of life. It is now drawn in chunks the browser
 * lays out near the screen only; all of the text is still on the page.
 */
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { findChromium, SCREENSHOT_DIR, serveArchive, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

let session: ServedArchive;
let page: Page;
let id = 0;
let text = '';

/** About 10 MB (5 million characters): a directive's header, 18,000 paragraphs, a citation at the very end. */
function longDirective(): string {
  const lines = [
    'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG',
    'Số: 1234/BC-UBND',
    'Bắc Giang, ngày 5 tháng 3 năm 2024',
    'BÁO CÁO',
    'Tổng hợp kết quả rà soát hồ sơ đất đai trên địa bàn tỉnh',
    '',
  ];
  for (let i = 1; i <= 18000; i++)
    lines.push(
      `Xã thứ ${i} đã rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất, đối chiếu bản đồ địa chính, ` +
        'lập danh sách các trường hợp còn vướng mắc về nguồn gốc đất, ranh giới thửa đất và nghĩa vụ tài chính; ' +
        'đề nghị các phòng, ban chuyên môn phối hợp hướng dẫn, giải quyết dứt điểm trong quý.',
      '',
    );
  lines.push('Thực hiện Công văn số 571-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh báo cáo.');
  return lines.join('\n');
}

describeBrowser('a document of several megabytes', () => {
  beforeAll(async () => {
    session = await serveArchive('vanthu-long-document-', async (archive, dir) => {
      const file = path.join(dir, 'bao-cao-rat-dai.txt');
      writeFileSync(file, longDirective());
      const r = await archive.importPaths([file]);
      id = r.files[0]!.id!;
      text = archive.get(id).text;
    });
    page = session.page;
    await page.goto(session.served.url);
    await page.getByTestId('doc-count').waitFor();
  }, 120000);

  afterAll(() => session?.close());

  test('opens in a moment, not after the window froze for seconds', async () => {
    expect(text.length).toBeGreaterThan(5_000_000);
    const started = Date.now();
    await page.evaluate((doc) => (window.location.hash = `#/doc/${doc}`), id);
    await page.getByRole('button', { name: 'Sửa Số/ký hiệu' }).waitFor();
    // The window answers: a frame is drawn, then the editor opens at once.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    await page.getByRole('button', { name: 'Sửa Số/ký hiệu' }).click();
    await page.locator('.field-editor').waitFor();
    // 7 to 11 s before on a two-core test machine; well under a second now.
    expect(Date.now() - started).toBeLessThan(4000);
    await page.keyboard.press('Escape');
  });

  test('all of its text is on the page, and the citation at its end is shown where it is', async () => {
    await page.evaluate((doc) => (window.location.hash = `#/doc/${doc}`), id);
    const body = page.getByTestId('doc-text');
    await body.waitFor();
    await expect(body.evaluate((el) => el.textContent)).resolves.toBe(text);
    const last = page.getByTestId('citation-mark').last();
    await last.scrollIntoViewIfNeeded();
    // Drawn once on screen (a chunk far off screen is not laid out, so has no innerText until then).
    await page.waitForFunction(
      (el) => (el as HTMLElement).innerText.includes('571-CV/TU'),
      await last.elementHandle(),
      { timeout: 5000 },
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'long-document-end.png') });
    const box = await last.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(768);
    // It is in chunks (a block each), the screen's only sign of the change.
    await expect(body.locator('.doc-text-chunk').count()).resolves.toBeGreaterThan(100);
  });
});
