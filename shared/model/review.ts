/**
 * Clerk review (issue #3, docs/review.md): what the parser said, what the clerk corrected, and the
 * effective values the archive uses. Pure data and pure functions: shared by the core and the UI.
 *
 * A correction is one row per (document, target). Targets are strings so the table stays simple,
 * but they are only ever built and read through the functions below:
 *   field:<MetaField>        value: the clerk's value (string or null for "không có")
 *   citation:<key>           value: {op:'replace'|'add', citation} or {op:'remove'}
 *   task:<key>               value: {op:'replace'|'add', task} or {op:'remove'}
 * Keys of parser items are their span in the text ("p120-164", "t300-512"), which survives
 * re-parsing whenever the parser still finds the same stretch of text; ordinals do not (a better
 * parser that finds one more citation earlier in the text shifts every ordinal after it).
 * Keys of items the clerk added are "c<n>" and "n<n>", numbered per document.
 */
import type { IssuerKind, IssuerLevel, MetaField, Citation, CitationRelation, Task, TaskDeadline } from './directive';

/** Below this parser confidence a field is marked «cần kiểm tra»; the parser's header fields sit at 0.85–0.95. */
export const DOUBTFUL_BELOW = 0.7;

/** The fields a clerk may correct, in the order the document page shows them. */
export const EDITABLE_FIELDS = [
  'ref',
  'type',
  'issuer',
  'issuerLevel',
  'issuerKind',
  'province',
  'date',
  'place',
  'subject',
  'signer',
  'signerCapacity',
  'number',
  'symbol',
] as const satisfies readonly MetaField[];

export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const FIELD_LABELS: Record<EditableField, string> = {
  ref: 'Số/ký hiệu',
  type: 'Loại văn bản',
  issuer: 'Cơ quan ban hành',
  issuerLevel: 'Cấp',
  issuerKind: 'Khối',
  province: 'Tỉnh/thành phố',
  date: 'Ngày ban hành',
  place: 'Nơi ban hành',
  subject: 'Trích yếu',
  signer: 'Người ký',
  signerCapacity: 'Chức vụ ký',
  number: 'Số',
  symbol: 'Ký hiệu',
};

export const ISSUER_LEVELS: readonly IssuerLevel[] = ['central', 'province', 'district', 'commune'];
export const ISSUER_KINDS: readonly IssuerKind[] = ['party', 'state'];
export const CITATION_RELATIONS: readonly CitationRelation[] = [
  'implements',
  'basis',
  'responds',
  'amends',
  'reports',
  'mentions',
];

/** A citation as the clerk states it. Without a span the core looks the text up in the document. */
export interface CitationValue {
  text: string;
  type: string | null;
  ref: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  relation: CitationRelation;
  start: number;
  end: number;
}

/** A task as the clerk states it; the children of a corrected parser task stay as they were. */
export interface TaskValue {
  label: string;
  text: string;
  lead: string[];
  cooperate: string[];
  deadline: TaskDeadline | null;
  start: number;
  end: number;
}

export type ItemChange<T> = { op: 'replace'; value: T } | { op: 'add'; value: T } | { op: 'remove' };

export type Correction =
  | { kind: 'field'; field: EditableField; value: string | null }
  | { kind: 'citation'; key: string; change: ItemChange<CitationValue> }
  | { kind: 'task'; key: string; change: ItemChange<TaskValue> };

export type CorrectionKind = Correction['kind'];

/** A correction as stored: with its row id and when the clerk made it (ISO). */
export type StoredCorrection = Correction & { id: number; createdAt: string };

const FIELD_SET: ReadonlySet<string> = new Set(EDITABLE_FIELDS);
const PARSER_CITATION_KEY = /^p\d+-\d+(?:\.\d+)?$/;
const ADDED_CITATION_KEY = /^c\d+$/;
const PARSER_TASK_KEY = /^t\d+-\d+(?:\.\d+)?$/;
const ADDED_TASK_KEY = /^n\d+$/;

export function isEditableField(name: string): name is EditableField {
  return FIELD_SET.has(name);
}
export const isCitationKey = (key: string): boolean => PARSER_CITATION_KEY.test(key) || ADDED_CITATION_KEY.test(key);
export const isAddedCitationKey = (key: string): boolean => ADDED_CITATION_KEY.test(key);
export const isTaskKey = (key: string): boolean => PARSER_TASK_KEY.test(key) || ADDED_TASK_KEY.test(key);
export const isAddedTaskKey = (key: string): boolean => ADDED_TASK_KEY.test(key);

export function correctionTarget(c: Pick<Correction, 'kind'> & ({ field: EditableField } | { key: string })): string {
  return 'field' in c ? `field:${c.field}` : `${c.kind}:${c.key}`;
}

export function correctionValueJson(c: Correction): string {
  return JSON.stringify(c.kind === 'field' ? c.value : c.change);
}

/**
 * Reads a stored row back into a typed correction; null for a target this version does not know
 * (written by a newer Vanthu), which is then left untouched rather than misapplied.
 */
export function readCorrection(target: string, valueJson: string): Correction | null {
  const colon = target.indexOf(':');
  if (colon < 0) return null;
  const kind = target.slice(0, colon);
  const rest = target.slice(colon + 1);
  let value: unknown;
  try {
    value = JSON.parse(valueJson);
  } catch {
    return null;
  }
  if (kind === 'field') {
    if (!isEditableField(rest) || (value !== null && typeof value !== 'string')) return null;
    return { kind: 'field', field: rest, value };
  }
  const change = value as { op?: unknown; value?: unknown } | null;
  if (!change || (change.op !== 'replace' && change.op !== 'add' && change.op !== 'remove')) return null;
  if (change.op !== 'remove' && (typeof change.value !== 'object' || change.value === null)) return null;
  if (kind === 'citation' && isCitationKey(rest))
    return { kind: 'citation', key: rest, change: change as ItemChange<CitationValue> };
  if (kind === 'task' && isTaskKey(rest)) return { kind: 'task', key: rest, change: change as ItemChange<TaskValue> };
  return null;
}

// ---- What getDocument shows of the review -------------------------------------------------------

export interface FieldReview {
  field: EditableField;
  /** The parser's value and confidence (0..1); confidence is null when the parser found nothing. */
  parsed: string | null;
  confidence: number | null;
  /** The value in effect (the clerk's when corrected). */
  value: string | null;
  /** Missing or below DOUBTFUL_BELOW, and not vouched for by the clerk. */
  doubtful: boolean;
  /** When the clerk corrected it (ISO), or null. */
  correctedAt: string | null;
}

export type ItemOrigin = 'parser' | 'clerk';

export interface ReviewedCitation extends Citation {
  /** Stable key for saveCitation/removeCitation (not the ordinal, which moves on re-parse). */
  key: string;
  origin: ItemOrigin;
  correctedAt: string | null;
}

export interface ReviewedTask extends Omit<Task, 'children'> {
  key: string;
  origin: ItemOrigin;
  correctedAt: string | null;
  children: ReviewedTask[];
}

export interface RemovedItem {
  key: string;
  kind: 'citation' | 'task';
  /** What the parser had there, so the clerk can see what was removed and undo it. */
  text: string;
  correctedAt: string;
}

export interface DocumentReview {
  /** A scan without a text layer: nothing to parse, the clerk types the metadata. */
  scanned: boolean;
  parserVersion: number;
  fields: FieldReview[];
  citations: ReviewedCitation[];
  tasks: ReviewedTask[];
  /** Parser items the clerk removed, still present in the parser's output. */
  removed: RemovedItem[];
  correctionCount: number;
  /** Latest correction time (ISO), or null when nothing was corrected. */
  lastCorrectedAt: string | null;
}

/** Summary of a re-parse run (CLI and API). */
export interface ReparseReport {
  /** Documents looked at (stale ones, or all with --all). */
  total: number;
  reparsed: number;
  /** Documents whose effective values changed. */
  changed: number;
  failed: number;
  /** Corrections re-applied across the reparsed documents. */
  correctionsKept: number;
  parserVersion: number;
  failures: { id: number; reason: string }[];
}

/** "571-CV/TU" → number "571", symbol "CV/TU"; "-CV/HU" (blank number) → number null. */
export function splitRef(ref: string): { number: string | null; symbol: string | null } {
  const m = /^\s*(\d+[A-Za-z]?)?\s*[-/]\s*(\S.*?)\s*$/u.exec(ref);
  if (!m) return { number: null, symbol: null };
  return { number: m[1] ?? null, symbol: m[2]! };
}
