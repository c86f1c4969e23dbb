import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExpectedResult } from '../../../shared/parser/evaluate';
import { normalizeText } from '../../../shared/text/vietnamese';

export const FIXTURE_DIRS = [
  path.join(__dirname, '../../fixtures/samples'),
  path.join(__dirname, '../../fixtures/corpus'),
];

export interface Fixture {
  name: string;
  text: string;
  expected: ExpectedResult;
}

/** Every labelled text: NNN-name.txt next to NNN-name.expected.json, read and normalized. */
export function loadFixtures(dirs: string[] = FIXTURE_DIRS): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.expected.json')) continue;
      const base = file.slice(0, -'.expected.json'.length);
      out.push({
        name: `${path.basename(dir)}/${base}`,
        text: normalizeText(readFileSync(path.join(dir, `${base}.txt`), 'utf8')),
        expected: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as ExpectedResult,
      });
    }
  }
  return out;
}
