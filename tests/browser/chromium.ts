/** Starting `vanthu serve` and Chromium for the browser tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

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
