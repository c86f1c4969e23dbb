import fc from 'fast-check';
import type { ParseResult, Task } from '../../../shared/model/directive';
import { parseDirective } from '../../../shared/parser';
import { normalizeText } from '../../../shared/text/vietnamese';
import { loadFixtures } from './fixtures';

function spans(r: ParseResult): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const f of Object.values(r.fields)) if (f?.span) out.push(f.span);
  for (const c of r.citations) out.push(c);
  for (const x of r.recipients) out.push(x.span);
  const walk = (ts: Task[]) => ts.forEach((t) => (out.push(t), walk(t.children)));
  walk(r.tasks);
  return out;
}

function assertSpans(input: string): void {
  const text = normalizeText(input);
  const r = parseDirective(input);
  for (const s of spans(r)) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.start).toBeLessThanOrEqual(s.end);
    expect(s.end).toBeLessThanOrEqual(text.length);
  }
}

const samples = loadFixtures().map((f) => f.text);
const vietnamese = fc.constantFrom(
  ...'Số: 12/QĐ-UBND ngày 5/3/2021 của Công văn Tỉnh ủy T/M \n\n- 1. a) Kính gửi Nơi nhận ĐẢNG CỘNG SẢN đ ư ơ ệ ̀ * |'.split(
    ' ',
  ),
);

test('never throws and keeps spans inside the text on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => assertSpans(s)),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(
      fc.array(vietnamese, { maxLength: 200 }).map((a) => a.join(' ')),
      (s) => assertSpans(s),
    ),
    { numRuns: 300 },
  );
});

test('never throws and keeps spans inside the text on mutated samples', () => {
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }))
    .map(([t, a, b, ins]) => {
      const i = a % (t.length + 1);
      const j = Math.min(t.length, i + (b % 200));
      return t.slice(0, i) + ins + t.slice(j);
    });
  fc.assert(
    fc.property(mutated, (s) => assertSpans(s)),
    { numRuns: 200 },
  );
});
