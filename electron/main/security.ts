/**
 * The renderer is a local page with no business talking to the network, opening windows or
 * navigating away. Everything here follows Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';

/**
 * Same policy as the meta tag in renderer/index.html. For file:// pages Chromium has no response
 * headers to rewrite, so the meta tag is what actually applies to the app page; the header covers
 * anything else the session loads (and keeps the two in one place for review).
 */
export { CONTENT_SECURITY_POLICY };

/** Adds our CSP to every response, replacing any policy the response carried. */
export function installCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

/** The app asks for no permission (camera, notifications, clipboard-read, …); refuse them all. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** True when `url` is the app page itself (any #hash or ?query), e.g. a reload or an in-page link. */
export function isAppUrl(url: string, appFile: string, platform: NodeJS.Platform = process.platform): boolean {
  let file: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
    parsed.hash = '';
    parsed.search = '';
    file = path.resolve(fileURLToPath(parsed));
  } catch {
    return false;
  }
  const expected = path.resolve(appFile);
  // NTFS paths compare case-insensitively; file URLs from Chromium may differ in drive-letter case.
  return platform === 'win32' ? file.toLowerCase() === expected.toLowerCase() : file === expected;
}

const hardened = new WeakSet<WebContents>();

/**
 * Denies navigation away from the app page, every window.open, and <webview>. Called for the main
 * window directly and for any other web contents from app 'web-contents-created'.
 */
export function hardenWebContents(contents: WebContents, appFile: string): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, appFile)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
