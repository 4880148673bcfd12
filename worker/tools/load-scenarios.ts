/// <reference path="./autocannon.d.ts" />
/**
 * The scenarios of `npm run bench:load`, also run small by test/browser/load-smoke.test.ts:
 * residents under load, a restart mid-load, fuzzing, and a flood. Each talks HTTP to a local
 * worker (local-worker.ts) the way the mailbox script or a script of an attacker would; the
 * figures that need the database are read from it once the worker has stopped (`verify`).
 */
import { storedMinute } from '../../core/clock.ts';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { getPlatformProxy } from 'wrangler';
import { leadingZeroBits } from '../cases/proof-of-work.ts';
import { hashPassword } from '../cases/password.ts';
import { pepperKey } from '../cases/pepper.ts';
import { executeSql, insertStaffSql, wrangler } from './d1.ts';
import type { LocalWorker } from './local-worker.ts';

const VILLAGES = ['qinglian', 'dongling', 'nanhe', 'xiling', 'beishan'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client id as the forms carry (128 random bits, base64url). */
export const clientId = () => randomBytes(16).toString('base64url');

/** Solves a challenge as the mailbox's Web Worker does, with Node's hash (synchronous, fast). */
export function solve(challenge: string): string {
  const bits = Number(challenge.split('.')[4]);
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits) return `${challenge}:${nonce}`;
  }
}

/** The query-code key of local development (.dev.vars, made from the example when missing). */
export function devKey(): string {
  if (!existsSync('.dev.vars')) copyFileSync('.dev.vars.example', '.dev.vars');
  return /^QUERY_CODE_KEY\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))![1]!;
}

export const ADMIN = { username: 'bench-admin', password: 'plum river lantern ninety seven' };

/** A fresh database: the migrations and one admin account (to read the queue). */
export async function prepareDatabase(persistDir: string): Promise<void> {
  const target = ['--local', '--persist-to', persistDir];
  wrangler('d1', 'migrations', 'apply', 'DB', ...target);
  const account = { username: ADMIN.username, displayName: '压测管理员', role: 'admin', villageId: null, passwordHash: await hashPassword(ADMIN.password, await pepperKey(devKey())) };
  executeSql(insertStaffSql(account, storedMinute(new Date())), target);
}

/** A submission whose subject carries `tag`, so the database can be checked for it afterwards. */
export function submissionOf(tag: string, id: string): Record<string, string> {
  return {
    submissionId: id,
    village: VILLAGES[tag.length % VILLAGES.length]!,
    category: 'demand',
    subject: `BENCH ${tag}`,
    description: `压测提交 ${tag}：村口路灯坏了一个星期，晚上看不见路。`,
    identity: 'anonymous',
  };
}

async function challenge(baseURL: string, purpose: string, id: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/challenge?purpose=${purpose}&id=${id}`);
  if (res.status !== 200) throw new Error(`challenge: ${res.status}`);
  return ((await res.json()) as { challenge: string }).challenge;
}

/** What the database must hold afterwards: tag → case number of every acknowledged submission. */
export type Acks = Map<string, string>;

export interface LoadFigures {
  submissions: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  fiveHundreds: number;
  errors: number;
  acks: Acks;
  /** A few 5xx answers, status and the start of the body, to tell what failed. */
  examples: string[];
}

/**
 * `residents` at once send `total` submissions through the JSON API as the mailbox script does:
 * fetch a challenge for a fresh submission id, solve it, send. Measured by autocannon.
 */
export async function loadScenario(baseURL: string, residents: number, total: number): Promise<LoadFigures> {
  const acks: Acks = new Map();
  const examples: string[] = [];
  const note = (status: number, body: string) => {
    if (status >= 500 && examples.length < 5) examples.push(`${status} ${body.replace(/\s+/g, ' ').slice(0, 160)}`);
  };
  let next = 0;
  const result = await autocannon({
    url: baseURL,
    connections: residents,
    amount: total * 2,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (request, context) => {
          context.tag = `L${next++}`;
          context.id = clientId();
          return { ...request, path: `/api/challenge?purpose=submission&id=${context.id as string}` };
        },
        onResponse: (status, body, context) => {
          note(status, body);
          context.challenge = status === 200 ? (JSON.parse(body) as { challenge: string }).challenge : null;
        },
      },
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request, context) => {
          const fields = submissionOf(context.tag as string, context.id as string);
          const proof = typeof context.challenge === 'string' ? solve(context.challenge) : undefined;
          return { ...request, path: '/api/submissions', body: JSON.stringify({ ...fields, proof }) };
        },
        onResponse: (status, body, context) => {
          note(status, body);
          if (status === 201 || status === 200) acks.set(context.tag as string, (JSON.parse(body) as { receipt: { caseNumber: string } }).receipt.caseNumber);
        },
      },
    ],
  });
  return {
    submissions: total,
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    fiveHundreds: result['5xx'],
    errors: result.errors + result.timeouts,
    acks,
    examples,
  };
}

export interface RestartFigures {
  acks: Acks;
  attempted: string[];
  retries: number;
  downSeconds: number;
  killedAfter: number;
}

/**
 * `clients` send `total` submissions; once `killAfter` are acknowledged the worker process is
 * killed and started again. A client whose request fails (connection lost, 5xx) sends the same
 * submission, same id, again until it is acknowledged, as the mailbox script's retry does.
 */
export async function restartScenario(worker: LocalWorker, clients: number, total: number, killAfter: number): Promise<RestartFigures> {
  const acks: Acks = new Map();
  const attempted: string[] = [];
  let next = 0;
  let retries = 0;
  let restart: Promise<number> | null = null;
  const send = async (tag: string) => {
    const id = clientId();
    attempted.push(tag);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        retries++;
        await sleep(Math.min(200 * attempt, 1000));
      }
      try {
        // A proof pays for one request: each attempt solves a new one (the last may have been spent).
        const proof = solve(await challenge(worker.baseURL, 'submission', id));
        const res = await fetch(`${worker.baseURL}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...submissionOf(tag, id), proof }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        if (res.status === 201 || res.status === 200) {
          acks.set(tag, (JSON.parse(text) as { receipt: { caseNumber: string } }).receipt.caseNumber);
          return;
        }
        if (res.status < 500) throw new Error(`unexpected ${res.status}: ${text.slice(0, 200)}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('unexpected')) throw error;
      }
    }
  };
  const client = async () => {
    for (let i = next++; i < total; i = next++) {
      await send(`R${i}`);
      if (!restart && acks.size >= killAfter) {
        restart = (async () => {
          await worker.kill();
          const down = performance.now();
          await worker.start();
          return (performance.now() - down) / 1000;
        })();
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const downSeconds = restart ? await restart : 0;
  return { acks, attempted, retries, downSeconds, killedAfter: killAfter };
}

/** A small seeded generator, so a fuzz run can be repeated. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUZZ_PATHS = [
  '/', '/mailbox', '/en/mailbox', '/track', '/en/track', '/track/followup', '/track/feedback', '/en/track/followup',
  '/api/submissions', '/api/track', '/api/followups', '/api/challenge', '/api/public/stats.json', '/api/public/stats.csv',
  '/api/public/stats.html', '/api/public/outcomes.json', '/api/public/outcomes.csv', '/open311/v2/discovery.json',
  '/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/requests/CL-2026-000001.json', '/outcomes',
  '/outcomes/CL-2026-000001', '/outcomes/rss.xml', '/en/outcomes', '/notices', '/notices/2026-10', '/notices/rss.xml',
  '/assessments', '/assessments/2026-Q3', '/staff', '/staff/sign-in', '/en/staff/sign-in', '/staff/cases', '/staff/cases/new',
  '/staff/cases/CL-2026-000001', '/staff/cases/CL-2026-000001/moves', '/staff/cases/CL-2026-000001/access', '/staff/cases/spam',
  '/staff/accounts', '/staff/accounts/1/deactivate', '/staff/records', '/staff/rhythm', '/staff/sign-out', '/nowhere',
];
const CONTENT_TYPES = [
  'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml',
  '', 'application/json; charset=latin1', 'application/x-www-form-urlencoded; charset=utf-16', '*/*', 'garbage/%%%',
];
const METHODS = ['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** One generated request: a random method, path, query, content type and body. */
export function fuzzRequest(random: () => number, baseURL: string): { url: string; init: RequestInit } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const text = (n: number) => Array.from({ length: n }, () => String.fromCodePoint(pick([0x41, 0x7a, 0x4e00, 0x9fa5, 0x1f600, 0x0, 0x26, 0x3d, 0x25, 0x2b]) + Math.floor(random() * 20))).join('');
  const base = submissionOf(`F${Math.floor(random() * 1e6)}`, clientId());
  const mutate = (fields: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...fields };
    const keys = [...Object.keys(out), 'code', 'token', 'proof', 'followupId', 'text', 'rating', 'csrf', 'move', 'extra'];
    for (let i = 0; i < 1 + random() * 3; i++) {
      const key = pick(keys);
      out[key] = pick([null, 7, -1, true, [], {}, '', 'x'.repeat(pick([1, 100, 5000, 70_000])), text(30), '%ZZ', 'v1.submission.x.1.1.ff:1']);
    }
    if (random() < 0.2) delete out[pick(keys)];
    return out;
  };
  let path = pick(FUZZ_PATHS);
  if (random() < 0.2) path += `?${pick(['lang=en', 'lang=xx', 'show=all', 'page=-1', 'new=99999', 'purpose=track&id=short', 'id=' + text(10), '%ff=%fe'])}`;
  if (random() < 0.05) path = pick(['/%ff%fe', '/..%2f..%2fetc', `/${'a'.repeat(3000)}`, '/mailbox/../staff', '/staff/cases/%00']);
  const method = pick(METHODS);
  const type = pick(CONTENT_TYPES);
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (random() < 0.7) headers.origin = baseURL;
  if (random() < 0.1) headers.cookie = `__Host-qinglian-staff=${pick(['x', clientId() + clientId(), '%ff', ''])}`;
  let body: BodyInit | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const kind = Math.floor(random() * 7);
    if (kind === 0) body = bytes(Math.floor(random() * 2000));
    else if (kind === 1) body = JSON.stringify(mutate(base)).slice(0, random() < 0.3 ? Math.floor(random() * 100) : undefined);
    else if (kind === 2) body = new URLSearchParams(Object.entries(mutate(base)).map(([k, v]) => [k, String(v)])).toString();
    else if (kind === 3) body = Buffer.from(JSON.stringify(base), 'latin1');
    else if (kind === 4) body = Buffer.from(new URLSearchParams(base).toString(), 'utf16le');
    else if (kind === 5) body = `description=${'%E6%9D%91'.repeat(pick([10, 8000, 30_000]))}&subject=&village=`;
    else body = '';
  }
  return { url: `${baseURL}${path}`, init: { method, headers, body, redirect: 'manual' } };
}

export interface FuzzFigures {
  requests: number;
  histogram: Record<string, number>;
  fiveHundreds: number;
  examples: string[];
}

/** `n` generated requests, `concurrency` at a time: the statuses they got. */
export async function fuzzScenario(baseURL: string, n: number, concurrency = 16, seed = 11): Promise<FuzzFigures> {
  const random = prng(seed);
  const histogram: Record<string, number> = {};
  const examples: string[] = [];
  let fiveHundreds = 0;
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent++;
      const { url, init } = fuzzRequest(random, baseURL);
      let status: string;
      try {
        // Longer than the 30 s a sign-in on a name with many failures is made to wait.
        const res = await fetch(url, { ...init, signal: AbortSignal.timeout(45_000) });
        const answer = await res.text();
        status = String(res.status);
        if (res.status >= 500) {
          fiveHundreds++;
          const what = `${init.method} ${url.slice(baseURL.length, baseURL.length + 60)} (${(init.headers as Record<string, string>)['content-type'] ?? 'no type'})`;
          if (examples.length < 5) examples.push(`${res.status} ${what}: ${answer.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      } catch {
        status = 'network error';
      }
      histogram[status] = (histogram[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: n, histogram, fiveHundreds, examples };
}

export interface FloodFigures {
  sent: number;
  accepted: number;
  busy: number;
  other: Record<string, number>;
  seconds: number;
  realCase: string;
  realOnFirstPage: boolean;
  realPosition: number;
}

/**
 * `total` submissions as fast as one script can send them (`concurrency` at once, no proof of
 * work: the mailbox's form without JavaScript); halfway, one resident sends a real one as the
 * mailbox script does. Then: is the real case on the first page of the queue?
 */
export async function floodScenario(baseURL: string, total: number, concurrency = 64): Promise<FloodFigures> {
  let next = 0;
  let accepted = 0;
  let busy = 0;
  const other: Record<string, number> = {};
  let real: Promise<string> | null = null;
  const started = performance.now();
  const sendReal = async () => {
    const id = clientId();
    const proof = solve(await challenge(baseURL, 'submission', id));
    const form = new URLSearchParams({ ...submissionOf('REAL', id), subject: 'BENCH REAL 真实的反映', proof });
    const res = await fetch(`${baseURL}/mailbox`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL }, body: form });
    const html = await res.text();
    if (res.status !== 201) throw new Error(`the real submission got ${res.status}`);
    return /CL-\d{4}-\d{6}/.exec(html)![0];
  };
  const flooder = async () => {
    for (let i = next++; i < total; i = next++) {
      if (i === Math.floor(total / 2)) real = sendReal();
      const form = new URLSearchParams(submissionOf(`FLOOD${i}`, clientId()));
      try {
        const res = await fetch(`${baseURL}/mailbox`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL }, body: form });
        await res.arrayBuffer();
        if (res.status === 201) accepted++;
        else if (res.status === 429) busy++;
        else other[res.status] = (other[res.status] ?? 0) + 1;
      } catch {
        other['network error'] = (other['network error'] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, flooder));
  const seconds = (performance.now() - started) / 1000;
  const realCase = await real!;

  const signIn = await fetch(`${baseURL}/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL },
    body: new URLSearchParams(ADMIN),
    redirect: 'manual',
  });
  const cookie = /(__Host-qinglian-staff=[^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`could not sign in to read the queue: ${signIn.status}`);
  const page = await (await fetch(`${baseURL}/staff/cases`, { headers: { cookie } })).text();
  const listed = [...(page.split('id="queue-new"')[1]?.split('</ul>')[0] ?? '').matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]);
  const position = listed.indexOf(realCase);
  return { sent: total, accepted, busy, other, seconds, realCase, realOnFirstPage: position >= 0, realPosition: position + 1 };
}

/** What `verify` uses of the D1 binding (the test project type-checks without the Workers types). */
interface ReadOnlyD1 {
  prepare(query: string): { all<T>(): Promise<{ results: T[] }>; first<T>(column: string): Promise<T | null> };
}

export interface Verified {
  lost: number;
  duplicates: number;
  withoutFirstEvent: number;
  casesWithoutEvents: number;
  eventsWithoutCase: number;
  submissionsWithoutCase: number;
  unacknowledgedStored: number;
}

/**
 * Reads the stopped worker's database: every acknowledged submission exists exactly once, with its
 * first event, and is the case its receipt named; nothing partial exists anywhere; a submission
 * never acknowledged exists at most once.
 */
export async function verify(persistDir: string, acks: Acks, attempted: string[] = [...acks.keys()]): Promise<Verified> {
  const { env, dispose } = await getPlatformProxy<{ DB: ReadOnlyD1 }>({ configPath: 'wrangler.toml', persist: { path: join(persistDir, 'v3') }, remoteBindings: false });
  try {
    const { results } = await env.DB.prepare(
      `SELECT c.case_number, c.subject, (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'submitted') AS firsts
       FROM cases c WHERE c.subject LIKE 'BENCH %'`,
    ).all<{ case_number: string; subject: string; firsts: number }>();
    const byTag = new Map<string, { case_number: string; firsts: number }[]>();
    for (const row of results) {
      const tag = row.subject.slice('BENCH '.length);
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
    let lost = 0;
    let duplicates = 0;
    let withoutFirstEvent = 0;
    let unacknowledgedStored = 0;
    for (const tag of new Set(attempted)) {
      const rows = byTag.get(tag) ?? [];
      if (rows.length > 1) duplicates++;
      const number = acks.get(tag);
      if (number === undefined) {
        if (rows.length === 1) unacknowledgedStored++;
        continue;
      }
      if (rows.length === 0 || rows[0]!.case_number !== number) lost++;
      if (rows.some((r) => r.firsts !== 1)) withoutFirstEvent++;
    }
    const count = async (query: string) => (await env.DB.prepare(query).first<number>('n')) ?? 0;
    return {
      lost,
      duplicates,
      withoutFirstEvent,
      casesWithoutEvents: await count(`SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id)`),
      eventsWithoutCase: await count(`SELECT count(*) AS n FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)`),
      submissionsWithoutCase: await count(`SELECT count(*) AS n FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = s.case_id)`),
      unacknowledgedStored,
    };
  } finally {
    await dispose();
  }
}
