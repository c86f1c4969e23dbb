import { SuggestIndex, osaDistance, type SuggestEntry } from '../../../electron/core/search/suggest-index';

const entries: SuggestEntry[] = [
  { kind: 'issuer', text: 'Ban Thường vụ Tỉnh ủy Bắc Giang', doc: null },
  { kind: 'subject', text: 'Về tăng cường công tác phòng, chống dịch Covid-19', doc: 9 },
  { kind: 'ref', text: '571-CV/TU', doc: 9 },
  { kind: 'subject', text: 'Về phòng chống thiên tai năm 2023', doc: 8 },
  { kind: 'subject', text: 'Kế hoạch chuyển đổi số', doc: 7 },
  { kind: 'subject', text: 'Về phòng chống dịch bệnh trên đàn gia súc', doc: 6 },
];
const ix = new SuggestIndex(entries);
const texts = (q: string, limit = 8): string[] => ix.search(q, limit).map((e) => e.text);

describe('suggestion index', () => {
  test('the last word is a prefix; earlier words are whole; priority order (entry order) is kept', () => {
    expect(texts('phong chong d')).toEqual([
      'Về tăng cường công tác phòng, chống dịch Covid-19',
      'Về phòng chống dịch bệnh trên đàn gia súc',
    ]);
    expect(texts('phong chong d ')).toEqual([]);
    expect(texts('phong', 2)).toHaveLength(2);
    expect(texts('ph')).toHaveLength(3);
  });

  test('accents and đ are folded; refs and issuers are entries too', () => {
    expect(texts('chuyển đổi')).toEqual(['Kế hoạch chuyển đổi số']);
    expect(texts('571')).toEqual(['571-CV/TU']);
    expect(texts('ban thuong vu tinh')).toEqual(['Ban Thường vụ Tỉnh ủy Bắc Giang']);
  });

  test('typos: a swap of two letters is one edit; only when the words as typed find nothing', () => {
    expect(osaDistance('dcih', 'dich')).toBe(1);
    expect(osaDistance('dcih', 'dich', 0)).toBe(1);
    expect(texts('phong chong dcih')).toEqual([
      'Về tăng cường công tác phòng, chống dịch Covid-19',
      'Về phòng chống dịch bệnh trên đàn gia súc',
    ]);
    expect(texts('chuyen doi sos')).toEqual([]); // "sos" has 3 letters: no edits allowed
    expect(texts('thein tai')).toEqual(['Về phòng chống thiên tai năm 2023']);
    expect(ix.nearTerms('dcih', false, 2)[0]?.term).toBe('dich');
  });

  test('nothing typed, nothing indexed', () => {
    expect(texts('  ')).toEqual([]);
    expect(new SuggestIndex([]).search('phong', 8)).toEqual([]);
  });
});
