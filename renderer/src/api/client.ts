/**
 * The API as the renderer sees it, whichever host it runs in: the Electron preload exposes
 * `window.vanthu`; the browser host (`vanthu serve`) is reached over HTTP with the per-run token.
 * Both are checked against METHOD_NAMES so the client covers the contract exactly.
 */
import { METHOD_NAMES, PRELOAD_GLOBAL, type MethodName, type VanthuApi } from '../../../shared/api/contract';
import { apiError, ERROR_CODES, type ApiError, type ErrorCode, type Result } from '../../../shared/api/errors';

const TOKEN_KEY = 'vanthu.token';
export const TOKEN_HEADER = 'X-Vanthu-Token';

/**
 * Takes the token from `?token=` (then removes it from the address bar so it does not end up in
 * history or screenshots) or, after a reload, from sessionStorage.
 */
export function takeToken(): string | null {
  let token: string | null = null;
  try {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      token = fromUrl;
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
      try {
        window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
      } catch {
        /* storage disabled: keep it in memory only */
      }
    } else {
      token = window.sessionStorage.getItem(TOKEN_KEY);
    }
  } catch {
    /* ignore: no token */
  }
  return token;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** Accepts only a well-formed Result from the wire; anything else becomes INTERNAL. */
export function normalizeResult(json: unknown): Result<unknown> {
  if (json && typeof json === 'object' && 'ok' in json) {
    const r = json as { ok: unknown; value?: unknown; error?: Partial<ApiError> };
    if (r.ok === true) return { ok: true, value: r.value };
    if (r.ok === false && r.error && isErrorCode(r.error.code)) {
      return {
        ok: false,
        error: apiError(r.error.code, typeof r.error.detail === 'string' ? r.error.detail : undefined),
      };
    }
  }
  return { ok: false, error: apiError('INTERNAL', 'phản hồi không đúng dạng') };
}

export function createHttpApi(token: string | null, fetchImpl: typeof fetch = fetch.bind(window)): VanthuApi {
  async function call(method: MethodName, input: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetchImpl(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token ?? '' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      // The clerk must read that Vanthu is gone and to reopen it, not «lỗi không mong muốn».
      return { ok: false, error: apiError('CONNECTION_LOST', String(error)) };
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.status === 200) return normalizeResult(json);
    if (response.status === 413) return { ok: false, error: apiError('INVALID_INPUT', 'dữ liệu gửi lên quá lớn') };
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        error: apiError('INVALID_INPUT', 'thiếu hoặc sai mã truy cập; hãy mở lại đường dẫn do «vanthu serve» in ra'),
      };
    }
    const normalized = normalizeResult(json);
    return normalized.ok ? { ok: false, error: apiError('INTERNAL', `HTTP ${response.status}`) } : normalized;
  }
  const api = {} as Record<MethodName, (input: unknown) => Promise<Result<unknown>>>;
  for (const method of METHOD_NAMES) api[method] = (input) => call(method, input);
  return api as unknown as VanthuApi;
}

/** Wraps the preload object so a thrown error or a malformed reply still reaches the UI as a Result. */
function wrapPreload(bridge: Record<string, unknown>): VanthuApi {
  const api = {} as Record<MethodName, (input: unknown) => Promise<Result<unknown>>>;
  for (const method of METHOD_NAMES) {
    const fn = bridge[method];
    api[method] = async (input) => {
      if (typeof fn !== 'function') return { ok: false, error: apiError('UNKNOWN_METHOD', method) };
      try {
        return normalizeResult(await (fn as (i: unknown) => Promise<unknown>)(input));
      } catch (error) {
        return { ok: false, error: apiError('INTERNAL', String(error)) };
      }
    };
  }
  return api as unknown as VanthuApi;
}

export function createApi(): VanthuApi {
  const bridge = (window as unknown as Record<string, unknown>)[PRELOAD_GLOBAL];
  if (bridge && typeof bridge === 'object') return wrapPreload(bridge as Record<string, unknown>);
  return createHttpApi(takeToken());
}
