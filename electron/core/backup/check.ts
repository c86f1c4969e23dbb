/**
 * `vanthu check`: what is wrong with an archive, if anything, in Vietnamese. Reads only: it can run
 * on a read-only archive, and it never "repairs" behind the clerk's back.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CheckFinding, CheckReport } from '../../../shared/model/safety';
import * as s from '../db/safety-store';

export function checkArchive(db: Database, now = new Date()): CheckReport {
  const findings: CheckFinding[] = [];
  const add = (f: CheckFinding): void => {
    findings.push(f);
  };

  const integrity = s.integrityCheck(db, 20);
  if (integrity.join() === 'ok') add({ level: 'ok', code: 'integrity', message: 'Cấu trúc tệp kho toàn vẹn (integrity_check: ok).' });
  else add({ level: 'error', code: 'integrity', message: `Tệp kho bị hỏng: ${integrity.slice(0, 5).join('; ')}` });

  const fk = s.foreignKeyCheck(db);
  if (fk.length === 0) add({ level: 'ok', code: 'foreign_keys', message: 'Liên kết giữa các bảng đầy đủ.' });
  else {
    const tables = [...new Set(fk.map((r) => r.table))].join(', ');
    add({ level: 'error', code: 'foreign_keys', message: `${fk.length} dòng trỏ tới dữ liệu không còn (${tables}).` });
  }

  const documents = s.tableCount(db, 'documents');
  const gaps = s.searchIndexGaps(db);
  const indexProblems: string[] = [];
  if (gaps.unindexed.length > 0) indexProblems.push(`${gaps.unindexed.length} văn bản chưa có trong chỉ mục tìm kiếm`);
  if (gaps.indexRowsWithoutFts > 0) indexProblems.push(`${gaps.indexRowsWithoutFts} mục chỉ mục thiếu dữ liệu toàn văn`);
  if (gaps.ftsRowsWithoutDoc > 0) indexProblems.push(`${gaps.ftsRowsWithoutDoc} dòng toàn văn không thuộc văn bản nào`);
  if (gaps.ftsIntegrity) indexProblems.push(`chỉ mục toàn văn hỏng (${gaps.ftsIntegrity})`);
  if (indexProblems.length === 0) add({ level: 'ok', code: 'index', message: `Chỉ mục tìm kiếm khớp ${documents} văn bản.` });
  else
    add({
      // Unindexed documents are caught up when the archive next opens for writing; the others are damage.
      level: gaps.indexRowsWithoutFts + gaps.ftsRowsWithoutDoc > 0 || gaps.ftsIntegrity ? 'error' : 'warning',
      code: 'index',
      message: `Chỉ mục tìm kiếm: ${indexProblems.join('; ')}.`,
      ids: gaps.unindexed,
    });

  const missing = s.documentsWithoutOriginal(db);
  if (missing.length > 0) add({ level: 'error', code: 'originals_missing', message: `${missing.length} văn bản không có bản gốc.`, ids: missing });

  const bad: number[] = [];
  let checked = 0;
  for (const row of s.iterateOriginals(db)) {
    checked++;
    const hash = createHash('sha256').update(row.bytes).digest('hex');
    if (hash !== row.sha256 || row.bytes.byteLength !== row.size) bad.push(row.document_id);
  }
  if (bad.length === 0) add({ level: 'ok', code: 'originals', message: `${checked} bản gốc khớp mã băm SHA-256.` });
  else add({ level: 'error', code: 'originals', message: `${bad.length} bản gốc không khớp mã băm SHA-256 (bị sửa hoặc hỏng).`, ids: bad.slice(0, 1000) });

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
