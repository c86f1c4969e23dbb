/**
 * The graph view with the keyboard (a QA pass on the UI): its nodes could only be clicked. Tab
 * never reached them (placeholders had no link at all, and the drawing was one `img` to assistive
 * technology), so a clerk without a mouse could see the graph but open nothing from it, while the
 * document page's link panel worked. Now Tab walks the nodes in reading order (top row first, left
 * to right), each named by its type and number, ringed when focused and brought into view; Enter
 * opens it as a click does (a document's page, a placeholder's own graph).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR, serve, type Served } from './chromium';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'graph');

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;

interface Imported {
  files: { path: string; id: number }[];
}

/** The focused element's node, its accessible label, its box and the canvas's, and the ring's visibility. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const node = el?.closest('[data-node]');
    const canvas = document.querySelector('[data-testid="graph-canvas"]')!;
    const ring = node?.querySelector('.graph-focus-ring');
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, right: r.right, bottom: r.bottom };
    };
    return node
      ? {
          key: node.getAttribute('data-node')!,
          label: el!.getAttribute('aria-label'),
          box: box(node.querySelector('rect')!),
          canvas: box(canvas),
          scrolled: canvas.scrollLeft !== 0 || canvas.scrollTop !== 0,
          ring: ring ? getComputedStyle(ring).visibility : null,
        }
      : null;
  });
}

describeBrowser('graph nodes with the keyboard', () => {
  let archiveDir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const id = new Map<string, number>();

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-graph-keys-'));
    const imported = JSON.parse(runCli(['import', FIXTURES, '--json', '--archive', archiveDir]).stdout) as Imported;
    for (const f of imported.files) id.set(path.basename(f.path, '.txt'), f.id);
    served = await serve(archiveDir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  });

  const openGraph = async (key: string | number) => {
    await page.goto(`${served.url.replace(/#.*$/, '')}#/graph/${key}`);
    await page.locator('[data-testid="graph-svg"] [data-node]').first().waitFor();
  };
  /** Tab from the toolbar's last button until `want` holds for the focused node (at most `max` presses). */
  const tabTo = async (want: (key: string) => boolean, max = 20) => {
    await page.getByRole('button', { name: 'In', exact: true }).focus();
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f && want(f.key)) return f;
    }
    throw new Error('Tab never reached the node');
  };

  test('graph nodes are reached with Tab in reading order, named by type and number, ringed, and opened with Enter', async () => {
    const district = id.get('3-huyen-128-kh-hu')!;
    const province = id.get('2-tinh-571-cv-tu')!;
    await openGraph(district);
    const placed = await page.$$eval('[data-testid="graph-svg"] [data-node]', (els) =>
      els.map((el) => {
        const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '')!;
        return { key: el.getAttribute('data-node')!, x: Number(m[1]), y: Number(m[2]) };
      }),
    );
    expect(placed.length).toBeGreaterThanOrEqual(3);
    const reading = [...placed].sort((a, b) => a.y - b.y || a.x - b.x).map((n) => n.key);

    // Zoomed in, most nodes are outside the canvas: each one tabbed to is brought into view.
    for (let i = 0; i < 4; i++) await page.getByTestId('zoom-in').click();
    await page.getByRole('button', { name: 'In', exact: true }).focus();
    const order: string[] = [];
    for (let i = 0; i < placed.length; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect(f).not.toBeNull();
      order.push(f!.key);
      expect(f!.ring).toBe('visible');
      expect(f!.scrolled).toBe(false);
      expect(f!.box.x).toBeGreaterThanOrEqual(f!.canvas.x - 1);
      expect(f!.box.right).toBeLessThanOrEqual(f!.canvas.right + 1);
      expect(f!.box.y).toBeGreaterThanOrEqual(f!.canvas.y - 1);
      expect(f!.box.bottom).toBeLessThanOrEqual(f!.canvas.bottom + 1);
    }
    expect(order).toEqual(reading);
    // Only the focused node is ringed.
    expect(
      await page.$$eval(
        '.graph-focus-ring',
        (rings) => rings.filter((r) => getComputedStyle(r).visibility === 'visible').length,
      ),
    ).toBe(1);

    // Named as a clerk names a document, placeholders flagged; the drawing is no longer one opaque image.
    const graph = page.getByTestId('graph-svg');
    await expect(graph.getByRole('link', { name: /^Công văn số 571-CV\/TU/ }).count()).resolves.toBe(1);
    await expect(graph.getByRole('link', { name: /^Công văn số 02-CĐ\/TU.*chưa có trong kho/ }).count()).resolves.toBe(
      1,
    );

    // Enter on a document opens its page, as a click does.
    const onProvince = await tabTo((k) => k === String(province));
    expect(onProvince.label).toMatch(/^Công văn số 571-CV\/TU/);
    await page.keyboard.press('Enter');
    await page.waitForFunction((want) => location.hash === want, `#/doc/${province}`);
    await page.getByTestId('doc-title').waitFor();

    // Enter on a placeholder opens its own graph: who cites the document not in the archive.
    await openGraph(district);
    const onMissing = await tabTo((k) => k.startsWith('p'));
    expect(onMissing.label).toMatch(/chưa có trong kho/);
    await page.keyboard.press('Enter');
    await page.waitForFunction((want) => location.hash === want, `#/graph/${onMissing.key}`);
    await page.waitForFunction(
      (key) => document.querySelector('.graph-title')?.textContent?.includes(key) ?? false,
      onMissing.label!.split(',')[0]!.replace(/^.* số /, ''),
    );
    await page.locator(`[data-testid="graph-svg"] [data-node="${district}"]`).waitFor();
  });

  // QA: a citation's sentence showed only in an edge's hover tooltip, which a clerk on the keyboard
  // (or a touchpad, aiming at a 1 px line) could not bring up. The selected node's citations are
  // listed beside the drawing with their sentences: the graph's own document at first, then the
  // node focused with Tab or rested on with the mouse.
  test('the citing sentences are listed beside the graph for the node focused with Tab (they were only in a hover tooltip)', async () => {
    const district = id.get('3-huyen-128-kh-hu')!;
    const province = id.get('2-tinh-571-cv-tu')!;
    await openGraph(district);
    const panel = page.getByTestId('graph-citations');
    await panel.waitFor();
    expect(await panel.getAttribute('data-node')).toBe(String(district));
    // The district plan cites the provincial letter: its sentence, readable without hovering.
    const up = panel.getByTestId('graph-citations-up');
    const toProvince = up.getByTestId('graph-link').filter({ hasText: '571-CV/TU' });
    expect(await toProvince.count()).toBe(1);
    expect(await toProvince.locator('.graph-sentence').innerText()).toMatch(/Thực hiện Công văn số 571-CV\/TU/);

    // Tab onto the provincial letter: the list follows the focus, the plan's sentence now under «Được thực hiện bởi».
    await tabTo((k) => k === String(province));
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="graph-citations"]')?.getAttribute('data-node') === want,
      String(province),
    );
    const down = panel.getByTestId('graph-citations-down').getByTestId('graph-link').filter({ hasText: '128-KH/HU' });
    expect(await down.count()).toBe(1);
    expect(await down.locator('.graph-sentence').innerText()).toMatch(/571-CV\/TU/);
    expect(await panel.locator('h2').innerText()).toMatch(/^Công văn số 571-CV\/TU/);
    // Visible on screen beside the drawing, not below the fold.
    const box = await panel.boundingBox();
    expect(box!.y + 40).toBeLessThan(900);
    // The focus stayed on the node: listing its citations does not take it away.
    expect((await focused(page))?.key).toBe(String(province));

    // The mouse resting on a node (a touchpad too) lists that node's citations.
    await page.locator(`[data-testid="graph-svg"] [data-node="${district}"] rect`).first().hover();
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="graph-citations"]')?.getAttribute('data-node') === want,
      String(district),
    );
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'graph-citations.png') });
  });
});
