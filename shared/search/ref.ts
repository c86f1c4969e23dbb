/**
 * Numbers and symbols typed in the search box (docs/domain.md §4), read loosely: "571-CV/TU",
 * "571 CV TU", "cv 571", "21/NQ-CP", "30/2020/NĐ-CP" all become the parts {number, codes, year}
 * that the index stores for each document's own ref.
 */
import { foldedToken } from './tokens';

/** Codes that, next to a number, make a group of words a ref rather than prose. Folded, lower case. */
export const REF_CODES = new Set(
  (
    'nq qd ct qc qyd qdi tc tb hd ctr pa da bc bb ttr hdong cd kh bgn btt guq gm ggt gnp pg pc pb sy sl trs nd tt ttlt nqlt qh ' +
    'kl cv bs qtr cthd ' +
    'cp ttg ubnd hdnd vpcp tu hu qu thu du duk cb bcd bcsd dh btctw btgtw ubkttw vptw tw btctu btgtu bdvtu ubkttu vptu btghu vphu ' +
    'vp vx kgvx nv ubtvqh bnv btc byt bgddt bca bqp'
  ).split(/\s+/),
);

export interface RefParts {
  number: string;
  year: string | null;
  /** Folded, lower-case codes in the order typed. */
  codes: string[];
}

const D = '[-\u2010-\u2015\u2212]';
const S = '[/\u2215\uFF0F]';
const C = '[A-Za-zĐđÐ][A-Za-zĐđÐ0-9&]*';
/** A ref written with its separators: 571-CV/TU, 21/NQ-CP, 30/2020/NĐ-CP, 12 / QĐ - UBND. */
export const STRICT_REF_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}/])(\d{1,5})\s*(?:${S}\s*(?:(\d{4})\s*${S}\s*)?(${C}(?:\s*${D}\s*${C})*)|${D}\s*(${C})\s*${S}\s*(${C}(?:\s*${D}\s*${C})*))(?![\p{L}\p{N}])`,
  'gu',
);

export function refPartsFromMatch(m: RegExpExecArray): RefParts {
  const number = m[1]!.replace(/^0+(?=\d)/, '');
  const symbol = m[3] ?? `${m[4]}/${m[5]}`;
  const codes = symbol
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean)
    .map((c) => foldedToken(c));
  return { number, year: m[2] ?? null, codes };
}

/** The ref parts of a document's own stored ref ("571-CV/TU"), or null when it has no number. */
export function refPartsOf(ref: string | null): RefParts | null {
  if (!ref) return null;
  STRICT_REF_RE.lastIndex = 0;
  const m = STRICT_REF_RE.exec(ref.normalize('NFC'));
  if (m) return refPartsFromMatch(m);
  const tokens = ref.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const number = tokens.find((t) => /^\d{1,5}$/.test(t));
  if (!number) return null;
  return {
    number: number.replace(/^0+(?=\d)/, ''),
    year: null,
    codes: tokens.filter((t) => t !== number).map(foldedToken),
  };
}

/** Tokens for the `refs` column: number, year and codes, folded. */
export function refTokens(parts: RefParts | null): string {
  if (!parts) return '';
  return [parts.number, ...(parts.year ? [parts.year] : []), ...parts.codes].join(' ');
}
