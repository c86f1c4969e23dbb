import fc from 'fast-check';
import { normalizeText } from '../../../shared/text/vietnamese';

// normalizeText skips its passes when none would change the text; it must give what they give.
const passes = (raw: string) =>
  raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .normalize('NFC');

const pieces = fc.constantFrom(
  ...['a', 'ệ', 'e\u0302\u0323', 'Đ', ' ', '\n', '\r', '\r\n', '\uFEFF', '\u200B', '\u2060', '\u00A0', '\u2003'],
  ...['\u202F', '\u3000', '\u0301', '12/UBND'],
);

test('normalizeText gives what its passes give, with or without characters to clean', () => {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
      const raw = parts.join('');
      expect(normalizeText(raw)).toBe(passes(raw));
    }),
    { numRuns: 5000 },
  );
});
