/** The import panel's append-only result log and its per-status views. */
import type { ImportFileResult, ImportStatus } from '../../shared/model/archive';
import { ImportResultLog } from '../../renderer/src/import/resultLog';

const result = (path: string, status: ImportStatus): ImportFileResult => ({
  path,
  status,
  id: status === 'failed' ? null : 1,
  reasonCode: status === 'failed' ? 'binary' : null,
  reason: null,
});

describe('ImportResultLog', () => {
  test('keeps results in import order across appends, and the filtered views in that order too', () => {
    const log = new ImportResultLog();
    expect(log.length).toBe(0);
    expect(log.count('all')).toBe(0);
    expect(log.at('all', 0)).toBeUndefined();

    log.append([result('a.txt', 'imported'), result('b.bin', 'failed')]);
    log.append([]);
    log.append([result('c.txt', 'duplicate'), result('d.txt', 'imported'), result('e.doc', 'failed')]);

    expect(log.length).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => log.at('all', i)?.path)).toEqual(['a.txt', 'b.bin', 'c.txt', 'd.txt', 'e.doc']);
    expect(log.count('failed')).toBe(2);
    expect([log.at('failed', 0)?.path, log.at('failed', 1)?.path]).toEqual(['b.bin', 'e.doc']);
    expect(log.count('imported')).toBe(2);
    expect(log.at('imported', 1)?.path).toBe('d.txt');
    expect(log.count('duplicate')).toBe(1);
    expect(log.at('duplicate', 0)?.path).toBe('c.txt');
    expect(log.at('failed', 2)).toBeUndefined();
    expect(log.at('all', -1)).toBeUndefined();
  });

  test('appending does not copy or change what was appended before', () => {
    const log = new ImportResultLog();
    const first = result('a.txt', 'imported');
    log.append([first]);
    for (let i = 0; i < 1000; i++) log.append([result(`f${i}.txt`, i % 100 === 0 ? 'failed' : 'imported')]);
    expect(log.at('all', 0)).toBe(first);
    expect(log.length).toBe(1001);
    expect(log.count('failed')).toBe(10);
    expect(log.at('failed', 9)?.path).toBe('f900.txt');
  });

  test('each log is a new list (its serial differs), so a new import starts with a fresh view', () => {
    expect(new ImportResultLog().serial).not.toBe(new ImportResultLog().serial);
  });
});
