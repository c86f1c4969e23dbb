/** The one handler table behind every host: IPC (desktop), HTTP (browser) and the CLI. */
import { statSync } from 'node:fs';
import { VanthuError } from '../../../shared/api/errors';
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract';
import type { Archive } from '../archive';
import { collectImport, safeUploadName } from '../import/sources';
import { createSafetyHandlers } from '../backup/handlers';
import { createTaskHandlers } from '../tasks/handlers';
import { createGraphHandlers } from '../graph/handlers';
import { APP_VERSION } from '../version';
import { backupStatus } from '../backup/backup';

export interface HostContext {
  host: 'desktop' | 'browser' | 'cli';
  /** Native file/folder dialog; only the desktop host has one. */
  pickPaths?: (mode: 'files' | 'folder') => Promise<string[] | null>;
  /** Safety (issue #7): a backup or bundle file to open, or where to save one, chosen in a native dialog. */
  pickFile?: (purpose: 'restore' | 'bundle') => Promise<string | null>;
  pickSaveFile?: (purpose: 'backup' | 'bundle', suggestedName: string) => Promise<string | null>;
  /**
   * Task sheets (issue #6): print (system dialog) or save as one PDF the sheets' standalone HTML,
   * each rendered on its own so its pages are numbered from 1; the saved path or null.
   */
  printHtml?: (sheets: readonly string[], mode: 'print' | 'pdf', suggestedName: string) => Promise<string | null>;
}

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export function createHandlers(archive: Archive, ctx: HostContext): Handlers {
  return {
    getArchiveInfo: () => ({
      location: archive.dir,
      documentCount: archive.count(),
      schemaVersion: archive.schemaVersion(),
      appVersion: APP_VERSION,
      host: ctx.host,
      canPickPaths: Boolean(ctx.pickPaths),
      // Desktop habits (issue #8): About and the first-run screen.
      sizeBytes: archiveSizeOnDisk(archive.file),
      lastBackupAt: lastBackupAt(archive),
    }),

    listDocuments: ({ sort, limit, offset }) => {
      const page = archive.list(sort, limit, offset);
      // The page's first request: warm the search caches behind it, not in a command that exits.
      if (ctx.host !== 'cli') setImmediate(() => archive.db.open && archive.search.warmInBackground());
      return page;
    },

    getDocument: ({ id }) => archive.get(id),

    getOriginal: ({ id }) => {
      const original = archive.original(id);
      return {
        fileName: original.fileName,
        size: original.bytes.byteLength,
        base64: original.bytes.toString('base64'),
      };
    },

    chooseAndImport: async ({ mode }) => {
      if (!ctx.pickPaths) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const paths = await ctx.pickPaths(mode);
      if (!paths || paths.length === 0) return { jobId: null };
      const jobId = archive.startImportJob(() => collectImport(paths));
      return { jobId };
    },

    importUploads: ({ files }) => {
      const sources = files.map((file) => ({
        kind: 'upload' as const,
        name: safeUploadName(file.name),
        bytes: new Uint8Array(Buffer.from(file.dataBase64, 'base64')),
      }));
      return { jobId: archive.startImportJob(async () => ({ sources })) };
    },

    getImportJob: ({ jobId, since }) => {
      const job = archive.jobs.get(jobId, since);
      if (!job) throw new VanthuError('JOB_NOT_FOUND');
      return job;
    },

    // Search (issue #4): electron/core/search/engine.ts.
    search: (input) => {
      const result = archive.search.search(input);
      if (input.history && input.offset === 0 && !archive.db.readonly)
        archive.search.recordHistory(input.query, result.totalExact ? result.total : null);
      return result;
    },
    suggest: ({ prefix, limit }) => archive.search.suggest(prefix, limit),
    saveSearch: ({ name, query, sort }) => archive.search.saveSearch(name, query, sort),
    listSavedSearches: () => archive.search.listSavedSearches(),
    deleteSavedSearch: ({ id }) => {
      archive.search.deleteSavedSearch(id);
      return { deleted: true as const };
    },
    searchHistory: ({ limit }) => archive.search.history(limit),
    exportResults: ({ query, sort, format, limit }) => archive.search.exportResults(query, sort, format, limit),

    // Clerk review (issue #3): electron/core/review/, docs/review.md. Inputs normalized by review-inputs.ts.
    correctField: (input) => archive.correctField(input),
    clearCorrection: (input) => archive.clearCorrection(input),
    saveCitation: (input) => archive.saveCitation(input),
    removeCitation: (input) => archive.removeCitation(input),
    saveTask: (input) => archive.saveTask(input),
    removeTask: (input) => archive.removeTask(input),
    reparseDocument: ({ id }) => archive.reparseDocument(id),
    // Safety (issue #7): backup, check, restore, history, trash, bundles: electron/core/backup/handlers.ts.
    ...createSafetyHandlers(archive, ctx),
    // Task sheets and tracking (issue #6): electron/core/tasks/, docs/tasks.md.
    ...createTaskHandlers(archive, ctx),
    // Citation graph (issue #5): electron/core/graph/, docs/graph.md.
    ...createGraphHandlers(archive),
  };
}

/** The database file with its -wal and -shm companions; missing ones count as 0. */
function archiveSizeOnDisk(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // not there (closed cleanly, or a read-only open)
    }
  }
  return total;
}

/** A read-only archive of an older schema may have no backup log yet: no backup then. */
function lastBackupAt(archive: Archive): string | null {
  try {
    return backupStatus(archive.db).lastBackupAt;
  } catch {
    return null;
  }
}
