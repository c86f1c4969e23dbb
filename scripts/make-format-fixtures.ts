/**
 * Builds tests/fixtures/formats/ from the five sample directives in tests/fixtures/samples/.
 *
 *   node scripts/run-ts.mjs scripts/make-format-fixtures.ts
 *
 * .doc and text-layer .pdf files need LibreOffice (`soffice`) to convert the generated .docx;
 * without it those files are kept from the previous run. Tests only read the committed files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { PDFDocument, rgb } from 'pdf-lib';
import { unicodeToTcvn3, unicodeToVni } from '../shared/text/legacy';

const ROOT = process.cwd();
const SAMPLES = path.join(ROOT, 'tests/fixtures/samples');
const OUT = path.join(ROOT, 'tests/fixtures/formats');
fs.mkdirSync(OUT, { recursive: true });

const sampleFiles = fs
  .readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const sample = (i: number): string => fs.readFileSync(path.join(SAMPLES, sampleFiles[i]!), 'utf8').normalize('NFC');
/** The first `n` non-empty lines without markdown emphasis, to keep binary fixtures small. */
const lines = (i: number, n: number): string[] =>
  sample(i)
    .split('\n')
    .map((l) => l.replace(/\*\*|\*/g, '').trim())
    .filter((l) => l && !/^-{3,}$/.test(l))
    .slice(0, n);

const write = (name: string, data: Uint8Array | string): void => {
  fs.writeFileSync(path.join(OUT, name), data);
};

// ---- plain text in every encoding -------------------------------------------------------------
const CAPS_HEADER = ['CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
write('plain-utf8.txt', sample(2));
write('utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample(1), 'utf8')]));
const part3 = lines(3, 14).join('\r\n');
const le = iconv.encode(part3, 'utf-16le');
const be = iconv.encode(part3, 'utf-16be');
write('utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
write('utf16le-nobom.txt', le);
write('utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
write('utf16be-nobom.txt', be);
// TCVN3: caps header as the .VnTimeH font stores it, body as .VnTime.
write('tcvn3.txt', Buffer.from(unicodeToTcvn3([...CAPS_HEADER, '', ...lines(4, 30)].join('\r\n')), 'latin1'));
write('vni.txt', Buffer.from(unicodeToVni([...CAPS_HEADER, '', ...lines(1, 30)].join('\r\n')), 'latin1'));
// UTF-8 read as Windows-1252 and saved again as UTF-8 ("Cá»™ng hÃ²a").
write('mojibake.txt', Buffer.from(asWindows1252(Buffer.from(lines(0, 20).join('\n'), 'utf8')), 'utf8'));

/** Bytes read the way Windows reads CP1252: the five undefined bytes become U+0081 etc. */
function asWindows1252(bytes: Uint8Array): string {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
  return [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? high[b - 0x80]! : String.fromCharCode(b))).join('');
}
write('nfd.txt', Buffer.from(sample(3).normalize('NFD'), 'utf8'));
write('windows-1258.txt', iconv.encode(toCp1258Form(lines(2, 25).join('\r\n')), 'windows-1258'));
write('sample.md', sample(0));
write('empty.txt', '');
write('blank.txt', ' \r\n\t\n   \n');
write('random.bin.txt', pseudoRandomBytes(4096, 7));
write(
  'nul-bytes.txt',
  Buffer.concat([
    Buffer.from(lines(2, 3).join('\n'), 'utf8'),
    Buffer.from([0, 0, 1, 2, 0]),
    Buffer.from('tiếp theo', 'utf8'),
  ]),
);

/** Windows-1258 keeps tones as combining marks after a base letter that may carry a circumflex, breve or horn. */
function toCp1258Form(s: string): string {
  return s
    .normalize('NFD')
    .replace(
      /(\p{L})([\u0302\u0306\u031B]?)([\u0300\u0301\u0303\u0309\u0323]?)([\u0302\u0306\u031B]?)/gu,
      (_m, base: string, m1: string, tone: string, m2: string) => (base + m1 + m2).normalize('NFC') + tone,
    );
}

function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

// ---- HTML -------------------------------------------------------------------------------------
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const body4 = lines(4, 25);
write(
  'sample.html',
  `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Thông báo</title>
<style>p { margin: 0 } .x::before { content: "KHÔNG ĐƯỢC HIỆN" }</style>
<script>var s = "mã script không được hiện";</script></head>
<body>
<h1>${esc(body4[0]!)}</h1>
${body4
  .slice(1)
  .map((l) => `<p>${esc(l)}</p>`)
  .join('\n')}
<table><tr><th>Nơi nhận</th><td>Các huyện ủy, thành ủy</td></tr></table>
</body></html>
`,
);
write(
  'windows-1258.htm',
  iconv.encode(
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>${lines(2, 12)
      .map((l) => `<p>${esc(toCp1258Form(l))}</p>`)
      .join('\n')}</body></html>`,
    'windows-1258',
  ),
);

// ---- RTF --------------------------------------------------------------------------------------
/** Unicode → RTF body: ASCII as is, CP1258-encodable letters as \'hh, the rest as \uN?. */
function rtfEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (c < 0x80) out += ch;
    else if (iconv.decode(iconv.encode(ch, 'windows-1258'), 'windows-1258') === ch)
      out += `\\'${iconv.encode(ch, 'windows-1258')[0]!.toString(16)}`;
    else out += `\\u${c > 0x7fff ? c - 0x10000 : c}?`;
  }
  return out;
}
const rtfPars = lines(3, 16);
write(
  'sample.rtf',
  `{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\froman\\fcharset163 Times New Roman;}{\\f1\\fswiss\\fcharset0 Arial;}}
{\\colortbl;\\red0\\green0\\blue0;}
{\\*\\generator Vanthu fixtures;}{\\info{\\title KH\\'d4NG HI\\'caN}}
\\viewkind4\\uc1\\pard\\f0\\fs26 ${rtfPars.map(rtfEscape).join('\\par\n')}\\par
}`,
);
// A .VnTime run: TCVN3 bytes written as \'hh, as Word 97 saved them.
const tcvnRtf = (s: string): string =>
  [...unicodeToTcvn3(s)].map((c) => (c.charCodeAt(0) >= 0x80 ? `\\'${c.charCodeAt(0).toString(16)}` : c)).join('');
write(
  'tcvn3.rtf',
  `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 .VnTime;}{\\f1\\froman\\fcharset0 .VnTimeH;}}
\\pard\\f1\\fs26 ${tcvnRtf(CAPS_HEADER[0]!)}\\par\\f0 ${lines(4, 12).map(tcvnRtf).join('\\par\n')}\\par
}`,
);

// ---- DOCX, DOC, PDF ---------------------------------------------------------------------------
async function docx(paragraphs: { text: string; font?: string; bold?: boolean }[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Vanthu fixtures',
    sections: [
      {
        children: paragraphs.map(
          (p) =>
            new Paragraph({
              children: [new TextRun({ text: p.text, font: p.font ?? 'Times New Roman', bold: p.bold ?? false })],
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

async function main(): Promise<void> {
  const docxPlain = await docx(lines(4, 40).map((text, i) => ({ text, bold: i < 3 })));
  write('sample.docx', docxPlain);
  // Unicode letterhead, then the body in .VnTime (TCVN3) and a .VnTimeH caps title — a file retyped over the years.
  const mixed = await docx([
    { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true },
    { text: unicodeToTcvn3(CAPS_HEADER[0]!), font: '.VnTimeH', bold: true },
    { text: unicodeToTcvn3(CAPS_HEADER[1]!), font: '.VnTime' },
    ...lines(1, 30).map((l) => ({ text: unicodeToTcvn3(l), font: '.VnTime' })),
  ]);
  write('tcvn3.docx', mixed);
  write(
    'vni.docx',
    await docx([...CAPS_HEADER, ...lines(0, 20)].map((l) => ({ text: unicodeToVni(l), font: 'VNI-Times' }))),
  );
  write('truncated.docx', docxPlain.subarray(0, Math.floor(docxPlain.length / 2)));
  write('random.docx', pseudoRandomBytes(3000, 11));
  write('zipbomb.docx', zipBomb(300 * 1024 * 1024));
  write('zipbomb-lying.docx', zipLying());

  // RTF saved with a .doc name, as old office software does.
  fs.copyFileSync(path.join(OUT, 'sample.rtf'), path.join(OUT, 'rtf-named.doc'));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-fx-'));
  const soffice = (file: string, to: string): Buffer | null => {
    try {
      execFileSync('soffice', ['--headless', '--convert-to', to, '--outdir', tmp, file], {
        stdio: 'ignore',
        timeout: 120000,
      });
      return fs.readFileSync(path.join(tmp, path.basename(file).replace(/\.\w+$/, `.${to.split(':')[0]}`)));
    } catch {
      return null;
    }
  };
  const pdfSrc = path.join(tmp, 'sample-pdf.docx');
  fs.writeFileSync(pdfSrc, await docx(lines(2, 30).map((text) => ({ text, font: 'DejaVu Serif' }))));
  const pdf = soffice(pdfSrc, 'pdf');
  if (pdf) {
    write('sample.pdf', pdf);
    write('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length / 2)));
  } else console.warn('soffice missing: kept sample.pdf/truncated.pdf');
  const docSrc = path.join(tmp, 'sample-doc.docx');
  fs.writeFileSync(docSrc, await docx(lines(3, 30).map((text) => ({ text }))));
  const doc = soffice(docSrc, 'doc');
  if (doc) {
    write('sample.doc', doc);
    write('truncated.doc', doc.subarray(0, Math.floor(doc.length / 2)));
  } else console.warn('soffice missing: kept sample.doc/truncated.doc');
  const tcvnDocSrc = path.join(tmp, 'tcvn3-doc.docx');
  fs.writeFileSync(tcvnDocSrc, mixed);
  const tcvnDoc = soffice(tcvnDocSrc, 'doc');
  if (tcvnDoc) write('tcvn3.doc', tcvnDoc);

  write('scanned.pdf', await scannedPdf());
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** A page with only drawn shapes and an image: no text operators at all, like a scan. */
async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  for (let y = 100; y < 760; y += 14)
    page.drawRectangle({ x: 60, y, width: 300 + ((y * 37) % 170), height: 6, color: rgb(0.2, 0.2, 0.2) });
  return doc.save({ useObjectStreams: false });
}

// ---- zip files by hand ------------------------------------------------------------------------
interface ZipItem {
  name: string;
  data: Uint8Array;
  declaredSize?: number;
}
function zip(items: ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = Buffer.from(it.name, 'utf8');
    const comp = zlib.deflateRawSync(it.data, { level: 9 });
    const crc = zlib.crc32(it.data);
    const size = it.declaredSize ?? it.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, comp);
    centrals.push(central, name);
    offset += local.length + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOC_XML = (text: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;

/** A valid small .docx plus one entry that claims to inflate to `declared` bytes. */
function zipBomb(declared: number): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: Buffer.from(DOC_XML('Bom zip')) },
    { name: 'word/media/bomb.bin', data: Buffer.alloc(64 * 1024), declaredSize: declared },
  ]);
}

/** Declares 1 KB for an entry that really inflates to 8 MB. */
function zipLying(): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: Buffer.from(DOC_XML('x'.repeat(8 * 1024 * 1024))), declaredSize: 1024 },
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
