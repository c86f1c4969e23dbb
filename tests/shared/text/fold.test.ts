import fc from 'fast-check';
import { foldVi } from '../../../shared/text/vietnamese';

// foldVi folds Latin and Vietnamese text by table; it must give what the NFD passes give.
const D_MAP: Record<string, string> = { đ: 'd', ð: 'd', Đ: 'D', Ð: 'D', Ɖ: 'D' };
const reference = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đðĐÐƉ]/g, (c) => D_MAP[c] ?? c)
    .toLowerCase();

test.each([
  ['Đảng ủy', 'dang uy'],
  ['phòng, chống dịch', 'phong, chong dich'],
  ['BAN THƯỜNG VỤ TỈNH ỦY', 'ban thuong vu tinh uy'],
  ['Đảng ủy'.normalize('NFD'), 'dang uy'],
  ['hoà / hòa, Uỷ / Ủy', 'hoa / hoa, uy / uy'],
  ['571-CV/TU', '571-cv/tu'],
  ['İstanbul ß', 'istanbul ß'],
  // Greek lower-cases by context (final sigma): not the table's, folded the general way.
  ['ΟΔΟΣ Đ', 'οδος d'],
  ['Ủy ban 😀 nhân dân', 'uy ban 😀 nhan dan'],
  ['', ''],
])('foldVi(%j) is %j', (input, folded) => {
  expect(foldVi(input)).toBe(folded);
  expect(foldVi(input)).toBe(reference(input));
});

test('foldVi by table agrees with NFD folding for every unit up to U+1EFF', () => {
  const wrong: string[] = [];
  for (let c = 0; c < 0x1f00; c++) {
    const s = `${String.fromCharCode(c)}ệ`;
    if (foldVi(s) !== reference(s)) wrong.push(c.toString(16));
  }
  expect(wrong).toEqual([]);
});

const pieces = fc.constantFrom(
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ,.-/\n0123456789',
  ...'ÀÁẠẢÃàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ',
  ...['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u031B', 'İ', 'ı', 'ß', 'ǅ', 'Ð', 'ð', 'Ɖ'],
  ...['Σ', 'ς', 'Ω', '\u00A0', '\uFEFF', '😀', '\uD800', 'Ａ', 'ﬁ'],
);

test('foldVi gives what the NFD passes give on mixed strings', () => {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
      const s = parts.join('');
      expect(foldVi(s)).toBe(reference(s));
    }),
    { numRuns: 20000 },
  );
});
