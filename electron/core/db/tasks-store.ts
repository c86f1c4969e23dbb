/**
 * SQL of task sheets and tracking (issue #6), bound parameters only. The parser's `tasks` rows are
 * only read here; the clerk's edits live in task_sheets and task_tracking (migration 0050).
 */
import type { Database } from 'better-sqlite3';
import type { TaskDeadline } from '../../../shared/model/directive';
import type { ParsedTaskRow, TaskSheetDocument, TrackingState } from '../../../shared/tasks/types';
import { refKey } from '../../../shared/text/ref';
import { stmt } from './statements';
import { taskText } from './store';
import { documentText as storedDocumentText } from './text';

export type TaskDocumentRow = TaskSheetDocument;

export interface TrackingRow extends TrackingState {
  documentId: number;
  itemKey: string;
  agency: string;
}

export function getOfficeSettingsJson(db: Database): string | null {
  const row = db.prepare('SELECT settings_json FROM office_settings WHERE id = 1').get() as
    { settings_json: string } | undefined;
  return row?.settings_json ?? null;
}

export function saveOfficeSettingsJson(db: Database, json: string, now: string): void {
  db.prepare(
    `INSERT INTO office_settings (id, settings_json, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
  ).run(json, now);
}

interface DocumentDbRow {
  id: number;
  ref: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  issuer_kind: string | null;
  province: string | null;
  place: string | null;
}

const DOC_COLUMNS = 'id, ref, type, date, issuer, subject, issuer_kind, province, place';
const toDocument = (r: DocumentDbRow): TaskDocumentRow => ({
  id: r.id,
  ref: r.ref,
  type: r.type,
  date: r.date,
  issuer: r.issuer,
  subject: r.subject,
  issuerKind: r.issuer_kind,
  province: r.province,
  place: r.place,
});

export function taskDocument(db: Database, id: number): TaskDocumentRow | null {
  const row = db.prepare(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocumentDbRow | undefined;
  return row ? toDocument(row) : null;
}

/**
 * Documents with tasks (parsed or on a saved sheet), by date. With `since`, only those dated from
 * that day (or undated and received since), plus those the clerk has engaged with: a saved sheet or
 * a tracking row (shared/tasks/types.ts, TRACKING_WINDOW_DAYS). The date and import-time indexes
 * find them without reading every document.
 */
export function documentsWithTasks(db: Database, since: string | null = null): TaskDocumentRow[] {
  const hasTasks = `(EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id)
       OR EXISTS (SELECT 1 FROM task_sheets s WHERE s.document_id = d.id))`;
  if (since === null)
    return (
      stmt(
        db,
        `SELECT ${DOC_COLUMNS} FROM documents d WHERE ${hasTasks} ORDER BY date IS NULL, date, id`,
      ).all() as DocumentDbRow[]
    ).map(toDocument);
  // Three reads, each on its own index (as one UNION, SQLite scanned every document for the dates).
  const rows = [
    ...(stmt(db, `SELECT ${DOC_COLUMNS} FROM documents d WHERE date >= ? AND ${hasTasks}`).all(
      since,
    ) as DocumentDbRow[]),
    ...(stmt(db, `SELECT ${DOC_COLUMNS} FROM documents d WHERE date IS NULL AND imported_at >= ? AND ${hasTasks}`).all(
      since,
    ) as DocumentDbRow[]),
    ...(stmt(
      db,
      `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id IN (SELECT document_id FROM task_sheets UNION SELECT document_id FROM task_tracking)
         AND ${hasTasks}`,
    ).all() as DocumentDbRow[]),
  ];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [...byId.values()]
    .sort(
      (a, b) =>
        (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) ||
        (a.date ?? '').localeCompare(b.date ?? '') ||
        a.id - b.id,
    )
    .map(toDocument);
}

/** Every document's number/symbol, read from the covering index `documents_graph_keys`, not the rows. */
export const DOCUMENT_REFS_SQL = 'SELECT id, ref FROM documents WHERE ref IS NOT NULL';

/**
 * The documents with tasks whose number/symbol reads (`refKey`) as one of `refKeys`, in the order of
 * `documentsWithTasks()`. Reports cite a few directives: reading every document with tasks to find
 * them held the app 1.1–3.4 s at 100k documents.
 */
export function documentsWithTasksByRefKey(
  db: Database,
  refKeys: ReadonlySet<string>,
  documentId: number | null = null,
): TaskDocumentRow[] {
  if (refKeys.size === 0) return [];
  const ids =
    documentId !== null
      ? [documentId]
      : (stmt(db, DOCUMENT_REFS_SQL).all() as { id: number; ref: string }[])
          .filter((r) => r.ref && refKeys.has(refKey(r.ref)))
          .map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = stmt(
    db,
    `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))
       AND (EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id) OR EXISTS (SELECT 1 FROM task_sheets s WHERE s.document_id = d.id))
     ORDER BY date IS NULL, date, id`,
  ).all(JSON.stringify(ids)) as DocumentDbRow[];
  return rows.filter((r) => r.ref && refKeys.has(refKey(r.ref))).map(toDocument);
}

interface TaskDbRow {
  ordinal: number;
  parent_ordinal: number | null;
  label: string;
  text: string;
  text_from: number | null;
  end: number;
  lead_json: string;
  cooperate_json: string;
  deadline_text: string | null;
  deadline_date: string | null;
  recurrence: string | null;
}

export function parsedTasks(db: Database, documentId: number): ParsedTaskRow[] {
  // Cached: the dashboard reads the tasks of every directive it covers.
  const rows = stmt(
    db,
    `SELECT ordinal, parent_ordinal, label, text, text_from, end, lead_json, cooperate_json, deadline_text, deadline_date, recurrence
       FROM tasks WHERE document_id = ? ORDER BY ordinal`,
  ).all(documentId) as TaskDbRow[];
  // Rows written since migration 0110 keep their text as a span of the document text.
  const documentText = rows.some((r) => r.text_from !== null) ? storedDocumentText(db, documentId) : '';
  return rows.map((r) => ({
    ordinal: r.ordinal,
    parentOrdinal: r.parent_ordinal,
    label: r.label,
    text: taskText(r, documentText),
    lead: JSON.parse(r.lead_json) as string[],
    cooperate: JSON.parse(r.cooperate_json) as string[],
    deadline: deadlineOf(r),
  }));
}

/** A parsed task without its text: what the dashboard counts, numbers and dates. */
export interface TaskOutline {
  ordinal: number;
  parentOrdinal: number | null;
  /** The lead agencies as stored (JSON): many tasks share one list, so callers key memos on it. */
  leadJson: string;
  deadline: TaskDeadline | null;
}

type DeadlineColumns = Pick<TaskDbRow, 'deadline_text' | 'deadline_date' | 'recurrence'>;

const deadlineOf = (r: DeadlineColumns): TaskDeadline | null =>
  r.deadline_text !== null || r.deadline_date !== null || r.recurrence !== null
    ? { text: r.deadline_text ?? '', date: r.deadline_date, recurrence: r.recurrence as TaskDeadline['recurrence'] }
    : null;

/** The tasks of one document as `parsedTasks` gives them, less the texts (no document text is decoded). */
export function taskOutlines(db: Database, documentId: number): TaskOutline[] {
  // Rows as arrays: the dashboard reads 1.26 million of them at 100,000 directives (2.2 → 1.4 s).
  const rows = stmt(
    db,
    `SELECT ordinal, parent_ordinal, lead_json, deadline_text, deadline_date, recurrence
       FROM tasks WHERE document_id = ? ORDER BY ordinal`,
  )
    .raw(true)
    .all(documentId) as [number, number | null, string, string | null, string | null, string | null][];
  return rows.map(([ordinal, parentOrdinal, leadJson, deadline_text, deadline_date, recurrence]) => ({
    ordinal,
    parentOrdinal,
    leadJson,
    deadline: deadlineOf({ deadline_text, deadline_date, recurrence }),
  }));
}

/** Documents whose tasks the clerk has touched: a saved sheet or a tracking row. */
export function engagedDocumentIds(db: Database): Set<number> {
  const rows = stmt(db, 'SELECT document_id FROM task_sheets UNION SELECT document_id FROM task_tracking').all() as {
    document_id: number;
  }[];
  return new Set(rows.map((r) => r.document_id));
}

export function getSheetEditsJson(db: Database, documentId: number): string | null {
  const row = stmt(db, 'SELECT edits_json FROM task_sheets WHERE document_id = ?').get(documentId) as
    { edits_json: string } | undefined;
  return row?.edits_json ?? null;
}

export function saveSheetEditsJson(db: Database, documentId: number, json: string, now: string): void {
  db.prepare(
    `INSERT INTO task_sheets (document_id, edits_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET edits_json = excluded.edits_json, updated_at = excluded.updated_at`,
  ).run(documentId, json, now);
}

export function deleteSheetEdits(db: Database, documentId: number): void {
  db.prepare('DELETE FROM task_sheets WHERE document_id = ?').run(documentId);
}

interface TrackingDbRow {
  document_id: number;
  item_key: string;
  agency: string;
  started: number;
  completed_at: string | null;
  evidence_document_id: number | null;
  note: string;
}

const toTracking = (r: TrackingDbRow): TrackingRow => ({
  documentId: r.document_id,
  itemKey: r.item_key,
  agency: r.agency,
  started: r.started === 1,
  completedAt: r.completed_at,
  evidenceDocumentId: r.evidence_document_id,
  note: r.note,
});

export function trackingRows(db: Database, documentId?: number): TrackingRow[] {
  const sql = `SELECT document_id, item_key, agency, started, completed_at, evidence_document_id, note FROM task_tracking`;
  const rows = (
    documentId === undefined ? db.prepare(sql).all() : db.prepare(`${sql} WHERE document_id = ?`).all(documentId)
  ) as TrackingDbRow[];
  return rows.map(toTracking);
}

export function upsertTracking(db: Database, row: TrackingRow, now: string): void {
  db.prepare(
    `INSERT INTO task_tracking (document_id, item_key, agency, started, completed_at, evidence_document_id, note, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id, item_key, agency) DO UPDATE SET started = excluded.started, completed_at = excluded.completed_at,
       evidence_document_id = excluded.evidence_document_id, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(
    row.documentId,
    row.itemKey,
    row.agency,
    row.started ? 1 : 0,
    row.completedAt,
    row.evidenceDocumentId,
    row.note,
    now,
  );
}

export function documentRef(db: Database, id: number): string | null {
  const row = db.prepare('SELECT ref FROM documents WHERE id = ?').get(id) as { ref: string | null } | undefined;
  return row?.ref ?? null;
}

export function documentExists(db: Database, id: number): boolean {
  return db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
}

export interface ReportCitationRow {
  citingId: number;
  citingRef: string | null;
  citingIssuer: string | null;
  citingDate: string | null;
  citedRef: string;
  citedDate: string | null;
}

/** Citations with relation "reports" (a report naming the directive it reports on), latest reports first, undated last. */
export function reportCitations(db: Database): ReportCitationRow[] {
  return db
    .prepare(
      `SELECT c.document_id AS citingId, d.ref AS citingRef, d.issuer AS citingIssuer, d.date AS citingDate, c.ref AS citedRef, c.date AS citedDate
       FROM citations c JOIN documents d ON d.id = c.document_id
       WHERE c.relation = 'reports' AND c.ref IS NOT NULL
       ORDER BY d.date IS NULL, d.date DESC, c.document_id DESC, c.id`,
    )
    .all() as ReportCitationRow[];
}
