/** .doc (Word 97–2003) via word-extractor. */
import WordExtractor from 'word-extractor';
import { ReaderError, type RawRead } from './common';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readDoc(bytes: Uint8Array): Promise<RawRead> {
  if (!OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    // Some ".doc" files are really RTF, HTML or .docx renamed; the caller retries by content.
    throw new ReaderError('corrupt', 'không phải tệp Word 97–2003 (thiếu chữ ký OLE)');
  }
  const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // filterUnicode: false keeps curly quotes and dashes (the typings omit the option).
  const getBody = doc.getBody as (this: typeof doc, options?: { filterUnicode?: boolean }) => string;
  return { text: restoreOptionalHyphens(getBody.call(doc, { filterUnicode: false })), encoding: 'doc', warnings: [] };
}

/**
 * Word stores an optional hyphen as 0x1F, and word-extractor 1.0.4 turns it into the string
 * "undefined" (its replace table has no entry). In .VnTime text that character is the TCVN3 byte
 * 0xAD, i.e. "ư" ("Th\u00ADêng" = "Thường"), so bring back U+00AD where "undefined" is glued to a
 * letter; the legacy pass converts it, and leftovers are dropped as soft hyphens.
 */
export function restoreOptionalHyphens(s: string): string {
  return s.replace(/(?<=[\p{L}\u00A1-\u00FF])undefined|undefined(?=[\p{L}\u00A1-\u00FF])/gu, '\u00AD');
}
