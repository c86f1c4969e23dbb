/**
 * Where a long document's text is cut into chunks (renderer/src/review/HighlightedText.tsx): just
 * after a line break, never inside a citation's mark, and nothing lost or repeated. A block's
 * trailing line break draws no line, so the chunks read as the one block did.
 */
import { chunkEnds } from '../../renderer/src/review/HighlightedText';

const paragraph = 'Xã đã rà soát hồ sơ đất đai, lập danh sách các trường hợp còn vướng mắc.';

test('a long text is cut just after line breaks, about every 20,000 characters, to its very end', () => {
  const text = Array.from({ length: 3000 }, (_, i) => `${i} ${paragraph}`).join('\n\n');
  const ends = chunkEnds(text, []);
  expect(ends.length).toBeGreaterThan(5);
  expect(ends.at(-1)).toBe(text.length);
  let from = 0;
  for (const end of ends.slice(0, -1)) {
    expect(text[end - 1]).toBe('\n');
    expect(end - from).toBeGreaterThanOrEqual(20_000);
    expect(end - from).toBeLessThan(20_000 + 200);
    from = end;
  }
});

test('a cut never falls inside a mark: it moves to the first line break after the mark', () => {
  const text = 'a'.repeat(19_990) + '\nCông văn số 571-CV/TU\nngày 22/7/2021\n' + 'b'.repeat(30_000);
  const start = text.indexOf('Công văn');
  const end = text.indexOf('2021') + 4;
  const ends = chunkEnds(text, [{ start, end }]);
  expect(ends[0]).toBe(end + 1);
  expect(ends.at(-1)).toBe(text.length);
});

test('a short text, or one without line breaks or spaces, is one chunk', () => {
  expect(chunkEnds('ngắn', [])).toEqual([4]);
  const flat = 'x'.repeat(50_000);
  expect(chunkEnds(flat, [])).toEqual([50_000]);
});

test('one paragraph of 1.5 million characters (an HTML page read as one line) is cut after spaces', () => {
  const sentence = 'Xã đã rà soát hồ sơ đất đai, lập danh sách các trường hợp còn vướng mắc. ';
  const text = sentence.repeat(Math.ceil(1_500_000 / sentence.length));
  const started = Date.now();
  const ends = chunkEnds(text, []);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(ends.length).toBeGreaterThan(70);
  expect(ends.at(-1)).toBe(text.length);
  let from = 0;
  for (const end of ends.slice(0, -1)) {
    expect(text[end - 1]).toBe(' ');
    expect(end - from).toBeLessThan(20_000 + 100);
    from = end;
  }
});

test('a paragraph a little longer than a chunk still ends at its line break, not at a space', () => {
  const text = 'x '.repeat(15_000) + '\n' + 'y'.repeat(10_000);
  expect(chunkEnds(text, [])).toEqual([30_001, text.length]);
});
