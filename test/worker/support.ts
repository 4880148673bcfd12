/** Helpers for the worker tests: requests through the real worker entry point, and common data. */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { solveChallenge } from '../../worker/cases/proof-of-work.ts';

const worker = (exports as unknown as { default: { fetch(request: Request): Promise<Response> } }).default;
export const ORIGIN = 'https://qinglian.test';

/** Sends a request to the worker as the portal's own pages would (same-origin). */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('origin') && init.method && init.method !== 'GET') headers.set('origin', ORIGIN);
  return worker.fetch(new Request(new URL(path, ORIGIN), { redirect: 'manual', ...init, headers }));
}

/** POSTs an HTML form (application/x-www-form-urlencoded). */
export function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** POSTs JSON to the API. */
export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A fresh client id, as the form carries. */
export function newId(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A valid anonymous submission; override any field. */
export function submission(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    submissionId: newId(),
    village: 'qinglian',
    category: 'demand',
    subject: '村口路灯不亮',
    description: '村口到学校的路灯已经坏了一个星期，晚上走路看不见。',
    identity: 'anonymous',
    ...overrides,
  };
}

/** The query code shown on a receipt page. */
export function codeFromReceipt(html: string): string {
  const match = /id="query-code"[^>]*>([0-9A-Z-]{19})</.exec(html);
  if (!match) throw new Error('no query code on the receipt');
  return match[1]!;
}

/** The track token and follow-up id carried by a case page's follow-up form. */
export function followupFormOf(html: string): { token: string; followupId: string } {
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  const followupId = /name="followupId" value="([^"]+)"/.exec(html)?.[1];
  if (!token || !followupId) throw new Error('no follow-up form on the page');
  return { token, followupId };
}

/** Every spelling of a code a leak could take: grouped, bare, lower-case. */
export function spellings(code: string): string[] {
  const bare = code.replace(/-/g, '');
  return [code, bare, code.toLowerCase(), bare.toLowerCase()];
}

/** Row counts of the tables a submission writes. */
export async function counts(db: D1Database): Promise<{ cases: number; events: number; submissions: number }> {
  const [cases, events, submissions] = await db.batch<{ n: number }>([
    db.prepare('SELECT count(*) AS n FROM cases'),
    db.prepare('SELECT count(*) AS n FROM case_events'),
    db.prepare('SELECT count(*) AS n FROM submissions'),
  ]);
  return { cases: cases!.results[0]!.n, events: events!.results[0]!.n, submissions: submissions!.results[0]!.n };
}

/** Sends `request`, then checks the status, that `message` shows, and that no case, event or submission was stored; the body. */
export async function refused(request: () => Promise<Response>, status: number, message: string): Promise<string> {
  const before = await counts(env.DB);
  const res = await request();
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).toBe(status);
  expect(body).toContain(message);
  expect(body).not.toContain('id="query-code"');
  expect(await counts(env.DB)).toEqual(before);
  return body;
}

/** Every row of every table of the local D1, as one string (to search it for what must not be stored). */
export async function dumpDatabase(db: D1Database): Promise<string> {
  const { results: tables } = await db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`)
    .all<{ name: string }>();
  const dumps = await Promise.all(tables.map(async ({ name }) => JSON.stringify((await db.prepare(`SELECT * FROM "${name}"`).all()).results)));
  return dumps.join('\n');
}

/**
 * Every time of day written in a public answer: a leak. A town day written as its midnight (RSS
 * `00:00:00 +0800`, Open311 `T00:00:00+08:00`) is a date, not a time, and is let through.
 */
export function timesOfDay(body: string): string[] {
  return body.replace(/00:00:00 \+0800|T00:00:00\+08:00/g, '').match(/\b\d{1,2}:\d{2}\b|T\d{2}:\d{2}/g) ?? [];
}

/** A solved proof of work for `purpose` and client id `id`, from the worker's own challenge (as the mailbox script does). */
export async function proofFor(purpose: string, id: string): Promise<string> {
  const res = await call(`/api/challenge?purpose=${purpose}&id=${encodeURIComponent(id)}`);
  if (res.status !== 200) throw new Error(`no challenge: ${res.status} ${await res.text()}`);
  const { challenge } = (await res.json()) as { challenge: string };
  return solveChallenge(challenge);
}

/** `body` with a solved proof for its client id (`idField`; for lookups a fresh `clientId` is added). */
export async function proven<T extends Record<string, unknown>>(purpose: 'submission' | 'followup' | 'track' | 'feedback', body: T): Promise<T & { proof: string }> {
  const idField = { submission: 'submissionId', followup: 'followupId', track: 'clientId', feedback: 'feedbackId' }[purpose];
  const withId: Record<string, unknown> = { ...body };
  if (typeof withId[idField] !== 'string') withId[idField] = newId();
  return { ...(withId as T), proof: await proofFor(purpose, withId[idField] as string) };
}
