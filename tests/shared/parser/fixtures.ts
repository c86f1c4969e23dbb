import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExpectedResult } from '../../../shared/parser/evaluate';
import { normalizeText } from '../../../shared/text/vietnamese';

/**
 * Where labelled texts and their expectations live. The samples' expectations sit in their own
 * folder because tests/fixtures/samples is imported as a whole (it must hold only directives).
 * `root` is tests/fixtures; scripts bundled elsewhere pass it explicitly (no __dirname there).
 */
export function fixtureDirs(
  root: string = path.join(__dirname, '../../fixtures'),
): { texts: string; expected: string }[] {
  return [
    { texts: path.join(root, 'samples'), expected: path.join(root, 'samples-expected') },
    { texts: path.join(root, 'corpus'), expected: path.join(root, 'corpus') },
    // Written before the parser was tuned on them; their first scores are in docs/parser.md.
    { texts: path.join(root, 'corpus-heldout'), expected: path.join(root, 'corpus-heldout') },
  ];
}

export const FIXTURE_DIRS = fixtureDirs();

export interface Fixture {
  name: string;
  text: string;
  expected: ExpectedResult;
}

/** Every labelled text: NNN-name.txt next to NNN-name.expected.json, read and normalized. */
export function loadFixtures(dirs = FIXTURE_DIRS): Fixture[] {
  const out: Fixture[] = [];
  for (const { texts, expected } of dirs) {
    for (const file of readdirSync(expected).sort()) {
      if (!file.endsWith('.expected.json')) continue;
      const base = file.slice(0, -'.expected.json'.length);
      out.push({
        name: `${path.basename(texts)}/${base}`,
        text: normalizeText(readFileSync(path.join(texts, `${base}.txt`), 'utf8')),
        expected: JSON.parse(readFileSync(path.join(expected, file), 'utf8')) as ExpectedResult,
      });
    }
  }
  return out;
}
