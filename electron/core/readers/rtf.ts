/** .rtf → plain text: a small walk over rtf-stream-parser's token stream. */
import iconv from 'iconv-lite';
import { Tokenize } from 'rtf-stream-parser';
import {
  LEGACY_WARNING,
  ReaderError,
  WARNINGS,
  convertLegacyRun,
  legacyFontKind,
  type FontKind,
  type RawRead,
} from './common';

interface RtfToken {
  type: 0 | 1 | 2 | 3; // group start, group end, control, text
  word?: string;
  param?: number;
  data?: Buffer;
}

function tokenize(bytes: Uint8Array): Promise<RtfToken[]> {
  return new Promise((resolve, reject) => {
    const t = new Tokenize();
    const out: RtfToken[] = [];
    t.on('data', (tok: RtfToken) => out.push(tok));
    t.on('end', () => resolve(out));
    t.on('error', reject);
    t.end(Buffer.from(bytes));
  });
}

/** \fcharset → Windows code page. */
const CHARSET_CP: Record<number, number> = {
  0: 1252,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  238: 1250,
  222: 874,
  128: 932,
  134: 936,
  129: 949,
  136: 950,
};

// Groups whose content is not document text.
const SKIP_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'generator',
  'fldinst',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'footnote',
  'annotation',
  'atnid',
  'atnauthor',
  'bkmkstart',
  'bkmkend',
  'shpinst',
  'nonshppict',
  'objdata',
  'pgdsctbl',
  'filetbl',
  'listtext',
  'pntext',
  'pntxta',
  'pntxtb',
  'mmathPr',
  'userprops',
  'docvar',
  'template',
  'wgrffmtfilter',
]);

const SYMBOLS: Record<string, string> = {
  par: '\n',
  line: '\n',
  sect: '\n',
  page: '\n',
  row: '\n',
  tab: '\t',
  cell: '\t',
  emdash: '—',
  endash: '–',
  bullet: '•',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  '~': '\u00A0',
  _: '-',
  '\\': '\\',
  '{': '{',
  '}': '}',
  emspace: ' ',
  enspace: ' ',
};

interface Group {
  skip: boolean;
  uc: number;
  font: number;
  first: boolean;
}

export async function readRtf(bytes: Uint8Array): Promise<RawRead> {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  if (!head.startsWith('{\\rtf')) throw new ReaderError('corrupt', 'không có phần đầu {\\rtf');
  const tokens = await tokenize(bytes);
  let docCp = 1252;
  const fonts = new Map<number, { cp: number | null; kind: FontKind; name: string }>();
  const used = new Set<'tcvn3' | 'vni'>();
  let capsRuns = 0;
  let out = '';
  let pending: number[] = [];
  let skipChars = 0;
  const stack: Group[] = [];
  let g: Group = { skip: false, uc: 1, font: -1, first: true };
  let inFontTable = 0; // depth of the \fonttbl group, 0 when outside
  let fontDef: { id: number; charset: number | null; name: string } | null = null;

  const endFont = (): void => {
    if (!fontDef) return;
    const { id, charset, name } = fontDef;
    const kind = legacyFontKind(name);
    fonts.set(id, {
      kind,
      cp: kind || charset === 2 ? null : charset === null ? docCp : (CHARSET_CP[charset] ?? docCp),
      name,
    });
    fontDef = null;
  };
  const flush = (): void => {
    if (!pending.length) return;
    const font = fonts.get(g.font);
    const cp = font ? font.cp : docCp;
    const buf = Buffer.from(pending);
    pending = [];
    if (font?.kind) {
      // Legacy Vietnamese fonts (.VnTime, VNI-Times) hold TCVN3/VNI bytes: convert the run by its font.
      used.add(font.kind === 'vni' ? 'vni' : 'tcvn3');
      if (font.kind === 'tcvn3-caps') capsRuns++;
      out += convertLegacyRun(buf.toString('latin1'), font.kind, out === '' || out.endsWith('\n'));
      return;
    }
    out +=
      cp === null ? buf.toString('latin1') : iconv.decode(buf, iconv.encodingExists(`cp${cp}`) ? `cp${cp}` : 'cp1252');
  };

  for (const tok of tokens) {
    if (tok.type === 0) {
      flush();
      stack.push(g);
      g = { ...g, first: true };
      skipChars = 0;
      continue;
    }
    if (tok.type === 1) {
      flush();
      if (inFontTable && stack.length === inFontTable + 1) endFont();
      if (inFontTable && stack.length === inFontTable) inFontTable = 0;
      g = stack.pop() ?? g;
      skipChars = 0;
      continue;
    }
    const first = g.first;
    g.first = false;
    if (inFontTable) {
      if (tok.type === 2 && tok.word === 'f' && tok.param !== undefined)
        fontDef = { id: tok.param, charset: null, name: '' };
      else if (tok.type === 2 && tok.word === 'fcharset' && fontDef) fontDef.charset = tok.param ?? 0;
      else if (tok.type === 3 && fontDef) {
        const parts = tok.data!.toString('latin1').split(';');
        fontDef.name += parts[0];
        if (parts.length > 1) endFont();
      }
      continue;
    }
    if (tok.type === 2) {
      const word = tok.word!;
      if (word === "'") {
        if (g.skip) continue;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        pending.push(...tok.data!);
        continue;
      }
      flush();
      if (first && word === '*') {
        g.skip = true;
        continue;
      }
      if (word === 'fonttbl') {
        inFontTable = stack.length;
        g.skip = true;
        continue;
      }
      if (SKIP_DESTINATIONS.has(word)) {
        g.skip = true;
        continue;
      }
      if (word === 'ansicpg' && tok.param) docCp = tok.param;
      else if (word === 'uc') g.uc = tok.param ?? 1;
      else if (word === 'f') g.font = tok.param ?? -1;
      else if (word === 'plain') {
        /* keeps the font */
      } else if (g.skip) continue;
      else if (word === 'u' && tok.param !== undefined) {
        out += String.fromCharCode(tok.param < 0 ? tok.param + 65536 : tok.param);
        skipChars = g.uc;
      } else if (SYMBOLS[word] !== undefined) out += SYMBOLS[word];
      continue;
    }
    // Text.
    if (g.skip) continue;
    let data = tok.data!;
    if (skipChars > 0) {
      const n = Math.min(skipChars, data.length);
      data = data.subarray(n);
      skipChars -= n;
    }
    // Line breaks in the RTF source are not text.
    for (const b of data) if (b !== 0x0d && b !== 0x0a) pending.push(b);
  }
  flush();
  const kinds = [...used];
  const warnings = kinds.map((k) => LEGACY_WARNING[k]);
  if (capsRuns) warnings.push(WARNINGS.legacyCaps);
  return { text: out, encoding: kinds.length ? `rtf+${kinds.join('+')}` : 'rtf', warnings };
}
