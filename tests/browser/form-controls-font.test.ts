/**
 * Form controls in the app's own type (a QA pass on the UI): the sort list of the results, the
 * dashboard's period, the graph's depth, the task sheet's print choice and its tracking boxes (the
 * completion date, the report's ID) and the document page's waiting days were drawn in the
 * browser's default for controls, 13.3 px Arial, beside 15 px text and buttons: smaller than
 * everything around them, and the date a clerk types the hardest to read.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { findChromium, ROOT, serveArchive, type ServedArchive } from './chromium';

const chromiumPath = findChromium();
const describeBrowser = chromiumPath || process.env.CI ? describe : describe.skip;
const SAMPLES = path.join(ROOT, 'tests', 'fixtures', 'samples');
/** A plan of Huyện ủy Yên Thế with tasks (a task sheet with tracking rows). */
const YEN_THE = path.join(SAMPLES, '003_0fe373fd9470e206.txt');

let session: ServedArchive;
let page: Page;
let planId = 0;

/** Each visible select and text-like box that is not in the body's font and size. */
function offFont(p: Page) {
  return p.evaluate(() => {
    const body = getComputedStyle(document.body);
    const boxes = document.querySelectorAll<HTMLElement>(
      'select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=file])',
    );
    return Array.from(boxes)
      .filter((el) => el.getBoundingClientRect().width > 0)
      .map((el) => {
        const s = getComputedStyle(el);
        return {
          control: `${el.tagName.toLowerCase()} «${el.getAttribute('aria-label') ?? ''}»`,
          family: s.fontFamily === body.fontFamily,
          size: parseFloat(s.fontSize) >= parseFloat(body.fontSize),
        };
      })
      .filter((c) => !c.family || !c.size);
  });
}

describeBrowser('form controls', () => {
  beforeAll(async () => {
    session = await serveArchive('vanthu-controls-font-', async (archive) => {
      const r = await archive.importPaths([SAMPLES]);
      planId = r.files.find((f) => f.path === YEN_THE)!.id!;
    });
    page = session.page;
  }, 90000);

  afterAll(() => session?.close());

  test('the search box and the results sort list are in the page font, not 13 px Arial', async () => {
    await page.goto(session.served.url);
    const box = page.getByTestId('search-input');
    await box.fill('phong chong dich');
    await box.press('Enter');
    await page.getByLabel('Sắp xếp').waitFor();
    await expect(offFont(page)).resolves.toEqual([]);
  });

  test.each(['#/tasks', '#/graph/ID', '#/doc/ID'])('the controls of %s are in the page font', async (hash) => {
    await page.goto(`${session.served.url}${hash.replace('ID', String(planId))}`);
    await page.locator('select, input[type=number]').first().waitFor();
    await expect(offFont(page)).resolves.toEqual([]);
  });

  test("the task sheet's tracking boxes and print choice are in the page font", async () => {
    await page.goto(`${session.served.url}#/tasksheet/${planId}`);
    await page.locator('.track-table tbody tr').first().waitFor();
    await page.getByLabel('Kiểu phiếu').waitFor();
    await expect(offFont(page)).resolves.toEqual([]);
  });
});
