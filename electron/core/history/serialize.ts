/**
 * A whole document as data: its row, its original, and the rows of every table that refers to it
 * (read from the live schema: citations, tasks, corrections, and whatever graph links or task
 * statuses other features add). Used by the trash and by bundles (docs/safety.md).
 */
import type { Database } from 'better-sqlite3';
import {
  decodeRow,
  documentIdExists,
  documentRow,
  encodeRow,
  insertRow,
  originalRow,
  relations,
  rowidAliasOf,
  selectRows,
  type Relation,
  type Row,
} from '../db/safety-store';
import { reindexDocument } from '../search/indexer';
import { originalBytes, storedParseJson, taskText } from '../db/store';
import { storedText } from '../db/text';
import { resolveDocument } from '../graph/resolve';

export interface SerializedDocument {
  format: 'vanthu-document';
  version: 1;
  document: Row;
  /** The originals row without its bytes (they travel beside the JSON, as a BLOB). */
  original: Row;
  related: { table: string; depth: 1 | 2; rows: Row[] }[];
}

interface TableRelations {
  table: string;
  depth: 1 | 2;
  rels: Relation[];
}

function groupRelations(db: Database): TableRelations[] {
  const byTable = new Map<string, TableRelations>();
  for (const rel of relations(db)) {
    const entry = byTable.get(rel.table) ?? { table: rel.table, depth: rel.depth, rels: [] };
    entry.rels.push(rel);
    byTable.set(rel.table, entry);
  }
  return [...byTable.values()].sort((a, b) => a.depth - b.depth);
}

export function serializeDocument(db: Database, id: number): { payload: SerializedDocument; bytes: Buffer } | null {
  const doc = documentRow(db, id);
  const orig = originalRow(db, id);
  if (!doc || !orig) return null;
  // Everything travels in its full form (the text plain, the original raw, the whole parse result,
  // every task's text), as rows written before migration 0110 are: trash and bundles never depend
  // on this archive's storage, and an older Vanthu reads a bundle from this one.
  const text = storedText({
    text: typeof doc.text === 'string' ? doc.text : '',
    text_packed: doc.text_packed as Buffer | null | undefined,
  });
  if ('text_packed' in doc) {
    doc.text = text;
    delete doc.text_packed;
  }
  const { bytes: stored, compression, ...original } = orig;
  const bytes = originalBytes({ bytes: stored as Buffer, compression: compression as number | null | undefined, text });
  if ('parse_packed' in doc) {
    doc.parse_json = storedParseJson({
      parse_json: doc.parse_json as string,
      parse_packed: doc.parse_packed as Buffer | null,
      text,
    });
    delete doc.parse_packed;
  }
  const related: SerializedDocument['related'] = [];
  const rowsByTable = new Map<string, Row[]>();
  for (const group of groupRelations(db)) {
    const seen = new Set<string>();
    const rows: Row[] = [];
    for (const rel of group.rels) {
      let keys: unknown[];
      if (rel.depth === 1) keys = [id];
      else
        keys = (rowsByTable.get(rel.parent) ?? [])
          .map((r) => r[rel.parentColumn])
          .filter((v) => v !== undefined && v !== null);
      for (const row of selectRows(db, group.table, rel.column, keys)) {
        const key = JSON.stringify(encodeRow(row));
        if (!seen.has(key)) {
          seen.add(key);
          rows.push(row);
        }
      }
    }
    rowsByTable.set(group.table, rows);
    const portable = group.table === 'tasks' ? rows.map((r) => fullTaskRow(r, text)) : rows;
    if (rows.length > 0) related.push({ table: group.table, depth: group.depth, rows: portable.map(encodeRow) });
  }
  return {
    payload: {
      format: 'vanthu-document',
      version: 1,
      document: encodeRow(doc),
      original: encodeRow(original),
      related,
    },
    bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as Uint8Array),
  };
}

/** A tasks row with its text spelled out (text_from dropped: NULL when written back). */
function fullTaskRow(row: Row, documentText: string): Row {
  if (!('text_from' in row)) return row;
  const { text_from, ...rest } = row;
  return {
    ...rest,
    text: taskText(
      { text: row.text as string, text_from: text_from as number | null, end: row.end as number },
      documentText,
    ),
  };
}

export interface InsertOptions {
  /** Keep the document's id and its rows' ids when free (trash restore); bundles take new ids. */
  keepIds: boolean;
  /** Old → new ids of documents inserted from the same bundle, for rows linking two documents. */
  documentMap?: Map<number, number>;
}

function isConstraint(error: unknown, kind: string): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && (kind === '' || code.includes(kind));
}

/**
 * Writes a serialized document back, with its related rows, and indexes it for search. Rows that
 * point at a document this archive does not have (a link to a directive the sender had) are left
 * out: the citation text stays, and the graph resolves it again. Call inside a transaction.
 */
export function insertSerialized(
  db: Database,
  payload: SerializedDocument,
  bytes: Buffer,
  options: InsertOptions,
): { id: number; skippedRows: number } {
  const doc = decodeRow(payload.document);
  const oldId = Number(doc.id);
  if (!options.keepIds || documentIdExists(db, oldId)) delete doc.id;
  const id = insertRow(db, 'documents', doc).rowid;
  const map = options.documentMap ?? new Map<number, number>();
  map.set(oldId, id);
  insertRow(db, 'originals', { ...decodeRow(payload.original), document_id: id, bytes });

  const groups = new Map(groupRelations(db).map((g) => [g.table, g]));
  const rowidMaps = new Map<string, Map<unknown, unknown>>();
  let skippedRows = 0;
  for (const part of payload.related) {
    const group = groups.get(part.table);
    if (!group) {
      skippedRows += part.rows.length; // the table no longer exists in this schema
      continue;
    }
    const alias = rowidAliasOf(db, part.table);
    const ownMap = new Map<unknown, unknown>();
    rowidMaps.set(part.table, ownMap);
    for (const encoded of part.rows) {
      const row = decodeRow(encoded);
      let keep = true;
      for (const rel of group.rels) {
        const value = row[rel.column];
        if (value === null || value === undefined) continue;
        if (rel.depth === 1) {
          const mapped = map.get(Number(value));
          if (mapped !== undefined) row[rel.column] = mapped;
          else if (!(options.keepIds && documentIdExists(db, Number(value)))) keep = false;
        } else {
          const parentMap = rowidMaps.get(rel.parent);
          const mapped = parentMap?.get(value);
          if (mapped !== undefined) row[rel.column] = mapped;
          else keep = false;
        }
      }
      if (!keep) {
        skippedRows++;
        continue;
      }
      const oldKey = alias ? row[alias] : undefined;
      if (alias && !options.keepIds) delete row[alias];
      try {
        let r;
        try {
          r = insertRow(db, part.table, row);
        } catch (error) {
          // The old row id was taken meanwhile: take a new one.
          if (!alias || !isConstraint(error, 'PRIMARYKEY') || !(alias in row)) throw error;
          delete row[alias];
          r = insertRow(db, part.table, row);
        }
        if (alias) ownMap.set(oldKey, r.rowid);
      } catch (error) {
        if (!isConstraint(error, '')) throw error;
        skippedRows++;
      }
    }
  }
  reindexDocument(db, id);
  // Citation graph (issue #5): its citations, and the placeholders of other documents it fills again.
  resolveDocument(db, id);
  return { id, skippedRows };
}
