/**
 * The names of every operation the UI may call, apart from their schemas so the sandboxed preload
 * can list them without bundling zod. contract.ts checks at compile time that its schema table has
 * exactly these keys: add an operation in both places or the build fails.
 */
export const METHOD_NAMES = [
  'getArchiveInfo',
  'listDocuments',
  'getDocument',
  'getOriginal',
  'chooseAndImport',
  'importUploads',
  'getImportJob',
  'search',
  'suggest',
  'saveSearch',
  'listSavedSearches',
  'deleteSavedSearch',
  'searchHistory',
  'exportResults',
  // Clerk review (issue #3, docs/review.md).
  'correctField',
  'clearCorrection',
  'saveCitation',
  'removeCitation',
  'saveTask',
  'removeTask',
  'reparseDocument',
  // Safety (issue #7, docs/safety.md): backup, check, restore, history, trash, bundles.
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
  // Task sheets and tracking (issue #6, docs/tasks.md).
  'getOfficeSettings',
  'saveOfficeSettings',
  'getTaskSheet',
  'saveTaskSheet',
  'resetTaskSheet',
  'listTrackedTasks',
  'updateTaskTracking',
  'taskCloseSuggestions',
  'taskDashboard',
  'getTaskPrint',
  'printTaskSheet',
  // Citation graph (issue #5, docs/graph.md).
  'graphNeighbourhood',
  'graphChain',
  'graphLinks',
  'graphMissing',
  'graphPending',
  'graphDecide',
  'graphCoverage',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** IPC channel for a method; main refuses channels without this prefix. */
export const IPC_PREFIX = 'vanthu:';
export const ipcChannel = (method: MethodName): string => IPC_PREFIX + method;

/** Name under which the preload exposes the API in the page. */
export const PRELOAD_GLOBAL = 'vanthu';

const METHOD_SET: ReadonlySet<string> = new Set(METHOD_NAMES);
export function isMethodName(name: string): name is MethodName {
  return METHOD_SET.has(name);
}
