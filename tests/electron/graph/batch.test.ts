/**
 * Batch resolution (electron/core/graph/batch.ts): an import batch resolved once before its commit
 * gives the graph that storing its files one at a time (resolveOnInsert each) gives.
 */
import type { Database } from 'better-sqlite3';
import type { Archive } from '../../../electron/core/archive';
import { GraphBatch } from '../../../electron/core/graph/batch';
import { prepareFile, type PrepareAnswer } from '../../../electron/core/import/prepare';
import { storeBatch, storePrepared } from '../../../electron/core/import/pipeline';
import { BG_571, CD_TW, ND_571, NO_NUMBER, YT_128, letterText, openArchive, type Letter } from './fixture';

/** Same number, issuer and date as BG_571, another text: a tie for whoever cites 571-CV/TU of 12/3/2021. */
const BG_571_B: Letter = { ...BG_571, key: 'bg571b', subject: 'V/v tổ chức Đại hội chi bộ' };
const BG_571_C: Letter = { ...BG_571, key: 'bg571c', subject: 'V/v kiểm tra, giám sát' };

async function prepare(l: Letter): Promise<PrepareAnswer> {
  return prepareFile({ kind: 'upload', name: `${l.key}.txt`, bytes: new TextEncoder().encode(letterText(l)) });
}

/** The stored graph in rows; placeholders by key (their ids follow the order rows were written in). */
function dump(db: Database, withHistory: boolean): Record<string, unknown> {
  const keyOf = new Map(
    (db.prepare('SELECT id, key FROM graph_placeholders').all() as { id: number; key: string }[]).map((r) => [
      r.id,
      r.key,
    ]),
  );
  return {
    edges: (db.prepare('SELECT * FROM graph_edges ORDER BY id').all() as { to_placeholder: number | null }[]).map(
      (e) => ({ ...e, to_placeholder: e.to_placeholder === null ? null : keyOf.get(e.to_placeholder) }),
    ),
    placeholders: db
      .prepare(
        'SELECT key, ref, ref_key, type, type_key, date, year, issuer, level FROM graph_placeholders ORDER BY key',
      )
      .all(),
    keys: db.prepare('SELECT * FROM graph_docs ORDER BY document_id').all(),
    sentences: db.prepare('SELECT id, sentence FROM citations ORDER BY id').all(),
    decisions: db.prepare('SELECT from_id, match_key, action, to_doc FROM graph_decisions ORDER BY id').all(),
    history: withHistory
      ? db
          .prepare(
            `SELECT document_id, entity, entity_id, action FROM history WHERE entity <> 'documents' OR action <> 'created' ORDER BY id`,
          )
          .all()
      : null,
  };
}

type Step = Letter[] | ((archive: Archive, id: (key: string) => number) => void);

/** Stores batches (each in one storeBatch, or file by file with storePrepared) and runs the steps between. */
async function run(
  mode: 'batch' | 'single',
  steps: readonly Step[],
): Promise<{ archive: Archive; id: (key: string) => number; cleanup: () => void }> {
  const { archive, cleanup } = openArchive();
  const ids = new Map<string, number>();
  const id = (key: string): number => ids.get(key) ?? Number.NaN;
  for (const step of steps) {
    if (typeof step === 'function') {
      step(archive, id);
      continue;
    }
    const answers = await Promise.all(step.map(prepare));
    const results =
      mode === 'batch'
        ? storeBatch(archive.db, answers, '2026-11-24T00:00:00.000Z')
        : answers.map((a) => (a.ok ? storePrepared(archive.db, a, '2026-11-24T00:00:00.000Z') : null));
    results.forEach((r, i) => {
      if (r?.status !== 'imported' || r.id === null) throw new Error(`${step[i]!.key}: ${r?.status} ${r?.reason}`);
      ids.set(step[i]!.key, r.id);
    });
  }
  return { archive, id, cleanup };
}

function edgeOf(archive: Archive, from: number, ref: string) {
  return archive.db
    .prepare(`SELECT * FROM graph_edges WHERE from_id = ? AND ref_key = ? ORDER BY id LIMIT 1`)
    .get(from, ref) as { id: number; to_doc: number | null; to_placeholder: number | null; status: string } | undefined;
}

const confirmFirst: Step = (archive, id) => {
  const e = edgeOf(archive, id('yt128'), '571-CV/TU')!;
  archive.graph.decide(e.id, 'confirm', id('bg571'));
};
const rejectSecond: Step = (archive, id) => {
  const e = edgeOf(archive, id('yt128'), '571-CV/TU')!;
  archive.graph.decide(e.id, 'reject', id('bg571b'));
};

const CASES: {
  name: string;
  steps: Step[];
  /** What the edge of yt128 → 571-CV/TU is in the end (status, and the target's key). */
  expect?: { status: string; to: string | null };
  /** False where a batch cites a later document of itself: see the history test below. */
  sameHistory: boolean;
}[] = [
  {
    name: 'a later document of the batch is cited by an earlier one',
    steps: [[YT_128, BG_571, ND_571]],
    expect: { status: 'resolved', to: 'bg571' },
    sameHistory: false,
  },
  {
    name: 'the cited document comes first in the batch',
    steps: [[BG_571, ND_571, YT_128]],
    expect: { status: 'resolved', to: 'bg571' },
    sameHistory: true,
  },
  {
    name: 'a placeholder from an earlier batch is replaced by a document of this batch',
    steps: [
      [YT_128, NO_NUMBER],
      [ND_571, BG_571, CD_TW],
    ],
    expect: { status: 'resolved', to: 'bg571' },
    sameHistory: true,
  },
  {
    name: 'two documents of one batch share the key: a tie, uncertain',
    steps: [[YT_128, BG_571, BG_571_B]],
    expect: { status: 'uncertain', to: null },
    sameHistory: false,
  },
  {
    name: 'a tie made by the batch with a document stored before',
    steps: [
      [BG_571, YT_128],
      [ND_571, BG_571_B],
    ],
    expect: { status: 'uncertain', to: null },
    sameHistory: true,
  },
  {
    name: 'a confirmed target stays confirmed when a batch brings another candidate',
    steps: [[BG_571, BG_571_B, YT_128], confirmFirst, [BG_571_C, CD_TW]],
    expect: { status: 'confirmed', to: 'bg571' },
    sameHistory: true,
  },
  {
    name: 'a rejected candidate stays out; the batch brings another one',
    steps: [[BG_571, BG_571_B, YT_128], rejectSecond, [BG_571_C]],
    expect: { status: 'uncertain', to: null },
    sameHistory: true,
  },
  {
    name: 'a citation by type and date (no number) of a later document of the batch',
    steps: [[NO_NUMBER, YT_128, CD_TW, BG_571]],
    sameHistory: false,
  },
];

describe('batch resolution equals storing the files one at a time', () => {
  test.each(CASES)('$name', async ({ steps, expect: want, sameHistory }) => {
    const batch = await run('batch', steps);
    const single = await run('single', steps);
    try {
      expect(dump(batch.archive.db, sameHistory)).toEqual(dump(single.archive.db, sameHistory));
      if (want) {
        const e = edgeOf(batch.archive, batch.id('yt128'), '571-CV/TU')!;
        expect(e.status).toBe(want.status);
        expect(e.to_doc).toBe(want.to === null ? null : batch.id(want.to));
        if (want.to === null) expect(e.to_placeholder).not.toBeNull();
      }
      // And a full resolution finds nothing to change.
      const report = batch.archive.graph.resolveAll();
      expect(report.written).toMatchObject({ docs: 0, placeholders: 0, edgesInserted: 0, edgesUpdated: 0 });
    } finally {
      batch.cleanup();
      single.cleanup();
    }
  });

  test('a citation of a later document of the same batch: no history row on the cited document', async () => {
    const batch = await run('batch', [[YT_128, BG_571]]);
    const single = await run('single', [[YT_128, BG_571]]);
    try {
      const rows = (db: Database) =>
        db.prepare(`SELECT document_id, action FROM history WHERE entity = 'graph_edges' ORDER BY id`).all() as {
          document_id: number;
          action: string;
        }[];
      // YT_128 cites 571-CV/TU twice (subject and body). One at a time, each citation first went
      // to a placeholder, then moved when 571 arrived: an update row on either document.
      const count = (rs: { document_id: number; action: string }[]) =>
        rs.reduce<Record<string, number>>(
          (m, r) => ({ ...m, [`${r.document_id} ${r.action}`]: (m[`${r.document_id} ${r.action}`] ?? 0) + 1 }),
          {},
        );
      expect(count(rows(single.archive.db))).toEqual({
        [`${single.id('yt128')} update`]: 2,
        [`${single.id('bg571')} update`]: 2,
      });
      // The batch never stored those placeholders: it records what storing 571 first records,
      // which is nothing: an edge written by the import of its citing document is part of that
      // import, on the cited document's side too (it used to add one row there per citing file).
      expect(count(rows(batch.archive.db))).toEqual({});
      const citedFirst = await run('single', [[BG_571], [YT_128]]);
      try {
        expect(count(rows(citedFirst.archive.db))).toEqual({});
      } finally {
        citedFirst.cleanup();
      }
    } finally {
      batch.cleanup();
      single.cleanup();
    }
  });

  test('batch resolution reads no document text back and writes each edge once', async () => {
    const batch = await run('batch', []);
    try {
      const answers = await Promise.all([YT_128, BG_571, BG_571_B, NO_NUMBER, CD_TW].map(prepare));
      const prepared = batch.archive.db.prepare.bind(batch.archive.db);
      const sql: string[] = [];
      const spy = jest.spyOn(batch.archive.db, 'prepare').mockImplementation((s: string) => {
        sql.push(s);
        return prepared(s);
      });
      try {
        storeBatch(batch.archive.db, answers, '2026-11-24T00:00:00.000Z');
      } finally {
        spy.mockRestore();
      }
      expect(sql.filter((s) => /text_packed/.test(s) && /^\s*SELECT/i.test(s))).toEqual([]);
      expect(sql.some((s) => /ON CONFLICT \(citation_id\)/.test(s))).toBe(false);
    } finally {
      batch.cleanup();
    }
  });

  test('when batch resolution fails, every file is stored alone and resolved on its own', async () => {
    const batch = await run('batch', []);
    const single = await run('single', [[YT_128, BG_571, ND_571]]);
    const finish = jest.spyOn(GraphBatch.prototype, 'finish').mockImplementation(() => {
      throw new Error('disk full');
    });
    try {
      const answers = await Promise.all([YT_128, BG_571, ND_571].map(prepare));
      const results = storeBatch(batch.archive.db, answers, '2026-11-24T00:00:00.000Z');
      expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
      expect(finish).toHaveBeenCalledTimes(1);
      expect(dump(batch.archive.db, true)).toEqual(dump(single.archive.db, true));
    } finally {
      finish.mockRestore();
      batch.cleanup();
      single.cleanup();
    }
  });
});
