/**
 * After a crash: is every document whole (text, metadata, original, citations, tasks, index row)
 * or absent? Shared by the Jest fault test and scripts/fault-kill.ts (issue #7).
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { originalBytes, storedParseJson } from '../../../electron/core/db/store';
import { storedText } from '../../../electron/core/db/text';

export interface WholeReport {
  integrity: string;
  documents: number;
  distinctHashes: number;
  broken: { id: number; why: string }[];
}

interface TaskLike {
  children?: TaskLike[];
}

function countTasks(tasks: readonly TaskLike[]): number {
  return tasks.reduce((n, t) => n + 1 + countTasks(t.children ?? []), 0);
}

export function checkWhole(file: string): WholeReport {
  // Opened read-write: SQLite recovers the WAL a killed writer left behind.
  const db = new Database(file);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const broken: { id: number; why: string }[] = [];
    const rows = db
      .prepare(
        `SELECT d.id, d.text, d.text_packed, d.ref, d.parse_json, d.parse_packed, d.content_hash, o.sha256, o.bytes, o.compression, s.key,
                (SELECT count(*) FROM citations c WHERE c.document_id = d.id) AS citations,
                (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS tasks
         FROM documents d LEFT JOIN originals o ON o.document_id = d.id LEFT JOIN search_docs s ON s.doc_id = d.id`,
      )
      .iterate() as IterableIterator<{
      id: number;
      text: string;
      text_packed: Buffer | null;
      ref: string | null;
      parse_json: string;
      parse_packed: Buffer | null;
      content_hash: string;
      sha256: string | null;
      bytes: Buffer | null;
      compression: number | null;
      key: number | null;
      citations: number;
      tasks: number;
    }>;
    let documents = 0;
    for (const r of rows) {
      documents++;
      const text = storedText(r);
      const parse = JSON.parse(storedParseJson({ ...r, text })) as { citations: unknown[]; tasks: TaskLike[] };
      if (!text) broken.push({ id: r.id, why: 'no text' });
      if (r.bytes === null) broken.push({ id: r.id, why: 'no original' });
      else if (
        createHash('sha256')
          .update(originalBytes({ bytes: r.bytes, compression: r.compression, text }))
          .digest('hex') !== r.sha256
      )
        broken.push({ id: r.id, why: 'original hash' });
      if (r.key === null) broken.push({ id: r.id, why: 'no index row' });
      else if (db.prepare('SELECT count(*) FROM search_fts WHERE rowid = ?').pluck().get(r.key) !== 1)
        broken.push({ id: r.id, why: 'no FTS row' });
      if (r.citations !== parse.citations.length)
        broken.push({ id: r.id, why: `citations ${r.citations}/${parse.citations.length}` });
      if (r.tasks !== countTasks(parse.tasks))
        broken.push({ id: r.id, why: `tasks ${r.tasks}/${countTasks(parse.tasks)}` });
    }
    const distinctHashes = db.prepare('SELECT count(DISTINCT content_hash) FROM documents').pluck().get() as number;
    return { integrity, documents, distinctHashes, broken };
  } finally {
    db.close();
  }
}
