/**
 * The packaged desktop app carries only its Electron build of better-sqlite3 (electron-builder.yml
 * leaves the Node build out) and hands it to Archive.open. Every other connection the core opens —
 * a backup's copy, a backup verified or restored, a bundle written or read — used better-sqlite3's
 * default build instead, which is not there: backup, restore and bundles could not work in the app.
 */
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { createBackup, verifyBackup } from '../../../electron/core/backup/backup';
import { exportBundle } from '../../../electron/core/bundle/bundle';
import { useNativeBinding } from '../../../electron/core/db/open';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

const ROOT = path.join(__dirname, '../../..');
const MISSING_BUILD = '/nowhere/electron-build/better_sqlite3.node';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

test('only db/open.ts constructs a better-sqlite3 connection (so none can miss the app’s native build)', () => {
  const offenders = sourcesUnder(path.join(ROOT, 'electron'))
    .filter((file) => /new Database\(/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(ROOT, file));
  expect(offenders).toEqual([path.join('electron', 'core', 'db', 'open.ts')]);
});

test('a backup, its verification and a bundle load the native build the app gave Archive.open', async () => {
  const { dir, cleanup } = tempDir();
  const archive = Archive.open(path.join(dir, 'kho'));
  try {
    await archive.importPaths([SAMPLES_DIR]);
    const good = path.join(dir, 'good.vanthu-backup');
    await createBackup(archive.db, good, { appVersion: 'test', trigger: 'manual' });

    // The app's build, as main passes it to Archive.open (here a path that cannot load, so each
    // connection that honours it says so): every later connection must load it too.
    expect(() => Archive.open(path.join(dir, 'other'), { nativeBinding: MISSING_BUILD })).toThrow(MISSING_BUILD);
    mkdirSync(path.join(dir, 'usb'));
    await expect(
      createBackup(archive.db, path.join(dir, 'usb', 'b.vanthu-backup'), { appVersion: 'test', trigger: 'manual' }),
    ).rejects.toThrow(MISSING_BUILD);
    const verified = verifyBackup(good);
    expect(verified.ok).toBe(false);
    expect(verified.problems.join(' ')).toContain(MISSING_BUILD);
    expect(() => exportBundle(archive.db, path.join(dir, 'usb', 'g.vanthu-goi'), {}, 'test')).toThrow(MISSING_BUILD);
    // Nothing half-written is left where the clerk looks.
    expect(readdirSync(path.join(dir, 'usb'))).toEqual([]);
  } finally {
    useNativeBinding(undefined);
    archive.close();
    cleanup();
  }
});
