/**
 * QA: two files of one name from two folders (`Phong A/Thong bao.txt`, `Phong B/Thong bao.txt`)
 * read alike in the import list and on their document pages: the list showed a disk path's last
 * segment only (the folder was in a tooltip), the page only the file name. The list now puts the
 * fewest folders that tell them apart before the name («…/Phong B/»), a name of its own alone; the
 * document page says which folder the file was imported from.
 *
 * Disk paths come from the desktop's file dialog, which `vanthu serve` has none of: this test runs
 * the server in-process with a dispatcher whose dialog answers with the paths (as main's does).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { createDispatcher } from '../../electron/core/api/dispatch';
import { startServer, type RunningServer } from '../../electron/server';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const CV = (n: number) =>
  `ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: ${n}/TB-UBND\nAn Lão, ngày 2 tháng 3 năm 2022\nTHÔNG BÁO\nV/v thử tên tệp ${n}\n\nNội dung ${n}.\n`;

describeBrowser('files of one name from two folders', () => {
  let dir: string;
  let archive: Archive;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const files: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-same-names-'));
    const nhan = path.join(dir, 'USB', 'Nhan 2022');
    for (const [folder, name, n] of [
      ['Phong A', 'Thong bao.txt', 1],
      ['Phong B', 'Thong bao.txt', 2],
      ['Phong B', 'cv.txt', 3],
    ] as const) {
      mkdirSync(path.join(nhan, folder), { recursive: true });
      const file = path.join(nhan, folder, name);
      writeFileSync(file, CV(n));
      files.push(file);
    }
    archive = Archive.open(path.join(dir, 'kho'));
    const dispatch = createDispatcher(archive, { host: 'desktop', pickPaths: async () => files });
    server = await startServer({ dispatch, port: 0, staticDir: path.join(ROOT, 'dist', 'renderer') });
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    archive?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the import list puts the fewest folders that tell them apart before the name; the document page names the folder', async () => {
    await page.goto(server.url);
    await page.getByTestId('import-choose-files').click();
    await page.getByTestId('import-done').waitFor();
    const rows = await page
      .getByTestId('import-result')
      .evaluateAll((els) =>
        els.map((e) => [
          e.querySelector('.result-folder')?.textContent ?? '',
          e.querySelector('.result-name')?.textContent ?? '',
          e.querySelector('.result-name')?.getAttribute('title') ?? '',
        ]),
      );
    const sep = path.sep;
    expect(rows.sort((a, b) => a[1]!.localeCompare(b[1]!))).toEqual([
      [`…${sep}Phong A${sep}`, `…${sep}Phong A${sep}Thong bao.txt`, files[0]],
      [`…${sep}Phong B${sep}`, `…${sep}Phong B${sep}Thong bao.txt`, files[1]],
      ['', 'cv.txt', files[2]], // a name of its own stays short
    ]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-same-names.png') });

    await page
      .getByTestId('import-result')
      .filter({ hasText: `Phong B${sep}Thong bao.txt` })
      .getByRole('button', { name: 'Mở' })
      .click();
    await page.getByTestId('doc-meta').waitFor();
    expect((await page.locator('[data-field="originalName"] dd').innerText()).trim()).toBe('Thong bao.txt');
    expect(await page.getByTestId('doc-source-folder').textContent()).toBe(path.dirname(files[1]!) + sep);
  });
});
