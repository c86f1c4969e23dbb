/**
 * Matching keys for the citation graph (issue #5, docs/graph.md). Pure: the core computes these for
 * every document and citation, stores them, and matches on them.
 *
 * A body id names one issuer that numbers its own series:
 *   "dang:tw", "nn:ttg"                       central bodies (issuers.ts)
 *   "dang:tinh:bac ninh", "…#2025"            a provincial committee; "#2025" = the merged body
 *   "dang:tinh:bac giang:btg"                 one of its boards
 *   "dang:huyen:yen the@bac giang"            a district committee; after "@" the province, or
 *   "dang:huyen:yen the@"                     nothing when the text does not say (district and
 *                                             commune names recur across provinces)
 *   "nn:ubnd:tinh:…", "nn:ubnd:huyen:…@…", "nn:hdnd:…", "nn:so:y te:…", "nn:ubnd:xa:…@…"
 */
import { canonicalProvince, isCentralCity } from '../parser/issuer';
import { refKey } from '../text/ref';
import { foldVi } from '../text/vietnamese';
import {
  CENTRAL_ISSUERS,
  COMMITTEE_ORGANS,
  MERGED_PROVINCES,
  PARTY_BOARDS,
  REORGANISATION_DATE,
  STATE_HEADS,
  type IssuerRow,
} from './issuers';

export interface BodyContext {
  /** The citing (or own) document's province, district and commune, as printed. */
  province: string | null;
  district: string | null;
  commune: string | null;
  /** The date the name is read at: the cited document's date, else the citing document's. */
  date: string | null;
}

/** A clerk's registry row: a name (folded on load) that stands for a canonical name or body id. */
export interface RegistryAlias {
  alias: string;
  /** Either a body id ("dang:tw") or a name the patterns below understand. */
  canonical: string;
  validFrom: string | null;
  validTo: string | null;
}

const fold = (s: string): string =>
  foldVi(s)
    .replace(/[“”"'()]/g, ' ')
    .replace(/\s*[-–]\s*/g, ' - ')
    .replace(/[.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const alternation = (xs: readonly string[]): string =>
  [...new Set(xs.map(fold))]
    .sort((a, b) => b.length - a.length)
    .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');

const CENTRAL_BY_ALIAS = new Map<string, IssuerRow>();
for (const row of CENTRAL_ISSUERS) for (const name of [row.name, ...row.aliases]) CENTRAL_BY_ALIAS.set(fold(name), row);

const MERGED_TARGETS = new Set(Object.keys(MERGED_PROVINCES).map(fold));
/** "Thừa Thiên Huế" became the city of Huế on 1 January 2025: the same committee. */
const SAME_PROVINCE: Record<string, string> = { 'thua thien hue': 'hue' };

const ORGAN_RE = new RegExp(`^(?:(?:${alternation(COMMITTEE_ORGANS)})\\s+)+`);
const HEAD_RE = new RegExp(`^(?:(?:${alternation(STATE_HEADS)})\\s+)+`);
const BOARD_RE = new RegExp(`^(${alternation(PARTY_BOARDS.map((b) => b.name))})\\s+(.*)$`);
const BOARD_KEY = new Map(PARTY_BOARDS.map((b) => [fold(b.name), b.key]));

const PROVINCE_COMMITTEE = /^(?:tinh uy|dang bo tinh)(?:\s+(.*))?$/;
const CITY_COMMITTEE = /^(?:thanh uy|dang bo thanh pho)(?:\s+(.*))?$/;
const DISTRICT_COMMITTEE = /^(?:huyen uy|quan uy|thi uy|dang bo huyen|dang bo quan|dang bo thi xa)(?:\s+(.*))?$/;
const COMMUNE_COMMITTEE = /^(?:dang uy|dang bo|chi bo)(?:\s+(xa|phuong|thi tran|dac khu))?(?:\s+(.*))?$/;
const STATE_BODY =
  /^(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)(?:\s+(tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran|dac khu))?(?:\s+(.*))?$/;
const DEPARTMENT = /^(so|phong)\s+(.+?)(?:\s+(tinh|huyen|quan|thi xa|thanh pho)\s+(.+))?$/;

function provinceFold(name: string | null | undefined): string | null {
  if (!name) return null;
  const canonical = canonicalProvince(name);
  const f = canonical ? fold(canonical) : null;
  return f ? (SAME_PROVINCE[f] ?? f) : null;
}

const afterReorganisation = (date: string | null): boolean => date !== null && date >= REORGANISATION_DATE;

function provinceBody(province: string, date: string | null): string {
  return `dang:tinh:${province}${MERGED_TARGETS.has(province) && afterReorganisation(date) ? '#2025' : ''}`;
}

const place = (s: string | undefined | null): string | null => {
  const t = s?.trim();
  return t ? fold(t) : null;
};

/** The party committee a name (already stripped of its organ prefix) denotes, or null. */
function committee(rest: string, ctx: BodyContext): string | null {
  const ctxProvince = provinceFold(ctx.province);
  let m = PROVINCE_COMMITTEE.exec(rest);
  if (m) {
    const p = m[1] ? provinceFold(m[1]) : ctxProvince;
    return p ? provinceBody(p, ctx.date) : null;
  }
  m = CITY_COMMITTEE.exec(rest);
  if (m) {
    const named = m[1] ? provinceFold(m[1]) : null;
    if (named && isCentralCity(m[1] ?? null)) return provinceBody(named, ctx.date);
    if (!m[1] && ctx.province && isCentralCity(ctx.province)) return provinceBody(ctxProvince!, ctx.date);
    const d = place(m[1]) ?? place(ctx.district);
    return d ? `dang:huyen:${d}@${ctxProvince ?? ''}` : null;
  }
  m = DISTRICT_COMMITTEE.exec(rest);
  if (m) {
    const d = place(m[1]) ?? place(ctx.district);
    return d ? `dang:huyen:${d}@${ctxProvince ?? ''}` : null;
  }
  m = COMMUNE_COMMITTEE.exec(rest);
  if (m) {
    const c = place(m[2]) ?? place(ctx.commune);
    if (!c) return null;
    return `dang:xa:${c}${afterReorganisation(ctx.date) ? '#2025' : ''}@${ctxProvince ?? ''}`;
  }
  return null;
}

function stateBody(f: string, ctx: BodyContext): string | null {
  const ctxProvince = provinceFold(ctx.province);
  const m = STATE_BODY.exec(f);
  if (m) {
    const organ = m[1] === 'ubnd' || m[1] === 'uy ban nhan dan' ? 'ubnd' : 'hdnd';
    const unit = m[2] ?? null;
    const name = m[3] ?? null;
    if (unit === 'tinh' || ((unit === 'thanh pho' || unit === 'tp') && name && isCentralCity(name))) {
      const p = name ? provinceFold(name) : ctxProvince;
      return p ? `nn:${organ}:tinh:${p}${MERGED_TARGETS.has(p) && afterReorganisation(ctx.date) ? '#2025' : ''}` : null;
    }
    if (unit === 'huyen' || unit === 'quan' || unit === 'thi xa' || unit === 'thanh pho' || unit === 'tp') {
      const d = place(name) ?? place(ctx.district);
      return d ? `nn:${organ}:huyen:${d}@${ctxProvince ?? ''}` : null;
    }
    if (unit) {
      const c = place(name) ?? place(ctx.commune);
      return c ? `nn:${organ}:xa:${c}${afterReorganisation(ctx.date) ? '#2025' : ''}@${ctxProvince ?? ''}` : null;
    }
    // "UBND Bắc Giang": only a province name is safe to read without a unit word.
    const p = name ? provinceFold(name) : null;
    return p ? `nn:${organ}:tinh:${p}` : null;
  }
  const d = DEPARTMENT.exec(f);
  if (d) {
    const where = d[4]
      ? d[3] === 'tinh'
        ? provinceFold(d[4])
        : fold(d[4])
      : d[1] === 'so'
        ? ctxProvince
        : place(ctx.district);
    return where ? `nn:${d[1]}:${d[2]}:${where}` : null;
  }
  return null;
}

/**
 * The bodies a printed issuer name can denote, read with the context of the document it appears in.
 * Null when the name is missing or not understood (the match then ignores the issuer).
 */
export function bodiesOf(
  name: string | null,
  ctx: BodyContext,
  aliases: readonly RegistryAlias[] = [],
): string[] | null {
  if (!name) return null;
  // Rules and stars that follow a name on the subject line ("… Tỉnh ủy -----") are not part of it.
  let f = fold(name.replace(/[\s\-–—*_.,;:]+$/u, ''));
  if (!f) return null;
  for (const a of aliases) {
    if (fold(a.alias) !== f) continue;
    if (a.validFrom && ctx.date && ctx.date < a.validFrom) continue;
    if (a.validTo && ctx.date && ctx.date > a.validTo) continue;
    if (/^(?:dang|nn):/.test(a.canonical)) return [a.canonical];
    f = fold(a.canonical);
    break;
  }
  const central = CENTRAL_BY_ALIAS.get(f) ?? CENTRAL_BY_ALIAS.get(f.replace(/\s+(?:khoa|nhiem ky)\s+.*$/, ''));
  if (central) return [central.id];
  const stripped = f.replace(ORGAN_RE, '');
  const board = BOARD_RE.exec(stripped);
  if (board) {
    const parent = committee(board[2]!, ctx);
    if (parent)
      return [
        `${parent.replace(/@.*$/, '')}:${BOARD_KEY.get(board[1]!)}${parent.includes('@') ? parent.slice(parent.indexOf('@')) : ''}`,
      ];
    const centralBoard = CENTRAL_BY_ALIAS.get(stripped);
    if (centralBoard) return [centralBoard.id];
  }
  const party = committee(stripped, ctx);
  if (party) return [party];
  const state = stateBody(f.replace(HEAD_RE, ''), ctx);
  return state ? [state] : null;
}

/** Issuer code of a symbol: "CV/TU" → "TU", "CT-TTg" → "TTg", "UBND-VP" → "UBND", "NĐ-CP" → "CP". */
export function issuerCode(symbol: string | null): string | null {
  if (!symbol) return null;
  const s = symbol.replace(/^\d{4}\//, '');
  if (s.includes('/')) return s.split('/')[1]!.split('-')[0] ?? null;
  const parts = s.split('-');
  // State: TYPE-ISSUER, or ISSUER-UNIT for a công văn; a known type code comes first.
  return parts.length > 1 &&
    /^(?:QĐ|QD|CT|KH|BC|TB|HD|NQ|NĐ|ND|TT|TTr|CĐ|CD|TTLT|QyĐ|KL|CTr|ĐA|PA|QC|GM|GP)$/u.test(parts[0]!)
    ? parts[1]!
    : parts[0]!;
}

/** Bodies a bare issuer code denotes in the citing document's context ("TU" in a Bắc Giang document). */
export function bodiesOfCode(code: string | null, ctx: BodyContext): string[] | null {
  if (!code) return null;
  const c = fold(code).replace(/\s+/g, '');
  const byCode: Record<string, string> = {
    tw: 'dang:tw',
    vptw: 'dang:vptw',
    btctw: 'dang:btctw',
    btgtw: 'dang:btgtw',
    bdvtw: 'dang:bdvtw',
    ubkttw: 'dang:ubkttw',
    ttg: 'nn:ttg',
    cp: 'nn:cp',
    vpcp: 'nn:vpcp',
    byt: 'nn:byt',
    bnv: 'nn:bnv',
    btc: 'nn:btc',
    bgddt: 'nn:bgddt',
    bca: 'nn:bca',
    bqp: 'nn:bqp',
    bnnptnt: 'nn:bnnptnt',
    btnmt: 'nn:btnmt',
    bkhdt: 'nn:bkhdt',
    bct: 'nn:bct',
    btttt: 'nn:btttt',
    bvhttdl: 'nn:bvhttdl',
    bldtbxh: 'nn:bldtbxh',
  };
  if (byCode[c]) return [byCode[c]!];
  if (/^qh\d*$/.test(c)) return ['nn:qh'];
  if (/^ubtvqh\d*$/.test(c)) return ['nn:ubtvqh'];
  const p = provinceFold(ctx.province);
  if (c === 'tu' && p) return [provinceBody(p, ctx.date)];
  const boards: Record<string, string> = {
    btgtu: 'btg',
    bdvtu: 'bdv',
    btctu: 'btc',
    ubkttu: 'ubkt',
    vptu: 'vp',
    btgdvtu: 'btgdv',
  };
  if (boards[c] && p) return [`${provinceBody(p, ctx.date)}:${boards[c]}`];
  const d = place(ctx.district);
  if ((c === 'hu' || c === 'qu' || c === 'thu') && d) return [`dang:huyen:${d}@${p ?? ''}`];
  return null;
}

/** True when two body ids can denote the same body (an unknown province is compatible with any). */
export function sameBody(a: string, b: string): boolean {
  if (a === b) return true;
  const ia = a.indexOf('@');
  const ib = b.indexOf('@');
  if (ia < 0 || ib < 0) return false;
  if (a.slice(0, ia) !== b.slice(0, ib)) return false;
  const pa = a.slice(ia + 1);
  const pb = b.slice(ib + 1);
  return pa === '' || pb === '' || pa === pb;
}

const withoutProvince = (b: string): string => (b.includes('@') ? b.slice(0, b.indexOf('@') + 1) : b);

export function bodiesOverlap(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) for (const y of b) if (sameBody(x, y)) return true;
  return false;
}

/** Body tag for a placeholder key: the province after "@" is dropped so citations with and without it share one. */
const bodyTag = (bodies: readonly string[] | null): string =>
  bodies && bodies.length ? bodies.map((b) => b.replace(/@.*$/, '')).sort()[0]! : '?';

// A few type words ("Công văn", "Chỉ thị"…) recur in every citation: each spelling is folded once.
// Bounded, as the words come from documents.
const typeKeys = new Map<string, string | null>();
export function typeKey(type: string | null): string | null {
  if (!type) return null;
  let k = typeKeys.get(type);
  if (k === undefined) {
    if (typeKeys.size >= 4096) typeKeys.clear();
    typeKeys.set(type, (k = fold(type) || null));
  }
  return k;
}

const YEAR_IN_REF = /^\d+\/(\d{4})\//;

export function yearOf(ref: string | null, date: string | null): number | null {
  // Most numbers carry no space: no copy for them (this runs per citation in a full resolution).
  const m = ref ? YEAR_IN_REF.exec(/\s/.test(ref) ? ref.replace(/\s+/g, '') : ref) : null;
  if (m) return Number(m[1]);
  return date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;
}

export interface DocumentKeys {
  refKey: string | null;
  year: number | null;
  date: string | null;
  typeKey: string | null;
  bodies: string[];
}

export interface DocumentFacts {
  ref: string | null;
  symbol: string | null;
  type: string | null;
  issuer: string | null;
  province: string | null;
  date: string | null;
}

/** `memo` as for citationKeys: the issuer's reading is shared by documents with its words, province and era. */
export function documentKeys(
  doc: DocumentFacts,
  aliases: readonly RegistryAlias[] = [],
  memo?: BodiesMemo,
): DocumentKeys {
  const ctx: BodyContext = { province: doc.province, district: null, commune: null, date: doc.date };
  const bodies = issuerBodies(doc.issuer, ctx, aliases, memo) ?? bodiesOfCode(issuerCode(doc.symbol), ctx) ?? [];
  const key = doc.ref ? refKey(doc.ref) : '';
  return {
    refKey: key && /\d/.test(key) ? key : null,
    year: yearOf(doc.ref, doc.date),
    date: doc.date,
    typeKey: typeKey(doc.type),
    bodies,
  };
}

export interface CitationFacts {
  ref: string | null;
  symbol: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  issuerNormalized: string | null;
}

export interface CitationKeys {
  refKey: string | null;
  year: number | null;
  date: string | null;
  typeKey: string | null;
  /** Null: the citation does not say who issued it, or says it in words we cannot read. */
  bodies: string[] | null;
  /** Shared by every citation of the same missing document; null when the citation cannot name one. */
  placeholderKey: string | null;
  /** The citation's identity across re-parsing: clerk decisions are stored against it. */
  matchKey: string;
}

/** Context of the citing document: its place and date. */
export interface CitingContext {
  province: string | null;
  district: string | null;
  commune: string | null;
  date: string | null;
}

/**
 * Bodies read from an issuer in a context, shared across calls by `resolveAll`: the same words in
 * the same place and era are the same bodies. Only valid while no registry alias has validity dates
 * (then the exact date matters), which `bodiesMemoFor` checks.
 */
export type BodiesMemo = Map<string, string[] | null>;

export function bodiesMemoFor(aliases: readonly RegistryAlias[]): BodiesMemo | undefined {
  return aliases.some((a) => a.validFrom || a.validTo) ? undefined : new Map();
}

/** A document's bodiesOf(name, ctx, aliases), through `memo` when given. */
function issuerBodies(
  name: string | null,
  ctx: BodyContext,
  aliases: readonly RegistryAlias[],
  memo: BodiesMemo | undefined,
): string[] | null {
  if (!memo || !name) return bodiesOf(name, ctx, aliases);
  // \u0003 first: no citation's key (citationKeys) starts with it.
  const mk = `\u0003${name}\u0001${ctx.province}\u0001${ctx.district}\u0001${ctx.commune}\u0001${afterReorganisation(ctx.date) ? 1 : 0}`;
  let bodies = memo.get(mk);
  if (bodies === undefined) memo.set(mk, (bodies = bodiesOf(name, ctx, aliases)));
  return bodies;
}

export function citationKeys(
  c: CitationFacts,
  citing: CitingContext,
  aliases: readonly RegistryAlias[] = [],
  memo?: BodiesMemo,
): CitationKeys {
  const ctx: BodyContext = { ...citing, date: c.date ?? citing.date };
  const key = c.ref ? refKey(c.ref) : '';
  const refK = key && /^\d/.test(key) ? key : null;
  // The symbol's code stands in only when the citation names no issuer: a name we cannot read
  // ("Tỉnh ủy Sơn", cut short) must not be replaced by the citing document's own province.
  const written = (c.issuerNormalized ?? c.issuer ?? '').trim();
  const read = (): string[] | null =>
    written
      ? (bodiesOf(c.issuerNormalized, ctx, aliases) ?? bodiesOf(c.issuer, ctx, aliases))
      : bodiesOfCode(issuerCode(c.symbol), ctx);
  let bodies: string[] | null;
  if (memo) {
    const mk = `${written ? `${c.issuerNormalized}\u0001${c.issuer}` : `\u0002${c.symbol}`}\u0001${ctx.province}\u0001${ctx.district}\u0001${ctx.commune}\u0001${afterReorganisation(ctx.date) ? 1 : 0}`;
    const hit = memo.get(mk);
    if (hit !== undefined) bodies = hit;
    else memo.set(mk, (bodies = read()));
  } else bodies = read();
  const year = yearOf(c.ref, c.date);
  const tKey = typeKey(c.type);
  const placeholderKey = refK
    ? `r:${refK}:${year ?? '?'}:${bodyTag(bodies)}`
    : tKey && c.date
      ? `t:${tKey}:${c.date}:${bodyTag(bodies)}`
      : null;
  return {
    refKey: refK,
    year,
    date: c.date,
    typeKey: tKey,
    bodies,
    placeholderKey,
    matchKey: `${refK ?? ''}|${year ?? ''}|${tKey ?? ''}|${c.date ?? ''}`,
  };
}

/**
 * The keys of one document's citations, read together: a citation that leaves out the date ("V/v
 * thực hiện Kết luận số 05-KL/TU", a subject line) of a number/symbol the same document cites
 * elsewhere with its date («… số 05-KL/TU ngày 25/07/2021 …») names that same document, so it takes
 * that date (and, when it names no issuer we can read, that citation's issuer): one placeholder, one
 * resolution, one match key. Only when every such dated citation with a compatible issuer gives the
 * same date; otherwise each keeps its own keys. The citations' text and stored facts are unchanged.
 */
export function documentCitationKeys(
  cs: readonly CitationFacts[],
  citing: CitingContext,
  aliases: readonly RegistryAlias[] = [],
  memo?: BodiesMemo,
): CitationKeys[] {
  const keys = cs.map((c) => citationKeys(c, citing, aliases, memo));
  return datesWithinDocument(cs, keys, citing, aliases, memo);
}

/** documentCitationKeys' second step, on keys already read one by one (`keys[i]` of `cs[i]`). */
function datesWithinDocument(
  cs: readonly CitationFacts[],
  keys: CitationKeys[],
  citing: CitingContext,
  aliases: readonly RegistryAlias[] = [],
  memo?: BodiesMemo,
): CitationKeys[] {
  if (cs.length < 2 || !keys.some((k, i) => k.refKey !== null && !cs[i]!.date)) return keys;
  const original = keys.slice();
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const k = original[i]!;
    if (!k.refKey || c.date) continue;
    let filled: CitationKeys | null = null;
    let date: string | null = null;
    let agree = true;
    for (let j = 0; j < cs.length && agree; j++) {
      const s = cs[j]!;
      const sk = original[j]!;
      if (j === i || !s.date || sk.refKey !== k.refKey) continue;
      let read = citationKeys({ ...c, date: s.date }, citing, aliases, memo);
      if (read.bodies && sk.bodies && !bodiesOverlap(read.bodies, sk.bodies)) continue;
      if (!read.bodies && sk.bodies)
        read = citationKeys(
          { ...c, date: s.date, issuer: s.issuer, issuerNormalized: s.issuerNormalized },
          citing,
          aliases,
          memo,
        );
      if (date !== null && date !== s.date) agree = false;
      else if (date === null) {
        date = s.date;
        filled = read;
      }
    }
    if (filled && agree) keys[i] = filled;
  }
  return keys;
}

export interface Candidate {
  id: number;
  date: string | null;
  year: number | null;
  bodies: readonly string[];
}

export type Resolution =
  | { kind: 'resolved'; to: number }
  /** Several documents fit equally well: the clerk is asked. */
  | { kind: 'uncertain'; candidates: number[] }
  /** Nothing fits; `near` are same number and issuer but another date, offered to the clerk. */
  | { kind: 'missing'; near: number[] }
  /** The citation names no number and no date: nothing to resolve. */
  | { kind: 'ignored' };

export interface Decisions {
  confirmed: number | null;
  rejected: ReadonlySet<number>;
}

const NO_DECISIONS: Decisions = { confirmed: null, rejected: new Set() };

/** The year agrees where both are known: numbers restart each year or term. */
const yearFits = (c: Pick<CitationKeys, 'year'>, d: Candidate): boolean =>
  c.year === null || d.year === null || c.year === d.year;

/** The issuer is compatible where both are known. */
const issuerFits = (c: Pick<CitationKeys, 'bodies'>, d: Candidate): boolean =>
  c.bodies === null || d.bodies.length === 0 || bodiesOverlap(c.bodies, d.bodies);

/**
 * The same body in another province, with the exact date. A district or commune's province is
 * often inferred, not written ("Huyện ủy Yên Thế"), and the citing document's own province may be
 * misread (a commune named "Hòa Bình"): with the exact date, the same body elsewhere is still the
 * document meant — when no candidate fits the issuer as read.
 */
const looseFits = (c: Pick<CitationKeys, 'bodies' | 'date'>, d: Candidate): boolean =>
  c.bodies !== null &&
  !!c.date &&
  d.date === c.date &&
  bodiesOverlap(c.bodies.map(withoutProvince), d.bodies.map(withoutProvince));

/**
 * Whether a document can take part in resolving a citation that shares its key (ref key, or type
 * and date): the only candidates `resolveCitation` looks at. Adding or removing a document for
 * which this is false leaves every resolution as it was, so the incremental paths re-resolve a
 * stored citation when, and only when, a new document passes this for it (`mayName` in
 * electron/core/graph/resolve.ts): one rule for both directions, whatever the import order.
 */
export function mayResolveTo(c: Pick<CitationKeys, 'year' | 'bodies' | 'date'>, d: Candidate): boolean {
  return yearFits(c, d) && (issuerFits(c, d) || looseFits(c, d));
}

/**
 * Picks the cited document among candidates sharing its number/symbol (or, without a number, its
 * type and date). Year must agree where both are known (numbers restart each year or term); the
 * issuer must be compatible where both are known; the date decides between what is left, and a
 * tie is never broken by guessing. Only candidates passing `mayResolveTo` count; the lists it
 * returns (a tie, near misses) are in id order.
 */
export function resolveCitation(
  c: CitationKeys,
  candidates: readonly Candidate[],
  selfId: number,
  decisions: Decisions = NO_DECISIONS,
): Resolution {
  if (decisions.confirmed !== null) return { kind: 'resolved', to: decisions.confirmed };
  if (!c.placeholderKey) return { kind: 'ignored' };
  // In id order: the lists offered to the clerk do not depend on the order a query returned them in.
  const base = candidates
    .filter((d) => d.id !== selfId && !decisions.rejected.has(d.id) && mayResolveTo(c, d))
    .sort((a, b) => a.id - b.id);
  const fits = base.filter((d) => issuerFits(c, d));
  if (fits.length === 0) {
    // Only documents of the same body in another province, with the exact date, are left.
    if (base.length === 1) return { kind: 'resolved', to: base[0]!.id };
    if (base.length > 1) return { kind: 'uncertain', candidates: base.map((d) => d.id) };
    return { kind: 'missing', near: [] };
  }
  const exact = c.date ? fits.filter((d) => d.date === c.date) : [];
  if (exact.length === 1) return { kind: 'resolved', to: exact[0]!.id };
  if (exact.length > 1) return { kind: 'uncertain', candidates: exact.map((d) => d.id) };
  const undated = fits.filter((d) => !c.date || !d.date);
  const otherDate = fits.filter((d) => c.date && d.date && d.date !== c.date);
  // Without a number, the date is the key: a different date is a different document.
  if (!c.refKey) return { kind: 'missing', near: [] };
  if (undated.length === 1 && otherDate.length === 0) {
    // Sure only when the issuer is known on both sides; otherwise another body's document may be meant.
    const d = undated[0]!;
    if (c.bodies !== null && d.bodies.length > 0) return { kind: 'resolved', to: d.id };
    return { kind: 'uncertain', candidates: [d.id] };
  }
  if (undated.length > 0) return { kind: 'uncertain', candidates: [...undated, ...otherDate].map((d) => d.id) };
  return { kind: 'missing', near: otherDate.map((d) => d.id) };
}

const DISTRICT_IN_NAME = /(?:Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ|Thị ủy|Thị uỷ|huyện|quận|thị xã)\s+(.+)$/iu;
const COMMUNE_IN_NAME = /(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/iu;

/** Where a document sits, read from its own issuer: "Huyện ủy Yên Thế" → district Yên Thế. */
export function citingContext(doc: {
  issuer: string | null;
  province: string | null;
  date: string | null;
}): CitingContext {
  const issuer = doc.issuer ?? '';
  const commune = COMMUNE_IN_NAME.exec(issuer)?.[1] ?? null;
  const district = commune ? null : (DISTRICT_IN_NAME.exec(issuer)?.[1] ?? null);
  return { province: doc.province, district, commune, date: doc.date };
}

/** Level of a body id, for drawing the graph top (central) to bottom (commune). */
export function levelOfBody(body: string | undefined): 'central' | 'province' | 'district' | 'commune' | null {
  if (!body) return null;
  if (/^(?:dang|nn):[a-z]+$/.test(body)) return 'central';
  if (/:tinh:/.test(body) || /^nn:so:/.test(body)) return 'province';
  if (/:huyen:/.test(body) || /^nn:phong:/.test(body)) return 'district';
  if (/:xa:/.test(body)) return 'commune';
  return null;
}

const SENTENCE_MAX = 320;

/**
 * The sentence a citation sits in: back to the previous ". ", ";", line break or list mark, forward
 * to the next; cut to SENTENCE_MAX characters around the citation so an edge stays small.
 */
export function citingSentence(text: string, start: number, end: number): string {
  // A citation the clerk added that is not in the text has the empty span 0–0: its link quoted
  // the document's first line («ĐẢNG BỘ TỈNH BẮC GIANG») as the citing sentence.
  if (end <= start) return '';
  let s = start;
  while (s > 0 && s > start - SENTENCE_MAX) {
    const ch = text[s - 1]!;
    if (ch === '\n' || ch === ';' || ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[s] ?? ' '))) break;
    s--;
  }
  let e = end;
  while (e < text.length && e < end + SENTENCE_MAX) {
    const ch = text[e]!;
    if (ch === '\n' || ch === ';') break;
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[e + 1] ?? ' ')) {
      e++;
      break;
    }
    e++;
  }
  let out = text.slice(s, e).replace(/\s+/g, ' ').trim();
  if (out.length > SENTENCE_MAX) out = out.slice(0, SENTENCE_MAX - 1) + '…';
  return out;
}
