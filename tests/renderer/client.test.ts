/** The renderer's HTTP transport and display helpers, without a DOM. */
import { METHOD_NAMES } from '../../shared/api/contract';
import { ENCODING_DOUBT_WARNING, ERROR_MESSAGES, IMPORT_FAILURE_MESSAGES } from '../../shared/api/errors';
import { createHttpApi, normalizeResult } from '../../renderer/src/api/client';
import {
  baseName,
  documentTitle,
  errorText,
  formatDate,
  importStatusText,
  pathSegments,
} from '../../renderer/src/format';
import { hasAcceptedExtension } from '../../renderer/src/import/files';

type Call = { url: string; init: RequestInit };

function fakeFetch(reply: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return reply(call);
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createHttpApi', () => {
  test('has exactly the contract methods', () => {
    const api = createHttpApi('t', fakeFetch(() => json(200, { ok: true, value: null })).impl);
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
  });

  test('POSTs JSON to /api/<method> with the token header', async () => {
    const { impl, calls } = fakeFetch(() => json(200, { ok: true, value: { total: 0, items: [] } }));
    const api = createHttpApi('secret-token', impl);
    const r = await api.listDocuments({ sort: 'date_asc' });
    expect(r).toEqual({ ok: true, value: { total: 0, items: [] } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/listDocuments');
    expect(calls[0]?.init.method).toBe('POST');
    expect((calls[0]?.init.headers as Record<string, string>)['X-Vanthu-Token']).toBe('secret-token');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ sort: 'date_asc' });
  });

  test('passes API errors through with their Vietnamese message', async () => {
    const api = createHttpApi(
      't',
      fakeFetch(() => json(200, { ok: false, error: { code: 'NOT_FOUND', message: 'x' } })).impl,
    );
    const r = await api.getDocument({ id: 9 });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND } });
  });

  // QA: stopping `vanthu serve` then searching showed «Đã xảy ra lỗi không mong muốn.», the real
  // cause («mất kết nối…») folded away under «Chi tiết kỹ thuật».
  test('a request the stopped server never answers says the connection to Vanthu was lost, and to reopen it', async () => {
    const offline = createHttpApi('t', fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).impl);
    const r = await offline.search({ query: 'dang uy' } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST', detail: 'TypeError: Failed to fetch' } });
    const text = r.ok ? '' : errorText(r.error);
    expect(text).toMatch(/Mất kết nối với Vanthu/);
    expect(text).toMatch(/mở lại Vanthu/);
    expect(text).not.toBe(ERROR_MESSAGES.INTERNAL);
  });

  test('turns transport failures into Results, never exceptions', async () => {
    const offline = createHttpApi('t', fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).impl);
    await expect(offline.getArchiveInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });

    const refused = createHttpApi('t', fakeFetch(() => new Response('Thiếu mã', { status: 401 })).impl);
    const r401 = await refused.getArchiveInfo({});
    expect(r401.ok).toBe(false);

    const tooBig = createHttpApi('t', fakeFetch(() => json(413, { ok: false, error: { code: 'INVALID_INPUT' } })).impl);
    await expect(tooBig.importUploads({ files: [{ name: 'a.txt', dataBase64: '' }] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    const garbage = createHttpApi('t', fakeFetch(() => new Response('<html>', { status: 200 })).impl);
    await expect(garbage.getArchiveInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('normalizeResult', () => {
  test('accepts only known error codes and rewrites messages from errors.ts', () => {
    expect(normalizeResult({ ok: false, error: { code: 'DISK_FULL', message: '<b>hi</b>' } })).toEqual({
      ok: false,
      error: { code: 'DISK_FULL', message: ERROR_MESSAGES.DISK_FULL },
    });
    expect(normalizeResult({ ok: false, error: { code: 'WHAT', message: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(normalizeResult(null)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(normalizeResult({ ok: true, value: 3 })).toEqual({ ok: true, value: 3 });
  });
});

describe('format helpers', () => {
  test('dates are dd/mm/yyyy', () => {
    expect(formatDate('2021-08-25')).toBe('25/08/2021');
    expect(formatDate(null)).toBe('');
    expect(formatDate('2021-08')).toBe('08/2021');
  });

  test('titles read like a clerk would say them', () => {
    expect(documentTitle({ type: 'Thông báo', ref: '12-TB/HU', originalName: 'a.txt' })).toBe('Thông báo số 12-TB/HU');
    expect(documentTitle({ type: null, ref: '12-TB/HU', originalName: 'a.txt' })).toBe('Văn bản số 12-TB/HU');
    expect(documentTitle({ type: 'Chỉ thị', ref: null, originalName: 'a.txt' })).toBe('Chỉ thị');
    // An upload keeps its folder-relative name whole («A/cv.txt» and «B/cv.txt» are two files); a disk path its last part.
    expect(documentTitle({ type: null, ref: null, originalName: 'thu-muc/b.docx' })).toBe('thu-muc/b.docx');
    expect(documentTitle({ type: null, ref: null, originalName: 'D:\\USB\\thu-muc\\b.docx' })).toBe('b.docx');
  });

  test('import statuses and errors come from the shared Vietnamese messages', () => {
    const base = { path: 'x/y.pdf', id: null, reason: null };
    expect(importStatusText({ ...base, status: 'imported', id: 1, reasonCode: null })).toBe('Đã nhập');
    // A Latin-1 file stored as windows-1252 said only «Đã nhập»: the clerk never learned it may be mojibake.
    expect(
      importStatusText({ ...base, status: 'imported', id: 1, reasonCode: null, warnings: [ENCODING_DOUBT_WARNING] }),
    ).toBe(`Đã nhập. ${ENCODING_DOUBT_WARNING}`);
    expect(importStatusText({ ...base, status: 'duplicate', id: 1, reasonCode: null })).toBe('Đã có trong kho');
    expect(importStatusText({ ...base, status: 'failed', reasonCode: 'corrupt' })).toBe(
      `Lỗi: ${IMPORT_FAILURE_MESSAGES.corrupt}`,
    );
    expect(errorText({ code: 'ARCHIVE_LOCKED', message: 'anything' })).toBe(ERROR_MESSAGES.ARCHIVE_LOCKED);
    expect(baseName('a\\b\\c.doc')).toBe('c.doc');
  });

  // QA: a long archive path broke anywhere on the first-run screen; it breaks after separators only.
  test('a path is cut after each separator, and its segments joined are the path', () => {
    const win = 'C:\\Users\\Nguyễn An\\AppData\\Roaming\\Vanthu';
    expect(pathSegments(win)).toEqual(['C:\\', 'Users\\', 'Nguyễn An\\', 'AppData\\', 'Roaming\\', 'Vanthu']);
    expect(pathSegments('/home/an/.config/Vanthu/')).toEqual(['/', 'home/', 'an/', '.config/', 'Vanthu/']);
    expect(pathSegments('\\\\may-chu\\kho').join('')).toBe('\\\\may-chu\\kho');
    expect(pathSegments('kho')).toEqual(['kho']);
  });

  test('folder imports keep only document files', () => {
    expect(hasAcceptedExtension('Công văn.DOCX')).toBe(true);
    expect(hasAcceptedExtension('anh.jpg')).toBe(false);
    expect(hasAcceptedExtension('trang.htm')).toBe(true);
  });
});
