/**
 * A link's relation was «sửa đổi, bổ sung» on the review page and «sửa đổi» in the graph, the
 * document's links and the history: two tables. There is now one (shared/graph/types.ts).
 */
import { RELATION_LABELS as reviewWords } from '../../renderer/src/review/labels';
import { relationLabel, RELATION_LABELS as graphWords } from '../../renderer/src/graph/labels';
import { RELATION_LABELS, relationWords } from '../../shared/graph/types';

test.each([
  ['implements', 'thực hiện'],
  ['basis', 'căn cứ'],
  ['responds', 'trả lời'],
  ['amends', 'sửa đổi, bổ sung'],
  ['reports', 'báo cáo'],
  ['mentions', 'nhắc đến'],
] as const)('%s reads «%s» on the review page, in the graph and in the CLI', (relation, words) => {
  expect(reviewWords[relation]).toBe(words);
  expect(graphWords[relation]).toBe(words);
  expect(relationLabel({ relation })).toBe(words);
  expect(relationWords(relation)).toBe(words);
});

test('one table, and a relation this version does not know is shown as stored', () => {
  expect(reviewWords).toBe(RELATION_LABELS);
  expect(graphWords).toBe(RELATION_LABELS);
  expect(relationWords('supersedes')).toBe('supersedes');
});
