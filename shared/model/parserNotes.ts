/**
 * The parser's notes (ParseResult.warnings) are English identifiers, stored as they are in the
 * archive and printed as they are by --json: they are data. Whatever shows them to a clerk reads
 * them through parserNoteText, the one table of their Vietnamese wording.
 */

/** Every note shared/parser/index.ts pushes with a fixed wording. */
export const PARSER_NOTES: Readonly<Record<string, string>> = {
  'type not found': 'không nhận ra loại văn bản',
  'no date of its own': 'không thấy ngày ban hành của chính văn bản',
};

/** «parser error: <the exception's own message>»: the message is a program's, English. */
const PARSER_ERROR = /^parser error: /;

/** A parser note in Vietnamese, for a clerk; an unknown note is shown as it was stored. */
export function parserNoteText(note: string): string {
  const known = PARSER_NOTES[note];
  if (known !== undefined) return known;
  // The exception's message helps nobody at a desk: it stays in the archive and in --json.
  if (PARSER_ERROR.test(note)) return 'bộ phân tích gặp lỗi, các trường cần nhập tay';
  return note;
}
