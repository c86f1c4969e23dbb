import Database from 'better-sqlite3';
import path from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';
import { Archive } from '../../../electron/core/archive';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
  type Migration,
} from '../../../electron/core/db/migrations';
import { VanthuError } from '../../../shared/api/errors';
import { tempDir } from '../../helpers/tmp';

function tableNames(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

/** The indexes created by a migration (not SQLite's own) on a table. */
function indexNames(db: Database.Database, table: string): string[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(table) as { name: string }[]
  ).map((r) => r.name);
}

/** An in-memory archive with every migration below `version` applied, to watch that one run. */
function migratedBefore(version: number): Database.Database {
  const db = new Database(':memory:');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < version),
  );
  return db;
}

/** EXPLAIN QUERY PLAN's details of a query, one per line. */
function planOf(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('migrations', () => {
  test('an empty database migrates to the latest schema and records it in user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['documents', 'originals', 'citations', 'tasks', 'corrections']),
    );
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  test('0150: citations.ref keeps only the partial index the report links read', () => {
    const db = migratedBefore(150);
    const indexes = (): string[] => indexNames(db, 'citations');
    expect(indexes()).toContain('citations_by_ref');
    migrate(db);
    expect(indexes()).toEqual(['task_citations_reports']);
    // tasks-store reportCitations, the one query on citations.ref.
    expect(
      planOf(
        db,
        `SELECT c.document_id, d.ref, c.ref FROM citations c JOIN documents d ON d.id = c.document_id
         WHERE c.relation = 'reports' AND c.ref IS NOT NULL`,
      ),
    ).toContain('task_citations_reports');
  });

  test('0180: documents.ref is read through documents_graph_keys alone', () => {
    const db = migratedBefore(180);
    const indexes = (): string[] => indexNames(db, 'documents');
    expect(indexes()).toContain('documents_by_ref');
    migrate(db);
    expect(indexes()).not.toContain('documents_by_ref');
    // store.ts documentRefs and the graph's full read (graph-store.ts allStoredDocs): no table scan.
    expect(planOf(db, 'SELECT id, ref FROM documents WHERE ref IS NOT NULL')).toMatch(
      /COVERING INDEX documents_graph_keys/,
    );
    expect(planOf(db, 'SELECT id, ref, symbol, type, issuer, issuer_level, province, date FROM documents')).toMatch(
      /COVERING INDEX documents_graph_keys/,
    );
    expect(planOf(db, "SELECT id FROM documents WHERE ref = '571-CV/TU'")).toMatch(
      /INDEX documents_graph_keys \(ref=\?\)/,
    );
  });

  test('versions are strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  test('a failing migration rolls back every pending step, user_version included', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: 9990, name: 'adds-a-table', up: (d) => d.exec('CREATE TABLE added_then_rolled_back (x)') },
      {
        version: 9991,
        name: 'fails',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  test('an archive written by a newer Vanthu is refused with a clear message and left unchanged', () => {
    const { dir, cleanup } = tempDir();
    try {
      const archiveDir = path.join(dir, 'kho');
      Archive.open(archiveDir).close();
      const file = path.join(archiveDir, 'vanthu.db');
      const db = new Database(file);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1000}`);
      db.close();
      const before = readFileSync(file);
      let caught: unknown;
      try {
        Archive.open(archiveDir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(VanthuError);
      expect((caught as VanthuError).code).toBe('ARCHIVE_TOO_NEW');
      expect((caught as VanthuError).message).toMatch(/phiên bản Vanthu mới hơn/);
      expect(Buffer.compare(readFileSync(file), before)).toBe(0);
    } finally {
      cleanup();
    }
  });

  test('a file that is not a database is reported as corrupt, not crashed on', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, 'vanthu.db'), 'đây không phải cơ sở dữ liệu SQLite '.repeat(200));
      expect(() => Archive.open(dir)).toThrow(expect.objectContaining({ code: 'ARCHIVE_CORRUPT' }));
    } finally {
      cleanup();
    }
  });

  test('the archive runs with WAL and foreign keys on', () => {
    const { dir, cleanup } = tempDir();
    const archive = Archive.open(dir);
    try {
      expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(archive.db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      archive.close();
      cleanup();
    }
  });
});
