/**
 * An export stops at its row limit (10,000 from the app): it said so nowhere, and the printed
 * register's heading gave the number of rows as the number of results («10000 văn bản» of 25,000).
 * The export now tells how many the search found; the register's heading says «đầu tiên trong».
 */
import { SearchEngine } from '../../../electron/core/search/engine';
import { exportedCountText } from '../../../shared/search/export';
import { openFixture, type Fixture } from './fixture';

let fx: Fixture;
let engine: SearchEngine;
beforeAll(() => {
  fx = openFixture();
  engine = new SearchEngine(fx.db);
});
afterAll(() => fx.db.close());

test('an export cut at its limit says how many the search found, in the printed heading too', () => {
  const all = engine.search({ query: 'dang uy', sort: 'date', exactTotal: true }).total;
  expect(all).toBeGreaterThan(1);
  const csv = engine.exportResults('dang uy', 'date', 'csv', 1);
  expect(csv).toMatchObject({ count: 1, total: all, totalExact: true });
  const html = engine.exportResults('dang uy', 'date', 'html', 1);
  expect(html).toMatchObject({ count: 1, total: all });
  expect(html.content).toContain(`— 1 văn bản đầu tiên trong ${all} kết quả —`);
});

test('an export of every result says just how many', () => {
  const html = engine.exportResults('dang uy', 'date', 'html', 100);
  expect(html.count).toBe(html.total);
  expect(html.content).toContain(`— ${html.count} văn bản —`);
});

test('the count text: all, the first of more, the first of more than a bound', () => {
  expect(exportedCountText(305, { total: 305, totalExact: true })).toBe('305 văn bản');
  expect(exportedCountText(10000, { total: 25000, totalExact: true })).toBe(
    '10.000 văn bản đầu tiên trong 25.000 kết quả',
  );
  expect(exportedCountText(10000, { total: 100000, totalExact: false })).toBe(
    '10.000 văn bản đầu tiên trong hơn 100.000 kết quả',
  );
});
