/**
 * The first suggestion at 100,000 documents waited ~1.4 s: the suggestion index was built in the
 * background only after the first search, and a clerk types (and gets suggestions) before
 * searching. The app and `vanthu serve` now start that warm-up once the home list is served.
 */
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { SearchEngine } from '../../../electron/core/search/engine';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the search caches warm up after the home list, before any search', () => {
  let dir: { dir: string; cleanup: () => void };
  let archive: Archive;

  beforeAll(async () => {
    dir = tempDir('vanthu-warm-');
    archive = Archive.open(path.join(dir.dir, 'kho'));
    await archive.importPaths([SAMPLES_DIR]);
  });
  afterAll(() => {
    archive?.close();
    dir?.cleanup();
  });
  afterEach(() => jest.restoreAllMocks());

  test('the page host builds the suggestion index after serving the list, on later turns', async () => {
    const built = jest.spyOn(SearchEngine.prototype, 'warmSuggestions');
    const dispatch = createDispatcher(archive, { host: 'browser' });
    const list = await dispatch('listDocuments', {});
    expect(list.ok).toBe(true);
    // Not while the list was being answered: only on later turns of the event loop.
    expect(built).not.toHaveBeenCalled();
    await turns(50);
    expect(built).toHaveBeenCalledTimes(1);
    // The first suggestion then finds the index built.
    const first = await dispatch('suggest', { prefix: 'phong chong' });
    expect(first.ok && (first.value as unknown[]).length).toBeGreaterThan(0);
    expect(built).toHaveBeenCalledTimes(1);
  });

  test('an archive closed right after the list is left alone', async () => {
    const other = Archive.open(path.join(dir.dir, 'kho2'));
    const dispatch = createDispatcher(other, { host: 'desktop' });
    await dispatch('listDocuments', {});
    other.close();
    await expect(turns(20)).resolves.toBeUndefined();
  });
});
