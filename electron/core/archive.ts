import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../shared/api/errors';
import type { DocumentDetail, DocumentPage, DocumentSummary, ImportFileResult } from '../../shared/model/archive';
import { refKey } from '../../shared/text/ref';
import { openDatabase, useNativeBinding, type OpenOptions } from './db/open';
import { schemaVersion } from './db/migrations';
import * as store from './db/store';
import { ImportJobs } from './import/jobs';
import { importSources, type ImportOptions, type ImportProgressEvent, type ImportReport } from './import/pipeline';
import { collectImport, type ImportSource } from './import/sources';
import { DATABASE_FILE } from './paths';
import { folderProblem, makeFolder } from './folders';
import { afterOpen, beforeOpen } from './backup/lifecycle';
import { SearchEngine } from './search/engine';
import { GraphService } from './graph/service';
import { startGraphRules } from './graph/resolve';
import { catchUpIndex } from './search/indexer';
import type { ReparseReport } from '../../shared/model/review';
import { parseDirective } from '../../shared/parser';
import { PARSER_VERSION } from '../../shared/parser/version';
import * as review from './review/service';
import { reparseArchive, type ReparseOptions } from './review/reparse';

/** The archive in one folder: the facade every host (desktop, CLI, browser) talks to. */
export class Archive {
  readonly jobs = new ImportJobs();

  private constructor(
    readonly dir: string,
    readonly db: Database,
  ) {}

  static open(dir: string, options: OpenOptions = {}): Archive {
    // Before a staged restore (beforeOpen) opens its file: every connection needs this build.
    if (options.nativeBinding) useNativeBinding(options.nativeBinding);
    try {
      makeFolder(dir);
    } catch (error) {
      // ARCHIVE_READ_ONLY would speak of an archive that is not there; the folder is the problem.
      const code = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'DISK_FULL' : 'IO_ERROR';
      throw new VanthuError(code, `không tạo được thư mục kho lưu trữ ${dir}: ${folderProblem(error)}`);
    }
    // Safety (issue #7): a restore staged by the desktop app replaces the file before it opens;
    // trash entries older than 30 days go once it is open.
    if (!options.readOnly) beforeOpen(dir);
    const db = openDatabase(path.join(dir, DATABASE_FILE), options);
    if (!options.readOnly) {
      afterOpen(db);
      startGraphRules(db);
    }
    return new Archive(dir, db);
  }

  get file(): string {
    return path.join(this.dir, DATABASE_FILE);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private searchEngine: SearchEngine | null = null;

  /** Search (issue #4). First use indexes any document stored without index rows (docs/search.md). */
  get search(): SearchEngine {
    if (!this.searchEngine) {
      if (!this.db.readonly) catchUpIndex(this.db);
      this.searchEngine = new SearchEngine(this.db);
    }
    return this.searchEngine;
  }

  private graphService: GraphService | null = null;

  /** Citation graph (issue #5, docs/graph.md). First use resolves documents stored without edges. */
  get graph(): GraphService {
    if (!this.graphService) this.graphService = new GraphService(this.db);
    return this.graphService;
  }

  /** Safety (issue #7): the trash, a restore or a bundle changed documents behind the search engine's caches. */
  documentsChanged(): void {
    this.searchEngine?.invalidate();
  }

  schemaVersion(): number {
    return schemaVersion(this.db);
  }

  count(): number {
    return store.countDocuments(this.db);
  }

  list(sort: store.DocumentSortKey = 'date_desc', limit = 200, offset = 0): DocumentPage {
    return { total: store.countDocuments(this.db), items: store.listDocuments(this.db, sort, limit, offset) };
  }

  get(id: number): DocumentDetail {
    const doc = store.getDocument(this.db, id);
    const reviewed = doc && review.reviewDocument(this.db, id);
    if (!doc || !reviewed) throw new VanthuError('NOT_FOUND', `#${id}`);
    // The row's columns already hold the effective values; `parse` is swapped for the effective one.
    return { ...doc, parse: reviewed.effective, scanned: reviewed.review.scanned, review: reviewed.review };
  }

  /** The original file's name and bytes as imported (decompressed). */
  original(id: number): { fileName: string; bytes: Buffer } {
    const original = store.getOriginal(this.db, id);
    if (!original) throw new VanthuError('NOT_FOUND', `#${id}`);
    return original;
  }

  // Clerk review (issue #3, docs/review.md): each change returns the document as it now stands.
  private readonly now = (): Date => new Date();

  private reviewed(run: (db: Database, now: () => Date) => { id: number }): DocumentDetail {
    const { id } = run(this.db, this.now);
    // Facets and suggestions are cached per connection; a correction changes neither the data
    // version nor the newest id the engine watches (search/engine.ts checkFreshness).
    this.searchEngine?.invalidate();
    return this.get(id);
  }

  correctField(input: Parameters<typeof review.correctField>[1]): DocumentDetail {
    return this.reviewed((db, now) => review.correctField(db, input, now));
  }
  clearCorrection(input: Parameters<typeof review.clearCorrection>[1]): DocumentDetail {
    return this.reviewed((db, now) => review.clearCorrection(db, input, now));
  }
  saveCitation(input: Parameters<typeof review.saveCitation>[1]): DocumentDetail {
    return this.reviewed((db, now) => review.saveCitation(db, input, now));
  }
  removeCitation(input: Parameters<typeof review.removeCitation>[1]): DocumentDetail {
    return this.reviewed((db, now) => review.removeCitation(db, input, now));
  }
  saveTask(input: Parameters<typeof review.saveTask>[1]): DocumentDetail {
    return this.reviewed((db, now) => review.saveTask(db, input, now));
  }
  removeTask(input: Parameters<typeof review.removeTask>[1]): DocumentDetail {
    return this.reviewed((db, now) => review.removeTask(db, input, now));
  }

  /** Re-parses one document with the current parser, keeping its corrections. */
  reparseDocument(id: number, options: Pick<ReparseOptions, 'parse' | 'parserVersion'> = {}): DocumentDetail {
    return this.reviewed((db, now) => {
      review.reparseOne(db, id, options.parse ?? parseDirective, options.parserVersion ?? PARSER_VERSION, now);
      return { id };
    });
  }

  async reparse(options: ReparseOptions = {}): Promise<ReparseReport> {
    try {
      return await reparseArchive(this.db, { now: this.now, ...options });
    } finally {
      this.searchEngine?.invalidate();
    }
  }

  /** Documents whose number/symbol matches what the user typed, tolerant of spacing, dash and case. */
  findByRef(typed: string): DocumentSummary[] {
    const key = refKey(typed);
    if (!key) return [];
    const rows = store.documentRefs(this.db);
    const exact = rows.filter((row) => refKey(row.ref) === key);
    // "571 cv/tu" and "21 nq-cp": a space typed for the separator after the number. Only when
    // nothing matches as typed, so "21/NQ-CP" never finds a "21-NQ/CP" as well.
    const loose = (ref: string): string => ref.replace(/^(\d+)[-/]/, '$1');
    const matches = exact.length > 0 ? exact : rows.filter((row) => loose(refKey(row.ref)) === loose(key));
    return matches.map((row) => this.get(row.id));
  }

  async importPaths(
    paths: readonly string[],
    onProgress?: (event: ImportProgressEvent) => void,
    options: Pick<ImportOptions, 'rows'> = {},
  ): Promise<ImportReport> {
    const { sources, preFailed } = await collectImport(paths);
    return importSources(this.db, sources, onProgress, preFailed, options);
  }

  async importSources(
    sources: readonly ImportSource[],
    onProgress?: (event: ImportProgressEvent) => void,
  ): Promise<ImportReport> {
    return importSources(this.db, sources, onProgress);
  }

  /** Starts an import in the background and returns the job id the UI polls. */
  startImportJob(collect: () => Promise<{ sources: ImportSource[]; preFailed?: ImportFileResult[] }>): string {
    return this.jobs.start(async (progress) => {
      const { sources, preFailed = [] } = await collect();
      await importSources(
        this.db,
        sources,
        (event) => {
          progress.total = event.total;
          progress.done = event.done;
          progress.current = event.current;
          if (event.last) ImportJobs.record(progress, event.last);
        },
        preFailed,
      );
      for (const result of preFailed) ImportJobs.record(progress, result);
    });
  }
}
