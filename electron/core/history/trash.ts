/**
 * History and trash (issue #7). Deleting serializes the whole document into `trash` and deletes the
 * live row: cascades and the search triggers clean up, so search, graph and tasks see an ordinary
 * delete and need no change. Restoring writes it back (same id when free) and re-indexes it.
 */
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import {
  ACTION_LABELS,
  ENTITY_LABELS,
  TRASH_DAYS,
  type HistoryChange,
  type HistoryEntry,
  type TrashEntry,
  type TrashRestoreResult,
} from '../../../shared/model/safety';
import * as s from '../db/safety-store';
import { insertSerialized, serializeDocument, type SerializedDocument } from './serialize';
import { detachDocument } from '../graph/resolve';
import { RELATION_LABELS } from '../../../shared/graph/types';

const DAY_MS = 24 * 60 * 60 * 1000;

export function trashDocument(db: Database, id: number, now = new Date()): { trashId: number } {
  return db
    .transaction(() => {
      const serialized = serializeDocument(db, id);
      if (!serialized) throw new VanthuError('NOT_FOUND', `#${id}`);
      const doc = serialized.payload.document;
      const at = now.toISOString();
      const trashId = s.insertTrash(db, {
        document_id: id,
        content_hash: String(doc.content_hash),
        ref: (doc.ref as string | null) ?? null,
        type: (doc.type as string | null) ?? null,
        issuer: (doc.issuer as string | null) ?? null,
        date: (doc.date as string | null) ?? null,
        subject: (doc.subject as string | null) ?? null,
        deleted_at: at,
        payload_json: JSON.stringify(serialized.payload),
        original: serialized.bytes,
      });
      // Citation graph (issue #5): citations of this document move to placeholders in the same transaction.
      detachDocument(db, id, () => s.withHistoryMuted(db, () => s.deleteDocumentRow(db, id)));
      s.addHistory(db, id, 'trashed', {}, at);
      s.moveHistoryToTrash(db, id, trashId);
      return { trashId };
    })
    .immediate();
}

export function restoreFromTrash(db: Database, trashId: number, now = new Date()): TrashRestoreResult {
  return db
    .transaction((): TrashRestoreResult => {
      const row = s.getTrash(db, trashId);
      if (!row) throw new VanthuError('NOT_FOUND', `thùng rác #${trashId}`);
      // The same text was imported again while this copy sat in the trash.
      const existing = s.findByContentHash(db, row.content_hash);
      if (existing !== null) return { status: 'duplicate', id: existing };
      const payload = JSON.parse(row.payload_json) as SerializedDocument;
      const { id } = s.withHistoryMuted(db, () => insertSerialized(db, payload, row.original, { keepIds: true }));
      s.moveHistoryFromTrash(db, trashId, id);
      s.addHistory(db, id, 'restored', { trashId }, now.toISOString());
      s.deleteTrash(db, [trashId]);
      return { status: 'restored', id };
    })
    .immediate();
}

/** Explicit purge of some entries, or of all with `all`. */
export function purgeTrash(db: Database, ids: readonly number[] | 'all'): number {
  return db
    .transaction(() => {
      const list = ids === 'all' ? s.allTrashIds(db) : [...ids];
      s.deleteHistoryOfTrash(db, list);
      return s.deleteTrash(db, list);
    })
    .immediate();
}

/** Entries kept longer than 30 days go for good; run when the archive opens. */
export function purgeExpired(db: Database, now = new Date()): number {
  const before = new Date(now.getTime() - TRASH_DAYS * DAY_MS).toISOString();
  const ids = s.expiredTrashIds(db, before);
  return ids.length === 0 ? 0 : purgeTrash(db, ids);
}

export function listTrash(db: Database): TrashEntry[] {
  return s.listTrash(db).map((r) => ({
    trashId: r.id,
    documentId: r.document_id,
    ref: r.ref,
    type: r.type,
    issuer: r.issuer,
    date: r.date,
    subject: r.subject,
    deletedAt: r.deleted_at,
    expiresAt: new Date(Date.parse(r.deleted_at) + TRASH_DAYS * DAY_MS).toISOString(),
  }));
}

// ---- history -----------------------------------------------------------------------------------

/**
 * Columns a clerk can read about, in Vietnamese. A column not listed (keys, ids, derived search
 * and graph keys) is left out of the summary: the page showed «Sửa graph_edges: to_doc …».
 */
const FIELD_LABELS: Record<string, string> = {
  ref: 'số/ký hiệu',
  type: 'loại',
  issuer: 'cơ quan ban hành',
  issuer_level: 'cấp',
  issuer_kind: 'khối',
  province: 'tỉnh/thành phố',
  date: 'ngày',
  subject: 'trích yếu',
  signer: 'người ký',
  signer_capacity: 'chức vụ người ký',
  place: 'địa danh',
  number: 'số',
  symbol: 'ký hiệu',
  text: 'nội dung',
  label: 'mục',
  deadline_date: 'hạn',
  deadline_text: 'hạn',
  status: 'trạng thái',
  relation: 'quan hệ',
  agency: 'cơ quan',
  started: 'đã bắt đầu',
  completed_at: 'ngày hoàn thành',
  note: 'ghi chú',
};

/** Coded values, by column, as the pages name them. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  issuer_level: { central: 'Trung ương', province: 'Tỉnh', district: 'Huyện', commune: 'Xã' },
  issuer_kind: { party: 'Đảng', state: 'Nhà nước' },
  status: {
    resolved: 'đã liên kết',
    confirmed: 'văn thư đã xác nhận',
    manual: 'văn thư thêm',
    missing: 'chưa có trong kho',
    uncertain: 'cần văn thư xác nhận',
  },
  relation: RELATION_LABELS,
  started: { '0': 'không', '1': 'có', false: 'không', true: 'có' },
};

/** Derived rows the clerk never sees (search and graph keys): their changes repeat the document's. */
const INTERNAL_ENTITIES = new Set(['graph_docs', 'search_docs']);

/** What a correction's target names: «field:ref» → «số/ký hiệu». */
function targetLabel(target: unknown): string | undefined {
  if (typeof target !== 'string') return undefined;
  if (target.startsWith('citation:')) return 'trích dẫn';
  if (target.startsWith('task:')) return 'nhiệm vụ';
  if (!target.startsWith('field:')) return undefined;
  const column = target.slice('field:'.length).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return FIELD_LABELS[column];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function short(v: unknown, field?: string): string {
  if (v === null || v === undefined) return '—';
  const coded = field ? VALUE_LABELS[field]?.[String(v)] : undefined;
  let text = coded ?? (typeof v === 'string' ? v : JSON.stringify(v));
  const day = ISO_DAY.exec(text);
  if (day) text = `${day[3]}/${day[2]}/${day[1]}`;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

const GRAPH_DECISIONS: Record<string, string> = {
  confirm: 'đúng văn bản này',
  reject: 'không phải',
  add: 'văn thư thêm',
  remove: 'văn thư bỏ',
};

function toEntry(row: s.HistoryRow): HistoryEntry {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(row.data_json) as Record<string, unknown>;
  } catch {
    // A history row is informative; a broken one must not hide the others.
  }
  const changes: HistoryChange[] =
    row.action === 'update'
      ? Object.entries(data).map(([field, pair]) => ({
          field,
          old: (pair as unknown[])?.[0] ?? null,
          new: (pair as unknown[])?.[1] ?? null,
        }))
      : Object.entries(data).map(([field, value]) => ({
          field,
          old: row.action === 'delete' ? value : null,
          new: row.action === 'delete' ? null : value,
        }));
  const what = ENTITY_LABELS[row.entity] ?? 'dữ liệu liên quan';
  const action = ACTION_LABELS[row.action] ?? 'Thay đổi';
  let summary = row.entity === 'documents' ? action : `${action} ${what.toLowerCase()}`;
  if (row.action === 'update') {
    const shown = changes.filter((c) => FIELD_LABELS[c.field] !== undefined);
    if (shown.length > 0)
      summary +=
        ': ' +
        shown.map((c) => `${FIELD_LABELS[c.field]} «${short(c.old, c.field)}» → «${short(c.new, c.field)}»`).join('; ');
  } else if (row.entity === 'corrections') {
    const label = targetLabel(data.target);
    if (label !== undefined) summary += ` «${label}»`;
  } else if (row.entity === 'graph_decisions') {
    const label = GRAPH_DECISIONS[String(data.action)];
    if (label !== undefined) summary += ` «${label}»`;
  } else if (row.entity !== 'documents') {
    const label = data.text ?? data.label ?? data.ref ?? data.agency;
    if (label !== undefined) summary += ` «${short(label)}»`;
  }
  return { id: row.id, at: row.at, entity: row.entity, entityId: row.entity_id, action: row.action, changes, summary };
}

export function documentHistory(db: Database, documentId: number, limit = 200): HistoryEntry[] {
  return s
    .historyOf(db, documentId, limit)
    .filter((row) => !INTERNAL_ENTITIES.has(row.entity))
    .map(toEntry);
}
