import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDirective } from '../../../shared/parser';
import { looseText } from '../../../shared/parser/evaluate';
import { normalizeText } from '../../../shared/text/vietnamese';

const dir = path.join(__dirname, '../../fixtures/samples');
const load = (prefix: string) => {
  const file = readFileSync(path.join(dir, `${prefix}.txt`), 'utf8');
  const text = normalizeText(file);
  return { text, result: parseDirective(text) };
};

// One row per sample: the metadata issue #3 lists for it.
const META: [string, Record<string, unknown>][] = [
  [
    '000_86c6662e5863da7d',
    {
      type: 'Thông báo kết luận',
      ref: null,
      issuerLevel: 'district',
      issuerKind: 'party',
      province: 'Hải Phòng',
      date: '2021-08-25',
      signer: 'Bùi Thị Hưng',
      signerCapacity: 'T/L BAN THƯỜNG VỤ CHÁNH VĂN PHÒNG',
      subject:
        'Kết luận của đồng chí Nguyễn Cao Lân - Bí thư Huyện ủy về công tác phòng, chống dịch bệnh Covid-19 trên địa bàn huyện An Lão',
    },
  ],
  [
    '001_ba9e19c5fe2e9754',
    {
      type: 'Thông báo kết luận',
      issuer: 'Ban Chấp hành Đảng bộ huyện',
      issuerLevel: 'district',
      issuerKind: 'party',
      date: '2021-01-28',
      signer: 'Nguyễn Thanh Tuấn',
      signerCapacity: 'T/M HUYỆN ỦY BÍ THƯ',
    },
  ],
  [
    '002_093e01689cb64f89',
    {
      type: 'Thông báo',
      issuerLevel: 'province',
      issuerKind: 'party',
      province: 'Nam Định',
      date: '2021-05-12',
      signer: 'Lê Văn Thế',
    },
  ],
  [
    '003_0fe373fd9470e206',
    {
      type: 'Công văn',
      ref: '-CV/HU',
      number: null,
      symbol: 'CV/HU',
      issuer: 'Huyện ủy Yên Thế',
      issuerLevel: 'district',
      issuerKind: 'party',
      province: 'Bắc Giang',
      date: '2021-07-25',
      place: 'Yên Thế',
      subject: 'V/v tiếp tục tăng cường công tác phòng, chống dịch Covid-19 trên địa bàn huyện',
      signer: 'Nông Văn Tâm',
      signerCapacity: 'T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ',
    },
  ],
  [
    '004_10cb237028680240',
    {
      type: 'Thông báo kết luận',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      issuerLevel: 'province',
      issuerKind: 'party',
      date: null,
      signer: 'Phạm Xuân Thăng',
    },
  ],
];

describe('samples: metadata', () => {
  test.each(META)('%s', (prefix, expected) => {
    const { result } = load(prefix);
    for (const [key, value] of Object.entries(expected)) {
      const got = (result as unknown as Record<string, unknown>)[key];
      if (key === 'subject' || key === 'issuer')
        expect([key, looseText(got as string)]).toEqual([key, looseText(value as string)]);
      else expect([key, got]).toEqual([key, value]);
    }
  });
});

const CITATIONS: [string, [string | null, string, string | null][]][] = [
  ['000_86c6662e5863da7d', [['5878/UBND-VX', 'implements', '2021-08-24']]],
  [
    '001_ba9e19c5fe2e9754',
    [
      ['02-CD/TU', 'implements', '2021-01-08'],
      ['04-CD/TU', 'implements', '2021-01-28'],
      ['121-CV/HU', 'implements', '2021-01-14'],
    ],
  ],
  ['002_093e01689cb64f89', []],
  [
    '003_0fe373fd9470e206',
    [
      ['571-CV/TU', 'implements', '2021-07-22'],
      ['105-KL/TU', 'implements', '2021-05-16'],
      ['278-CV/HU', 'implements', '2021-06-16'],
    ],
  ],
  [
    '004_10cb237028680240',
    [
      [null, 'implements', '2021-04-27'],
      ['02/CĐ-UBND', 'implements', '2021-04-26'],
      ['21/NQ-CP', 'basis', '2021-02-26'],
    ],
  ],
];

describe('samples: citations', () => {
  test.each(CITATIONS)('%s', (prefix, expected) => {
    const { text, result } = load(prefix);
    expect(result.citations.map((c) => [c.ref, c.relation, c.date])).toEqual(expected);
    for (const c of result.citations) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  test('the five samples hold exactly 10 citations', () => {
    const total = CITATIONS.reduce((n, [prefix]) => n + load(prefix).result.citations.length, 0);
    expect(total).toBe(10);
  });

  test('cited issuers are made explicit in the citing document (Yên Thế, Bắc Giang)', () => {
    const { result } = load('003_0fe373fd9470e206');
    expect(result.citations.map((c) => c.issuerNormalized)).toEqual([
      'Ban Thường vụ Tỉnh ủy Bắc Giang',
      'Ban Chấp hành Đảng bộ tỉnh Bắc Giang',
      'Ban Thường vụ Huyện ủy Yên Thế',
    ]);
  });

  test('a no-number Công điện keeps type, date and issuer', () => {
    const c = load('004_10cb237028680240').result.citations[0]!;
    expect([c.type, c.ref, c.number, c.issuer]).toEqual(['Công điện', null, null, 'Thường trực Ban Bí thư']);
  });
});

describe('samples: recipients and tasks', () => {
  test('Yên Thế: 8 Kính gửi recipients, brace group flagged for report, Lưu excluded', () => {
    const { result } = load('003_0fe373fd9470e206');
    expect(result.recipients.filter((r) => r.source === 'kinh_gui')).toHaveLength(8);
    expect(result.recipients.filter((r) => r.forReport).map((r) => r.text)).toEqual([
      'Thường trực Tỉnh ủy',
      'Văn phòng Tỉnh ủy',
    ]);
    expect(result.recipients.some((r) => /^Lưu/u.test(r.text))).toBe(false);
  });

  test('Yên Thế: seven tasks with their lead agencies', () => {
    const { result } = load('003_0fe373fd9470e206');
    expect(result.tasks.map((t) => t.lead)).toEqual([
      [],
      [
        'UBND huyện',
        'Ban Chỉ đạo phòng, chống dịch Covid-19',
        'Ban Chỉ đạo tổ Covid cộng đồng huyện',
        'các xã, thị trấn',
      ],
      ['Công an huyện', 'BCH Quân sự huyện'],
      ['Trung tâm Y tế huyện'],
      ['Ban Dân vận', 'mặt trận Tổ quốc', 'tổ chức chính trị - xã hội các cấp'],
      ['Ban Tuyên giáo Huyện ủy', 'phòng Văn hóa - Thông tin', 'Trung tâm Văn hóa - TT&TT huyện'],
      ['UBND huyện'],
    ]);
  });

  test('unnumbered paragraphs stay with the item they continue', () => {
    const { result } = load('003_0fe373fd9470e206');
    expect(result.tasks[0]!.text).toContain('Người đứng đầu cấp ủy');
    expect(result.tasks[1]!.text).toContain('Quản lý chặt chẽ các khoản kinh phí');
  });
});
