import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

// Choosing a document to link searches the archive; those searches are no clerk's searches.
test('a search with history: false stays out of «Đã tìm»', async () => {
  const dir = tempDir('vanthu-history-flag-');
  const archive = Archive.open(path.join(dir.dir, 'kho'));
  try {
    await archive.importPaths([SAMPLES_DIR]);
    const dispatch = createDispatcher(archive, { host: 'browser' });
    await dispatch('search', { query: 'phong chong dich', limit: 8, facets: false, history: false });
    await dispatch('search', { query: 'dang uy' });
    const history = await dispatch('searchHistory', {});
    expect(history.ok && (history.value as { query: string }[]).map((h) => h.query)).toEqual(['dang uy']);
  } finally {
    archive.close();
    dir.cleanup();
  }
});
