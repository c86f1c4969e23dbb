/**
 * The same directive imported twice from different formats (a .txt and a .pdf of Chỉ thị 05-CT/TW:
 * other bytes, so not a duplicate) is a tie for the plan that cites it without a date. The clerk's
 * two choices used to read «Chỉ thị số 05-CT/TW — Ban Chấp hành Trung ương · 15/05/2016» twice:
 * each now carries its original file's name, its format and when it was imported, in the API
 * (`graphPending`, shown by #/pending) and in `vanthu pending`. Nothing is merged.
 */
import { mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

const CORPUS = path.join(__dirname, '../../fixtures/corpus');
const PLAN = path.join(CORPUS, '006-kh-huyen-uy-phu-luc.txt');
const TXT = path.join(CORPUS, '019-central-ban-bi-thu-chi-thi.txt');
const PDF = path.join(CORPUS, 'formats', '019-central-ban-bi-thu-chi-thi.pdf');

let t: ReturnType<typeof tempDir>;
let archive: string;
beforeAll(() => {
  t = tempDir('vanthu-pending-');
  archive = path.join(t.dir, 'kho');
  // Three imports, one file each: the two copies of the directive at different times.
  for (const [i, f] of [PLAN, TXT, PDF].entries()) {
    const dir = path.join(t.dir, `in${i}`);
    mkdirSync(dir);
    copyFileSync(f, path.join(dir, path.basename(f)));
    const r = runCli(['import', dir, '--archive', archive, '--json']);
    if (r.status !== 0) throw new Error(r.stderr + r.stdout);
  }
});
afterAll(() => t.cleanup());

interface PendingJson {
  from: { ref: string | null };
  reason: string;
  candidates: {
    id: number;
    ref: string;
    issuer: string;
    date: string;
    fileName: string;
    format: string;
    importedAt: string;
  }[];
}

test('two imports of one directive offered for 128-KH/HU are told apart by file, format and import time', () => {
  const r = runCli(['pending', '--json', '--archive', archive]);
  expect(r.status).toBe(0);
  const rows = JSON.parse(r.stdout) as PendingJson[];
  const row = rows.find((p) => p.from.ref === '128-KH/HU')!;
  expect(row.reason).toBe('uncertain');
  expect(row.candidates).toHaveLength(2);
  const [a, b] = row.candidates;
  // Alike in everything the list used to show…
  expect({ ref: a!.ref, issuer: a!.issuer, date: a!.date }).toEqual({ ref: b!.ref, issuer: b!.issuer, date: b!.date });
  // …and different where the clerk can check.
  expect(row.candidates.map((c) => [c.fileName, c.format])).toEqual([
    ['019-central-ban-bi-thu-chi-thi.txt', 'txt'],
    ['019-central-ban-bi-thu-chi-thi.pdf', 'pdf'],
  ]);
  expect(a!.importedAt < b!.importedAt).toBe(true);

  const text = runCli(['pending', '--archive', archive]);
  expect(text.status).toBe(0);
  const lines = text.stdout.split('\n').filter((l) => l.includes('→ 05-CT/TW'));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(
    /#\d+ · tệp 019-central-ban-bi-thu-chi-thi\.txt \(TXT\) · nhập \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
  );
  expect(lines[1]).toMatch(/tệp 019-central-ban-bi-thu-chi-thi\.pdf \(PDF\)/);
  expect(lines[0]).not.toBe(lines[1]);
  // Not merged: both documents are still there.
  const list = runCli(['list', '--json', '--archive', archive]);
  expect((JSON.parse(list.stdout) as { ref: string }[]).filter((d) => d.ref === '05-CT/TW')).toHaveLength(2);
});
