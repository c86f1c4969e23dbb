/**
 * isDecomposed scans with a table of mark code units instead of running /\p{M}/u over every
 * imported text (import speed, issue #4); it must say what the pattern says.
 */
import fc from 'fast-check';
import { isDecomposed } from '../../../shared/text/vietnamese';

const byDefinition = (s: string): boolean => /\p{M}/u.test(s);

describe('isDecomposed is /\\p{M}/u', () => {
  test.each([
    ['empty', ''],
    ['NFC Vietnamese', 'Ủy ban nhân dân tỉnh Hòa Bình'],
    ['NFD Vietnamese', 'Ủy ban nhân dân tỉnh Hòa Bình'.normalize('NFD')],
    ['a combining mark outside the 0300 block', 'a\u20d7 b'],
    ['a spacing mark (Mc)', 'क\u093e'],
    ['an enclosing mark (Me)', '1\u20dd'],
    ['a mark beyond the BMP (a surrogate pair)', 'x\u{1d165}'],
    ['a letter beyond the BMP is no mark', 'x\u{1d400}\u{1f600}'],
    ['lone surrogates are no marks', '\ud800a\udc00\ud834'],
    ['modifier letters are no marks', 'ʰ ˆ ´'],
  ])('%s', (_name, s) => {
    expect(isDecomposed(s)).toBe(byDefinition(s));
  });

  test('any string of letters, marks and surrogates', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        'a',
        'Đ',
        'ư',
        '\u0300',
        '\u0323',
        '\u093e',
        '\u20dd',
        '\ud800',
        '\udc00',
        '\u{1d165}',
        '\u{1d400}',
      ),
      fc.integer({ min: 0x250, max: 0x2100 }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), (units) => {
        const s = units.join('');
        expect(isDecomposed(s)).toBe(byDefinition(s));
      }),
      { numRuns: 3000 },
    );
  });
});
