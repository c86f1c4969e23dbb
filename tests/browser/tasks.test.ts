/**
 * Task sheets rendered by headless Chromium to PDF (issue #6): A4 pages, Tinos embedded, every
 * task's text present with its diacritics (text extracted with unpdf), the table header repeated
 * on page 2 of a 30-task sheet, page numbers, per-agency sheets and the agency digest. Per-agency
 * PDFs from the CLI and from the desktop app's Save as PDF restart their page numbers for each
 * agency. Writes test-output/screenshots/tasksheet-page1.png (Chromium screenshot of page 1).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { spawnSync } from 'node:child_process';
import { Archive } from '../../electron/core/archive';
import { tasksOf } from '../../electron/core/tasks';
import { embeddedFontCss } from '../../electron/core/tasks/fonts';
import { renderHtml } from '../../electron/core/tasks/pdf';
import { parseDirective } from '../../shared/parser';
import { renderSheetHtml, TABLE_HEADER, type SheetPrint } from '../../shared/tasks/render';
import { DISTRICT_AGENCY_TEMPLATE } from '../../shared/tasks/agencies';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { chromium, type Browser } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from '../../electron/core/api/dispatch';
import { CHROMIUM_ARGS, findChromium, ROOT, SCREENSHOT_DIR, serve } from './chromium';

const SAMPLES_DIR = path.join(ROOT, 'tests', 'fixtures', 'samples');
const YEN_THE = path.join(SAMPLES_DIR, '003_0fe373fd9470e206.txt');
const chromiumPath = findChromium();
const onCi = Boolean(process.env.CI);
if (!chromiumPath && !onCi)
  console.warn('Bỏ qua kiểm thử in phiếu giao việc: không tìm thấy Chromium (đặt CHROMIUM_PATH).');
const describeBrowser = chromiumPath || onCi ? describe : describe.skip;

/** Whitespace-free NFC: PDF text breaks lines wherever the table column wraps. */
const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

// pdf.js inside unpdf is loaded by dynamic import, which Jest's VM refuses: extract in a plain Node
// child, one for many PDFs (starting one costs about a second).
const EXTRACT = `
const u = require('unpdf');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const texts = [];
  for (const pdf of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
    const doc = await u.getDocumentProxy(new Uint8Array(Buffer.from(pdf, 'base64')), { isEvalSupported: false, verbosity: 0 });
    texts.push((await u.extractText(doc, { mergePages: false })).text);
  }
  process.stdout.write(JSON.stringify(texts));
});`;

/** The text of each page of each PDF. */
function pdfPagesOf(pdfs: readonly Buffer[]): string[][] {
  const run = spawnSync(process.execPath, ['-e', EXTRACT], {
    cwd: ROOT,
    input: JSON.stringify(pdfs.map((b) => b.toString('base64'))),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`unpdf: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

async function pdfPages(bytes: Buffer): Promise<string[]> {
  return pdfPagesOf([bytes])[0]!;
}

async function pageSizes(bytes: Buffer): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((p) => p.getSize());
}

/** Base names of the fonts whose program is in the PDF ("AAAAAA+Tinos-Regular" → "Tinos-Regular"). */
async function embeddedFontNames(bytes: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const names = doc.context.enumerateIndirectObjects().flatMap(([, object]) => {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) return [];
    const name = object.get(PDFName.of('FontName'));
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => object.has(PDFName.of(key)));
    return name instanceof PDFName && embedded ? [name.decodeText().replace(/^[A-Z]{6}\+/, '')] : [];
  });
  return [...new Set(names)];
}

/**
 * True when `text` appears in the extracted PDF text in order, allowing at most `breaks`
 * interruptions: a row that continues on the next page is cut by the other cells of that page, the
 * page number and the repeated header row. Words are compared exactly (NFC), so a lost diacritic fails.
 */
function presentAcrossPages(all: string, text: string, breaks: number): boolean {
  let cursor = -1;
  let jumps = 0;
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    const at = cursor < 0 ? all.indexOf(word) : all.indexOf(word, cursor);
    if (at < 0) return false;
    if (cursor >= 0 && at !== cursor) jumps++;
    cursor = at + word.length;
  }
  return jumps <= breaks;
}

const A4 = { width: 595.28, height: 841.89 };
const isA4 = (s: { width: number; height: number }) =>
  Math.abs(s.width - A4.width) < 1.5 && Math.abs(s.height - A4.height) < 1.5;

let archive: Archive;
let dir: { dir: string; cleanup: () => void };
let yenThe: number;
const TODAY = '2021-08-02';
/** Sample file name → its document id. */
let sampleIds: Map<string, number>;

beforeAll(async () => {
  dir = tempDir('vanthu-tasks-');
  archive = Archive.open(dir.dir);
  const report = await archive.importPaths([SAMPLES_DIR]);
  expect(report.imported).toBe(5);
  yenThe = archive.findByRef('-CV/HU')[0]!.id;
  sampleIds = new Map(report.files.map((f) => [path.basename(f.path), f.id!]));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 60000);

afterAll(() => {
  archive?.close();
  dir?.cleanup();
});

async function toPdf(print: SheetPrint, pngPath?: string): Promise<{ html: string; pdf: Buffer }> {
  const html = renderSheetHtml(print, { fontCss: embeddedFontCss(), title: 'phiếu' });
  const { pdf } = await renderHtml(html, {
    executablePath: chromiumPath!,
    pdfPath: path.join(dir.dir, `out-${Date.now()}.pdf`),
    ...(pngPath ? { pngPath } : {}),
  });
  return { html, pdf: pdf! };
}

describeBrowser('task sheet PDF (headless Chromium)', () => {
  test('Yên Thế: seven numbered tasks with their lead agencies, A4, Tinos embedded, diacritics intact, page 1 image', async () => {
    const { print } = tasksOf(archive).printData(
      { kind: 'directive', documentId: yenThe, agency: null, perAgency: false, tracking: false },
      TODAY,
    );
    const rows = print.sections[0]!.rows;
    expect(rows.map((r) => r.stt)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rows.map((r) => r.lead)).toEqual([
      ['Các cơ quan, đơn vị'],
      [
        'UBND huyện',
        'Ban Chỉ đạo phòng, chống dịch Covid-19',
        'Ban Chỉ đạo tổ Covid cộng đồng huyện',
        'Các xã, thị trấn',
      ],
      ['Công an huyện', 'Ban Chỉ huy Quân sự huyện'],
      ['Trung tâm Y tế huyện'],
      ['Ban Dân vận Huyện ủy', 'Ủy ban MTTQ Việt Nam huyện', 'tổ chức chính trị - xã hội các cấp'],
      ['Ban Tuyên giáo Huyện ủy', 'Phòng Văn hóa – Thông tin', 'Trung tâm Văn hóa – Thông tin và Thể thao huyện'],
      ['UBND huyện'],
    ]);

    const png = path.join(SCREENSHOT_DIR, 'tasksheet-page1.png');
    const { html, pdf } = await toPdf(print, png);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

    const sizes = await pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.every(isA4)).toBe(true);
    expect((await embeddedFontNames(pdf)).every((n) => n.startsWith('Tinos-'))).toBe(true);
    expect(await embeddedFontNames(pdf)).toEqual(
      expect.arrayContaining(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic']),
    );

    const pages = await pdfPages(pdf);
    const all = squash(pages.join(''));
    const parsed = parseDirective(readFileSync(YEN_THE, 'utf8'));
    expect(parsed.tasks).toHaveLength(7);
    for (const task of parsed.tasks) expect(presentAcrossPages(all, task.text, pages.length * 2)).toBe(true);
    for (const line of [
      'PHIẾU GIAO VIỆC',
      'HUYỆN ỦY YÊN THẾ',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Yên Thế, ngày 02 tháng 8 năm 2021',
      '(Thực hiện Công văn số -CV/HU ngày 25/07/2021 của Huyện ủy Yên Thế)',
      'Nơi nhận:',
      'NGƯỜI LẬP PHIẾU',
    ]) {
      expect(all).toContain(squash(line));
    }
    // Page numbers top centre from page 2 on, none on page 1.
    expect(pages[1]!.trim().startsWith('2')).toBe(true);
    expect(pages[0]!.trim().startsWith('HUYỆN')).toBe(true);
    expect(html).not.toMatch(/ style="/);
  });

  test('the header row repeats on page 2 of a 30-task sheet', async () => {
    // Thirty real tasks from the five samples.
    const tasks = readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .flatMap((f) => parseDirective(readFileSync(path.join(SAMPLES_DIR, f), 'utf8')).tasks)
      .slice(0, 30);
    expect(tasks).toHaveLength(30);
    const print: SheetPrint = {
      office: {
        officeName: 'Văn phòng UBND',
        superiorBody: 'UBND huyện Yên Thế',
        style: 'state',
        province: 'Bắc Giang',
        place: 'Yên Thế',
        signerTitle: 'Chánh Văn phòng',
        signerName: 'Nguyễn Văn A',
        agencies: [...DISTRICT_AGENCY_TEMPLATE],
      },
      date: '2021-08-02',
      sections: [
        {
          title: 'BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ',
          agency: null,
          source: null,
          rows: tasks.map((t, i) => ({
            stt: String(i + 1),
            text: t.text,
            lead: t.lead,
            cooperate: t.cooperate,
            deadline: t.deadline?.text ?? '',
            result: 'Đang thực hiện',
          })),
          recipients: ['UBND các xã, thị trấn'],
        },
      ],
    };
    const { pdf } = await toPdf(print);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    const header = squash(TABLE_HEADER.join(''));
    for (let i = 1; i < pages.length; i++) expect(squash(pages[i]!)).toContain(header);
    expect(squash(pages[0]!)).toContain(squash('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
    expect(squash(pages[0]!)).toContain(squash('Độc lập - Tự do - Hạnh phúc'));
    const all = squash(pages.join(''));
    for (const t of tasks) expect(presentAcrossPages(all, t.text, pages.length * 2)).toBe(true);
  });

  test('one sheet per agency starts each agency on a new page; the digest lists Công an huyện across directives', async () => {
    const service = tasksOf(archive);
    const { print } = service.printData(
      { kind: 'directive', documentId: yenThe, agency: null, perAgency: true, tracking: false },
      TODAY,
    );
    const agencies = print.sections.map((s) => s.agency);
    expect(agencies).toEqual(
      expect.arrayContaining([
        'UBND huyện',
        'Công an huyện',
        'Ban Chỉ huy Quân sự huyện',
        'Trung tâm Y tế huyện',
        'Ban Dân vận Huyện ủy',
        'Ủy ban MTTQ Việt Nam huyện',
      ]),
    );
    const police = print.sections.find((s) => s.agency === 'Công an huyện')!;
    // Task 1 names no agency (it concerns everyone); task 3 is the police's own.
    expect(police.rows.map((r) => r.stt)).toEqual(['1', '3']);
    const { pdf } = await toPdf(print);
    const pages = (await pdfPages(pdf)).map(squash);
    const firstPages = pages.filter((p) => p.includes(squash('PHIẾU GIAO VIỆC')));
    expect(firstPages).toHaveLength(print.sections.length);
    for (const agency of agencies)
      expect(firstPages.some((p) => p.includes(squash(`Cơ quan chủ trì: ${agency}`)))).toBe(true);

    const digest = service.printData({ kind: 'digest', agency: 'CA huyện' }, TODAY);
    const section = digest.print.sections[0]!;
    expect(section.agency).toBe('Công an huyện');
    expect(section.rows.map((r) => r.source)).toEqual([
      expect.stringContaining('Thông báo kết luận ngày 28/01/2021 của Ban Chấp hành Đảng bộ huyện, mục 6'),
      expect.stringContaining('Công văn số -CV/HU ngày 25/07/2021 của Huyện ủy Yên Thế, mục 3'),
    ]);
    const out = await toPdf(digest.print);
    const text = squash((await pdfPages(out.pdf)).join(''));
    expect(text).toContain(squash('BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ'));
    expect(text).toContain(squash('Công an huyện phối hợp với các đơn vị chức năng'));
  });

  test('CLI: vanthu tasksheet --html and --pdf; a clear Vietnamese message when no Chromium is found', () => {
    const html = path.join(dir.dir, 'phieu.html');
    const pdf = path.join(dir.dir, 'phieu.pdf');
    archive.close();
    try {
      const ok = runCli(
        ['tasksheet', String(yenThe), '--archive', dir.dir, '--html', html, '--pdf', pdf, '--today', TODAY],
        { CHROMIUM_PATH: chromiumPath ?? '' },
      );
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(readFileSync(html, 'utf8')).toContain('PHIẾU GIAO VIỆC');
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

      const none = runCli(['tasksheet', String(yenThe), '--archive', dir.dir, '--pdf', path.join(dir.dir, 'x.pdf')], {
        PATH: '',
        CHROMIUM_PATH: '',
        VANTHU_CHROMIUM: '',
      });
      expect({ status: none.status, stderr: none.stderr }).toEqual({
        status: 1,
        stderr: expect.stringContaining('Không tìm thấy'),
      });
      expect(none.stderr).toContain('Không tìm thấy trình duyệt Chromium, Chrome hoặc Edge để tạo PDF');
    } finally {
      archive = Archive.open(dir.dir);
    }
  });

  test('browser host: #/tasksheet/ID shows the editor and the same sheet markup, styled under the CSP', async () => {
    const served = await serve(dir.dir);
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const cspErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      await page.goto(`${served.url}#/tasksheet/${yenThe}`);
      const preview = page.getByTestId('sheet-preview');
      await preview.getByText('PHIẾU GIAO VIỆC').waitFor();
      expect(await page.getByTestId('task-item').count()).toBe(7);
      expect(await preview.locator('.vt-tasks tbody tr').count()).toBe(7);
      expect(await preview.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Tinos');
      expect(cspErrors).toEqual([]);
      await page.goto(`${served.url}#/tasks`);
      await page.getByText('Theo cơ quan').waitFor();
    } finally {
      await browser.close();
      await served.stop();
    }
  });
});

/**
 * Real directives whose every agency's sheet spans two pages or more: their rows naming no agency
 * concern everyone, so they are on every agency's sheet.
 */
const PER_AGENCY_CASES = [
  { name: 'Thông báo kết luận của Ban Chấp hành Đảng bộ huyện', sample: '001_ba9e19c5fe2e9754.txt', agencies: 6 },
  { name: 'Công văn -CV/HU của Huyện ủy Yên Thế', sample: '003_0fe373fd9470e206.txt', agencies: 13 },
  { name: 'Thông báo kết luận của Ban Thường vụ Tỉnh ủy', sample: '004_10cb237028680240.txt', agencies: 5 },
];

const perAgencyPrint = (documentId: number) =>
  tasksOf(archive).printData({ kind: 'directive', documentId, agency: null, perAgency: true, tracking: false }, TODAY)
    .print;

/** The page texts of each agency's sheet printed alone: the pages that agency is handed. */
async function ownPages(browser: Browser, print: SheetPrint): Promise<string[][]> {
  const page = await browser.newPage();
  try {
    const pdfs: Buffer[] = [];
    for (const section of print.sections) {
      const html = renderSheetHtml({ ...print, sections: [section] }, { fontCss: embeddedFontCss(), title: 'phiếu' });
      await page.setContent(html);
      await page.evaluate('document.fonts.ready.then(() => true)');
      pdfs.push(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    }
    return pdfPagesOf(pdfs);
  } finally {
    await page.close();
  }
}

/** The joined PDF is the agencies' own PDFs one after another: page 1 of each unnumbered, then 2, 3… */
async function expectNumbersRestart(pdf: Buffer, print: SheetPrint, own: string[][]): Promise<void> {
  const pages = await pdfPages(pdf);
  expect(pages.length).toBe(own.reduce((n, p) => n + p.length, 0));
  expect(pages.map(squash)).toEqual(own.flat().map(squash));
  expect((await pageSizes(pdf)).every(isA4)).toBe(true);
  let at = 0;
  for (const [i, agencyPages] of own.entries()) {
    expect(agencyPages.length).toBeGreaterThanOrEqual(2);
    const first = pages[at]!.trim();
    expect(squash(first)).toContain(squash(`Cơ quan chủ trì: ${print.sections[i]!.agency}`));
    expect(first).not.toMatch(/^\d/);
    for (let k = 1; k < agencyPages.length; k++) expect(pages[at + k]!.trim()).toMatch(new RegExp(`^${k + 1}(?!\\d)`));
    at += agencyPages.length;
  }
}

/** Electron's BrowserWindow as print.ts uses it; printToPDF is Chromium's own print to PDF (playwright). */
let standInBrowser: Browser | null = null;
const standInLoads: string[] = [];
class StandInWindow {
  private file = '';
  readonly webContents = {
    printToPDF: async (options: { preferCSSPageSize: boolean; printBackground: boolean }) => {
      const page = await standInBrowser!.newPage();
      try {
        await page.goto(pathToFileURL(this.file).href);
        await page.evaluate('document.fonts.ready.then(() => true)');
        return await page.pdf(options);
      } finally {
        await page.close();
      }
    },
    print: (_options: unknown, done: (success: boolean, reason: string) => void) => done(true, ''),
  };
  async loadFile(file: string) {
    this.file = file;
    standInLoads.push(readFileSync(file, 'utf8'));
  }
  destroy() {}
}

describeBrowser('per-agency PDF: page numbers restart for each agency', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(PER_AGENCY_CASES)('CLI: $name', async ({ sample, agencies }) => {
    const documentId = sampleIds.get(sample)!;
    const print = perAgencyPrint(documentId);
    expect(print.sections).toHaveLength(agencies);
    const own = await ownPages(browser, print);
    const out = path.join(dir.dir, `theo-co-quan-${documentId}.pdf`);
    archive.close();
    try {
      const run = runCli(
        ['tasksheet', String(documentId), '--per-agency', '--pdf', out, '--archive', dir.dir, '--today', TODAY],
        { CHROMIUM_PATH: chromiumPath ?? '' },
      );
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    } finally {
      archive = Archive.open(dir.dir);
    }
    const pdf = readFileSync(out);
    await expectNumbersRestart(pdf, print, own);
    expect((await embeddedFontNames(pdf)).every((n) => n.startsWith('Tinos-'))).toBe(true);
    expect(await embeddedFontNames(pdf)).toEqual(
      expect.arrayContaining(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic']),
    );
  });

  test("desktop app: Lưu PDF… joins the agencies' own PDFs; In… sends the whole printout to one dialog", async () => {
    const saved = path.join(dir.dir, 'app-theo-co-quan.pdf');
    jest.doMock('electron', () => ({
      BrowserWindow: StandInWindow,
      dialog: { showSaveDialog: async () => ({ canceled: false, filePath: saved }) },
    }));
    const { createPrintHtml } = require('../../electron/main/print') as typeof import('../../electron/main/print');
    standInBrowser = browser;
    const dispatch = createDispatcher(archive, { host: 'desktop', printHtml: createPrintHtml(() => null) });
    const target = { kind: 'directive', documentId: yenThe, perAgency: true } as const;
    const print = perAgencyPrint(yenThe);

    standInLoads.length = 0;
    expect(await dispatch('printTaskSheet', { target, mode: 'pdf', today: TODAY })).toEqual({
      ok: true,
      value: { saved },
    });
    expect(standInLoads).toHaveLength(print.sections.length);
    await expectNumbersRestart(readFileSync(saved), print, await ownPages(browser, print));

    standInLoads.length = 0;
    expect(await dispatch('printTaskSheet', { target, mode: 'print', today: TODAY })).toEqual({
      ok: true,
      value: { saved: null },
    });
    expect(standInLoads).toHaveLength(1);
    for (const section of print.sections)
      expect(standInLoads[0]).toContain(`Cơ quan chủ trì: <b>${section.agency!}</b>`);
  });
});
