/** Shapes of issue #7 (backup, check, bundles, history, trash) that cross the API boundary. */

export type BackupMode = 'off' | 'quit' | 'daily';
export type BackupTrigger = 'manual' | 'quit' | 'daily' | 'cli';

/** What a backup file says about itself (a table inside the backup file). */
export interface BackupManifest {
  format: 'vanthu-backup';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  trigger: BackupTrigger;
  /** Rows per table. */
  counts: Record<string, number>;
  documents: number;
  originals: number;
  originalBytes: number;
  /** sha256 over "id:content_hash\n" of every document, in id order. */
  documentsDigest: string;
  /** sha256 over "document_id:sha256(bytes)\n" of every original, computed from the bytes themselves. */
  originalsDigest: string;
}

export interface BackupResult {
  /** Only the file name: hosts never send full paths to the page. */
  fileName: string;
  size: number;
  documents: number;
  createdAt: string;
  /** Older generations removed from the backup folder (automatic backups). */
  removed: string[];
}

export interface BackupStatus {
  /** The folder chosen for automatic backups, or null. */
  folder: string | null;
  folderAvailable: boolean;
  keep: number;
  mode: BackupMode;
  lastBackupAt: string | null;
  lastBackupFile: string | null;
  /** Whole days since the newest backup, null when there never was one. */
  ageDays: number | null;
  /** True when the newest backup is older than 7 days, or there is none. */
  stale: boolean;
  /** Vietnamese sentence for the banner, null when all is well. */
  warning: string | null;
}

export type CheckLevel = 'ok' | 'warning' | 'error';

export interface CheckFinding {
  level: CheckLevel;
  /** Stable code: integrity, foreign_keys, index, originals, … */
  code: string;
  message: string;
  /** Document ids concerned (at most 1,000). */
  ids?: number[];
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  documents: number;
  originalsChecked: number;
  findings: CheckFinding[];
}

export interface VerifyReport {
  ok: boolean;
  manifest: BackupManifest | null;
  problems: string[];
}

export interface RestoreResult {
  /** File name of the archive kept aside, in the archive folder. */
  keptAside: string | null;
  documents: number;
  backupCreatedAt: string;
}

export interface HistoryChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface HistoryEntry {
  id: number;
  at: string;
  /** Table: documents, citations, tasks, corrections, or a later feature's table. */
  entity: string;
  entityId: number | null;
  action: 'created' | 'update' | 'insert' | 'delete' | 'trashed' | 'restored' | 'bundle' | string;
  /** For updates, the fields that changed; for inserts and deletes, the row's fields. */
  changes: HistoryChange[];
  /** Vietnamese one-line description. */
  summary: string;
}

export interface TrashEntry {
  trashId: number;
  documentId: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  deletedAt: string;
  /** When it will be purged automatically. */
  expiresAt: string;
}

export const TRASH_DAYS = 30;
export const BACKUP_STALE_DAYS = 7;

export interface TrashRestoreResult {
  status: 'restored' | 'duplicate';
  id: number;
}

export type BundleItemStatus = 'imported' | 'duplicate' | 'conflict';

export interface BundleImportReport {
  bundle: string;
  imported: number;
  duplicates: number;
  conflicts: number;
  items: {
    ref: string | null;
    issuer: string | null;
    date: string | null;
    status: BundleItemStatus;
    id: number | null;
    reason: string;
  }[];
}

export interface BundleExportResult {
  fileName: string;
  documents: number;
  size: number;
}

export interface BundleConflict {
  id: number;
  bundle: string;
  existingId: number | null;
  ref: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  foundAt: string;
}

/** Vietnamese names of the tables a history entry talks about. */
export const ENTITY_LABELS: Record<string, string> = {
  documents: 'Văn bản',
  citations: 'Trích dẫn',
  tasks: 'Nhiệm vụ',
  corrections: 'Chỉnh sửa',
  graph_edges: 'Liên kết văn bản',
  graph_decisions: 'Xác nhận liên kết',
  task_sheets: 'Phiếu giao việc',
  task_tracking: 'Theo dõi nhiệm vụ',
  originals: 'Bản gốc',
  bundle_conflicts: 'Xung đột gói trao đổi',
};

export const ACTION_LABELS: Record<string, string> = {
  created: 'Nhập vào kho',
  update: 'Sửa',
  insert: 'Thêm',
  delete: 'Xóa',
  trashed: 'Chuyển vào thùng rác',
  restored: 'Khôi phục từ thùng rác',
  bundle: 'Nhận từ gói trao đổi',
};

/**
 * Why the browser page cannot change automatic backups: the folder, the mode and how many are kept
 * decide what is written to and deleted from a folder of the PC, which a page served over HTTP may
 * not reach (the desktop app and the CLI can). Shown on the page and as the refusal's detail.
 */
export const BACKUP_SETTINGS_ELSEWHERE =
  'Thư mục sao lưu, chế độ sao lưu tự động và số bản giữ lại chỉ đổi được trong ứng dụng Vanthu trên máy tính (Sao lưu và an toàn dữ liệu) hoặc bằng lệnh «vanthu backup-settings».';

/** A step of a long safety job (backup, verifying a backup, checking the archive). */
export type SafetyStep = 'copy' | 'compact' | 'digest' | 'integrity' | 'links' | 'index' | 'originals' | 'texts';

/** Where a long safety job is: `total` 0 when the step cannot be counted (SQLite's VACUUM, integrity_check). */
export interface SafetyProgress {
  step: SafetyStep;
  done: number;
  total: number;
}

export const SAFETY_STEP_LABEL: Record<SafetyStep, string> = {
  copy: 'Sao chép kho',
  compact: 'Thu gọn bản sao',
  digest: 'Tính mã băm văn bản và bản gốc',
  integrity: 'Kiểm tra toàn vẹn tệp và chỉ mục toàn văn',
  links: 'Kiểm tra liên kết giữa các bảng',
  index: 'Kiểm tra chỉ mục tìm kiếm',
  originals: 'Đối chiếu bản gốc với mã băm',
  texts: 'Đối chiếu nội dung văn bản với mã băm',
};
