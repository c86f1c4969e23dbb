/**
 * indexStreams scans code units and looks token views up in its own table instead of running
 * TOKEN_RE with a Map per token (import speed, issue #4). The index must not change: every stream
 * is compared with the regular-expression definition below on the fixture corpus, its NFD and CRLF
 * forms, texts with surrogates, and more distinct tokens than the view table holds. The body's
 * exact stream (`distinctExact`) is the same tokens, each once where it first occurs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDirective } from '../../../shared/parser';
import { prefixed, prepareIndexEntry } from '../../../shared/search/entry';
import { TOKEN_RE, exactToken, foldedToken, indexStreams } from '../../../shared/search/tokens';

/** What the streams are: TOKEN_RE's matches, each lower-cased when ASCII, else its two views. */
function byDefinition(text: string): { folded: string; exact: string } {
  const tokens = Array.from(text.matchAll(new RegExp(TOKEN_RE.source, 'gu')), (m) => m[0]);
  // eslint-disable-next-line no-control-regex -- ASCII includes the control range
  const view = (t: string, f: (t: string) => string): string => (/^[\x00-\x7f]*$/.test(t) ? t.toLowerCase() : f(t));
  return {
    folded: tokens.map((t) => view(t, foldedToken)).join(' '),
    exact: tokens.map((t) => view(t, exactToken)).join(' '),
  };
}

const distinct = (stream: string): string => [...new Set(stream.split(' '))].join(' ');

/** Both forms of the streams against the definition. */
function expectByDefinition(text: string): void {
  const definition = byDefinition(text);
  expect(indexStreams(text)).toEqual(definition);
  expect(indexStreams(text, true)).toEqual({ folded: definition.folded, exact: distinct(definition.exact) });
}

const FIXTURES = path.join(__dirname, '../../fixtures');
const fixtureTexts = ['corpus', 'corpus-heldout'].flatMap((dir) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.txt'))
    .map((f): [string, string] => [`${dir}/${f}`, readFileSync(path.join(FIXTURES, dir, f), 'utf8')]),
);

describe('index streams are the token pattern’s matches and views', () => {
  test.each(fixtureTexts)('%s as NFC, NFD and with CRLF line ends', (_name, text) => {
    for (const variant of [text.normalize('NFC'), text.normalize('NFD'), text.replace(/\n/g, '\r\n')]) {
      expectByDefinition(variant);
    }
  });

  test.each([
    ['empty', ''],
    ['separators only', ' .,;\n\t\u00a0\u200b'],
    ['đ lookalikes and new-style tones', 'Ð ð Ɖ hoà Uỷ uỶ quý thuỷ ĐẢNG'],
    ['a letter outside the BMP is part of its token', 'x\u{1d400}y \u{20000}\u{20001}'],
    ['an emoji separates tokens', 'a\u{1f600}b'],
    ['a lone surrogate separates tokens', 'a\ud800b c\udc00d \ud800'],
    ['letters whose case or fold is not one unit', 'İstanbul ß ǅ ﬁ Ⅻ ½ ²'],
    ['combining marks split an NFD syllable', 'Vie\u0302\u0323t e\u0301'],
    ['other scripts', '中文字 한국어 Σίσυφος ١٢٣'],
    // The folded stream is built as bytes while its views are ASCII and as UTF-16 after the first that is not.
    ['a folded view that is not ASCII after ASCII ones', 'Chỉ thị số 12 về 中文 Đà Nẵng ß và Σίσυφος'],
    ['a text whose first folded view is not ASCII', '中文 Việt Nam'],
    ['a token longer than the text before it', `ab ${'Việt'.repeat(5000)} cd`],
    ['fullwidth letters and private-use units', 'ＡＢＣ１２３ x\ue000y ｶﾀｶﾅ'],
  ])('%s', (_name, text) => {
    expectByDefinition(text);
  });

  test('more distinct tokens than the view table keeps: it grows, then starts over', () => {
    const words = Array.from({ length: 70_000 }, (_, i) => (i % 2 ? `Ủy${i}` : `X${i}`));
    // Twice over: the second pass finds the first pass's tokens, or not, after a restart.
    const text = `${words.join(' ')} ${words.join(' ')}`;
    expect(indexStreams(text)).toEqual(byDefinition(text));
    // A restart inside a text may write a token it already had once more (harmless for membership).
    expect(distinct(indexStreams(text, true).exact)).toBe(distinct(byDefinition(text).exact));
  });

  test('any string of letters, marks, digits, separators and surrogates', () => {
    const unit = fc.constantFrom(
      ...'aZ09 .-/\nđĐăơưÀạỷỹ\u0300\u0301\u00a0ßİﬁ中',
      '\ud800',
      '\udc00',
      '\u{1d400}',
      '\u{1f600}',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        expectByDefinition(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('prefixed column streams', () => {
  // The split/filter/join definition; prefixed takes a one-replace path for well-formed streams.
  const byDefinition = (p: string, stream: string): string =>
    stream
      .split(' ')
      .filter(Boolean)
      .map((t) => p + t)
      .join(' ');

  test('any stream of tokens and spaces, well-formed or not', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'đ', '1', ' ', '$&', "$'"), { maxLength: 20 }), (parts) => {
        const stream = parts.join('');
        expect(prefixed('sf', stream)).toBe(stream ? byDefinition('zs', stream) : '');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the subject and issuer words added to the body', () => {
  // The definition: a field's words are appended after a seam unless the body has them as whole
  // tokens in a row (prepareIndexEntry finds them without padding the body's stream); the exact
  // stream is then each token once, the appended ones included.
  const SEAM = 'zz';
  function bodyByDefinition(text: string, fields: (string | null)[]): { folded: string; exact: string } {
    const body = indexStreams(text);
    let { folded, exact } = body;
    for (const field of fields) {
      const s = field ? indexStreams(field) : { folded: '', exact: '' };
      if (!s.folded || ` ${body.folded} `.includes(` ${s.folded} `)) continue;
      folded = folded ? `${folded} ${SEAM} ${s.folded}` : s.folded;
      exact = exact ? `${exact} ${SEAM} ${s.exact}` : s.exact;
    }
    return { folded, exact: distinct(exact) };
  }
  const meta = (subject: string | null, issuer: string | null) => ({
    id: 1,
    ref: null,
    type: null,
    issuer,
    issuerLevel: null,
    date: null,
    subject,
    signer: null,
  });
  // [case, text, subject, issuer, appended]
  test.each([
    [
      'the subject spelled in the text, the issuer abbreviated',
      'ỦY BAN NHÂN DÂN TỈNH\nVề phòng, chống lụt bão',
      'phòng chống lụt bão',
      'UBND tỉnh',
      true,
    ],
    [
      'the issuer at the very start, the subject at the very end',
      'Sở Y tế gửi: tiêm chủng',
      'Tiêm chủng',
      'Sở Y tế',
      false,
    ],
    ['only inside longer tokens', 'chà nội thành', 'hà nội', 'Hà Nội', true],
    ['a second occurrence is the whole-token one', 'ahà nội; Hà Nội', 'Hà Nội', null, false],
    ['a scan: no text, both appended', '', 'Kế hoạch năm 2025', 'Huyện ủy', true],
    ['no subject, no issuer', 'Công văn', null, null, false],
  ])('%s', (_name, text, subject, issuer, appended) => {
    const entry = prepareIndexEntry(meta(subject, issuer), text);
    expect({ folded: entry.f, exact: entry.x }).toEqual(bodyByDefinition(text, [subject, issuer]));
    expect(entry.f !== indexStreams(text).folded).toBe(appended);
  });
});

describe('the index entry’s meta', () => {
  // The importer passes the whole parse result; search_docs stores only these fields, and the
  // entry crosses from the import worker to the main thread, so the rest must not ride along.
  test.each([
    ['a directive parsed in full', fixtureTexts[0]![1].normalize('NFC')],
    ['a scan', ''],
  ])('%s: only the fields search_docs stores', (_name, text) => {
    const parse = parseDirective(text);
    const entry = prepareIndexEntry({ id: 7, ...parse }, text);
    expect(entry.meta).toEqual({
      id: 7,
      ref: parse.ref,
      type: parse.type,
      issuer: parse.issuer,
      issuerLevel: parse.issuerLevel,
      date: parse.date,
      subject: parse.subject,
      signer: parse.signer,
    });
  });
});
