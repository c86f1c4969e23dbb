/**
 * `vanthu reparse`: re-runs the parser over stale documents (or all), keeping the clerk's
 * corrections. A parser change is simulated by marking documents as parsed by an older version
 * with a different (wrong) stored parse.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Archive } from '../../../electron/core/archive';
import { storedParseJson } from '../../../electron/core/db/store';
import { storedText } from '../../../electron/core/db/text';
import { PARSER_VERSION } from '../../../shared/parser/version';
import { runCli } from '../../helpers/cli';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

describe('vanthu reparse', () => {
  let dir: string;
  let cleanup: () => void;
  let archiveDir: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    archiveDir = path.join(dir, 'kho');
    expect(runCli(['import', SAMPLES_DIR, '--json', '--archive', archiveDir]).status).toBe(0);
  });
  afterEach(() => cleanup());

  /** As if an older parser had read every document, and read the subject wrong. */
  function makeStale(): void {
    const db = new Database(path.join(archiveDir, 'vanthu.db'));
    const rows = db.prepare('SELECT id, text, text_packed, parse_json, parse_packed FROM documents').all() as {
      id: number;
      text: string;
      text_packed: Buffer | null;
      parse_json: string;
      parse_packed: Buffer | null;
    }[];
    for (const row of rows) {
      const parse = { ...JSON.parse(storedParseJson({ ...row, text: storedText(row) })), subject: 'Trích yếu cũ' };
      // Written whole, as a row from before migration 0110.
      db.prepare(
        'UPDATE documents SET parse_json = ?, parse_packed = NULL, parser_version = ?, subject = ? WHERE id = ?',
      ).run(JSON.stringify(parse), PARSER_VERSION - 1, 'Trích yếu cũ', row.id);
    }
    db.close();
  }

  function withArchive<T>(run: (archive: Archive) => T): T {
    const archive = Archive.open(archiveDir);
    try {
      return run(archive);
    } finally {
      archive.close();
    }
  }

  test('with nothing stale it says so and exits 0', () => {
    const run = runCli(['reparse', '--archive', archiveDir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Mọi văn bản đã được phân tích bằng bộ phân tích hiện tại/);
    expect(JSON.parse(runCli(['reparse', '--json', '--archive', archiveDir]).stdout)).toMatchObject({
      total: 0,
      reparsed: 0,
    });
  });

  test('re-parses stale documents, keeps a correction, and reports in text and JSON', () => {
    makeStale();
    const corrected = withArchive((archive) => {
      const id = archive.list().items[0]!.id;
      archive.correctField({ id, field: 'subject', value: 'Về việc trồng cây xanh ven đê' });
      return id;
    });

    const run = runCli(['reparse', '--json', '--archive', archiveDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      total: 5,
      reparsed: 5,
      changed: 4,
      failed: 0,
      correctionsKept: 1,
      parserVersion: PARSER_VERSION,
      failures: [],
    });

    withArchive((archive) => {
      for (const item of archive.list().items) {
        const doc = archive.get(item.id);
        expect(doc.review.parserVersion).toBe(PARSER_VERSION);
        const subject = doc.review.fields.find((f) => f.field === 'subject')!;
        expect(subject.parsed).not.toBe('Trích yếu cũ');
        if (item.id === corrected) expect(doc.subject).toBe('Về việc trồng cây xanh ven đê');
        else expect(doc.subject).toBe(subject.parsed);
      }
    });

    // Now nothing is stale; --all visits every document again, and nothing changes.
    expect(runCli(['reparse', '--archive', archiveDir]).stdout).toMatch(/Mọi văn bản đã được phân tích/);
    const all = runCli(['reparse', '--all', '--archive', archiveDir]);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(
      /Đã phân tích lại 5\/5 văn bản .*: 0 có thay đổi, 0 lỗi; giữ nguyên 1 chỉnh sửa của văn thư\./,
    );
  });

  test('an archive that cannot be opened exits 2 with a Vietnamese reason', () => {
    const notAnArchive = path.join(dir, 'tep');
    writeFileSync(notAnArchive, 'x');
    const run = runCli(['reparse', '--archive', notAnArchive]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Lỗi: /);
  });
});
