/** Shapes that cross the API boundary between the archive core and its hosts. */
import type { IssuerLevel, IssuerKind, ParseResult } from './directive';
import type { DocumentReview } from './review';

export interface DocumentSummary {
  id: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  issuerLevel: IssuerLevel | null;
  date: string | null;
  subject: string | null;
  importedAt: string;
  originalName: string;
}

/** A stored document as its row reads; `parse` is the parser's raw output (documents.parse_json). */
export interface DocumentRecord extends DocumentSummary {
  number: string | null;
  symbol: string | null;
  issuerKind: IssuerKind | null;
  province: string | null;
  place: string | null;
  signer: string | null;
  signerCapacity: string | null;
  text: string;
  contentHash: string;
  encoding: string;
  originalSize: number;
  /**
   * Where the original was imported from on this PC (a disk path), so two files of one name from
   * two folders can be told apart; null for an upload from the browser page. A document from
   * another office's bundle keeps the path it was imported from there.
   */
  sourcePath: string | null;
  parse: ParseResult;
}

/**
 * A document as every host shows it (getDocument). The metadata columns and `parse` hold the
 * effective values: the parser's output with the clerk's corrections applied (docs/review.md).
 */
export interface DocumentDetail extends DocumentRecord {
  /** A scan without a text layer: shown as «Bản quét, chưa có chữ», found by the metadata a clerk types. */
  scanned: boolean;
  /** Per-field confidence, doubtful marks and corrections; the parser's own values are in here. */
  review: DocumentReview;
}

export interface DocumentPage {
  total: number;
  items: DocumentSummary[];
}

export type ImportStatus = 'imported' | 'duplicate' | 'failed';

/** Closed set of reasons a file is refused; each has a Vietnamese message in shared/api/messages.ts. */
export type ImportFailure =
  'empty' | 'binary' | 'unreadable' | 'too_large' | 'unsupported_type' | 'corrupt' | 'timeout' | 'encoding' | 'storage';

export interface ImportFileResult {
  path: string;
  status: ImportStatus;
  id: number | null;
  reasonCode: ImportFailure | null;
  /** Human-readable Vietnamese reason for a failure or a duplicate. */
  reason: string | null;
  encoding?: string | null;
  warnings?: string[];
}

export interface ImportProgress {
  jobId: string;
  state: 'running' | 'done';
  /** Files finished so far, of `total` found. */
  done: number;
  total: number;
  current: string | null;
  imported: number;
  duplicates: number;
  failed: number;
  /**
   * Per-file results from index `resultsFrom` on (the `since` the poll asked for): a page polls
   * only what is new, so a 100,000-file import is not sent again, whole, every 250 ms.
   */
  results: ImportFileResult[];
  resultsFrom: number;
}

export interface ArchiveInfo {
  location: string;
  documentCount: number;
  schemaVersion: number;
  appVersion: string;
  host: 'desktop' | 'browser' | 'cli';
  /** What this host can do: the browser host has no native dialogs. */
  canPickPaths: boolean;
  /** Desktop habits (issue #8, About / first run): the archive's size on disk (database, -wal, -shm) in bytes. */
  sizeBytes: number;
  /** When the newest backup was made (ISO), null when there never was one. */
  lastBackupAt: string | null;
}
