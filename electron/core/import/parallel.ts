/**
 * Compatibility entry for scripts written against the former bulk importer (scripts/bench-graph.ts):
 * the one import path (pipeline.ts → pool.ts) with a list of file paths. No logic of its own.
 */
import type { Database } from 'better-sqlite3';
import { importSources, type ImportReport } from './pipeline';
import { setImportWorkerFile } from './pool';
export { runImportWorkerIfAny } from './worker';

export interface ParallelOptions {
  /** The bundled script that calls runImportWorkerIfAny() first (usually the caller's own __filename). */
  workerFile: string;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function importFilesParallel(
  db: Database,
  files: readonly string[],
  options: ParallelOptions,
): Promise<ImportReport & { writeMs: number }> {
  setImportWorkerFile(options.workerFile);
  const stats = { writeMs: 0 };
  const report = await importSources(
    db,
    files.map((f) => ({ kind: 'path' as const, path: f })),
    options.onProgress ? (e) => options.onProgress!(e.done, e.total) : undefined,
    [],
    { workers: options.workers, minFilesForWorkers: 1, stats },
  );
  return { ...report, writeMs: stats.writeMs };
}
