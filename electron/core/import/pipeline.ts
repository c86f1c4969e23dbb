/**
 * Import: the slow, async part (reading, decoding, parsing) happens file by file outside any
 * transaction; each file is then stored in its own short synchronous transaction, so one bad
 * file never rolls back the others and a crash leaves every document whole or absent.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { DUPLICATE_MESSAGE, IMPORT_FAILURE_MESSAGES } from '../../../shared/api/errors';
import type { ImportFailure, ImportFileResult } from '../../../shared/model/archive';
import { emptyParseResult, type ParseResult } from '../../../shared/model/directive';
import { parseDirective } from '../../../shared/parser';
import { PARSER_VERSION } from '../../../shared/parser/version';
import { toVanthuError } from '../db/open';
import { findByContentHash, insertDocument } from '../db/store';
import { indexDocument } from '../search/indexer';
import { MAX_FILE_BYTES, formatForFileName, readDocument } from '../readers';
import { type ImportSource, sourceFileName, sourceLabel } from './sources';

export interface ImportReport {
  imported: number;
  duplicates: number;
  failed: number;
  files: ImportFileResult[];
}

export interface ImportProgressEvent {
  done: number;
  total: number;
  current: string | null;
  last: ImportFileResult | null;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function failed(path: string, reasonCode: ImportFailure, detail?: string): ImportFileResult {
  const message = IMPORT_FAILURE_MESSAGES[reasonCode];
  return { path, status: 'failed', id: null, reasonCode, reason: detail ? `${message} (${detail})` : message };
}

function parseSafely(text: string): { parse: ParseResult; warning: string | null } {
  try {
    return { parse: parseDirective(text), warning: null };
  } catch (error) {
    // The document is still worth keeping: the clerk can fill the fields by hand.
    const parse = emptyParseResult();
    return { parse, warning: `Không phân tích được nội dung: ${(error as Error).message}` };
  }
}

async function loadBytes(source: ImportSource): Promise<Uint8Array | ImportFileResult> {
  const label = sourceLabel(source);
  if (source.kind === 'upload') {
    return source.bytes.byteLength > MAX_FILE_BYTES ? failed(label, 'too_large') : source.bytes;
  }
  try {
    const info = await stat(source.path);
    if (!info.isFile()) return failed(label, 'unreadable', 'không phải tệp');
    if (info.size > MAX_FILE_BYTES) return failed(label, 'too_large');
    return await readFile(source.path);
  } catch (error) {
    return failed(label, 'unreadable', (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

/** Reads, decodes, parses and stores one file. Never throws: every outcome is a result row. */
export async function importOne(db: Database, source: ImportSource, now: () => Date = () => new Date()): Promise<ImportFileResult> {
  const label = sourceLabel(source);
  const fileName = sourceFileName(source);
  if (!formatForFileName(fileName)) return failed(label, 'unsupported_type');

  const bytes = await loadBytes(source);
  if (!(bytes instanceof Uint8Array)) return bytes;

  let read;
  try {
    read = await readDocument(bytes, fileName);
  } catch (error) {
    return failed(label, 'unreadable', (error as Error).message);
  }
  if (!read.ok) return failed(label, read.reason, read.detail);

  // A scan has no text to compare, so its identity is its bytes.
  const contentHash = read.text.trim() === '' ? `bytes:${sha256(bytes)}` : sha256(read.text);
  try {
    const existing = findByContentHash(db, contentHash);
    if (existing !== null) return { path: label, status: 'duplicate', id: existing, reasonCode: null, reason: DUPLICATE_MESSAGE };

    const { parse, warning } = parseSafely(read.text);
    const warnings = warning ? [...read.warnings, warning] : read.warnings;
    const newDoc = {
      contentHash,
      text: read.text,
      format: read.format,
      encoding: read.encoding,
      scanned: read.scanned,
      parse,
      parserVersion: PARSER_VERSION,
      warnings,
      importedAt: now().toISOString(),
      original: { fileName, sourcePath: source.kind === 'path' ? source.path : null, size: bytes.byteLength, sha256: sha256(bytes), bytes },
    };
    // The search index is written in the document's own transaction: searchable as soon as stored.
    const id = db.transaction(() => {
      const stored = insertDocument(db, newDoc);
      if (stored !== null) indexDocument(db, { id: stored, ...parse }, read.text);
      return stored;
    }).immediate();
    if (id === null) {
      // Another process stored the same content between our check and our insert.
      return { path: label, status: 'duplicate', id: findByContentHash(db, contentHash), reasonCode: null, reason: DUPLICATE_MESSAGE };
    }
    return { path: label, status: 'imported', id, reasonCode: null, reason: null, encoding: read.encoding, warnings };
  } catch (error) {
    const vanthuError = toVanthuError(error);
    return failed(label, 'storage', vanthuError.message);
  }
}

export async function importSources(
  db: Database,
  sources: readonly ImportSource[],
  onProgress?: (event: ImportProgressEvent) => void,
  preFailed: readonly ImportFileResult[] = [],
): Promise<ImportReport> {
  const files: ImportFileResult[] = [...preFailed];
  const total = sources.length + preFailed.length;
  let done = preFailed.length;
  onProgress?.({ done, total, current: null, last: null });
  for (const source of sources) {
    onProgress?.({ done, total, current: sourceLabel(source), last: null });
    const result = await importOne(db, source);
    files.push(result);
    done++;
    onProgress?.({ done, total, current: null, last: result });
  }
  return summarize(files);
}

export function summarize(files: ImportFileResult[]): ImportReport {
  const count = (status: ImportFileResult['status']): number => files.filter((f) => f.status === status).length;
  return { imported: count('imported'), duplicates: count('duplicate'), failed: count('failed'), files };
}
