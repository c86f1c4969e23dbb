/**
 * End to end through `vanthu serve`: the built CLI serves the built renderer, Chromium drives the UI.
 * `npm test` builds dist first. Screenshots go to test-output/screenshots/.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiRequest, rawRequest } from './http';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR, serve, type Served } from './chromium';

const SAMPLES_DIR = path.join(ROOT, 'tests', 'fixtures', 'samples');
const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => path.join(SAMPLES_DIR, f));

const chromiumPath = findChromium();
const onCi = Boolean(process.env.CI);
if (!chromiumPath && !onCi) {
  console.warn(
    'Bỏ qua kiểm thử giao diện trong trình duyệt: không tìm thấy Chromium (cài bằng `apt-get install -y chromium` ' +
      'hoặc đặt CHROMIUM_PATH). Trên CI các kiểm thử này luôn chạy.',
  );
}
const describeBrowser = chromiumPath || onCi ? describe : describe.skip;

const collapse = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A plain stretch of prose from a sample, to look for in the rendered text. */
function snippetOf(file: string): string {
  const lines = readFileSync(file, 'utf8')
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 80 && /^[\p{L}\p{N} ,.;:()-]+$/u.test(l));
  const line = lines[0] ?? '';
  const words = line.split(' ').slice(2, 10).join(' ');
  return words;
}

function parseVnDate(s: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

let archiveDir: string;
let served: Served;

beforeAll(async () => {
  archiveDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-serve-'));
  served = await serve(archiveDir);
}, 60000);

afterAll(async () => {
  await served?.stop();
  if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
});

describe('vanthu serve: access control', () => {
  test('prints a 127.0.0.1 URL with a token as its first line', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  test('refuses requests without the token or with a wrong one', async () => {
    const page = await rawRequest({ port: served.port, path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('app.js');
    expect((await rawRequest({ port: served.port, path: '/?token=sai' })).status).toBe(401);
    expect((await rawRequest({ port: served.port, path: '/app.js' })).status).toBe(401);

    const noHeader = await apiRequest(served.port, 'listDocuments', {});
    expect(noHeader.status).toBe(401);
    const wrong = await apiRequest(served.port, 'listDocuments', {}, { 'X-Vanthu-Token': 'A'.repeat(32) });
    expect(wrong.status).toBe(401);
    const cookieOnly = await apiRequest(
      served.port,
      'listDocuments',
      {},
      { Cookie: `vanthu_token_${served.port}=${served.token}` },
    );
    expect(cookieOnly.status).toBe(401);
  });

  test('refuses a foreign Host header and a foreign Origin even with the token', async () => {
    const token = { 'X-Vanthu-Token': served.token };
    const rebound = await apiRequest(
      served.port,
      'listDocuments',
      {},
      { ...token, Host: `attacker.example:${served.port}` },
    );
    expect(rebound.status).toBe(403);
    const reboundPage = await rawRequest({
      port: served.port,
      path: `/?token=${served.token}`,
      headers: { Host: 'attacker.example' },
    });
    expect(reboundPage.status).toBe(403);
    const foreign = await apiRequest(served.port, 'listDocuments', {}, { ...token, Origin: 'http://attacker.example' });
    expect(foreign.status).toBe(403);
  });

  test('accepts the right token, Host and Origin', async () => {
    const page = await rawRequest({ port: served.port, path: `/?token=${served.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('./app.js');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly/);

    const res = await apiRequest(
      served.port,
      'listDocuments',
      {},
      {
        'X-Vanthu-Token': served.token,
        Origin: `http://127.0.0.1:${served.port}`,
      },
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { total: 0, items: [] } });

    const info = await apiRequest(
      served.port,
      'getArchiveInfo',
      {},
      { 'X-Vanthu-Token': served.token, Host: `localhost:${served.port}` },
    );
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'browser', canPickPaths: false } });

    const desktopOnly = await apiRequest(
      served.port,
      'chooseAndImport',
      { mode: 'files' },
      { 'X-Vanthu-Token': served.token },
    );
    expect(JSON.parse(desktopOnly.body)).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE_IN_HOST' } });
  });
});

describeBrowser('vanthu serve: the UI in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  let openedId = 0;

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error('CI đặt CI=1 nhưng không tìm thấy Chromium: hãy cài `apt-get install -y chromium`.');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // The one refused call below is made on purpose.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
  });

  test('shows the empty archive screen and drops the token from the address bar', async () => {
    await page.goto(served.url);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(collapse(await empty.innerText())).toContain(
      // Every kind the readers take (.rtf, .html and .md were left out, so a clerk with .rtf files thought them refused).
      'Kho chưa có văn bản nào. Bấm «Nhập văn bản» hoặc kéo thả tệp .doc, .docx, .pdf, .txt, .rtf, .html, .md vào đây.',
    );
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toBe(`http://127.0.0.1:${served.port}/`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'empty.png') });
    await expect(page.getByTestId('doc-row').count()).resolves.toBe(0);
  });

  test('in the page, the API refuses a call that has only the cookie', async () => {
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/listDocuments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return r.status;
    });
    expect(status).toBe(401);
  });

  test('imports the five samples through the file input, with progress and a result list', async () => {
    // Record every progress label shown, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __labels: string[] }).__labels = seen;
      new MutationObserver(() => {
        const label = document.querySelector('[data-testid="import-progress-label"]');
        if (label?.textContent && seen[seen.length - 1] !== label.textContent) seen.push(label.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('import-input').setInputFiles(SAMPLES);
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('count-imported').innerText()).toBe('5');
    expect(await page.getByTestId('count-duplicates').innerText()).toBe('0');
    expect(await page.getByTestId('count-failed').innerText()).toBe('0');
    const results = page.getByTestId('import-result');
    await expect(results.count()).resolves.toBe(5);
    for (const status of await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
      expect(status).toBe('imported');
    }
    expect(await page.getByTestId('import-results').innerText()).toContain('Đã nhập');

    const labels = await page.evaluate(() => (window as unknown as { __labels: string[] }).__labels);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^Đang (đọc|nhập) [1-5]\/5(: .+)?$/);

    await page.locator('[data-testid="doc-row"]').nth(4).waitFor();
    await expect(page.getByTestId('doc-row').count()).resolves.toBe(5);
    expect(await page.getByTestId('doc-count').innerText()).toBe('5 văn bản');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'list.png') });
  });

  test('the date header sorts newest or oldest first', async () => {
    const header = page.locator('[role="columnheader"][aria-sort]');
    const dates = async () => {
      const cells = await page.locator('[data-testid="doc-row"] .c-date').allInnerTexts();
      return cells.map(parseVnDate).filter((d): d is string => d !== null);
    };
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const desc = await dates();
    expect(desc).toEqual([...desc].sort().reverse());

    await page.getByTestId('sort-date').click();
    await page.waitForFunction(
      () => document.querySelector('[role="columnheader"][aria-sort]')?.getAttribute('aria-sort') === 'ascending',
    );
    await page.locator('[data-testid="doc-row"]').nth(4).waitFor();
    const asc = await dates();
    expect(asc).toEqual([...asc].sort());
    expect(asc).toEqual([...desc].reverse());

    await page.getByTestId('sort-date').click();
    await page.waitForFunction(
      () => document.querySelector('[role="columnheader"][aria-sort]')?.getAttribute('aria-sort') === 'descending',
    );
  });

  test('opens a document: title, metadata and the full text in the Tinos font', async () => {
    const row = page.getByTestId('doc-row').first();
    openedId = Number(await row.getAttribute('data-id'));
    const listRef = (await row.locator('.c-ref').innerText()).trim();
    await row.click();
    await page.getByTestId('doc-title').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(`#/doc/${openedId}`);

    const title = (await page.getByTestId('doc-title').innerText()).trim();
    expect(title.length).toBeGreaterThan(3);
    if (listRef !== '—') expect(title).toContain(listRef);

    const meta = page.getByTestId('doc-meta');
    const labels = await meta.locator('dt').allInnerTexts();
    for (const label of [
      'Số/ký hiệu',
      'Loại văn bản',
      'Cơ quan ban hành',
      'Cấp',
      'Ngày ban hành',
      'Nơi ban hành',
      'Trích yếu',
      'Người ký',
      'Chức vụ ký',
      'Tên tệp gốc',
    ]) {
      expect(labels).toContain(label);
    }
    const fileName = (await meta.locator('[data-field="originalName"] dd').innerText()).trim();
    const sample = SAMPLES.find((f) => path.basename(f) === fileName);
    expect(sample).toBeDefined();
    const date = (await meta.locator('[data-field="date"] dd').innerText()).trim();
    expect(date === 'Không xác định' || /^\d{2}\/\d{2}\/\d{4}$/.test(date)).toBe(true);

    const text = page.getByTestId('doc-text');
    const shown = collapse(await text.innerText());
    const snippet = snippetOf(sample as string);
    expect(snippet.length).toBeGreaterThan(20);
    expect(shown).toContain(collapse(snippet));

    const style = await text.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { whiteSpace: cs.whiteSpace, fontFamily: cs.fontFamily };
    });
    expect(style.whiteSpace).toBe('pre-wrap');
    expect(style.fontFamily).toContain('Tinos');
    // The bundled font was allowed by the CSP and loaded with the cookie.
    const tinosLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return Array.from(document.fonts as unknown as Iterable<FontFace>).some(
        (f) => f.family.replace(/["']/g, '') === 'Tinos' && f.status === 'loaded',
      );
    });
    expect(tinosLoaded).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'document.png') });
  });

  test('"Quay lại" returns to the list with the opened row focused; the keyboard opens rows', async () => {
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.locator('[data-testid="doc-row"]').nth(4).waitFor();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === String(id), openedId);

    await page.keyboard.press('ArrowDown');
    const nextId = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(nextId).not.toBe(String(openedId));
    await page.keyboard.press('Enter');
    await page.getByTestId('doc-title').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(`#/doc/${nextId}`);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="doc-row"]').nth(4).waitFor();
  });

  test('importing the same files again reports five duplicates', async () => {
    await page.getByTestId('import-input').setInputFiles(SAMPLES);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="count-duplicates"]')?.textContent === '5',
      undefined,
      { timeout: 30000 },
    );
    expect(await page.getByTestId('count-imported').innerText()).toBe('0');
    expect(await page.getByTestId('count-failed').innerText()).toBe('0');
    const statuses = await page
      .getByTestId('import-result')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await page.getByTestId('import-results').innerText()).toContain('Đã có trong kho');
    await expect(page.getByTestId('doc-row').count()).resolves.toBe(5);
  });

  test('a reload keeps working without the token in the URL', async () => {
    await page.reload();
    await page.locator('[data-testid="doc-row"]').nth(4).waitFor();
    await expect(page.getByTestId('doc-row').count()).resolves.toBe(5);
  });

  test('HTML in a document is shown as text, never run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-xss-'));
    try {
      const file = path.join(dir, 'cong-van-thu-nghiem.txt');
      writeFileSync(
        file,
        [
          'HUYỆN ỦY AN LÃO',
          'Số 99-CV/HU',
          'An Lão, ngày 02 tháng 9 năm 2021',
          'CÔNG VĂN',
          'V/v kiểm tra hiển thị <script>alert(1)</script>',
          '',
          'Nội dung thử: <script>alert(1)</script> và <img src=x onerror="window.__xss=1;alert(2)"> cùng <b>chữ đậm</b>.',
          '',
          'T/M BAN THƯỜNG VỤ',
          'BÍ THƯ',
        ].join('\n'),
        'utf8',
      );
      await page.getByRole('button', { name: 'Nhập văn bản' }).click();
      await page.getByTestId('import-input').setInputFiles([file]);
      await page.waitForFunction(() => document.querySelector('[data-testid="count-imported"]')?.textContent === '1');
      await page.getByTestId('import-result').first().getByRole('button', { name: 'Mở' }).click();
      await page.getByTestId('doc-title').waitFor();

      const text = page.getByTestId('doc-text');
      const content = await text.evaluate((el) => el.textContent ?? '');
      expect(content).toContain('<script>alert(1)</script>');
      expect(content).toContain('<img src=x onerror="window.__xss=1;alert(2)">');
      expect(content).toContain('<b>chữ đậm</b>');
      expect(await text.evaluate((el) => el.childElementCount)).toBe(0);
      const injected = await page.evaluate(() => ({
        img: document.querySelectorAll('#root img').length,
        script: document.querySelectorAll('#root script').length,
        b: document.querySelectorAll('#root b').length,
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
      }));
      expect(injected).toEqual({ img: 0, script: 0, b: 0, xss: null });

      // The list shows the same text safely too.
      await page.getByRole('button', { name: 'Quay lại' }).click();
      await page.locator('[data-testid="doc-row"]').nth(5).waitFor();
      expect(await page.evaluate(() => document.querySelectorAll('#root img, #root script').length)).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('files dropped on the window are imported', async () => {
    await page.evaluate(() => {
      const text = 'ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố 7/TTr-UBND\nTỜ TRÌNH\nVề việc thử kéo thả tệp vào Vanthu.\n';
      const data = new DataTransfer();
      data.items.add(new File([text], 'to-trinh-keo-tha.txt', { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
      (window as unknown as { __data: DataTransfer }).__data = data;
    });
    await page.locator('.drop-overlay').waitFor();
    await page.evaluate(() => {
      const data = (window as unknown as { __data: DataTransfer }).__data;
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="count-imported"]')?.textContent === '1');
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    expect(await page.getByTestId('import-result').first().innerText()).toContain('to-trinh-keo-tha.txt');
    await page.locator('[data-testid="doc-row"]').nth(6).waitFor();
  });

  test('a file the archive cannot take is listed with its Vietnamese reason', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bad-'));
    try {
      const file = path.join(dir, 'bang-tinh.xyz');
      writeFileSync(file, 'không phải văn bản');
      await page.getByTestId('import-input').setInputFiles([file]);
      await page.waitForFunction(() => document.querySelector('[data-testid="count-failed"]')?.textContent === '1');
      const item = page.getByTestId('import-result').first();
      expect(await item.getAttribute('data-status')).toBe('failed');
      expect(await item.innerText()).toMatch(/Lỗi: \S/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing document shows the Vietnamese NOT_FOUND message', async () => {
    await page.evaluate(() => {
      location.hash = '#/doc/987654';
    });
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('NOT_FOUND');
    expect(await error.innerText()).toContain('Không tìm thấy văn bản trong kho.');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.locator('[data-testid="doc-row"]').first().waitFor();
  });

  test('no script errors and no Content-Security-Policy violations', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describeBrowser('vanthu serve: a larger archive in Chromium', () => {
  const COUNT = 260; // more than one upload batch (250) and more than one list page (200)
  let bigArchive: string;
  let bigServed: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error('CI đặt CI=1 nhưng không tìm thấy Chromium: hãy cài `apt-get install -y chromium`.');
    bigArchive = mkdtempSync(path.join(os.tmpdir(), 'vanthu-serve-big-'));
    bigServed = await serve(bigArchive);
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(30000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await bigServed?.stop();
    if (bigArchive) rmSync(bigArchive, { recursive: true, force: true });
  });

  test('imports many files in batches and scrolls the virtual list to the last row', async () => {
    await page.goto(bigServed.url);
    await page.getByTestId('empty-state').waitFor();
    const files = Array.from({ length: COUNT }, (_, i) => {
      const n = i + 1;
      const day = (i % 28) + 1;
      const month = (i % 12) + 1;
      const text = [
        'ỦY BAN NHÂN DÂN HUYỆN AN LÃO',
        `Số: ${n}/UBND-VP`,
        `An Lão, ngày ${day} tháng ${month} năm 2020`,
        `V/v thử nghiệm danh sách lớn, văn bản thứ ${n}`,
        '',
        `Nội dung văn bản thử số ${n}.`,
      ].join('\n');
      return {
        name: `cong-van-${String(n).padStart(3, '0')}.txt`,
        mimeType: 'text/plain',
        buffer: Buffer.from(text, 'utf8'),
      };
    });
    await page.getByTestId('import-input').setInputFiles(files);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="count-imported"]')?.textContent === String(n),
      COUNT,
      { timeout: 90000 },
    );
    expect(await page.getByTestId('count-failed').innerText()).toBe('0');
    // The result list is virtualized too: every file is counted, only a screenful is in the DOM.
    expect(await page.getByTestId('import-filter-all').innerText()).toBe(`Tất cả (${COUNT})`);
    expect(await page.getByTestId('import-result').first().getAttribute('aria-setsize')).toBe(String(COUNT));
    expect(await page.getByTestId('import-result').count()).toBeLessThan(40);
    expect(await page.getByTestId('doc-count').innerText()).toBe(`${COUNT} văn bản`);

    // Only the visible rows are in the DOM.
    await page.getByTestId('doc-row').first().waitFor();
    expect(await page.getByTestId('doc-list').locator('[data-index]').count()).toBeLessThan(80);

    // End goes to the last row; its page (past the first 200) loads in and keeps the focus.
    await page.getByTestId('doc-row').first().focus();
    await page.keyboard.press('End');
    await page.waitForFunction((last) => {
      const el = document.activeElement;
      return el?.getAttribute('data-index') === String(last) && el.getAttribute('data-testid') === 'doc-row';
    }, COUNT - 1);
    const lastId = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    await page.keyboard.press('Enter');
    await page.getByTestId('doc-title').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(`#/doc/${lastId}`);
  }, 180000);
});
