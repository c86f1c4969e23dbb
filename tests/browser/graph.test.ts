/**
 * The citation graph in the browser (issue #5, docs/graph.md) through `vanthu serve` in headless
 * Chromium, on the five samples plus tests/fixtures/graph (a chain Trung ương → tỉnh → huyện → xã
 * with documents cited but not archived): the document-page panel, the graph view laid out by
 * elkjs (levels, placeholders dashed, click to open, zoom, SVG export), the missing list.
 * Screenshot: test-output/screenshots/graph.png. `npm test` builds dist first.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR, serve, type Served } from './chromium';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'graph');
const SAMPLES = path.join(ROOT, 'tests', 'fixtures', 'samples');

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
if (!chromiumPath && !process.env.CI)
  console.warn('Bỏ qua kiểm thử sơ đồ liên kết trong trình duyệt: không tìm thấy Chromium.');

interface Imported {
  files: { path: string; id: number }[];
}

describeBrowser('the citation graph in the browser', () => {
  let archiveDir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const id = new Map<string, number>();
  const pageErrors: string[] = [];
  const workers: string[] = [];

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error('CI đặt CI=1 nhưng không tìm thấy Chromium: hãy cài `apt-get install -y chromium`.');
    archiveDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-graph-ui-'));
    const imported = JSON.parse(
      runCli(['import', SAMPLES, FIXTURES, '--json', '--archive', archiveDir]).stdout,
    ) as Imported;
    for (const f of imported.files) id.set(path.basename(f.path, '.txt'), f.id);
    expect(imported.files.length).toBe(10);
    served = await serve(archiveDir);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('worker', (w) => workers.push(w.url()));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  });

  test('the document page shows upward and downward links with their sentences, the chain and placeholders', async () => {
    const district = id.get('3-huyen-128-kh-hu')!;
    await page.goto(`${served.url}#/doc/${district}`);
    await page.getByTestId('graph-panel').waitFor();
    const up = page.getByTestId('graph-up');
    await up.waitFor();
    // Upward: the province letter it implements (with the sentence) and 02-CĐ/TU, not in the archive.
    const toProvince = up.locator(`[data-node-id="${id.get('2-tinh-571-cv-tu')}"]`).first();
    expect(await toProvince.innerText()).toContain('Công văn số 571-CV/TU');
    expect(await up.innerText()).toContain('Thực hiện Công văn số 571-CV/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy');
    const missingItem = up.locator('[data-testid="graph-link"]', { hasText: '02-CĐ/TU' });
    expect(await missingItem.getByTestId('placeholder-flag').innerText()).toBe('chưa có trong kho');
    // Downward: the commune plan.
    expect(await page.getByTestId('graph-down').innerText()).toContain('Kế hoạch số 35-KH/ĐU');
    // The chain, highest level first: Chỉ thị 05-CT/TW (placeholder) › 571-CV/TU › this plan.
    const chain = await page.getByTestId('graph-chain').locator('li').allInnerTexts();
    expect(chain.join(' | ')).toMatch(/05-CT\/TW.*\| .*571-CV\/TU.*\| .*128-KH\/HU \(văn bản này\)/);
    await page.getByTestId('graph-panel').screenshot({ path: path.join(SCREENSHOT_DIR, 'graph-document-panel.png') });
    // Click to open: the province letter's page, with its coverage of Nơi nhận.
    await toProvince.locator('a').click();
    await page.waitForFunction((want) => location.hash === want, `#/doc/${id.get('2-tinh-571-cv-tu')}`);
    await page.getByTestId('coverage').waitFor();
    const coverage = await page.getByTestId('coverage').innerText();
    expect(coverage).toContain('Huyện ủy Yên Thế');
    expect(coverage).toContain('Kế hoạch số 128-KH/HU');
    // Lục Nam never answered 571-CV/TU of March 2021: flagged.
    expect(coverage).toMatch(/Huyện ủy Lục Nam\s+Quá 30 ngày chưa có văn bản triển khai/);
  });

  test('the coverage threshold can be retyped: clearing «30» left «3», and «45» typed after it made «345»', async () => {
    await page.goto(`${served.url}#/doc/${id.get('2-tinh-571-cv-tu')}`);
    await page.getByTestId('coverage').waitFor();
    const box = page.getByLabel('Số ngày chờ văn bản triển khai');
    await box.click();
    await box.press('End');
    await box.press('Backspace');
    await box.press('Backspace');
    expect(await box.inputValue()).toBe('');
    await box.pressSequentially('45');
    expect(await box.inputValue()).toBe('45');
    await page.getByText('Quá 45 ngày chưa có văn bản triển khai').first().waitFor();
    // Left empty, the box shows the threshold in use again.
    await box.fill('');
    await box.blur();
    expect(await box.inputValue()).toBe('45');
  });

  test('the graph view lays out levels with elkjs, draws placeholders dashed, zooms, exports SVG, and opens a node', async () => {
    const district = id.get('3-huyen-128-kh-hu')!;
    await page.goto(`${served.url}#/doc/${district}`);
    await page.getByTestId('graph-open').click();
    await page.waitForFunction((want) => location.hash === want, `#/graph/${district}`);
    await page.locator('[data-testid="graph-svg"] [data-node]').first().waitFor();
    await page.getByTestId('graph-depth').selectOption('3');
    await page
      .locator(
        `[data-testid="graph-svg"] [data-node="${id.get('1-tw-15-cd')}"], [data-testid="graph-svg"] [data-node="${id.get('5-xa-35-kh-du')}"]`,
      )
      .first()
      .waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-svg"] [data-node]').length >= 5);
    // ELK ran in its worker, not in the page's thread.
    expect(workers.filter((u) => u.endsWith('/elk-worker.min.js'))).toHaveLength(1);

    const nodes = await page.$$eval('[data-testid="graph-svg"] [data-node]', (els) =>
      els.map((el) => {
        const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '')!;
        return {
          id: el.getAttribute('data-node')!,
          placeholder: el.hasAttribute('data-placeholder'),
          level: el.getAttribute('data-level'),
          y: Number(m[2]),
          dash: el.querySelector('rect')!.getAttribute('stroke-dasharray'),
        };
      }),
    );
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const province = byId.get(String(id.get('2-tinh-571-cv-tu')))!;
    const districtNode = byId.get(String(district))!;
    const commune = byId.get(String(id.get('5-xa-35-kh-du')))!;
    const central = nodes.find((n) => n.level === 'central')!;
    // Central at the top, commune at the bottom.
    expect(central.y).toBeLessThan(province.y);
    expect(province.y).toBeLessThan(districtNode.y);
    expect(districtNode.y).toBeLessThan(commune.y);
    // Placeholders (05-CT/TW, 02-CĐ/TU) are dashed; archived documents are not.
    const placeholders = nodes.filter((n) => n.placeholder);
    expect(placeholders.length).toBeGreaterThanOrEqual(2);
    for (const p of placeholders) expect(p.dash).toBeTruthy();
    for (const n of nodes.filter((x) => !x.placeholder)) expect(n.dash).toBeNull();
    // Edges between drawn nodes, each with its sentence as a tooltip.
    const edges = await page.$$eval('[data-testid="graph-svg"] path[data-edge]', (els) =>
      els.map((e) => ({ key: e.getAttribute('data-edge')!, title: e.textContent ?? '' })),
    );
    expect(edges.length).toBeGreaterThanOrEqual(4);
    expect(
      edges.some(
        (e) =>
          e.key === `${id.get('5-xa-35-kh-du')}>${district}` && e.title.includes('Thực hiện Kế hoạch số 128-KH/HU'),
      ),
    ).toBe(true);
    for (const e of edges) for (const end of e.key.split('>')) expect(byId.has(end)).toBe(true);
    expect(await page.getByTestId('graph-summary').innerText()).toMatch(/văn bản chưa có trong kho/);

    // Zoom with the button: redrawn at once (a new viewBox).
    const svg = page.getByTestId('graph-svg');
    const vb0 = await svg.getAttribute('viewBox');
    await page.getByTestId('zoom-in').click();
    const vb1 = await svg.getAttribute('viewBox');
    expect(vb1).not.toBe(vb0);
    // The wheel zooms around the pointer: the drawing moves at once (a CSS transform), then is
    // redrawn at the same place once the wheel is still (viewBox, no transform).
    const probe = `[data-testid="graph-svg"] [data-node="${district}"] rect`;
    const rectOf = () =>
      page.$eval(probe, (el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width };
      });
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    const r1 = await rectOf();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(({ sel, w }) => document.querySelector(sel)!.getBoundingClientRect().width < w * 0.9, {
      sel: probe,
      w: r1.w,
    });
    const moved = await rectOf();
    await page.waitForFunction(
      (vb) => document.querySelector('[data-testid="graph-svg"]')!.getAttribute('viewBox') !== vb,
      vb1,
    );
    expect(await svg.evaluate((el) => (el as SVGSVGElement).style.transform)).toBe('');
    const redrawn = await rectOf();
    expect(Math.abs(redrawn.x - moved.x)).toBeLessThan(1.5);
    expect(Math.abs(redrawn.y - moved.y)).toBeLessThan(1.5);
    expect(Math.abs(redrawn.w - moved.w)).toBeLessThan(1.5);
    // Drag pans: the node follows the pointer.
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 80, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(
      ({ sel, x }) => Math.abs(document.querySelector(sel)!.getBoundingClientRect().x - x) > 50,
      { sel: probe, x: redrawn.x },
    );
    const panned = await rectOf();
    expect(Math.abs(panned.x - redrawn.x - 100)).toBeLessThan(1.5);
    expect(Math.abs(panned.y - redrawn.y - 60)).toBeLessThan(1.5);
    await page.getByTestId('zoom-fit').click();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'graph.png') });
    // Printing shows the whole drawing (the screen's viewBox has margins for panning), then the screen view again.
    const screenView = await svg.getAttribute('viewBox');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'graph-print.png') });
    expect(await svg.getAttribute('viewBox')).toMatch(/^0 0 [\d.]+ [\d.]+$/);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await svg.getAttribute('viewBox')).toBe(screenView);

    // SVG export: a standalone document with every node, placeholders dashed, no remote reference.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    expect(download.suggestedFilename()).toBe(`so-do-${district}.svg`);
    const file = await download.path();
    const svgText = readFileSync(file!, 'utf8');
    expect(svgText).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((svgText.match(/data-node="/g) ?? []).length).toBe(nodes.length);
    expect(svgText).toContain('128-KH/HU');
    expect(svgText).toContain('stroke-dasharray="6 4"');
    expect(svgText).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    // PNG export: a real PNG.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    // Click a node: its document opens.
    await page.locator(`[data-testid="graph-svg"] [data-node="${id.get('5-xa-35-kh-du')}"] a`).click();
    await page.waitForFunction((want) => location.hash === want, `#/doc/${id.get('5-xa-35-kh-du')}`);
    expect(await page.getByTestId('doc-title').innerText()).toContain('35-KH/ĐU');
  });

  test('the missing list ranks placeholders with their citing documents and is printable', async () => {
    await page.goto(served.url);
    await page.getByTestId('missing-link').click();
    await page.getByTestId('missing-list').waitFor();
    const rows = page.getByTestId('missing-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const cd = rows.filter({ hasText: '02-CĐ/TU' });
    expect(await cd.count()).toBe(1);
    expect(await cd.innerText()).toContain('Kế hoạch số 128-KH/HU');
    expect(await page.getByRole('button', { name: 'In danh sách' }).isEnabled()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'graph-missing.png') });
    // The pending page opens (nothing uncertain in this archive).
    await page.getByTestId('pending-link').click();
    await page.getByTestId('pending-page').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
