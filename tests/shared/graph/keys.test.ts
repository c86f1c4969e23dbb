import {
  bodiesOf,
  citationKeys,
  citingSentence,
  documentCitationKeys,
  issuerCode,
  resolveCitation,
  type BodyContext,
  type CitationKeys,
} from '../../../shared/graph/keys';

const ctx = (
  province: string | null,
  date: string | null = '2021-03-20',
  district: string | null = null,
): BodyContext => ({ province, district, commune: null, date });

describe('issuer names → bodies (registry + patterns, read in the citing document’s context)', () => {
  test.each<[string, BodyContext, string[] | null]>([
    // Central Party bodies all number under /TW: one body.
    ['Bộ Chính trị', ctx(null), ['dang:tw']],
    ['Ban Bí thư Trung ương Đảng', ctx(null), ['dang:tw']],
    ['Thường trực Ban Bí thư', ctx(null), ['dang:tw']],
    ['Ban Chấp hành Trung ương', ctx(null), ['dang:tw']],
    ['Thủ tướng Chính phủ', ctx(null), ['nn:ttg']],
    ['Chính phủ', ctx(null), ['nn:cp']],
    // Organs of a provincial committee: the same series.
    ['Ban Thường vụ Tỉnh ủy Bắc Giang', ctx(null), ['dang:tinh:bac giang']],
    ['BTV Tỉnh ủy Bắc Giang', ctx(null), ['dang:tinh:bac giang']],
    ['Thường trực Tỉnh ủy', ctx('Bắc Giang'), ['dang:tinh:bac giang']],
    ['Ban Thường vụ Tỉnh ủy', ctx('Nam Định'), ['dang:tinh:nam dinh']],
    ['Tỉnh ủy Bắc Giang', ctx('Nam Định'), ['dang:tinh:bac giang']],
    ['Ban Tuyên giáo Tỉnh ủy', ctx('Bắc Giang'), ['dang:tinh:bac giang:btg']],
    // Centrally-run city vs a city under a province.
    ['Ban Thường vụ Thành ủy Hà Nội', ctx(null), ['dang:tinh:ha noi']],
    ['Thành ủy Bắc Giang', ctx('Bắc Giang'), ['dang:huyen:bac giang@bac giang']],
    // Districts and communes carry the province when known.
    ['Ban Thường vụ Huyện ủy Yên Thế', ctx('Bắc Giang'), ['dang:huyen:yen the@bac giang']],
    ['Ban Thường vụ Huyện ủy Yên Thế', ctx(null), ['dang:huyen:yen the@']],
    ['Huyện ủy', ctx('Bắc Giang', '2021-03-20', 'Lục Nam'), ['dang:huyen:luc nam@bac giang']],
    ['Ủy ban nhân dân tỉnh Hải Dương', ctx(null), ['nn:ubnd:tinh:hai duong']],
    ['Chủ tịch UBND tỉnh', ctx('Nghệ An'), ['nn:ubnd:tinh:nghe an']],
    ['UBND huyện Đồng Văn', ctx('Hà Giang'), ['nn:ubnd:huyen:dong van@ha giang']],
    ['Ủy ban nhân dân thành phố Hồ Chí Minh', ctx(null), ['nn:ubnd:tinh:ho chi minh']],
    ['Sở Y tế', ctx('Bắc Giang'), ['nn:so:y te:bac giang']],
    // 2025: "Tỉnh ủy Bắc Ninh" before and after the merge with Bắc Giang are two committees.
    ['Tỉnh ủy Bắc Ninh', ctx(null, '2025-03-01'), ['dang:tinh:bac ninh']],
    ['Tỉnh ủy Bắc Ninh', ctx(null, '2025-08-01'), ['dang:tinh:bac ninh#2025']],
    ['Ban Thường vụ Tỉnh ủy', ctx('Bắc Ninh', '2025-08-01'), ['dang:tinh:bac ninh#2025']],
    // Unchanged provinces keep one body across the date.
    ['Tỉnh ủy Thanh Hóa', ctx(null, '2025-08-01'), ['dang:tinh:thanh hoa']],
    // Communes merged too: the same name after 1 July 2025 is another body.
    ['Đảng ủy xã Tân Tiến', ctx(null, '2025-08-01'), ['dang:xa:tan tien#2025@']],
    // Not understood: the issuer is ignored rather than guessed (regression: the parser once cut "Ủy ban nhân dân" to "Ủy").
    ['Ủy', ctx('Bắc Giang'), null],
    ['Ban Thường vụ Tỉnh ủy', ctx(null), null],
  ])('%s (%j)', (name, c, expected) => {
    expect(bodiesOf(name, c)).toEqual(expected);
  });

  test('a clerk alias maps a local name to a body, within its dates', () => {
    const aliases = [
      { alias: 'BCĐ 35 tỉnh', canonical: 'Ban Tuyên giáo Tỉnh ủy Bắc Giang', validFrom: null, validTo: '2025-02-28' },
    ];
    expect(bodiesOf('BCĐ 35 tỉnh', ctx(null, '2024-01-01'), aliases)).toEqual(['dang:tinh:bac giang:btg']);
    expect(bodiesOf('BCĐ 35 tỉnh', ctx(null, '2025-05-01'), aliases)).toBeNull();
  });
});

test.each<[string, string | null]>([
  ['CV/TU', 'TU'],
  ['CT-TTg', 'TTg'],
  ['UBND-VP', 'UBND'],
  ['NĐ-CP', 'CP'],
  ['QĐ-UBND', 'UBND'],
  ['KH/BCĐ', 'BCĐ'],
  [null as unknown as string, null],
])('issuer code of %s', (symbol, code) => {
  expect(issuerCode(symbol)).toBe(code);
});

describe('resolveCitation', () => {
  const cite = (over: Partial<CitationKeys> = {}): CitationKeys => ({
    ...citationKeys(
      {
        ref: '571-CV/TU',
        symbol: 'CV/TU',
        type: 'Công văn',
        date: '2021-03-12',
        issuer: 'Ban Thường vụ Tỉnh ủy',
        issuerNormalized: 'Ban Thường vụ Tỉnh ủy Bắc Giang',
      },
      { province: 'Bắc Giang', district: 'Yên Thế', commune: null, date: '2021-03-20' },
    ),
    ...over,
  });
  const bg = { id: 1, date: '2021-03-12', year: 2021, bodies: ['dang:tinh:bac giang'] };
  const nd = { id: 2, date: '2021-03-12', year: 2021, bodies: ['dang:tinh:nam dinh'] };
  const bg2019 = { id: 3, date: '2019-03-12', year: 2019, bodies: ['dang:tinh:bac giang'] };
  const bgOtherDay = { id: 4, date: '2021-05-02', year: 2021, bodies: ['dang:tinh:bac giang'] };
  const unknownIssuer = { id: 5, date: '2021-03-12', year: 2021, bodies: [] };

  test.each<[string, Parameters<typeof resolveCitation>[1], ReturnType<typeof resolveCitation>]>([
    ['the issuer decides between provinces', [bg, nd], { kind: 'resolved', to: 1 }],
    ['Party numbers restart: another year is another document', [bg2019], { kind: 'missing', near: [] }],
    ['same number and issuer, another date: offered, not taken', [bgOtherDay], { kind: 'missing', near: [4] }],
    ['exact date wins over another date', [bg, bgOtherDay], { kind: 'resolved', to: 1 }],
    ['two equal candidates: the clerk is asked', [bg, { ...bg, id: 9 }], { kind: 'uncertain', candidates: [1, 9] }],
    [
      'a document whose issuer is unknown still matches on number and date',
      [unknownIssuer],
      { kind: 'resolved', to: 5 },
    ],
    ['nothing at all', [], { kind: 'missing', near: [] }],
  ])('%s', (_name, candidates, expected) => {
    expect(resolveCitation(cite(), candidates, 100)).toEqual(expected);
  });

  test('a document never cites itself', () => {
    expect(resolveCitation(cite(), [bg], 1)).toEqual({ kind: 'missing', near: [] });
  });

  test('decisions: confirm wins, reject removes a candidate', () => {
    expect(resolveCitation(cite(), [bg, nd], 100, { confirmed: 2, rejected: new Set() })).toEqual({
      kind: 'resolved',
      to: 2,
    });
    expect(resolveCitation(cite(), [bg], 100, { confirmed: null, rejected: new Set([1]) })).toEqual({
      kind: 'missing',
      near: [],
    });
  });

  test('citations of one missing document share a placeholder key with or without the issuer written out', () => {
    const withIssuer = cite();
    const bare = citationKeys(
      {
        ref: '571 - CV/TU',
        symbol: 'CV/TU',
        type: 'Công văn',
        date: '2021-03-15',
        issuer: null,
        issuerNormalized: null,
      },
      { province: 'Bắc Giang', district: 'Lục Nam', commune: null, date: '2021-04-01' },
    );
    expect(bare.placeholderKey).toBe(withIssuer.placeholderKey);
    const otherProvince = citationKeys(
      { ref: '571-CV/TU', symbol: 'CV/TU', type: 'Công văn', date: '2021-03-15', issuer: null, issuerNormalized: null },
      { province: 'Nam Định', district: null, commune: null, date: '2021-04-01' },
    );
    expect(otherProvince.placeholderKey).not.toBe(withIssuer.placeholderKey);
  });
});

describe('regressions found by the bench', () => {
  test('a name cut short by the parser ("Ban Thường vụ Tỉnh ủy Sơn") is ignored, not read as the citing province', () => {
    const k = citationKeys(
      {
        ref: '5-CV/TU',
        symbol: 'CV/TU',
        type: 'Công văn',
        date: '2015-11-13',
        issuer: 'Ban Thường vụ Tỉnh ủy Sơn',
        issuerNormalized: 'Ban Thường vụ Tỉnh ủy Sơn',
      },
      { province: 'Lâm Đồng', district: 'Năm Căn', commune: null, date: '2015-12-01' },
    );
    expect(k.bodies).toBeNull();
    const sonLa = { id: 7, date: '2015-11-13', year: 2015, bodies: ['dang:tinh:son la'] };
    expect(resolveCitation(k, [sonLa], 1)).toEqual({ kind: 'resolved', to: 7 });
  });

  test('a commune named like a province ("xã Hòa Bình") does not put its district citation in the wrong province', () => {
    const k = citationKeys(
      {
        ref: '3-CT/HU',
        symbol: 'CT/HU',
        type: 'Chỉ thị',
        date: '2015-01-29',
        issuer: 'Ban Thường vụ Huyện ủy Quỳnh Lưu',
        issuerNormalized: null,
      },
      { province: 'Hòa Bình', district: null, commune: 'Hòa Bình', date: '2015-03-01' },
    );
    const quynhLuu = { id: 15, date: '2015-01-29', year: 2015, bodies: ['dang:huyen:quynh luu@nghe an'] };
    expect(resolveCitation(k, [quynhLuu], 1)).toEqual({ kind: 'resolved', to: 15 });
    // Without the exact date the province still counts: another district of that name is not guessed.
    expect(resolveCitation({ ...k, date: null }, [quynhLuu], 1)).toEqual({ kind: 'missing', near: [] });
  });

  test('a rule after the name on the subject line ("… Tỉnh ủy -----") is not part of it', () => {
    expect(bodiesOf('Ban Thường vụ Tỉnh ủy -----', ctx('Bắc Giang'))).toEqual(['dang:tinh:bac giang']);
  });
});

describe('a number cited without its date and with it in the same document (subject line and body)', () => {
  const citing = { province: 'Bắc Giang', district: 'Tân Yên', commune: null, date: '2021-07-26' };
  const cite = (date: string | null, issuer: string | null, ref = '571-CV/TU') => ({
    ref,
    symbol: ref.replace(/^\d+-/, ''),
    type: 'Công văn',
    date,
    issuer,
    issuerNormalized: null,
  });

  test('names one missing document: the undated citation takes the dated one’s placeholder and match key', () => {
    const [subject, body] = documentCitationKeys(
      [cite(null, 'Ban Thường vụ Tỉnh ủy'), cite('2021-07-22', 'Ban Thường vụ Tỉnh ủy')],
      citing,
    );
    expect(subject!.placeholderKey).toBe(body!.placeholderKey);
    expect(subject!.matchKey).toBe(body!.matchKey);
    expect(subject).toMatchObject({ date: '2021-07-22', year: 2021 });
    // Read one by one, they were two placeholders (no year against 2021).
    expect(citationKeys(cite(null, 'Ban Thường vụ Tỉnh ủy'), citing).placeholderKey).not.toBe(body!.placeholderKey);
  });

  test('an undated citation that names no issuer takes the dated one’s', () => {
    const [subject, body] = documentCitationKeys(
      [cite(null, null, '123/UBND-VP'), cite('2021-07-22', 'UBND tỉnh Bắc Giang', '123/UBND-VP')],
      citing,
    );
    expect(subject!.placeholderKey).toBe(body!.placeholderKey);
  });

  test('left alone when the same number is cited with two dates, or for another issuer', () => {
    const alone = citationKeys(cite(null, 'Ban Thường vụ Tỉnh ủy'), citing);
    const twoDates = documentCitationKeys(
      [cite(null, 'Ban Thường vụ Tỉnh ủy'), cite('2021-07-22', null), cite('2020-03-02', null)],
      citing,
    );
    expect(twoDates[0]).toEqual(alone);
    const otherIssuer = documentCitationKeys(
      [cite(null, 'Ban Thường vụ Tỉnh ủy'), cite('2021-07-22', 'Ban Thường vụ Tỉnh ủy Nam Định')],
      citing,
    );
    expect(otherIssuer[0]).toEqual(alone);
    // Nothing undated: the keys read one by one.
    const dated = [cite('2021-07-22', null), cite('2021-07-22', 'Ban Thường vụ Tỉnh ủy')];
    expect(documentCitationKeys(dated, citing)).toEqual(dated.map((c) => citationKeys(c, citing)));
  });
});

describe('the citing sentence of a link', () => {
  const text = 'ĐẢNG BỘ TỈNH BẮC GIANG\nHUYỆN ỦY YÊN THẾ\n\nThực hiện Công văn số 571-CV/TU, Ban Thường vụ yêu cầu.\n';
  test('is the sentence around the citation', () => {
    const start = text.indexOf('Công văn');
    expect(citingSentence(text, start, start + 'Công văn số 571-CV/TU'.length)).toBe(
      'Thực hiện Công văn số 571-CV/TU, Ban Thường vụ yêu cầu.',
    );
  });
  // Regression: a clerk's citation not found in the text (span 0–0) quoted the first line.
  test('is empty for a citation with no place in the text', () => {
    expect(citingSentence(text, 0, 0)).toBe('');
  });
});
