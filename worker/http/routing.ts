/**
 * Which paths the worker answers itself; every other path is a file of the built portal (dist/),
 * served by Workers Static Assets. wrangler.toml sends every request to the worker first
 * (`run_worker_first = true`) so that this one list decides, and so that a request no static
 * file can answer (a PUT with a large body to `/`, an OPTIONS to a page) gets a plain 405 from
 * the worker instead of whatever the asset router makes of an unread body.
 */
const WORKER_PATH = /^\/(?:api|open311)(?:\/|$)|^\/elder-mode$|^\/(?:en\/)?(?:staff|mailbox|track|outcomes|notices|assessments)(?:\/|$)/;

/**
 * Documents published from the console, rendered from D1 (worker/routes/documents.tsx): the
 * regulations and search, attachments, the sitemap, and the home page (its latest list).
 */
const DOCUMENT_PATH = /^\/(?:en\/)?(?:regulations|search)(?:\/|$)|^\/attachments\/|^\/sitemap-(?:index|documents)\.xml$|^\/(?:en\/?)?$/;

/**
 * Village disclosures rendered from D1 (worker/routes/disclosures.tsx): each disclosure and its
 * versions, the feed, and the built disclosures page, villages' list and village pages with their
 * empty slots filled (lists, schedules, overdue flags).
 */
const DISCLOSURE_PATH = /^\/(?:en\/)?disclosures(?:\/?$|\/(?:rss\.xml$|[^/]+\/[^/]+))|^\/(?:en\/)?villages(?:\/?$|\/[^/]+\/?$)/;

export function servedByWorker(path: string): boolean {
  return WORKER_PATH.test(path) || DOCUMENT_PATH.test(path) || DISCLOSURE_PATH.test(path);
}

/** Methods a static file answers. */
export function readsStatic(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}
