/**
 * Hostile inputs (issue #7): the contract never lets the page name a path; the safety operations
 * refuse anything outside their schemas; files reach the core only through the host's own dialogs.
 * Token, Host/Origin and CSP checks live in tests/browser/server.test.ts and smoke.test.ts, markup in
 * document text in tests/browser/serve.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { inputSchemas } from '../../../shared/api/contract';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { PENDING_RESTORE, backupStatus, createBackup, setBackupSettings } from '../../../electron/core/backup/backup';
import { BACKUP_SETTINGS_ELSEWHERE } from '../../../shared/model/safety';
import { tempDir } from '../../helpers/tmp';
import { writeDirectives } from './directives';

/** String fields anywhere in a schema, with their key paths. */
function stringLeaves(schema: z.ZodType, at: string, out: string[]): void {
  const def = (
    schema as unknown as {
      def: {
        type: string;
        shape?: Record<string, z.ZodType>;
        innerType?: z.ZodType;
        element?: z.ZodType;
        in?: z.ZodType;
        options?: z.ZodType[];
      };
    }
  ).def;
  switch (def.type) {
    case 'string':
      out.push(at);
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) stringLeaves(v, `${at}.${k}`, out);
      break;
    case 'array':
      stringLeaves(def.element!, `${at}[]`, out);
      break;
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      stringLeaves(def.innerType!, at, out);
      break;
    case 'pipe':
      stringLeaves(def.in!, at, out);
      break;
    case 'union':
      for (const o of def.options ?? []) stringLeaves(o, at, out);
      break;
    default:
  }
}

test('no operation of the contract takes a path, a folder or a file location from the page', () => {
  const leaves: string[] = [];
  for (const [method, schema] of Object.entries(inputSchemas)) stringLeaves(schema as z.ZodType, method, leaves);
  expect(leaves.length).toBeGreaterThan(5);
  expect(leaves.filter((l) => /(path|folder|dir|directory|location|file|filename|destination)$/i.test(l))).toEqual([]);
});

describe('safety operations at the boundary', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: Archive;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    archive = Archive.open(path.join(dir, 'kho'));
    await archive.importPaths([writeDirectives(path.join(dir, 'in'), 0, 3)]);
  });
  afterEach(() => {
    archive.close();
    cleanup();
  });

  test.each([
    ['backupNow', { path: '/tmp/x.vanthu-backup' }],
    ['chooseAndRestore', { file: '/etc/passwd' }],
    ['chooseAndExportBundle', { ids: [1], since: '2020-01-01' }],
    ['chooseAndExportBundle', {}],
    ['chooseAndExportBundle', { since: '../../etc' }],
    ['chooseBackupFolder', { folder: 'C:\\' }],
    ['setBackupSettings', { folder: '/tmp' }],
    ['setBackupSettings', { keep: 0 }],
    ['purgeTrash', { trashIds: [-1] }],
    ['purgeTrash', { trashIds: [1], all: true }],
    ['deleteDocument', { id: '1 OR 1=1' }],
    ['documentHistory', { id: 1, limit: 1e9 }],
    ['resolveBundleConflict', { id: 1, action: 'drop table' }],
  ])('%s refuses %j with INVALID_INPUT', async (method, input) => {
    const call = createDispatcher(archive, { host: 'browser' });
    expect(await call(method, input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('the browser host has no dialogs: file operations are refused, the page cannot reach the file system', async () => {
    const call = createDispatcher(archive, { host: 'browser' });
    for (const method of ['chooseAndBackup', 'chooseAndRestore', 'chooseAndImportBundle', 'chooseBackupFolder']) {
      expect(await call(method, {})).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE_IN_HOST' } });
    }
    expect(await call('chooseAndExportBundle', { ids: [1] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_AVAILABLE_IN_HOST' },
    });
    // Backing up to the folder chosen beforehand (desktop dialog or CLI) is all the page can do.
    expect(await call('backupNow', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_UNSET' } });
  });

  // QA: the page of `vanthu serve` could turn automatic backups off or set keep to 1, which makes the
  // next backup delete every other generation from the PC's folder: settings the page may not reach.
  test('the browser page cannot change automatic backups (mode, keep); the desktop and the CLI can', async () => {
    setBackupSettings(archive.db, { folder: path.join(dir, 'usb'), keep: 7, mode: 'daily' });
    const page = createDispatcher(archive, { host: 'browser' });
    for (const input of [{ mode: 'off' }, { keep: 1 }, {}]) {
      expect(await page('setBackupSettings', input)).toMatchObject({
        ok: false,
        error: { code: 'NOT_AVAILABLE_IN_HOST', detail: BACKUP_SETTINGS_ELSEWHERE },
      });
    }
    expect(BACKUP_SETTINGS_ELSEWHERE).toMatch(/ứng dụng Vanthu.*vanthu backup-settings/);
    expect(backupStatus(archive.db)).toMatchObject({ mode: 'daily', keep: 7 });
    for (const host of ['desktop', 'cli'] as const) {
      const call = createDispatcher(archive, { host });
      expect(await call('setBackupSettings', { mode: 'quit', keep: 3 })).toMatchObject({
        ok: true,
        value: { mode: 'quit', keep: 3 },
      });
    }
  });

  test('desktop: paths come from the dialogs in main, and only file names go back to the page', async () => {
    const saveTo = path.join(dir, 'usb', 'chon.vanthu-backup');
    const backup = path.join(dir, 'b.vanthu-backup');
    await createBackup(archive.db, backup, { appVersion: '0', trigger: 'manual' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(saveTo));
    const asked: string[] = [];
    const call = createDispatcher(archive, {
      host: 'desktop',
      pickSaveFile: async (purpose) => (
        asked.push(`save:${purpose}`),
        purpose === 'backup' ? saveTo : path.join(dir, 'usb', 'goi')
      ),
      pickFile: async (purpose) => (asked.push(`open:${purpose}`), purpose === 'restore' ? backup : null),
    });
    const saved = await call('chooseAndBackup', {});
    expect(saved).toMatchObject({ ok: true, value: { fileName: 'chon.vanthu-backup' } });
    expect(JSON.stringify(saved)).not.toContain(dir);
    const exported = await call('chooseAndExportBundle', { ids: [1, 2] });
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'goi.vanthu-bundle', documents: 2 } });
    expect(readdirSync(path.join(dir, 'usb')).sort()).toEqual(['chon.vanthu-backup', 'goi.vanthu-bundle']);
    expect(await call('chooseAndImportBundle', {})).toEqual({ ok: true, value: null }); // cancelled dialog
    const staged = await call('chooseAndRestore', {});
    expect(staged).toMatchObject({ ok: true, value: { documents: 3 } });
    expect(existsSync(path.join(dir, 'kho', PENDING_RESTORE))).toBe(true);
    expect(asked).toEqual(['save:backup', 'save:bundle', 'open:bundle', 'open:restore']);
  });
});
