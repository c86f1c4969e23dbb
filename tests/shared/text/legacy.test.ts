import fc from 'fast-check';
import {
  VIETNAMESE_LOWER,
  VIETNAMESE_UPPER,
  detectLegacy,
  repairLegacyText,
  repairMojibake,
  tcvn3ToUnicode,
  unicodeToTcvn3,
  unicodeToVni,
  vietnameseScore,
  vniToUnicode,
} from '../../../shared/text/legacy';

const SENTENCES = [
  'Cộng hòa xã hội chủ nghĩa Việt Nam',
  'Độc lập - Tự do - Hạnh phúc',
  'Căn cứ Nghị định số 15/CP',
  'Ủy ban nhân dân',
  'được',
  'Chỉ thị',
  'Ban Thường vụ Tỉnh ủy về tăng cường công tác phòng, chống dịch',
];

/** UTF-8 bytes read as Windows-1252, as Windows does it (undefined bytes become C1 controls). */
function mojibake(s: string): string {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
  return [...Buffer.from(s, 'utf8')]
    .map((b) => (b >= 0x80 && b < 0xa0 ? high[b - 0x80]! : String.fromCharCode(b)))
    .join('');
}

describe('letter tables', () => {
  test('cover all 134 Vietnamese letters (67 lower + 67 upper, đ/Đ included)', () => {
    expect(VIETNAMESE_LOWER).toHaveLength(67);
    expect(new Set([...VIETNAMESE_LOWER, ...VIETNAMESE_UPPER]).size).toBe(134);
    for (const c of [...VIETNAMESE_LOWER, ...VIETNAMESE_UPPER]) expect(c).toBe(c.normalize('NFC'));
    expect(VIETNAMESE_LOWER).toContain('đ');
    expect(VIETNAMESE_UPPER).toContain('Đ');
  });

  test.each(VIETNAMESE_LOWER.map((c) => [c]))('TCVN3 round-trip of %s (one byte, .VnTime)', (c) => {
    const enc = unicodeToTcvn3(c);
    expect(enc).toHaveLength(1);
    expect(enc.charCodeAt(0)).toBeGreaterThanOrEqual(0xa1);
    expect(enc.charCodeAt(0)).toBeLessThanOrEqual(0xfe);
    expect(tcvn3ToUnicode(`n${enc}n`)).toBe(`n${c}n`);
  });

  test.each(VIETNAMESE_UPPER.map((c) => [c]))('TCVN3 round-trip of %s inside a capitalised word (.VnTimeH)', (c) => {
    expect(tcvn3ToUnicode(unicodeToTcvn3(`N${c}NG`))).toBe(`N${c}NG`);
  });

  test('TCVN3 bytes are distinct for the 67 lower-case letters', () => {
    expect(new Set(VIETNAMESE_LOWER.map(unicodeToTcvn3)).size).toBe(67);
  });

  test.each([...VIETNAMESE_LOWER, ...VIETNAMESE_UPPER].map((c) => [c]))('VNI round-trip of %s', (c) => {
    expect(vniToUnicode(unicodeToVni(c))).toBe(c);
    expect(vniToUnicode(unicodeToVni(`x${c}x`))).toBe(`x${c}x`);
  });

  test('known spellings from docs/domain.md §8.2', () => {
    expect(unicodeToTcvn3('Cộng hoà xã hội chủ nghĩa Việt Nam')).toBe('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
    expect(unicodeToTcvn3('Độc lập - Tự do - Hạnh phúc')).toBe('§éc lËp - Tù do - H¹nh phóc');
    expect(unicodeToTcvn3('Căn cứ Nghị định số 15/CP')).toBe('C¨n cø NghÞ ®Þnh sè 15/CP');
    expect(unicodeToTcvn3('Uỷ ban nhân dân')).toBe('Uû ban nh©n d©n');
    expect(unicodeToTcvn3('được')).toBe('®\u00ADîc');
    expect(unicodeToVni('Cộng hòa xã hội chủ nghĩa Việt Nam')).toBe('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam');
    expect(unicodeToVni('Độc lập - Tự do - Hạnh phúc')).toBe('Ñoäc laäp - Töï do - Haïnh phuùc');
    expect(unicodeToVni('được')).toBe('ñöôïc');
    expect(unicodeToVni('Chỉ thị')).toBe('Chæ thò');
    expect(unicodeToVni('CỘNG HÒA')).toBe('COÄNG HOØA');
    expect(repairMojibake('Cá»™ng hÃ²a')).toBe('Cộng hòa');
  });
});

describe('sentences', () => {
  test.each(SENTENCES.map((s) => [s]))('%s: TCVN3, VNI and mojibake convert back', (s) => {
    expect(vniToUnicode(unicodeToVni(s))).toBe(s);
    expect(repairMojibake(mojibake(s))).toBe(s);
    // .VnTime has no toned capitals: only "Ủy" at the start of a line depends on the line-start rule.
    expect(tcvn3ToUnicode(unicodeToTcvn3(s))).toBe(s);
  });

  test('.VnTimeH caps title', () => {
    const title = 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    expect(unicodeToTcvn3(title)).toBe('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM');
    expect(tcvn3ToUnicode('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM')).toBe(title);
    expect(tcvn3ToUnicode('§éC LËP - Tù DO - H¹NH PHóC')).toBe('ĐỘC LẬP - TỰ DO - HẠNH PHÚC');
  });

  test('a toned capital at a line start (not writable in .VnTime) is restored; đ/ă/â… keep their case', () => {
    expect(tcvn3ToUnicode('ñy ban nh©n d©n tØnh')).toBe('Ủy ban nhân dân tỉnh');
    expect(tcvn3ToUnicode('- ñy ban MTTQ')).toBe('- Ủy ban MTTQ');
    expect(tcvn3ToUnicode('®Þa bµn huyÖn')).toBe('địa bàn huyện');
    expect(tcvn3ToUnicode('Ban ThuongVu ñy ban')).toBe('Ban ThuongVu ủy ban');
  });

  test('ư written as a minus sign by some extractors', () => {
    expect(tcvn3ToUnicode('Th\u2212êng trùc')).toBe('Thường trực');
  });
});

describe('detectLegacy', () => {
  const paragraph = SENTENCES.join('\n');
  test('per document', () => {
    expect(detectLegacy(unicodeToTcvn3(paragraph))).toBe('tcvn3');
    expect(detectLegacy(unicodeToVni(paragraph))).toBe('vni');
    expect(detectLegacy(mojibake(paragraph))).toBe('mojibake');
    expect(detectLegacy(paragraph)).toBeNull();
    expect(detectLegacy(paragraph.normalize('NFD'))).toBeNull();
    expect(detectLegacy('Hello world, plain ASCII 123')).toBeNull();
    expect(detectLegacy('')).toBeNull();
  });

  test('Unicode lines with only Latin-1 accents stay untouched', () => {
    for (const s of ['Mã số: 123', 'Ban hành kèm theo', 'Hà Nội', 'Café à Paris', 'Ý kiến chỉ đạo']) {
      expect(repairLegacyText(s)).toEqual({ text: s, kinds: [], lines: 0 });
    }
  });

  test('mixed documents convert line by line', () => {
    const text = [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      unicodeToTcvn3('Ban Thường vụ Tỉnh ủy'),
      'Số 12-CT/TU',
      unicodeToTcvn3('Căn cứ Nghị định số 15/CP'),
    ].join('\n');
    const r = repairLegacyText(text);
    expect(r.text).toBe('ĐẢNG CỘNG SẢN VIỆT NAM\nBan Thường vụ Tỉnh ủy\nSố 12-CT/TU\nCăn cứ Nghị định số 15/CP');
    expect(r.kinds).toEqual(['tcvn3']);
    expect(r.lines).toBe(2);
  });

  test('a legacy line after many Unicode ones, or last without a line end, is still found', () => {
    const unicode = Array.from({ length: 40 }, () => 'Căn cứ Luật Tổ chức chính quyền địa phương; Hà Nội').join('\n');
    const legacy = unicodeToTcvn3('Ban Thường vụ Tỉnh ủy');
    for (const text of [`${unicode}\n${legacy}`, `${unicode}\n${legacy}\n`, `${legacy}\n${unicode}`]) {
      const r = repairLegacyText(text);
      expect(r.kinds).toEqual(['tcvn3']);
      expect(r.text).toBe(text.replace(legacy, 'Ban Thường vụ Tỉnh ủy'));
    }
  });

  test('vietnameseScore favours real syllables', () => {
    expect(vietnameseScore('Cộng hòa xã hội')).toBe(4);
    expect(vietnameseScore('Céng hoµ x· héi')).toBeLessThan(0);
  });
});

describe('properties', () => {
  const letter = fc.constantFrom(...VIETNAMESE_LOWER, ...'abcdeghiklmnopqrstuvxy'.split(''));
  const word = fc.array(letter, { minLength: 1, maxLength: 7 }).map((cs) => cs.join(''));
  const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));

  test('VNI and mojibake round-trip any text', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(vniToUnicode(unicodeToVni(s))).toBe(s);
        expect(repairMojibake(mojibake(s))).toBe(s);
      }),
    );
  });

  test('TCVN3 round-trips any lower-case text (not at a line start, where toned letters are capitalised)', () => {
    fc.assert(fc.property(text, (s) => expect(tcvn3ToUnicode(unicodeToTcvn3(`x ${s}`))).toBe(`x ${s}`)));
  });

  test('repairLegacyText never changes Unicode Vietnamese text', () => {
    const vi = fc
      .array(fc.constantFrom(...SENTENCES, 'Hà Nội', 'Mã số: 123', 'phòng, chống dịch'), { minLength: 1, maxLength: 6 })
      .map((xs) => xs.join('\n'));
    fc.assert(fc.property(vi, (s) => expect(repairLegacyText(s).text).toBe(s)));
  });
});

describe('real text', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const path = jest.requireActual<typeof import('node:path')>('node:path');
  const dir = path.join(__dirname, '../../fixtures/samples');
  const samples = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').normalize('NFC'));

  test('the five sample directives are left untouched, also word by word and with Latin-1-only lines', () => {
    for (const s of samples) {
      expect(repairLegacyText(s).kinds).toEqual([]);
      const words = s.split(/\s+/).filter(Boolean);
      expect(repairLegacyText(words.join('\n')).text).toBe(words.join('\n'));
    }
  });

  test.each([0, 1, 2, 3, 4])('sample %i survives TCVN3 (lower-cased), VNI and mojibake round trips', (i) => {
    const s = samples[i]!;
    expect(repairLegacyText(unicodeToVni(s)).text).toBe(s);
    expect(repairLegacyText(mojibake(s)).text).toBe(s);
    // .VnTime cannot store toned capitals, so compare TCVN3 case-insensitively.
    expect(repairLegacyText(unicodeToTcvn3(s)).text.toLowerCase()).toBe(s.toLowerCase());
  });
});
