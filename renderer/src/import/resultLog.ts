/**
 * The per-file results of one import, kept append-only: a poll adds its new results without copying
 * the earlier ones (30,000 files over hundreds of polls would otherwise copy the list hundreds of
 * times), and each status keeps the positions of its results so a filtered list reads row i at once.
 */
import type { ImportFileResult, ImportStatus } from '../../../shared/model/archive';
import { isDiskPath } from '../format';
import { SameNameFolders } from './sameName';

export type ResultFilter = 'all' | ImportStatus;

let lastSerial = 0;

export class ImportResultLog {
  /** Distinguishes one import's log from the next (a React key for the list). */
  readonly serial = ++lastSerial;
  private readonly results: ImportFileResult[] = [];
  private readonly positions: Record<ImportStatus, number[]> = { imported: [], duplicate: [], failed: [] };

  get length(): number {
    return this.results.length;
  }

  /** The disk paths of this import by file name: two «Thong bao.docx» from two folders are told apart. */
  private readonly sameName = new SameNameFolders();

  append(results: Iterable<ImportFileResult>): void {
    for (const result of results) {
      this.positions[result.status].push(this.results.length);
      this.results.push(result);
      if (isDiskPath(result.path)) this.sameName.add(result.path);
    }
  }

  /**
   * The parent folder(s) to show before a result's file name so that it differs from the other
   * files of that name in this import («…\B\»), or '' (most files: their name is theirs alone;
   * an upload's name is shown whole, folder-relative, already).
   */
  folderOf(path: string): string {
    return isDiskPath(path) ? this.sameName.folderOf(path) : '';
  }

  count(filter: ResultFilter): number {
    return filter === 'all' ? this.results.length : this.positions[filter].length;
  }

  /** The index-th result that passes the filter, in import order. */
  at(filter: ResultFilter, index: number): ImportFileResult | undefined {
    const position = filter === 'all' ? index : this.positions[filter][index];
    return position === undefined ? undefined : this.results[position];
  }
}
