/** Starting `vanthu serve` and Chromium for the browser tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { Archive } from '../../electron/core/archive';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'screenshots');

/** Path of the Chromium binary: $CHROMIUM_PATH, or the first of chromium / chromium-browser on PATH. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    const p = found.stdout?.trim();
    if (found.status === 0 && p) return p;
  }
  return null;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface Served {
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `node bin/vanthu.js serve --port 0 --archive DIR` and reads the URL from its first line. */
export function serve(archiveDir: string, timeoutMs = 30000): Promise<Served> {
  // VANTHU_BIN runs the tests against another build of the CLI.
  const bin = process.env.VANTHU_BIN || path.join(ROOT, 'bin', 'vanthu.js');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--archive', archiveDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => (stderr += d));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`vanthu serve printed no URL within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const first = stdout.slice(0, nl).trim();
      let url: URL;
      try {
        url = new URL(first);
      } catch {
        void stop();
        reject(new Error(`first line of vanthu serve is not a URL: ${first}\nstderr: ${stderr}`));
        return;
      }
      resolve({ url: first, port: Number(url.port), token: url.searchParams.get('token') ?? '', child, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vanthu serve exited (${code}).\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

export interface ServedArchive {
  /** The temporary folder: the archive is in `kho/` under it; files a test writes may go beside it. */
  dir: string;
  served: Served;
  browser: Browser;
  page: Page;
  /** Stops Chromium and the server and deletes the folder. */
  close(): Promise<void>;
}

/**
 * What every page test sets up: a fresh archive filled by `fill`, `vanthu serve` on it, Chromium and
 * one page (Vietnamese, 1024×768 unless `pageOptions` says otherwise, 20 s for each wait).
 */
export async function serveArchive(
  prefix: string,
  fill: (archive: Archive, dir: string) => Promise<void>,
  pageOptions: BrowserContextOptions = {},
): Promise<ServedArchive> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const archive = Archive.open(path.join(dir, 'kho'));
  try {
    await fill(archive, dir);
  } finally {
    archive.close();
  }
  const served = await serve(path.join(dir, 'kho'));
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN', ...pageOptions });
  page.setDefaultTimeout(20000);
  return {
    dir,
    served,
    browser,
    page,
    close: async () => {
      await browser.close();
      await served.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
