/**
 * Zip safety checks for .docx before any library inflates it: the central directory's declared
 * sizes are summed, and each entry is inflated once with a hard output cap so a lying header
 * cannot make it larger than declared.
 */
import zlib from 'node:zlib';
import { ReaderError } from './common';

export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 5000;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Reads the central directory. Throws ReaderError('corrupt') when the zip structure is broken. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ReaderError('corrupt', 'không tìm thấy mục lục của tệp zip (tệp bị cắt cụt hoặc không phải .docx)');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new ReaderError('corrupt', 'tệp zip64 không được hỗ trợ cho .docx');
  if (count > MAX_ENTRIES) throw new ReaderError('corrupt', `tệp zip có quá nhiều mục (${count})`);
  if (cdOffset + cdSize > eocd) throw new ReaderError('corrupt', 'mục lục zip trỏ ra ngoài tệp (tệp bị cắt cụt)');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50)
      throw new ReaderError('corrupt', 'mục lục zip bị hỏng');
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLen)).toString('utf8');
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Refuses zip bombs: more than MAX_UNCOMPRESSED_BYTES declared in total, or an entry that
 * inflates to more than it declares. Returns the entries.
 */
export function checkZipBomb(bytes: Uint8Array, limit = MAX_UNCOMPRESSED_BYTES): ZipEntry[] {
  const entries = readCentralDirectory(bytes);
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff)
      throw new ReaderError('corrupt', 'tệp zip64 không được hỗ trợ cho .docx');
    total += e.size;
  }
  if (total > limit)
    throw new ReaderError(
      'corrupt',
      `dung lượng giải nén khai báo ${(total / 1048576).toFixed(0)} MB vượt giới hạn ${(limit / 1048576).toFixed(0)} MB (nghi là "bom zip")`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (e.method !== 8) continue;
    const lp = e.localOffset;
    if (lp + 30 > bytes.length || view.getUint32(lp, true) !== 0x04034b50)
      throw new ReaderError('corrupt', `mục ${e.name} bị hỏng`);
    const start = lp + 30 + view.getUint16(lp + 26, true) + view.getUint16(lp + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    try {
      zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) + 1024 });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE')
        throw new ReaderError('corrupt', `mục ${e.name} giải nén lớn hơn dung lượng khai báo (nghi là "bom zip")`);
      throw new ReaderError('corrupt', `mục ${e.name} không giải nén được`);
    }
  }
  return entries;
}
