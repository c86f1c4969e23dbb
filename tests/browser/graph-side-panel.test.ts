/**
 * The graph page's side panel (GraphCitations) in a 1024-pixel window (a QA pass on the UI): the
 * dashed «chưa có trong kho» flag of a cited document not in the archive broke over two lines, its
 * box cut in two open halves.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
/** Công văn 312-CV/HU of Huyện ủy Tân Yên, implementing 571-CV/TU, which is not in the archive. */
const TAN_YEN = path.join(ROOT, 'tests', 'fixtures', 'corpus', '015-cv-party-ocr-spacing.txt');

let session: ServedArchive;
let page: Page;
let id = 0;

describeBrowser('graph side panel', () => {
  beforeAll(async () => {
    session = await serveArchive('vanthu-graph-side-', async (archive) => {
      id = (await archive.importPaths([TAN_YEN])).files[0]!.id!;
    });
    page = session.page;
  }, 90000);

  afterAll(() => session?.close());

  test('the «chưa có trong kho» flag stays on one line, its dashed box whole', async () => {
    await page.goto(`${session.served.url}#/graph/${id}`);
    const flags = page.getByTestId('placeholder-flag');
    await flags.first().waitFor();
    const lines = await flags.evaluateAll((els) => els.map((el) => el.getClientRects().length));
    expect(lines.length).toBeGreaterThan(0);
    for (const n of lines) expect(n).toBe(1);
  });
});
