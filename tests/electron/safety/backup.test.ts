/** Backup, verify, restore and check (issue #7). */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Archive } from '../../../electron/core/archive';
import {
  PENDING_RESTORE,
  backupStatus,
  backupToFolder,
  createBackup,
  generationName,
  isDailyDue,
  restoreBackup,
  rotate,
  setBackupSettings,
  stageRestore,
  verifyBackup,
} from '../../../electron/core/backup/backup';
import { checkArchive, checkArchiveFolder } from '../../../electron/core/backup/check';
import { VanthuError } from '../../../shared/api/errors';
import { ROOT, SAMPLES_DIR, tempDir } from '../../helpers/tmp';

const OPTS = { appVersion: '0.1.0-test', trigger: 'manual' as const };

function snapshot(archive: Archive): unknown {
  return archive.list('date_asc', 1000, 0).items.map((d) => {
    const full = archive.get(d.id);
    return { id: d.id, ref: d.ref, text: full.text, hash: full.contentHash, citations: full.parse.citations.length };
  });
}

describe('backup and restore', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: Archive;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    archive = Archive.open(path.join(dir, 'pc1', 'Vanthu'));
    await archive.importPaths([SAMPLES_DIR]);
  });
  afterEach(() => {
    archive.close();
    cleanup();
  });

  test('an online backup is one file with a manifest whose counts and hashes verify', async () => {
    const file = path.join(dir, 'usb', 'a.vanthu-backup');
    mkdirSync(path.dirname(file));
    // The archive keeps working while the backup runs: a document imported meanwhile is either in
    // the copy or not, and the copy verifies either way.
    const extra = path.join(dir, 'extra.txt');
    writeFileSync(extra, 'CÔNG VĂN\nV/v rà soát hồ sơ lưu trữ năm 2024 của Văn phòng Huyện ủy.\n');
    const [result] = await Promise.all([createBackup(archive.db, file, OPTS), archive.importPaths([extra])]);
    expect(readdirSync(path.dirname(file))).toEqual(['a.vanthu-backup']); // no -journal, -wal or temp file left
    expect(result.manifest).toMatchObject({
      format: 'vanthu-backup',
      appVersion: '0.1.0-test',
      schemaVersion: archive.schemaVersion(),
    });
    expect([5, 6]).toContain(result.manifest.documents);
    expect(result.manifest.counts.originals).toBe(result.manifest.documents);
    const report = verifyBackup(file);
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(backupStatus(archive.db)).toMatchObject({ lastBackupFile: 'a.vanthu-backup', stale: false, warning: null });
  });

  test('backup, verify and check say each step as it goes, counted steps ending at their total (a 100k backup showed nothing for half a minute)', async () => {
    type Seen = { step: string; done: number; total: number };
    const steps = (seen: Seen[]) => seen.map((p) => p.step).filter((step, i, all) => step !== all[i - 1]);
    const endsAtTotal = (seen: Seen[], step: string) => {
      const last = seen.filter((p) => p.step === step).at(-1)!;
      return last.total > 0 && last.done === last.total;
    };
    const file = path.join(dir, 'b.vanthu-backup');
    const backup: Seen[] = [];
    await createBackup(archive.db, file, { ...OPTS, onProgress: (p) => backup.push(p) });
    expect(steps(backup)).toEqual(['copy', 'compact', 'digest', 'integrity']);
    expect(endsAtTotal(backup, 'digest')).toBe(true);
    // 5 documents and their 5 originals.
    expect(backup.filter((p) => p.step === 'digest').at(-1)).toEqual({ step: 'digest', done: 10, total: 10 });

    const verify: Seen[] = [];
    expect(verifyBackup(file, (p) => verify.push(p)).ok).toBe(true);
    expect(steps(verify)).toEqual(['integrity', 'digest']);

    const check: Seen[] = [];
    expect(checkArchive(archive.db, new Date(), (p) => check.push(p)).ok).toBe(true);
    expect(steps(check)).toEqual(['integrity', 'links', 'index', 'originals', 'texts']);
    expect(endsAtTotal(check, 'originals') && endsAtTotal(check, 'texts')).toBe(true);
  });

  test('verify refuses a tampered original, a truncated file, random bytes and a bare archive', async () => {
    const file = path.join(dir, 'a.vanthu-backup');
    await createBackup(archive.db, file, OPTS);

    const tampered = path.join(dir, 'tampered.vanthu-backup');
    copyFileSync(file, tampered);
    const db = new Database(tampered);
    db.prepare('UPDATE originals SET bytes = ? WHERE document_id = (SELECT min(document_id) FROM originals)').run(
      Buffer.from('sửa lén'),
    );
    db.close();
    expect(verifyBackup(tampered).problems.join()).toMatch(/Mã băm bản gốc không khớp/);

    const truncated = path.join(dir, 'truncated.vanthu-backup');
    writeFileSync(truncated, readFileSync(file).subarray(0, 8192));
    expect(verifyBackup(truncated).ok).toBe(false);

    const random = path.join(dir, 'random.vanthu-backup');
    writeFileSync(random, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    expect(verifyBackup(random).ok).toBe(false);

    // The live archive file is a SQLite database but not a backup.
    expect(verifyBackup(archive.file).problems.join()).toMatch(/không có bảng kê/);

    for (const bad of [tampered, truncated, random]) {
      expect(() => restoreBackup(path.join(dir, 'pc1', 'Vanthu'), bad)).toThrow(VanthuError);
    }
    // Refused restores changed nothing.
    expect(archive.count()).toBe(5);
    expect(readdirSync(path.join(dir, 'pc1', 'Vanthu')).filter((f) => f.includes('truoc-khoi-phuc'))).toEqual([]);
  });

  test('restores on another PC with a different user folder; the file holds no path of the archive', async () => {
    setBackupSettings(archive.db, { folder: path.join(dir, 'pc1', 'usb') });
    const file = path.join(dir, 'a.vanthu-backup');
    await createBackup(archive.db, file, OPTS);
    const before = snapshot(archive);
    expect(readFileSync(file).includes(Buffer.from(path.join(dir, 'pc1')))).toBe(false);

    const otherPc = path.join(dir, 'pc2', 'Users', 'Nguyễn Văn B', 'AppData', 'Vanthu');
    const result = restoreBackup(otherPc, file);
    expect(result).toMatchObject({ keptAside: null, documents: 5 });
    const restored = Archive.open(otherPc);
    try {
      expect(snapshot(restored)).toEqual(before);
      expect(restored.search.search({ query: 'Covid', limit: 5 }).items.length).toBeGreaterThan(0);
      expect(checkArchive(restored.db).ok).toBe(true);
      expect(backupStatus(restored.db).folder).toBeNull();
    } finally {
      restored.close();
    }
  });

  test('restore keeps the current archive aside, and refuses while another process has it open', async () => {
    const file = path.join(dir, 'a.vanthu-backup');
    await createBackup(archive.db, file, OPTS);
    const extra = path.join(dir, 'extra.txt');
    writeFileSync(extra, 'THÔNG BÁO\nLịch trực cơ quan dịp Tết Nguyên đán.\n');
    await archive.importPaths([extra]);
    expect(archive.count()).toBe(6);

    // The archive is open here: restoring under it is refused and changes nothing.
    const archiveDir = path.join(dir, 'pc1', 'Vanthu');
    expect(() => restoreBackup(archiveDir, file)).toThrow(expect.objectContaining({ code: 'ARCHIVE_LOCKED' }));
    expect(archive.count()).toBe(6);
    archive.close();

    const result = restoreBackup(archiveDir, file);
    expect(result.keptAside).toMatch(/^vanthu\.db\.truoc-khoi-phuc-/);
    archive = Archive.open(archiveDir);
    expect(archive.count()).toBe(5);
    const aside = new Database(path.join(archiveDir, result.keptAside!), { readonly: true });
    expect(aside.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(6);
    aside.close();
  });

  test('two restores within one second keep both earlier archives aside (the second does not rename over the first)', async () => {
    const file = path.join(dir, 'a.vanthu-backup');
    await createBackup(archive.db, file, OPTS);
    const extra = path.join(dir, 'extra.txt');
    writeFileSync(extra, 'THÔNG BÁO\nLịch trực cơ quan dịp Tết Nguyên đán.\n');
    await archive.importPaths([extra]);
    expect(archive.count()).toBe(6);
    archive.close();

    const archiveDir = path.join(dir, 'pc1', 'Vanthu');
    const now = new Date(2025, 0, 31, 9, 30, 15);
    const first = restoreBackup(archiveDir, file, now);
    const second = restoreBackup(archiveDir, file, now);
    expect(second.keptAside).not.toBe(first.keptAside);
    const countIn = (name: string): unknown => {
      const db = new Database(path.join(archiveDir, name), { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM documents').pluck().get();
      } finally {
        db.close();
      }
    };
    // The archive of 6 documents the clerk had before the first restore is still there.
    expect(countIn(first.keptAside!)).toBe(6);
    expect(countIn(second.keptAside!)).toBe(5);
    archive = Archive.open(archiveDir);
    expect(archive.count()).toBe(5);
  });

  test('the desktop stages a verified restore; it is applied when the archive next opens', async () => {
    const file = path.join(dir, 'a.vanthu-backup');
    await createBackup(archive.db, file, OPTS);
    const archiveDir = path.join(dir, 'pc1', 'Vanthu');
    const id = archive.list('date_asc', 1, 0).items[0]!.id;
    archive.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    await stageRestore(archiveDir, file);
    expect(existsSync(path.join(archiveDir, PENDING_RESTORE))).toBe(true);
    archive.close();
    archive = Archive.open(archiveDir);
    expect(archive.count()).toBe(5);
    expect(existsSync(path.join(archiveDir, PENDING_RESTORE))).toBe(false);
  });

  test('an archive with no document yet is not nagged to back up (the banner showed before the first import)', () => {
    const empty = Archive.open(path.join(dir, 'empty'));
    try {
      expect(backupStatus(empty.db)).toMatchObject({ ageDays: null, warning: null });
    } finally {
      empty.close();
    }
  });

  test('automatic backups keep N generations, are due daily, and the status warns after 7 days', async () => {
    const usb = path.join(dir, 'usb');
    expect(() => backupToFolder(archive.db, '0', 'daily')).rejects.toMatchObject({ code: 'BACKUP_FOLDER_UNSET' });
    expect(backupStatus(archive.db)).toMatchObject({ stale: true, ageDays: null });
    expect(backupStatus(archive.db).warning).toMatch(/chưa được sao lưu/);
    setBackupSettings(archive.db, { folder: usb, keep: 3, mode: 'daily' });
    await expect(backupToFolder(archive.db, '0', 'daily')).rejects.toMatchObject({ code: 'IO_ERROR' }); // stick not plugged in
    mkdirSync(usb);
    writeFileSync(path.join(usb, 'ghi-chu.txt'), 'not ours'); // rotation must never touch it
    const t0 = Date.parse('2025-03-01T08:00:00Z');
    for (let day = 0; day < 5; day++) await backupToFolder(archive.db, '0', 'daily', new Date(t0 + day * 86400000));
    const files = readdirSync(usb).sort();
    expect(files).toHaveLength(4);
    expect(files).toContain('ghi-chu.txt');
    const newest = new Date(t0 + 4 * 86400000);
    expect(isDailyDue(archive.db, new Date(newest.getTime() + 3600000))).toBe(false);
    expect(isDailyDue(archive.db, new Date(newest.getTime() + 25 * 3600000))).toBe(true);
    expect(backupStatus(archive.db, new Date(newest.getTime() + 9 * 86400000))).toMatchObject({
      stale: true,
      ageDays: 9,
    });
    expect(backupStatus(archive.db, new Date(newest.getTime() + 9 * 86400000)).warning).toMatch(/cũ 9 ngày/);
  });

  test('backing up twice in the same second (a double click) gives a second backup named -2, -3…, none refused; rotation keeps the newest', async () => {
    const usb = path.join(dir, 'usb');
    mkdirSync(usb);
    setBackupSettings(archive.db, { folder: usb, keep: 3, mode: 'quit' });
    const earlier = new Date(Date.parse('2025-03-01T08:00:00Z'));
    await backupToFolder(archive.db, '0', 'manual', earlier);
    const now = new Date(earlier.getTime() + 3600000);
    // Two at once (the second starts while the first is still copying), then one more in that second.
    const both = await Promise.all([
      backupToFolder(archive.db, '0', 'manual', now),
      backupToFolder(archive.db, '0', 'manual', now),
    ]);
    const third = await backupToFolder(archive.db, '0', 'manual', now);
    const stamp = generationName(now).replace(/\.vanthu-backup$/, '');
    expect([...both.map((r) => r.fileName)].sort()).toEqual([`${stamp}-2.vanthu-backup`, `${stamp}.vanthu-backup`]);
    expect(third.fileName).toBe(`${stamp}-3.vanthu-backup`);
    for (const name of [...both.map((r) => r.fileName), third.fileName])
      expect({ name, ok: verifyBackup(path.join(usb, name)).ok }).toEqual({ name, ok: true });
    // keep 3: the earlier hour's generation goes, not the newest of this second.
    expect(third.removed).toEqual([generationName(earlier)]);
    expect(readdirSync(usb).sort()).toEqual(
      [`${stamp}-2.vanthu-backup`, `${stamp}-3.vanthu-backup`, `${stamp}.vanthu-backup`].sort(),
    );
    expect(backupStatus(archive.db).lastBackupFile).toBe(third.fileName);
    // By name alone `-2.vanthu-backup` sorts before `.vanthu-backup`: the first of the second is the oldest.
    expect(rotate(usb, 2)).toEqual([`${stamp}.vanthu-backup`]);
  });
});

describe('vanthu check', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: Archive;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    archive = Archive.open(path.join(dir, 'a'));
    await archive.importPaths([SAMPLES_DIR]);
  });
  afterEach(() => {
    archive.close();
    cleanup();
  });

  test('a healthy archive: every finding ok', () => {
    const report = checkArchive(archive.db);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['integrity', 'foreign_keys', 'index', 'originals']),
    );
    expect(report.originalsChecked).toBe(5);
  });

  // Regression: the page read «Cấu trúc tệp kho toàn vẹn (integrity_check: ok)», a SQLite term, and
  // «5 nội dung văn bản khớp mã băm» beside 6 documents, as if one were lost: it was a scan.
  test('says it for a clerk: no SQLite term, and a scan counted as a scan, not as a missing text', async () => {
    await archive.importPaths([path.join(ROOT, 'tests', 'fixtures', 'formats', 'scanned.pdf')]);
    const report = checkArchive(archive.db);
    expect(report.documents).toBe(6);
    const said = Object.fromEntries(report.findings.map((f) => [f.code, f.message]));
    expect(said.integrity).toBe('Cấu trúc tệp kho toàn vẹn, không có chỗ hỏng.');
    expect(said.texts).toBe(
      '5 nội dung văn bản khớp mã băm khi nhập (1 bản quét không có chữ, đối chiếu bằng bản gốc).',
    );
    expect(report.findings.map((f) => f.message).join(' ')).not.toMatch(/integrity_check|[a-z]+_[a-z]+/);
  });

  test('finds an original that no longer matches its hash and a document missing from the index', () => {
    const [a, b] = archive.list('date_asc', 2, 0).items;
    archive.db.prepare('UPDATE originals SET bytes = ? WHERE document_id = ?').run(Buffer.from('hỏng'), a!.id);
    archive.db.prepare('DELETE FROM search_docs WHERE doc_id = ?').run(b!.id);
    const report = checkArchive(archive.db);
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.code === 'originals')).toMatchObject({ level: 'error', ids: [a!.id] });
    expect(report.findings.find((f) => f.code === 'index')).toMatchObject({ ids: [b!.id] });
    expect(report.findings.find((f) => f.code === 'index')!.message).toMatch(/chưa có trong chỉ mục/);
  });

  // QA: `vanthu check` and the page's check (read-only connections) never ran FTS5's own
  // 'integrity-check' command, which only ran on a writable one. PRAGMA integrity_check asks FTS5
  // the same question (xIntegrity, SQLite 3.44+): damage to the full-text index must fail the check.
  test('a damaged full-text index fails the read-only check (FTS5 is checked by integrity_check, not skipped)', () => {
    const db = archive.db;
    db.unsafeMode(true); // better-sqlite3's defensive mode forbids writing FTS5's shadow tables
    const leaf = db
      .prepare('SELECT id FROM search_fts_data WHERE id > 10 ORDER BY length(block) DESC LIMIT 1')
      .pluck()
      .get() as number;
    db.prepare(
      'UPDATE search_fts_data SET block = substr(block, 1, 20) || zeroblob(24) || substr(block, 45) WHERE id = ?',
    ).run(leaf);
    db.unsafeMode(false);
    const steps: string[] = [];
    const report = checkArchiveFolder(path.join(dir, 'a'), new Date(), (p) => steps.push(p.step));
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.code === 'integrity')).toMatchObject({ level: 'error' });
    expect(report.findings.find((f) => f.code === 'integrity')!.message).toMatch(/fts5.*search_fts/);
    expect(steps[0]).toBe('integrity');
    // FTS5's own command, on a writable connection, finds the same damage and nothing more.
    expect(() => db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('integrity-check')`).run()).toThrow(
      /fts5: corruption/,
    );
  });
});

// QA: `vanthu verify-backup <a file that is not a backup>` said «… file is not a database» (SQLite's English).
test('verify-backup of a file that is not a database says so in Vietnamese, not in SQLite English', () => {
  const { dir, cleanup } = tempDir('vanthu-notadb-');
  const random = path.join(dir, 'random.vanthu-backup');
  writeFileSync(random, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
  const text = path.join(dir, 'notes.txt');
  writeFileSync(text, 'Đây là một tệp văn bản, không phải bản sao lưu.\n'.repeat(200));
  for (const bad of [random, text]) {
    const report = verifyBackup(bad);
    expect(report.ok).toBe(false);
    const said = report.problems.join(' ');
    expect(said).toMatch(/không phải tệp sao lưu/);
    expect(said).not.toMatch(/\b(file|is not|database|disk|image|malformed)\b/i);
  }
  cleanup();
});
