/**
 * The home list (listDocuments): newest first, undated documents after the dated ones in both date
 * orders, id breaking ties, paged by limit and offset.
 */
import { Archive } from '../../../electron/core/archive';
import { listDocumentsSql, type DocumentSortKey } from '../../../electron/core/db/store';
import { tempDir } from '../../helpers/tmp';
import { BG_571, CD_TW, ND_571, YT_128, importLetters, letterText } from '../graph/fixture';

// Two letters share a date (the id decides), two notes carry no date at all.
const LETTERS = [
  ND_571,
  BG_571,
  { ...BG_571, key: 'bg572', ref: '572-CV/TU', body: 'Ban Thường vụ Tỉnh ủy yêu cầu rà soát hồ sơ đảng viên.' },
  YT_128,
  { key: 'note1', text: 'Ghi chú họp giao ban tuần: rà soát hồ sơ đảng viên, báo cáo Thường trực.\n' },
  CD_TW,
  { key: 'note2', text: 'Danh sách cán bộ dự lớp bồi dưỡng lý luận chính trị, đợt 2.\n' },
];

// What the list meant before it was split into two index ranges: one ORDER BY over every document.
const REFERENCE: Record<DocumentSortKey, string> = {
  date_desc: 'date IS NULL, date DESC, id DESC',
  date_asc: 'date IS NULL, date ASC, id ASC',
  imported_desc: 'imported_at DESC, id DESC',
};

const PAGES: [limit: number, offset: number][] = [
  [200, 0],
  [1, 0],
  [3, 0],
  [3, 3],
  [2, 4], // the last dated document and the first undated one
  [2, 5],
  [3, 6], // undated only, skipping into them
  [5, 7],
  [1, 20], // past the end
];

describe('the home list pages by date with undated documents last, as one sort over every document did', () => {
  const t = tempDir('vanthu-list-');
  const archive = Archive.open(t.dir);
  beforeAll(async () => {
    await importLetters(
      archive,
      LETTERS.map((l) => ('text' in l ? l : { key: l.key, text: letterText(l) })),
    );
  });
  afterAll(() => {
    archive.close();
    t.cleanup();
  });

  test('the fixture has dated, same-day and undated documents', () => {
    const dates = (archive.db.prepare('SELECT date FROM documents').all() as { date: string | null }[]).map(
      (r) => r.date,
    );
    expect(dates.filter((d) => d === null)).toHaveLength(2);
    expect(new Set(dates.filter((d) => d !== null)).size).toBeLessThan(dates.length - 2);
  });

  for (const sort of Object.keys(REFERENCE) as DocumentSortKey[]) {
    test.each(PAGES)(`${sort}, limit %i offset %i`, (limit, offset) => {
      const expected = (
        archive.db
          .prepare(`SELECT id FROM documents ORDER BY ${REFERENCE[sort]} LIMIT ? OFFSET ?`)
          .all(limit, offset) as { id: number }[]
      ).map((r) => r.id);
      const page = archive.list(sort, limit, offset);
      expect(page.items.map((d) => d.id)).toEqual(expected);
      expect(page.total).toBe(LETTERS.length);
    });

    // 0.4–1 s at 100k documents for a page of 200 when SQLite sorted the whole table for it.
    test(`${sort} reads a page along an index, without sorting every document`, () => {
      for (const sql of listDocumentsSql(sort)) {
        const plan = (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(200, 0) as { detail: string }[]).map(
          (r) => r.detail,
        );
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
        expect(plan[0]).toMatch(/USING INDEX documents_by_(date|imported)/);
      }
    });
  }
});
