/**
 * Regression: `vanthu check` on a write-protected archive failed with "attempt to write a readonly
 * database" (SQLITE_READONLY_DIRECTORY): WAL mode needs a writable -shm even to read. check.ts now
 * checks a temporary copy then. Runs the built CLI (`npm test` builds dist) as an ordinary user —
 * as `nobody` when the tests run as root, since root ignores file modes.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'vanthu.js');
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const directive = (n: number) =>
  [
    'HUYỆN ỦY AN LÃO',
    `Số ${n}-CV/HU`,
    'An Lão, ngày 02 tháng 9 năm 2021',
    'CÔNG VĂN',
    `V/v việc số ${n}`,
    '',
    `Nội dung ${n}.`,
    '',
    'T/M BAN THƯỜNG VỤ',
  ].join('\n');

function runCheck(dir: string) {
  return spawnSync(process.execPath, [BIN, 'check', '--json', '--archive', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HOME: os.tmpdir() },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
}

describe('vanthu check on a write-protected archive', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-check-ro-'));
    chmodSync(dir, 0o755);
  });
  afterEach(() => {
    for (const d of [dir, path.join(dir, 'kho')]) if (existsSync(d)) chmodSync(d, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  async function archiveWith(count: number): Promise<{ kho: string; archive: Archive }> {
    const kho = path.join(dir, 'src');
    const archive = Archive.open(kho);
    const files = Array.from({ length: count }, (_, i) => {
      const file = path.join(dir, `cv-${i}.txt`);
      writeFileSync(file, directive(100 + i));
      return file;
    });
    const imported = await archive.importPaths(files);
    expect(imported.imported).toBe(count);
    return { kho, archive };
  }

  /** The archive files into a folder nobody may write, as on a write-protected stick. */
  function protect(files: string[]): string {
    const kho = path.join(dir, 'kho');
    mkdirSync(kho);
    for (const file of files) {
      copyFileSync(file, path.join(kho, path.basename(file)));
      chmodSync(path.join(kho, path.basename(file)), 0o444);
    }
    chmodSync(kho, 0o555);
    return kho;
  }

  test.each([
    // closed cleanly (no -wal) | left with committed pages still in the -wal
    ['closed cleanly', false, 2],
    ['with an un-checkpointed -wal', true, 3],
  ])('%s: check succeeds, reads every document, changes nothing', async (_name, keepWal, count) => {
    const { kho: src, archive } = await archiveWith(keepWal ? count - 1 : count);
    let files: string[];
    if (keepWal) {
      archive.db.pragma('wal_checkpoint(TRUNCATE)');
      archive.db.pragma('wal_autocheckpoint = 0');
      // The last document exists only in the -wal: the check must read it from there.
      const last = path.join(dir, 'cuoi.txt');
      writeFileSync(last, directive(999));
      expect((await archive.importPaths([last])).imported).toBe(1);
      files = [path.join(src, 'vanthu.db'), path.join(src, 'vanthu.db-wal')];
      expect(existsSync(files[1]!)).toBe(true);
      const kho = protect(files); // copied while the writer still holds the WAL open
      archive.close();
      files = readdirSync(kho);
    } else {
      archive.close();
      protect([path.join(src, 'vanthu.db')]);
      files = readdirSync(path.join(dir, 'kho'));
    }
    const kho = path.join(dir, 'kho');
    const run = runCheck(kho);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: true, documents: count, originalsChecked: count });
    expect(report.findings[0]).toMatchObject({ level: 'ok', code: 'read_only_copy' });
    expect(report.findings[0].message).toMatch(/chỉ cho phép đọc/);
    expect(readdirSync(kho)).toEqual(files); // no -shm, no journal left behind
  });

  test('a writable archive is checked in place (no copy finding)', async () => {
    const { kho, archive } = await archiveWith(1);
    archive.close();
    chmodSync(kho, 0o777); // writable for the user the check runs as
    chmodSync(path.join(kho, 'vanthu.db'), 0o666);
    const report = JSON.parse(runCheck(kho).stdout);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f: { code: string }) => f.code)).not.toContain('read_only_copy');
  });
});
