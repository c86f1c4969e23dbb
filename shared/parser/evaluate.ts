/**
 * Scoring a ParseResult against a labelled expectation (tests/fixtures/**\/*.expected.json).
 * Shared by the fixture test and scripts/eval-parser.ts so both judge the same way.
 */
import { META_FIELDS, type Citation, type MetaField, type ParseResult } from '../model/directive';
import { canonicalTones } from '../text/vietnamese';

export interface ExpectedCitation {
  text: string;
  type?: string | null;
  ref: string | null;
  date?: string | null;
  issuer?: string | null;
  issuerNormalized?: string | null;
  relation?: string;
  shortForm?: boolean;
}

export interface ExpectedResult {
  type?: string | null;
  ref?: string | null;
  number?: string | null;
  symbol?: string | null;
  /** One form, or a list of acceptable forms. */
  issuer?: string | string[] | null;
  issuerLevel?: string | null;
  issuerKind?: string | null;
  province?: string | null;
  date?: string | null;
  place?: string | null;
  subject?: string | null;
  signer?: string | null;
  signerCapacity?: string | null;
  recipients?: { text: string; forReport: boolean; source: string }[];
  citations?: ExpectedCitation[];
  tasks?: { count: number; leads?: string[][] };
  /** Fields the parser is known to get wrong on this file; the unit test skips them, eval counts them. */
  knownGaps?: string[];
}

/** Whitespace, case, markdown and tone placement do not make two values different. */
export function looseText(s: string | null | undefined): string {
  return canonicalTones((s ?? '').normalize('NFC'))
    .replace(/\*+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[.,;:]+$/, '')
    .trim()
    .toLowerCase();
}

export function fieldMatches(field: MetaField, expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return expected.some((e) => fieldMatches(field, e, actual));
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  if (
    field === 'subject' ||
    field === 'issuer' ||
    field === 'signerCapacity' ||
    field === 'place' ||
    field === 'signer' ||
    field === 'province'
  ) {
    return looseText(String(expected)) === looseText(String(actual));
  }
  return expected === actual;
}

export interface GoldSpan extends ExpectedCitation {
  start: number;
  end: number;
}

/** Places each gold citation in the text (in order), so spans need not be written by hand. */
export function locateGold(text: string, gold: ExpectedCitation[]): GoldSpan[] {
  const flat = text.replace(/\s/g, ' ');
  let from = 0;
  return gold.map((g) => {
    const needle = g.text.replace(/\s/g, ' ');
    let at = flat.indexOf(needle, from);
    if (at < 0) at = flat.indexOf(needle);
    if (at >= 0) from = at + 1;
    return { ...g, start: Math.max(0, at), end: at < 0 ? 0 : at + needle.length };
  });
}

export function citationMatches(gold: GoldSpan, predicted: Citation): boolean {
  const overlap = gold.start < predicted.end && predicted.start < gold.end;
  if (!overlap) return false;
  if (gold.ref) return gold.ref === predicted.ref;
  return (
    predicted.ref === null &&
    looseText(gold.type) === looseText(predicted.type) &&
    (gold.date ?? null) === predicted.date
  );
}

export interface Score {
  fields: Partial<Record<MetaField, boolean>>;
  /** Gold citations matched, with the predicted one. */
  matched: { gold: GoldSpan; predicted: Citation }[];
  missed: GoldSpan[];
  spurious: Citation[];
  tasksOk: boolean | null;
}

export function score(text: string, expected: ExpectedResult, actual: ParseResult): Score {
  const fields: Partial<Record<MetaField, boolean>> = {};
  for (const f of META_FIELDS) {
    if (!(f in expected)) continue;
    fields[f] = fieldMatches(f, (expected as Record<string, unknown>)[f], actual[f]);
  }
  const gold = locateGold(text, expected.citations ?? []);
  const used = new Set<number>();
  const matched: Score['matched'] = [];
  const missed: GoldSpan[] = [];
  for (const g of gold) {
    const k = actual.citations.findIndex((p, i) => !used.has(i) && citationMatches(g, p));
    if (k >= 0) {
      used.add(k);
      matched.push({ gold: g, predicted: actual.citations[k]! });
    } else missed.push(g);
  }
  const spurious = expected.citations ? actual.citations.filter((_c, i) => !used.has(i)) : [];
  let tasksOk: boolean | null = null;
  if (expected.tasks) {
    tasksOk = actual.tasks.length === expected.tasks.count;
    if (tasksOk && expected.tasks.leads) {
      tasksOk = expected.tasks.leads.every((leads, i) => {
        const got = actual.tasks[i]?.lead ?? [];
        return leads.length === got.length && leads.every((l, j) => looseText(l) === looseText(got[j]));
      });
    }
  }
  return { fields, matched, missed, spurious, tasksOk };
}
