/**
 * `vanthu reparse`: re-runs the parser over the archive when it improves (PARSER_VERSION moved),
 * keeping every correction. Documents go by batches: the batch is parsed outside any transaction,
 * then written in one transaction with a savepoint per document, so a document that fails is left
 * as it was while the others of its batch are written, and an interruption leaves each document
 * either re-parsed or as it was (stale, for the next run).
 */
import type { Database } from 'better-sqlite3';
import { parseDirective } from '../../../shared/parser';
import { PARSER_VERSION } from '../../../shared/parser/version';
import type { ReparseReport } from '../../../shared/model/review';
import { toVanthuError } from '../db/open';
import { documentsToReparse } from '../db/review-store';
import type { ParseResult } from '../../../shared/model/directive';
import { parseForReparse, writeReparse, type Now, type ParseFn, type ReparseOutcome } from './service';

export interface ReparseOptions {
  /** Every document, not only those parsed by an older parser. */
  all?: boolean;
  /** Injected by tests to stand in for an improved parser. */
  parse?: ParseFn;
  parserVersion?: number;
  now?: Now;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Documents per commit, and between yields to the event loop (so a progress bar can redraw and
 * Ctrl+C is heard). One commit per document, as before, was two fsyncs of the WAL per document
 * (synchronous = FULL): 10,000 stale documents of the 100k archive took 58 s instead of 46 s here,
 * and a clerk's hard disk pays ~10 ms an fsync (docs/review.md).
 */
export const REPARSE_BATCH = 25;

export async function reparseArchive(db: Database, options: ReparseOptions = {}): Promise<ReparseReport> {
  const parserVersion = options.parserVersion ?? PARSER_VERSION;
  const parse = options.parse ?? parseDirective;
  const now = options.now ?? (() => new Date());
  const ids = documentsToReparse(db, parserVersion, options.all ?? false);
  const report: ReparseReport = {
    total: ids.length,
    reparsed: 0,
    changed: 0,
    failed: 0,
    correctionsKept: 0,
    parserVersion,
    failures: [],
  };
  const fail = (id: number, error: unknown): void => {
    // The document keeps its previous parse and stays stale, so the next run tries it again.
    report.failed++;
    report.failures.push({ id, reason: toVanthuError(error).message });
  };
  options.onProgress?.(0, ids.length);
  for (let from = 0; from < ids.length; from += REPARSE_BATCH) {
    // The parser runs before the transaction opens, so the write lock is held only for the writes.
    const batch: { id: number; fresh: ParseResult }[] = [];
    for (const id of ids.slice(from, from + REPARSE_BATCH)) {
      try {
        batch.push({ id, fresh: parseForReparse(db, id, parse) });
      } catch (error) {
        fail(id, error);
      }
    }
    // Counted once the batch is committed: a batch that cannot begin or commit (the archive locked
    // by another process, a full disk) leaves all its documents as they were, each reported.
    const written: { id: number; outcome: ReparseOutcome | null; error?: unknown }[] = [];
    try {
      db.transaction(() => {
        for (const { id, fresh } of batch) {
          try {
            // A savepoint: a document that fails is rolled back alone.
            written.push({ id, outcome: writeReparse(db, id, fresh, parserVersion, now) });
          } catch (error) {
            // SQLite itself ended the transaction (a full disk): the whole batch is lost, said below.
            if (!db.inTransaction) throw error;
            written.push({ id, outcome: null, error });
          }
        }
      }).immediate();
    } catch (error) {
      written.length = 0;
      for (const { id } of batch) written.push({ id, outcome: null, error });
    }
    for (const { id, outcome, error } of written) {
      if (!outcome) {
        fail(id, error);
        continue;
      }
      report.reparsed++;
      if (outcome.changed) report.changed++;
      report.correctionsKept += outcome.correctionsKept;
    }
    options.onProgress?.(Math.min(from + REPARSE_BATCH, ids.length), ids.length);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return report;
}
