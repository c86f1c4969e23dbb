import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readDocument, type ReadResult } from '../../../electron/core/readers';
import { restoreOptionalHyphens } from '../../../electron/core/readers/doc';
import { looksLikeBrokenGlyphs } from '../../../electron/core/readers/pdf';
import { UNUSUAL_CHARACTER, decodeBytes, sniffUtf16 } from '../../../electron/core/readers/text';
import { checkZipBomb, readCentralDirectory } from '../../../electron/core/readers/zip';
import { unicodeToTcvn3, unicodeToVni } from '../../../shared/text/legacy';
import { normalizeText } from '../../../shared/text/vietnamese';
import { ENCODING_DOUBT_WARNING } from '../../../shared/api/errors';

const FORMATS = path.join(__dirname, '../../fixtures/formats');
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FORMATS, name)));
const bytes = (s: string, enc: BufferEncoding = 'utf8'): Uint8Array => new Uint8Array(Buffer.from(s, enc));
const text = (r: ReadResult): string => {
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.text;
};

describe('plain text', () => {
  test('UTF-8 is decoded, or refused as UTF-8, as a strict TextDecoder does it', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    // Bytes of Vietnamese letters, an emoji and pieces of sequences, so valid and invalid both come up.
    const piece = fc.constantFrom(
      ...[
        [0x61],
        [0x20],
        [0x0a],
        [0xe1, 0xbb, 0x87],
        [0xc3, 0xa0],
        [0xf0, 0x9f, 0x98, 0x80],
        [0x80],
        [0xed, 0xa0, 0x80],
      ],
      ...[[0xc3], [0xe1, 0xbb], [0xef, 0xbb, 0xbf], [0xff], [0x09]],
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        // Past a first letter: a BOM at the start is a branch of its own.
        const file = new Uint8Array([0x61, ...pieces.flat()]);
        let expected: string | null = null;
        try {
          expected = strict.decode(file);
        } catch {
          expected = null;
        }
        let got: { text: string; encoding: string } | null = null;
        try {
          got = decodeBytes(file, null, { legacy: false });
        } catch {
          got = null; // refused as binary
        }
        // No NUL in these bytes, so no UTF-16 guess: valid UTF-8 is read as such.
        if (expected !== null) expect(got).toMatchObject({ text: expected, encoding: 'utf-8' });
        else if (got !== null) expect(got.encoding).not.toBe('utf-8');
        // The plain-text reader's form: the same text without its trailing ASCII blanks.
        if (expected !== null)
          expect(decodeBytes(file, null, { legacy: false, dropTrailingBlanks: true }).text).toBe(
            expected.replace(/[\t\n\v\f\r ]+$/, ''),
          );
      }),
    );
  });

  test('CRLF, zero-width characters, NBSP and NFD are normalised', async () => {
    const r = await readDocument(
      bytes('Số 571\u00A0-CV/TU\r\nVi\u200Bệt Nam\r\n' + 'Hà Nội'.normalize('NFD')),
      'a.txt',
    );
    expect(text(r)).toBe('Số 571 -CV/TU\nViệt Nam\nHà Nội');
  });

  test('UTF-8 text with pasted TCVN3 lines converts only those lines', async () => {
    const src = `Cộng hòa xã hội chủ nghĩa Việt Nam\n${unicodeToTcvn3('Ban Thường vụ Tỉnh ủy về tăng cường phòng, chống dịch')}\nHết.`;
    const r = await readDocument(bytes(src), 'a.txt');
    expect(r).toMatchObject({ ok: true, encoding: 'tcvn3' });
    expect(text(r)).toBe(
      'Cộng hòa xã hội chủ nghĩa Việt Nam\nBan Thường vụ Tỉnh ủy về tăng cường phòng, chống dịch\nHết.',
    );
  });

  test('UTF-16 without BOM is told apart by where the NUL bytes sit', () => {
    expect(sniffUtf16(iconv.encode('Ủy ban nhân dân tỉnh', 'utf-16le'))).toBe('utf-16le');
    expect(sniffUtf16(iconv.encode('Ủy ban nhân dân tỉnh', 'utf-16be'))).toBe('utf-16be');
    expect(sniffUtf16(bytes('Ủy ban nhân dân tỉnh'))).toBeNull();
  });

  test('an 8-bit file that is no Vietnamese encoding → encoding', async () => {
    const cyrillic = iconv.encode(
      'Постановление правительства о мерах по борьбе с эпидемией. '.repeat(10),
      'windows-1251',
    );
    expect(await readDocument(new Uint8Array(cyrillic), 'a.txt')).toMatchObject({ ok: false, reason: 'encoding' });
  });

  test('VNI with a .txt name and CRLF', async () => {
    const r = await readDocument(
      bytes(unicodeToVni('Chỉ thị số 15-CT/TU\r\nvề việc tăng cường công tác phòng, chống dịch'), 'latin1'),
      'a.txt',
    );
    expect(r).toMatchObject({ ok: true, encoding: 'vni' });
    expect(text(r)).toBe('Chỉ thị số 15-CT/TU\nvề việc tăng cường công tác phòng, chống dịch');
  });

  test('mojibake whose undefined CP1252 bytes became C1 controls is repaired in full', async () => {
    const moj = [...Buffer.from('Phó Bí thư Thường trực Huyện ủy; ổ dịch; bổ sung', 'utf8')]
      .map((b) => String.fromCharCode(b))
      .join('');
    const r = await readDocument(bytes(moj), 'a.txt');
    expect(text(r)).toBe('Phó Bí thư Thường trực Huyện ủy; ổ dịch; bổ sung');
  });

  test('a few control characters do not make text binary, many do', async () => {
    expect(
      (await readDocument(bytes('Thông báo\u000c kết luận của Ban Thường vụ Tỉnh ủy '.repeat(5)), 'a.txt')).ok,
    ).toBe(true);
    expect(await readDocument(bytes('ab\u0001\u0002\u0003\u0004cd'.repeat(50)), 'a.txt')).toMatchObject({
      ok: false,
      reason: 'binary',
    });
  });

  // readDocument skips the control, mark and tidying tests and NFC for a text without any
  // UNUSUAL_CHARACTER: each of the others must be its own NFC, next to any other of them too, and
  // be none of what those tests look for.
  test('every character a text may hold without the reader looking further needs nothing done', async () => {
    const ordinary: string[] = [];
    for (let c = 0; c < 0xd800; c++)
      if (!UNUSUAL_CHARACTER.test(String.fromCharCode(c))) ordinary.push(String.fromCharCode(c));
    expect(ordinary.length).toBeGreaterThan(800);
    // eslint-disable-next-line no-control-regex
    const looked = /[\x00-\x08\x0B\x0E-\x1F\x7F\r\u00AD\u00A0\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]|\p{M}/u;
    expect(ordinary.filter((ch) => looked.test(ch) || ch.normalize('NFC') !== ch)).toEqual([]);
    const all = ordinary.join('');
    const besideEach = (a: string): string => all.replaceAll(/[^]/g, `${a}$&`);
    expect(ordinary.filter((a) => besideEach(a).normalize('NFC') !== besideEach(a))).toEqual([]);
    const r = await readDocument(bytes(`Ban Thường vụ\n${all.replaceAll(/\s/g, '')}\n`), 'a.txt');
    expect(text(r)).toBe(`Ban Thường vụ\n${all.replaceAll(/\s/g, '')}`);
  });

  // Regression: the plain-text reader marks a text it found free of control characters, so that
  // readDocument does not test it twice; HTML decoded from clean bytes can still spell them.
  test('an HTML page whose entities spell control characters is refused as binary', async () => {
    const html = `<html><body><p>${'ab&#1;&#2;&#3;&#4;cd'.repeat(50)}</p></body></html>`;
    expect(await readDocument(bytes(html), 'a.html')).toMatchObject({ ok: false, reason: 'binary' });
  });

  // QA: a short Latin-1 letter (too few accented words for the 'encoding' refusal) was stored as
  // windows-1252 without a word; in a Vietnamese archive such a text is likely mojibake.
  test.each([
    ['a French note', 'Résumé de la réunion: le comité a décidé de créer un programme.\r\nÀ bientôt.', 'latin1'],
    ['a German note', 'Sehr geehrte Damen und Herren, die Prüfung ist abgeschlossen. Grüße', 'latin1'],
    ['random Latin-1 letters', 'ÆØÅ ñß ÐÞ öü éè Ëï ÿþ', 'latin1'],
  ] as const)('%s is stored as windows-1252 with the Vietnamese doubt warning', async (_name, body, enc) => {
    const r = await readDocument(bytes(body, enc), 'a.txt');
    expect(r).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(r.ok && r.warnings).toContain(ENCODING_DOUBT_WARNING);
  });

  test.each([
    ['English with © and °', 'Copyright © 2021, temperature 30° in the room.\r\n'],
    ['Vietnamese in Windows-1258', 'Hà Nội, ngày 12 tháng 5 năm 2021\r\nỦy ban nhân dân'],
    ['Vietnamese letters that Windows-1252 also has', 'Bà là cô giáo'],
  ] as const)('%s gets no doubt warning', async (_name, body) => {
    const encoded = /[\u0100-\uFFFF]/.test(body) ? iconv.encode(body, 'windows-1258') : Buffer.from(body, 'latin1');
    const r = await readDocument(new Uint8Array(encoded), 'a.txt');
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).not.toContain(ENCODING_DOUBT_WARNING);
  });
});

describe('HTML', () => {
  test('scripts, styles and head are dropped; headings keep their case; entities resolve', async () => {
    const html = `<html><head><title>Bỏ qua</title><style>p{}</style></head><body><script>alert("x")</script>
      <h2>Chỉ thị về tăng cường</h2><p>Ban Th&#432;&#7901;ng v&#7909; T&#7881;nh &#7911;y</p><p>Hà&nbsp;Nội<br>ngày 5</p></body></html>`;
    const r = await readDocument(bytes(html), 'a.html');
    expect(text(r)).toBe('Chỉ thị về tăng cường\n\nBan Thường vụ Tỉnh ủy\nHà Nội\nngày 5');
  });

  test('<font face=".VnTime"> TCVN3 written as entities is converted after decoding', async () => {
    const tcvn = unicodeToTcvn3('Cộng hoà xã hội chủ nghĩa Việt Nam');
    const entities = [...tcvn].map((c) => (c.charCodeAt(0) > 127 ? `&#${c.charCodeAt(0)};` : c)).join('');
    const r = await readDocument(bytes(`<p><font face=".VnTime">${entities}</font></p>`), 'a.htm');
    expect(r).toMatchObject({ ok: true, encoding: 'tcvn3' });
    expect(text(r)).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
  });

  test('UTF-16 HTML with BOM', async () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>Ủy ban nhân dân</p>', 'utf-16le')]);
    expect(text(await readDocument(new Uint8Array(buf), 'a.html'))).toBe('Ủy ban nhân dân');
  });
});

describe('RTF', () => {
  const rtf = (body: string, header = '\\ansi\\ansicpg1258'): Uint8Array =>
    bytes(
      `{\\rtf1${header}{\\fonttbl{\\f0\\fcharset163 Times New Roman;}{\\f1\\fcharset0 .VnTime;}}\\f0 ${body}}`,
      'latin1',
    );

  test('\\uN with \\uc skips, negative \\u, \\ansicpg1258 bytes with combining tones', async () => {
    const r = await readDocument(
      rtf("Vi\\u7879?t Nam\\par\\uc2 H\\u7897\\'3f\\'3fi\\par Ho\\'e0 Bi\\'ccnh\\par \\u-1280?"),
      'a.rtf',
    );
    expect(text(r)).toBe('Việt Nam\nHội\nHoà Bình\n\uFB00');
  });

  test('ignorable destinations, fields and escapes', async () => {
    const r = await readDocument(
      rtf(
        '{\\*\\bkmkstart x}A{\\*\\comment bỏ}\\{b\\}\\\\ {\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt Trang}}\\tab c\\emdash d\\~e',
      ),
      'a.rtf',
    );
    expect(text(r)).toBe('A{b}\\ Trang\tc—d e');
  });

  test('a .VnTime font run converts from TCVN3', async () => {
    const tcvn = [...unicodeToTcvn3('Căn cứ Nghị định số 15/CP')]
      .map((c) => (c.charCodeAt(0) > 127 ? `\\'${c.charCodeAt(0).toString(16)}` : c))
      .join('');
    const r = await readDocument(rtf(`\\f1 ${tcvn}`, '\\ansi\\ansicpg1252'), 'a.rtf');
    expect(r).toMatchObject({ ok: true, encoding: 'rtf+tcvn3' });
    expect(text(r)).toBe('Căn cứ Nghị định số 15/CP');
  });

  test('Unicode and .VnTime/.VnTimeH runs in one paragraph convert by font', async () => {
    const hex = (s: string): string =>
      [...s].map((c) => (c.charCodeAt(0) > 127 ? `\\'${c.charCodeAt(0).toString(16)}` : c)).join('');
    const header = '\\ansi\\ansicpg1252{\\fonttbl{\\f2\\fcharset0 .VnTimeH;}}';
    const body = `C\\u259?n c\\u7913? {\\f1 ${hex(unicodeToTcvn3('Nghị định của ủy ban'))}} {\\f2 ${hex(unicodeToTcvn3('tỉnh hà nam'))}}`;
    const r = await readDocument(rtf(body, header), 'a.rtf');
    expect(r).toMatchObject({ ok: true, encoding: 'rtf+tcvn3' });
    expect(text(r)).toBe('Căn cứ Nghị định của ủy ban TỈNH HÀ NAM');
  });

  test('not RTF at all', async () => {
    expect(await readDocument(bytes('hello'), 'a.rtf')).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});

describe('Word files under the wrong name', () => {
  test('.docx content named .doc and .doc content named .docx are read by content', async () => {
    expect(await readDocument(fixture('sample.docx'), 'x.doc')).toMatchObject({ ok: true, format: 'docx' });
    expect(await readDocument(fixture('sample.doc'), 'x.docx')).toMatchObject({ ok: true, format: 'doc' });
    expect(await readDocument(fixture('sample.pdf'), 'x.doc')).toMatchObject({ ok: true, format: 'pdf' });
  });

  test('word-extractor "undefined" for optional hyphens (TCVN3 ư) is undone', () => {
    expect(restoreOptionalHyphens('Thundefinedêng vµ undefined')).toBe('Th\u00ADêng vµ undefined');
    expect(restoreOptionalHyphens('thundefined, undefinedu')).toBe('th\u00AD, \u00ADu');
  });
});

describe('zip checks', () => {
  test('central directory of a real .docx', () => {
    const names = readCentralDirectory(fixture('sample.docx')).map((e) => e.name);
    expect(names).toContain('word/document.xml');
    expect(names).toContain('[Content_Types].xml');
  });

  test('the limit is on the declared total', () => {
    expect(() => checkZipBomb(fixture('sample.docx'), 1000)).toThrow(/bom zip/);
    expect(checkZipBomb(fixture('sample.docx')).length).toBeGreaterThan(3);
  });
});

test('PDF broken glyph maps are reported', () => {
  expect(looksLikeBrokenGlyphs('VĂN PHỊNG HUYỆN ỦY, thơng tin khơng đầy đủ')).toBe(true);
  expect(looksLikeBrokenGlyphs('VĂN PHÒNG HUYỆN ỦY, thông tin không đầy đủ')).toBe(false);
});

describe('docx run fonts', () => {
  const build = async (paragraphs: { text: string; font?: string }[][]): Promise<Uint8Array> => {
    const { Document, Packer, Paragraph, TextRun } = await import('docx');
    const doc = new Document({
      sections: [
        {
          children: paragraphs.map(
            (runs) =>
              new Paragraph({
                children: runs.map((r) => new TextRun({ text: r.text, font: r.font ?? 'Times New Roman' })),
              }),
          ),
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  };

  test('a paragraph mixing a Unicode run and a .VnTime run converts only the legacy run', async () => {
    const bytes = await build([
      [
        { text: 'Căn cứ ' },
        { text: unicodeToTcvn3('Nghị định số 15/CP của ủy ban'), font: '.VnTime' },
        { text: ' về việc' },
      ],
    ]);
    const r = await readDocument(bytes, 'a.docx');
    expect(r).toMatchObject({ ok: true, encoding: 'docx+tcvn3' });
    expect(text(r)).toBe('Căn cứ Nghị định số 15/CP của ủy ban về việc');
  });

  test('.VnTimeH runs typed in lower case come out in capitals; VNI-Times runs convert', async () => {
    const bytes = await build([
      [{ text: unicodeToTcvn3('cộng hoà xã hội chủ nghĩa việt nam'), font: '.VnTimeH' }],
      [{ text: unicodeToVni('Độc lập - Tự do - Hạnh phúc'), font: 'VNI-Times' }],
      [{ text: unicodeToTcvn3('ủy ban nhân dân tỉnh'), font: '.VnTime' }],
    ]);
    const r = await readDocument(bytes, 'a.docx');
    expect(r).toMatchObject({ ok: true, encoding: 'docx+tcvn3+vni' });
    expect(text(r)).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nỦy ban nhân dân tỉnh');
    if (r.ok) expect(r.warnings.join(' ')).toMatch(/VnTimeH/);
  });
});

describe('leading and trailing blanks of a read text (issue #4: trimEnd in place of a trailing-blank pattern)', () => {
  const read = async (s: string): Promise<ReadResult> => readDocument(new Uint8Array(Buffer.from(s, 'utf8')), 'a.txt');
  test.each([
    ['blank lines before, blanks of every kind after', '\n\n\nCÔNG VĂN số 12\nNội dung \t\u3000\n \u2028\t'],
    ['a leading space is kept, leading blank lines are not', '\n\n  CÔNG VĂN\n\n\n\nđoạn hai'],
    ['no blanks at either end', 'CÔNG VĂN'],
  ])('%s', async (_name, s) => {
    const r = await read(s);
    expect(r.ok).toBe(true);
    // What the former pattern made of the normalised text.
    const expected = s
      .replace(/\u3000/g, ' ')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+|\s+$/g, '');
    if (r.ok) expect(r.text).toBe(expected);
  });

  test('a text read as it was tidied before the scan that skips tidying (any mix of blanks, cleaned characters, NFD)', async () => {
    const plain = ['a', 'ệ', 'e\u0301', 'Đ', ' ', '\t', '\n', '\f', '\u2028'];
    const cleaned = ['\r', '\u00AD', '\u00A0', '\u2002', '\u200B', '\u2060', '\u202F', '\u3000', '\uFEFF'];
    // Texts of plain units alone too: those are the ones that skip tidying.
    const units = fc.oneof(
      fc.array(fc.constantFrom(...plain), { maxLength: 40 }),
      fc.array(fc.constantFrom(...plain, ...cleaned), { maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(units, async (units) => {
        const file = new Uint8Array(Buffer.from(`x${units.join('')}`, 'utf8'));
        const decoded = decodeBytes(file).text;
        const expected = normalizeText(decoded.replace(/\u00AD/g, ''))
          .replace(/[ \t]+\n/g, '\n')
          .replace(/\n{3,}/g, '\n\n')
          .replace(/^\n+/, '')
          .trimEnd();
        const r = await readDocument(file, 'a.txt');
        expect(r.ok ? r.text : expected).toBe(expected);
      }),
    );
  });

  test('a file of blanks only is empty', async () => {
    expect(await read('\n\n \t\u3000\n')).toEqual({ ok: false, reason: 'empty' });
  });
});
