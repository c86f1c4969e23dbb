/** .docx (Word 2007+) via mammoth, after the zip-bomb check. */
import mammoth from 'mammoth';
import {
  LEGACY_WARNING,
  ReaderError,
  WARNINGS,
  convertLegacyRun,
  legacyFontKind,
  type FontKind,
  type RawRead,
} from './common';
import { checkZipBomb } from './zip';

/** The parts of mammoth's document model this reader walks. */
interface MammothNode {
  type: string;
  value?: string;
  font?: string | null;
  breakType?: string;
  children?: MammothNode[];
}

interface Segment {
  kind: FontKind;
  text: string;
}

/**
 * Plain text of the document body, one line per paragraph, converting runs whose font is a
 * legacy Vietnamese font. Runs whose font comes from a style are left to the line-wise pass.
 */
function bodyText(doc: MammothNode, used: Set<'tcvn3' | 'vni'>, caps: { n: number }): string {
  let out = '';
  let segments: Segment[] = [];
  const push = (kind: FontKind, text: string): void => {
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += text;
    else segments.push({ kind, text });
  };
  const flush = (): void => {
    segments.forEach((seg, i) => {
      if (seg.kind) {
        used.add(seg.kind === 'vni' ? 'vni' : 'tcvn3');
        if (seg.kind === 'tcvn3-caps') caps.n++;
      }
      out += convertLegacyRun(seg.text, seg.kind, i === 0 || /\n\s*$/.test(segments[i - 1]!.text));
    });
    segments = [];
  };
  const walk = (node: MammothNode, kind: FontKind): void => {
    switch (node.type) {
      case 'text':
        push(kind, node.value ?? '');
        return;
      case 'tab':
        push(null, '\t');
        return;
      case 'break':
        push(null, '\n');
        return;
      case 'run':
        for (const c of node.children ?? []) walk(c, legacyFontKind(node.font));
        return;
      case 'paragraph':
        for (const c of node.children ?? []) walk(c, kind);
        flush();
        out += '\n';
        return;
      default:
        for (const c of node.children ?? []) walk(c, kind);
    }
  };
  walk(doc, null);
  flush();
  return out;
}

export async function readDocx(bytes: Uint8Array): Promise<RawRead> {
  const entries = checkZipBomb(bytes);
  if (!entries.some((e) => e.name === 'word/document.xml'))
    throw new ReaderError('corrupt', 'thiếu word/document.xml, không phải tệp Word .docx');
  // extractRawText drops run fonts; transformDocument hands over the full model, which is walked here.
  let model: MammothNode | null = null;
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      transformDocument: (doc: MammothNode) => {
        model = doc;
        return { ...doc, children: [] };
      },
    },
  );
  if (!model) throw new ReaderError('corrupt', 'không đọc được nội dung .docx');
  const used = new Set<'tcvn3' | 'vni'>();
  const caps = { n: 0 };
  const text = bodyText(model, used, caps);
  const kinds = [...used];
  const warnings = kinds.map((k) => LEGACY_WARNING[k]);
  if (caps.n) warnings.push(WARNINGS.legacyCaps);
  return { text, encoding: kinds.length ? `docx+${kinds.join('+')}` : 'docx', warnings };
}
