/**
 * «Vừa khung» on a small citation graph (a QA pass on the UI): a document with no or few links was
 * blown up to fill the canvas, one node 1,000 px wide with 60 px titles. Fitting now never enlarges
 * past 1.5×.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Archive } from '../../electron/core/archive';
import { NODE_W } from '../../renderer/src/graph/layout';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, findChromium, serve, type Served } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
/** A directive that cites nothing: its graph is the one node. */
const ALONE = [
  'ỦY BAN NHÂN DÂN HUYỆN AN LÃO',
  'Số: 15/TB-UBND',
  'An Lão, ngày 3 tháng 5 năm 2022',
  'THÔNG BÁO',
  'Lịch tiếp công dân tháng 5 năm 2022',
  '',
  'Chủ tịch Ủy ban nhân dân huyện tiếp công dân vào ngày 15 hằng tháng tại trụ sở.',
].join('\n');

describeBrowser('graph view fit', () => {
  let dir: { dir: string; cleanup: () => void };
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    dir = tempDir('vanthu-graph-fit-');
    const archive = Archive.open(dir.dir);
    const file = path.join(dir.dir, 'tb-15.txt');
    writeFileSync(file, ALONE);
    await archive.importPaths([file]);
    archive.close();
    served = await serve(dir.dir);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.cleanup();
  });

  test('a graph of one or two documents is not blown up to fill the canvas', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url.replace(/#.*$/, '') + '#/graph/1');
    const node = page.locator('[data-testid="graph-svg"] [data-node] rect').first();
    await node.waitFor();
    const width = async () => (await node.boundingBox())!.width;
    expect(await width()).toBeLessThanOrEqual(NODE_W * 1.6);
    await page.getByTestId('zoom-fit').click();
    expect(await width()).toBeLessThanOrEqual(NODE_W * 1.6);
    // Zooming in by hand still goes further.
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    expect(await width()).toBeGreaterThan(NODE_W * 1.6);
    await page.close();
  });
});
