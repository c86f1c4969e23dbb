/**
 * Bad input (issue #7): a few hundred generated bad files through the real import path. Each is
 * refused with a Vietnamese reason, within a time limit, leaving the archive unchanged.
 * scripts/fault-fuzz.ts runs 2,000+ of them and a 200 MB text.
 */
import path from 'node:path';
import { Archive } from '../../electron/core/archive';
import { closePdfWorker } from '../../electron/core/readers';
import { tempDir } from '../helpers/tmp';
import { badFiles } from './generate';
import { feed, summarize, type FuzzOutcome } from './harness';

jest.setTimeout(240000);

test('150 bad files: no crash, no hang, each refused with a reason, the archive unchanged', async () => {
  const { dir, cleanup } = tempDir();
  const archive = Archive.open(path.join(dir, 'kho'));
  const outcomes: FuzzOutcome[] = [];
  try {
    for (const file of badFiles(150, 7, { bigText: 51 * 1024 * 1024 }))
      outcomes.push(await feed(archive.db, file, dir, 30000));
  } finally {
    archive.close();
    await closePdfWorker();
    cleanup();
  }
  const summary = summarize(outcomes);
  const notRefused = outcomes.filter((o) => o.status !== 'failed');
  expect(notRefused.map((o) => `${o.kind} ${o.name}: ${o.status} ${o.reason ?? ''}`)).toEqual([]);
  expect(
    outcomes.filter((o) => !o.reason || !/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(o.reason)),
  ).toEqual([]);
  expect(outcomes.filter((o) => o.changed)).toEqual([]);
  expect(Object.keys(summary)).toEqual(
    expect.arrayContaining([
      'random',
      'truncated-docx',
      'truncated-pdf',
      'truncated-doc',
      'zip-bomb',
      'big-text',
      'nul',
      'invalid-utf8',
      'nested-html',
      'hostile-name',
    ]),
  );
  expect(summary['big-text']).toEqual({ 'failed:too_large': 1 });
  expect(summary['zip-bomb']).toEqual({ 'failed:corrupt': 2 });
});
