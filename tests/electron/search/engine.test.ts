import fc from 'fast-check';
import { VanthuError } from '../../../shared/api/errors';
import { SearchEngine } from '../../../electron/core/search/engine';
import { reindexDocument, searchStore } from '../../../electron/core/search/indexer';
import { prepareIndexEntry } from '../../../shared/search/entry';
import { MAX_QUERY_CHARS } from '../../../shared/search/query';
import { indexStreams } from '../../../shared/search/tokens';
import { saveOfficeSettingsJson } from '../../../electron/core/db/tasks-store';
import { DOCS, openFixture, type Fixture, type FixtureDoc } from './fixture';

let fx: Fixture;
let engine: SearchEngine;
beforeAll(() => {
  fx = openFixture();
  engine = new SearchEngine(fx.db);
});
afterAll(() => fx.db.close());

const keys = (query: string, sort: 'relevance' | 'date' = 'relevance'): string[] =>
  engine.search({ query, sort }).items.map((i) => fx.keyOf(i.id));

describe('query → results on the fixture archive', () => {
  // [query, exactly these documents (in this order when `ordered`)]
  test.each<[string, string[], boolean?]>([
    // Accents: unaccented words match every accented form; accented words only theirs.
    ['phong chong dich', ['cv571', 'ct16'], false],
    ['phòng chống dịch', ['cv571', 'ct16'], false],
    ['phòng chống dịch'.normalize('NFD'), ['cv571', 'ct16'], false],
    ['bão', ['storm']],
    ['báo', ['undated', 'storm', 'report'], false],
    ['đất', ['land']],
    ['đạt', ['land']],
    ['dat', ['land']],
    // đ folded explicitly.
    ['dang uy', ['undated', 'land'], false],
    ['Đảng ủy', ['undated', 'land'], false],
    // Tone placement: old and new style are the same word.
    ['hòa bình', ['report']],
    ['hoà giải', ['report']],
    ['khỏe', ['report']],
    ['thủy lợi', ['report']],
    ['"Tỉnh uỷ"', ['cv571', 'storm'], false],
    ['"tinh uy"', ['cv571', 'storm'], false],
    // Refs, in every variant: the document itself first, then documents citing it.
    ['571-CV/TU', ['cv571', 'storm']],
    ['571 CV TU', ['cv571', 'storm']],
    ['571 – cv / tu', ['cv571', 'storm']],
    ['cv 571', ['cv571', 'storm']],
    ['21/NQ-CP', ['nq21']],
    ['02-CD/TU', ['storm']],
    ['16/CT-TTg', ['ct16']],
    ['so:571-CV/TU', ['cv571']],
    // Abbreviations both ways.
    ['UBND', ['ubnd', 'land', 'nq21'], false],
    ['ủy ban nhân dân huyện', ['ubnd'], false],
    ['HĐND', ['ubnd']],
    ['MTTQ', ['land']],
    ['mặt trận tổ quốc', ['land']],
    ['BCĐ chuyển đổi số', ['ubnd']],
    // cv571's text says "Ban Thường vụ"; storm's issuer is "Ban Thường vụ Tỉnh ủy Quảng Ninh".
    ['BTV', ['cv571', 'storm']],
    // Phrases keep order.
    ['"nhân dân"', ['nq21', 'ubnd', 'report', 'cv571'], false],
    ['"dân nhân"', ['ct16']],
    ['"phong chong dich"', ['cv571', 'ct16'], false],
    // Exclusion and OR.
    ['covid -vắc', ['ct16', 'cv571'], false],
    ['covid NOT vac', ['ct16', 'cv571'], false],
    ['bão OR vắc', ['storm', 'nq21'], false],
    // Filters.
    ['loai:CT', ['ct16']],
    ['loai:"chỉ thị"', ['ct16']],
    ['loai:cong-van', ['cv571']],
    ['coquan:UBND', ['land', 'ubnd'], false],
    ['coquan:"tỉnh ủy"', ['cv571', 'storm'], false],
    ['nguoiky:"Nguyễn Xuân Phúc"', ['nq21', 'ct16']],
    ['nam:2021', ['report', 'cv571', 'nq21']],
    ['tu:2021-03-01 den:2021-12-31', ['report', 'cv571']],
    ['tu:01/03/2021 den:30/6/2021 huyện', ['report']],
    ['cap:tinh', ['storm', 'cv571']],
    ['cap:tw', ['nq21', 'ct16']],
    ['cap:huyen|xa nam:2023', ['land']],
    ['dịch cap:tw', ['ct16'], false],
  ])('%s', (query, expected, ordered = true) => {
    const got = keys(query);
    if (ordered) expect(got).toEqual(expected);
    else expect([...got].sort()).toEqual([...expected].sort());
  });

  test('a scanned document (no text) is found by the plain words of its subject and issuer', () => {
    const sc = openFixture([
      ...DOCS,
      {
        key: 'scan',
        ref: '07-TB/HU',
        type: 'Thông báo',
        issuer: 'Huyện ủy Tiên Yên',
        level: 'district',
        date: '2019-05-02',
        subject: 'Về kết luận kiểm tra công tác thủy lợi nội đồng',
        body: '',
      },
    ]);
    try {
      const e = new SearchEngine(sc.db);
      const find = (q: string): string[] => e.search({ query: q }).items.map((i) => sc.keyOf(i.id));
      expect(find('kiem tra thuy loi noi dong')).toEqual(['scan']);
      expect(find('nội đồng')).toEqual(['scan']);
      expect(find('tien yen')).toEqual(['scan']);
      expect(find('"huyện ủy tiên yên"')).toEqual(['scan']);
      // The seam between body and appended fields is not a phrase.
      expect(find('"tien yen ve ket luan"')).toEqual([]);
    } finally {
      sc.db.close();
    }
  });

  test('the first search warms the facet cache and the suggestion index on later turns of the event loop', async () => {
    const e = new SearchEngine(fx.db);
    const internals = e as unknown as { suggesters: unknown; facetCache: { has(id: number): boolean } };
    e.search({ query: 'bão' });
    expect(internals.suggesters).toBeNull();
    for (let i = 0; i < 5 && !internals.suggesters; i++) await new Promise((r) => setImmediate(r));
    expect(internals.suggesters).not.toBeNull();
    expect(Object.values(fx.idOf).every((id) => internals.facetCache.has(id))).toBe(true);
  });

  test('recency breaks ties and sorts the date view; undated documents come last', () => {
    expect(keys('nam:2020-2023', 'date')).toEqual(['land', 'storm', 'report', 'cv571', 'nq21', 'ct16', 'ubnd']);
    expect(keys('dân', 'date').at(-1)).toBe('undated');
  });

  test('a hit carries ref, type, issuer, date, subject and a highlighted snippet', () => {
    const [hit] = engine.search({ query: 'bão' }).items;
    expect(hit).toMatchObject({
      ref: '02-CĐ/TU',
      type: 'Công điện',
      issuer: 'Ban Thường vụ Tỉnh ủy Quảng Ninh',
      date: '2022-09-25',
    });
    const marked = hit!.highlights.map(([a, b]) => hit!.snippet.slice(a, b));
    expect(marked).toEqual(['bão', 'bão']);
  });

  test('unaccented query highlights accented forms', () => {
    const hit = engine.search({ query: 'phong chong dich' }).items.find((i) => fx.keyOf(i.id) === 'cv571')!;
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(
      expect.arrayContaining(['phòng', 'chống', 'dịch']),
    );
  });

  test('facets follow the query', () => {
    const r = engine.search({ query: 'dân' });
    expect(r.facetsExact).toBe(true);
    expect(r.facets.level.reduce((n, f) => n + f.count, 0)).toBe(r.total);
    expect(r.facets.level).toEqual(
      expect.arrayContaining([
        { value: 'district', count: 2 },
        { value: 'commune', count: 1 },
      ]),
    );
    expect(r.facets.year.find((y) => y.value === '2021')).toEqual({ value: '2021', count: 3 });
  });

  test('nothing found: did you mean, on every empty search (even before the suggestion index is warm)', () => {
    const cold = new SearchEngine(fx.db);
    expect(cold.search({ query: 'phong chong dcih' }).didYouMean).toBe('phong chong dich');
    const r = engine.search({ query: 'chuyen doi sô' });
    expect(r.total).toBe(0);
    expect(r.didYouMean).toBe('chuyen doi so');
    expect(engine.search({ query: 'phong chong dcih' }).didYouMean).toBe('phong chong dich');
  });

  // [typed, the suggestion (null: none)]. Only words are corrected, in place; operators, quotes,
  // excluded words, numbers, filters and syntax the language does not have stay as typed, a
  // filter's value is corrected from that field's own values, and nothing is better than nonsense.
  test.each<[string, string | null]>([
    ['phong chong dcih', 'phong chong dich'],
    ['Phong Chong DCIH', 'Phong Chong DICH'],
    ['"phong chong dcih"', '"phong chong dich"'],
    ['phong OR chong dcih', 'phong OR chong dich'],
    ['571-CV/TU dcih', '571-CV/TU dich'],
    ['dcih tu:2021-01-01 cap:tinh', 'dich tu:2021-01-01 cap:tinh'],
    ['phong chong dcih coquan:"Bắc Giang"', 'phong chong dich coquan:"Bắc Giang"'],
    // A filter's value from its own field: issuers, types, signers.
    ['coquan:"Bac Gaing" phong chong', 'coquan:"Bac Giang" phong chong'],
    ['loai:"cong vna" phong chong', 'loai:"cong van" phong chong'],
    ['nguoiky:"Nguyen Van Mihn"', 'nguoiky:"Nguyen Van Minh"'],
    // "dich" is a word of the texts, not of any issuer: no issuer filter made of it.
    ['coquan:dcih', null],
    // FTS5's NEAR and an unknown field prefix were rewritten into "nam(a b)" and "x:bc".
    ['NEAR(a b)', null],
    ['x:abc', null],
    ['NEAR(phong chong) dcih', null],
    // Too short or too far to guess; numbers are not typos («2029» was offered as «2021»).
    ['ab', null],
    ['ket qua 6 thang dau nam 2029', null],
    ['xqzvw', null],
    // An accented word absent with these marks: its letters with any marks.
    ['chuyen doi sô', 'chuyen doi so'],
  ])('did you mean: %s → %s', (typed, expected) => {
    const r = engine.search({ query: typed });
    expect(r.total).toBe(0);
    expect(r.didYouMean).toBe(expected);
  });

  test('suggestions: prefix and typo tolerant over subjects, refs and issuers (table below)', () => {
    expect(engine.suggest('phong chong dcih').map((s) => s.text)).toContain(
      'Về tăng cường công tác phòng, chống dịch Covid-19',
    );
    expect(engine.suggest('571')).toEqual([{ kind: 'ref', text: '571-CV/TU', id: fx.idOf.cv571 }]);
    expect(engine.suggest('ban thuong vu tinh').map((s) => s.kind)).toContain('issuer');
    expect(engine.suggest('   ')).toEqual([]);
  });

  test('saved searches and history', () => {
    const saved = engine.saveSearch('Bão lũ', 'bão OR lũ cap:tinh', 'date');
    expect(engine.listSavedSearches()).toEqual([saved]);
    engine.recordHistory('bão', 1);
    engine.recordHistory('dịch', 2);
    engine.recordHistory('bão', 1);
    expect(engine.history().map((h) => h.query)).toEqual(['bão', 'dịch']);
    engine.deleteSavedSearch(saved.id);
    expect(engine.listSavedSearches()).toEqual([]);
    expect(() => engine.saveSearch('x', '-a', 'relevance')).toThrow(VanthuError);
  });

  test('regression: a 10,000-character paste was kept whole in history; now the 1,000 characters searched', () => {
    const paste = `phòng chống dịch ${'Covid-19 tại các xã, thị trấn '.repeat(400)}`.slice(0, 10_000);
    const hits = engine.search({ query: paste });
    expect(hits.warnings).toContain(`Câu tìm kiếm quá dài: chỉ dùng ${MAX_QUERY_CHARS} ký tự đầu.`);
    engine.recordHistory(`  ${paste}\n`, hits.total);
    const [entry] = engine.history(1);
    expect(entry!.query).toBe(paste.slice(0, MAX_QUERY_CHARS).trimEnd());
    // Re-running the entry searches what the paste searched.
    expect(engine.search({ query: entry!.query }).total).toBe(hits.total);
    // The same paste again is the same entry, moved to the top.
    engine.recordHistory(paste, hits.total);
    expect(engine.history().filter((h) => h.query === entry!.query)).toHaveLength(1);
    // No half of an emoji at the cut.
    engine.recordHistory(`${'a'.repeat(MAX_QUERY_CHARS - 1)}😀 b`, 0);
    expect(engine.history(1)[0]!.query).toBe('a'.repeat(MAX_QUERY_CHARS - 1));

    // Entries stored whole before the cap read back cut, and once.
    const old = new Date(Date.now() + 60_000).toISOString();
    const insert = fx.db.prepare('INSERT INTO search_history (query, results, searched_at) VALUES (?, ?, ?)');
    insert.run(`${paste}x`, 3, old);
    insert.run(`${paste}y`, 3, old);
    const top = engine.history(3);
    expect(top[0]!.query).toBe(entry!.query);
    expect(top.filter((h) => h.query === entry!.query)).toHaveLength(1);

    // A saved search keeps the part searched too.
    const saved = engine.saveSearch('Dịch ở các xã', paste, 'relevance');
    expect(saved.query).toBe(entry!.query);
    expect(engine.listSavedSearches().find((x) => x.id === saved.id)!.query).toBe(entry!.query);
    engine.deleteSavedSearch(saved.id);
    fx.db.prepare('DELETE FROM search_history').run();
  });

  test('export as a register table', () => {
    const csv = engine.exportResults('cap:tw', 'date', 'csv', 100);
    expect(csv.count).toBe(2);
    expect(csv.content.split('\r\n')[1]).toBe(
      '1,21/NQ-CP,Nghị quyết,26/02/2021,Chính phủ,Về mua và sử dụng vắc xin phòng Covid-19',
    );
    expect(engine.exportResults('cap:tw', 'date', 'html', 100).content).toContain('<td>16/CT-TTg</td>');
  });

  test('a corrected date moves the document in the index', () => {
    fx.db.prepare(`UPDATE documents SET date = '2019-01-01' WHERE id = ?`).run(fx.idOf.storm);
    reindexDocument(fx.db, fx.idOf.storm!);
    engine.invalidate();
    expect(keys('nam:2019')).toEqual(['storm']);
    expect(keys('bão')).toEqual(['storm']);
    fx.db.prepare(`UPDATE documents SET date = '2022-09-25' WHERE id = ?`).run(fx.idOf.storm);
    reindexDocument(fx.db, fx.idOf.storm!);
  });
});

describe('malformed queries never reach SQLite as syntax', () => {
  test.each([
    ['unbalanced quotes', '"phòng chống'],
    ['lone operators', 'OR AND NOT -'],
    ['FTS5 syntax', 'NEAR(a b, 2) * ^ col:x {f x} : "y" AND'],
    ['SQL', "'; DROP TABLE documents; --"],
    ['a 10,000-character paste', 'phòng chống dịch '.repeat(600)],
  ])('%s', (_label, query) => {
    const r = engine.search({ query });
    expect(Array.isArray(r.items)).toBe(true);
  });

  test('random input: a result or QUERY_INVALID, never an SQL error', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[a-zđâ "*:^()\-|ORNEAR0-9/]{0,60}$/)),
        (s) => {
          try {
            engine.search({ query: s });
          } catch (error) {
            expect((error as VanthuError).code).toBe('QUERY_INVALID');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('query plans of the hot queries (a lost index fails here)', () => {
  const plan = (sql: string, ...params: unknown[]): string =>
    (fx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  test('recency walk: FTS5 serves MATCH, the rowid range and the descending order itself (no sort)', () => {
    const p = plan(
      'SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
      'f : "a"',
      0,
      1,
      1,
      0,
    );
    // idxNum 192 = FTS5 "order by rowid, descending"; M = MATCH; > < = rowid bounds.
    expect(p).toMatch(/^SCAN search_fts VIRTUAL TABLE INDEX 192:M\d+></);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });
  test('date-range only: the key index, in order', () => {
    expect(
      plan('SELECT key FROM search_docs WHERE key BETWEEN ? AND ? ORDER BY key DESC LIMIT ? OFFSET ?', 0, 1, 1, 0),
    ).toBe('SEARCH search_docs USING COVERING INDEX sqlite_autoindex_search_docs_1 (key>? AND key<?)');
  });
  test('page rows and texts by primary key', () => {
    expect(plan('SELECT * FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))', '[1]')).toMatch(
      /^SEARCH search_docs USING INTEGER PRIMARY KEY/,
    );
    expect(
      plan('SELECT id, text, text_packed FROM documents WHERE id IN (SELECT value FROM json_each(?))', '[1]'),
    ).toMatch(/^SEARCH documents USING INTEGER PRIMARY KEY/);
  });
  test('catch-up never scans the document rows', () => {
    expect(
      plan(
        'SELECT id FROM documents INDEXED BY documents_by_date WHERE id NOT IN (SELECT doc_id FROM search_docs) LIMIT ?',
        1,
      ),
    ).toMatch(/^SCAN documents USING COVERING INDEX documents_by_date/);
  });
});

/** Directives giving tasks to agencies, next to the fixture archive, and an office agency list. */
const AGENCY_DOCS: FixtureDoc[] = [
  {
    key: 'tasks1',
    ref: '120-KH/HU',
    type: 'Kế hoạch',
    issuer: 'Ban Thường vụ Huyện ủy Yên Thế',
    level: 'district',
    date: '2024-02-01',
    subject: 'Về bảo đảm an ninh trật tự dịp Tết',
    body: 'HUYỆN ỦY YÊN THẾ\nSố 120-KH/HU\n\n1. Công an huyện chủ trì, phối hợp với Ban Tuyên giáo Huyện ủy tuyên truyền. 2. Đoàn Thanh niên huyện tổ chức ra quân.',
    tasks: [
      { text: 'tuyên truyền', lead: ['Công an huyện'], cooperate: ['Ban Tuyên giáo Huyện ủy'] },
      { text: 'ra quân', lead: ['Đoàn Thanh niên huyện'] },
      { text: 'kiểm tra', lead: ['công an  huyện'], cooperate: ['BTG Huyện ủy'] },
    ],
  },
  {
    key: 'tasks2',
    ref: '15/KH-UBND',
    type: 'Kế hoạch',
    issuer: 'UBND huyện Yên Thế',
    level: 'district',
    date: '2024-03-01',
    subject: 'Kế hoạch phòng cháy, chữa cháy rừng',
    body: 'UBND HUYỆN YÊN THẾ\nSố: 15/KH-UBND\n\nGiao Hạt Kiểm lâm chủ trì; Công an huyện phối hợp.',
    tasks: [{ text: 'phòng cháy', lead: ['Hạt Kiểm lâm'], cooperate: ['Công an huyện'] }],
  },
];

describe('suggestions: prefix → expected suggestion', () => {
  let ax: Fixture;
  let e: SearchEngine;
  beforeAll(() => {
    ax = openFixture([...DOCS, ...AGENCY_DOCS]);
    const office = {
      officeName: 'Văn phòng Huyện ủy',
      style: 'party',
      agencies: [
        { name: 'Ban Tuyên giáo Huyện ủy', short: 'BTG Huyện ủy', aliases: ['Ban Tuyên giáo huyện'] },
        { name: 'UBND huyện', short: 'UBND huyện', aliases: ['Ủy ban nhân dân huyện'] },
      ],
    };
    saveOfficeSettingsJson(ax.db, JSON.stringify(office), '2024-01-01T00:00:00.000Z');
    e = new SearchEngine(ax.db);
  });
  afterAll(() => ax.db.close());

  // [typed, the expected suggestion, must it be the first one?]
  test.each<[string, { kind: string; text: string }, boolean]>([
    // Agencies from tasks (lead and cooperating), accents or not, prefix on the last word.
    ['cong an huyen', { kind: 'agency', text: 'Công an huyện' }, true],
    ['công an huyện', { kind: 'agency', text: 'Công an huyện' }, true],
    ['CÔNG AN HUY', { kind: 'agency', text: 'Công an huyện' }, true],
    ['cong an', { kind: 'agency', text: 'Công an huyện' }, true],
    ['ban tuyen giao', { kind: 'agency', text: 'Ban Tuyên giáo Huyện ủy' }, true],
    ['ban tuyên gi', { kind: 'agency', text: 'Ban Tuyên giáo Huyện ủy' }, true],
    // đ folded.
    ['doan thanh', { kind: 'agency', text: 'Đoàn Thanh niên huyện' }, true],
    ['đoàn th', { kind: 'agency', text: 'Đoàn Thanh niên huyện' }, true],
    // Typos: a swap of two letters is one edit from 4 letters.
    ['cogn an huyen', { kind: 'agency', text: 'Công an huyện' }, true],
    ['ban tuyne giao', { kind: 'agency', text: 'Ban Tuyên giáo Huyện ủy' }, true],
    ['hat kime lam', { kind: 'agency', text: 'Hạt Kiểm lâm' }, true],
    // The office list: an agency known by its short name or alias is suggested by its name.
    ['btg', { kind: 'agency', text: 'Ban Tuyên giáo Huyện ủy' }, true],
    ['uy ban nhan dan huyen', { kind: 'agency', text: 'UBND huyện' }, false],
    // Issuers, refs, subjects.
    ['ban thuong vu tinh', { kind: 'issuer', text: 'Ban Thường vụ Tỉnh ủy Bắc Giang' }, false],
    ['tinh uy quang', { kind: 'issuer', text: 'Ban Thường vụ Tỉnh ủy Quảng Ninh' }, true],
    ['Ủy ban nhân dân huyện an', { kind: 'issuer', text: 'Ủy ban nhân dân huyện An Lão' }, true],
    ['571', { kind: 'ref', text: '571-CV/TU' }, true],
    ['88/kh', { kind: 'ref', text: '88/KH-UBND' }, true],
    ['15-KH', { kind: 'ref', text: '15/KH-UBND' }, true],
    ['02 cđ', { kind: 'ref', text: '02-CĐ/TU' }, true],
    ['phong chong d', { kind: 'subject', text: 'Về tăng cường công tác phòng, chống dịch Covid-19' }, false],
    ['phong chong dcih', { kind: 'subject', text: 'Về tăng cường công tác phòng, chống dịch Covid-19' }, false],
    ['chuyển đổi', { kind: 'subject', text: 'Về việc thành lập Ban Chỉ đạo chuyển đổi số' }, true],
    ['dat dai', { kind: 'subject', text: 'Kế hoạch quản lý đất đai năm 2023' }, true],
    ['an ninh trat t', { kind: 'subject', text: 'Về bảo đảm an ninh trật tự dịp Tết' }, true],
  ])('%s', (typed, expected, first) => {
    const got = e.suggest(typed).map((s) => ({ kind: s.kind, text: s.text }));
    if (first) expect(got[0]).toEqual(expected);
    else expect(got).toContainEqual(expected);
  });

  // [typed, the suggestions (kind:text, in any order; only among the first when `some`)]. A field
  // prefix was ignored: "coquan:huy" suggested by the words "coquan" and "huy" alike.
  test.each<[string, string[], boolean?]>([
    [
      'coquan:huy',
      [
        'issuer:Huyện ủy An Lão',
        'issuer:Ủy ban nhân dân huyện An Lão',
        'issuer:UBND huyện Yên Thế',
        'issuer:Ban Thường vụ Huyện ủy Yên Thế',
      ],
    ],
    ['coquan:"Ban Thường vụ Tỉnh ủy Q', ['issuer:Ban Thường vụ Tỉnh ủy Quảng Ninh']],
    ['coquan:"huyen uy an', ['issuer:Huyện ủy An Lão', 'issuer:Ủy ban nhân dân huyện An Lão']],
    // Agencies of the tasks are not issuers: "Ban Tuyên giáo Huyện ủy" issued nothing here.
    ['coquan:"ban tuy', []],
    ['loai:cong', ['type:Công văn', 'type:Công điện']],
    ['loai:ke', ['type:Kế hoạch']],
    // Nothing typed yet: the most used first.
    ['loai:', ['type:Kế hoạch'], true],
    ['nguoiky:nguyen', ['signer:Nguyễn Xuân Phúc', 'signer:Nguyễn Văn Minh']],
    ['nguoiky:"Tran Van', ['signer:Trần Văn Hùng']],
    ['bão nguoiky:phuc', ['signer:Nguyễn Xuân Phúc']],
    ['so:571', ['ref:571-CV/TU']],
    ['so:88/kh', ['ref:88/KH-UBND']],
    ['so:"phong chong', []],
    // Typos, as without a prefix.
    ['nguoiky:"nguyen xaun', ['signer:Nguyễn Xuân Phúc']],
    // A value without quotes ends at a space: what follows is words again.
    ['coquan:huyen uy an', []],
  ])('a field prefix suggests from that field only: %s', (typed, expected, some = false) => {
    const got = e.suggest(typed).map((s) => `${s.kind}:${s.text}`);
    if (some) expect(got.slice(0, expected.length)).toEqual(expected);
    else expect([...got].sort()).toEqual([...expected].sort());
  });

  // Regression: `nam:`, `cap:`, `tu:` and `den:` suggested nothing (only so:, loai:, coquan:, nguoiky: did).
  const thisYear = new Date().getFullYear();
  const today = (() => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
  })();
  const RECENT = 'ngày ban hành của một văn bản mới nhất trong kho';
  const FORMAT = 'viết ngày/tháng/năm; cũng nhận năm (2021) hoặc tháng/năm (6/2021)';
  test.each<[string, string[]]>([
    // The two 2024 directives are this block's own (the agencies' tasks).
    ['nam:', ['2024 — 2 văn bản', '2023 — 1 văn bản', '2022 — 1 văn bản', '2021 — 3 văn bản', '2020 — 2 văn bản']],
    ['nam:202', ['2024 — 2 văn bản', '2023 — 1 văn bản', '2022 — 1 văn bản', '2021 — 3 văn bản', '2020 — 2 văn bản']],
    ['bão nam:2021', ['2021 — 3 văn bản']],
    [
      'nam:2020-',
      [
        '2020-2024 — từ năm 2020 đến năm 2024',
        '2020-2023 — từ năm 2020 đến năm 2023',
        '2020-2022 — từ năm 2020 đến năm 2022',
        '2020-2021 — từ năm 2020 đến năm 2021',
      ],
    ],
    ['nam:19', []],
    ['cap:', ['tw — Trung ương', 'tinh — cấp tỉnh, thành phố', 'huyen — cấp huyện, quận', 'xa — cấp xã, phường']],
    ['cap:t', ['tw — Trung ương', 'tinh — cấp tỉnh, thành phố']],
    ['cap:h', ['huyen — cấp huyện, quận']],
    ['cap:phuong', ['xa — cấp xã, phường']],
    ['cap:Huyện', ['huyen — cấp huyện, quận']],
    ['cap:q', ['huyen — cấp huyện, quận']],
    [
      'tu:2021',
      ['01/01/2021 — từ ngày 01/01/2021', `30/06/2021 — ${RECENT}`, `12/03/2021 — ${RECENT}`, `26/02/2021 — ${RECENT}`],
    ],
    ['den:6/2021', ['30/06/2021 — đến hết ngày 30/06/2021']],
    ['tu:22/7/21', ['22/07/2021 — từ ngày 22/07/2021']],
    ['tu:30/6', [`30/06/2021 — ${RECENT}`]],
    ['den:31/02/2021', [`${today} — không đọc được «31/02/2021»: ${FORMAT}`]],
    [
      'tu:',
      [
        `01/01/${thisYear} — đầu năm nay (${FORMAT})`,
        ...['01/03/2024', '01/02/2024', '05/05/2023', '25/09/2022', '30/06/2021', '12/03/2021', '26/02/2021'].map(
          (d) => `${d} — ${RECENT}`,
        ),
      ],
    ],
  ])('%s suggests the values that filter takes', (typed, expected) => {
    const got = e.suggest(typed);
    expect(got.map((s) => `${s.text} — ${s.note}`)).toEqual(expected);
    const field = typed.replace(/^.*\b(\w+):.*$/, '$1');
    expect(got.every((s) => s.filter === field && s.id === null)).toBe(true);
  });

  test('den: with nothing typed offers today first', () => {
    expect(e.suggest('den:')[0]).toEqual({
      kind: 'date',
      text: today,
      note: `hôm nay (${FORMAT})`,
      id: null,
      filter: 'den',
    });
  });

  test('a field prefix suggestion says which filter picking it fills in', () => {
    expect(e.suggest('coquan:"huyen uy an l')[0]).toEqual({
      kind: 'issuer',
      text: 'Huyện ủy An Lão',
      id: null,
      filter: 'coquan',
    });
    expect(e.suggest('so:571')).toEqual([{ kind: 'ref', text: '571-CV/TU', id: ax.idOf.cv571, filter: 'so' }]);
    // Without a prefix, nothing is a filter value.
    expect(e.suggest('huyen uy an').every((s) => s.filter === undefined)).toBe(true);
  });

  test('nothing close enough: no suggestion', () => {
    expect(e.suggest('xyzw qqq')).toEqual([]);
    expect(e.suggest('cnxg')).toEqual([]); // 4 letters allow one edit; "cong" is two away
    expect(e.suggest('cogn an huyen ').map((s) => s.text)).toEqual(['Công an huyện']);
  });

  test('one entry per agency however its tasks spell it; the most used spelling is shown', () => {
    const agencies = e.suggest('cong an', 20).filter((s) => s.kind === 'agency');
    expect(agencies).toEqual([{ kind: 'agency', text: 'Công an huyện', id: null }]);
  });

  test('names about as long as what was typed come before subjects, longer ones after', () => {
    // "ban" alone: five-word names only contain it; the subject holding it comes first.
    const got = e.suggest('ban', 8).map((s) => `${s.kind}:${s.text}`);
    expect(got[0]).toBe('subject:Về việc thành lập Ban Chỉ đạo chuyển đổi số');
    expect(got).toContain('agency:Ban Tuyên giáo Huyện ủy');
    expect(got).toContain('issuer:Ban Thường vụ Tỉnh ủy Bắc Giang');
    // Two more words typed: the agency is now about as long as the text, and comes first.
    expect(e.suggest('ban tuyen', 8)[0]).toMatchObject({ kind: 'agency', text: 'Ban Tuyên giáo Huyện ủy' });
  });

  test('an agency suggestion carries the other ways tasks write it (not mere case or spacing)', () => {
    // "BTG Huyện ủy" in a task is the office list's Ban Tuyên giáo Huyện ủy.
    expect(e.suggest('ban tuyen giao')[0]).toEqual({
      kind: 'agency',
      text: 'Ban Tuyên giáo Huyện ủy',
      id: null,
      alsoWritten: ['BTG Huyện ủy'],
    });
    // "công an  huyện" is the same phrase to the search as "Công an huyện".
    expect(e.suggest('cong an huyen')[0]).toEqual({ kind: 'agency', text: 'Công an huyện', id: null });
  });

  test('an agency suggestion, searched as the page does (its spellings as phrases), finds the directives naming it', () => {
    const ids = e.search({ query: '"Công an huyện"' }).items.map((i) => ax.keyOf(i.id));
    expect(ids.sort()).toEqual(['tasks1', 'tasks2']);
    // What the page searches for an agency with another spelling: any of them, as phrases.
    const btg = e.search({ query: '"Ban Tuyên giáo Huyện ủy" OR "BTG Huyện ủy"' }).items.map((i) => ax.keyOf(i.id));
    expect(btg).toEqual(['tasks1']);
  });

  test('agencies are counted over every slice of tasks, also in the background warm-up', async () => {
    // 25,000 tasks: more than one slice (20,000 task ids) of the warm-up.
    const many = Array.from({ length: 25000 }, (_, i) => ({
      text: `việc ${i}`,
      lead: [i < 24990 ? 'Phòng Nội vụ' : 'Hạt Kiểm lâm huyện'],
    }));
    const big = openFixture([{ ...AGENCY_DOCS[1]!, key: 'big', tasks: many }]);
    try {
      const cold = new SearchEngine(big.db);
      expect(cold.suggest('hat kiem lam h')).toContainEqual({ kind: 'agency', text: 'Hạt Kiểm lâm huyện', id: null });
      const warm = new SearchEngine(big.db);
      const internals = warm as unknown as { suggesters: unknown };
      warm.search({ query: 'phòng cháy' });
      for (let i = 0; i < 10 && !internals.suggesters; i++) await new Promise((r) => setImmediate(r));
      expect(internals.suggesters).not.toBeNull();
      expect(warm.suggest('phong noi vu')).toEqual([{ kind: 'agency', text: 'Phòng Nội vụ', id: null }]);
      expect(warm.suggest('hat kiem lam h')).toContainEqual({ kind: 'agency', text: 'Hạt Kiểm lâm huyện', id: null });
    } finally {
      big.db.close();
    }
  });

  test('did you mean also knows the words of agency names', () => {
    expect(e.search({ query: 'kiem lma' }).didYouMean).toBe('kiem lam');
  });
});

describe('the exact stream holds each token once: every accented query is membership', () => {
  const doc = (key: string, body: string): FixtureDoc => ({
    key,
    ref: null,
    type: 'Công văn',
    issuer: 'Ủy ban nhân dân huyện An Lão',
    level: 'district',
    date: '2024-01-02',
    subject: 'Về việc phòng chống thiên tai',
    body,
  });

  test('an accented phrase: the folded words in order, the accented ones anywhere in the document (accepted)', () => {
    const sc = openFixture([
      doc('inOrder', 'Các xã ứng phó với bão lũ kịp thời.'),
      doc('marksElsewhere', 'Các xã gửi báo lũ hằng ngày; cơn bão đã qua.'),
      doc('marksNowhere', 'Các xã gửi báo lũ hằng ngày.'),
      doc('notInOrder', 'Lũ về sau cơn bão.'),
    ]);
    try {
      const e = new SearchEngine(sc.db);
      const find = (q: string): string[] =>
        e
          .search({ query: q })
          .items.map((i) => sc.keyOf(i.id))
          .sort();
      // "báo lũ" is consecutive and "bão" occurs elsewhere: found, as a mixed phrase always was.
      expect(find('"bão lũ"')).toEqual(['inOrder', 'marksElsewhere']);
      expect(find('"bao lu"')).toEqual(['inOrder', 'marksElsewhere', 'marksNowhere']);
    } finally {
      sc.db.close();
    }
  });

  test('index rows written with the whole exact stream (older archives) answer every query the same', () => {
    const fresh = openFixture();
    const old = openFixture();
    try {
      // The exact stream as it was written before: every token in place, the fields after a seam.
      const store = searchStore(old.db);
      let shortened = 0;
      for (const id of Object.values(old.idOf)) {
        const doc = store.documentForIndex(id)!;
        const entry = prepareIndexEntry(doc.meta, doc.text);
        const body = indexStreams(doc.text);
        let x = body.exact;
        for (const field of [doc.meta.subject, doc.meta.issuer]) {
          const s = field ? indexStreams(field) : null;
          if (!s?.folded || ` ${body.folded} `.includes(` ${s.folded} `)) continue;
          x = x ? `${x} zz ${s.exact}` : s.exact;
        }
        if (x.split(' ').length > entry.x.split(' ').length) shortened++;
        old.db.transaction(() => store.write({ ...entry, x }))();
      }
      expect(shortened).toBeGreaterThan(0);
      const engines = [new SearchEngine(fresh.db), new SearchEngine(old.db)];
      const found = (i: number, query: string, sort: 'relevance' | 'date'): string[] =>
        engines[i]!.search({ query, sort }).items.map((h) => (i === 0 ? fresh : old).keyOf(h.id));
      for (const query of [
        'bão',
        'báo cáo',
        'Đảng ủy',
        '"Tỉnh uỷ"',
        '"phòng, chống dịch"',
        '"phòng chong dịch"',
        '"nhân dân"',
        '"dân nhân"',
        '"huyện ủy" -"tỉnh ủy"',
        'TU',
        'HU',
        'ĐU',
        'UBND',
        'Ủy ban nhân dân',
        'BTV',
        'BCĐ chuyển đổi số',
        '571-CV/TU',
      ]) {
        const date = found(0, query, 'date');
        expect(date.length).toBeGreaterThan(0);
        expect(found(1, query, 'date')).toEqual(date);
        expect(found(1, query, 'relevance').sort()).toEqual(found(0, query, 'relevance').sort());
      }
    } finally {
      fresh.db.close();
      old.db.close();
    }
  });
});
