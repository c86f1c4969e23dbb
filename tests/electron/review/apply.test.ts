/** applyCorrections: the pure overlay of the clerk's corrections on the parser's output. */
import { applyCorrections } from '../../../electron/core/review/apply';
import { emptyParseResult, type Citation, type ParseResult } from '../../../shared/model/directive';
import { readCorrection, splitRef, type StoredCorrection } from '../../../shared/model/review';

const AT = '2021-09-01T08:00:00.000Z';

function citation(text: string, start: number, extra: Partial<Citation> = {}): Citation {
  return {
    text,
    start,
    end: start + text.length,
    type: 'Công văn',
    ref: null,
    number: null,
    symbol: null,
    date: null,
    issuer: null,
    issuerNormalized: null,
    relation: 'mentions',
    ...extra,
  };
}

function parse(extra: Partial<ParseResult>): ParseResult {
  return { ...emptyParseResult(), ...extra };
}

function stored(target: string, value: unknown, id = 1): StoredCorrection {
  const c = readCorrection(target, JSON.stringify(value));
  if (!c) throw new Error(`unreadable ${target}`);
  return { ...c, id, createdAt: AT };
}

const info = { scanned: false, parserVersion: 1 };

describe('applyCorrections', () => {
  test('short forms are pointed again after a removal and an insertion before them', () => {
    const p = parse({
      citations: [
        citation('Công văn số 5/UBND', 10),
        citation('Công văn số 7/UBND', 40),
        citation('Công văn nêu trên', 80, { shortFormOf: 1 }),
      ],
    });
    const added = {
      text: 'Kế hoạch số 3/KH',
      type: 'Kế hoạch',
      ref: '3/KH',
      number: '3',
      symbol: 'KH',
      date: null,
      issuer: null,
      relation: 'basis',
      start: 1,
      end: 17,
    };
    const { effective } = applyCorrections(
      p,
      [stored('citation:p10-28', { op: 'remove' }), stored('citation:c1', { op: 'add', value: added }, 2)],
      info,
    );
    expect(effective.citations.map((c) => c.text)).toEqual([
      'Kế hoạch số 3/KH',
      'Công văn số 7/UBND',
      'Công văn nêu trên',
    ]);
    expect(effective.citations[2]!.shortFormOf).toBe(1);

    const gone = applyCorrections(p, [stored('citation:p40-58', { op: 'remove' })], info).effective;
    expect(gone.citations.map((c) => c.shortFormOf ?? null)).toEqual([null, null]);
  });

  test('two parser citations on the same span get distinct keys', () => {
    const { review } = applyCorrections(
      parse({ citations: [citation('Công văn số 5', 3), citation('Công văn số 5', 3)] }),
      [],
      info,
    );
    expect(review.citations.map((c) => c.key)).toEqual(['p3-16', 'p3-16.2']);
  });

  test('a corrected ref sets number and symbol unless those were corrected too', () => {
    const p = parse({
      ref: '1-CV/HU',
      number: '1',
      symbol: 'CV/HU',
      fields: { ref: { span: null, confidence: 0.95 } },
    });
    expect(applyCorrections(p, [stored('field:ref', '571-CV/TU')], info).effective).toMatchObject({
      ref: '571-CV/TU',
      number: '571',
      symbol: 'CV/TU',
    });
    expect(
      applyCorrections(p, [stored('field:ref', '571-CV/TU'), stored('field:symbol', 'CV/TU-VP', 2)], info).effective,
    ).toMatchObject({ number: '571', symbol: 'CV/TU-VP' });
  });

  test('a field is doubtful when missing or weak, never once the clerk set it', () => {
    const p = parse({
      subject: 'Về việc A',
      issuer: 'Huyện ủy',
      fields: { subject: { span: null, confidence: 0.85 }, issuer: { span: null, confidence: 0.5 } },
    });
    const fields = (cs: StoredCorrection[]) =>
      Object.fromEntries(applyCorrections(p, cs, info).review.fields.map((f) => [f.field, f.doubtful]));
    expect(fields([])).toMatchObject({ subject: false, issuer: true, date: true });
    expect(fields([stored('field:issuer', 'Huyện ủy Yên Thế'), stored('field:date', null, 2)])).toMatchObject({
      issuer: false,
      date: false,
    });
  });

  test.each([
    ['571-CV/TU', { number: '571', symbol: 'CV/TU' }],
    ['5878/UBND-VX', { number: '5878', symbol: 'UBND-VX' }],
    ['-CV/HU', { number: null, symbol: 'CV/HU' }],
    ['12a/QĐ-UBND', { number: '12a', symbol: 'QĐ-UBND' }],
    ['Công văn', { number: null, symbol: null }],
  ])('splitRef(%s)', (ref, parts) => expect(splitRef(ref)).toEqual(parts));

  test.each([
    ['field:text', '"x"'],
    ['field:subject', '5'],
    ['citation:x1', '{"op":"remove"}'],
    ['citation:c1', '{"op":"add"}'],
    ['task:n1', 'not json'],
    ['note:1', '"x"'],
  ])('an unknown or damaged correction (%s) is not applied', (target, json) =>
    expect(readCorrection(target, json)).toBeNull(),
  );
});
