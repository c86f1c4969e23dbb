/**
 * Handlers of the safety operations (issue #7), spread into the one handler table (api/handlers.ts).
 * No input names a path: the desktop host asks the clerk in native dialogs (HostContext pickers),
 * the CLI takes paths from its own arguments, and the browser host can do neither, so its page may
 * back up only to the folder chosen beforehand, under the settings chosen there: the mode and the
 * number kept decide what is written to and deleted from that folder of the PC, so the page cannot
 * change them either (BACKUP_SETTINGS_ELSEWHERE).
 */
import path from 'node:path';
import { VanthuError } from '../../../shared/api/errors';
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract';
import { BACKUP_SETTINGS_ELSEWHERE, type CheckReport, type SafetyProgress } from '../../../shared/model/safety';
import type { Archive } from '../archive';
import type { HostContext } from '../api/handlers';
import { APP_VERSION } from '../version';
import { exportBundle, importBundle, listConflicts, resolveConflict, BUNDLE_EXTENSION } from '../bundle/bundle';
import { documentHistory, listTrash, purgeTrash, restoreFromTrash, trashDocument } from '../history/trash';
import {
  BACKUP_EXTENSION,
  backupStatus,
  backupToFolder,
  createBackup,
  generationName,
  isDailyDue,
  setBackupSettings,
  stageRestore,
  type OnSafetyProgress,
} from './backup';
import { runSafetyJob } from './offthread';

export const SAFETY_METHODS = [
  'getBackupStatus',
  'backupNow',
  'runDueBackup',
  'chooseBackupFolder',
  'setBackupSettings',
  'chooseAndBackup',
  'chooseAndRestore',
  'checkArchive',
  'getSafetyProgress',
  'documentHistory',
  'deleteDocument',
  'listTrash',
  'restoreFromTrash',
  'purgeTrash',
  'chooseAndExportBundle',
  'chooseAndImportBundle',
  'listBundleConflicts',
  'resolveBundleConflict',
] as const satisfies readonly MethodName[];

type SafetyMethod = (typeof SAFETY_METHODS)[number];
export type SafetyHandlers = {
  [M in SafetyMethod]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

function writable(archive: Archive): void {
  if (archive.db.readonly) throw new VanthuError('ARCHIVE_READ_ONLY');
}

function stampDate(): string {
  return new Date().toISOString().slice(0, 10);
}

export function createSafetyHandlers(archive: Archive, ctx: HostContext): SafetyHandlers {
  const changed = (): void => archive.documentsChanged();
  // The step of the backup or check running now, for the page's getSafetyProgress polls: the work
  // runs in a worker thread (offthread.ts), so this thread answers them meanwhile.
  let progress: SafetyProgress | null = null;
  const tracked = async <T>(run: (onProgress: OnSafetyProgress) => Promise<T>): Promise<T> => {
    try {
      return await run((p) => (progress = p));
    } finally {
      progress = null;
    }
  };
  return {
    getBackupStatus: () => backupStatus(archive.db),
    getSafetyProgress: () => progress,
    backupNow: () => {
      writable(archive);
      return tracked((onProgress) => backupToFolder(archive.db, APP_VERSION, 'manual', new Date(), onProgress));
    },
    runDueBackup: async () => {
      if (archive.db.readonly || !isDailyDue(archive.db)) return { ran: false, result: null, reason: null };
      try {
        const result = await tracked((onProgress) =>
          backupToFolder(archive.db, APP_VERSION, 'daily', new Date(), onProgress),
        );
        return { ran: true, result, reason: null };
      } catch (error) {
        // A missing USB stick is not an error the page must handle: the stale-backup banner says it.
        return { ran: false, result: null, reason: error instanceof Error ? error.message : String(error) };
      }
    },
    chooseBackupFolder: async () => {
      writable(archive);
      if (!ctx.pickPaths) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const picked = await ctx.pickPaths('folder');
      if (picked && picked[0]) setBackupSettings(archive.db, { folder: path.resolve(picked[0]) });
      return backupStatus(archive.db);
    },
    setBackupSettings: ({ keep, mode }) => {
      // A page over HTTP turned backups off or made the next one delete all but one generation.
      if (ctx.host === 'browser') throw new VanthuError('NOT_AVAILABLE_IN_HOST', BACKUP_SETTINGS_ELSEWHERE);
      writable(archive);
      setBackupSettings(archive.db, {
        ...(keep !== undefined ? { keep } : {}),
        ...(mode !== undefined ? { mode } : {}),
      });
      return backupStatus(archive.db);
    },
    chooseAndBackup: async () => {
      if (!ctx.pickSaveFile) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const file = await ctx.pickSaveFile('backup', generationName(new Date()));
      if (!file) return null;
      const { manifest: _m, ...result } = await tracked((onProgress) =>
        createBackup(archive.db, withExtension(file, BACKUP_EXTENSION), {
          appVersion: APP_VERSION,
          trigger: 'manual',
          overwrite: true, // the save dialog has already asked before replacing
          onProgress,
        }),
      );
      return result;
    },
    chooseAndRestore: async () => {
      writable(archive);
      if (!ctx.pickFile) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const file = await ctx.pickFile('restore');
      if (!file) return null;
      const report = await tracked((onProgress) => stageRestore(archive.dir, file, onProgress));
      return {
        documents: report.manifest?.documents ?? 0,
        backupCreatedAt: report.manifest?.createdAt ?? '',
        message:
          'Tệp sao lưu hợp lệ. Hãy đóng rồi mở lại Vanthu để hoàn tất khôi phục; kho hiện tại sẽ được giữ lại bên cạnh.',
      };
    },
    checkArchive: () =>
      tracked((onProgress) =>
        runSafetyJob<CheckReport>({ kind: 'check', source: archive.file, now: new Date().toISOString() }, onProgress),
      ),
    documentHistory: ({ id, limit }) => documentHistory(archive.db, id, limit),
    deleteDocument: ({ id }) => {
      writable(archive);
      const r = trashDocument(archive.db, id);
      changed();
      return r;
    },
    listTrash: () => listTrash(archive.db),
    restoreFromTrash: ({ trashId }) => {
      writable(archive);
      const r = restoreFromTrash(archive.db, trashId);
      changed();
      return r;
    },
    purgeTrash: ({ trashIds, all }) => {
      writable(archive);
      return { purged: purgeTrash(archive.db, all ? 'all' : (trashIds ?? [])) };
    },
    chooseAndExportBundle: async ({ ids, since }) => {
      if (!ctx.pickSaveFile) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const file = await ctx.pickSaveFile('bundle', `Vanthu-goi-${stampDate()}${BUNDLE_EXTENSION}`);
      if (!file) return null;
      return exportBundle(
        archive.db,
        withExtension(file, BUNDLE_EXTENSION),
        ids ? { ids } : { since: since ?? '' },
        APP_VERSION,
        true,
      );
    },
    chooseAndImportBundle: async () => {
      writable(archive);
      if (!ctx.pickFile) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const file = await ctx.pickFile('bundle');
      if (!file) return null;
      const report = importBundle(archive.db, file);
      changed();
      return report;
    },
    listBundleConflicts: () => listConflicts(archive.db),
    resolveBundleConflict: ({ id, action }) => {
      writable(archive);
      const r = resolveConflict(archive.db, id, action);
      changed();
      return r.status === 'skipped' ? { status: 'skipped' as const, id: null } : { status: r.status, id: r.id };
    },
  };
}

function withExtension(file: string, ext: string): string {
  return file.toLowerCase().endsWith(ext) ? file : file + ext;
}
