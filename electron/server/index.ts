/**
 * Browser host: serves the renderer and the API on 127.0.0.1 for `vanthu serve`.
 *
 * Threat model: any web page the user visits can make requests to 127.0.0.1, and DNS rebinding can
 * make a foreign page look same-origin. So every request must carry the per-run token (query string
 * or HttpOnly cookie for static files, `X-Vanthu-Token` header for the API), the `Host` header must
 * name this server, and an `Origin` header, if present, must be this server's origin.
 */
import http from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { apiError, type Result } from '../../shared/api/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';

export interface ServerOptions {
  dispatch: (method: string, input: unknown) => Promise<Result<unknown>>;
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Folder with the built renderer (dist/renderer). */
  staticDir: string;
  /** Largest accepted API request body in bytes. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 80 * 1024 * 1024;
export const TOKEN_HEADER = 'x-vanthu-token';

export { CONTENT_SECURITY_POLICY };

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const TEXT_UNAUTHORIZED =
  'Thiếu hoặc sai mã truy cập. Hãy mở Vanthu bằng đúng đường dẫn mà lệnh «vanthu serve» đã in ra.';
const TEXT_FORBIDDEN = 'Yêu cầu bị từ chối: không đến từ trang Vanthu trên máy này.';
const TEXT_NOT_FOUND = 'Không tìm thấy.';
const TEXT_METHOD = 'Phương thức không được hỗ trợ.';
const TEXT_TOO_LARGE = 'Dữ liệu gửi lên quá lớn.';
const TEXT_BAD_REQUEST = 'Yêu cầu không hợp lệ.';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: Record<string, string | string[]> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

function sendText(res: http.ServerResponse, status: number, text: string, extra?: Record<string, string>): void {
  send(res, status, text + '\n', 'text/plain; charset=utf-8', extra);
}

function sendResult(
  res: http.ServerResponse,
  status: number,
  result: Result<unknown>,
  extra?: Record<string, string>,
): void {
  let json: string;
  try {
    json = JSON.stringify(result);
  } catch {
    json = JSON.stringify({ ok: false, error: apiError('INTERNAL', 'kết quả không chuyển được sang JSON') });
  }
  send(res, status, json, 'application/json; charset=utf-8', extra);
}

type BodyOutcome = { kind: 'ok'; body: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

function readBody(req: http.IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ kind: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ kind: 'ok', body: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => finish({ kind: 'aborted' }));
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(opts.staticDir);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;
  // Cookies are not port-scoped: name the cookie after the port so two servers do not clash.
  const cookieName = () => `vanthu_token_${port}`;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
    setCookie: boolean,
  ) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, TEXT_BAD_REQUEST);
      return;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) {
      sendText(res, 400, TEXT_BAD_REQUEST);
      return;
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(staticRoot, relative);
    if (!file.startsWith(staticRoot + path.sep)) {
      sendText(res, 404, TEXT_NOT_FOUND);
      return;
    }
    let data: Buffer | null = null;
    try {
      if ((await fsp.stat(file)).isFile()) data = await fsp.readFile(file);
    } catch {
      data = null;
    }
    if (data === null) {
      sendText(res, 404, TEXT_NOT_FOUND);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const extra: Record<string, string> = {};
    if (setCookie) {
      extra['Set-Cookie'] = `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    }
    send(res, 200, data, type, extra);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (type && !type.startsWith('application/json')) {
      req.resume();
      sendResult(res, 415, { ok: false, error: apiError('INVALID_INPUT', 'Content-Type phải là application/json') });
      return;
    }
    const outcome = await readBody(req, maxBody);
    if (outcome.kind === 'aborted') {
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (outcome.kind === 'too_large') {
      // Drain the rest and keep the connection until the request ends: closing it while the client
      // is still sending resets the socket, and the client may never read this answer.
      req.resume();
      sendResult(res, 413, { ok: false, error: apiError('INVALID_INPUT', TEXT_TOO_LARGE) });
      return;
    }
    let input: unknown;
    const text = outcome.body.toString('utf8');
    if (text.trim() === '') {
      input = {};
    } else {
      try {
        input = JSON.parse(text);
      } catch {
        sendResult(res, 400, { ok: false, error: apiError('INVALID_INPUT', 'JSON không hợp lệ') });
        return;
      }
    }
    let result: Result<unknown>;
    try {
      result = await opts.dispatch(method, input);
    } catch (error) {
      result = { ok: false, error: apiError('INTERNAL', error instanceof Error ? error.message : String(error)) };
    }
    if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
      result = { ok: false, error: apiError('INTERNAL', 'kết quả không hợp lệ') };
    }
    sendResult(res, 200, result);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // DNS-rebinding defence: the page must have addressed this server by its loopback name.
    const host = String(req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) {
      req.resume();
      sendText(res, 403, TEXT_FORBIDDEN);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(String(origin).toLowerCase())) {
      req.resume();
      sendText(res, 403, TEXT_FORBIDDEN);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      req.resume();
      sendText(res, 400, TEXT_BAD_REQUEST);
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (!tokensEqual(req.headers[TOKEN_HEADER] as string | undefined, token)) {
        req.resume();
        sendResult(res, 401, { ok: false, error: apiError('INVALID_INPUT', TEXT_UNAUTHORIZED) });
        return;
      }
      if (req.method !== 'POST') {
        req.resume();
        sendText(res, 405, TEXT_METHOD, { Allow: 'POST' });
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      await handleApi(req, res, method);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      sendText(res, 405, TEXT_METHOD, { Allow: 'GET, HEAD' });
      return;
    }
    const queryToken = url.searchParams.get('token');
    const cookieToken = parseCookies(req.headers.cookie).get(cookieName());
    const viaQuery = queryToken !== null && tokensEqual(queryToken, token);
    if (!viaQuery && !tokensEqual(cookieToken, token)) {
      sendText(res, 401, TEXT_UNAUTHORIZED);
      return;
    }
    await serveStatic(req, res, url.pathname, viaQuery);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Lỗi máy chủ.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
