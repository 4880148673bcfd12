/** Helpers for the tests of cases kept from their village, conflict declarations, 打击报复 and check-ins. */
import { env } from 'cloudflare:workers';
import { codeFromReceipt, postForm, proven, submission } from './support.ts';

/** A case sent through the web mailbox with a proof of work (so a file can send many): its number, code and receipt. */
export async function sendCase(overrides: Record<string, string> = {}, path = '/mailbox'): Promise<{ number: string; code: string; html: string; status: number }> {
  const res = await postForm(path, await proven('submission', submission(overrides)));
  const html = await res.text();
  const number = /CL-\d{4}-\d{6}/.exec(html)?.[0] ?? '';
  return { number, code: number ? codeFromReceipt(html) : '', html, status: res.status };
}

/** The query page for a code, looked up with a proof of work. */
export async function lookUp(code: string, path = '/track'): Promise<string> {
  return (await postForm(path, await proven('track', { code }))).text();
}

/** A page with what changes from one request to the next made neutral: fresh client ids, times of day, case numbers given. */
export function neutral(html: string, numbers: string[] = []): string {
  let out = html
    .replace(/value="[A-Za-z0-9_-]{22,64}"/g, 'value="<id>"')
    .replace(/datetime="[^"]+"/g, 'datetime="<t>"')
    .replace(/\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?/g, '<date>')
    .replace(/\d{1,2} [A-Z][a-z]{2,8} \d{4}(,? \d{2}:\d{2})?/g, '<date>');
  for (const n of numbers) out = out.replaceAll(n, '<number>');
  return out;
}

/** A case's row, as the database holds it. */
export function caseRow(number: string) {
  return env.DB.prepare(`SELECT * FROM cases WHERE case_number = ?1`).bind(number).first<Record<string, unknown> & { id: number }>();
}
