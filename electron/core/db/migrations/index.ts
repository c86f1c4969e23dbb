import type { Database } from 'better-sqlite3';
import { VanthuError } from '../../../../shared/api/errors';
import * as m0010 from './0010-init';
import * as m0020 from './0020-search';
import * as m0030 from './0030-search-cites';
import * as m0040 from './0040-graph';
import * as m0050 from './0050-tasks';
import * as m0060 from './0060-safety';
import * as m0080 from './0080-compact';
import * as m0090 from './0090-search-short-fields';
import * as m0100 from './0100-graph-keys-index';
import * as m0110 from './0110-compact-derived';
import * as m0120 from './0120-citation-sentence';
import * as m0130 from './0130-text-packed';
import * as m0140 from './0140-graph-rules';
import * as m0150 from './0150-drop-citations-by-ref';
import * as m0160 from './0160-search-merge';
import * as m0170 from './0170-parse-task-spans';
import * as m0180 from './0180-drop-documents-by-ref';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * Append-only. Numbered with gaps (multiples of 10) so a hotfix can slot in; a mistake is undone
 * by a new migration, never by editing an old one.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'init', up: m0010.up },
  { version: 20, name: 'search', up: m0020.up },
  { version: 30, name: 'search-cites', up: m0030.up },
  { version: 40, name: 'graph', up: m0040.up },
  { version: 50, name: 'tasks', up: m0050.up },
  { version: 60, name: 'safety', up: m0060.up },
  { version: 80, name: 'compact', up: m0080.up },
  { version: 90, name: 'search-short-fields', up: m0090.up },
  { version: 100, name: 'graph-keys-index', up: m0100.up },
  { version: 110, name: 'compact-derived', up: m0110.up },
  { version: 120, name: 'citation-sentence', up: m0120.up },
  { version: 130, name: 'text-packed', up: m0130.up },
  { version: 140, name: 'graph-rules', up: m0140.up },
  { version: 150, name: 'drop-citations-by-ref', up: m0150.up },
  { version: 160, name: 'search-merge', up: m0160.up },
  { version: 170, name: 'parse-task-spans', up: m0170.up },
  { version: 180, name: 'drop-documents-by-ref', up: m0180.up },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function assertMonotonic(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`Migration ${migrations[i]!.name} is not after ${migrations[i - 1]!.name}`);
    }
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending migration in one transaction and records the result in user_version. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  assertMonotonic(migrations);
  const from = schemaVersion(db);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (from > latest) {
    throw new VanthuError('ARCHIVE_TOO_NEW', `schema ${from} > ${latest}`);
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      // user_version lives in the database header and is rolled back with the transaction.
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
