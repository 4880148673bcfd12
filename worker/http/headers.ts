/** Headers every dynamic response carries: HTTPS only, no caching of personal pages, no referrer, a strict CSP. */
import type { MiddlewareHandler } from 'hono';
import { PREVIEW_CSP, SECURITY_HEADERS, STAFF_CSP, isFramedPreview, isPrivate, isStaffPath } from '../../core/security-headers.ts';

/** Adds the security headers and forbids caching (receipts and case pages are for one person). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  if (isStaffPath(c.req.path)) c.res.headers.set('Content-Security-Policy', STAFF_CSP);
  if (isFramedPreview(c.req.path)) {
    c.res.headers.set('Content-Security-Policy', PREVIEW_CSP);
    c.res.headers.set('X-Frame-Options', 'SAMEORIGIN');
  }
  // A private answer that already forbids storing (a photo's `private, no-store`) keeps its own words.
  const cache = c.res.headers.get('Cache-Control');
  if (!cache || (isPrivate(c.req.method, c.req.path) && !/\bno-store\b/.test(cache))) c.res.headers.set('Cache-Control', 'no-store');
};
