/**
 * The review page's refusals in words. A refused correction, citation or task showed only «Yêu cầu
 * không hợp lệ.» (the reason was folded under «Chi tiết kỹ thuật», behind its zod path): each now
 * says what was refused and why. The inputs are what the page sends; the texts what it shows.
 */
import path from 'node:path';
import { Archive } from '../../../electron/core/archive';
import { createDispatcher, type Dispatch } from '../../../electron/core/api/dispatch';
import { inputRefusalReasons } from '../../../shared/api/errors';
import { refusalText, typedDateToIso } from '../../../renderer/src/review/labels';
import { SAMPLES_DIR, tempDir } from '../../helpers/tmp';

let archive: Archive;
let dispatch: Dispatch;
let cleanup: () => void;
let id: number;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  archive = Archive.open(tmp.dir);
  dispatch = createDispatcher(archive, { host: 'browser' });
  id = (await archive.importPaths([path.join(SAMPLES_DIR, '003_0fe373fd9470e206.txt')])).files[0]!.id!;
});
afterAll(() => {
  archive.close();
  cleanup();
});

const STALE = 'Có thể nó vừa được sửa hoặc xóa ở cửa sổ khác: hãy mở lại văn bản.';

test.each<[string, string, Record<string, unknown>, string]>([
  [
    'Không lưu được «Ngày ban hành»',
    'correctField',
    { field: 'date', value: '1850-08-25' },
    'Không lưu được «Ngày ban hành»: Ngày ban hành phải là ngày có thật trong các năm 1900–2200, viết dạng YYYY-MM-DD (ví dụ 2021-08-25).',
  ],
  [
    'Không lưu được «Người ký»',
    'correctField',
    { field: 'signer', value: 'Nguyễn Văn A'.padEnd(230, 'x') },
    'Không lưu được «Người ký»: Người ký dài quá 200 ký tự.',
  ],
  [
    'Không lưu được trích dẫn',
    'saveCitation',
    { citation: { text: '   ', ref: '12/UBND-VX' } },
    'Không lưu được trích dẫn: Cần nhập đoạn trích dẫn như trong văn bản.',
  ],
  [
    'Không lưu được trích dẫn',
    'saveCitation',
    { citation: { text: 'Công văn số 12', date: '1850-01-02' } },
    'Không lưu được trích dẫn: Ngày của văn bản được viện dẫn phải là ngày có thật trong các năm 1900–2200, viết dạng YYYY-MM-DD (ví dụ 2021-08-25).',
  ],
  [
    'Không lưu được nhiệm vụ',
    'saveTask',
    { task: { text: 'Tổ chức tuyên truyền', lead: Array(31).fill('Ban Tuyên giáo') } },
    'Không lưu được nhiệm vụ: Đơn vị chủ trì: tối đa 30 tên.',
  ],
  [
    'Không lưu được nhiệm vụ',
    'saveTask',
    { task: { text: 'Tổ chức tuyên truyền', lead: ['x'.repeat(301)], deadlineDate: '2021-02-30' } },
    'Không lưu được nhiệm vụ: Đơn vị chủ trì: mỗi tên tối đa 300 ký tự. Hạn chót phải là ngày có thật trong các năm 1900–2200, viết dạng YYYY-MM-DD (ví dụ 2021-08-25).',
  ],
  [
    'Không xóa được trích dẫn',
    'removeCitation',
    { key: 'c9' },
    `Không xóa được trích dẫn: Văn bản không có trích dẫn «c9». ${STALE}`,
  ],
  [
    'Không lưu được nhiệm vụ',
    'saveTask',
    { key: 'n4', task: { text: 'Tổ chức tuyên truyền' } },
    `Không lưu được nhiệm vụ: Văn bản không có nhiệm vụ «n4». ${STALE}`,
  ],
])('%s (%s %j)', async (what, method, input, shown) => {
  const r = await dispatch(method, { id, ...input });
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  expect(r.error.message).toBe('Yêu cầu không hợp lệ.');
  expect(refusalText(what, r.error)).toBe(shown);
});

test('errors that are not a refused input keep their own message', async () => {
  const r = await dispatch('saveCitation', { id: 99999, citation: { text: 'Công văn số 12' } });
  expect(r.ok || r.error.code).toBe('NOT_FOUND');
  if (!r.ok) expect(refusalText('Không lưu được trích dẫn', r.error)).toBeNull();
});

test.each([
  ['value: Người ký dài quá 200 ký tự.', 'Người ký dài quá 200 ký tự.'],
  ['task.lead.3: Đơn vị chủ trì: mỗi tên tối đa 300 ký tự.', 'Đơn vị chủ trì: mỗi tên tối đa 300 ký tự.'],
  ['(gốc): Cần cả vị trí đầu và cuối, với cuối lớn hơn đầu.', 'Cần cả vị trí đầu và cuối, với cuối lớn hơn đầu.'],
  ['Vị trí 3–900 vượt quá độ dài văn bản (40 ký tự).', 'Vị trí 3–900 vượt quá độ dài văn bản (40 ký tự).'],
])('inputRefusalReasons(%j)', (detail, reasons) => {
  expect(inputRefusalReasons(detail)).toBe(reasons);
});

// The page checked the date's form but not its year, so 25/08/1850 went out and came back refused.
test.each([
  ['25/08/1850', undefined],
  ['25/08/2201', undefined],
  ['31/02/2021', undefined],
  ['25/08/1900', '1900-08-25'],
  ['25/8/2021', '2021-08-25'],
  ['', null],
])('typedDateToIso(%j) → %j', (typed, iso) => {
  expect(typedDateToIso(typed)).toBe(iso);
});
