/**
 * The browser host on its own, with a stub dispatcher: token, Host and Origin checks, body limits,
 * static files and security headers. No Chromium and no build needed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../electron/server';
import type { Result } from '../../shared/api/errors';
import { apiRequest, rawRequest } from './http';

let root: string;
let staticDir: string;
let server: RunningServer;
const calls: { method: string; input: unknown }[] = [];

async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
  calls.push({ method, input });
  if (method === 'boom') throw new Error('kaboom');
  return { ok: true, value: { method, input } };
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vanthu-server-'));
  staticDir = path.join(root, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Vanthu</title>');
  writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1);');
  writeFileSync(path.join(staticDir, 'app.css'), 'body{}');
  writeFileSync(path.join(staticDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  // A file next to the static folder that must never be served.
  writeFileSync(path.join(root, 'secret.txt'), 'BÍ MẬT');
  // A folder next to the static one with the same name as the static assets folder: never served.
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'assets', 'sibling.woff'), Buffer.from([0x77, 0x4f, 0x46, 0x46]));
  server = await startServer({ dispatch, port: 0, staticDir, maxBodyBytes: 64 * 1024 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const auth = () => ({ 'X-Vanthu-Token': server.token });

describe('startServer', () => {
  test('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(server.port).toBeGreaterThan(0);
  });

  test('two servers get different tokens', async () => {
    const other = await startServer({ dispatch, port: 0, staticDir });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });

  test('the page needs the token; with it, it sets an HttpOnly SameSite=Strict cookie', async () => {
    const none = await rawRequest({ port: server.port, path: '/' });
    expect(none.status).toBe(401);
    expect(none.body).toContain('mã truy cập');
    expect(none.body).not.toContain('Vanthu</title>');

    const wrong = await rawRequest({ port: server.port, path: '/?token=' + 'x'.repeat(32) });
    expect(wrong.status).toBe(401);

    const ok = await rawRequest({ port: server.port, path: `/?token=${server.token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(ok.body).toContain('<title>Vanthu</title>');
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toContain(`vanthu_token_${server.port}=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  test('static files load with the cookie, with the right types, and not without it', async () => {
    const cookie = `vanthu_token_${server.port}=${server.token}`;
    const js = await rawRequest({ port: server.port, path: '/app.js', headers: { Cookie: cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await rawRequest({ port: server.port, path: '/app.css', headers: { Cookie: cookie } });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const font = await rawRequest({ port: server.port, path: '/assets/font.woff2', headers: { Cookie: cookie } });
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');

    const sibling = await rawRequest({ port: server.port, path: '/assets/sibling.woff', headers: { Cookie: cookie } });
    expect(sibling.status).toBe(404);
    expect(
      (await rawRequest({ port: server.port, path: '/assets/../secret.txt', headers: { Cookie: cookie } })).status,
    ).toBe(404);
    expect(
      (await rawRequest({ port: server.port, path: '/assets/%2e%2e/secret.txt', headers: { Cookie: cookie } })).status,
    ).toBe(404);

    expect((await rawRequest({ port: server.port, path: '/app.js' })).status).toBe(401);
    const otherCookie = await rawRequest({
      port: server.port,
      path: '/app.js',
      headers: { Cookie: `vanthu_token_${server.port}=nope` },
    });
    expect(otherCookie.status).toBe(401);
    expect((await rawRequest({ port: server.port, path: '/missing.js', headers: { Cookie: cookie } })).status).toBe(
      404,
    );
    expect((await rawRequest({ port: server.port, path: '/assets', headers: { Cookie: cookie } })).status).toBe(404);
  });

  test('every response carries the security headers', async () => {
    for (const res of [
      await rawRequest({ port: server.port, path: '/' }),
      await rawRequest({ port: server.port, path: `/?token=${server.token}` }),
      await apiRequest(server.port, 'listDocuments', {}, auth()),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  test('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      'evil.example',
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.1.evil.example:${server.port}`,
    ]) {
      const page = await rawRequest({ port: server.port, path: `/?token=${server.token}`, headers: { Host: host } });
      expect(page.status).toBe(403);
      const api = await apiRequest(server.port, 'listDocuments', {}, { ...auth(), Host: host });
      expect(api.status).toBe(403);
    }
    const localhost = await rawRequest({
      port: server.port,
      path: `/?token=${server.token}`,
      headers: { Host: `localhost:${server.port}` },
    });
    expect(localhost.status).toBe(200);
  });

  test('refuses a foreign Origin and accepts its own', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
    ]) {
      const res = await apiRequest(server.port, 'listDocuments', {}, { ...auth(), Origin: origin });
      expect(res.status).toBe(403);
    }
    const own = await apiRequest(
      server.port,
      'listDocuments',
      {},
      { ...auth(), Origin: `http://127.0.0.1:${server.port}` },
    );
    expect(own.status).toBe(200);
    const ownLocal = await apiRequest(
      server.port,
      'listDocuments',
      {},
      {
        ...auth(),
        Host: `localhost:${server.port}`,
        Origin: `http://localhost:${server.port}`,
      },
    );
    expect(ownLocal.status).toBe(200);
  });

  test('the API needs the X-Vanthu-Token header; the cookie alone is not enough', async () => {
    calls.length = 0;
    const none = await apiRequest(server.port, 'listDocuments', {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false });
    const cookieOnly = await apiRequest(
      server.port,
      'listDocuments',
      {},
      { Cookie: `vanthu_token_${server.port}=${server.token}` },
    );
    expect(cookieOnly.status).toBe(401);
    const wrong = await apiRequest(
      server.port,
      'listDocuments',
      {},
      { 'X-Vanthu-Token': server.token.slice(0, -1) + 'A' },
    );
    expect(wrong.status).toBe(401);
    const query = await rawRequest({
      port: server.port,
      method: 'POST',
      path: `/api/listDocuments?token=${server.token}`,
      body: '{}',
    });
    expect(query.status).toBe(401);
    expect(calls).toHaveLength(0);

    const ok = await apiRequest(server.port, 'listDocuments', { sort: 'date_asc' }, auth());
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { method: 'listDocuments', input: { sort: 'date_asc' } } });
    expect(calls).toEqual([{ method: 'listDocuments', input: { sort: 'date_asc' } }]);
  });

  test('bad JSON is a 400 INVALID_INPUT Result; an empty body is {}; a throwing handler is INTERNAL', async () => {
    const bad = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/listDocuments',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Yêu cầu không hợp lệ.' },
    });

    const empty = await rawRequest({ port: server.port, method: 'POST', path: '/api/getArchiveInfo', headers: auth() });
    expect(JSON.parse(empty.body)).toEqual({ ok: true, value: { method: 'getArchiveInfo', input: {} } });

    const boom = await apiRequest(server.port, 'boom', {}, auth());
    expect(boom.status).toBe(200);
    expect(JSON.parse(boom.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('a body over the limit is refused with 413 without reaching the dispatcher', async () => {
    calls.length = 0;
    const big = JSON.stringify({ files: [{ name: 'a.txt', dataBase64: 'A'.repeat(100 * 1024) }] });
    // Chunked (counted while reading) and with a declared Content-Length (refused up front).
    const res = await apiRequest(server.port, 'importUploads', JSON.parse(big), auth());
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const declared = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/importUploads',
      headers: { ...auth(), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(calls).toHaveLength(0);
    // The server is still fine afterwards.
    expect((await apiRequest(server.port, 'getArchiveInfo', {}, auth())).status).toBe(200);
  });

  test('only POST reaches the API, only GET/HEAD reach files, and only JSON bodies are read', async () => {
    expect(
      (await rawRequest({ port: server.port, method: 'GET', path: '/api/listDocuments', headers: auth() })).status,
    ).toBe(405);
    expect((await rawRequest({ port: server.port, method: 'PUT', path: `/?token=${server.token}` })).status).toBe(405);
    const form = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/listDocuments',
      headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
  });

  test('no directory traversal out of the static folder', async () => {
    const cookie = { Cookie: `vanthu_token_${server.port}=${server.token}` };
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%00index.html',
      '/' + encodeURIComponent(path.join(root, 'secret.txt')),
    ]) {
      const res = await rawRequest({ port: server.port, path: p, headers: cookie });
      expect(res.body).not.toContain('BÍ MẬT');
      expect([400, 404]).toContain(res.status);
    }
  });

  test('close() stops listening', async () => {
    const other = await startServer({ dispatch, port: 0, staticDir });
    await other.close();
    await expect(rawRequest({ port: other.port, path: '/' })).rejects.toThrow();
  });
});
