/** .docx (Word 2007+) via mammoth, after the zip-bomb check. */
import mammoth from 'mammoth';
import { ReaderError, type RawRead } from './common';
import { checkZipBomb } from './zip';

export async function readDocx(bytes: Uint8Array): Promise<RawRead> {
  const entries = checkZipBomb(bytes);
  if (!entries.some((e) => e.name === 'word/document.xml'))
    throw new ReaderError('corrupt', 'thiếu word/document.xml, không phải tệp Word .docx');
  const result = await mammoth.extractRawText({
    buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
  // mammoth ends every paragraph with a blank line; one line break per paragraph is what the parser expects.
  const text = result.value.replace(/\n\n/g, '\n');
  return { text, encoding: 'docx', warnings: [] };
}
