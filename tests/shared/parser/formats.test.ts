/**
 * Corpus documents read from other formats (tests/fixtures/corpus/formats, made by make-formats.ts)
 * parse to what their .txt parses to: ref, type, date, issuer and the citations.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../../../electron/core/readers';
import { parseDirective } from '../../../shared/parser';
import { normalizeText } from '../../../shared/text/vietnamese';

const corpus = path.join(__dirname, '../../fixtures/corpus');
const formats = path.join(corpus, 'formats');
const files = readdirSync(formats)
  .filter((f) => /\.(?:docx|doc|pdf|tcvn3\.txt|vni\.txt)$/.test(f))
  .sort();

function summary(text: string) {
  const r = parseDirective(normalizeText(text));
  return {
    ref: r.ref,
    type: r.type,
    date: r.date,
    issuer: r.issuer,
    citations: r.citations.map((c) => [c.ref, c.type, c.date, c.relation]),
  };
}

test('every kind of copy is there', () => {
  for (const ext of ['.docx', '.doc', '.pdf', '.tcvn3.txt', '.vni.txt'])
    expect(files.some((f) => f.endsWith(ext))).toBe(true);
  expect(files.filter((f) => f.endsWith('.docx')).length).toBeGreaterThanOrEqual(3);
});

test.each(files)('%s reads and parses like its .txt', async (file) => {
  const base = file.replace(/\.(?:docx|doc|pdf|tcvn3\.txt|vni\.txt)$/, '');
  const expected = summary(readFileSync(path.join(corpus, `${base}.txt`), 'utf8'));
  const read = await readDocument(
    readFileSync(path.join(formats, file)),
    file.replace(/\.(?:tcvn3|vni)\.txt$/, '.txt'),
  );
  if (!read.ok) throw new Error(`${file}: ${read.reason} ${read.detail ?? ''}`);
  if (file.endsWith('.tcvn3.txt')) expect(read.encoding).toMatch(/tcvn3/);
  if (file.endsWith('.vni.txt')) expect(read.encoding).toMatch(/vni/);
  expect(expected.ref).not.toBeNull();
  expect(summary(read.text)).toEqual(expected);
});
