import fc from 'fast-check';
import { VanthuError } from '../../../shared/api/errors';
import { buildMatch } from '../../../shared/search/fts';
import { findHits, highlightTerms, makeSnippet, markSnippet } from '../../../shared/search/highlight';
import { filterBeingTyped, fillFilter, parseQuery, typedWords, type Atom } from '../../../shared/search/query';
import { exactToken, foldAligned, indexStreams } from '../../../shared/search/tokens';
import { registerCsv } from '../../../shared/search/export';
import type { SuggestFilter } from '../../../shared/search/types';

const atoms = (q: string): Atom[] => parseQuery(q).must.flatMap((c) => c.any);

describe('index streams', () => {
  test('folded and exact streams have the same tokens at the same positions', () => {
    const s = indexStreams('Ban Thường vụ Tỉnh uỷ: phòng, chống dịch; Đảng ủy xã hoà giải 571-CV/TU');
    expect(s.folded).toBe('ban thuong vu tinh uy phong chong dich dang uy xa hoa giai 571 cv tu');
    expect(s.exact).toBe('ban thường vụ tỉnh ủy phòng chống dịch đảng ủy xã hòa giải 571 cv tu');
  });
  test.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['khoẻ', 'khỏe'],
    ['Uỷ', 'ủy'],
    ['Ð', 'đ'],
    ['Việt'.normalize('NFD'), 'việt'],
  ])('exact view of %s is %s', (typed, exact) => expect(exactToken(typed)).toBe(exact));
  test('foldAligned keeps offsets', () => {
    const t = 'Đảng ủy HOÀ';
    expect(foldAligned(t)).toBe('dang uy hoa');
    expect(foldAligned(t)).toHaveLength(t.length);
  });
});

describe('query language', () => {
  test.each([
    ['phong chong dich', [{ kind: 'word', folded: 'phong', exact: null }, { folded: 'chong' }, { folded: 'dich' }]],
    ['bão', [{ kind: 'word', folded: 'bao', exact: 'bão' }]],
    [
      'dich benh',
      [
        { folded: 'dich', exact: null },
        { folded: 'benh', exact: null },
      ],
    ],
    ['hoà', [{ exact: 'hòa' }]],
    ['Thuỷ'.normalize('NFD'), [{ exact: 'thủy' }]],
  ])('%s → words', (q, expected) => {
    const got = atoms(q).map((a) => (a.kind === 'word' ? { kind: a.kind, ...a.word } : a));
    expect(got).toEqual(expected.map((e) => expect.objectContaining(e)));
  });

  test.each([
    ['571-CV/TU', { number: '571', codes: ['cv', 'tu'] }],
    ['571 CV TU', { number: '571', codes: ['cv', 'tu'] }],
    ['cv 571', { number: '571', codes: ['cv'] }],
    ['21/NQ-CP', { number: '21', codes: ['nq', 'cp'] }],
    ['30/2020/NĐ-CP', { number: '30', year: '2020', codes: ['nd', 'cp'] }],
    ['02-CĐ/TU', { number: '2', codes: ['cd', 'tu'] }],
    ['571 – CV / TU', { number: '571', codes: ['cv', 'tu'] }],
    ['"571-CV/TU"', { number: '571', codes: ['cv', 'tu'] }],
  ])('%s is read as a ref', (q, parts) => {
    const refs = atoms(q).filter((a) => a.kind === 'ref');
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ parts });
  });

  test.each(['tu 2021', 'nam 2021', 'ngày 12/3/2021', 'covid-19'])('%s is not a ref', (q) => {
    expect(atoms(q).some((a) => a.kind === 'ref')).toBe(false);
  });

  test('phrases, exclusions and OR', () => {
    const q = parseQuery('"phòng, chống dịch" -covid bão OR lũ');
    expect(q.must[0]!.any[0]).toMatchObject({
      kind: 'phrase',
      words: [{ exact: 'phòng' }, { exact: 'chống' }, { exact: 'dịch' }],
    });
    expect(q.not).toEqual([
      expect.objectContaining({ kind: 'word', word: expect.objectContaining({ folded: 'covid' }) }),
    ]);
    expect(q.must[1]!.any.map((a) => (a as { word: { exact: string } }).word.exact)).toEqual(['bão', 'lũ']);
  });

  test('an accented word: its exact token, and for BM25 its folded twin too (a term frequency)', () => {
    expect(buildMatch(parseQuery('bão -lũ'))).toMatchObject({
      all: '(x : "bão") NOT x : "lũ"',
      ranked: '((x : "bão" AND f : "bao")) NOT x : "lũ"',
      subject: '(sx : "ztbão") NOT x : "lũ"',
    });
  });

  test('a phrase with marks: order from the folded stream; the body’s exact tokens as membership, the subject’s in place', () => {
    expect(buildMatch(parseQuery('"bão lũ"'))).toMatchObject({
      all: '(f : "bao lu" AND x : ("bão" AND "lũ"))',
      subject: 'sx : "ztbão ztlũ"',
    });
    expect(buildMatch(parseQuery('"phòng chong dịch"'))).toMatchObject({
      all: '(f : "phong chong dich" AND x : ("phòng" AND "dịch"))',
      subject: '(sf : "zsphong zschong zsdich" AND sx : ("ztphòng" AND "ztdịch"))',
    });
  });

  test('abbreviations expand both ways; ambiguous ones only in capitals', () => {
    expect(buildMatch(parseQuery('UBND')).all).toBe('(f : "ubnd" OR f : "uy ban nhan dan")');
    expect(buildMatch(parseQuery('ubnd')).all).toBe('(f : "ubnd" OR f : "uy ban nhan dan")');
    expect(buildMatch(parseQuery('Ủy ban nhân dân')).all).toBe(
      '((x : "ủy" AND f : "ban" AND x : "nhân" AND x : "dân") OR f : "ubnd")',
    );
    expect(buildMatch(parseQuery('BTV')).all).toBe('(f : "btv" OR f : "ban thuong vu")');
    expect(buildMatch(parseQuery('ban thuong vu')).all).toBe(
      '((f : "ban" AND f : "thuong" AND f : "vu") OR f : "btv")',
    );
    expect(buildMatch(parseQuery('TU')).all).toBe('(x : "tu" OR f : "tinh uy" OR f : "thanh uy")');
    expect(buildMatch(parseQuery('tu')).all).toBe('f : "tu"');
    expect(buildMatch(parseQuery('dang uy')).all).toBe('((f : "dang" AND f : "uy") OR x : "đu")');
    expect(buildMatch(parseQuery('HĐND')).all).toBe('(f : "hdnd" OR f : "hoi dong nhan dan")');
  });

  test('field filters', () => {
    const q = parseQuery(
      'so:571-CV/TU loai:"Chỉ thị" coquan:UBND nguoiky:"Nguyễn Văn A" cap:tinh|huyen nam:2021 tu:01/03/2021 den:2021-06-30',
    );
    expect(q.filters).toMatchObject({ from: '2021-03-01', to: '2021-06-30', levels: ['province', 'district'] });
    expect(buildMatch(q).all).toBe(
      // Short columns have their own token namespace (z + column letter), so a filter walks only its own doclist.
      '(refs : ("zr571" AND "zrcv" AND "zrtu")) AND loai : "zlchi zlthi" AND (coquan : "zoubnd" OR coquan : "zouy zoban zonhan zodan") AND nguoiky : "znnguyen znvan zna" AND cap : ("zktinh" OR "zkhuyen")',
    );
  });

  test.each([
    ['unclosed quote', '"unclosed phrase', /ngoặc kép/],
    ['lone OR', 'OR', /OR/],
    ['trailing OR', 'dịch OR', /OR/],
    ['dash and space', '- dịch', null],
    ['a 10,000-character paste', 'x'.repeat(10000), /quá dài/],
  ])('sloppy query (%s) is read, with a note', (_label, q, warning) => {
    const parsed = parseQuery(q);
    if (warning) expect(parsed.warnings.join(' ')).toMatch(warning);
  });

  // tu:22/7/21 was refused: the year must have had 4 digits. 2-digit years follow the review page's
  // rule (20yy up to next year's last two digits, else 19yy).
  test.each<[string, string | null, string | null]>([
    ['tu:22/7/21', '2021-07-22', null],
    ['den:31.12.99', null, '1999-12-31'],
    ['tu:1-6-20 den:30/6/20', '2020-06-01', '2020-06-30'],
    ['tu:22/7/2021', '2021-07-22', null],
  ])('%s reads as a range of days', (q, from, to) => {
    expect(parseQuery(q).filters).toMatchObject({ from, to });
  });

  test.each([
    ['-covid', /ít nhất một từ/],
    ['tu:31/2/21', /30\/6\/21/],
    ['tu:2021-13-01', /ngày/],
    ['cap:vutru', /cap:/],
    ['nam:21', /nam:/],
    ['***', /không có chữ/],
    ['tu:2022 den:2021', /Khoảng ngày/],
  ])('%p is explained in Vietnamese (QUERY_INVALID)', (q, message) => {
    try {
      parseQuery(q);
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(VanthuError);
      expect((error as VanthuError).code).toBe('QUERY_INVALID');
      expect((error as VanthuError).detail).toMatch(message);
    }
  });

  test('any input parses or is refused with QUERY_INVALID; MATCH strings carry only quoted tokens', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[a-zđ "*:^()\-|ORNEAR0-9/]{0,60}$/)),
        (s) => {
          try {
            const m = buildMatch(parseQuery(s));
            for (const e of [m.all, m.subject, m.ownRef]) {
              if (!e) continue;
              // Outside quotes only our own syntax remains.
              const outside = e.replace(/"(?:[^"]|"")*"/g, '');
              expect(outside).toMatch(/^[\sA-Za-z(),:\d]*$/);
            }
          } catch (error) {
            expect((error as VanthuError).code).toBe('QUERY_INVALID');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('highlight and snippet', () => {
  const text = 'TỈNH ỦY\n\nVề phòng, chống lụt bão. Báo cáo tình hình bảo đảm an toàn; hoà bình và Uỷ ban.';
  test('unaccented words mark every accented form; accented ones only theirs', () => {
    const marked = (q: string): string[] =>
      findHits(text, highlightTerms(parseQuery(q))).map((h) => text.slice(h.start, h.end));
    expect(marked('bao')).toEqual(['bão', 'Báo', 'bảo']);
    expect(marked('bão')).toEqual(['bão']);
    expect(marked('hòa')).toEqual(['hoà']);
    expect(marked('"phong chong"')).toEqual(['phòng, chống']);
    expect(marked('ủy ban')).toEqual(['ỦY', 'Uỷ', 'ban']);
  });
  test('snippet marks are offsets into the snippet text', () => {
    const s = makeSnippet(text, highlightTerms(parseQuery('bão')));
    expect(markSnippet(s)).toContain('lụt «bão»');
  });
});

test('register CSV: BOM, header, quoting, formula guard', () => {
  const csv = registerCsv([
    { ref: '571-CV/TU', type: 'Công văn', date: '2021-03-12', issuer: 'Tỉnh ủy, Bắc Giang', subject: '=cmd' },
  ]);
  expect(csv.startsWith('\uFEFFSTT,Số/ký hiệu,Loại,Ngày,Cơ quan ban hành,Trích yếu\r\n')).toBe(true);
  expect(csv).toContain('1,571-CV/TU,Công văn,12/03/2021,"Tỉnh ủy, Bắc Giang",\'=cmd');
});

// QA: `dang uy nam:2021 nam:2022` answered «Khoảng ngày không hợp lệ: từ 2022-01-01 đến 2021-12-31»:
// two nam: filters narrow to no day at all, which the clerk never typed. OR does not join filters.
describe('two nam: filters that share no year', () => {
  const detailOf = (q: string): string => {
    try {
      parseQuery(q);
    } catch (error) {
      expect(error).toBeInstanceOf(VanthuError);
      expect((error as VanthuError).code).toBe('QUERY_INVALID');
      return (error as VanthuError).detail ?? '';
    }
    throw new Error('no error');
  };

  test('say a document has one year, and how to ask for both (nam:2021-2022)', () => {
    const detail = detailOf('dang uy nam:2021 nam:2022');
    expect(detail).toMatch(/một năm ban hành/);
    expect(detail).toMatch(/nam:2021 vừa thuộc nam:2022/);
    expect(detail).toMatch(/giữ một bộ lọc nam:.*nam:2021-2022/);
    expect(detail).not.toMatch(/\d{4}-\d{2}-\d{2}|\bOR\b/);
    // What the clerk is told to type does parse.
    expect(parseQuery('dang uy nam:2021-2022').filters).toMatchObject({ from: '2021-01-01', to: '2022-12-31' });
    expect(detailOf('nam:2019-2020 nam:2022')).toMatch(/nam:2019-2022/);
  });

  test('nam: filters that overlap still narrow; a reversed tu:/den: is told in dd/mm/yyyy', () => {
    expect(parseQuery('nam:2020-2022 nam:2021').filters).toMatchObject({ from: '2021-01-01', to: '2021-12-31' });
    const detail = detailOf('tu:2022 den:2021');
    expect(detail).toMatch(/Khoảng ngày không hợp lệ: ngày bắt đầu 01\/01\/2022 ở sau ngày kết thúc 31\/12\/2021/);
    expect(detailOf('nam:2021 tu:2022-03-01')).toMatch(/01\/03\/2022/);
  });
});

describe('a filter being typed, and filling it in from a suggestion', () => {
  // [box, the filter being typed (field, value so far) or null]
  test.each<[string, [string, string] | null]>([
    ['coquan:huy', ['coquan', 'huy']],
    ['bão coquan:huy', ['coquan', 'huy']],
    ['loai:', ['loai', '']],
    ['nguoiky:"Nguyễn V', ['nguoiky', 'Nguyễn V']],
    ['so:571', ['so', '571']],
    ['Coquan:UBND', ['coquan', 'UBND']],
    // They suggested nothing: the archive's years, the four levels, dates.
    ['nam:20', ['nam', '20']],
    ['bão cap:', ['cap', '']],
    ['tu:1/6', ['tu', '1/6']],
    ['den:2021', ['den', '2021']],
    // Finished (a space or a closing quote after it), not a suggestible field, or not a field.
    ['coquan:huy ', null],
    ['coquan:"Huyện ủy" ', null],
    ['coquan:"Huyện ủy"', null],
    ['nam:2021 ', null],
    ['x:abc', null],
    ['huyen', null],
  ])('%s', (box, expected) => {
    const got = filterBeingTyped(box);
    expect(got && [got.field, got.value]).toEqual(expected);
  });

  // [box, field, picked value, the box afterwards]
  test.each<[string, SuggestFilter, string, string]>([
    ['coquan:huy', 'coquan', 'Huyện ủy An Lão', 'coquan:"Huyện ủy An Lão"'],
    ['bão nam:20', 'nam', '2021', 'bão nam:2021'],
    ['cap:h', 'cap', 'huyen', 'cap:huyen'],
    ['bão tu:1/6', 'tu', '01/06/2021', 'bão tu:01/06/2021'],
    ['bão lũ coquan:huy', 'coquan', 'Huyện ủy An Lão', 'bão lũ coquan:"Huyện ủy An Lão"'],
    ['bão nguoiky:"Nguyễn V', 'nguoiky', 'Nguyễn Văn Minh', 'bão nguoiky:"Nguyễn Văn Minh"'],
    ['loai:', 'loai', 'Công văn', 'loai:"Công văn"'],
    ['so:571', 'so', '571-CV/TU', 'so:571-CV/TU'],
    ['Coquan:ubnd', 'coquan', 'UBND', 'coquan:UBND'],
    // No filter being typed: the filter is added after what was typed.
    ['bão ', 'coquan', 'Tỉnh ủy', 'bão coquan:"Tỉnh ủy"'],
    // A quote inside the value cannot end the filter early.
    ['coquan:x', 'coquan', 'Ban "Dân vận"', 'coquan:"Ban Dân vận"'],
  ])('%s + %s:%s', (box, field, value, expected) => {
    expect(fillFilter(box, field, value)).toBe(expected);
    // What the box then holds reads back as that filter.
    const q = parseQuery(expected);
    if (field === 'coquan')
      expect(
        q.filters.issuers
          .at(-1)!
          .map((w) => w.text)
          .join(' '),
      ).toBe(value.replace(/"/g, '').replace(/\s+/g, ' '));
  });
});

describe('the words "did you mean" may correct, where they were typed', () => {
  test('operators, excluded words, field names, other filters and foreign syntax are not listed', () => {
    const { input, words } = typedWords('phong OR "chong dcih" -covid nam:2021 coquan:"Bac Gaing" NEAR(a b) x:abc');
    expect(words.map((w) => [input.slice(w.start, w.end), w.field])).toEqual([
      ['phong', null],
      ['chong', null],
      ['dcih', null],
      ['Bac', 'coquan'],
      ['Gaing', 'coquan'],
    ]);
  });
});
