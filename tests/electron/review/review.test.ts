/**
 * Clerk review (issue #3): corrections are stored as corrections, overlay the parser's output in
 * every read path (get, list, search, the citations/tasks tables), survive re-parsing and can be
 * undone. Everything goes through the dispatcher, as the UI's calls do.
 */
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { parsedTasks } from '../../../electron/core/db/tasks-store';
import { createDispatcher, type Dispatch } from '../../../electron/core/api/dispatch';
import type { Result } from '../../../shared/api/errors';
import type { DocumentDetail } from '../../../shared/model/archive';
import type { ParseResult } from '../../../shared/model/directive';
import { DOUBTFUL_BELOW } from '../../../shared/model/review';
import { parseDirective } from '../../../shared/parser';
import { PARSER_VERSION } from '../../../shared/parser/version';
import type { SearchResponse } from '../../../shared/search/types';
import { ROOT, SAMPLES_DIR, tempDir } from '../../helpers/tmp';
import { writeDirectives } from '../safety/directives';
import { REPARSE_BATCH } from '../../../electron/core/review/reparse';
import Database from 'better-sqlite3';

const SAMPLE_WITH_REF = path.join(SAMPLES_DIR, '003_0fe373fd9470e206.txt');
const SCANNED_PDF = path.join(ROOT, 'tests', 'fixtures', 'formats', 'scanned.pdf');

let archive: Archive;
let dispatch: Dispatch;
let cleanup: () => void;

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  archive = Archive.open(tmp.dir);
  dispatch = createDispatcher(archive, { host: 'browser' });
});
afterEach(() => {
  archive.close();
  cleanup();
});

async function call<T = DocumentDetail>(method: string, input: unknown): Promise<T> {
  const r = (await dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? r.error.message}`);
  return r.value;
}

async function refused(method: string, input: unknown): Promise<{ code: string; detail: string }> {
  const r = (await dispatch(method, input)) as Result<unknown>;
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  return { code: r.error.code, detail: r.error.detail ?? '' };
}

async function importOne(file: string): Promise<number> {
  const report = await archive.importPaths([file]);
  expect(report.imported).toBe(1);
  return report.files[0]!.id!;
}

async function search(query: string): Promise<SearchResponse['items']> {
  return (await call<SearchResponse>('search', { query })).items;
}
async function searchIds(query: string): Promise<number[]> {
  return (await search(query)).map((h) => h.id);
}

/** Rows the graph and task features read: the effective citations and tasks. */
function citationRows(id: number): { ordinal: number; text: string; ref: string | null; start: number }[] {
  return archive.db
    .prepare('SELECT ordinal, text, ref, start FROM citations WHERE document_id = ? ORDER BY ordinal')
    .all(id) as never;
}
function taskRows(id: number): { ordinal: number; text: string; parent_ordinal: number | null }[] {
  return parsedTasks(archive.db, id).map((t) => ({
    ordinal: t.ordinal,
    text: t.text,
    parent_ordinal: t.parentOrdinal,
  }));
}

/** Stands in for an improved parser: a different subject, one citation fewer, a new version. */
function improvedParser(text: string): ParseResult {
  const p = parseDirective(text);
  return { ...p, subject: 'Trích yếu do bộ phân tích mới đọc', citations: p.citations.slice(1) };
}

describe('fields', () => {
  test('each field carries the parser confidence; missing or weak ones are doubtful', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const doc = await call('getDocument', { id });
    const subject = doc.review.fields.find((f) => f.field === 'subject')!;
    expect(subject).toMatchObject({ parsed: doc.subject, value: doc.subject, correctedAt: null });
    expect(subject.confidence).toBeGreaterThan(0);
    for (const f of doc.review.fields) {
      expect(f.doubtful).toBe(f.value === null || f.confidence === null || f.confidence < DOUBTFUL_BELOW);
    }
    expect(doc.scanned).toBe(false);
    expect(doc.review.correctionCount).toBe(0);
  });

  test('a corrected subject is what get, list and search show, marked with its time', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const parsed = (await call('getDocument', { id })).subject;
    const doc = await call('correctField', { id, field: 'subject', value: '  Về việc  trồng cây xanh\nven đê  ' });
    expect(doc.subject).toBe('Về việc trồng cây xanh ven đê');
    expect(doc.parse.subject).toBe('Về việc trồng cây xanh ven đê');
    const field = doc.review.fields.find((f) => f.field === 'subject')!;
    expect(field).toMatchObject({ parsed, value: 'Về việc trồng cây xanh ven đê', doubtful: false });
    expect(Date.parse(field.correctedAt!)).not.toBeNaN();
    expect(doc.review.lastCorrectedAt).toBe(field.correctedAt);

    expect((await call('getDocument', { id })).subject).toBe('Về việc trồng cây xanh ven đê');
    const list = await call<{ items: { id: number; subject: string }[] }>('listDocuments', {});
    expect(list.items.find((d) => d.id === id)!.subject).toBe('Về việc trồng cây xanh ven đê');
    // The search hit shows the corrected subject. (A plain query must match the body text by the
    // search core's design, so words only in the corrected subject are not a way in: docs/review.md.)
    expect(await search('Yên Thế')).toEqual([
      expect.objectContaining({ id, subject: 'Về việc trồng cây xanh ven đê' }),
    ]);
  });

  test('a corrected issuer and type are what the search filters see', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    expect(await searchIds('coquan:"Kim Bảng"')).toEqual([]);
    await call('correctField', { id, field: 'issuer', value: 'Huyện ủy Kim Bảng' });
    await call('correctField', { id, field: 'type', value: 'Chỉ thị' });
    expect(await searchIds('coquan:"Kim Bảng"')).toEqual([id]);
    expect(await searchIds('loai:"chi thi"')).toEqual([id]);
    expect(await searchIds('loai:"Công văn"')).toEqual([]);
  });

  test('a corrected date and number/symbol reach the columns, and the parts follow the ref', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    await call('correctField', { id, field: 'date', value: '2021-09-03' });
    const doc = await call('correctField', { id, field: 'ref', value: '571 – cv/hu' });
    expect(doc).toMatchObject({ date: '2021-09-03', ref: '571-CV/HU', number: '571', symbol: 'CV/HU' });
    expect(archive.findByRef('571-CV/HU').map((d) => d.id)).toEqual([id]);
    expect(await searchIds('nam:2021 so:571-CV/HU')).toContain(id);
  });

  test('clearing a correction puts the parser value back everywhere', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const parsed = (await call('getDocument', { id })).subject;
    await call('correctField', { id, field: 'subject', value: 'Về việc trồng cây xanh ven đê' });
    const doc = await call('clearCorrection', { id, target: 'field:subject' });
    expect(doc.subject).toBe(parsed);
    expect(doc.review.fields.find((f) => f.field === 'subject')!.correctedAt).toBeNull();
    expect(doc.review.correctionCount).toBe(0);
    expect((await search('Yên Thế'))[0]!.subject).toBe(parsed);
  });

  test('null records that the document has no such value', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const doc = await call('correctField', { id, field: 'signer', value: null });
    expect(doc.signer).toBeNull();
    expect(doc.review.fields.find((f) => f.field === 'signer')).toMatchObject({ value: null, doubtful: false });
  });
});

describe('re-parsing keeps corrections', () => {
  test('a field correction survives a new parser, which still shows its own value beside it', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    await call('correctField', { id, field: 'subject', value: 'Về việc trồng cây xanh ven đê' });
    const report = await archive.reparse({ parse: improvedParser, parserVersion: PARSER_VERSION + 1 });
    expect(report).toMatchObject({
      total: 1,
      reparsed: 1,
      failed: 0,
      correctionsKept: 1,
      parserVersion: PARSER_VERSION + 1,
    });

    const doc = await call('getDocument', { id });
    expect(doc.subject).toBe('Về việc trồng cây xanh ven đê');
    expect(doc.review.parserVersion).toBe(PARSER_VERSION + 1);
    expect(doc.review.fields.find((f) => f.field === 'subject')!.parsed).toBe('Trích yếu do bộ phân tích mới đọc');
    expect((await search('Yên Thế'))[0]!.subject).toBe('Về việc trồng cây xanh ven đê');

    // Only stale documents are visited unless --all.
    expect((await archive.reparse({ parse: improvedParser, parserVersion: PARSER_VERSION + 1 })).total).toBe(0);
    expect((await archive.reparse({ all: true, parse: improvedParser, parserVersion: PARSER_VERSION + 1 })).total).toBe(
      1,
    );

    const cleared = await call('clearCorrection', { id, target: 'field:subject' });
    expect(cleared.subject).toBe('Trích yếu do bộ phân tích mới đọc');
  });

  test('added, edited and removed citations survive a re-parse, in the citations table too', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const before = await call('getDocument', { id });
    expect(before.review.citations.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = before.review.citations;

    // Edit the second: a better ref, same words, so it keeps its place in the text.
    let doc = await call('saveCitation', {
      id,
      key: second!.key,
      citation: {
        text: second!.text,
        type: 'Kết luận',
        ref: '105-KL/TU',
        date: '2021-05-16',
        issuer: 'Tỉnh ủy Hải Dương',
        relation: 'implements',
      },
    });
    const edited = doc.review.citations.find((c) => c.key === second!.key)!;
    expect(edited).toMatchObject({
      ref: '105-KL/TU',
      number: '105',
      symbol: 'KL/TU',
      start: second!.start,
      end: second!.end,
      origin: 'parser',
    });
    expect(edited.correctedAt).not.toBeNull();

    // Remove the third; add one the parser missed, found in the text by its words.
    doc = await call('removeCitation', { id, key: third!.key });
    expect(doc.review.citations.map((c) => c.key)).not.toContain(third!.key);
    expect(doc.review.removed).toEqual([expect.objectContaining({ key: third!.key, kind: 'citation' })]);
    const phrase = doc.text
      .slice(first!.end + 5, first!.end + 40)
      .replace(/\s+/g, ' ')
      .trim();
    doc = await call('saveCitation', { id, citation: { text: phrase, type: 'Công văn', ref: '12/UBND' } });
    const added = doc.review.citations.find((c) => c.origin === 'clerk')!;
    expect(added.key).toBe('c1');
    expect(doc.text.slice(added.start, added.end).replace(/\s+/g, ' ')).toBe(phrase);
    // Document order: the added one sits right after the first.
    expect(doc.review.citations.findIndex((c) => c.key === 'c1')).toBe(1);

    const expected = doc.review.citations.map((c) => ({ text: c.text, ref: c.ref }));
    expect(citationRows(id).map((r) => ({ text: r.text, ref: r.ref }))).toEqual(expected);

    // A new parser that no longer finds the first citation, and finds the others again.
    await archive.reparse({ parse: improvedParser, parserVersion: PARSER_VERSION + 1 });
    doc = await call('getDocument', { id });
    const keys = doc.review.citations.map((c) => c.key);
    expect(keys).not.toContain(first!.key);
    expect(keys).not.toContain(third!.key);
    expect(doc.review.citations.find((c) => c.key === second!.key)).toMatchObject({
      ref: '105-KL/TU',
      origin: 'parser',
    });
    expect(doc.review.citations.find((c) => c.key === 'c1')).toMatchObject({ text: phrase, origin: 'clerk' });
    expect(citationRows(id).map((r) => r.text)).toEqual(doc.review.citations.map((c) => c.text));

    // Undo the removal: the parser's citation is back.
    doc = await call('clearCorrection', { id, target: `citation:${third!.key}` });
    expect(doc.review.citations.find((c) => c.key === third!.key)).toMatchObject({
      text: third!.text,
      correctedAt: null,
    });
    // Removing the clerk's own citation drops it outright.
    doc = await call('removeCitation', { id, key: 'c1' });
    expect(doc.review.citations.some((c) => c.origin === 'clerk')).toBe(false);
  });

  test('an edited parser citation the new parser no longer finds is kept as the clerk vouched for it', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const first = (await call('getDocument', { id })).review.citations[0]!;
    await call('saveCitation', {
      id,
      key: first.key,
      citation: { text: first.text, ref: '571-CV/TU', relation: 'implements' },
    });
    await archive.reparse({ parse: improvedParser, parserVersion: PARSER_VERSION + 1 });
    const doc = await call('getDocument', { id });
    expect(doc.review.citations[0]).toMatchObject({
      key: first.key,
      origin: 'clerk',
      ref: '571-CV/TU',
      start: first.start,
    });
  });

  test('added, edited and removed tasks survive a re-parse, in the tasks table too', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    const before = await call('getDocument', { id });
    expect(before.review.tasks.length).toBeGreaterThanOrEqual(3);
    const [first, second] = before.review.tasks;

    let doc = await call('saveTask', {
      id,
      key: first!.key,
      task: {
        label: first!.label,
        text: first!.text,
        lead: ['Văn phòng Huyện ủy'],
        cooperate: ['Ủy ban MTTQ huyện'],
        deadlineText: 'trước ngày 15/9/2021',
        deadlineDate: '2021-09-15',
      },
    });
    expect(doc.review.tasks[0]).toMatchObject({
      key: first!.key,
      lead: ['Văn phòng Huyện ủy'],
      deadline: { date: '2021-09-15' },
      start: first!.start,
    });
    doc = await call('removeTask', { id, key: second!.key });
    doc = await call('saveTask', {
      id,
      task: { label: '9.', text: 'Báo cáo kết quả về Thường trực Huyện ủy', lead: ['Ban Tuyên giáo'] },
    });
    const added = doc.review.tasks[doc.review.tasks.length - 1]!;
    expect(added).toMatchObject({ key: 'n1', origin: 'clerk', label: '9.', start: 0, end: 0 });
    const effectiveTexts = (await call('getDocument', { id })).parse.tasks.map((t) => t.text);
    expect(effectiveTexts).not.toContain(second!.text);
    expect(
      taskRows(id)
        .filter((r) => r.parent_ordinal === null)
        .map((r) => r.text),
    ).toEqual(effectiveTexts);

    await archive.reparse({ all: true, parse: improvedParser, parserVersion: PARSER_VERSION + 1 });
    doc = await call('getDocument', { id });
    expect(doc.review.tasks[0]).toMatchObject({ key: first!.key, lead: ['Văn phòng Huyện ủy'] });
    expect(doc.review.tasks.map((t) => t.key)).not.toContain(second!.key);
    expect(doc.review.tasks.map((t) => t.key)).toContain('n1');
    expect(
      taskRows(id)
        .filter((r) => r.parent_ordinal === null)
        .map((r) => r.text),
    ).toEqual(doc.parse.tasks.map((t) => t.text));

    doc = await call('removeTask', { id, key: 'n1' });
    expect(doc.review.tasks.map((t) => t.key)).not.toContain('n1');
  });

  // One commit per document was two fsyncs of the WAL each: 200,000 for `vanthu reparse --all` at
  // 100k documents (docs/review.md).
  test('reparse commits documents by batches of REPARSE_BATCH, parsing outside the transaction; a document whose write fails is left alone in its batch', async () => {
    const count = REPARSE_BATCH + 5;
    const report0 = await archive.importPaths([writeDirectives(path.join(archive.dir, 'in'), 0, count)]);
    expect(report0.imported).toBe(count);
    const ids = report0.files.map((f) => f.id!).sort((x, y) => x - y);
    const broken = ids[3]!;
    archive.db.exec(
      `CREATE TEMP TRIGGER hong BEFORE UPDATE OF parser_version ON documents WHEN new.id = ${broken}
       BEGIN SELECT RAISE(ABORT, 'ghi hỏng'); END`,
    );
    // What another connection sees committed when each document is parsed.
    const reader = new Database(archive.file, { readonly: true });
    const committed = reader.prepare('SELECT count(*) FROM documents WHERE parser_version = ?').pluck();
    const seen: { inTransaction: boolean; committed: number }[] = [];
    const report = await archive.reparse({
      all: true,
      parse: (text) => {
        seen.push({ inTransaction: archive.db.inTransaction, committed: committed.get(PARSER_VERSION + 1) as number });
        return improvedParser(text);
      },
      parserVersion: PARSER_VERSION + 1,
    });
    reader.close();
    expect(seen).toHaveLength(count);
    expect(seen.every((s) => !s.inTransaction)).toBe(true);
    // A batch's documents are committed together, after the batch is parsed (one per document: 0, 1, 2…).
    expect(seen.map((s) => s.committed)).toEqual(
      seen.map((_, i) => Math.floor(i / REPARSE_BATCH) * REPARSE_BATCH - (i >= REPARSE_BATCH ? 1 : 0)),
    );
    expect(report).toMatchObject({ total: count, reparsed: count - 1, failed: 1, failures: [{ id: broken }] });
    const versions = archive.db.prepare('SELECT id, parser_version FROM documents ORDER BY id').all() as {
      id: number;
      parser_version: number;
    }[];
    expect(versions.filter((v) => v.parser_version !== PARSER_VERSION + 1).map((v) => v.id)).toEqual([broken]);
  });

  test('a parser that throws leaves the document as it was and reports it', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    await call('correctField', { id, field: 'subject', value: 'Về việc trồng cây xanh ven đê' });
    const report = await archive.reparse({
      parse: () => {
        throw new Error('hỏng');
      },
      parserVersion: PARSER_VERSION + 1,
    });
    expect(report).toMatchObject({
      total: 1,
      reparsed: 0,
      failed: 1,
      failures: [{ id, reason: expect.stringContaining('hỏng') }],
    });
    const doc = await call('getDocument', { id });
    expect(doc.review.parserVersion).toBe(PARSER_VERSION);
    expect(doc.subject).toBe('Về việc trồng cây xanh ven đê');
  });
});

describe('bad input is refused with INVALID_INPUT and a Vietnamese reason', () => {
  test.each([
    ['correctField', { id: 1, field: 'text', value: 'x' }, /Trường không sửa được/],
    ['correctField', { id: 1, field: 'date', value: '25/08/2021' }, /YYYY-MM-DD/],
    ['correctField', { id: 1, field: 'date', value: '2021-02-30' }, /ngày có thật/],
    ['correctField', { id: 1, field: 'issuerLevel', value: 'tỉnh' }, /Cấp phải là một trong/],
    ['correctField', { id: 1, field: 'subject', value: 'x'.repeat(2001) }, /dài quá 2000/],
    ['correctField', { id: 1, field: 'ref', value: 5 }, /chữ hoặc null/],
    ['correctField', { id: 0, field: 'ref', value: '1/UBND' }, /lớn hơn 0/],
    ['correctField', { id: 1, field: 'ref', value: '1/UBND', extra: true }, /.+/],
    ['clearCorrection', { id: 1, target: 'DROP TABLE' }, /không hợp lệ/],
    ['saveCitation', { id: 1, citation: { text: '   ' } }, /Cần nhập đoạn trích dẫn/],
    ['saveCitation', { id: 1, key: 'x1', citation: { text: 'Công văn số 5' } }, /Mã trích dẫn không hợp lệ/],
    ['saveCitation', { id: 1, citation: { text: 'Công văn số 5', relation: 'likes' } }, /Quan hệ phải là/],
    ['saveCitation', { id: 1, citation: { text: 'Công văn số 5', start: 9, end: 3 } }, /cuối lớn hơn đầu/],
    ['saveTask', { id: 1, task: { text: 'Làm', lead: Array(31).fill('Ban') } }, /tối đa 30/],
    ['saveTask', { id: 1, task: { text: 'Làm', deadlineDate: 'mai' } }, /YYYY-MM-DD/],
    ['removeTask', { id: 1, key: '../1' }, /Mã nhiệm vụ không hợp lệ/],
  ])('%s %j', async (method, input, message) => {
    const r = await refused(method, input);
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.detail).toMatch(message);
  });

  test('keys and targets that do not exist in the document, and unknown documents', async () => {
    const id = await importOne(SAMPLE_WITH_REF);
    expect(await refused('clearCorrection', { id, target: 'field:subject' })).toMatchObject({
      code: 'INVALID_INPUT',
      detail: expect.stringMatching(/không có chỉnh sửa/),
    });
    expect(await refused('removeCitation', { id, key: 'c9' })).toMatchObject({
      code: 'INVALID_INPUT',
      detail: expect.stringMatching(/không có trích dẫn/),
    });
    expect(await refused('saveTask', { id, key: 't1-2', task: { text: 'Làm' } })).toMatchObject({
      code: 'INVALID_INPUT',
      detail: expect.stringMatching(/không có nhiệm vụ/),
    });
    expect(
      await refused('saveCitation', { id, citation: { text: 'Công văn', start: 0, end: 10_000_000 } }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      detail: expect.stringMatching(/vượt quá độ dài/),
    });
    expect((await refused('correctField', { id: id + 100, field: 'subject', value: 'x' })).code).toBe('NOT_FOUND');
    // Nothing half-written: the failed calls left no correction behind.
    expect((await call('getDocument', { id })).review.correctionCount).toBe(0);
  });
});

describe('a scanned PDF', () => {
  test('re-parsing it right after import changes nothing (import stored parser notes a re-parse dropped)', async () => {
    const id = await importOne(SCANNED_PDF);
    expect(archive.get(id).parse.warnings).toEqual([]);
    const report = await archive.reparse({ all: true });
    expect(report).toMatchObject({ reparsed: 1, changed: 0 });
  });

  test('is kept with its original, marked scanned, and found by the metadata a clerk types', async () => {
    const id = await importOne(SCANNED_PDF);
    let doc = await call('getDocument', { id });
    expect(doc).toMatchObject({ scanned: true, text: '', subject: null, review: { scanned: true } });
    expect(doc.review.fields.every((f) => f.doubtful)).toBe(true);

    await call('correctField', { id, field: 'type', value: 'Quyết định' });
    await call('correctField', { id, field: 'issuer', value: 'Ủy ban nhân dân huyện Kim Bảng' });
    await call('correctField', { id, field: 'ref', value: '1234/QĐ-UBND' });
    await call('correctField', { id, field: 'date', value: '2020-11-05' });
    doc = await call('correctField', {
      id,
      field: 'subject',
      value: 'Về việc phê duyệt phương án phòng chống lụt bão',
    });
    expect(doc).toMatchObject({
      type: 'Quyết định',
      ref: '1234/QĐ-UBND',
      number: '1234',
      symbol: 'QĐ-UBND',
      date: '2020-11-05',
      scanned: true,
    });

    // A scan has no body text, so it is found by the typed number, issuer, type and year.
    expect(await searchIds('1234/QĐ-UBND')).toEqual([id]);
    expect(await searchIds('so:1234/QD-UBND')).toEqual([id]);
    expect(await searchIds('coquan:"Kim Bảng"')).toEqual([id]);
    expect(await searchIds('loai:"quyet dinh" nam:2020')).toEqual([id]);
    expect((await search('coquan:"Kim Bảng"'))[0]).toMatchObject({
      subject: 'Về việc phê duyệt phương án phòng chống lụt bão',
      date: '2020-11-05',
    });
    const list = await call<{ items: { id: number; subject: string; type: string }[] }>('listDocuments', {});
    expect(list.items).toEqual([
      expect.objectContaining({ id, type: 'Quyết định', subject: 'Về việc phê duyệt phương án phòng chống lụt bão' }),
    ]);

    // Re-parsing a scan keeps what the clerk typed.
    await archive.reparse({ all: true });
    expect((await call('getDocument', { id })).subject).toBe('Về việc phê duyệt phương án phòng chống lụt bão');
  });
});
