/** .html/.htm → plain text with its line structure. */
import { convert } from 'html-to-text';
import { applyLegacy, decodeBytes } from './text';
import type { RawRead } from './common';

/** The charset a page declares in a <meta> tag within its first bytes, if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1]! : null;
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    preserveNewlines: false,
    selectors: [
      ...HEADINGS,
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'head', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    ],
  });
}

export function readHtml(bytes: Uint8Array): RawRead {
  // BOM wins over <meta>; decodeBytes handles the BOM itself.
  // Legacy fonts (<font face=".VnTime">) are judged on the text, after entities are resolved.
  const decoded = decodeBytes(bytes, sniffHtmlCharset(bytes), { legacy: false });
  // Not marked control-free: an entity (&#1;) can put a control character into the text.
  return applyLegacy({ text: htmlToPlainText(decoded.text), encoding: decoded.encoding, warnings: decoded.warnings });
}
