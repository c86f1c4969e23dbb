/**
 * Compact storage (migrations 0110 and 0130, docs/import.md §Storage): originals and parse results
 * stored against the document text, task texts as spans of it, the text itself deflated. Every
 * reader must give back what was imported, for rows written before the migrations and after them,
 * and for rows written back from trash and bundles (which carry the plain forms).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { createBackup, verifyBackup } from '../../../electron/core/backup/backup';
import { checkArchive } from '../../../electron/core/backup/check';
import { exportBundle, importBundle } from '../../../electron/core/bundle/bundle';
import { MIGRATIONS, migrate } from '../../../electron/core/db/migrations';
import { citationRowValues, getDocument, getOriginal, taskRowValues } from '../../../electron/core/db/store';
import { taskTextFrom } from '../../../electron/core/import/derived';
import { parsedTasks } from '../../../electron/core/db/tasks-store';
import { documentText as graphDocumentText, storedDoc } from '../../../electron/core/db/graph-store';
import { reviewSource } from '../../../electron/core/db/review-store';
import { documentText, storedText } from '../../../electron/core/db/text';
import { searchStore } from '../../../electron/core/search/indexer';
import {
  COMPRESSION_DEFLATE_RAW,
  COMPRESSION_DEFLATE_TEXT,
  COMPRESSION_RAW,
  COMPRESSION_TEXT_THEN_TAIL,
  decodeOriginal,
  decodeParse,
  decodeParseJson,
  decodeText,
  encodeOriginal,
  encodeParse,
  encodeText,
  textDictionary,
  withTextDictionary,
} from '../../../electron/core/import/compression';
import { prepareFile } from '../../../electron/core/import/prepare';
import type { Result } from '../../../shared/api/errors';
import type { SearchRequest } from '../../../electron/core/search/engine';
import type { Task } from '../../../shared/model/directive';
import { parseDirective } from '../../../shared/parser';
import { PARSER_VERSION } from '../../../shared/parser/version';
import { tempDir } from '../../helpers/tmp';
import { directive, writeDirectives } from '../safety/directives';

const TEXT = directive(7).text;
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('originals stored against their text', () => {
  // [case, file bytes, the text the reader made of them, expected storage]
  const cases: [string, Buffer, string, number][] = [
    ['a UTF-8 file is its text plus a final newline', utf8(`${TEXT}\n`), TEXT, COMPRESSION_TEXT_THEN_TAIL],
    ['a UTF-8 file that is exactly its text', utf8(TEXT), TEXT, COMPRESSION_TEXT_THEN_TAIL],
    ['trailing blank lines and spaces after the text', utf8(`${TEXT}\n\n  \n\t\n`), TEXT, COMPRESSION_TEXT_THEN_TAIL],
    [
      'a tail longer than 64 bytes is deflated against the text',
      utf8(`${TEXT}\n${'\n'.repeat(80)}`),
      TEXT,
      COMPRESSION_DEFLATE_TEXT,
    ],
    ['the text is not a prefix of the file', utf8(`\n${TEXT}`), TEXT, COMPRESSION_DEFLATE_TEXT],
    ['a tail that would not save 10 % of a short file', utf8(`Ủy${'\n'.repeat(60)}`), 'Ủy', COMPRESSION_DEFLATE_TEXT],
    ['Windows line ends (the text has LF)', utf8(`${TEXT.replace(/\n/g, '\r\n')}\r\n`), TEXT, COMPRESSION_DEFLATE_TEXT],
    ['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(TEXT)]), TEXT, COMPRESSION_DEFLATE_TEXT],
    ['NFD in the file, NFC in the text', utf8(TEXT.normalize('NFD')), TEXT, COMPRESSION_DEFLATE_TEXT],
    [
      'a legacy 8-bit encoding: only its ASCII matches the text',
      Buffer.from(TEXT.normalize('NFD').replace(/[^\x20-\x7e\n]/g, '\xe0'), 'latin1'),
      TEXT,
      COMPRESSION_DEFLATE_TEXT,
    ],
    ['a scan: no text, bytes that do not compress', randomBytes(4096), '', COMPRESSION_RAW],
    ['a file under 64 bytes is kept as is', utf8('CÔNG VĂN\n'), 'CÔNG VĂN', COMPRESSION_RAW],
    [
      'a lone surrogate in the text: it would not read back from SQLite, so no dictionary',
      utf8(`${TEXT}\n`),
      `${TEXT}\ud800`,
      COMPRESSION_DEFLATE_RAW,
    ],
  ];
  test.each(cases)('%s', (_name, bytes, text, expected) => {
    const stored = encodeOriginal(new Uint8Array(bytes), text);
    expect(stored.compression).toBe(expected);
    const back = decodeOriginal(Buffer.from(stored.bytes), stored.compression, text);
    expect(back.equals(bytes)).toBe(true);
    if (expected !== COMPRESSION_RAW) expect(stored.bytes.byteLength).toBeLessThan(bytes.byteLength * 0.9);
  });

  test.each([
    ['the text then a tail', utf8(`${TEXT}\n`), COMPRESSION_TEXT_THEN_TAIL],
    ['DEFLATE against the text', utf8(`${TEXT.replace(/\n/g, '\r\n')}\r\n`), COMPRESSION_DEFLATE_TEXT],
  ])('a row stored as %s cannot be read without the text', (_name, bytes, expected) => {
    const stored = encodeOriginal(new Uint8Array(bytes), TEXT);
    expect(stored.compression).toBe(expected);
    // A few dozen bytes of back-references, or the tail alone, for a whole file.
    expect(stored.bytes.byteLength).toBeLessThan(64);
    expect(() => decodeOriginal(Buffer.from(stored.bytes), stored.compression, null)).toThrow(/no text/);
  });

  test('the tail is a copy, even of an upload Buffer: the worker transfers its ArrayBuffer', () => {
    const file = utf8(`${TEXT}\n`);
    const stored = encodeOriginal(file, TEXT);
    expect(stored.compression).toBe(COMPRESSION_TEXT_THEN_TAIL);
    expect(stored.bytes.buffer).not.toBe(file.buffer);
    expect(stored.bytes.byteLength).toBe(stored.bytes.buffer.byteLength);
    expect(Buffer.from(stored.bytes).toString()).toBe('\n');
  });
});

describe('document texts stored deflated', () => {
  // [case, text, packed?]
  test.each([
    ['a directive', TEXT, true],
    ['a one-line note still shrinks', 'Ghi chú nội bộ: họp giao ban lúc 8 giờ, họp giao ban lúc 14 giờ.', true],
    ['a scan has no text', '', false],
    ['a lone surrogate would not read back from SQLite', `${TEXT}\ud800`, false],
    ['a text that does not shrink stays plain', 'Ủy', false],
  ])('%s', (_name, text, packed) => {
    const bytes = encodeText(text);
    expect(bytes !== null).toBe(packed);
    expect(decodeText(bytes ? '' : text, bytes ? Buffer.from(bytes) : null)).toBe(text);
    if (bytes) expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(text, 'utf8'));
  });

  test('damaged packed bytes throw rather than read as some other text', () => {
    const bytes = Buffer.from(encodeText(TEXT)!);
    bytes[3] = bytes[3]! ^ 0xff;
    expect(() => storedText({ text: '', text_packed: bytes.subarray(0, 20) })).toThrow();
  });
});

describe('parse results stored against their text', () => {
  test.each([
    ['a directive with citations, tasks and recipients', TEXT],
    ['a one-line note with nothing parsed', 'Ghi chú nội bộ'],
  ])('%s: the stored form reads back to the same result', (_name, text) => {
    const parse = parseDirective(text);
    const { json, packed } = encodeParse(parse, text);
    expect(packed).not.toBeNull();
    // SQL reads the recipients with json_extract (graph-store): they stay in parse_json.
    expect(JSON.parse(json)).toEqual({ recipients: parse.recipients });
    expect(JSON.parse(decodeParseJson(json, Buffer.from(packed!), text))).toEqual(parse);
  });

  test('a scan (no text) keeps the whole result in parse_json', () => {
    const parse = parseDirective('');
    expect(encodeParse(parse, '')).toEqual({ json: JSON.stringify(parse), packed: null });
  });
});

describe('task texts in parse_packed as lengths (migration 0170)', () => {
  const text = TEXT;
  const parse = parseDirective(text);
  const { recipients, ...rest } = parse;
  const asReadToday = JSON.stringify({ recipients, ...rest });
  const storedRest = (packed: Uint8Array): { tasks: { text: unknown; children: unknown[] }[] } =>
    JSON.parse(inflateRawSync(packed, { dictionary: utf8(text) }).toString('utf8')) as never;

  test('a task whose text is the tail of its span is stored as its length, and reads back as the text', () => {
    expect(flatten(parse.tasks).length).toBeGreaterThan(2);
    const { json, packed } = encodeParse(parse, text);
    const stored = flatten(storedRest(packed!).tasks as never as Task[]);
    expect(stored.map((t) => t.text)).toEqual(flatten(parse.tasks).map((t) => t.text.length));
    expect(decodeParseJson(json, Buffer.from(packed!), text)).toBe(asReadToday);
    expect(decodeParse(json, Buffer.from(packed!), text)).toEqual(parse);
  });

  test('a task text that is not its span stays spelled out', () => {
    const edited = structuredClone(parse);
    edited.tasks[0]!.text = 'Văn bản không có trong nội dung';
    edited.tasks[1]!.children = [{ ...edited.tasks[1]!, text: '', children: [] }];
    const { json, packed } = encodeParse(edited, text);
    const stored = storedRest(packed!).tasks;
    expect(stored[0]!.text).toBe('Văn bản không có trong nội dung');
    expect(typeof stored[1]!.text).toBe('number');
    const { recipients: r, ...editedRest } = edited;
    expect(decodeParseJson(json, Buffer.from(packed!), text)).toBe(JSON.stringify({ recipients: r, ...editedRest }));
    expect(decodeParse(json, Buffer.from(packed!), text)).toEqual(edited);
  });

  test('a row packed before 0170, every task text spelled out, reads as before', () => {
    const packed = deflateRawSync(utf8(JSON.stringify(rest)), { level: 3, dictionary: utf8(text) });
    const json = JSON.stringify({ recipients });
    expect(decodeParseJson(json, packed, text)).toBe(asReadToday);
    expect(decodeParse(json, packed, text)).toEqual(parse);
  });

  test('a task without children (an older parse result) reads back without them', () => {
    const edited = structuredClone(parse) as unknown as { tasks: Partial<Task>[] };
    delete edited.tasks[0]!.children;
    const { json, packed } = encodeParse(edited as never, text);
    expect(JSON.parse(decodeParseJson(json, Buffer.from(packed!), text))).toEqual(edited);
    expect(decodeParse(json, Buffer.from(packed!), text)).toEqual(edited);
  });

  test('a task text that spells "text": and a digit is a string, not a length', () => {
    const edited = structuredClone(parse);
    edited.tasks[0]!.text = '{"text":1}';
    const { json, packed } = encodeParse(edited, text);
    expect(JSON.parse(decodeParseJson(json, Buffer.from(packed!), text))).toEqual(edited);
  });
});

describe('packing settings: rows written with older settings still read back', () => {
  // The level went from 6 to 3 (issue #4) and is not recorded with a row; raw inflate reads any
  // level and any window size, so rows packed either way, or with a smaller window, decode alike.
  const parse = parseDirective(TEXT);
  const { recipients: _recipients, ...rest } = parse;
  const dict = utf8(TEXT);
  const settings: [string, { level: number; windowBits?: number }][] = [
    ['level 6, as written before issue #4', { level: 6 }],
    ['level 3, as written now', { level: 3 }],
    ['level 1', { level: 1 }],
    ['level 9', { level: 9 }],
    ['level 6 with a 512-byte window', { level: 6, windowBits: 9 }],
    ['level 3 with a 16 KB window', { level: 3, windowBits: 14 }],
  ];
  test.each(settings)('%s', (_name, options) => {
    const text = deflateRawSync(dict, options);
    expect(decodeText('', text)).toBe(TEXT);
    const file = utf8(`${TEXT}\n`);
    const original = deflateRawSync(file, { ...options, dictionary: dict });
    expect(decodeOriginal(original, COMPRESSION_DEFLATE_TEXT, TEXT).equals(file)).toBe(true);
    const packed = deflateRawSync(utf8(JSON.stringify(rest)), { ...options, dictionary: dict });
    const json = JSON.stringify({ recipients: parse.recipients });
    expect(JSON.parse(decodeParseJson(json, packed, TEXT))).toEqual(parse);
  });
});

describe('the text dictionary, encoded once per file and shared by the encoders', () => {
  // [case, text, has a dictionary]
  test.each([
    ['a directive', TEXT, true],
    ['an emoji (a surrogate pair) reads back from SQLite as itself', `${TEXT} \u{1f600}`, true],
    ['a leading BOM is kept', `\ufeff${TEXT}`, true],
    ['a lone high surrogate', `${TEXT}\ud800`, false],
    ['a lone low surrogate', `\udc00${TEXT}`, false],
    ['a scan has no text', '', false],
  ])('%s', (_name, text, has) => {
    const dict = textDictionary(text);
    expect(dict !== null).toBe(has);
    if (dict) expect(dict.toString('utf8')).toBe(text);
    // Passing the dictionary gives what computing it inside gives.
    const file = new Uint8Array(utf8(`${text}\n`));
    expect(encodeOriginal(file, text, dict)).toEqual(encodeOriginal(file, text));
    const parse = parseDirective(text);
    expect(encodeParse(parse, text, dict)).toEqual(encodeParse(parse, text));
    expect(encodeText(text, dict)).toEqual(encodeText(text));
  });
});

describe('the dictionary lent for one call', () => {
  test('is textDictionary(text), and a call inside the loan gets a buffer of its own', () => {
    const other = `${TEXT} (bản sao)`;
    const seen = withTextDictionary(TEXT, (dict) => {
      const inner = withTextDictionary(other, (d) => Buffer.from(d!));
      // The outer loan is intact after the inner call.
      expect(dict!.equals(textDictionary(TEXT)!)).toBe(true);
      return { outer: Buffer.from(dict!), inner };
    });
    expect(seen.outer.toString('utf8')).toBe(TEXT);
    expect(seen.inner.toString('utf8')).toBe(other);
    expect(withTextDictionary('', (dict) => dict)).toBeNull();
    expect(withTextDictionary(`${TEXT}\ud800`, (dict) => dict)).toBeNull();
  });

  test('the encoders give with it what they give alone, text after text of any size', () => {
    for (const text of [TEXT, 'Ủy', TEXT.repeat(30), 'Ghi chú nội bộ']) {
      const parse = parseDirective(text);
      const file = new Uint8Array(utf8(`${text}\r\n`));
      const lent = withTextDictionary(text, (dict) => [
        encodeOriginal(file, text, dict),
        encodeParse(parse, text, dict),
        encodeText(text, dict),
      ]);
      expect(lent).toEqual([encodeOriginal(file, text), encodeParse(parse, text), encodeText(text)]);
    }
  });
});

describe('task texts as spans of the document text', () => {
  const text = 'Yêu cầu:\n1. Ủy ban nhân dân chủ trì triển khai.\n2. Ban Tuyên giáo tuyên truyền.';
  const at = (s: string): number => text.indexOf(s);
  const task = (t: string, start: number, end: number): Pick<Task, 'text' | 'start' | 'end'> => ({
    text: t,
    start,
    end,
  });
  test.each([
    ['the text after the label "1."', task('Ủy ban nhân dân chủ trì triển khai.', at('1.'), at('\n2.')), at('Ủy ban')],
    ['the whole span', task('1. Ủy ban nhân dân chủ trì triển khai.', at('1.'), at('\n2.')), at('1.')],
    ['a text that is not the end of its span (joined lines)', task('Ủy ban nhân dân', at('1.'), at('\n2.')), null],
    ['a span past the end of the text', task('tuyên truyền.', at('2.'), text.length + 5), null],
    ['a text longer than its span', task('Yêu cầu:\n1. Ủy ban', at('1.'), at(' nhân')), null],
  ])('%s', (_name, t, expected) => {
    expect(taskTextFrom(t, text)).toBe(expected);
  });
});

/** What every reader gives back for a document; each reader of the text must agree with getDocument. */
function readBack(archive: Archive, id: number): unknown {
  const detail = getDocument(archive.db, id)!;
  const db = archive.db;
  expect(documentText(db, id)).toBe(detail.text);
  expect(reviewSource(db, id)!.text).toBe(detail.text);
  expect(storedDoc(db, id)!.text).toBe(detail.text);
  expect(graphDocumentText(db, id)).toBe(detail.text);
  expect(searchStore(db).textsByIds([id]).get(id)).toBe(detail.text);
  expect(searchStore(db).documentForIndex(id)!.text).toBe(detail.text);
  // Snippets: the search finds the document by a phrase of its text and cuts the snippet from it.
  const words = detail.text.split(/\s+/);
  const at = words.findIndex((_, i) => i >= 10 && words.slice(i, i + 3).every((w) => /^\p{L}{3,}$/u.test(w)));
  const phrase = `"${words.slice(at, at + 3).join(' ')}"`;
  const hit = archive.search.search({ query: phrase } as SearchRequest).items.find((h) => h.id === id);
  expect(hit?.snippet).toBeTruthy();
  for (const piece of hit!.snippet.split('…')) expect(detail.text.replace(/\s+/g, ' ')).toContain(piece.trim());
  return {
    text: detail.text,
    contentHash: detail.contentHash,
    parse: detail.parse,
    tasks: parsedTasks(archive.db, id).map((t) => [t.ordinal, t.label, t.text]),
    original: getOriginal(archive.db, id)!.bytes.toString('base64'),
  };
}

async function ok<T>(p: Promise<Result<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('an archive written before migration 0110, then opened by this version', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  /**
   * An archive at schema 100 holding rows as the code before 0110 wrote them: the whole parse
   * result in parse_json, task texts spelled out, originals in plain DEFLATE. Its search index is
   * caught up when this version opens it, as for any archive that missed index rows.
   */
  async function archiveAtSchema100(archiveDir: string, folder: string): Promise<Map<string, unknown>> {
    const parses = new Map<string, unknown>();
    mkdirSync(archiveDir, { recursive: true });
    const db = new Database(path.join(archiveDir, 'vanthu.db'));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 100),
    );
    for (const name of readdirSync(folder).sort()) {
      const p = await prepareFile({ kind: 'path', path: path.join(folder, name) });
      if (!p.ok) throw new Error(p.reasonCode);
      const f = p.parse;
      parses.set(p.contentHash, JSON.parse(JSON.stringify(f)));
      const id = Number(
        db
          .prepare(
            `INSERT INTO documents (content_hash, text, format, encoding, scanned, type, ref, number, symbol, issuer,
               issuer_level, issuer_kind, province, date, place, subject, signer, signer_capacity, parse_json,
               parser_version, warnings_json, imported_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            p.contentHash,
            p.text,
            p.format,
            p.encoding,
            0,
            f.type,
            f.ref,
            f.number,
            f.symbol,
            f.issuer,
            f.issuerLevel,
            f.issuerKind,
            f.province,
            f.date,
            f.place,
            f.subject,
            f.signer,
            f.signerCapacity,
            JSON.stringify(f),
            PARSER_VERSION,
            '[]',
            '2024-01-01T00:00:00.000Z',
            '2024-01-01T00:00:00.000Z',
          ).lastInsertRowid,
      );
      const bytes = readFileSync(path.join(folder, name));
      db.prepare(
        'INSERT INTO originals (document_id, file_name, source_path, size, sha256, bytes, compression) VALUES (?, ?, ?, ?, ?, ?, 1)',
      ).run(id, name, null, bytes.byteLength, p.sha256, deflateRawSync(bytes));
      f.citations.forEach((c, ordinal) =>
        db
          .prepare(
            `INSERT INTO citations (document_id, ordinal, start, end, text, type, ref, number, symbol, date, issuer, issuer_normalized, relation)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...citationRowValues(id, ordinal, c)),
      );
      // With no text to point into, every row spells its text out (text_from, index 5, is null): the old row.
      for (const values of taskRowValues(id, f.tasks, '')) {
        db.prepare(
          `INSERT INTO tasks (document_id, ordinal, parent_ordinal, label, text, start, end, lead_json, cooperate_json, deadline_text, deadline_date, recurrence)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values.filter((_, i) => i !== 5));
      }
    }
    db.close();
    return parses;
  }

  /** The parser's output for each file of a folder, by content hash: what the archive must give back. */
  async function parsesOf(folder: string): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    for (const name of readdirSync(folder)) {
      const p = await prepareFile({ kind: 'path', path: path.join(folder, name) });
      if (p.ok) out.set(p.contentHash, JSON.parse(JSON.stringify(p.parse)));
    }
    return out;
  }

  test('old rows read back as imported, new rows are compact, and check, trash, bundles and backups work on both', async () => {
    const archiveDir = path.join(dir, 'kho');
    const oldFolder = writeDirectives(path.join(dir, 'cu'), 0, 6);
    const oldParses = await archiveAtSchema100(archiveDir, oldFolder);

    const archive = Archive.open(archiveDir);
    try {
      const oldIds = archive.list('date_asc', 100, 0).items.map((d) => d.id);
      expect(oldIds).toHaveLength(6);
      const oldRows = archive.db
        .prepare('SELECT count(*) FROM documents WHERE parse_packed IS NULL')
        .pluck()
        .get() as number;
      expect(oldRows).toBe(6);
      expect(textStorage(archive, oldIds)).toEqual(oldIds.map(() => 'plain'));
      for (const id of oldIds) {
        const detail = getDocument(archive.db, id)!;
        expect(detail.parse).toEqual(oldParses.get(detail.contentHash));
        const file = path.join(
          oldFolder,
          archive.list('date_asc', 100, 0).items.find((d) => d.id === id)!.originalName,
        );
        expect(getOriginal(archive.db, id)!.bytes.equals(readFileSync(file))).toBe(true);
        expect(parsedTasks(archive.db, id).map((t) => t.text)).toEqual(flatten(detail.parse.tasks).map((t) => t.text));
      }

      const newFolder = writeDirectives(path.join(dir, 'moi'), 6, 10);
      const newParses = await parsesOf(newFolder);
      await archive.importPaths([newFolder]);
      const newIds = archive
        .list('date_asc', 100, 0)
        .items.map((d) => d.id)
        .filter((id) => !oldIds.includes(id));
      expect(newIds).toHaveLength(4);
      const stored = archive.db
        .prepare(
          `SELECT count(*) AS n, sum(d.parse_packed IS NOT NULL) AS packed, sum(o.compression = 3) AS textThenTail,
                  (SELECT count(*) FROM tasks t WHERE t.document_id > ? AND t.text_from IS NOT NULL AND t.text = '') AS spanTasks
           FROM documents d JOIN originals o ON o.document_id = d.id WHERE d.id > ?`,
        )
        .get(Math.max(...oldIds), Math.max(...oldIds)) as {
        n: number;
        packed: number;
        textThenTail: number;
        spanTasks: number;
      };
      // The files are their text and a final newline, as most are.
      expect(stored).toMatchObject({ n: 4, packed: 4, textThenTail: 4 });
      expect(stored.spanTasks).toBeGreaterThan(0);
      expect(textStorage(archive, newIds)).toEqual(newIds.map(() => 'packed'));
      for (const id of newIds) {
        const detail = getDocument(archive.db, id)!;
        expect(detail.parse).toEqual(newParses.get(detail.contentHash));
        expect(parsedTasks(archive.db, id).map((t) => t.text)).toEqual(flatten(detail.parse.tasks).map((t) => t.text));
      }
      expect(checkArchive(archive.db).ok).toBe(true);

      // The text is what the original and the parse result are stored against: it cannot change.
      expect(() => archive.db.prepare('UPDATE documents SET text = ? WHERE id = ?').run('khác', newIds[0])).toThrow(
        /fixed at import/,
      );
      expect(() =>
        archive.db.prepare('UPDATE documents SET text_packed = ? WHERE id = ?').run(Buffer.from('x'), newIds[0]),
      ).toThrow(/fixed at import/);
      expect(() =>
        archive.db.prepare('UPDATE documents SET text_packed = NULL, text = ? WHERE id = ?').run('x', newIds[0]),
      ).toThrow(/fixed at import/);

      // Trash and restore give back the same document, old row or new.
      const call = createDispatcher(archive, { host: 'cli' });
      for (const id of [oldIds[0]!, newIds[0]!]) {
        const before = readBack(archive, id);
        const { trashId } = await ok<{ trashId: number }>(call('deleteDocument', { id }));
        expect(await ok(call('restoreFromTrash', { trashId }))).toEqual({ status: 'restored', id });
        expect(readBack(archive, id)).toEqual(before);
      }
      // Trash carries the plain text: a restored row is an old-style row, and reads the same.
      expect(textStorage(archive, [oldIds[0]!, newIds[0]!])).toEqual(['plain', 'plain']);
      expect(checkArchive(archive.db).ok).toBe(true);

      // A bundle carries full rows: the receiving archive reads the same documents.
      const bundle = path.join(dir, 'goi.vanthu-bundle');
      exportBundle(archive.db, bundle, { ids: [oldIds[1]!, newIds[1]!] }, '0');
      const other = Archive.open(path.join(dir, 'kho-khac'));
      try {
        expect(importBundle(other.db, bundle)).toMatchObject({ imported: 2 });
        const byHash = (a: Archive): Map<string, unknown> =>
          new Map(a.list('date_asc', 100, 0).items.map((d) => [a.get(d.id).contentHash, readBack(a, d.id)] as const));
        const received = byHash(other);
        for (const id of [oldIds[1]!, newIds[1]!]) {
          expect(received.get(archive.get(id).contentHash)).toEqual(readBack(archive, id));
        }
        expect(checkArchive(other.db).ok).toBe(true);
        // The bundle holds the plain text an older Vanthu reads; this one stores what it received as it came.
        const items = new Database(bundle, { readonly: true });
        try {
          const payloads = items.prepare('SELECT payload_json FROM bundle_items').pluck().all() as string[];
          expect(payloads).toHaveLength(2);
          for (const json of payloads) {
            const { document } = JSON.parse(json) as { document: Record<string, unknown> };
            expect(document).not.toHaveProperty('text_packed');
            expect(String(document.text).length).toBeGreaterThan(200);
          }
        } finally {
          items.close();
        }
        const receivedIds = other.list('date_asc', 100, 0).items.map((d) => d.id);
        expect(textStorage(other, receivedIds)).toEqual(['plain', 'plain']);
        // A document imported afresh into the receiving archive is packed again.
        await other.importPaths([writeDirectives(path.join(dir, 'them'), 20, 21)]);
        const fresh = other
          .list('date_asc', 100, 0)
          .items.map((d) => d.id)
          .filter((id) => !receivedIds.includes(id));
        expect(textStorage(other, fresh)).toEqual(['packed']);
        readBack(other, fresh[0]!);
        expect(checkArchive(other.db).ok).toBe(true);
      } finally {
        other.close();
      }

      // A backup's digest is computed from the rebuilt bytes, and it verifies.
      const backup = path.join(dir, 'sao-luu.vanthu-backup');
      await createBackup(archive.db, backup, { appVersion: '0', trigger: 'manual' });
      expect(verifyBackup(backup)).toMatchObject({ ok: true, problems: [] });
    } finally {
      archive.close();
    }
  });

  test('a row whose parse_packed was written before 0170 (task texts spelled out) reads as one written now', async () => {
    const archive = Archive.open(path.join(dir, 'kho'));
    try {
      await archive.importPaths([writeDirectives(path.join(dir, 'in'), 0, 3)]);
      const ids = archive.list('date_asc', 100, 0).items.map((d) => d.id);
      const call = createDispatcher(archive, { host: 'cli' });
      for (const id of ids) {
        const now = { read: readBack(archive, id), source: reviewSource(archive.db, id)!.parseJson };
        const { recipients: _recipients, ...rest } = getDocument(archive.db, id)!.parse;
        expect(flatten(rest.tasks).length).toBeGreaterThan(0);
        const text = documentText(archive.db, id);
        const oldStyle = deflateRawSync(utf8(JSON.stringify(rest)), { level: 3, dictionary: utf8(text) });
        archive.db.prepare('UPDATE documents SET parse_packed = ? WHERE id = ?').run(oldStyle, id);
        expect({ read: readBack(archive, id), source: reviewSource(archive.db, id)!.parseJson }).toEqual(now);
        // Trash carries the whole parse_json, decoded from the old-style row.
        const { trashId } = await ok<{ trashId: number }>(call('deleteDocument', { id }));
        expect(await ok(call('restoreFromTrash', { trashId }))).toEqual({ status: 'restored', id });
        expect(readBack(archive, id)).toEqual(now.read);
      }
      expect(checkArchive(archive.db).ok).toBe(true);
    } finally {
      archive.close();
    }
  });

  // [storage, line ends written to the files]
  test.each([
    ['the text then a tail', COMPRESSION_TEXT_THEN_TAIL, '\n'],
    ['DEFLATE against the text', COMPRESSION_DEFLATE_TEXT, '\r\n'],
  ])('a damaged original stored as %s is reported by vanthu check', async (_name, compression, lineEnd) => {
    const archive = Archive.open(path.join(dir, 'kho'));
    try {
      const folder = writeDirectives(path.join(dir, 'in'), 0, 2);
      for (const name of readdirSync(folder)) {
        const file = path.join(folder, name);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, lineEnd));
      }
      await archive.importPaths([folder]);
      const id = archive.list('date_asc', 1, 0).items[0]!.id;
      const row = archive.db.prepare('SELECT bytes, compression FROM originals WHERE document_id = ?').get(id) as {
        bytes: Buffer;
        compression: number;
      };
      expect(row.compression).toBe(compression);
      expect(checkArchive(archive.db).ok).toBe(true);
      const last = row.bytes.length - 1;
      row.bytes[last] = row.bytes[last]! ^ 0xff;
      archive.db.prepare('UPDATE originals SET bytes = ? WHERE document_id = ?').run(row.bytes, id);
      expect(checkArchive(archive.db).ok).toBe(false);
    } finally {
      archive.close();
    }
  });

  // Damage that bypasses the triggers (a disk error, an edit with another SQLite tool) is found by check.
  type Columns = { text: string; text_packed: Buffer | null };
  const flipMiddleByte = (stored: Columns): Columns => {
    const b = Buffer.from(stored.text_packed!);
    b[b.length >> 1] = b[b.length >> 1]! ^ 0xff;
    return { text: '', text_packed: b };
  };
  const editPlain = (_: Columns, plain: string): Columns => ({
    text: `${plain} (sửa ngoài Vanthu)`,
    text_packed: null,
  });
  test.each([
    ['a flipped byte in packed text', flipMiddleByte],
    ['plain text edited in place', editPlain],
  ])('%s is reported by vanthu check as a text that no longer matches its import hash', async (_, damage) => {
    const archive = Archive.open(path.join(dir, 'kho'));
    try {
      await archive.importPaths([writeDirectives(path.join(dir, 'in'), 0, 2)]);
      const id = archive.list('date_asc', 1, 0).items[0]!.id;
      const stored = archive.db.prepare('SELECT text, text_packed FROM documents WHERE id = ?').get(id) as Columns;
      const damaged = damage(stored, documentText(archive.db, id));
      archive.db.exec('DROP TRIGGER documents_text_unchanged; DROP TRIGGER documents_text_packed_unchanged;');
      archive.db
        .prepare('UPDATE documents SET text = ?, text_packed = ? WHERE id = ?')
        .run(damaged.text, damaged.text_packed, id);
      const report = checkArchive(archive.db);
      expect(report.ok).toBe(false);
      expect(report.findings.find((f) => f.code === 'texts')).toMatchObject({ level: 'error', ids: [id] });
    } finally {
      archive.close();
    }
  });
});

/** How each document's text is stored: 'plain' (text, NULL text_packed) or 'packed' ('' and DEFLATE). */
function textStorage(archive: Archive, ids: readonly number[]): string[] {
  const row = archive.db.prepare('SELECT text, text_packed FROM documents WHERE id = ?');
  return ids.map((id) => {
    const r = row.get(id) as { text: string; text_packed: Buffer | null };
    if (r.text_packed === null && r.text !== '') return 'plain';
    if (r.text_packed !== null && r.text === '') return 'packed';
    return `odd: ${r.text.length} chars, ${r.text_packed?.byteLength ?? 'no'} packed bytes`;
  });
}

function flatten(tasks: readonly Task[]): Task[] {
  return tasks.flatMap((t) => [t, ...flatten(t.children ?? [])]);
}
