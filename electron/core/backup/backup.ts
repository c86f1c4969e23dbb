/**
 * Backups (issue #7, docs/safety.md). A backup is one SQLite file: an online copy of the archive
 * made with SQLite's backup API (consistent while the app keeps working), originals included, in
 * rollback-journal mode so it is a single file, with a manifest table (counts, content hashes,
 * schema and app version). It is written under a temporary name next to the target and renamed
 * only once complete and checked, so a full USB stick or a pulled cable never leaves a file that
 * looks like a backup.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import path from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import {
  BACKUP_STALE_DAYS,
  type BackupManifest,
  type BackupMode,
  type BackupResult,
  type BackupStatus,
  type BackupTrigger,
  type RestoreResult,
  type SafetyProgress,
  type SafetyStep,
  type VerifyReport,
} from '../../../shared/model/safety';
import { connect, toVanthuError as dbError } from '../db/open';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import * as s from '../db/safety-store';
import { DATABASE_FILE } from '../paths';
import { makeFolder } from '../folders';
import { runSafetyJob } from './offthread';

export const BACKUP_EXTENSION = '.vanthu-backup';
/** Automatic generations are named like this; rotation only ever deletes files matching it. */
// A second backup in the same second is `…-HHMMSS-2`, `-3`… (see createBackup's nextFreeName).
const GENERATION = /^Vanthu-saoluu-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?\.vanthu-backup$/;
/** A verified backup waiting in the archive folder to replace the archive at the next open. */
export const PENDING_RESTORE = 'khoi-phuc-dang-cho.vanthu-backup';
const SETTINGS_KEY = 'backup';
// better-sqlite3 caps a step at 2^31 - 1 pages: the rest of any archive.
const WHOLE_FILE_AT_ONCE = 0x7fffffff;

export interface BackupSettings {
  folder: string | null;
  keep: number;
  mode: BackupMode;
}

const DEFAULT_SETTINGS: BackupSettings = { folder: null, keep: 10, mode: 'daily' };

export function getBackupSettings(db: Db): BackupSettings {
  return { ...DEFAULT_SETTINGS, ...(s.getSetting<Partial<BackupSettings>>(db, SETTINGS_KEY) ?? {}) };
}

export function setBackupSettings(db: Db, patch: Partial<BackupSettings>): BackupSettings {
  const next = { ...getBackupSettings(db), ...patch };
  s.setSetting(db, SETTINGS_KEY, next);
  return next;
}

/** File-system errors SQLite's mapping does not know (a missing file, a busy one on Windows) are I/O errors. */
export function toVanthuError(error: unknown): VanthuError {
  const code = (error as { code?: unknown })?.code;
  if (
    typeof code === 'string' &&
    ['ENOENT', 'ENOTDIR', 'EISDIR', 'EBUSY', 'EXDEV', 'EIO', 'EMFILE', 'ENAMETOOLONG', 'EINVAL'].includes(code)
  ) {
    return new VanthuError('IO_ERROR', (error as Error).message);
  }
  return dbError(error);
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export type OnSafetyProgress = (progress: SafetyProgress) => void;

/** Reports a counted step at its start, every 1,000 rows and at its end. */
export function rowProgress(
  step: SafetyStep,
  total: number,
  onProgress: OnSafetyProgress | undefined,
): (() => void) & { end: () => void } {
  let done = 0;
  onProgress?.({ step, done, total });
  const tick = (): void => {
    done++;
    if (onProgress && done % 1000 === 0) onProgress({ step, done: Math.min(done, total), total });
  };
  return Object.assign(tick, { end: () => onProgress?.({ step, done: total, total }) });
}

/** Counts and digests of an archive (or of a backup copy): the manifest minus its header. */
export function measure(
  db: Db,
  onProgress?: OnSafetyProgress,
): Pick<
  BackupManifest,
  'counts' | 'documents' | 'originals' | 'originalBytes' | 'documentsDigest' | 'originalsDigest'
> {
  const report = rowProgress('digest', s.tableCount(db, 'documents') + s.tableCount(db, 'originals'), onProgress);
  const docs = createHash('sha256');
  let documents = 0;
  for (const row of s.iterateContentHashes(db)) {
    docs.update(`${row.id}:${row.content_hash}\n`);
    documents++;
    report();
  }
  const origs = createHash('sha256');
  let originals = 0;
  let originalBytes = 0;
  for (const row of s.iterateOriginals(db)) {
    origs.update(`${row.document_id}:${sha256Hex(row.bytes)}\n`);
    originals++;
    originalBytes += row.bytes.byteLength;
    report();
  }
  report.end();
  const counts = s.countRows(db);
  delete counts[s.MANIFEST_TABLE];
  return {
    counts,
    documents,
    originals,
    originalBytes,
    documentsDigest: docs.digest('hex'),
    originalsDigest: origs.digest('hex'),
  };
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: some file systems (FAT on a USB stick) refuse it.
  }
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
  for (const suffix of ['-journal', '-wal', '-shm']) {
    try {
      unlinkSync(file + suffix);
    } catch {
      // none
    }
  }
}

function tempName(target: string): string {
  return `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tam`;
}

export interface CreateBackupOptions {
  appVersion: string;
  trigger: BackupTrigger;
  overwrite?: boolean;
  /**
   * When `target` is taken (a clerk pressing «Sao lưu» twice within a second), write to `name-2`,
   * `name-3`… instead of refusing: the clerk asked for one more backup, not for that file name.
   */
  nextFreeName?: boolean;
  now?: Date;
  /** Step by step, for a progress bar: at 100,000 documents a backup takes about half a minute. */
  onProgress?: OnSafetyProgress;
}

/** `file` itself when free, else the first free `base-2.ext`, `base-3.ext`… */
function freeName(file: string): string {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  let name = file;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}${ext}`;
  return name;
}

/** Writes a verified backup of the open archive to `target`. */
export async function createBackup(
  db: Db,
  target: string,
  options: CreateBackupOptions,
): Promise<BackupResult & { manifest: BackupManifest }> {
  let file = path.resolve(target);
  if (!options.overwrite && !options.nextFreeName && existsSync(file))
    throw new VanthuError('IO_ERROR', `tệp đã tồn tại: ${path.basename(file)}`);
  const dir = path.dirname(file);
  if (!existsSync(dir)) throw new VanthuError('IO_ERROR', `không có thư mục ${dir}`);
  const tmp = tempName(file);
  const createdAt = (options.now ?? new Date()).toISOString();
  try {
    const manifest = await runSafetyJob<BackupManifest>(
      {
        kind: 'backupCopy',
        source: db.name,
        tmp,
        header: { createdAt, appVersion: options.appVersion, trigger: options.trigger },
      },
      options.onProgress,
    );
    fsyncFile(tmp);
    // Chosen only now: a second backup started in the same second took the name while this one was copying.
    if (options.nextFreeName && !options.overwrite) file = freeName(file);
    else if (!options.overwrite && existsSync(file))
      throw new VanthuError('IO_ERROR', `tệp đã tồn tại: ${path.basename(file)}`);
    renameSync(tmp, file);
    fsyncDir(dir);
    const size = statSync(file).size;
    if (!db.readonly) s.logBackup(db, path.basename(file), options.trigger, manifest.documents, size, createdAt);
    return { fileName: path.basename(file), size, documents: manifest.documents, createdAt, removed: [], manifest };
  } catch (error) {
    tryUnlink(tmp);
    throw toVanthuError(error);
  }
}

export interface CopyHeader {
  createdAt: string;
  appVersion: string;
  trigger: BackupTrigger;
}

/**
 * The archive at `source` copied to `tmp` as a backup: compacted, with its manifest, checked. Runs
 * in a worker thread with connections of its own (offthread.ts), so it reads the archive through a
 * read-only connection: SQLite restarts an online backup whenever another connection writes
 * between two of its steps, so the copy is taken in one step, one consistent snapshot (~3 s at
 * 100,000 documents) while the app goes on writing.
 */
export async function writeVerifiedCopy(
  source: string,
  tmp: string,
  header: CopyHeader,
  onProgress?: OnSafetyProgress,
): Promise<BackupManifest> {
  let copy: Db | null = null;
  const archive = connect(source, { readonly: true, fileMustExist: true });
  try {
    onProgress?.({ step: 'copy', done: 0, total: 0 });
    await archive.backup(tmp, { progress: () => WHOLE_FILE_AT_ONCE });
  } finally {
    archive.close();
  }
  try {
    onProgress?.({ step: 'compact', done: 0, total: 0 });
    copy = connect(tmp);
    copy.pragma('journal_mode = DELETE');
    copy.pragma('synchronous = FULL');
    // The backup folder is a place on this PC: it has no meaning where the backup is restored.
    if (s.hasTable(copy, 'settings')) s.deleteSetting(copy, SETTINGS_KEY);
    // VACUUM: the copy has pages as the archive had them, free pages included, which may still hold
    // purged trash or the setting just deleted. Rebuilt, the backup holds only live data.
    copy.exec('VACUUM');
    const manifest: BackupManifest = {
      format: 'vanthu-backup',
      formatVersion: 1,
      createdAt: header.createdAt,
      appVersion: header.appVersion,
      schemaVersion: schemaVersion(copy),
      trigger: header.trigger,
      ...measure(copy, onProgress),
    };
    s.writeManifest(copy, manifest);
    onProgress?.({ step: 'integrity', done: 0, total: 0 });
    const integrity = s.integrityCheck(copy, 10);
    if (integrity.join() !== 'ok') throw new VanthuError('ARCHIVE_CORRUPT', integrity.join('; '));
    return manifest;
  } finally {
    copy?.close();
  }
}

function openBackupReadOnly(file: string): Db {
  try {
    return connect(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    const e = toVanthuError(error);
    throw e.code === 'ARCHIVE_CORRUPT' ? new VanthuError('BACKUP_INVALID', e.detail) : e;
  }
}

/** Checks a backup file without changing it: integrity, manifest, counts and every hash. */
export function verifyBackup(file: string, onProgress?: OnSafetyProgress): VerifyReport {
  const problems: string[] = [];
  // SQLite would say «unable to open database file» or «disk I/O error» in English.
  if (!existsSync(file)) return { ok: false, manifest: null, problems: [`Không thấy tệp ${file}.`] };
  if (statSync(file).isDirectory())
    return { ok: false, manifest: null, problems: [`${file} là một thư mục, không phải tệp sao lưu.`] };
  let db: Db;
  try {
    db = openBackupReadOnly(file);
  } catch (error) {
    const e = toVanthuError(error);
    return { ok: false, manifest: null, problems: [e.message] };
  }
  try {
    let integrity: string[];
    try {
      onProgress?.({ step: 'integrity', done: 0, total: 0 });
      integrity = s.integrityCheck(db, 10);
    } catch {
      // SQLite's «file is not a database» is English: the clerk reads what it means instead.
      return {
        ok: false,
        manifest: null,
        problems: ['Tệp này không phải tệp sao lưu Vanthu (không đọc được như một cơ sở dữ liệu, hoặc đã bị hỏng).'],
      };
    }
    // integrity_check's rows («row 3 missing from index …») are English too.
    if (integrity.join() !== 'ok') problems.push('Kiểm tra toàn vẹn thất bại: tệp sao lưu bị hỏng.');
    const raw = s.readManifest(db);
    if (!raw)
      return {
        ok: false,
        manifest: null,
        problems: [...problems, 'Tệp không có bảng kê sao lưu (không phải tệp sao lưu Vanthu).'],
      };
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(raw) as BackupManifest;
    } catch {
      return { ok: false, manifest: null, problems: [...problems, 'Bảng kê sao lưu bị hỏng.'] };
    }
    if (manifest.format !== 'vanthu-backup' || manifest.formatVersion !== 1)
      problems.push('Định dạng tệp sao lưu không được hỗ trợ.');
    if (manifest.schemaVersion > LATEST_SCHEMA_VERSION)
      problems.push('Tệp sao lưu được tạo bởi phiên bản Vanthu mới hơn.');
    if (schemaVersion(db) !== manifest.schemaVersion) problems.push('Phiên bản lược đồ không khớp bảng kê.');
    if (problems.length === 0) {
      const now = measure(db, onProgress);
      for (const [table, n] of Object.entries(manifest.counts ?? {})) {
        if (now.counts[table] !== n)
          problems.push(`Số dòng bảng ${table}: ${now.counts[table] ?? 0}, bảng kê ghi ${n}.`);
      }
      if (now.documentsDigest !== manifest.documentsDigest)
        problems.push('Mã băm nội dung văn bản không khớp bảng kê.');
      if (now.originalsDigest !== manifest.originalsDigest)
        problems.push('Mã băm bản gốc không khớp bảng kê (bản gốc bị sửa hoặc hỏng).');
    }
    return { ok: problems.length === 0, manifest, problems };
  } finally {
    db.close();
  }
}

function assertVerified(file: string, onProgress?: OnSafetyProgress): VerifyReport & { manifest: BackupManifest } {
  if (!existsSync(file)) throw new VanthuError('IO_ERROR', `không thấy tệp ${file}`);
  return verified(verifyBackup(file, onProgress));
}

function verified(report: VerifyReport): VerifyReport & { manifest: BackupManifest } {
  if (!report.ok || !report.manifest) {
    if (report.manifest && report.manifest.schemaVersion > LATEST_SCHEMA_VERSION)
      throw new VanthuError('ARCHIVE_TOO_NEW');
    throw new VanthuError('BACKUP_INVALID', report.problems.join(' '));
  }
  return report as VerifyReport & { manifest: BackupManifest };
}

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/**
 * A name for the archive kept aside that no earlier restore used: a second restore within the same
 * second must not rename over (and so delete) the archive the first one kept.
 */
function asideName(dir: string, now: Date): string {
  const base = `${DATABASE_FILE}.truoc-khoi-phuc-${stamp(now)}`;
  let name = base;
  for (let n = 2; existsSync(path.join(dir, name)); n++) name = `${base}-${n}`;
  return name;
}

/** The archive file is held by another process when its WAL files outlive our own connection. */
function assertNotInUse(dbFile: string): void {
  if (!existsSync(dbFile)) return;
  if (existsSync(dbFile + '-wal') || existsSync(dbFile + '-shm')) {
    // A clean close by the last connection removes them; try to be that last connection.
    try {
      const db = connect(dbFile);
      db.pragma('busy_timeout = 2000');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    } catch (error) {
      throw toVanthuError(error);
    }
    if (existsSync(dbFile + '-wal') || existsSync(dbFile + '-shm')) throw new VanthuError('ARCHIVE_LOCKED');
  }
}

/**
 * Replaces the archive in `dir` with a verified backup. The current archive is renamed aside
 * (vanthu.db.truoc-khoi-phuc-<time>) before the new file takes its name; nothing is deleted.
 * The archive must not be open (the desktop app stages the file and restores at its next start).
 */
export function restoreBackup(
  dir: string,
  backupFile: string,
  now = new Date(),
  onProgress?: OnSafetyProgress,
): RestoreResult {
  const report = assertVerified(backupFile, onProgress);
  const dbFile = path.join(dir, DATABASE_FILE);
  const staging = tempName(dbFile);
  let keptAside: string | null = null;
  try {
    makeFolder(dir);
    copyFileSync(backupFile, staging);
    const db = connect(staging);
    try {
      s.dropManifest(db);
      // The settings of this PC (its backup folder) win over those of the PC that made the backup.
      const here = existsSync(dbFile) ? readBackupSettingsOf(dbFile) : null;
      if (here && s.hasTable(db, 'settings')) s.setSetting(db, SETTINGS_KEY, here);
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    fsyncFile(staging);
    assertNotInUse(dbFile);
    if (existsSync(dbFile)) {
      keptAside = asideName(dir, now);
      renameSync(dbFile, path.join(dir, keptAside));
    }
    try {
      renameSync(staging, dbFile);
    } catch (error) {
      if (keptAside) renameSync(path.join(dir, keptAside), dbFile);
      keptAside = null;
      throw error;
    }
    fsyncDir(dir);
    return { keptAside, documents: report.manifest.documents, backupCreatedAt: report.manifest.createdAt };
  } catch (error) {
    tryUnlink(staging);
    throw toVanthuError(error);
  }
}

function readBackupSettingsOf(dbFile: string): BackupSettings | null {
  try {
    const db = connect(dbFile, { readonly: true, fileMustExist: true });
    try {
      return s.hasTable(db, 'settings') ? (s.getSetting<BackupSettings>(db, SETTINGS_KEY) ?? null) : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Desktop restore: verify now, copy next to the archive, apply at the next start (applyPendingRestore). */
export async function stageRestore(
  dir: string,
  backupFile: string,
  onProgress?: OnSafetyProgress,
): Promise<VerifyReport> {
  if (!existsSync(backupFile)) throw new VanthuError('IO_ERROR', `không thấy tệp ${backupFile}`);
  // Off the main thread (offthread.ts): verifying a 100k backup reads and hashes all of it.
  const report = verified(await runSafetyJob<VerifyReport>({ kind: 'verify', file: backupFile }, onProgress));
  const pending = path.join(dir, PENDING_RESTORE);
  const tmp = tempName(pending);
  try {
    copyFileSync(backupFile, tmp);
    fsyncFile(tmp);
    renameSync(tmp, pending);
  } catch (error) {
    tryUnlink(tmp);
    throw toVanthuError(error);
  }
  return report;
}

/** Called before the archive opens. A pending restore that no longer verifies is left in place, unused. */
export function applyPendingRestore(dir: string): RestoreResult | null {
  const pending = path.join(dir, PENDING_RESTORE);
  if (!existsSync(pending)) return null;
  const result = restoreBackup(dir, pending);
  tryUnlink(pending);
  return result;
}

// ---- automatic backups -----------------------------------------------------------------------

export function generationName(now: Date): string {
  return `Vanthu-saoluu-${stamp(now)}${BACKUP_EXTENSION}`;
}

/** Keeps the newest `keep` automatic generations in the folder; never touches other files. */
export function rotate(folder: string, keep: number): string[] {
  const generations = readdirSync(folder).flatMap((f) => {
    const m = GENERATION.exec(f);
    return m ? [{ f, stamp: m[1]!, n: m[2] ? Number(m[2]) : 1 }] : [];
  });
  // Newest first; by name alone `-2.vanthu-backup` sorts before `.vanthu-backup` and `-10` before `-2`.
  generations.sort((a, b) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1));
  const files = generations.map((g) => g.f);
  const removed: string[] = [];
  for (const f of files.slice(Math.max(1, keep))) {
    try {
      unlinkSync(path.join(folder, f));
      removed.push(f);
    } catch {
      // A read-only stick: keep going, the next rotation tries again.
    }
  }
  return removed;
}

export async function backupToFolder(
  db: Db,
  appVersion: string,
  trigger: BackupTrigger,
  now = new Date(),
  onProgress?: OnSafetyProgress,
): Promise<BackupResult> {
  const settings = getBackupSettings(db);
  if (!settings.folder) throw new VanthuError('BACKUP_FOLDER_UNSET');
  if (!existsSync(settings.folder))
    throw new VanthuError('IO_ERROR', `không thấy thư mục sao lưu ${settings.folder} (USB đã được cắm chưa?)`);
  const result = await createBackup(db, path.join(settings.folder, generationName(now)), {
    appVersion,
    trigger,
    now,
    nextFreeName: true,
    ...(onProgress ? { onProgress } : {}),
  });
  return { ...result, removed: rotate(settings.folder, settings.keep) };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Daily mode: a backup is due when the newest is a day old or there is none. */
export function isDailyDue(db: Db, now = new Date()): boolean {
  const settings = getBackupSettings(db);
  if (settings.mode !== 'daily' || !settings.folder) return false;
  const last = s.lastBackup(db);
  return !last || now.getTime() - Date.parse(last.created_at) >= DAY_MS;
}

export function backupStatus(db: Db, now = new Date()): BackupStatus {
  const settings = getBackupSettings(db);
  const last = s.lastBackup(db);
  const ageDays = last ? Math.floor((now.getTime() - Date.parse(last.created_at)) / DAY_MS) : null;
  const stale = ageDays === null || ageDays > BACKUP_STALE_DAYS;
  const folderAvailable = settings.folder !== null && existsSync(settings.folder);
  let warning: string | null = null;
  // A fresh archive has nothing to lose yet: asking for a backup before the first import only teaches
  // the clerk to ignore the banner.
  if (ageDays === null) {
    if (s.holdsDocuments(db))
      warning = 'Kho chưa được sao lưu lần nào. Hãy sao lưu ra USB hoặc ổ đĩa khác để không mất văn bản.';
  } else if (stale) warning = `Bản sao lưu mới nhất đã cũ ${ageDays} ngày. Hãy sao lưu lại.`;
  return {
    folder: settings.folder,
    folderAvailable,
    keep: settings.keep,
    mode: settings.mode,
    lastBackupAt: last?.created_at ?? null,
    lastBackupFile: last?.file_name ?? null,
    ageDays,
    stale,
    warning,
  };
}
