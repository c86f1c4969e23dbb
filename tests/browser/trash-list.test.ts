/**
 * The list and the document count under the safety pages, through `vanthu serve` in headless
 * Chromium. They stay mounted while #/history/ID and #/safety cover them, so a document moved to
 * the trash stayed in the list («Không tìm thấy văn bản trong kho.» when opened) and the header
 * kept the old count; a document restored from the trash did not come back until a reload. And the
 * document page had no way to its history or to the trash: #/history/ID had to be typed.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type Served, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const GRAPH = path.join(ROOT, 'tests', 'fixtures', 'graph');

describeBrowser('the list after a document goes to the trash and back', () => {
  let session: ServedArchive;
  let served: Served;
  let page: Page;
  let goneId: number;
  let keptId: number;
  let thirdId: number;

  beforeAll(async () => {
    session = await serveArchive('vanthu-trash-list-', async (archive) => {
      const report = await archive.importPaths([
        path.join(GRAPH, '1-tw-15-cd.txt'),
        path.join(GRAPH, '2-tinh-571-cv-tu.txt'),
        path.join(GRAPH, '3-huyen-128-kh-hu.txt'),
      ]);
      [goneId, keptId, thirdId] = report.files.map((f) => f.id!) as [number, number, number];
    });
    ({ served, page } = session);
    page.on('dialog', (d) => void d.accept());
  }, 90000);

  afterAll(() => session?.close());

  const rowIds = () =>
    page.locator('[data-testid="doc-row"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));

  test('a document moved to the trash leaves the list and the count at once', async () => {
    await page.goto(served.url);
    await page.locator(`[data-testid="doc-row"][data-id="${goneId}"]`).waitFor();
    expect(await page.getByTestId('doc-count').innerText()).toBe('3 văn bản');

    await page.evaluate((id) => (window.location.hash = `#/history/${id}`), goneId);
    await page.getByTestId('delete-document').click();
    await page.getByTestId('trash').waitFor();
    await page.getByRole('link', { name: '← Về danh sách' }).click();

    await page.locator(`[data-testid="doc-row"][data-id="${goneId}"]`).waitFor({ state: 'detached' });
    expect((await rowIds()).sort()).toEqual([keptId, thirdId].sort());
    expect(await page.getByTestId('doc-count').innerText()).toBe('2 văn bản');
  });

  test('the history page of a document in the trash says so and offers no second delete', async () => {
    // Where the browser's Back leads after a delete: it said «Chưa có thay đổi nào được ghi lại.»
    await page.evaluate((id) => (window.location.hash = `#/history/${id}`), goneId);
    await page.getByTestId('history-gone').waitFor();
    expect(await page.getByTestId('history-gone').innerText()).toMatch(/^Văn bản này không còn trong kho/);
    expect(await page.getByTestId('delete-document').count()).toBe(0);
    await page.evaluate((id) => (window.location.hash = `#/history/${id}`), keptId);
    await page
      .getByTestId('history-page')
      .getByRole('heading', { name: 'Lịch sử thay đổi: Công văn số 571-CV/TU', exact: true })
      .waitFor();
  });

  test('a document restored from the trash is back in the list and the count', async () => {
    // A fresh page, so this does not lean on the list the first test left behind.
    await page.goto(`${served.url}#/safety`);
    await page.reload();
    // A double click, as clerks do: the second click asked again and showed «Không tìm thấy văn bản
    // trong kho.» above the note that the document was restored.
    await page.getByTestId('trash').getByRole('button', { name: 'Khôi phục' }).dblclick();
    await page.getByText('Thùng rác trống.').waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('error').count()).toBe(0);
    // Named by its number, linked to its page: the note said «Đã khôi phục văn bản 1.», the archive's id.
    const note = page.getByTestId('safety-page').getByRole('status');
    expect(await note.innerText()).toBe('Đã khôi phục văn bản số 15-CĐ/TW.');
    expect(await note.getByRole('link').getAttribute('href')).toBe(`#/doc/${goneId}`);
    await page.getByRole('link', { name: '← Về danh sách' }).click();

    await page.locator(`[data-testid="doc-row"][data-id="${goneId}"]`).waitFor();
    expect((await rowIds()).sort()).toEqual([goneId, keptId, thirdId].sort());
    expect(await page.getByTestId('doc-count').innerText()).toBe('3 văn bản');
  });

  test('the document page leads to its history and moves the document to the trash', async () => {
    await page.goto(served.url);
    await page.locator(`[data-testid="doc-row"][data-id="${thirdId}"]`).click();
    await page.getByTestId('doc-title').waitFor();

    await page.getByTestId('history-link').click();
    await page.getByTestId('history-page').getByText('Nhập vào kho').waitFor();
    await page.getByRole('link', { name: '← Về văn bản' }).click();

    await page.getByTestId('delete-from-document').click();
    await page.locator(`[data-testid="doc-row"][data-id="${keptId}"]`).waitFor();
    expect(await page.evaluate(() => window.location.hash)).not.toMatch(/^#\/doc\//);
    await page.locator(`[data-testid="doc-row"][data-id="${thirdId}"]`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('doc-count').innerText()).toBe('2 văn bản');
    await page.getByTestId('safety-link').click();
    expect(await page.getByTestId('trash').innerText()).toContain('128-KH/HU');

    // Its page, as Forward or an import's «Mở» reaches it, says where it went; it said only «Không
    // tìm thấy văn bản trong kho.»
    await page.evaluate((id) => (window.location.hash = `#/doc/${id}`), thirdId);
    await page.getByTestId('doc-gone').waitFor();
    expect(await page.getByTestId('doc-gone').getByRole('link').getAttribute('href')).toBe('#/safety');
  });
});
