/**
 * QA: the parser's notes are stored in English ("type not found", "no date of its own",
 * "parser error: …"); whatever shows them to a clerk must show Vietnamese. `vanthu parse` printed
 * «lỗi bộ phân tích: Cannot read properties of undefined (reading 'x')», the exception's English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFieldLines } from '../../../electron/cli/format';
import { PARSER_NOTES, parserNoteText } from '../../../shared/model/parserNotes';
import { parseDirective } from '../../../shared/parser';

const ENGLISH = /\b(type|not found|no date|its own|parser|error|cannot|read|properties|undefined)\b/i;

test('every note the parser pushes with a fixed wording has a Vietnamese text', () => {
  const source = readFileSync(path.join(__dirname, '../../../shared/parser/index.ts'), 'utf8');
  const fixed = [...source.matchAll(/warnings\.push\('([^']+)'\)/g)].map((m) => m[1]!);
  expect(fixed.length).toBeGreaterThan(0);
  for (const note of fixed) expect(Object.keys(PARSER_NOTES)).toContain(note);
  // The only other push is the «parser error: …» template.
  expect([...source.matchAll(/warnings\.push\(`([^`]*)/g)].map((m) => m[1]!.replace(/\$\{.*$/, ''))).toEqual([
    'parser error: ',
  ]);
});

test('the notes of a text with neither type nor date read in Vietnamese', () => {
  const parse = parseDirective('Một đoạn văn không có loại văn bản, cũng không có ngày tháng.');
  expect(parse.warnings).toEqual(['type not found', 'no date of its own']);
  for (const note of parse.warnings) expect(parserNoteText(note)).not.toMatch(ENGLISH);
});

test('a parser error reads in Vietnamese, without the exception’s English message', () => {
  const note = "parser error: Cannot read properties of undefined (reading 'x')";
  expect(parserNoteText(note)).not.toMatch(ENGLISH);
  const lines = parseFieldLines({ warnings: ['type not found', note] });
  expect(lines).toMatch(/^Cảnh báo\s+không nhận ra loại văn bản; bộ phân tích gặp lỗi/);
  expect(lines).not.toMatch(ENGLISH);
});
