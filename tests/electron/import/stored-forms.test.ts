/**
 * Every stored form the import worker writes (import/compression.ts) read back by the readers'
 * decoders, over the fixtures and 2,000 generated directives (the bench's generator and seed): the
 * original's bytes, the text, and the parse result's JSON as the readers gave it before task texts
 * were stored as lengths (migration 0170). encodeParse no longer inflates what it deflated to check
 * it (compression.ts says why): this is the check that its form reads back.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { decodeOriginal, decodeParse, decodeParseJson, decodeText } from '../../../electron/core/import/compression';
import { prepareFile } from '../../../electron/core/import/prepare';
import { generateCorpus } from '../../../scripts/bench/generate';
import { ROOT, tempDir } from '../../helpers/tmp';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });
}

interface Tally {
  prepared: number;
  parsePacked: number;
  withTaskLengths: number;
  textPacked: number;
  originalCodes: Record<number, number>;
}

async function roundTrip(files: readonly string[]): Promise<Tally> {
  const tally: Tally = { prepared: 0, parsePacked: 0, withTaskLengths: 0, textPacked: 0, originalCodes: {} };
  for (const file of files) {
    const answer = await prepareFile({ kind: 'path', path: file });
    if (!answer.ok) continue;
    tally.prepared++;
    const text = answer.textPacked ? decodeText('', Buffer.from(answer.textPacked)) : answer.text;
    expect(text).toBe(answer.text);
    if (answer.textPacked) tally.textPacked++;

    expect(decodeOriginal(Buffer.from(answer.stored), answer.compression, text).equals(readFileSync(file))).toBe(true);
    tally.originalCodes[answer.compression] = (tally.originalCodes[answer.compression] ?? 0) + 1;

    const { json, packed } = answer.storedParse;
    const stored = packed ? Buffer.from(packed) : null;
    const { recipients, ...rest } = answer.parse;
    // What the readers gave before 0170: the recipients, then the rest as the parser wrote it.
    const expected = stored ? JSON.stringify({ recipients, ...rest }) : JSON.stringify(answer.parse);
    expect(decodeParseJson(json, stored, text)).toBe(expected);
    expect(decodeParse(json, stored, text)).toEqual(answer.parse);
    if (stored) {
      tally.parsePacked++;
      const restJson = inflateRawSync(stored, { dictionary: Buffer.from(text, 'utf8') }).toString('utf8');
      if (/"text":\d/.test(restJson)) tally.withTaskLengths++;
    }
  }
  return tally;
}

test('the fixtures: every stored form reads back to what was imported', async () => {
  const tally = await roundTrip(filesUnder(path.join(ROOT, 'tests', 'fixtures')));
  expect(tally.prepared).toBeGreaterThan(100);
  expect(tally.parsePacked).toBeGreaterThan(80);
  expect(tally.withTaskLengths).toBeGreaterThan(50);
  // Beside plain text files, the fixtures hold .docx, .doc, .pdf, scans and legacy encodings: every code.
  expect(Object.keys(tally.originalCodes).sort()).toEqual(['0', '1', '2', '3']);
});

test('2,000 generated directives: every stored form reads back to what was imported', async () => {
  const { dir, cleanup } = tempDir();
  try {
    generateCorpus(dir, 2000);
    const tally = await roundTrip(filesUnder(dir).filter((f) => f.endsWith('.txt')));
    expect(tally.prepared).toBeGreaterThan(1950);
    expect(tally.parsePacked).toBe(tally.prepared);
    expect(tally.textPacked).toBe(tally.prepared);
    expect(tally.withTaskLengths).toBeGreaterThan(1900);
  } finally {
    cleanup();
  }
});
