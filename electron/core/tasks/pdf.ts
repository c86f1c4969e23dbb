/**
 * Sheet HTML → PDF (and a PNG of page 1) with a Chromium found on the PC, driven by playwright-core.
 * The desktop app prints with Electron's own printToPDF instead (electron/main/print.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { concatPdfs } from './pdf-merge';

/** $VANTHU_CHROMIUM / $CHROMIUM_PATH, then chromium / Chrome / Edge on PATH or in their usual folders. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const fromEnv of [env.VANTHU_CHROMIUM, env.CHROMIUM_PATH]) if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (process.platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string =>
      Boolean(r),
    );
    const rel = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
      'Chromium\\Application\\chrome.exe',
    ];
    for (const root of roots) for (const r of rel) if (existsSync(path.join(root, r))) return path.join(root, r);
    return null;
  }
  if (process.platform === 'darwin') {
    for (const app of [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ])
      if (existsSync(app)) return app;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    const p = found.stdout?.trim();
    if (found.status === 0 && p) return p;
  }
  return null;
}

export const NO_CHROMIUM_MESSAGE =
  'Không tìm thấy trình duyệt Chromium, Chrome hoặc Edge để tạo PDF. Hãy dùng --html rồi mở tệp HTML và in ra PDF, ' +
  'hoặc chỉ đường dẫn trình duyệt bằng biến môi trường VANTHU_CHROMIUM.';

export interface RenderOptions {
  pdfPath?: string;
  pngPath?: string;
  executablePath: string;
}

/**
 * Renders each sheet's HTML in one browser and writes their PDFs joined into one (A4 from the CSS
 * @page; each sheet numbered from its own first page, see pdf-merge.ts) and/or a PNG of the first
 * sheet's first page.
 */
export async function renderHtml(
  sheets: string | readonly string[],
  options: RenderOptions,
): Promise<{ pdf: Buffer | null }> {
  const htmls = typeof sheets === 'string' ? [sheets] : sheets;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    // 794 px = 210 mm at 96 dpi: the screenshot shows the page at its printed width.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 1 });
    // The sheet is self-contained (fonts are data: URLs); nothing may be fetched.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const parts: Buffer[] = [];
    // A PNG alone needs only the first sheet.
    for (const [i, html] of (options.pdfPath ? htmls : htmls.slice(0, 1)).entries()) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      if (options.pdfPath) parts.push(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      if (options.pngPath && i === 0) {
        // The screen CSS lays .vt-doc out as an A4 sheet with the print margins: page 1 is the top 297 mm.
        await page.screenshot({ path: options.pngPath, clip: { x: 0, y: 0, width: 794, height: 1123 } });
      }
    }
    if (!options.pdfPath) return { pdf: null };
    const pdf = Buffer.from(await concatPdfs(parts));
    await writeFile(options.pdfPath, pdf);
    return { pdf };
  } finally {
    await browser.close();
  }
}
