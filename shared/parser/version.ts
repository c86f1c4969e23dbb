/** Bump when the parser's output changes, so `vanthu reparse` knows which documents are stale. */
export const PARSER_VERSION = 5;
