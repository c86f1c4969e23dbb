/** `vanthu search` as the README describes it: syntax, refs, --json shape, and its mistakes. */
import path from 'node:path';
import { runCli } from '../../helpers/cli';
import { ROOT, SAMPLES_DIR, tempDir } from '../../helpers/tmp';

describe('vanthu search', () => {
  let cleanup: () => void;
  let archive: string;
  beforeAll(() => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    archive = path.join(dir, 'kho');
    const party = path.join(ROOT, 'tests', 'fixtures', 'corpus', '015-cv-party-ocr-spacing.txt');
    expect(runCli(['import', SAMPLES_DIR, party, '--archive', archive]).status).toBe(0);
  });
  afterAll(() => cleanup());

  const search = (...args: string[]) => runCli(['search', '--archive', archive, ...args]);

  test('--json prints exactly the README keys; refs and words without accents find documents', () => {
    for (const query of ['phong chong dich', 'phòng chống dịch', '571-CV/TU', 'cv 571', '21/NQ-CP']) {
      const run = search(query, '--json');
      expect({ query, status: run.status }).toEqual({ query, status: 0 });
      const hits = JSON.parse(run.stdout) as Record<string, unknown>[];
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits)
        expect(Object.keys(hit).sort()).toEqual(['date', 'id', 'issuer', 'ref', 'score', 'snippet', 'subject', 'type']);
    }
  });

  test('an empty query is refused with a Vietnamese reason (exit 2), not «no document found»', () => {
    for (const query of ['', '   ']) {
      const run = search(query);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/câu tìm kiếm trống/);
      expect(run.stdout).toBe('');
    }
  });

  test('--offset past the last result says how many were found instead of «Không tìm thấy văn bản nào»', () => {
    const run = search('dich', '--offset', '1000');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^\d+ văn bản; không còn kết quả sau vị trí 1000\./);
    expect(run.stdout).not.toMatch(/Không tìm thấy/);
  });

  test('malformed queries: a Vietnamese reason, never an English or unexpected error', () => {
    for (const query of ['"phong chong', 'OR', 'dich OR', '*', '(', 'NEAR(dich covid)', 'cap:foo', 'x'.repeat(10000)]) {
      const run = search(query);
      expect({ query: query.slice(0, 20), status: [0, 1, 2].includes(run.status ?? -1) }).toEqual({
        query: query.slice(0, 20),
        status: true,
      });
      expect(run.stderr + run.stdout).not.toMatch(/không mong muốn|fts5|syntax error|Error:|\n\s+at /);
    }
  });
});
