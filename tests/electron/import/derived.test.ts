/**
 * Column values computed in the import worker (electron/core/import/derived.ts) for the thread that
 * writes the batch: task spans, citing sentences, the graph's keys. The rows must be those the
 * writer gives when it computes them itself.
 */
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { addAlias } from '../../../electron/core/db/graph-store';
import { taskRowValues } from '../../../electron/core/db/store';
import { derivedColumns, taskTextFrom } from '../../../electron/core/import/derived';
import {
  forTheWriter,
  prepareFile,
  type PrepareAnswer,
  type PreparedFile,
} from '../../../electron/core/import/prepare';
import { storeBatch } from '../../../electron/core/import/pipeline';
import { citingContext, citingSentence, documentCitationKeys, documentKeys } from '../../../shared/graph/keys';
import { BG_571, CD_TW, ND_571, NO_NUMBER, YT_128, letterText, openArchive, type Letter } from '../graph/fixture';
import { directive } from '../safety/directives';

const AT = '2026-11-24T00:00:00.000Z';
const LETTERS: Letter[] = [YT_128, BG_571, ND_571, NO_NUMBER, CD_TW];

async function prepared(): Promise<PreparedFile[]> {
  const texts = [...LETTERS.map((l) => [l.key, letterText(l)]), ...[3, 8, 13].map((i) => [`d${i}`, directive(i).text])];
  const answers = await Promise.all(
    texts.map(([key, text]) =>
      prepareFile({ kind: 'upload', name: `${key}.txt`, bytes: new TextEncoder().encode(text) }),
    ),
  );
  return answers.map((a) => {
    if (!a.ok) throw new Error(`${a.label}: ${a.reasonCode}`);
    return a;
  });
}

const withoutDerived = (answers: readonly PreparedFile[]): PrepareAnswer[] =>
  answers.map(({ derived: _, ...rest }) => rest as PrepareAnswer);

function rows(db: Database): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  return {
    tasks: all('SELECT * FROM tasks ORDER BY id'),
    citations: all('SELECT * FROM citations ORDER BY id'),
    edges: all('SELECT * FROM graph_edges ORDER BY id'),
    keys: all('SELECT * FROM graph_docs ORDER BY document_id'),
    placeholders: all('SELECT * FROM graph_placeholders ORDER BY id'),
    history: all('SELECT document_id, entity, entity_id, action, data_json FROM history ORDER BY id'),
    documents: all(
      'SELECT id, content_hash, text, text_packed, parse_json, parse_packed, ref, date FROM documents ORDER BY id',
    ),
    originals: all('SELECT * FROM originals ORDER BY document_id'),
    search: all('SELECT * FROM search_docs ORDER BY doc_id'),
  };
}

async function stored(
  answers: readonly PrepareAnswer[],
  before?: (db: Database) => void,
): Promise<Record<string, unknown[]>> {
  const { archive, cleanup } = openArchive();
  try {
    before?.(archive.db);
    const results = storeBatch(archive.db, answers, AT);
    expect(results.map((r) => r.status)).toEqual(answers.map(() => 'imported'));
    return rows(archive.db);
  } finally {
    cleanup();
  }
}

describe('columns computed in the import worker', () => {
  test('a task text starts where documentText.startsWith says, whatever the span', () => {
    const unit = fc.constantFrom('a', 'ệ', ' ', '\n', '\u{1f600}');
    const text = fc.array(unit, { maxLength: 12 }).map((xs) => xs.join(''));
    const at = fc.integer({ min: -3, max: 30 });
    fc.assert(
      fc.property(text, text, at, at, fc.boolean(), (documentText, other, start, end, spanned) => {
        // Half the time the task text is the text's own tail of the span, as the parser gives it.
        const taskText = spanned ? documentText.slice(Math.max(0, start), Math.max(0, end)) : other;
        const from = end - taskText.length;
        const expected =
          from >= start && end <= documentText.length && documentText.startsWith(taskText, from) ? from : null;
        expect(taskTextFrom({ text: taskText, start, end }, documentText)).toBe(expected);
      }),
    );
  });

  test('are what the writer computes from the text and the parse', async () => {
    for (const p of await prepared()) {
      const own = taskRowValues(1, p.parse.tasks, p.text).map((r) => r[5]);
      expect(p.derived!.taskFrom).toEqual(own);
      expect(p.derived!.citationSentences).toEqual(
        p.parse.citations.map((c) => citingSentence(p.text, c.start, c.end)),
      );
      expect(p.derived!.graphKeys.document).toEqual(documentKeys(p.parse));
      const ctx = citingContext(p.parse);
      expect(p.derived!.graphKeys.citations).toEqual(documentCitationKeys(p.parse.citations, ctx));
    }
    // Spans and sentences are really exercised: most tasks are spans, the letters cite.
    const all = await prepared();
    expect(all.flatMap((p) => p.derived!.taskFrom).filter((f) => f !== null).length).toBeGreaterThan(5);
    expect(all.flatMap((p) => p.derived!.citationSentences).length).toBeGreaterThan(3);
  });

  test('none when they cannot be computed (prepareFile never throws; the writer computes them, as before)', async () => {
    const p = (await prepared())[0]!;
    const broken = { ...p.parse, citations: [{ ...p.parse.citations[0]!, start: Symbol('no') as unknown as number }] };
    expect(derivedColumns(broken, p.text)).toBeUndefined();
  });

  test('a batch stores the same rows with them as without them', async () => {
    const answers = await prepared();
    expect(await stored(answers)).toEqual(await stored(withoutDerived(answers)));
  });

  test("the import's keys are set aside when the archive has an alias of its own", async () => {
    const answers = await prepared();
    // Keys no reading gives: used, they would show in graph_docs.
    const wrong = answers.map((p) => ({
      ...p,
      derived: {
        ...p.derived!,
        graphKeys: { ...p.derived!.graphKeys, document: { ...p.derived!.graphKeys.document, refKey: 'not-a-key' } },
      },
    }));
    const alias = (db: Database): void => {
      addAlias(
        db,
        { alias: 'Văn phòng Tỉnh ủy Bắc Giang', canonical: 'Tỉnh ủy Bắc Giang', validFrom: null, validTo: null },
        AT,
      );
    };
    const withAlias = await stored(wrong, alias);
    expect(withAlias).toEqual(await stored(withoutDerived(answers), alias));
    expect(JSON.stringify(withAlias.keys)).not.toContain('not-a-key');
    // Without an alias the import's keys are the ones written.
    expect(JSON.stringify((await stored(wrong)).keys)).toContain('not-a-key');
  });

  test("the writer's copy a worker posts stores the same rows without the text or the spanned task texts", async () => {
    const answers = await prepared();
    const copies = answers.map(forTheWriter) as PreparedFile[];
    expect(copies.every((c) => c.writerCopy === true && c.text === '')).toBe(true);
    const texts = (tasks: PreparedFile['parse']['tasks']): string[] =>
      tasks.flatMap((t) => [t.text, ...texts(t.children)]);
    const left = copies.flatMap((c) => texts(c.parse.tasks));
    const spanned = answers.flatMap((a) => a.derived!.taskFrom.map((f) => f !== null));
    expect(spanned.filter(Boolean).length).toBeGreaterThan(5);
    expect(left.filter((t, i) => spanned[i] && t !== '')).toEqual([]);
    expect(await stored(copies)).toEqual(await stored(answers));
  });

  test('an answer whose writer needs the text is posted whole', async () => {
    const [p] = await prepared();
    for (const whole of [
      { ...p!, derived: undefined },
      { ...p!, textPacked: null },
      { ...p!, derived: { ...p!.derived!, taskFrom: p!.derived!.taskFrom.slice(1) } },
      { ...p!, derived: { ...p!.derived!, citationSentences: [] } },
    ] as PreparedFile[]) {
      expect(forTheWriter(whole)).toBe(whole);
    }
  });
});
