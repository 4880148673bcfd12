/**
 * The 关怀版 (elder mode) on every page: a reader who switched it on carries the cookie
 * `qinglian-elder=1`, and every HTML page on its way out, a static file of the portal or a page
 * the worker rendered, gets `class="elder"` on its `<html>` (site/public/styles/site.css does the
 * rest). Nothing is stored on the server; the cookie holds only the mode, and no address carries it.
 * The switch itself is a form in the page frame (core/frame.tsx) posting to `/elder-mode`, which
 * sets or clears the cookie, as its button asks (`wantsElder`: a form sent twice asks for the same
 * mode twice, never toggles back), and sends the reader back to the page they were on; with JavaScript
 * the frame's script switches in place instead (site/scripts/frame.ts).
 */

export const ELDER_COOKIE = 'qinglian-elder';
const ON = new RegExp(`(?:^|;)\\s*${ELDER_COOKIE}=1\\s*(?:;|$)`);

/** Whether the request comes from a reader in elder mode. */
export function inElderMode(request: Request): boolean {
  return ON.test(request.headers.get('cookie') ?? '');
}

/**
 * The field the switch's button sends (core/frame.tsx): the mode the reader asks for, `on` or
 * `off`. The page is drawn with `on`; in elder mode it comes out with `off` (`inMode`), so a form
 * sent again (a reload of the page the switch answered) asks for the same mode again.
 */
export const ELDER_FIELD = 'elder';

/**
 * The mode the switch asks for: the one its button names; only a form without it (a page drawn
 * before the button named a mode, a body that could not be read) switches from the request's.
 */
export function wantsElder(request: Request, fields: Record<string, unknown> | undefined): boolean {
  const wanted = fields?.[ELDER_FIELD];
  return wanted === 'on' ? true : wanted === 'off' ? false : !inElderMode(request);
}

/**
 * The `Set-Cookie` that sets the reader's mode: on for a year, or off. Secure over HTTPS
 * (always, deployed); the script (site/scripts/frame.ts) sets it alike.
 */
export function switchedCookie(request: Request, elder: boolean): string {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return elder
    ? `${ELDER_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax${secure}`
    : `${ELDER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

const SETS = new RegExp(`(?:^|,)\\s*${ELDER_COOKIE}=(1?);`);

/** The mode after a response: the one it switches to (a form carried over by the switch), else the request's. */
function modeAfter(response: Response, elder: boolean): boolean {
  const set = SETS.exec(response.headers.get('set-cookie') ?? '');
  return set ? set[1] === '1' : elder;
}

/**
 * The request as the worker or the static files should see it: in elder mode without its
 * validators, so the page comes whole (a copy the browser holds may be of the other mode).
 */
export function unconditional(request: Request): Request {
  if (!request.headers.has('if-none-match') && !request.headers.has('if-modified-since')) return request;
  const headers = new Headers(request.headers);
  headers.delete('if-none-match');
  headers.delete('if-modified-since');
  return new Request(request, { headers });
}

/**
 * The response in the reader's mode (the mode it switches to, when it answers the switch itself).
 * An HTML page gets `Vary: Cookie`; in elder mode its `<html>` gets the class `elder`, the
 * switch's button asks for the standard mode (`ELDER_FIELD`), and the page loses its validators
 * (they name the page as built). A page that answers a form (the receipt with its
 * query code) hides the switch's plain form: it would leave the page and lose what it shows; the
 * script shows the switch again and switches in place. A switch that carries a form over (`keeps`:
 * the mailbox, a case's follow-up) loses nothing and stays.
 */
export function inMode(response: Response, requestElder: boolean, method: string): Response {
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const elder = modeAfter(response, requestElder);
  const answersForm = method !== 'GET' && method !== 'HEAD';
  let out = response;
  if (elder || answersForm) {
    const rewriter = new HTMLRewriter();
    if (elder) {
      rewriter.on('html', {
        element(html) {
          const classes = html.getAttribute('class');
          html.setAttribute('class', classes ? `${classes} elder` : 'elder');
        },
      });
      rewriter.on('form.elder-switch button.elder-button', { element: (button) => void button.setAttribute('value', 'off') });
    }
    if (answersForm) rewriter.on('form.elder-switch:not(.keeps)', { element: (form) => void form.setAttribute('hidden', '') });
    out = rewriter.transform(response);
  }
  out = new Response(out.body, out);
  if (elder) {
    out.headers.delete('etag');
    out.headers.delete('last-modified');
  }
  out.headers.append('Vary', 'Cookie');
  return out;
}

/**
 * Where to send the reader back: a path of this site only. Anything else (another site, `//host`,
 * `/\host`, a scheme, a control character) goes to the home page in the page's language.
 */
export function safeBack(back: unknown): string {
  if (typeof back !== 'string' || back.length > 2000 || !/^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/.test(back)) return '/';
  const base = 'https://portal.invalid';
  const url = new URL(back, base);
  const path = `${url.pathname}${url.search}`;
  // `/..//host` resolves to `//host`: what comes out is checked again.
  return url.origin === base && !/^\/[/\\]/.test(path) ? path : '/';
}
