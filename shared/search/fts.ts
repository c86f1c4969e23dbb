/**
 * AST → FTS5 MATCH expression. Every token is quoted and comes from our own tokenizer, so no user
 * text can reach FTS5's syntax (a stray `*`, `:`, `NEAR(` or `"` is just a separator by now).
 *
 * Columns of the index (see electron/core/db/migrations/0020-search.ts):
 *   f, x    folded token stream of the whole text; its exact tokens, each once (membership only)
 *   sf, sx  the same for the subject (trích yếu), for ranking
 *   refs    the document's own number/symbol as tokens ("571 cv tu")
 *   loai, coquan, nguoiky   folded type, issuer, signer (field filters)
 *   cap     one level token: tw, tinh, huyen, xa
 *   cites   the refs the text cites, each as consecutive tokens
 */
import type { Atom, Clause, Filters, Level, ParsedQuery, Word } from './query';
import { refTokens, type RefParts } from './ref';
import { foldedToken } from './tokens';
import { abbreviationFor } from './query';

export const LEVEL_TOKEN: Record<Level, string> = { central: 'tw', province: 'tinh', district: 'huyen', commune: 'xa' };

export function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** Tokens of the short columns live in their own namespace (see COLUMN_PREFIX in entry.ts). */
const PREFIX: Record<string, string> = {
  sf: 'zs',
  sx: 'zt',
  refs: 'zr',
  loai: 'zl',
  coquan: 'zo',
  nguoiky: 'zn',
  cap: 'zk',
  cites: 'zc',
};

/** `column : "token token"` with the column's namespace applied to each token. */
function colPhrase(column: string, tokens: string[]): string {
  const p = PREFIX[column] ?? '';
  return `${column} : ${quote(tokens.map((t) => p + t).join(' '))}`;
}

function colAll(column: string, tokens: string[], op: 'AND' | 'OR'): string {
  const p = PREFIX[column] ?? '';
  return `${column} : (${tokens.map((t) => quote(p + t)).join(` ${op} `)})`;
}

/** `ranked` is the body as BM25 scores it (see wordExpr). */
type Scope = 'body' | 'ranked' | 'subject';

function cols(scope: Scope): { f: string; x: string } {
  return scope === 'subject' ? { f: 'sf', x: 'sx' } : { f: 'f', x: 'x' };
}

function wordExpr(w: Word, scope: Scope): string {
  const c = cols(scope);
  if (!w.exact) return colPhrase(c.f, [w.folded]);
  if (scope !== 'ranked') return colPhrase(c.x, [w.exact]);
  // The body's exact stream holds each token once, so BM25 would see a term frequency of 1: the
  // folded twin in `f` (in every document the exact token is in) gives it one. Only where BM25
  // scores: walking the twin's doclist costs the other plans time for nothing.
  return `(${colPhrase(c.x, [w.exact])} AND ${colPhrase(c.f, [w.folded])})`;
}

function phraseExpr(words: Word[], scope: Scope): string {
  const c = cols(scope);
  if (words.length === 1) return wordExpr(words[0]!, scope);
  const marked = words.filter((w) => w.exact);
  // The subject's exact stream keeps every position; the body's holds each token once.
  if (scope === 'subject' && marked.length === words.length)
    return colPhrase(
      c.x,
      words.map((w) => w.exact!),
    );
  return orderedWithMarks(
    c,
    words.map((w) => w.folded),
    marked.map((w) => w.exact!),
  );
}

/**
 * A phrase with marks in the body: order from the folded stream, the marked words from the exact
 * one as membership (same document, not checked position by position; see docs/search.md).
 */
function orderedWithMarks(c: { f: string; x: string }, folded: string[], exact: string[]): string {
  const phrase = colPhrase(c.f, folded);
  return exact.length ? `(${phrase} AND ${colAll(c.x, exact, 'AND')})` : phrase;
}

function foldedPhrase(text: string, column: string): string {
  return colPhrase(
    column,
    Array.from(text.matchAll(/[\p{L}\p{N}]+/gu), (m) => foldedToken(m[0])),
  );
}

/** The abbreviation's own spelling: exact when it is also an ordinary syllable ("TU" is not "từ"). */
function abbrSelfExpr(abbr: { abbr: string; anyCase: boolean }, scope: Scope): string {
  const c = cols(scope);
  const tokens = Array.from(abbr.abbr.matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
  if (abbr.anyCase) return colPhrase(c.f, tokens.map(foldedToken));
  const exact = tokens.map((t) => t.toLowerCase());
  if (scope === 'subject' || exact.length === 1) return colPhrase(c.x, exact);
  return orderedWithMarks(c, tokens.map(foldedToken), exact);
}

/** A ref cited in the text: the `cites` column holds each cited ref's tokens next to each other. */
function refInBody(parts: RefParts): string {
  const tokens = refTokens(parts).split(' ').filter(Boolean);
  if (tokens.length === 1) return colPhrase('cites', tokens);
  return `cites : NEAR(${tokens.map((t) => quote(PREFIX.cites + t)).join(' ')}, ${tokens.length})`;
}

export function refOwnExpr(parts: RefParts): string {
  return colAll('refs', refTokens(parts).split(' ').filter(Boolean), 'AND');
}

function atomExpr(atom: Atom, scope: Scope): string {
  switch (atom.kind) {
    case 'word':
      if (atom.abbr) {
        const alts = [abbrSelfExpr(atom.abbr, scope), ...atom.abbr.long.map((l) => foldedPhrase(l, cols(scope).f))];
        return `(${alts.join(' OR ')})`;
      }
      return wordExpr(atom.word, scope);
    case 'phrase':
      return phraseExpr(atom.words, scope);
    case 'long':
      return `((${atom.words.map((w) => wordExpr(w, scope)).join(' AND ')}) OR ${abbrSelfExpr(atom.abbr, scope)})`;
    case 'ref':
      // Its own number (refs column) or a citation of it in the text.
      return scope !== 'subject' ? `(${refOwnExpr(atom.parts)} OR ${refInBody(atom.parts)})` : refOwnExpr(atom.parts);
  }
}

function clauseExpr(clause: Clause, scope: Scope): string {
  const parts = clause.any.map((a) => atomExpr(a, scope));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

function filterExprs(filters: Filters): string[] {
  const out: string[] = [];
  if (filters.refs.length) out.push(`(${filters.refs.map(refOwnExpr).join(' OR ')})`);
  const wordsFilter = (alts: Word[][], column: string, abbreviations: boolean): string => {
    const each = alts.map((words) => {
      const phrase = colPhrase(
        column,
        words.map((w) => w.folded),
      );
      const abbr = abbreviations && words.length === 1 ? abbreviationFor(words[0]!.text) : null;
      if (!abbr) return phrase;
      return `(${[phrase, ...abbr.long.map((l) => foldedPhrase(l, column))].join(' OR ')})`;
    });
    return each.length === 1 ? each[0]! : `(${each.join(' OR ')})`;
  };
  if (filters.types.length) out.push(wordsFilter(filters.types, 'loai', false));
  if (filters.issuers.length) out.push(wordsFilter(filters.issuers, 'coquan', true));
  if (filters.signers.length) out.push(wordsFilter(filters.signers, 'nguoiky', false));
  if (filters.levels.length)
    out.push(
      colAll(
        'cap',
        filters.levels.map((l) => LEVEL_TOKEN[l]),
        'OR',
      ),
    );
  return out;
}

export interface MatchPlan {
  /** The whole query; null when it has no text part (date filters only). */
  all: string | null;
  /** The same documents as `all`, written for BM25 (accented words with their folded twins). */
  ranked: string | null;
  /** Same, but every word must be in the subject: the first relevance tier. */
  subject: string | null;
  /** Documents whose own number matches a ref in the query: they come first. */
  ownRef: string | null;
  /** Excluded terms alone, for the filter-only path. */
  not: string | null;
}

/** Builds the MATCH strings for a parsed query. */
export function buildMatch(q: ParsedQuery): MatchPlan {
  const positives = q.must.map((c) => clauseExpr(c, 'body'));
  const filters = filterExprs(q.filters);
  const negatives = q.not.map((a) => atomExpr(a, 'body'));
  const notPart = negatives.length ? (negatives.length === 1 ? negatives[0]! : `(${negatives.join(' OR ')})`) : null;
  const withNot = (e: string | null): string | null => (e && notPart ? `(${e}) NOT ${notPart}` : e);
  const and = (parts: string[]): string | null => (parts.length ? parts.join(' AND ') : null);

  const all = withNot(and([...positives, ...filters]));
  const ranked = withNot(and([...q.must.map((c) => clauseExpr(c, 'ranked')), ...filters]));
  const subjectParts = q.must.map((c) => clauseExpr(c, 'subject'));
  const subject = positives.length ? withNot(and([...subjectParts, ...filters])) : null;
  const refs = q.must.flatMap((c) => c.any.filter((a): a is Extract<Atom, { kind: 'ref' }> => a.kind === 'ref'));
  const ownRef = refs.length && all ? `(${all}) AND (${refs.map((r) => refOwnExpr(r.parts)).join(' OR ')})` : null;
  return { all, ranked, subject, ownRef, not: notPart };
}
