/**
 * Clerk review (issue #3, docs/review.md). Every change is one short synchronous transaction:
 * store the correction, recompute the effective document from parse_json + corrections, write it
 * to documents/citations/tasks, and re-index it for search, so list, search and graph never see a
 * half-applied correction.
 */
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import type { CitationInput, TaskInput } from '../../../shared/api/review-inputs';
import { emptyParseResult, type Citation, type ParseResult, type Task } from '../../../shared/model/directive';
import { parseDocumentText } from '../../../shared/parser';
import {
  correctionTarget,
  correctionValueJson,
  isAddedCitationKey,
  isAddedTaskKey,
  readCorrection,
  splitRef,
  type CitationValue,
  type Correction,
  type EditableField,
  type ReviewedTask,
  type StoredCorrection,
  type TaskValue,
} from '../../../shared/model/review';
import * as reviewStore from '../db/review-store';
import { reindexDocument } from '../search/indexer';
import { applyCorrections, type Applied } from './apply';

export type Now = () => Date;

export interface Reviewed extends Applied {
  id: number;
  text: string;
}

function storedCorrections(db: Database, id: number): StoredCorrection[] {
  const out: StoredCorrection[] = [];
  for (const row of reviewStore.listCorrections(db, id)) {
    // A target this version does not know (a newer Vanthu wrote it) is kept but not applied.
    const c = readCorrection(row.target, row.value_json);
    if (c) out.push({ ...c, id: row.id, createdAt: row.created_at });
  }
  return out;
}

function parseOf(json: string): ParseResult {
  try {
    return { ...emptyParseResult(), ...(JSON.parse(json) as ParseResult) };
  } catch {
    // A damaged parse_json must not hide the document: the clerk can still correct every field.
    return emptyParseResult();
  }
}

/** The document's effective values and review, computed from what is stored. */
export function reviewDocument(db: Database, id: number): Reviewed | null {
  const source = reviewStore.reviewSource(db, id);
  if (!source) return null;
  const applied = applyCorrections(parseOf(source.parseJson), storedCorrections(db, id), source);
  return { id, text: source.text, ...applied };
}

function mustReview(db: Database, id: number): Reviewed {
  const r = reviewDocument(db, id);
  if (!r) throw new VanthuError('NOT_FOUND', `#${id}`);
  return r;
}

/** Recomputes and writes the effective values and the search index. Call inside a transaction. */
function refresh(db: Database, id: number, now: Now): Reviewed {
  const r = mustReview(db, id);
  reviewStore.writeEffective(db, id, r.effective, now().toISOString());
  reindexDocument(db, id);
  return r;
}

function change<T>(db: Database, id: number, now: Now, run: (current: Reviewed) => T): Reviewed {
  return db
    .transaction(() => {
      run(mustReview(db, id));
      return refresh(db, id, now);
    })
    .immediate();
}

function put(db: Database, id: number, correction: Correction, now: Now): void {
  reviewStore.putCorrection(db, id, correctionTarget(correction), correctionValueJson(correction), now().toISOString());
}

// ---- Fields -----------------------------------------------------------------------------------

export function correctField(
  db: Database,
  input: { id: number; field: EditableField; value: string | null },
  now: Now,
): Reviewed {
  return change(db, input.id, now, () =>
    put(db, input.id, { kind: 'field', field: input.field, value: input.value }, now),
  );
}

export function clearCorrection(db: Database, input: { id: number; target: string }, now: Now): Reviewed {
  return change(db, input.id, now, () => {
    if (!reviewStore.deleteCorrection(db, input.id, input.target)) {
      throw new VanthuError(
        'INVALID_INPUT',
        `Văn bản #${input.id} không có chỉnh sửa «${input.target}» để hoàn tác. Có thể nó vừa được sửa hoặc xóa ở cửa sổ khác: hãy mở lại văn bản.`,
      );
    }
  });
}

// ---- Citations and tasks -----------------------------------------------------------------------

/** Where a phrase sits in the text: the clerk's span when given, else its first occurrence, else nowhere (0, 0). */
function locate(
  text: string,
  phrase: string,
  start: number | undefined,
  end: number | undefined,
): { start: number; end: number } {
  if (start !== undefined && end !== undefined) {
    if (end > text.length)
      throw new VanthuError('INVALID_INPUT', `Vị trí ${start}–${end} vượt quá độ dài văn bản (${text.length} ký tự).`);
    return { start, end };
  }
  const at = text.indexOf(phrase);
  if (at >= 0) return { start: at, end: at + phrase.length };
  // Line breaks in the document where the clerk typed spaces.
  const pattern = phrase
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const m = new RegExp(pattern, 'u').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : { start: 0, end: 0 };
}

function nextAddedKey(keys: Iterable<string>, prefix: 'c' | 'n'): string {
  let max = 0;
  for (const k of keys) if (k.startsWith(prefix)) max = Math.max(max, Number(k.slice(1)) || 0);
  return `${prefix}${max + 1}`;
}

function citationValue(input: CitationInput, text: string, existing: Citation | null): CitationValue {
  const parts =
    input.ref && !input.number && !input.symbol ? splitRef(input.ref) : { number: input.number, symbol: input.symbol };
  // Editing a citation keeps its place in the text unless the clerk moved it or changed its words.
  const keepSpan =
    existing && input.start === undefined && existing.text === input.text && existing.end > existing.start;
  const span = keepSpan
    ? { start: existing.start, end: existing.end }
    : locate(text, input.text!, input.start, input.end);
  return {
    text: input.text!,
    type: input.type,
    ref: input.ref,
    number: parts.number,
    symbol: parts.symbol,
    date: input.date,
    issuer: input.issuer,
    relation: input.relation,
    ...span,
  };
}

export function saveCitation(
  db: Database,
  input: { id: number; key?: string | undefined; citation: CitationInput },
  now: Now,
): Reviewed {
  return change(db, input.id, now, (current) => {
    const existing = input.key ? current.review.citations.find((c) => c.key === input.key) : undefined;
    if (input.key && !existing)
      throw new VanthuError(
        'INVALID_INPUT',
        `Văn bản không có trích dẫn «${input.key}». Có thể nó vừa được sửa hoặc xóa ở cửa sổ khác: hãy mở lại văn bản.`,
      );
    const key = input.key ?? nextAddedKey(correctionKeys(db, input.id, 'citation'), 'c');
    const value = citationValue(input.citation, current.text, existing ?? null);
    const op = existing && existing.origin === 'parser' ? 'replace' : isAddedCitationKey(key) ? 'add' : 'replace';
    put(db, input.id, { kind: 'citation', key, change: { op, value } }, now);
  });
}

export function removeCitation(db: Database, input: { id: number; key: string }, now: Now): Reviewed {
  return change(db, input.id, now, (current) => {
    const existing = current.review.citations.find((c) => c.key === input.key);
    if (!existing)
      throw new VanthuError(
        'INVALID_INPUT',
        `Văn bản không có trích dẫn «${input.key}». Có thể nó vừa được sửa hoặc xóa ở cửa sổ khác: hãy mở lại văn bản.`,
      );
    // The parser would find it again on re-parse, so its removal is remembered; the clerk's own just goes.
    if (existing.origin === 'parser')
      put(db, input.id, { kind: 'citation', key: input.key, change: { op: 'remove' } }, now);
    else reviewStore.deleteCorrection(db, input.id, correctionTarget({ kind: 'citation', key: input.key }));
  });
}

function findTask(tasks: readonly ReviewedTask[], key: string): ReviewedTask | null {
  for (const t of tasks) {
    if (t.key === key) return t;
    const inner = findTask(t.children, key);
    if (inner) return inner;
  }
  return null;
}

/** Keys of the clerk's corrections of one kind: a new item's number comes after all of them. */
function correctionKeys(db: Database, id: number, kind: 'citation' | 'task'): string[] {
  return storedCorrections(db, id).flatMap((c) => (c.kind === kind ? [c.key] : []));
}

function taskValue(input: TaskInput, text: string, existing: Task | null): TaskValue {
  const keepSpan =
    existing && input.start === undefined && existing.text === input.text && existing.end > existing.start;
  const span = keepSpan
    ? { start: existing.start, end: existing.end }
    : locate(text, input.text!, input.start, input.end);
  const deadline =
    input.deadlineText || input.deadlineDate
      ? { text: input.deadlineText ?? '', date: input.deadlineDate, recurrence: null }
      : null;
  return { label: input.label, text: input.text!, lead: input.lead, cooperate: input.cooperate, deadline, ...span };
}

export function saveTask(
  db: Database,
  input: { id: number; key?: string | undefined; task: TaskInput },
  now: Now,
): Reviewed {
  return change(db, input.id, now, (current) => {
    const existing = input.key ? findTask(current.review.tasks, input.key) : null;
    if (input.key && !existing)
      throw new VanthuError(
        'INVALID_INPUT',
        `Văn bản không có nhiệm vụ «${input.key}». Có thể nó vừa được sửa hoặc xóa ở cửa sổ khác: hãy mở lại văn bản.`,
      );
    const key = input.key ?? nextAddedKey(correctionKeys(db, input.id, 'task'), 'n');
    const value = taskValue(input.task, current.text, existing);
    const op = existing && existing.origin === 'parser' ? 'replace' : isAddedTaskKey(key) ? 'add' : 'replace';
    put(db, input.id, { kind: 'task', key, change: { op, value } }, now);
  });
}

export function removeTask(db: Database, input: { id: number; key: string }, now: Now): Reviewed {
  return change(db, input.id, now, (current) => {
    const existing = findTask(current.review.tasks, input.key);
    if (!existing)
      throw new VanthuError(
        'INVALID_INPUT',
        `Văn bản không có nhiệm vụ «${input.key}». Có thể nó vừa được sửa hoặc xóa ở cửa sổ khác: hãy mở lại văn bản.`,
      );
    if (existing.origin === 'parser')
      put(db, input.id, { kind: 'task', key: input.key, change: { op: 'remove' } }, now);
    else reviewStore.deleteCorrection(db, input.id, correctionTarget({ kind: 'task', key: input.key }));
  });
}

// ---- Re-parsing ---------------------------------------------------------------------------------

export type ParseFn = (text: string) => ParseResult;

export interface ReparseOutcome {
  changed: boolean;
  correctionsKept: number;
}

/** The parser's fresh reading of one document's stored text (no transaction: it writes nothing). */
export function parseForReparse(db: Database, id: number, parse: ParseFn): ParseResult {
  const source = reviewStore.reviewSource(db, id);
  if (!source) throw new VanthuError('NOT_FOUND', `#${id}`);
  return parseDocumentText(source.text, parse);
}

/**
 * Writes a fresh parse and re-applies the document's corrections, in one transaction (a savepoint
 * when the caller has one open: `vanthu reparse` writes a batch of documents per commit).
 */
export function writeReparse(
  db: Database,
  id: number,
  fresh: ParseResult,
  parserVersion: number,
  now: Now,
): ReparseOutcome {
  return db
    .transaction((): ReparseOutcome => {
      const before = mustReview(db, id);
      reviewStore.writeParse(db, id, fresh, parserVersion);
      const after = refresh(db, id, now);
      return {
        changed: JSON.stringify(before.effective) !== JSON.stringify(after.effective),
        correctionsKept: after.review.correctionCount,
      };
    })
    .immediate();
}

/**
 * Re-runs the parser over one document's stored text and re-applies its corrections, in one
 * transaction. The parser runs before the transaction opens so the write lock is held briefly.
 */
export function reparseOne(db: Database, id: number, parse: ParseFn, parserVersion: number, now: Now): ReparseOutcome {
  return writeReparse(db, id, parseForReparse(db, id, parse), parserVersion, now);
}
