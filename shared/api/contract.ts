/**
 * Every operation the UI may call, with its input schema and result type. The desktop preload,
 * the IPC handlers, the HTTP host and the renderer client are all built from this table, so an
 * operation exists everywhere or nowhere.
 */
import { z } from 'zod';
import type { ArchiveInfo, DocumentDetail, DocumentPage, ImportProgress } from '../model/archive';
import type * as Safety from '../model/safety';
import type { Result } from './errors';
import type { MethodName } from './methods';

export { METHOD_NAMES, IPC_PREFIX, PRELOAD_GLOBAL, ipcChannel, isMethodName, type MethodName } from './methods';
import {
  SAVED_SEARCH_NAME_MAX,
  type HistoryEntry,
  type SavedSearch,
  type SearchResponse,
  type Suggestion,
} from '../search/types';
import { reviewInputSchemas } from './review-inputs';
import { taskInputSchemas } from '../tasks/schema';
import type { CloseSuggestions, OfficeSettings, TaskDashboard, TaskSheet, TrackedTask } from '../tasks/types';
import type { SheetPrint } from '../tasks/render';
import type { ExportedResults } from '../search/export';
import { graphInputSchemas } from '../graph/schema';
import type * as G from '../graph/types';

export const DocumentSort = z.enum(['date_desc', 'date_asc', 'imported_desc']);

/** 50 MB of original bytes in base64 plus JSON overhead. */
export const MAX_UPLOAD_BASE64 = Math.ceil((50 * 1024 * 1024 * 4) / 3) + 16;

export const inputSchemas = {
  getArchiveInfo: z.object({}).strict(),
  listDocuments: z
    .object({
      sort: DocumentSort.default('date_desc'),
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  getDocument: z.object({ id: z.number().int().positive() }).strict(),
  /** The original file as imported, for the clerk to save or open (a scan has nothing else to read). */
  getOriginal: z.object({ id: z.number().int().positive() }).strict(),
  /** Desktop only: the main process shows the dialog itself, so the renderer never names a path. */
  chooseAndImport: z.object({ mode: z.enum(['files', 'folder']) }).strict(),
  /** Files the user picked or dropped in the page, sent as bytes. */
  importUploads: z
    .object({
      files: z
        .array(
          z
            .object({
              name: z.string().min(1).max(1024),
              dataBase64: z.string().max(MAX_UPLOAD_BASE64),
            })
            .strict(),
        )
        .min(1)
        .max(5000),
    })
    .strict(),
  getImportJob: z
    .object({
      jobId: z.string().min(1).max(64),
      // How many results the caller already has: only later ones are sent.
      since: z.number().int().min(0).default(0),
    })
    .strict(),
  // Search (issue #4, docs/search.md). The query language is parsed in the core; a 10,000-character
  // paste is accepted here and cut to size there, with a warning, rather than refused.
  search: z
    .object({
      query: z.string().max(20000),
      sort: z.enum(['relevance', 'date']).default('relevance'),
      limit: z.number().int().min(1).max(500).default(20),
      offset: z.number().int().min(0).max(100000).default(0),
      exactTotal: z.boolean().default(false),
      facets: z.boolean().default(true),
      /** False for a search that is no clerk's search (choosing a document to link): kept out of «Đã tìm». */
      history: z.boolean().default(true),
    })
    .strict(),
  suggest: z.object({ prefix: z.string().max(1000), limit: z.number().int().min(1).max(20).default(8) }).strict(),
  saveSearch: z
    .object({
      name: z.string().min(1).max(SAVED_SEARCH_NAME_MAX),
      query: z.string().max(20000),
      sort: z.enum(['relevance', 'date']).default('relevance'),
    })
    .strict(),
  listSavedSearches: z.object({}).strict(),
  deleteSavedSearch: z.object({ id: z.number().int().positive() }).strict(),
  searchHistory: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
  /** The result list as a register table (STT, số/ký hiệu, ngày, cơ quan ban hành, trích yếu). */
  exportResults: z
    .object({
      query: z.string().max(20000),
      sort: z.enum(['relevance', 'date']).default('relevance'),
      format: z.enum(['csv', 'html']).default('csv'),
      limit: z.number().int().min(1).max(10000).default(10000),
    })
    .strict(),
  // Clerk review (issue #3, docs/review.md): schemas in review-inputs.ts.
  ...reviewInputSchemas,
  // Safety (issue #7, docs/safety.md). No input names a path: the desktop host asks in native
  // dialogs, the CLI takes paths as arguments, the browser page backs up only to the chosen folder.
  getBackupStatus: z.object({}).strict(),
  backupNow: z.object({}).strict(),
  runDueBackup: z.object({}).strict(),
  chooseBackupFolder: z.object({}).strict(),
  setBackupSettings: z
    .object({ keep: z.number().int().min(1).max(100).optional(), mode: z.enum(['off', 'quit', 'daily']).optional() })
    .strict(),
  chooseAndBackup: z.object({}).strict(),
  chooseAndRestore: z.object({}).strict(),
  checkArchive: z.object({}).strict(),
  // Where the running backup or check is, polled by the page while it waits (null: none running).
  getSafetyProgress: z.object({}).strict(),
  documentHistory: z
    .object({ id: z.number().int().positive(), limit: z.number().int().min(1).max(1000).default(200) })
    .strict(),
  deleteDocument: z.object({ id: z.number().int().positive() }).strict(),
  listTrash: z.object({}).strict(),
  restoreFromTrash: z.object({ trashId: z.number().int().positive() }).strict(),
  purgeTrash: z
    .object({
      trashIds: z.array(z.number().int().positive()).min(1).max(100000).optional(),
      all: z.literal(true).optional(),
    })
    .strict()
    .refine((v) => (v.trashIds === undefined) !== (v.all === undefined), {
      message: 'cần đúng một trong trashIds hoặc all',
    }),
  chooseAndExportBundle: z
    .object({
      ids: z.array(z.number().int().positive()).min(1).max(100000).optional(),
      since: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    })
    .strict()
    .refine((v) => (v.ids === undefined) !== (v.since === undefined), { message: 'cần đúng một trong ids hoặc since' }),
  chooseAndImportBundle: z.object({}).strict(),
  listBundleConflicts: z.object({}).strict(),
  resolveBundleConflict: z.object({ id: z.number().int().positive(), action: z.enum(['import', 'skip']) }).strict(),
  // Task sheets and tracking (issue #6, docs/tasks.md).
  ...taskInputSchemas,
  // Citation graph (issue #5, docs/graph.md): schemas in shared/graph/schema.ts.
  ...graphInputSchemas,
} as const;

export interface MethodOutputs {
  getArchiveInfo: ArchiveInfo;
  listDocuments: DocumentPage;
  getDocument: DocumentDetail;
  getOriginal: { fileName: string; size: number; base64: string };
  chooseAndImport: { jobId: string | null };
  importUploads: { jobId: string };
  getImportJob: ImportProgress;
  search: SearchResponse;
  suggest: Suggestion[];
  saveSearch: SavedSearch;
  listSavedSearches: SavedSearch[];
  deleteSavedSearch: { deleted: true };
  searchHistory: HistoryEntry[];
  exportResults: ExportedResults;
  // Clerk review: each returns the document as it now stands.
  correctField: DocumentDetail;
  clearCorrection: DocumentDetail;
  saveCitation: DocumentDetail;
  removeCitation: DocumentDetail;
  saveTask: DocumentDetail;
  removeTask: DocumentDetail;
  reparseDocument: DocumentDetail;
  // Safety (issue #7).
  getBackupStatus: Safety.BackupStatus;
  backupNow: Safety.BackupResult;
  runDueBackup: { ran: boolean; result: Safety.BackupResult | null; reason: string | null };
  chooseBackupFolder: Safety.BackupStatus;
  setBackupSettings: Safety.BackupStatus;
  chooseAndBackup: Safety.BackupResult | null;
  chooseAndRestore: { documents: number; backupCreatedAt: string; message: string } | null;
  checkArchive: Safety.CheckReport;
  getSafetyProgress: Safety.SafetyProgress | null;
  documentHistory: Safety.HistoryEntry[];
  deleteDocument: { trashId: number };
  listTrash: Safety.TrashEntry[];
  restoreFromTrash: Safety.TrashRestoreResult;
  purgeTrash: { purged: number };
  chooseAndExportBundle: Safety.BundleExportResult | null;
  chooseAndImportBundle: Safety.BundleImportReport | null;
  listBundleConflicts: Safety.BundleConflict[];
  resolveBundleConflict: { status: 'restored' | 'duplicate' | 'skipped'; id: number | null };
  // Task sheets and tracking (issue #6).
  getOfficeSettings: { settings: OfficeSettings | null; defaults: OfficeSettings };
  saveOfficeSettings: OfficeSettings;
  getTaskSheet: TaskSheet;
  saveTaskSheet: TaskSheet;
  resetTaskSheet: TaskSheet;
  listTrackedTasks: TrackedTask[];
  updateTaskTracking: TrackedTask;
  taskCloseSuggestions: CloseSuggestions;
  taskDashboard: TaskDashboard;
  getTaskPrint: { print: SheetPrint; fileName: string };
  printTaskSheet: { saved: string | null };
  // Citation graph (issue #5).
  graphNeighbourhood: G.Graph;
  graphChain: G.GraphNode[];
  graphLinks: G.DocumentLinks;
  graphMissing: G.MissingDocuments;
  graphPending: G.PendingDecision[];
  /** The citing document's links as they now stand; `edge` is the link added by 'add'. */
  graphDecide: { edge: G.GraphEdge | null; links: G.DocumentLinks };
  graphCoverage: G.Coverage;
}

export type MethodInput<M extends MethodName> = z.input<(typeof inputSchemas)[M]>;
export type ParsedInput<M extends MethodName> = z.output<(typeof inputSchemas)[M]>;
export type MethodOutput<M extends MethodName> = MethodOutputs[M];

/** What the renderer sees, whichever host it runs in. */
export type VanthuApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

// Compile-time proof that the schema table and the method list in methods.ts name the same operations.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaKeysMatchMethodList: SameKeys<keyof typeof inputSchemas, MethodName> = true;
void schemaKeysMatchMethodList;
