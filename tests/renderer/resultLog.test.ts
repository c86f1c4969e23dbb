/** The import panel's append-only result log and its per-status views. */
import type { ImportFileResult, ImportStatus } from '../../shared/model/archive';
import { distinguishingFolder } from '../../renderer/src/import/sameName';
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

// QA: «A\Thong bao.docx» and «B\Thong bao.docx» imported together read alike as «Thong bao.docx».
describe('files of one name from two folders', () => {
  test('the fewest parent folders that tell them apart, with the path’s own separator', () => {
    const a = 'C:\\Users\\An\\USB\\A\\Thong bao.docx';
    const b = 'C:\\Users\\An\\USB\\B\\Thong bao.docx';
    expect(distinguishingFolder(a, [a, b])).toBe('…\\A\\');
    expect(distinguishingFolder(b, [a, b])).toBe('…\\B\\');
    // Same last folder: one more level up.
    const c = 'D:\\2021\\Nhan\\Thong bao.docx';
    const d = 'D:\\2022\\Nhan\\Thong bao.docx';
    expect(distinguishingFolder(c, [c, d])).toBe('…\\2021\\Nhan\\');
    // A name of its own, or the same path twice: nothing to tell apart.
    expect(distinguishingFolder(a, [a])).toBe('');
    expect(distinguishingFolder(a, [a, a])).toBe('');
    // One folder is the other's tail: the shorter shows whole, the longer one level more.
    expect(distinguishingFolder('/x/A/t.txt', ['/x/A/t.txt', '/A/t.txt'])).toBe('x/A/');
    expect(distinguishingFolder('/A/t.txt', ['/x/A/t.txt', '/A/t.txt'])).toBe('A/');
  });

  test('the log shows a folder only for a name another file of the import has, and updates as files arrive', () => {
    const log = new ImportResultLog();
    const a = '/home/an/USB/A/Thong bao.docx';
    const b = '/home/an/USB/B/Thong bao.docx';
    log.append([result(a, 'imported'), result('/home/an/USB/B/cv.txt', 'imported')]);
    expect(log.folderOf(a)).toBe('');
    log.append([result(b, 'duplicate')]);
    expect(log.folderOf(a)).toBe('…/A/');
    expect(log.folderOf(b)).toBe('…/B/');
    expect(log.folderOf('/home/an/USB/B/cv.txt')).toBe('');
    // One name shared by 20,000 files (a folder per directive): each row shown is answered at once.
    const many = Array.from({ length: 20000 }, (_, i) => `/mnt/usb/2022/VB-${i}/Thong bao.docx`);
    log.append(many.map((p) => result(p, 'imported')));
    const started = performance.now();
    for (let i = 0; i < 30; i++) expect(log.folderOf(many[i * 600]!)).toBe(`…/VB-${i * 600}/`);
    expect(performance.now() - started).toBeLessThan(100); // 540 ms when each row compared itself with all 20,000
    expect(log.folderOf(a)).toBe('…/A/');
    // An upload's folder-relative name is shown whole already.
    log.append([result('USB/A/cv.txt', 'imported'), result('USB/B/cv.txt', 'imported')]);
    expect(log.folderOf('USB/A/cv.txt')).toBe('');
  });
});
