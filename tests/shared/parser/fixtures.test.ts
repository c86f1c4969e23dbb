import { META_FIELDS } from '../../../shared/model/directive';
import { parseDirective } from '../../../shared/parser';
import { fieldMatches, score } from '../../../shared/parser/evaluate';
import { loadFixtures } from './fixtures';

const fixtures = loadFixtures();

test('the labelled corpus is there: at least 60 written documents besides the five samples, 20+ of them held out', () => {
  expect(fixtures.filter((f) => !f.name.startsWith('samples/')).length).toBeGreaterThanOrEqual(60);
  expect(fixtures.filter((f) => f.name.startsWith('corpus-heldout/')).length).toBeGreaterThanOrEqual(20);
});

describe.each(fixtures.map((f) => [f.name, f] as const))('fixture %s', (_name, fixture) => {
  const result = parseDirective(fixture.text);
  const gaps = new Set(fixture.expected.knownGaps ?? []);
  const s = score(fixture.text, fixture.expected, result);

  test('metadata', () => {
    for (const f of META_FIELDS) {
      if (!(f in fixture.expected) || gaps.has(f)) continue;
      const expected = (fixture.expected as Record<string, unknown>)[f];
      const ok = fieldMatches(f, expected, result[f]);
      expect({ field: f, ok, got: result[f] }).toEqual({ field: f, ok: true, got: result[f] });
    }
  });

  test('citations', () => {
    if (gaps.has('citations')) return;
    expect({ missed: s.missed.map((m) => m.text), spurious: s.spurious.map((c) => c.text) }).toEqual({
      missed: [],
      spurious: [],
    });
    for (const m of s.matched)
      if (m.gold.relation) expect([m.gold.text, m.predicted.relation]).toEqual([m.gold.text, m.gold.relation]);
  });

  test('tasks', () => {
    if (s.tasksOk === null || gaps.has('tasks')) return;
    const expected = fixture.expected.tasks!;
    expect({ count: result.tasks.length, ok: s.tasksOk, leads: result.tasks.map((t) => t.lead) }).toEqual({
      count: expected.count,
      ok: true,
      leads: expected.leads ?? result.tasks.map((t) => t.lead),
    });
  });
});
