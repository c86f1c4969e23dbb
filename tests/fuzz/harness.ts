/**
 * Feeds bad files to the real import path one by one, with a hard time limit per file, and records
 * the outcome and whether the archive changed (issue #7).
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { importOne } from '../../electron/core/import/pipeline';
import { safeUploadName, type ImportSource } from '../../electron/core/import/sources';
import type { ImportFileResult } from '../../shared/model/archive';
import type { BadFile } from './generate';

export interface FuzzOutcome {
  kind: string;
  name: string;
  status: ImportFileResult['status'] | 'crash' | 'hang';
  reasonCode: string | null;
  reason: string | null;
  ms: number;
  /** Rows changed in the archive by a refused file (must be 0). */
  changed: boolean;
}

function fingerprint(db: Database): string {
  return (
    ['documents', 'originals', 'citations', 'tasks', 'search_docs', 'history']
      .map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get())
      .join(':') +
    ':' +
    String(db.prepare('SELECT coalesce(max(id), 0) FROM documents').pluck().get())
  );
}

function writeBigText(file: string, size: number): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.from('Công văn số 1-CV/TU về việc thử tệp rất lớn. '.repeat(20000));
  try {
    for (let written = 0; written < size; written += chunk.length)
      writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
  } finally {
    closeSync(fd);
  }
}

export async function feed(db: Database, file: BadFile, scratch: string, limitMs: number): Promise<FuzzOutcome> {
  let source: ImportSource;
  let cleanup = (): void => {};
  if ('bigText' in file.bytes) {
    const p = path.join(scratch, file.name);
    writeBigText(p, file.bytes.bigText);
    source = { kind: 'path', path: p };
    cleanup = () => rmSync(p, { force: true });
  } else {
    // As the browser host does with a dropped file: the name is made safe (no "..", drive or leading "/").
    source = { kind: 'upload', name: safeUploadName(file.name), bytes: file.bytes };
  }
  const before = fingerprint(db);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      importOne(db, source),
      new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), limitMs))),
    ]);
    const ms = performance.now() - started;
    if (result === 'hang')
      return { kind: file.kind, name: file.name, status: 'hang', reasonCode: null, reason: null, ms, changed: false };
    const changed = result.status !== 'imported' && fingerprint(db) !== before;
    return {
      kind: file.kind,
      name: file.name,
      status: result.status,
      reasonCode: result.reasonCode,
      reason: result.reason,
      ms,
      changed,
    };
  } catch (error) {
    return {
      kind: file.kind,
      name: file.name,
      status: 'crash',
      reasonCode: null,
      reason: String(error),
      ms: performance.now() - started,
      changed: fingerprint(db) !== before,
    };
  } finally {
    clearTimeout(timer);
    cleanup();
  }
}

export function summarize(outcomes: readonly FuzzOutcome[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const k = (out[o.kind] ??= {});
    const key = o.status === 'failed' ? `failed:${o.reasonCode}` : o.status;
    k[key] = (k[key] ?? 0) + 1;
  }
  return out;
}
