import fc from 'fast-check';
import { bodyAtStart, PROVINCE_MENTION_RE } from '../../../shared/parser/issuer';
import { DEADLINE_RES, deadlineOf } from '../../../shared/parser/tasks';
import { ABBREVIATION_RE, DATE_RE, LOOSE_STATE_RE } from '../../../shared/parser/tokenize';
import { normalizeText } from '../../../shared/text/vietnamese';
import { DOC_TYPES, GENERIC_DOC_NOUNS, ISSUER_BODIES, RELATION_CUES, TASK_VERBS } from '../../../shared/parser/tables';
import {
  bare,
  bareLine,
  blankSeparatedCount,
  cleanLineValue,
  cleanValue,
  cleanValueFolded,
  execNotAfter,
  foldAligned,
  foldedAlternation,
  foldedUnitsOf,
  foldPhrase,
  letterBefore,
  makeDoc,
  makeNormalizedDoc,
  NORMALIZED_UNIT_RANGES,
  NOT_PLAIN_IN_NORMALIZED,
  PhraseSet,
  refCharBefore,
  scanPhrases,
  singleSpaced,
  wordBefore,
} from '../../../shared/parser/text';

// The hand-written scanners replace regexes for speed; these properties hold them to the regexes'
// exact results on strings built from the pieces where they could disagree.

const blanksAndMarks = fc.constantFrom('*', '_', '__', ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028');
const valuePieces = fc.oneof(blanksAndMarks, fc.constantFrom('a', 'ả', 'Đ', '-', '–', '—', ':', ',', ';', '|', 'x y'));

test('cleanValue gives what its regex definition gives', () => {
  const byRegex = (raw: string) => raw.replace(/(?:\*|_{2,}|\s)+/g, ' ').replace(/^[\s\-–—:|]+|[\s,;:|]+$/g, '');
  fc.assert(
    fc.property(fc.array(valuePieces, { maxLength: 16 }), (pieces) => {
      const raw = pieces.join('');
      expect(cleanValue(raw)).toBe(byRegex(raw));
      // Task text relies on it: an already clean paragraph is kept as is.
      expect(cleanValue(cleanValue(raw))).toBe(cleanValue(raw));
    }),
    { numRuns: 5000 },
  );
});

test('cleanValueFolded gives cleanValue and its folding from the folded slice', () => {
  // Pieces that fold to another unit (a separator among them: U+037E folds to ";").
  const foldingPieces = fc.oneof(valuePieces, fc.constantFrom('Ủy', 'ĐẢNG', '\u037e', 'K'));
  fc.assert(
    fc.property(fc.array(foldingPieces, { maxLength: 16 }), (pieces) => {
      const raw = pieces.join('');
      const { value, folded } = cleanValueFolded(raw, foldAligned(raw));
      expect(value).toBe(cleanValue(raw));
      expect(folded).toBe(foldAligned(value));
    }),
    { numRuns: 5000 },
  );
});

test('blankSeparatedCount counts the pieces split(/\\s+/) gives', () => {
  fc.assert(
    fc.property(fc.array(valuePieces, { maxLength: 16 }), (pieces) => {
      const s = pieces.join('');
      expect(blankSeparatedCount(s)).toBe(s.split(/\s+/).length);
    }),
    { numRuns: 5000 },
  );
});

test('makeDoc folds like foldAligned and marks as plain the lines cleanValue and bare leave alone', () => {
  const needsFix = /[*\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|__/;
  const docPieces = fc.oneof(valuePieces, fc.constantFrom('\n', '\n\n', '_', ' ', 'Ủy', '\u037e', '\ud835'));
  fc.assert(
    fc.property(fc.array(docPieces, { maxLength: 24 }), (pieces) => {
      const text = pieces.join('');
      const doc = makeDoc(text);
      expect(doc.folded).toBe(foldAligned(text));
      expect(doc.lines.map((l) => l.text).join('\n')).toBe(text);
      for (const line of doc.lines) {
        expect(line.plain).toBe(!needsFix.test(line.text));
        expect(bareLine(line)).toBe(bare(line.text));
        for (const from of [0, 1]) expect(cleanLineValue(line, from)).toBe(cleanValue(line.text.slice(from)));
      }
    }),
    { numRuns: 5000 },
  );
});

test('makeNormalizedDoc is makeDoc of normalizeText', () => {
  const pieces = fc.oneof(
    valuePieces,
    fc.constantFrom(
      '\r\n',
      '\r',
      '\u200b',
      '\u2060',
      '\u00a0',
      '\u202f',
      'o\u0301',
      'Ô\u0300',
      '\u0300',
      '\u2000',
      '“',
      '…',
    ),
    fc.constantFrom('ệ', 'ừ', 'ơ', 'Ă', '\u1100\u1161', '\u212b', '\u0958', '\ud835\udc00', '\ud835'),
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
      const input = parts.join('');
      expect(makeNormalizedDoc(input)).toEqual(makeDoc(normalizeText(input)));
    }),
    { numRuns: 5000 },
  );
});

test('no two units of NORMALIZED_UNIT_RANGES that normalizeText keeps change under NFC', () => {
  const kept: string[] = [];
  for (const [from, to] of NORMALIZED_UNIT_RANGES)
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (normalizeText(ch) === ch) kept.push(ch);
    }
  const changed: string[] = [];
  for (const a of kept) for (const b of kept) if ((a + b).normalize('NFC') !== a + b) changed.push(a + b);
  expect(changed).toEqual([]);
  // makeNormalizedDoc looks for these in the folded text: each folds to itself and nothing else to it.
  const marks = new Set(NOT_PLAIN_IN_NORMALIZED.map((mark) => mark[0]!));
  for (const ch of kept) expect([ch, marks.has(foldAligned(ch))]).toEqual([ch, marks.has(ch)]);
  for (const mark of marks) expect(foldAligned(mark)).toBe(mark);
});

test('singleSpaced gives what replace(/\\s+/g, " ") gives', () => {
  fc.assert(
    fc.property(fc.array(valuePieces, { maxLength: 16 }), (pieces) => {
      const s = pieces.join('');
      expect(singleSpaced(s)).toBe(s.replace(/\s+/g, ' '));
    }),
    { numRuns: 5000 },
  );
});

test('bare gives what its regex definition gives', () => {
  const byRegex = (line: string) => line.replace(/\*+|\s+/g, (m) => (m[0] === '*' ? '' : ' ')).trim();
  fc.assert(
    fc.property(fc.array(valuePieces, { maxLength: 16 }), (pieces) => {
      const line = pieces.join('');
      expect(bare(line)).toBe(byRegex(line));
    }),
    { numRuns: 5000 },
  );
});

const verbWords = [...new Set(TASK_VERBS.flatMap((v) => foldPhrase(v).split(' ')))];
const textPieces = fc.oneof(
  fc.constantFrom(...verbWords),
  fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', ', ', '-', '*'),
  fc.constantFrom('a', 'x', '2', 'Thuc', 'ệ', '\u0301', '𝐀', 'hienx'),
);

test('PhraseSet.next and matchHere find what the task-verb regex finds', () => {
  const verbs = new PhraseSet(TASK_VERBS);
  const source = `(?<![\\p{L}\\d])(?:${foldedAlternation(TASK_VERBS)})(?![\\p{L}\\d])`;
  const global = new RegExp(source, 'gu');
  const sticky = new RegExp(source, 'uy');
  fc.assert(
    fc.property(fc.array(textPieces, { maxLength: 24 }), fc.nat(80), (pieces, at) => {
      const s = pieces.join('');
      const expected = [...s.matchAll(global)].map((m) => [m.index, m.index + m[0].length, m[0]]);
      const found: (string | number)[][] = [];
      for (let m = verbs.next(s, 0); m; m = verbs.next(s, m.end)) found.push([m.start, m.end, s.slice(m.start, m.end)]);
      expect(found).toEqual(expected);

      sticky.lastIndex = at;
      const one = at <= s.length ? sticky.exec(s) : null;
      const here = verbs.matchHere(s, at);
      expect(here ? [here.start, here.end] : null).toEqual(one ? [one.index, one.index + one[0].length] : null);
    }),
    { numRuns: 5000 },
  );
});

const aroundPieces = fc.constantFrom(
  'huyện ',
  'Huyện ủy ',
  'Yên Thế',
  '12-CV/TU',
  '5/UBND-VX',
  '7',
  '/',
  'a',
  'ệ',
  '𝐀',
  '\u0301',
  ' ',
  '\n',
  '-',
);

test('execNotAfter gives the matches of the same pattern behind a lookbehind', () => {
  const cases: [string, string, (s: string, i: number) => boolean][] = [
    ['(?<![\\p{L}])', '(?:huyện|Huyện ủy)\\s+(\\p{Lu}\\p{Ll}*)', letterBefore],
    ['(?<![\\d/\\p{L}])', '(\\d{1,5})[ \\t]*[-/][ \\t]*([A-Z]+)', refCharBefore],
  ];
  fc.assert(
    fc.property(fc.array(aroundPieces, { maxLength: 20 }), (pieces) => {
      const s = pieces.join('');
      for (const [lookbehind, body, blocked] of cases) {
        const expected = [...s.matchAll(new RegExp(lookbehind + body, 'gu'))].map((m) => [m.index, m[0]]);
        const re = new RegExp(body, 'gu');
        const found: (string | number)[][] = [];
        for (let m = execNotAfter(re, s, blocked); m; m = execNotAfter(re, s, blocked)) found.push([m.index, m[0]]);
        expect(found).toEqual(expected);
      }
    }),
    { numRuns: 5000 },
  );
});

test('scanPhrases finds, per set, what the regex of that set finds (type nouns and relation cues)', () => {
  const tables = [[...DOC_TYPES.map((r) => r.name), ...GENERIC_DOC_NOUNS], RELATION_CUES.map((c) => c.phrase)];
  const sets = tables.map((phrases) => new PhraseSet(phrases));
  const regexes = tables.map(
    (phrases) => new RegExp(`(?<![\\p{L}\\d])(?:${foldedAlternation(phrases)})(?![\\p{L}\\d])`, 'gu'),
  );
  const words = [...new Set(tables.flat().flatMap((p) => foldPhrase(p).split(' ')))];
  const pieces = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(' ', '  ', '\n', ', ', '-', '*'),
    fc.constantFrom('a', '2', 'Van', 'ệ', '\u0301', '𝐀', 'banx'),
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
      const s = parts.join('');
      const found: (string | number)[][][] = tables.map(() => []);
      scanPhrases(s, sets, (set, start, end) => found[set]!.push([start, end]));
      const expected = regexes.map((re) => [...s.matchAll(re)].map((m) => [m.index, m.index + m[0].length]));
      expect(found).toEqual(expected);
    }),
    { numRuns: 5000 },
  );
});

test('a document keeps its folded units only until the next fold; scanPhrases reads the same words from them', () => {
  const sets = [
    new PhraseSet([...DOC_TYPES.map((r) => r.name), ...GENERIC_DOC_NOUNS]),
    new PhraseSet(RELATION_CUES.map((c) => c.phrase)),
  ];
  const text = 'Căn cứ Kế hoạch số 12-KH/TU, Báo cáo ngày 3/4/2024 và Thông báo kết luận của Ban Thường vụ.';
  const doc = makeNormalizedDoc(text);
  const units = foldedUnitsOf(doc);
  expect(units && String.fromCharCode(...units.subarray(0, doc.folded.length))).toBe(doc.folded);
  const hits = (given?: Uint16Array) => {
    const found: number[][] = [];
    scanPhrases(doc.folded, sets, (set, start, end) => found.push([set, start, end]), given);
    return found;
  };
  expect(hits(units!)).toEqual(hits());
  expect(hits().length).toBeGreaterThan(1);
  foldAligned('ủy ban');
  expect(foldedUnitsOf(doc)).toBeNull();
  // A text that needs normalizing is folded twice; its units are not kept.
  expect(foldedUnitsOf(makeNormalizedDoc('Ke\u0302\u0301 hoa\u0323ch'))).toBeNull();
});

test('deadlineOf picks what running each deadline pattern on its own picks: the earliest, then table order', () => {
  const deadlineWords = fc.constantFrom(
    'truoc ',
    'cham nhat la vao ',
    'han cuoi ',
    'hoan thanh ',
    'ngay ',
    'thang ',
    'nam ',
    'trong ',
    'quy ',
    'iv',
    'ii',
    '/',
    '-',
    '.',
    ' ',
    '6',
    '12',
    '2025',
  );
  // The per-pattern loop deadlineOf replaced: each pattern's first match, the earliest start winning
  // and, at the same start, the pattern listed first.
  const byLoop = (folded: string) => {
    let best: { index: number; text: string; kind: string } | null = null;
    for (const { re, kind } of DEADLINE_RES) {
      const m = re.exec(folded);
      if (m && (!best || m.index < best.index)) best = { index: m.index, text: m[0], kind };
    }
    return best;
  };
  const ongoingOrRecurring = (d: ReturnType<typeof deadlineOf>) => d?.recurrence ?? null;
  fc.assert(
    fc.property(fc.array(deadlineWords, { maxLength: 14 }), (pieces) => {
      const s = pieces.join('');
      const expected = byLoop(s);
      const found = deadlineOf(s, 2024, s);
      expect(found?.text ?? null).toBe(expected ? cleanValue(expected.text) : null);
      if (expected?.kind === 'recurring' || expected?.kind === 'ongoing')
        expect(ongoingOrRecurring(found)).not.toBeNull();
    }),
    { numRuns: 5000 },
  );
});

test('bodyAtStart finds the body the longest-first search over every ISSUER_BODIES row finds', () => {
  const rows = ISSUER_BODIES.map((row) => ({ row, folded: foldPhrase(row.name) })).sort(
    (a, b) => b.folded.length - a.folded.length,
  );
  const linear = (folded: string) =>
    rows.find((b) => folded.startsWith(b.folded) && !/\p{L}/u.test(folded[b.folded.length] ?? ''))?.row;
  const namePieces = fc.oneof(
    fc.constantFrom(...rows.map((r) => r.folded)),
    fc.constantFrom(...rows.map((r) => r.folded.slice(0, 3))),
    fc.constantFrom(' ', '-', '2', 'x', 'ß', ' huyen', 'tinh', ''),
  );
  fc.assert(
    fc.property(fc.array(namePieces, { minLength: 1, maxLength: 4 }), (pieces) => {
      const folded = pieces.join('');
      expect(bodyAtStart(folded)?.row).toBe(linear(folded));
    }),
    { numRuns: 5000 },
  );
});

test('the document scanners that test their lookbehind outside the pattern find what the lookbehind form finds', () => {
  const cases: [RegExp, string, (s: string, i: number) => boolean][] = [
    [DATE_RE, '(?<![\\p{L}])', letterBefore],
    [LOOSE_STATE_RE, '(?<![\\p{L}])', letterBefore],
    [ABBREVIATION_RE, '(?<![\\p{L}\\d])', wordBefore],
    [PROVINCE_MENTION_RE, '(?<![\\p{L}])', letterBefore],
  ];
  const pieces = fc.constantFrom(
    'ngay 5/12/2021',
    'ngay 7 thang 3 nam 2021',
    'số 356/GDĐT',
    'CV số 12',
    'tinh nam dinh',
    'ngay ',
    'ngay',
    'thang ',
    'nam ',
    '5',
    '12',
    '2021',
    '/',
    '-',
    ' ',
    'số ',
    'Số',
    'UBND',
    'CV ',
    'CT',
    'tinh ',
    'tp.',
    'hcm',
    'nam dinh',
    'x',
    'ệ',
    '𝐀',
    '7',
    '\n',
  );
  const matchesPerCase = cases.map(() => 0);
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
      const s = parts.join('');
      for (const [k, [pattern, lookbehind, blocked]] of cases.entries()) {
        const expected = [...s.matchAll(new RegExp(lookbehind + pattern.source, 'gu'))].map((m) => [m.index, m[0]]);
        const re = new RegExp(pattern.source, 'gu');
        const found: (string | number)[][] = [];
        for (let m = execNotAfter(re, s, blocked); m; m = execNotAfter(re, s, blocked)) found.push([m.index, m[0]]);
        expect(found).toEqual(expected);
        matchesPerCase[k]! += expected.length;
      }
    }),
    { numRuns: 5000 },
  );
  // The pieces do build dates, references, abbreviations and provinces.
  for (const n of matchesPerCase) expect(n).toBeGreaterThan(0);
});
