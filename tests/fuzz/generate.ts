/**
 * Bad input for the importer (issue #7): seeded generators of files that must be refused, each with
 * the name a clerk's USB stick might give it. Shared by tests/fuzz/fuzz.test.ts (a few hundred) and
 * scripts/fault-fuzz.ts (2,000+ and a 200 MB text).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';

export interface BadFile {
  kind: string;
  name: string;
  /** Bytes of the file, or a size to write as a big text file (200 MB) without holding it in memory. */
  bytes: Uint8Array | { bigText: number };
}

// From Jest, beside this file; from a bundled script (scripts/run-ts.mjs), from the repository root.
const FORMATS = [
  path.resolve(__dirname, '..', 'fixtures', 'formats'),
  path.resolve('tests', 'fixtures', 'formats'),
].find((d) => existsSync(d))!;
const read = (f: string): Buffer => readFileSync(path.join(FORMATS, f));

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTS = ['.txt', '.docx', '.doc', '.pdf', '.rtf', '.html', '.md'];
const HOSTILE_NAMES = [
  '../../etc/passwd.txt',
  '..\\..\\Windows\\win.ini.txt',
  '/tmp/tuyet-doi.docx',
  'C:\\Users\\Public\\x.pdf',
  'CON.txt',
  'PRN.docx',
  'AUX.doc',
  'NUL.pdf',
  'COM1.txt',
  'LPT9.rtf',
  'con .txt',
  'văn bản\u0000ẩn.txt',
  'tên\u202Etxt.exe.docx',
  `${'rất-dài-'.repeat(60)}.txt`,
  ' .txt',
  '....docx',
];

function randomBytes(r: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

/** A .docx whose document.xml claims to be small but inflates to `inflated` bytes of zeros. */
export function zipBomb(inflated: number, lie: boolean): Buffer {
  const data = deflateRawSync(Buffer.alloc(inflated, 0x20), { level: 9 });
  const name = Buffer.from('word/document.xml');
  const declared = lie ? 1024 : inflated;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // crc: never reached when refused early
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** `count` bad files, cycling through the kinds so every kind is well represented. */
export function* badFiles(count: number, seed = 1, options: { bigText?: number } = {}): Generator<BadFile> {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const docx = read('sample.docx');
  const pdf = read('sample.pdf');
  const doc = read('sample.doc');
  const bomb = zipBomb(300 * 1024 * 1024, false);
  const lyingBomb = zipBomb(300 * 1024 * 1024, true);
  if (options.bigText) yield { kind: 'big-text', name: 'rat-lon.txt', bytes: { bigText: options.bigText } };
  yield { kind: 'zip-bomb', name: 'bom.docx', bytes: bomb };
  yield { kind: 'zip-bomb', name: 'bom-noi-doi.docx', bytes: lyingBomb };
  const kinds = [
    'random',
    'truncated-docx',
    'truncated-pdf',
    'truncated-doc',
    'nul',
    'invalid-utf8',
    'nested-html',
    'hostile-name',
    'empty',
    'unsupported',
    'garbled-docx',
    'garbled-pdf',
  ];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const n = i;
    switch (kind) {
      case 'random':
        yield { kind, name: `ngau-nhien-${n}${pick(EXTS)}`, bytes: randomBytes(r, 1 + Math.floor(r() * 20000)) };
        break;
      case 'truncated-docx':
        yield { kind, name: `cat-${n}.docx`, bytes: docx.subarray(0, Math.floor(r() * (docx.length - 1))) };
        break;
      case 'truncated-pdf':
        // Cut before the text object ends: the header alone is not a document.
        yield { kind, name: `cat-${n}.pdf`, bytes: pdf.subarray(0, Math.floor(r() * Math.min(pdf.length - 1, 400))) };
        break;
      case 'truncated-doc':
        yield { kind, name: `cat-${n}.doc`, bytes: doc.subarray(0, Math.floor(r() * Math.min(doc.length - 1, 4096))) };
        break;
      case 'nul': {
        const b = randomBytes(r, 2000);
        for (let j = 0; j < b.length; j += 1 + Math.floor(r() * 8)) b[j] = 0;
        yield { kind, name: `nul-${n}.txt`, bytes: b };
        break;
      }
      case 'invalid-utf8': {
        const parts: Buffer[] = [];
        for (let j = 0; j < 300; j++)
          parts.push(
            Buffer.from([0xc0 | Math.floor(r() * 2), 0xff, 0xfe, 0x80 + Math.floor(r() * 64), 0xed, 0xa0, 0x80]),
          );
        yield { kind, name: `utf8-hong-${n}.txt`, bytes: Buffer.concat(parts) };
        break;
      }
      case 'nested-html': {
        const depth = 20000 + Math.floor(r() * 80000);
        yield { kind, name: `long-nhau-${n}.html`, bytes: Buffer.from('<div>'.repeat(depth) + '</div>'.repeat(depth)) };
        break;
      }
      case 'hostile-name':
        yield { kind, name: pick(HOSTILE_NAMES), bytes: randomBytes(r, 500 + Math.floor(r() * 3000)) };
        break;
      case 'empty':
        yield { kind, name: `rong-${n}${pick(EXTS)}`, bytes: Buffer.from(pick(['', '   \n\t\r\n', '\uFEFF'])) };
        break;
      case 'unsupported':
        yield {
          kind,
          name: `chuong-trinh-${n}${pick(['.exe', '.js', '.lnk', '.zip', '.bat', ''])}`,
          bytes: Buffer.from('Công văn hợp lệ nhưng đuôi tệp không được nhận.'),
        };
        break;
      case 'garbled-docx': {
        const b = Buffer.from(docx);
        for (let j = 0; j < 40; j++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
        yield { kind, name: `hong-${n}.docx`, bytes: b };
        break;
      }
      case 'garbled-pdf': {
        const b = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(r, 3000)]);
        yield { kind, name: `hong-${n}.pdf`, bytes: b };
        break;
      }
    }
  }
}
