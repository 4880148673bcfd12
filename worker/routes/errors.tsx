/** What the worker answers when no route matches or a route fails: JSON under /api, a page elsewhere. */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { pathWithoutLocale } from '../../content/index.ts';
import { hasStrings, type UiKey } from '../../content/translate.ts';
import type { AppEnv } from '../env.ts';
import { jsonError } from '../http/json.ts';
import { stringsUnavailable } from '../http/locale.ts';
import { MessagePage } from '../views/errors.tsx';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

function answer(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, title: UiKey, message: UiKey) {
  // The strings could not be read (worker/services/ui-strings.ts): no page can be written, but a 503 can.
  if (!hasStrings()) return stringsUnavailable(c);
  if (isApi(c.req.path)) {
    return jsonError(c, status, code, c.var.locale, message);
  }
  const page = <MessagePage path={pathWithoutLocale(c.req.path)} title={title} message={message} />;
  return c.render(page, status);
}

export const notFound: NotFoundHandler<AppEnv> = (c) => answer(c, 404, 'not_found', 'notFound.title', 'notFound.lead');

/** A method other than GET or HEAD on a page of the static portal: nothing there takes input. */
export function methodNotAllowed(c: Context<AppEnv>) {
  c.header('Allow', 'GET, HEAD');
  return answer(c, 405, 'method_not_allowed', 'errors.methodTitle', 'errors.method');
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  // hono/csrf refuses a form posted from another site (or without Origin / Sec-Fetch-Site).
  if (error instanceof HTTPException && error.status === 403) return answer(c, 403, 'forbidden', 'errors.forbidden', 'errors.forbidden');
  // Log what failed, never who asked or what they sent.
  console.error(`worker error: ${error.name}: ${error.message}`);
  return answer(c, 500, 'internal', 'errors.internal', 'errors.internal');
};
