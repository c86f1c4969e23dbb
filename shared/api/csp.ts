/**
 * The one Content-Security-Policy of every page Vanthu shows: the desktop session's response
 * header, the browser host's header, and (copied by hand, checked by tests) the meta tag in
 * renderer/index.html. No remote origins, no inline script or style.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
