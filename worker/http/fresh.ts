/**
 * Caching of the public pages staff change at any moment: outcomes and case notices, monthly
 * notices, assessments, their feeds and open data. A publication or a withdrawal must show at
 * once, so a cache may keep a copy but must ask the worker before each use (`no-cache`), and the
 * worker answers 304 without a body when the page is unchanged (an ETag of the body).
 */
import { etag } from 'hono/etag';

/** Cache-Control of those pages. */
export const FRESH = 'public, no-cache';

/** ETag of the body, and 304 to a request that already holds it. */
export const revalidate = etag();
