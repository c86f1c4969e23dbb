/**
 * Desktop habits in the page (issue #8), through `vanthu serve` and headless Chromium: the
 * first-run screen (empty archive, office settings never saved: where the archive lives, a link to
 * the office settings, the import), when it does not show, and #/about with the version and the
 * archive's statistics. Screenshot: test-output/screenshots/first-run.png. `npm test` builds dist first.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { createDispatcher } from '../../electron/core/api/dispatch';
import { createBackup } from '../../electron/core/backup/backup';
import { APP_VERSION } from '../../electron/core/version';
import { CHROMIUM_ARGS, SCREENSHOT_DIR, findChromium, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

const DIRECTIVE = [
  'HUYỆN ỦY AN LÃO',
  'Số 12-CV/HU',
  'An Lão, ngày 02 tháng 9 năm 2021',
  'CÔNG VĂN',
  'V/v tăng cường phòng chống dịch',
  '',
  'Đề nghị các chi bộ triển khai.',
  '',
  'T/M BAN THƯỜNG VỤ',
  'BÍ THƯ',
].join('\n');

type Kind = 'fresh' | 'office-set' | 'with-document';

describeBrowser('desktop habits in the page', () => {
  let dir: string;
  let browser: Browser;
  const served = new Map<Kind, Served>();
  const archives = new Map<Kind, string>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-desktop-ui-'));
    for (const kind of ['fresh', 'office-set', 'with-document'] as const) {
      // The fresh archive sits as deep as a Windows one does (C:\Users\…\AppData\Roaming\Vanthu).
      const kho =
        kind === 'fresh'
          ? path.join(dir, 'Users', 'Nguyễn Thị Thanh Hương', 'AppData', 'Roaming', 'Vanthu', 'KhoVanBanChiDao', kind)
          : path.join(dir, kind);
      const archive = Archive.open(kho);
      if (kind === 'office-set') {
        const call = createDispatcher(archive, { host: 'cli' });
        const office = await call('getOfficeSettings', {});
        if (!office.ok) throw new Error(office.error.message);
        expect(
          (await call('saveOfficeSettings', { settings: (office.value as { defaults: unknown }).defaults })).ok,
        ).toBe(true);
      }
      if (kind === 'with-document') {
        const file = path.join(dir, 'cv.txt');
        writeFileSync(file, DIRECTIVE);
        await archive.importPaths([file]);
        mkdirSync(path.join(dir, 'usb'));
        await createBackup(archive.db, path.join(dir, 'usb', 'a.vanthu-backup'), {
          appVersion: APP_VERSION,
          trigger: 'manual',
        });
      }
      archive.close();
      archives.set(kind, kho);
    }
    for (const [kind, kho] of archives) served.set(kind, await serve(kho));
    browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: CHROMIUM_ARGS });
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    for (const s of served.values()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(kind: Kind, hash = '#/'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${served.get(kind)!.url}${hash}`);
    return page;
  }

  test('an empty archive with no office settings shows the first-run screen: where the archive is, office settings, import', async () => {
    const page = await open('fresh');
    try {
      // The first-run steps sit in the empty-archive container, which stays mounted as they appear.
      await page.getByTestId('first-run').waitFor();
      const screen = page.getByTestId('empty-state');
      expect(await screen.locator('h2').first().textContent()).toBe('Chào mừng đến với Vanthu');
      const location = await page.getByTestId('first-run-location').textContent();
      expect(realpathSync(location!)).toBe(realpathSync(archives.get('fresh')!));
      // The import offer is on the screen itself.
      expect(await screen.locator('.import-panel').count()).toBe(1);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'first-run.png') });
      await page.getByTestId('first-run-settings').click();
      await page.waitForFunction(() => window.location.hash === '#/settings');
      expect(await page.getByTestId('first-run').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  // QA: the archive path on the first-run screen broke anywhere (word-break: break-all), «AppDa» /
  // «ta», and ran on in the sentence. It stands on its own line, broken only after a separator.
  test('the first-run screen shows a long archive path on its own lines, broken only between folders, copyable whole', async () => {
    const page = await browser.newPage({ viewport: { width: 460, height: 900 } });
    try {
      await page.goto(served.get('fresh')!.url);
      const location = page.getByTestId('first-run-location');
      await location.waitFor();
      const lines = await location.evaluate((el) => {
        const tops = new Set<number>();
        const broken: string[] = [];
        for (const seg of Array.from(el.querySelectorAll('.path-seg'))) {
          const rects = Array.from(seg.getClientRects());
          if (rects.length !== 1) broken.push(seg.textContent ?? '');
          for (const r of rects) tops.add(Math.round(r.top));
        }
        const box = el.getBoundingClientRect();
        const li = el.parentElement!.getBoundingClientRect();
        return { lines: tops.size, broken, inside: box.right <= li.right + 1, display: getComputedStyle(el).display };
      });
      expect(lines.broken).toEqual([]); // no folder name cut in two («Nguyễn Thị» / «Thanh Hương», «AppDa» / «ta»)
      expect(lines.lines).toBeGreaterThan(1);
      expect(lines.inside).toBe(true);
      expect(lines.display).toBe('block');
      // What a clerk selects and copies is the path, with no character added at the breaks.
      expect(realpathSync((await location.textContent())!)).toBe(realpathSync(archives.get('fresh')!));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'first-run-narrow.png') });
    } finally {
      await page.close();
    }
  });

  test.each([
    ['office-set', 'empty-state'],
    ['with-document', 'doc-list'],
  ] as const)('no first-run screen when the archive is %s (shows %s)', async (kind, shown) => {
    const page = await open(kind);
    try {
      await page.getByTestId(shown).first().waitFor();
      expect(await page.getByTestId('first-run').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  test('#/about shows the version, document count, size on disk and the last backup; the footer links to it', async () => {
    const page = await open('with-document');
    try {
      await page.getByTestId('about-link').click();
      await page.getByTestId('about').waitFor();
      expect(await page.getByTestId('about-version').textContent()).toBe(APP_VERSION);
      expect(await page.getByTestId('about-documents').textContent()).toBe('1');
      expect(await page.getByTestId('about-size').textContent()).toMatch(/^\d+(,\d)? (KB|MB)$/);
      const backup = await page.getByTestId('about-backup').textContent();
      expect(backup).not.toBe('Chưa sao lưu lần nào');
      expect(backup).toMatch(/\d{4}/);
      await page.getByTestId('about').screenshot({ path: path.join(SCREENSHOT_DIR, 'about.png') });
    } finally {
      await page.close();
    }
    const fresh = await open('fresh', '#/about');
    try {
      await fresh.getByTestId('about').waitFor();
      expect(await fresh.getByTestId('about-documents').textContent()).toBe('0');
      expect(await fresh.getByTestId('about-backup').textContent()).toBe('Chưa sao lưu lần nào');
    } finally {
      await fresh.close();
    }
  });

  test('the desktop menu commands drive the page: Ctrl+F focuses the search box, About opens #/about, Ctrl+P prints', async () => {
    const page = await browser.newPage();
    // Stand-in for the preload's window.vanthuMenu (the browser host has none).
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const listeners: ((command: string, jobId?: string) => void)[] = [];
      w.__menu = (command: string, jobId?: string) => listeners.forEach((l) => l(command, jobId));
      w.__printed = 0;
      window.print = () => {
        w.__printed = (w.__printed as number) + 1;
      };
      w.vanthuMenu = {
        onCommand(listener: (command: string, jobId?: string) => void) {
          listeners.push(listener);
          return () => listeners.splice(listeners.indexOf(listener), 1);
        },
      };
    });
    const menu = (command: string) =>
      page.evaluate((c) => (window as unknown as { __menu(c: string): void }).__menu(c), command);
    try {
      await page.goto(`${served.get('with-document')!.url}#/settings`);
      await page.waitForFunction(
        () => Boolean((window as unknown as { __menu?: unknown }).__menu) && document.querySelector('.app-header'),
      );
      await menu('about');
      await page.getByTestId('about').waitFor();
      await menu('search');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'search-input');
      expect(await page.evaluate(() => window.location.hash)).toBe('#/');
      await menu('print');
      expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    } finally {
      await page.close();
    }
  });
});
