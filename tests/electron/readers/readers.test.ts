import fs from 'node:fs';
import path from 'node:path';
import {
  MAX_FILE_BYTES,
  SUPPORTED_EXTENSIONS,
  formatForFileName,
  readDocument,
  type DocumentFormat,
  type ReadResult,
} from '../../../electron/core/readers';
import type { ImportFailure } from '../../../shared/model/archive';
import { isDecomposed } from '../../../shared/text/vietnamese';

const FORMATS = path.join(__dirname, '../../fixtures/formats');
const SAMPLES = path.join(__dirname, '../../fixtures/samples');
const sampleNames = fs
  .readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.txt'))
  .sort();
/** Sample text as the fixtures were made from it: NFC, no markdown emphasis, one space between words. */
const sampleText = (i: number): string =>
  flat(fs.readFileSync(path.join(SAMPLES, sampleNames[i]!), 'utf8').normalize('NFC'));
const flat = (s: string): string => s.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
const CAPS_HEADER = ['CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ĐẢNG CỘNG SẢN VIỆT NAM'];

const read = (name: string, options?: { timeoutMs?: number }): Promise<ReadResult> =>
  readDocument(new Uint8Array(fs.readFileSync(path.join(FORMATS, name))), name, options);

interface OkRow {
  file: string;
  format: DocumentFormat;
  encoding: string;
  phrase: string;
  /** Every line of the output must occur in this sample (proves no line was left garbled). */
  sample?: number;
  /**
   * .VnTime has no toned capitals ("Ủ" is typed with the caps font, i.e. the byte of "ủ"), so in
   * mixed-case lines they come back lower case; compare those lines case-insensitively.
   */
  lossyCaps?: boolean;
  warning?: RegExp;
}

const OK_ROWS: OkRow[] = [
  { file: 'plain-utf8.txt', format: 'txt', encoding: 'utf-8', phrase: 'Bí thư Tỉnh ủy', sample: 2 },
  { file: 'utf8-bom.txt', format: 'txt', encoding: 'utf-8-bom', phrase: 'Ban Chấp hành Đảng bộ huyện', sample: 1 },
  {
    file: 'utf16le-bom.txt',
    format: 'txt',
    encoding: 'utf-16le',
    phrase: 'BCĐ phòng chống dịch bệnh Covid-19',
    sample: 3,
  },
  { file: 'utf16le-nobom.txt', format: 'txt', encoding: 'utf-16le', phrase: 'HUYỆN ỦY YÊN THẾ', sample: 3 },
  {
    file: 'utf16be-bom.txt',
    format: 'txt',
    encoding: 'utf-16be',
    phrase: 'Yên Thế, ngày 25 tháng 7 năm 2021',
    sample: 3,
  },
  { file: 'utf16be-nobom.txt', format: 'txt', encoding: 'utf-16be', phrase: 'ĐẢNG BỘ TỈNH BẮC GIANG', sample: 3 },
  {
    file: 'tcvn3.txt',
    format: 'txt',
    encoding: 'tcvn3',
    phrase: 'Ban Thường vụ Tỉnh ủy',
    sample: 4,
    warning: /TCVN3/,
    lossyCaps: true,
  },
  { file: 'vni.txt', format: 'txt', encoding: 'vni', phrase: 'Ủy ban nhân dân', sample: 1, warning: /VNI/ },
  {
    file: 'mojibake.txt',
    format: 'txt',
    encoding: 'utf-8-mojibake-repaired',
    phrase: 'phòng, chống dịch',
    sample: 0,
    warning: /UTF-8/,
  },
  { file: 'nfd.txt', format: 'txt', encoding: 'utf-8', phrase: 'Ban Thường vụ Tỉnh ủy', sample: 3, warning: /tổ hợp/ },
  {
    file: 'windows-1258.txt',
    format: 'txt',
    encoding: 'windows-1258',
    phrase: 'Bí thư Tỉnh ủy',
    sample: 2,
    warning: /1258/,
  },
  { file: 'sample.md', format: 'md', encoding: 'utf-8', phrase: '**Kết luận của đồng chí Nguyễn Cao Lân' },
  { file: 'sample.html', format: 'html', encoding: 'utf-8', phrase: 'Ban Thường vụ Tỉnh ủy' },
  {
    file: 'windows-1258.htm',
    format: 'html',
    encoding: 'windows-1258',
    phrase: 'huyện Trực Ninh',
    sample: 2,
    warning: /1258/,
  },
  { file: 'sample.rtf', format: 'rtf', encoding: 'rtf', phrase: 'BCĐ phòng chống dịch bệnh Covid-19 huyện', sample: 3 },
  { file: 'rtf-named.doc', format: 'rtf', encoding: 'rtf', phrase: 'HUYỆN ỦY YÊN THẾ', sample: 3 },
  {
    file: 'tcvn3.rtf',
    format: 'rtf',
    encoding: 'rtf+tcvn3',
    phrase: 'Ban Thường vụ Tỉnh ủy',
    sample: 4,
    warning: /TCVN3/,
    lossyCaps: true,
  },
  { file: 'sample.docx', format: 'docx', encoding: 'docx', phrase: 'Ban Thường vụ Tỉnh ủy', sample: 4 },
  {
    file: 'tcvn3.docx',
    format: 'docx',
    encoding: 'docx+tcvn3',
    phrase: 'Ủy ban nhân dân',
    sample: 1,
    warning: /TCVN3/,
    lossyCaps: true,
  },
  { file: 'vni.docx', format: 'docx', encoding: 'docx+vni', phrase: 'phòng, chống dịch', sample: 0, warning: /VNI/ },
  { file: 'sample.doc', format: 'doc', encoding: 'doc', phrase: 'Ban Thường vụ Tỉnh ủy', sample: 3 },
  {
    file: 'tcvn3.doc',
    format: 'doc',
    encoding: 'doc+tcvn3',
    phrase: 'Ủy ban nhân dân',
    sample: 1,
    warning: /TCVN3/,
    lossyCaps: true,
  },
  { file: 'sample.pdf', format: 'pdf', encoding: 'pdf', phrase: 'Bí thư Tỉnh ủy', sample: 2 },
];

describe.each(OK_ROWS)('$file', (row) => {
  let r: ReadResult;
  beforeAll(async () => {
    r = await read(row.file);
  });

  it(`reads as ${row.format} / ${row.encoding}`, () => {
    expect(r).toMatchObject({ ok: true, format: row.format, encoding: row.encoding, scanned: false });
  });

  it('returns normalised text with the known phrase', () => {
    if (!r.ok) throw new Error(`not ok: ${r.reason} ${r.detail}`);
    expect(r.text).toContain(row.phrase);
    expect(r.text).toBe(r.text.normalize('NFC'));
    expect(isDecomposed(r.text)).toBe(false);
    expect(r.text).not.toMatch(/\r|\u200B|\uFEFF/);
    if (row.warning) expect(r.warnings.join(' ')).toMatch(row.warning);
    else expect(r.warnings).toEqual([]);
  });

  if (row.sample !== undefined) {
    it(`leaves no garbled line (every line occurs in sample ${row.sample})`, () => {
      if (!r.ok) throw new Error('not ok');
      const fold = (s: string): string => (row.lossyCaps ? s.toLowerCase() : s);
      const source = fold(sampleText(row.sample!));
      const bad = r.text
        .split('\n')
        .map(flat)
        .filter((l) => l && !CAPS_HEADER.includes(l) && !source.includes(fold(l)));
      expect(bad).toEqual([]);
    });
  }
});

interface FailRow {
  file: string;
  reason: ImportFailure;
  detail?: RegExp;
}
const FAIL_ROWS: FailRow[] = [
  { file: 'empty.txt', reason: 'empty' },
  { file: 'blank.txt', reason: 'empty' },
  { file: 'random.bin.txt', reason: 'binary' },
  { file: 'nul-bytes.txt', reason: 'binary' },
  { file: 'random.docx', reason: 'corrupt', detail: /zip/ },
  { file: 'truncated.docx', reason: 'corrupt', detail: /cắt cụt/ },
  { file: 'truncated.pdf', reason: 'corrupt', detail: /PDF/ },
  { file: 'truncated.doc', reason: 'corrupt', detail: /\.doc/ },
  { file: 'zipbomb.docx', reason: 'corrupt', detail: /bom zip/ },
  { file: 'zipbomb-lying.docx', reason: 'corrupt', detail: /bom zip/ },
];

test.each(FAIL_ROWS)('$file → $reason', async (row) => {
  const r = await read(row.file);
  expect(r).toMatchObject({ ok: false, reason: row.reason });
  if (row.detail && !r.ok) expect(r.detail).toMatch(row.detail);
});

test('a PDF without a text layer is accepted as a scan', async () => {
  const r = await read('scanned.pdf');
  expect(r).toEqual({
    ok: true,
    text: '',
    format: 'pdf',
    encoding: 'pdf',
    warnings: ['Bản quét, chưa có chữ'],
    scanned: true,
  });
});

describe('file names and limits', () => {
  test.each([
    ['Chi thi 05.TXT', 'txt'],
    ['a.md', 'md'],
    ['trang.htm', 'html'],
    ['trang.HTML', 'html'],
    ['x.rtf', 'rtf'],
    ['QĐ 12.docx', 'docx'],
    ['cũ.doc', 'doc'],
    ['scan.PDF', 'pdf'],
    ['anh.jpg', null],
    ['khong-duoi', null],
    ['.docx.zip', null],
  ])('%s → %s', (name, format) => {
    expect(formatForFileName(name)).toBe(format);
  });

  test('SUPPORTED_EXTENSIONS', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.md', '.html', '.htm', '.rtf', '.docx', '.doc', '.pdf']);
    for (const ext of SUPPORTED_EXTENSIONS) expect(formatForFileName(`a${ext}`)).not.toBeNull();
  });

  test('unknown extension → unsupported_type', async () => {
    expect(await readDocument(new Uint8Array([1, 2, 3]), 'anh.jpg')).toMatchObject({
      ok: false,
      reason: 'unsupported_type',
    });
  });

  test('too large is refused before parsing', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1); // zeros: would be 'binary' if it were parsed
    expect(await readDocument(big, 'lon.txt')).toMatchObject({ ok: false, reason: 'too_large' });
    expect(await readDocument(big, 'lon.pdf')).toMatchObject({ ok: false, reason: 'too_large' });
  });

  test('a reader slower than timeoutMs → timeout', async () => {
    const pdf = new Uint8Array(fs.readFileSync(path.join(FORMATS, 'sample.pdf')));
    expect(await readDocument(pdf, 'a.pdf', { timeoutMs: 1 })).toMatchObject({ ok: false, reason: 'timeout' });
  });

  test('the PDF worker recovers after a timeout and serves parallel reads', async () => {
    const pdf = new Uint8Array(fs.readFileSync(path.join(FORMATS, 'sample.pdf')));
    expect(await readDocument(pdf, 'a.pdf', { timeoutMs: 1 })).toMatchObject({ ok: false, reason: 'timeout' });
    const all = await Promise.all([read('sample.pdf'), read('scanned.pdf'), read('truncated.pdf'), read('sample.pdf')]);
    expect(all.map((r) => (r.ok ? `ok${r.scanned ? '-scan' : ''}` : r.reason))).toEqual([
      'ok',
      'ok-scan',
      'corrupt',
      'ok',
    ]);
  });

  test('garbage in any format never throws', async () => {
    const junk = new Uint8Array(2000).map((_, i) => (i * 7919) % 251);
    for (const ext of SUPPORTED_EXTENSIONS) {
      const r = await readDocument(junk, `x${ext}`);
      expect(r.ok).toBe(false);
    }
    for (const head of ['PK\u0003\u0004', '%PDF-1.4\n', '{\\rtf1 ', '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1']) {
      const bytes = new Uint8Array([...Buffer.from(head, 'latin1'), ...junk]);
      for (const ext of ['.docx', '.doc', '.pdf', '.rtf'])
        await expect(readDocument(bytes, `x${ext}`)).resolves.toHaveProperty('ok');
    }
  });
});

// QA: «Tệp Word .doc hỏng: The value of "sourceStart" is out of range…», «PDF hỏng: Invalid PDF
// structure.» — a library's English message reached the clerk inside the import row's reason.
test.each(['truncated.doc', 'truncated.pdf', 'random.docx', 'truncated.docx'])(
  'the refusal of a broken %s reads in Vietnamese, with no library message in English',
  async (file) => {
    const r = await read(file);
    expect(r.ok).toBe(false);
    const detail = r.ok ? '' : (r.detail ?? '');
    expect(detail).toMatch(/hỏng|cắt cụt|zip/);
    expect(detail).not.toMatch(/\b(the|value|out of range|invalid|structure|received|must)\b/i);
  },
);
