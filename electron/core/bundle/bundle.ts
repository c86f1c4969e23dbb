/**
 * Exchange between offices (issue #7, docs/safety.md): a bundle is one SQLite file holding chosen
 * documents whole (metadata, corrections, citations and links, tasks, original) and a manifest.
 * Importing merges without duplicates: same content hash, or same number/symbol + issuer + date,
 * is already here; same number/symbol + issuer with different content is a conflict kept for the
 * clerk to decide. A bundle is imported in one transaction: all of it or none of it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { DUPLICATE_MESSAGE, VanthuError } from '../../../shared/api/errors';
import type {
  BundleConflict,
  BundleExportResult,
  BundleImportReport,
  TrashRestoreResult,
} from '../../../shared/model/safety';
import { toVanthuError } from '../backup/backup';
import { connect } from '../db/open';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import * as s from '../db/safety-store';
import { insertSerialized, serializeDocument, type SerializedDocument } from '../history/serialize';

export const BUNDLE_EXTENSION = '.vanthu-bundle';

interface BundleManifest {
  format: 'vanthu-bundle';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  count: number;
  selection: { ids?: number[]; since?: string };
  /** sha256 over "content_hash:original_sha256\n" of the items in order. */
  itemsDigest: string;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export interface ExportSelection {
  ids?: number[];
  since?: string;
}

export function exportBundle(
  db: Db,
  target: string,
  selection: ExportSelection,
  appVersion: string,
  overwrite = false,
): BundleExportResult {
  const file = path.resolve(target);
  if (!overwrite && existsSync(file)) throw new VanthuError('IO_ERROR', `tệp đã tồn tại: ${path.basename(file)}`);
  if (!existsSync(path.dirname(file))) throw new VanthuError('IO_ERROR', `không có thư mục ${path.dirname(file)}`);
  const ids = s.selectDocumentIds(db, selection);
  // Ids the clerk named but the archive does not hold (a typo, a document since deleted): the other
  // office would otherwise get fewer documents than were sent, with nothing said.
  const absent = selection.ids?.filter((id) => !ids.includes(id)) ?? [];
  if (absent.length > 0)
    throw new VanthuError('NOT_FOUND', `${absent.map((id) => `#${id}`).join(', ')}; chưa ghi gói nào`);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tam`;
  let bundle: Db | null = null;
  try {
    bundle = connect(tmp);
    bundle.pragma('journal_mode = DELETE');
    s.createBundleSchema(bundle);
    const digest = createHash('sha256');
    const b = bundle;
    // One read transaction: the bundle is a consistent snapshot even while the app keeps working.
    db.transaction(() => {
      b.transaction(() => {
        for (const id of ids) {
          const serialized = serializeDocument(db, id);
          if (!serialized) continue;
          const d = serialized.payload.document;
          const originalSha = sha256(serialized.bytes);
          digest.update(`${String(d.content_hash)}:${originalSha}\n`);
          s.insertBundleItem(b, {
            content_hash: String(d.content_hash),
            ref: (d.ref as string | null) ?? null,
            issuer: (d.issuer as string | null) ?? null,
            date: (d.date as string | null) ?? null,
            subject: (d.subject as string | null) ?? null,
            original_sha256: originalSha,
            payload_json: JSON.stringify(serialized.payload),
            original: serialized.bytes,
          });
        }
      })();
    })();
    const manifest: BundleManifest = {
      format: 'vanthu-bundle',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      appVersion,
      schemaVersion: schemaVersion(db),
      count: ids.length,
      selection: selection.ids ? { ids: selection.ids } : { since: selection.since ?? '' },
      itemsDigest: digest.digest('hex'),
    };
    s.writeBundleManifest(bundle, manifest);
    bundle.close();
    bundle = null;
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return { fileName: path.basename(file), documents: ids.length, size: statSync(file).size };
  } catch (error) {
    bundle?.close();
    for (const f of [tmp, `${tmp}-journal`]) {
      try {
        unlinkSync(f);
      } catch {
        // none
      }
    }
    throw toVanthuError(error);
  }
}

function openBundle(file: string): { bundle: Db; manifest: BundleManifest } {
  let bundle: Db;
  if (!existsSync(file)) throw new VanthuError('IO_ERROR', `không thấy tệp ${file}`);
  if (statSync(file).isDirectory()) throw new VanthuError('BUNDLE_INVALID', `${file} là một thư mục`);
  try {
    bundle = connect(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    const e = toVanthuError(error);
    throw e.code === 'ARCHIVE_CORRUPT' ? new VanthuError('BUNDLE_INVALID', e.detail) : e;
  }
  try {
    const integrity = s.integrityCheck(bundle, 5);
    if (integrity.join() !== 'ok') throw new VanthuError('BUNDLE_INVALID', integrity.join('; '));
    const raw = s.readBundleManifest(bundle);
    if (!raw) throw new VanthuError('BUNDLE_INVALID', 'không có bảng kê');
    const manifest = JSON.parse(raw) as BundleManifest;
    if (manifest.format !== 'vanthu-bundle' || manifest.formatVersion !== 1)
      throw new VanthuError('BUNDLE_INVALID', 'định dạng không được hỗ trợ');
    if (manifest.schemaVersion > LATEST_SCHEMA_VERSION)
      throw new VanthuError('ARCHIVE_TOO_NEW', 'gói được tạo bởi phiên bản mới hơn');
    // Verify every original and the digest before touching the archive.
    const digest = createHash('sha256');
    let count = 0;
    for (const item of s.iterateBundleItems(bundle)) {
      if (sha256(item.original) !== item.original_sha256)
        throw new VanthuError(
          'BUNDLE_INVALID',
          `bản gốc của ${item.ref ?? item.content_hash.slice(0, 12)} không khớp mã băm`,
        );
      digest.update(`${item.content_hash}:${item.original_sha256}\n`);
      count++;
    }
    if (count !== manifest.count || digest.digest('hex') !== manifest.itemsDigest)
      throw new VanthuError('BUNDLE_INVALID', 'nội dung không khớp bảng kê');
    return { bundle, manifest };
  } catch (error) {
    bundle.close();
    if (error instanceof SyntaxError) throw new VanthuError('BUNDLE_INVALID', 'bảng kê hỏng');
    const e = toVanthuError(error);
    throw e.code === 'ARCHIVE_CORRUPT' ? new VanthuError('BUNDLE_INVALID', e.detail) : e;
  }
}

/** Reads and checks a bundle without importing it. */
export function verifyBundle(file: string): { count: number; createdAt: string } {
  const { bundle, manifest } = openBundle(file);
  bundle.close();
  return { count: manifest.count, createdAt: manifest.createdAt };
}

/**
 * The archive's documents by number/symbol and issuer, compared without case and spacing, for one
 * bundle import: those with the key of any of the bundle's items, read in one pass the first time
 * an item is not a duplicate by content, then kept up to date with the documents the import writes
 * (a later item may be a conflict with one of them). Each list is in id order, the oldest first.
 */
class SameRefIssuer {
  private byKey: Map<string, { id: number; date: string | null }[]> | null = null;

  constructor(
    private readonly db: Db,
    private readonly bundle: Db,
  ) {}

  private load(): Map<string, { id: number; date: string | null }[]> {
    if (this.byKey) return this.byKey;
    const keys = s.bundleRefIssuers(this.bundle).map((r) => s.refIssuerKey(this.db, r.ref, r.issuer));
    const byKey = new Map<string, { id: number; date: string | null }[]>();
    for (const row of s.sameRefIssuer(this.db, [...new Set(keys)])) SameRefIssuer.push(byKey, row);
    for (const list of byKey.values()) list.sort((a, b) => a.id - b.id);
    return (this.byKey = byKey);
  }

  private static push(byKey: Map<string, { id: number; date: string | null }[]>, row: s.RefIssuerRow): void {
    const list = byKey.get(row.key);
    if (list) list.push({ id: row.id, date: row.date });
    else byKey.set(row.key, [{ id: row.id, date: row.date }]);
  }

  find(ref: string, issuer: string | null): { id: number; date: string | null }[] {
    return this.load().get(s.refIssuerKey(this.db, ref, issuer)) ?? [];
  }

  /** A document the import has just written (its id is above every one read). */
  added(id: number): void {
    if (!this.byKey) return;
    const row = s.refIssuerKeyOf(this.db, id);
    if (row) SameRefIssuer.push(this.byKey, row);
  }
}

export function importBundle(db: Db, file: string, now = new Date()): BundleImportReport {
  const { bundle, manifest } = openBundle(file);
  const bundleName = path.basename(file);
  const report: BundleImportReport = { bundle: bundleName, imported: 0, duplicates: 0, conflicts: 0, items: [] };
  try {
    const at = now.toISOString();
    const documentMap = new Map<number, number>();
    const sameRefs = new SameRefIssuer(db, bundle);
    db.transaction(() => {
      for (const item of s.iterateBundleItems(bundle)) {
        const base = { ref: item.ref, issuer: item.issuer, date: item.date };
        const sameContent = s.findByContentHash(db, item.content_hash);
        if (sameContent !== null) {
          report.duplicates++;
          report.items.push({ ...base, status: 'duplicate', id: sameContent, reason: DUPLICATE_MESSAGE });
          continue;
        }
        const sameRef = item.ref ? sameRefs.find(item.ref, item.issuer) : [];
        const sameDate = sameRef.find((r) => r.date === item.date);
        if (sameDate) {
          report.duplicates++;
          report.items.push({
            ...base,
            status: 'duplicate',
            id: sameDate.id,
            reason: 'Đã có văn bản cùng số/ký hiệu, cơ quan ban hành và ngày.',
          });
          continue;
        }
        if (sameRef.length > 0) {
          s.insertConflict(db, {
            bundle_name: bundleName,
            existing_id: sameRef[0]!.id,
            content_hash: item.content_hash,
            ref: item.ref,
            issuer: item.issuer,
            date: item.date,
            subject: item.subject,
            found_at: at,
            payload_json: item.payload_json,
            original: item.original,
          });
          report.conflicts++;
          report.items.push({
            ...base,
            status: 'conflict',
            id: sameRef[0]!.id,
            reason: 'Cùng số/ký hiệu và cơ quan ban hành nhưng nội dung khác: cần văn thư quyết định.',
          });
          continue;
        }
        const payload = JSON.parse(item.payload_json) as SerializedDocument;
        const { id } = s.withHistoryMuted(db, () =>
          insertSerialized(db, payload, item.original, { keepIds: false, documentMap }),
        );
        s.addHistory(db, id, 'bundle', { bundle: bundleName, sentAt: manifest.createdAt }, at);
        sameRefs.added(id);
        report.imported++;
        report.items.push({ ...base, status: 'imported', id, reason: 'Đã nhập.' });
      }
    }).immediate();
    return report;
  } catch (error) {
    throw toVanthuError(error);
  } finally {
    bundle.close();
  }
}

export function listConflicts(db: Db): BundleConflict[] {
  return s.listConflicts(db).map((c) => ({
    id: c.id,
    bundle: c.bundle_name,
    existingId: c.existing_id,
    ref: c.ref,
    issuer: c.issuer,
    date: c.date,
    subject: c.subject,
    foundAt: c.found_at,
  }));
}

/** The clerk's decision: import the bundle's version as a separate document, or drop it. */
export function resolveConflict(
  db: Db,
  id: number,
  action: 'import' | 'skip',
  now = new Date(),
): TrashRestoreResult | { status: 'skipped' } {
  return db
    .transaction(() => {
      const row = s.getConflict(db, id);
      if (!row) throw new VanthuError('NOT_FOUND', `xung đột #${id}`);
      s.deleteConflict(db, id);
      if (action === 'skip') return { status: 'skipped' as const };
      const existing = s.findByContentHash(db, row.content_hash);
      if (existing !== null) return { status: 'duplicate' as const, id: existing };
      const payload = JSON.parse(row.payload_json) as SerializedDocument;
      const { id: newId } = s.withHistoryMuted(db, () =>
        insertSerialized(db, payload, row.original, { keepIds: false }),
      );
      s.addHistory(db, newId, 'bundle', { bundle: row.bundle_name, conflictResolved: true }, now.toISOString());
      return { status: 'restored' as const, id: newId };
    })
    .immediate();
}
