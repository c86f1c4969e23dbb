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
import { getDocument } from '../db/store';

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

/**
 * What the summaries look up: the document whose history it is and its text (a parser item's key
 * is its span), other documents, a link's citing document and citation, a citation's words.
 */
interface HistoryContext {
  id: number;
  text: string | null;
  document(id: number): { type: string | null; ref: string | null; date: string | null } | null;
  edge(row: s.HistoryRow): EdgeKey | undefined;
  /** «words», and which of them when the citing text has two citations in the same words. */
  citationWords(edge: EdgeKey | undefined): string | undefined;
}

/**
 * «Kế hoạch 99-KH/TU ngày 01/02/2021 của Tỉnh ủy»: a citation or a document as a clerk names it
 * (the issuer where the row has one: a document's label is looked up without it).
 */
function citedLabel(c: {
  type?: unknown;
  ref?: unknown;
  date?: unknown;
  issuer?: unknown;
  text?: unknown;
}): string | undefined {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const head = [str(c.type), str(c.ref)].filter(Boolean).join(' ');
  const date = str(c.date);
  const issuer = str(c.issuer);
  const named = [head, date ? `ngày ${short(date)}` : ''].filter(Boolean).join(' ');
  if (named) return short(issuer ? `${named} của ${issuer}` : named);
  const text = str(c.text);
  return text ? short(text.replace(/\s+/g, ' ')) : undefined;
}

/** The text a parser item's key spans («p1059-1121», «t2300-2512.2»), collapsed and shortened. */
function spannedText(key: string, ctx: HistoryContext): string | undefined {
  const m = /^[pt](\d+)-(\d+)/.exec(key);
  if (!m || ctx.text === null) return undefined;
  const text = ctx.text.slice(Number(m[1]), Number(m[2])).replace(/\s+/g, ' ').trim();
  return text ? short(text) : undefined;
}

/**
 * A correction of a citation or task in words: what the clerk did and to which one
 * («Văn thư thêm trích dẫn «Kế hoạch 99-KH/TU ngày 01/02/2021»»). It said «Thêm chỉnh sửa «trích dẫn»».
 */
function correctionValue(data: Record<string, unknown>): { op?: unknown; value?: Record<string, unknown> } {
  try {
    return JSON.parse(String(data.value_json ?? '{}')) as { op?: unknown; value?: Record<string, unknown> };
  } catch {
    // An unreadable value still names the kind of item.
    return {};
  }
}

/**
 * What a correction names: its value, else (a removal stores none) the row the same change
 * deleted or, taken back, wrote again (`effect`, the trigger's copy of it), else the words its key spans.
 */
function itemLabel(
  kind: string,
  key: string,
  data: Record<string, unknown>,
  ctx: HistoryContext,
  effect?: Record<string, unknown>,
): string | undefined {
  const item = correctionValue(data).value ?? effect ?? {};
  return (
    (kind === 'citation' ? citedLabel(item) : typeof item.text === 'string' ? short(item.text) : undefined) ??
    spannedText(key, ctx)
  );
}

function itemCorrectionSummary(
  row: s.HistoryRow,
  data: Record<string, unknown>,
  ctx: HistoryContext,
  replaced: Record<string, unknown> | undefined,
  effect: Record<string, unknown> | undefined,
): string | null {
  const target = typeof data.target === 'string' ? data.target : '';
  const m = /^(citation|task):(.+)$/.exec(target);
  if (!m) return null;
  const kind = m[1] === 'citation' ? 'trích dẫn' : 'nhiệm vụ';
  const value = correctionValue(data);
  const label = itemLabel(m[1]!, m[2]!, data, ctx, effect);
  const named = label ? ` «${label}»` : '';
  const inserted = row.action === 'insert';
  // Saved again: the clerk edited an item already corrected (or added) — say what it was.
  if (inserted && replaced && value.op !== 'remove') {
    const before = itemLabel(m[1]!, m[2]!, replaced, ctx);
    if (before && label && before !== label) return `Văn thư sửa ${kind} «${before}» thành «${label}»`;
    return `Văn thư sửa ${kind}${named}`;
  }
  switch (value.op) {
    case 'add':
      return inserted ? `Văn thư thêm ${kind}${named}` : `Xóa ${kind} văn thư đã thêm${named}`;
    case 'replace':
      return inserted ? `Văn thư sửa ${kind}${named}` : `Trả ${kind} về bản đọc tự động${named}`;
    case 'remove':
      return inserted ? `Văn thư xóa ${kind}${named}` : `Khôi phục ${kind}${named}`;
    default:
      return null;
  }
}

const DECISION_WORDS: Record<string, string> = {
  confirm: 'Văn thư xác nhận trích dẫn là',
  reject: 'Văn thư xác nhận trích dẫn không phải',
  add: 'Văn thư thêm liên kết tới',
  remove: 'Văn thư bỏ liên kết tới',
};

/** The same decisions in the cited document's history, by the document that cites it. */
const CITED_DECISION_WORDS: Record<string, (from: string) => string> = {
  confirm: (from) => `Văn thư xác nhận «${from}» trích dẫn văn bản này`,
  reject: (from) => `Văn thư xác nhận «${from}» không trích dẫn văn bản này`,
  add: (from) => `Văn thư thêm liên kết từ «${from}»`,
  remove: (from) => `Văn thư bỏ liên kết từ «${from}»`,
};

function documentLabel(id: unknown, ctx: HistoryContext): string | undefined {
  if (typeof id !== 'number') return undefined;
  const doc = ctx.document(id);
  return doc ? (citedLabel(doc) ?? `văn bản #${id}`) : `văn bản #${id}`;
}

function toEntry(
  row: s.HistoryRow,
  ctx: HistoryContext,
  replaced?: Record<string, unknown>,
  effect?: Record<string, unknown>,
): HistoryEntry {
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
  const shown = changes.filter((c) => FIELD_LABELS[c.field] !== undefined);
  const changed =
    row.action === 'update' && shown.length > 0
      ? ': ' +
        shown.map((c) => `${FIELD_LABELS[c.field]} «${short(c.old, c.field)}» → «${short(c.new, c.field)}»`).join('; ')
      : '';
  if (row.entity === 'graph_edges') {
    // Which link: a document's links of two citations of one document read alike otherwise. From
    // the cited side, who cites (the link points at this document); from the citing side, where to.
    const edge = ctx.edge(row);
    const citing = typeof edge?.from_id === 'number' && edge.from_id !== ctx.id ? edge.from_id : null;
    const words = ctx.citationWords(edge);
    if (citing !== null) summary += ` từ «${documentLabel(citing, ctx)}»${words ? `, trích dẫn ${words}` : ''}`;
    else if (words) summary += ` của trích dẫn ${words}`;
    if (row.action === 'update') summary += changed;
    else {
      // What the link points at: the document in the archive, else the citation as written.
      const target =
        citing !== null
          ? undefined
          : typeof data.to_doc === 'number'
            ? documentLabel(data.to_doc, ctx)
            : citedLabel({ ref: data.ref_key, date: data.date });
      const status = VALUE_LABELS.status![String(data.status)];
      if (target !== undefined) summary += ` tới «${target}»`;
      if (status !== undefined) summary += ` (${status})`;
    }
  } else if (row.action === 'update') {
    summary += changed;
  } else if (row.entity === 'corrections') {
    const item = itemCorrectionSummary(row, data, ctx, replaced, effect);
    const label = targetLabel(data.target);
    if (item !== null) summary = item;
    else if (label !== undefined) summary += ` «${label}»`;
  } else if (row.entity === 'graph_decisions') {
    // A link the clerk added goes with its decision (the link's own row is left out, decisionEffects).
    const removedLink = row.action === 'delete' && data.action === 'add';
    const decision = removedLink ? 'remove' : String(data.action);
    // In the cited document's history, the decision is about the document that cites it.
    const cited = typeof data.from_id === 'number' && data.from_id !== ctx.id;
    const target = documentLabel(cited ? data.from_id : data.to_doc, ctx);
    const words = DECISION_WORDS[decision];
    const said = cited
      ? CITED_DECISION_WORDS[decision]?.(target ?? '')
      : words !== undefined
        ? `${words}${target ? ` «${target}»` : ''}`
        : undefined;
    if (said !== undefined && (row.action === 'insert' || removedLink)) summary = said;
    else {
      const label = GRAPH_DECISIONS[String(data.action)];
      if (label !== undefined) summary += ` «${label}»${target ? ` (${target})` : ''}`;
    }
  } else if (row.entity === 'citations') {
    const label = citedLabel(data);
    if (label !== undefined) summary += ` «${label}»`;
  } else if (row.entity !== 'documents') {
    const label = data.text ?? data.label ?? data.ref ?? data.agency;
    if (label !== undefined) summary += ` «${short(label)}»`;
  }
  return { id: row.id, at: row.at, entity: row.entity, entityId: row.entity_id, action: row.action, changes, summary };
}

/**
 * Saving a correction again replaces it (delete, then insert, of one target in one transaction):
 * the delete is not a change of its own and is left out; the insert says what it replaced. By
 * the insert's id, the replaced correction's data. The two rows are written by two statements,
 * one right after the other (nothing else fires between them): their ids follow each other, while
 * their times differ when a millisecond ends between them (1 re-save in ~25 was two entries).
 */
function replacedCorrections(rows: readonly s.HistoryRow[]): Map<number, s.HistoryRow> {
  const replaced = new Map<number, s.HistoryRow>();
  const ordered = rows.filter((r) => r.entity === 'corrections').sort((a, b) => a.id - b.id);
  const targetOf = (r: s.HistoryRow) => {
    try {
      return (JSON.parse(r.data_json) as { target?: unknown }).target;
    } catch {
      return undefined;
    }
  };
  for (let i = 0; i + 1 < ordered.length; i++) {
    const [a, b] = [ordered[i]!, ordered[i + 1]!];
    if (
      a.action === 'delete' &&
      b.action === 'insert' &&
      (b.id === a.id + 1 || a.at === b.at) &&
      targetOf(a) === targetOf(b)
    )
      replaced.set(b.id, a);
  }
  return replaced;
}

/** A clerk's change is one short transaction: the rows it writes follow its first within this. */
const CHANGE_MS = 2000;

function parsed(row: s.HistoryRow): Record<string, unknown> | undefined {
  try {
    return JSON.parse(row.data_json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Removing a parser citation stores no value, only its key (its span in the text); the same change
 * then deletes its citations row, whose trigger copy holds its type, number/symbol, date and issuer.
 * Taking the removal back (the correction's delete) writes the row again. By the correction's id,
 * that row's data: the first citations row after it with the key's span, before the next correction.
 */
function removedCitations(rows: readonly s.HistoryRow[]): Map<number, Record<string, unknown>> {
  const found = new Map<number, Record<string, unknown>>();
  const ordered = [...rows].sort((a, b) => a.id - b.id);
  ordered.forEach((row, i) => {
    if (row.entity !== 'corrections') return;
    const data = parsed(row);
    const key = /^citation:p(\d+)-(\d+)/.exec(typeof data?.target === 'string' ? data.target : '');
    if (!key || !data || correctionValue(data).op !== 'remove') return;
    const wanted = row.action === 'insert' ? 'delete' : 'insert';
    const start = Date.parse(row.at);
    for (let j = i + 1; j < ordered.length; j++) {
      const next = ordered[j]!;
      if (next.entity === 'corrections' || !(Date.parse(next.at) - start <= CHANGE_MS)) break;
      if (next.entity !== 'citations' || next.action !== wanted) continue;
      const cited = parsed(next);
      if (cited?.start === Number(key[1]) && cited.end === Number(key[2])) {
        found.set(row.id, cited);
        break;
      }
    }
  });
  return found;
}

/** What ties a link to a decision: its citing document, match key, citation and cited document. */
interface EdgeKey {
  from_id: unknown;
  match_key: unknown;
  citation_id: unknown;
  to_doc: unknown;
}

/**
 * A decision on #/pending or the graph (confirm, reject, add, take back, remove) and the link rows
 * its transaction changed are one change, said by the decision's entry; they were two or three
 * («Văn thư xác nhận trích dẫn là «…»», then «Sửa liên kết văn bản: trạng thái …» per link). The
 * ids to leave out: graph_edges rows after a graph_decisions row, of its citing document and match
 * key (a link the clerk added or removes: of its cited document and no citation), before any other
 * kind of row and within CHANGE_MS; and a decision the next one replaces (confirm after reject of
 * the same document deletes the reject first).
 */
function decisionEffects(
  rows: readonly s.HistoryRow[],
  edgeOf: (row: s.HistoryRow) => EdgeKey | undefined,
): Set<number> {
  const skip = new Set<number>();
  const ordered = [...rows].sort((a, b) => a.id - b.id);
  ordered.forEach((row, i) => {
    if (row.entity !== 'graph_decisions') return;
    const decision = parsed(row);
    if (!decision) return;
    const start = Date.parse(row.at);
    for (let j = i + 1; j < ordered.length; j++) {
      const next = ordered[j]!;
      if (!(Date.parse(next.at) - start <= CHANGE_MS)) break;
      if (next.entity === 'graph_decisions') {
        const other = parsed(next);
        const replaces =
          row.action === 'delete' &&
          next.action === 'insert' &&
          other !== undefined &&
          (['from_id', 'match_key', 'to_doc'] as const).every((k) => other[k] === decision[k]);
        if (replaces) skip.add(row.id);
        break;
      }
      if (next.entity !== 'graph_edges') break;
      const edge = edgeOf(next);
      if (edge === undefined || edge.from_id !== decision.from_id) continue;
      const ours =
        decision.match_key === null || decision.match_key === undefined
          ? edge.citation_id === null && edge.to_doc === decision.to_doc
          : edge.match_key === decision.match_key;
      if (ours) skip.add(next.id);
    }
  });
  return skip;
}

export function documentHistory(db: Database, documentId: number, limit = 200): HistoryEntry[] {
  const docs = db.prepare('SELECT type, ref, date FROM documents WHERE id = ?');
  const seen = new Map<number, { type: string | null; ref: string | null; date: string | null } | null>();
  let text: string | null | undefined;
  const ctx: HistoryContext = {
    id: documentId,
    edge: (row) => edgeOf(row),
    citationWords: (edge) => citationWords(edge),
    get text() {
      if (text === undefined) text = getDocument(db, documentId)?.text ?? null;
      return text;
    },
    document(id) {
      if (!seen.has(id))
        seen.set(id, (docs.get(id) as { type: string | null; ref: string | null; date: string | null }) ?? null);
      return seen.get(id) ?? null;
    },
  };
  const rows = s.historyOf(db, documentId, limit).filter((row) => !INTERNAL_ENTITIES.has(row.entity));
  const replaced = replacedCorrections(rows);
  const removed = removedCitations(rows);
  // A link's citing document and match key: an insert or delete row holds them, an update only
  // what changed (the live link, else another row of the same link, has them).
  const liveEdge = db.prepare('SELECT from_id, match_key, citation_id, to_doc FROM graph_edges WHERE id = ?');
  const fullEdges = new Map<number, EdgeKey>();
  for (const row of rows) {
    const data = row.entity === 'graph_edges' && row.action !== 'update' ? parsed(row) : undefined;
    if (data && row.entity_id !== null) fullEdges.set(row.entity_id, data as unknown as EdgeKey);
  }
  const edgeOf = (row: s.HistoryRow): EdgeKey | undefined => {
    if (row.action !== 'update') return parsed(row) as EdgeKey | undefined;
    if (row.entity_id === null) return undefined;
    return (liveEdge.get(row.entity_id) as EdgeKey | undefined) ?? fullEdges.get(row.entity_id);
  };
  // A link's citation's words: the live row's (of the link's citing document: a removed citation's
  // id may be another's since), else its span in this document's text, from the row's copy.
  const liveCitation = db.prepare('SELECT text FROM citations WHERE id = ? AND document_id = ?').pluck();
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  const ofDocument = db.prepare('SELECT id, text FROM citations WHERE document_id = ? ORDER BY start, id');
  const citing = new Map<number, { id: number; text: string }[]>();
  const citationsOf = (id: number) => {
    if (!citing.has(id)) citing.set(id, ofDocument.all(id) as { id: number; text: string }[]);
    return citing.get(id)!;
  };
  const citationWords = (edge: EdgeKey | undefined): string | undefined => {
    const citationId = edge?.citation_id;
    if (typeof citationId !== 'number') return undefined;
    const live = liveCitation.get(citationId, edge!.from_id) as string | undefined;
    if (live !== undefined) {
      const words = collapse(live);
      const same = citationsOf(edge!.from_id as number).filter((c) => collapse(c.text) === words);
      const nth = same.findIndex((c) => c.id === citationId) + 1;
      return `«${short(words)}»${same.length > 1 ? ` (lần thứ ${nth} trong văn bản)` : ''}`;
    }
    if (edge!.from_id !== documentId) return undefined;
    const copy = rows.find((r) => r.entity === 'citations' && r.entity_id === citationId && r.action !== 'update');
    const span = copy ? parsed(copy) : undefined;
    if (!span || typeof span.start !== 'number' || typeof span.end !== 'number') return undefined;
    const words = spannedText(`p${span.start}-${span.end}`, ctx);
    return words ? `«${words}»` : undefined;
  };
  const skip = new Set([...replaced.values()].map((r) => r.id));
  for (const id of decisionEffects(rows, edgeOf)) skip.add(id);
  return rows
    .filter((row) => !skip.has(row.id))
    .map((row) => {
      const before = replaced.get(row.id);
      let data: Record<string, unknown> | undefined;
      try {
        data = before ? (JSON.parse(before.data_json) as Record<string, unknown>) : undefined;
      } catch {
        data = undefined;
      }
      return toEntry(row, ctx, data, removed.get(row.id));
    });
}
