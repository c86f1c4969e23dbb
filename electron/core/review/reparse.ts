/**
 * `vanthu reparse`: re-runs the parser over the archive when it improves (PARSER_VERSION moved),
 * keeping every correction. One short transaction per document, like the import, so a failure or
 * an interruption leaves each document either re-parsed or as it was.
 */
import type { Database } from 'better-sqlite3';
import { parseDirective } from '../../../shared/parser';
import { PARSER_VERSION } from '../../../shared/parser/version';
import type { ReparseReport } from '../../../shared/model/review';
import { toVanthuError } from '../db/open';
import { documentsToReparse } from '../db/review-store';
import { reparseOne, type Now, type ParseFn } from './service';

export interface ReparseOptions {
  /** Every document, not only those parsed by an older parser. */
  all?: boolean;
  /** Injected by tests to stand in for an improved parser. */
  parse?: ParseFn;
  parserVersion?: number;
  now?: Now;
  onProgress?: (done: number, total: number) => void;
}

/** Documents between yields to the event loop, so a progress bar can redraw and Ctrl+C is heard. */
const YIELD_EVERY = 25;

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
  options.onProgress?.(0, ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    try {
      const outcome = reparseOne(db, id, parse, parserVersion, now);
      report.reparsed++;
      if (outcome.changed) report.changed++;
      report.correctionsKept += outcome.correctionsKept;
    } catch (error) {
      // The document keeps its previous parse and stays stale, so the next run tries it again.
      report.failed++;
      report.failures.push({ id, reason: toVanthuError(error).message });
    }
    options.onProgress?.(i + 1, ids.length);
    if ((i + 1) % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return report;
}
