import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SAMPLES_DIR = path.join(ROOT, 'tests', 'fixtures', 'samples');

/** A fresh folder per test; removed by the returned cleanup. */
export function tempDir(prefix = 'vanthu-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
