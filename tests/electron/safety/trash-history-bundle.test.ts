/** History, trash and bundles (issue #7), through the same dispatcher every host uses. */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher, type Dispatch } from '../../../electron/core/api/dispatch';
import { exportBundle, importBundle, listConflicts } from '../../../electron/core/bundle/bundle';
import { purgeExpired } from '../../../electron/core/history/trash';
import { SAME_REF_ISSUER_SQL } from '../../../electron/core/db/safety-store';
import type { Result } from '../../../shared/api/errors';
import type { HistoryEntry, TrashEntry } from '../../../shared/model/safety';
import { tempDir } from '../../helpers/tmp';
import { directive, writeDirectives } from './directives';

async function ok<T>(p: Promise<Result<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${r.error.detail ?? ''}`);
  return r.value as T;
}

describe('history and trash', () => {
  let dir: string;
  let cleanup: () => void;
  let archive: Archive;
  let call: Dispatch;
  let id: number;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    archive = Archive.open(path.join(dir, 'a'));
    await archive.importPaths([writeDirectives(path.join(dir, 'in'), 0, 6)]);
    call = createDispatcher(archive, { host: 'cli' });
    id = archive.list('date_asc', 100, 0).items.find((d) => d.ref)!.id;
  });
  afterEach(() => {
    archive.close();
    cleanup();
  });

  test('an import is one entry; a clerk correction is recorded with old and new values', async () => {
    const before = archive.get(id);
    let history = await ok<HistoryEntry[]>(call('documentHistory', { id }));
    expect(history.map((h) => h.action)).toEqual(['created']); // its citations and tasks are part of the import
    await ok(call('correctField', { id, field: 'subject', value: 'Về việc sửa trích yếu' }));
    history = await ok<HistoryEntry[]>(call('documentHistory', { id }));
    const update = history.find((h) => h.entity === 'documents' && h.action === 'update')!;
    expect(update.changes).toEqual(
      expect.arrayContaining([{ field: 'subject', old: before.subject, new: 'Về việc sửa trích yếu' }]),
    );
    expect(update.summary).toMatch(/^Sửa: trích yếu «.*» → «Về việc sửa trích yếu»/);
    expect(history.some((h) => h.entity === 'corrections' && h.action === 'insert')).toBe(true);
    // Changes made by a code path that is not ours are recorded too (the triggers sit on the tables).
    archive.db
      .prepare('UPDATE tasks SET deadline_date = ? WHERE document_id = ? AND ordinal = 0')
      .run('2030-01-01', id);
    const hasTask =
      (archive.db.prepare('SELECT count(*) FROM tasks WHERE document_id = ?').pluck().get(id) as number) > 0;
    if (hasTask) {
      history = await ok<HistoryEntry[]>(call('documentHistory', { id }));
      expect(history[0]).toMatchObject({
        entity: 'tasks',
        action: 'update',
        changes: [{ field: 'deadline_date', new: '2030-01-01' }],
      });
    }
  });

  test('delete moves the whole document to the trash; restore brings it back with corrections and history', async () => {
    await ok(call('correctField', { id, field: 'subject', value: 'Trích yếu do văn thư sửa' }));
    const before = archive.get(id);
    const citations = archive.db.prepare('SELECT count(*) FROM citations WHERE document_id = ?').pluck().get(id);
    const ref = before.ref!;
    const found = () => archive.search.search({ query: `so:${ref}`, limit: 5 }).items.map((h) => h.id);
    expect(found()).toContain(id);

    const { trashId } = await ok<{ trashId: number }>(call('deleteDocument', { id }));
    expect((await call('getDocument', { id })).ok).toBe(false);
    expect(found()).not.toContain(id);
    expect(archive.db.prepare('SELECT count(*) FROM citations WHERE document_id = ?').pluck().get(id)).toBe(0);
    const trash = await ok<TrashEntry[]>(call('listTrash', {}));
    expect(trash).toEqual([expect.objectContaining({ trashId, documentId: id, ref })]);
    expect(Date.parse(trash[0]!.expiresAt) - Date.parse(trash[0]!.deletedAt)).toBe(30 * 86400000);

    expect(await ok(call('restoreFromTrash', { trashId }))).toEqual({ status: 'restored', id });
    const after = archive.get(id);
    expect(after.text).toBe(before.text);
    expect(after.subject).toBe('Trích yếu do văn thư sửa');
    expect(archive.db.prepare('SELECT count(*) FROM citations WHERE document_id = ?').pluck().get(id)).toBe(citations);
    expect(found()).toContain(id);
    const actions = (await ok<HistoryEntry[]>(call('documentHistory', { id }))).map((h) => h.action);
    expect(actions.slice(0, 2)).toEqual(['restored', 'trashed']);
    expect(actions).toContain('created');
    expect(await ok(call('listTrash', {}))).toEqual([]);
  });

  test('purge is explicit, and entries older than 30 days go when the archive opens', async () => {
    const a = await ok<{ trashId: number }>(call('deleteDocument', { id }));
    const other = archive.list('date_asc', 100, 0).items[0]!.id;
    const b = await ok<{ trashId: number }>(call('deleteDocument', { id: other }));
    expect((await call('purgeTrash', {})).ok).toBe(false); // neither ids nor all
    expect(await ok(call('purgeTrash', { trashIds: [a.trashId] }))).toEqual({ purged: 1 });
    expect(purgeExpired(archive.db, new Date(Date.now() + 29 * 86400000))).toBe(0);
    expect(purgeExpired(archive.db, new Date(Date.now() + 31 * 86400000))).toBe(1);
    expect(await ok(call('listTrash', {}))).toEqual([]);
    expect(
      archive.db.prepare('SELECT count(*) FROM history WHERE trash_id IN (?, ?)').pluck().get(a.trashId, b.trashId),
    ).toBe(0);
  });

  test('a document imported again while its copy is in the trash: restore says so and keeps the entry', async () => {
    const detail = archive.get(id);
    const { trashId } = await ok<{ trashId: number }>(call('deleteDocument', { id }));
    const file = path.join(dir, 'lai.txt');
    writeFileSync(file, detail.text);
    const again = await archive.importPaths([file]);
    expect(again.imported).toBe(1);
    const r = await ok<{ status: string; id: number }>(call('restoreFromTrash', { trashId }));
    expect(r).toEqual({ status: 'duplicate', id: again.files[0]!.id });
    expect(await ok<TrashEntry[]>(call('listTrash', {}))).toHaveLength(1);
  });
});

describe('bundles between offices', () => {
  let dir: string;
  let cleanup: () => void;
  let province: Archive;
  let district: Archive;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    province = Archive.open(path.join(dir, 'tinh'));
    district = Archive.open(path.join(dir, 'huyen'));
    await province.importPaths([writeDirectives(path.join(dir, 'in'), 0, 6)]);
  });
  afterEach(() => {
    province.close();
    district.close();
    cleanup();
  });

  test('chosen documents travel whole, with corrections; importing twice adds nothing', async () => {
    const ids = province
      .list('date_asc', 100, 0)
      .items.slice(0, 3)
      .map((d) => d.id);
    const call = createDispatcher(province, { host: 'cli' });
    await ok(call('correctField', { id: ids[0]!, field: 'signer', value: 'Nguyễn Văn Tỉnh' }));
    const file = path.join(dir, 'gui-huyen.vanthu-bundle');
    expect(exportBundle(province.db, file, { ids }, '0')).toMatchObject({ documents: 3 });

    const first = importBundle(district.db, file);
    expect(first).toMatchObject({ imported: 3, duplicates: 0, conflicts: 0 });
    const sent = province.get(ids[0]!);
    const got = district.get(first.items.find((i) => i.ref === sent.ref && i.status === 'imported')!.id!);
    expect(got).toMatchObject({ text: sent.text, signer: 'Nguyễn Văn Tỉnh', contentHash: sent.contentHash });
    expect(
      district.db.prepare('SELECT count(*) FROM corrections WHERE document_id = ?').pluck().get(got.id),
    ).toBeGreaterThan(0);
    expect(district.search.search({ query: `so:${sent.ref}`, limit: 3 }).items.map((h) => h.id)).toContain(got.id);

    expect(importBundle(district.db, file)).toMatchObject({ imported: 0, duplicates: 3, conflicts: 0 });
    expect(district.count()).toBe(3);
  });

  test('an id not in the archive is refused by name and no bundle is written (1,99999 exported one document silently)', () => {
    const id = province.list('date_asc', 1, 0).items[0]!.id;
    const file = path.join(dir, 'thieu.vanthu-bundle');
    expect(() => exportBundle(province.db, file, { ids: [id, 99999] }, '0')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('#99999') }),
    );
    expect(existsSync(file)).toBe(false);
  });

  test('same number and issuer with different content is a conflict for the clerk, not a silent merge', async () => {
    const sent = province.list('date_asc', 100, 0).items.find((d) => d.ref === directive(2).ref)!;
    // The district has its own copy: same number and issuer, a different body and date.
    const local = path.join(dir, 'ban-huyen.txt');
    writeFileSync(local, directive(2, 1).text.replace(/ngày \d+ tháng/, 'ngày 29 tháng'));
    const localReport = await district.importPaths([local]);
    const localId = localReport.files[0]!.id!;
    expect(district.get(localId)).toMatchObject({ ref: sent.ref, issuer: sent.issuer });
    expect(district.get(localId).date).not.toBe(sent.date);

    const file = path.join(dir, 'b.vanthu-bundle');
    exportBundle(province.db, file, { since: '2000-01-01' }, '0');
    const report = importBundle(district.db, file);
    expect(report.conflicts).toBe(1);
    expect(report.items.find((i) => i.status === 'conflict')).toMatchObject({ ref: sent.ref, id: localId });
    const call = createDispatcher(district, { host: 'cli' });
    const conflicts = await ok<{ id: number; existingId: number }[]>(call('listBundleConflicts', {}));
    expect(conflicts).toEqual([expect.objectContaining({ existingId: localId, ref: sent.ref })]);
    const resolved = await ok<{ status: string; id: number }>(
      call('resolveBundleConflict', { id: conflicts[0]!.id, action: 'import' }),
    );
    expect(resolved.status).toBe('restored');
    expect(district.get(resolved.id).text).toBe(province.get(sent.id).text);
    expect(listConflicts(district.db)).toEqual([]);
  });

  // Each item not already here by content read the whole documents table to find its number and
  // issuer: 0.2 s an item at 100k documents (17 documents: 2.5–3.3 s, docs/safety.md).
  test('number/symbol and issuer are looked up in one read of an index per bundle, not one read of every document per item', async () => {
    // The district holds: directive 2 under a ref written in lower case with spaces (another
    // date: a conflict all the same), and directive 3's own copy of the same day (a duplicate).
    const local = path.join(dir, 'huyen-in');
    mkdirSync(local);
    writeFileSync(path.join(local, 'd2.txt'), directive(2, 1).text.replace(/ngày \d+ tháng/, 'ngày 29 tháng'));
    writeFileSync(path.join(local, 'd3.txt'), directive(3, 1).text);
    const [d2, d3] = (await district.importPaths([path.join(local, 'd2.txt'), path.join(local, 'd3.txt')])).files.map(
      (f) => f.id!,
    );
    district.db.prepare('UPDATE documents SET ref = ? WHERE id = ?').run(` ${directive(2).ref.toLowerCase()} `, d2);
    // The province sends directives 0–5 and a second version of directive 4 with another date,
    // which meets the first one inside the same bundle.
    const second = path.join(dir, 'tinh-in');
    mkdirSync(second);
    writeFileSync(path.join(second, 'd4b.txt'), directive(4, 2).text.replace(/ngày \d+ tháng/, 'ngày 28 tháng'));
    await province.importPaths([second]);
    const file = path.join(dir, 'b.vanthu-bundle');
    exportBundle(province.db, file, { since: '2000-01-01' }, '0');

    const prepare = jest.spyOn(district.db, 'prepare');
    const report = importBundle(district.db, file);
    const scans = prepare.mock.calls.filter(([sql]) => sql === SAME_REF_ISSUER_SQL).length;
    prepare.mockRestore();
    const byRef = (ref: string) => report.items.filter((i) => i.ref === ref).map((i) => [i.status, i.id]);
    const imported4 = report.items.find((i) => i.ref === directive(4).ref && i.status === 'imported')!.id;
    expect(byRef(directive(2).ref)).toEqual([['conflict', d2]]);
    expect(byRef(directive(3).ref)).toEqual([['duplicate', d3]]);
    expect(byRef(directive(4).ref)).toEqual([
      ['imported', imported4],
      ['conflict', imported4],
    ]);
    expect(report).toMatchObject({ imported: 4, duplicates: 1, conflicts: 2 });
    expect(scans).toBe(1);
    const plan = (
      district.db.prepare(`EXPLAIN QUERY PLAN ${SAME_REF_ISSUER_SQL}`).all('[]') as { detail: string }[]
    ).map((r) => r.detail);
    // One pass over the index of numbers; the bundle's keys in a temporary b-tree (LIST SUBQUERY).
    expect(plan[0]).toMatch(/^SEARCH documents USING COVERING INDEX documents_graph_keys/);
    expect(plan.filter((line) => /documents/.test(line))).toHaveLength(1);
  });

  test('a damaged bundle is refused whole and the archive is unchanged', () => {
    const file = path.join(dir, 'b.vanthu-bundle');
    exportBundle(province.db, file, { since: '2000-01-01' }, '0');
    const bad = path.join(dir, 'hong.vanthu-bundle');
    copyFileSync(file, bad);
    const db = new Database(bad);
    db.prepare('UPDATE bundle_items SET original = ? WHERE id = 2').run(Buffer.from('bị sửa'));
    db.close();
    expect(() => importBundle(district.db, bad)).toThrow(expect.objectContaining({ code: 'BUNDLE_INVALID' }));
    writeFileSync(bad, 'rác');
    expect(() => importBundle(district.db, bad)).toThrow(expect.objectContaining({ code: 'BUNDLE_INVALID' }));
    expect(district.count()).toBe(0);
  });
});
