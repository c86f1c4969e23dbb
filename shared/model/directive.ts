/** Domain model of an archived directive. Pure data: shared by the parser, the core and the UI. */

export type IssuerLevel = 'central' | 'province' | 'district' | 'commune';
export type IssuerKind = 'party' | 'state';

/** Half-open range [start, end) of UTF-16 offsets into the normalized (NFC, LF) text. */
export interface Span {
  start: number;
  end: number;
}

/** Where a parsed field came from and how sure the parser is (0..1). */
export interface FieldEvidence {
  span: Span | null;
  confidence: number;
}

export interface Recipient {
  text: string;
  /** "để báo cáo" / "(báo cáo)": sent upward for information, not for action. */
  forReport: boolean;
  source: 'kinh_gui' | 'noi_nhan';
  span: Span;
}

export type CitationRelation = 'implements' | 'basis' | 'responds' | 'amends' | 'reports' | 'mentions';

export interface Citation {
  text: string;
  start: number;
  end: number;
  type: string | null;
  ref: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  /** Issuer as written in the citing text. */
  issuer: string | null;
  /** Issuer made explicit in the citing document's context ("Ban Thường vụ Tỉnh ủy Bắc Giang"). */
  issuerNormalized: string | null;
  relation: CitationRelation;
  /** Short forms ("Công văn nêu trên") point at the index of the full citation they repeat. */
  shortFormOf?: number | null;
}

export interface TaskDeadline {
  text: string;
  /** ISO date when one can be computed from the phrase. */
  date: string | null;
  recurrence: 'weekly' | 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'ongoing' | null;
}

export interface Task {
  /** The item's own label as printed: "1.", "a)", "-". */
  label: string;
  text: string;
  start: number;
  end: number;
  lead: string[];
  cooperate: string[];
  deadline: TaskDeadline | null;
  children: Task[];
}

export interface DirectiveMeta {
  type: string | null;
  /** Number and symbol normalized: "571-CV/TU", "5878/UBND-VX", "-CV/HU" for a blank number. */
  ref: string | null;
  number: string | null;
  symbol: string | null;
  issuer: string | null;
  issuerLevel: IssuerLevel | null;
  issuerKind: IssuerKind | null;
  province: string | null;
  /** ISO YYYY-MM-DD of the document itself; null when it states none of its own. */
  date: string | null;
  place: string | null;
  subject: string | null;
  signer: string | null;
  signerCapacity: string | null;
  recipients: Recipient[];
}

export type MetaField = Exclude<keyof DirectiveMeta, 'recipients'>;

export const META_FIELDS: readonly MetaField[] = [
  'type',
  'ref',
  'number',
  'symbol',
  'issuer',
  'issuerLevel',
  'issuerKind',
  'province',
  'date',
  'place',
  'subject',
  'signer',
  'signerCapacity',
];

export interface ParseResult extends DirectiveMeta {
  /** Evidence per metadata field that was found. */
  fields: Partial<Record<MetaField, FieldEvidence>>;
  citations: Citation[];
  tasks: Task[];
  warnings: string[];
}

export function emptyParseResult(): ParseResult {
  return {
    type: null,
    ref: null,
    number: null,
    symbol: null,
    issuer: null,
    issuerLevel: null,
    issuerKind: null,
    province: null,
    date: null,
    place: null,
    subject: null,
    signer: null,
    signerCapacity: null,
    recipients: [],
    fields: {},
    citations: [],
    tasks: [],
    warnings: [],
  };
}
