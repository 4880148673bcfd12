/**
 * The header policy of every page, static or dynamic: HTTPS only, no referrer, a strict CSP; which
 * paths may never be cached and where the staff console may compile WebAssembly. The worker applies
 * it (worker/http/headers.ts); the build writes it to dist/_headers (site/integrations/security-headers.ts).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  // Two years, every subdomain: after one visit the browser never asks over plain HTTP again.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'geolocation=(), camera=(), microphone=(), interest-cohort=()',
};

/**
 * The staff console may also compile WebAssembly (not evaluate JavaScript): the committee script
 * derives a member's key with Argon2id in WebAssembly (hash-wasm). No other page may.
 */
const STAFF = /^\/(?:en\/)?staff(?:\/|$)/;
// The committee's browser shows a sealed case's photos it opened as blob: addresses.
export const STAFF_CSP = SECURITY_HEADERS['Content-Security-Policy']!.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';").replace("img-src 'self' data:;", "img-src 'self' data: blob:;");

/**
 * A draft's preview in the publishing console is shown in a frame of the console's own page
 * (the reviewer reads the draft beside it): that page alone may be framed, and only by the same origin.
 */
const FRAMED_PREVIEW = /^\/(?:en\/)?staff\/publishing\/regulations\/\d+\/preview$/;
export const PREVIEW_CSP = STAFF_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

/** True for a draft's preview (its CSP is `PREVIEW_CSP`, and `X-Frame-Options: SAMEORIGIN`). */
export function isFramedPreview(path: string): boolean {
  return FRAMED_PREVIEW.test(path);
}

/**
 * Responses that may show a case or a query code (the mailbox and its receipt, the query page,
 * the resident's API, the staff console, Open311's new requests): never stored by any cache,
 * whatever the handler said.
 */
const PRIVATE = /^\/(?:en\/)?(?:mailbox|track|staff)(?:\/|$)|^\/api\/(?!public\/)|^\/open311\/v2\/requests\.json$/;

/** True for a response that must carry `Cache-Control: no-store`. */
export function isPrivate(method: string, path: string): boolean {
  return method !== 'GET' || PRIVATE.test(path);
}

/** True for a path of the staff console (its CSP is `STAFF_CSP`). */
export function isStaffPath(path: string): boolean {
  return STAFF.test(path);
}
