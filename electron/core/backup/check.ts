/**
 * `vanthu check`: what is wrong with an archive, if anything, in Vietnamese. Reads only: it can run
 * on a read-only archive, and it never "repairs" behind the clerk's back.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../shared/api/errors';
import { openDatabase, toVanthuError } from '../db/open';
import { DATABASE_FILE } from '../paths';
import type { CheckFinding, CheckReport } from '../../../shared/model/safety';
import * as s from '../db/safety-store';
import { rowProgress, type OnSafetyProgress } from './backup';

export function checkArchive(db: Database, now = new Date(), onProgress?: OnSafetyProgress): CheckReport {
  const findings: CheckFinding[] = [];
  const add = (f: CheckFinding): void => {
    findings.push(f);
  };

  // integrity_check asks FTS5 too (xIntegrity, SQLite 3.44+): the search index's own check is in
  // this step, not run again as FTS5's 'integrity-check' command (safety-store.ts searchIndexGaps).
  onProgress?.({ step: 'integrity', done: 0, total: 0 });
  const integrity = s.integrityCheck(db, 20);
  if (integrity.join() === 'ok')
    add({ level: 'ok', code: 'integrity', message: 'Cấu trúc tệp kho toàn vẹn, không có chỗ hỏng.' });
  else add({ level: 'error', code: 'integrity', message: `Tệp kho bị hỏng: ${integrity.slice(0, 5).join('; ')}` });

  onProgress?.({ step: 'links', done: 0, total: 0 });
  const fk = s.foreignKeyCheck(db);
  if (fk.length === 0) add({ level: 'ok', code: 'foreign_keys', message: 'Liên kết giữa các bảng đầy đủ.' });
  else {
    const tables = [...new Set(fk.map((r) => r.table))].join(', ');
    add({ level: 'error', code: 'foreign_keys', message: `${fk.length} dòng trỏ tới dữ liệu không còn (${tables}).` });
  }

  const documents = s.tableCount(db, 'documents');
  onProgress?.({ step: 'index', done: 0, total: 0 });
  const gaps = s.searchIndexGaps(db);
  const indexProblems: string[] = [];
  if (gaps.unindexed.length > 0) indexProblems.push(`${gaps.unindexed.length} văn bản chưa có trong chỉ mục tìm kiếm`);
  if (gaps.indexRowsWithoutFts > 0)
    indexProblems.push(`${gaps.indexRowsWithoutFts} mục chỉ mục thiếu dữ liệu toàn văn`);
  if (gaps.ftsRowsWithoutDoc > 0) indexProblems.push(`${gaps.ftsRowsWithoutDoc} dòng toàn văn không thuộc văn bản nào`);
  if (indexProblems.length === 0)
    add({ level: 'ok', code: 'index', message: `Chỉ mục tìm kiếm khớp ${documents} văn bản.` });
  else
    add({
      // Unindexed documents are caught up when the archive next opens for writing; the others are damage.
      level: gaps.indexRowsWithoutFts + gaps.ftsRowsWithoutDoc > 0 ? 'error' : 'warning',
      code: 'index',
      message: `Chỉ mục tìm kiếm: ${indexProblems.join('; ')}.`,
      ids: gaps.unindexed,
    });

  const missing = s.documentsWithoutOriginal(db);
  if (missing.length > 0)
    add({
      level: 'error',
      code: 'originals_missing',
      message: `${missing.length} văn bản không có bản gốc.`,
      ids: missing,
    });

  const bad: number[] = [];
  let checked = 0;
  const originalsDone = rowProgress('originals', s.tableCount(db, 'originals'), onProgress);
  for (const row of s.iterateOriginals(db)) {
    checked++;
    originalsDone();
    const hash = createHash('sha256').update(row.bytes).digest('hex');
    if (hash !== row.sha256 || row.bytes.byteLength !== row.size) bad.push(row.document_id);
  }
  originalsDone.end();
  if (bad.length === 0) add({ level: 'ok', code: 'originals', message: `${checked} bản gốc khớp mã băm SHA-256.` });
  else
    add({
      level: 'error',
      code: 'originals',
      message: `${bad.length} bản gốc không khớp mã băm SHA-256 (bị sửa hoặc hỏng).`,
      ids: bad.slice(0, 1000),
    });

  // A scan's identity is its file's bytes ("bytes:…"): it has no text to hash.
  const badTexts: number[] = [];
  let textsChecked = 0;
  let scans = 0;
  const textsDone = rowProgress('texts', documents, onProgress);
  for (const row of s.iterateTexts(db)) {
    textsDone();
    if (row.content_hash.startsWith('bytes:')) {
      scans++;
      continue;
    }
    textsChecked++;
    if (row.text === null || createHash('sha256').update(row.text).digest('hex') !== row.content_hash)
      badTexts.push(row.id);
  }
  textsDone.end();
  // Without the scans named, «65 nội dung văn bản» beside 66 documents reads as one text lost.
  const scansSaid = scans > 0 ? ` (${scans} bản quét không có chữ, đối chiếu bằng bản gốc)` : '';
  if (badTexts.length === 0)
    add({ level: 'ok', code: 'texts', message: `${textsChecked} nội dung văn bản khớp mã băm khi nhập${scansSaid}.` });
  else
    add({
      level: 'error',
      code: 'texts',
      message: `${badTexts.length} nội dung văn bản không đọc được hoặc không khớp mã băm khi nhập (bị sửa hoặc hỏng).`,
      ids: badTexts.slice(0, 1000),
    });

  if (s.hasTable(db, 'trash')) {
    const trash = s.tableCount(db, 'trash');
    if (trash > 0) add({ level: 'ok', code: 'trash', message: `${trash} văn bản trong thùng rác.` });
  }

  return {
    ok: findings.every((f) => f.level !== 'error'),
    checkedAt: now.toISOString(),
    documents,
    originalsChecked: checked,
    findings,
  };
}

/**
 * `vanthu check` on an archive folder. A write-protected folder (a CD, a read-only share, a locked
 * USB stick) cannot hold the -shm file SQLite's WAL mode needs even to read
 * (SQLITE_READONLY_DIRECTORY), and better-sqlite3 takes no `immutable=1` URI; so such an archive is
 * checked as a temporary copy (the file and its -wal, if any) in the system temp folder, deleted
 * afterwards. The original is only read. A finding says a copy was checked.
 */
export function checkArchiveFolder(dir: string, now = new Date(), onProgress?: OnSafetyProgress): CheckReport {
  const file = path.join(dir, DATABASE_FILE);
  try {
    return checkFile(file, now, onProgress);
  } catch (error) {
    // With a -wal and no -shm SQLite says CANTOPEN (IO_ERROR) rather than READONLY.
    const mapped = toVanthuError(error);
    const protectedFolder = mapped.code === 'ARCHIVE_READ_ONLY' || (mapped.code === 'IO_ERROR' && !writableFolder(dir));
    if (!protectedFolder || !existsSync(file)) throw mapped;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-check-'));
  try {
    const copy = path.join(tmp, DATABASE_FILE);
    try {
      copyFileSync(file, copy);
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    } catch (error) {
      throw new VanthuError('IO_ERROR', (error as Error).message);
    }
    const report = checkFile(copy, now, onProgress);
    report.findings.unshift({
      level: 'ok',
      code: 'read_only_copy',
      message: 'Thư mục kho chỉ cho phép đọc: đã kiểm tra một bản chép tạm của tệp kho (tệp gốc không bị thay đổi).',
    });
    return report;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function writableFolder(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function checkFile(file: string, now: Date, onProgress?: OnSafetyProgress): CheckReport {
  const db = openDatabase(file, { readOnly: true });
  try {
    return checkArchive(db, now, onProgress);
  } finally {
    db.close();
  }
}
