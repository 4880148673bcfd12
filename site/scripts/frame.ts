/**
 * The page frame's controls, on the pages that hold what a reader types or was given (the mailbox,
 * the query page, a receipt) and on the regulations (bundled to site/public/scripts/frame.js by
 * `npm run build`). Without it every control still works or is left out (docs/architecture.md,
 * "关怀版").
 *
 * - The 关怀版 switch (core/frame.tsx) switches in place: the class on <html> and the cookie the
 *   worker reads, with no reload, so nothing typed into a form is lost (without JavaScript the
 *   worker carries the mailbox's and the follow-up's fields over instead). Like the worker, it sets
 *   the mode the button asks for (`elder=on` or `off`), and keeps the button asking for the other
 *   one. A page restored from the back-forward cache takes the mode the cookie says now.
 * - 打印本页 prints; the 字号 choice is plain radio buttons and needs nothing.
 */
const COOKIE = 'qinglian-elder';
const root = document.documentElement;

const cookieSaysElder = () => document.cookie.split(';').some((c) => c.trim() === `${COOKIE}=1`);

const switches = document.querySelectorAll<HTMLButtonElement>('form.elder-switch button.elder-button');

/** The page in a mode: the class, and the switch's button asking for the other mode (as the worker draws it). */
function showMode(elder: boolean): void {
  root.classList.toggle('elder', elder);
  for (const button of switches) button.value = elder ? 'off' : 'on';
}

function setMode(elder: boolean): void {
  showMode(elder);
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = elder ? `${COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax${secure}` : `${COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form.elder-switch')) {
  // A page that answered a form comes with the plain switch hidden (leaving would lose it): here it switches in place.
  form.hidden = false;
  // The click, not the submit: on the mailbox and a case's page the button belongs to the page's own
  // form (it carries the form over without JavaScript), whose submit the page's script would send.
  // It sets the mode the button asks for, as the worker does without JavaScript.
  const button = form.querySelector<HTMLButtonElement>('button.elder-button');
  button?.addEventListener('click', (event) => {
    event.preventDefault();
    setMode(button.value !== 'off');
  });
}

addEventListener('pageshow', () => showMode(cookieSaysElder()));

for (const button of document.querySelectorAll<HTMLButtonElement>('button.print-page')) {
  button.hidden = false;
  button.addEventListener('click', () => print());
}
