/** The committee's keys, /staff/committee: members only. The browser does the cryptography; these routes store envelopes. */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../services/staff-auth.ts';
import { localePath, pathWithoutLocale } from '../../content/index.ts';
import { queryCodeKey } from '../http/secret.ts';
import { htmlRefusal, jsonRefusal } from '../http/refusal.ts';
import { refuse, type Refusal } from '../cases/result.ts';
import { committeeState, createOwnKey, grant, keysFor, memberSecretFor, restore, rewrapOwnKey, rotate, rotationWork, type CommitteeResult } from '../services/committee.ts';
import { CommitteePage } from '../views/staff/committee.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import type { StaffEnv } from './staff-env.ts';

type C = Context<StaffEnv>;


export const committee = new Hono<StaffEnv>();

committee.use('*', async (c, next) => {
  if (c.get('session').role !== 'discipline') {
    const text = c.var.t('sealed.errors.membersOnly');
    return c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={text} />, 403);
  }
  await next();
});

committee.get('/', async (c) => {
  const done = c.req.query('done');
  const notice = done === 'given' ? c.var.t('sealed.members.given') : done === 'restored' ? c.var.t('sealed.recovery.done') : undefined;
  return c.render(<CommitteePage session={c.get('session')} state={await committeeState(c.env.DB)} notice={notice} />);
});

const unavailable = (c: C) => jsonRefusal(c, c.var.locale, refuse('unavailable', 'errors.unavailable').refusal);
/** The key routes' JSON refusals all read `refused`, whatever the reason. */
const refused = (c: C, refusal: Refusal) => jsonRefusal(c, c.var.locale, { ...refusal, wire: 'refused' });

committee.get('/keys.json', async (c) => {
  const secret = queryCodeKey(c.env);
  // The session is live (the console's middleware checked it): its cookie value derives this sign-in's wrapping key.
  return secret ? c.json(await keysFor(c.env.DB, secret, c.get('session'), getCookie(c, SESSION_COOKIE) ?? '')) : unavailable(c);
});

// The member secret of an account the member is creating or resetting (its key is made in this browser).
committee.get('/member-secret.json', async (c) => {
  const secret = queryCodeKey(c.env);
  if (!secret) return unavailable(c);
  const value = await memberSecretFor(secret, c.get('session'), c.req.query('username'));
  return value ? c.json({ memberSecret: value }) : jsonRefusal(c, c.var.locale, refuse('invalid', 'staff.accounts.errors.username').refusal);
});

committee.post('/own-key/rewrap', async (c) => {
  const result = await rewrapOwnKey(c.env.DB, c.get('session'), c.get('fields'));
  return result.ok ? c.json({ ok: true }) : refused(c, result.refusal);
});

async function answer(c: C, result: CommitteeResult, done: string) {
  if (result.ok) return c.redirect(localePath(c.var.locale, `/staff/committee?done=${done}`), 303);
  return htmlRefusal(c, result.refusal, <CommitteePage session={c.get('session')} state={await committeeState(c.env.DB)} error={c.var.t(result.refusal.key)} />);
}

committee.get('/rotation.json', async (c) => c.json(await rotationWork(c.env.DB)));

// The rotating browser sends JSON and reads JSON back: the new recovery key is shown by the page.
committee.post('/rotate', async (c) => {
  if (!c.req.header('content-type')?.startsWith('application/json')) {
    return c.render(<CommitteePage session={c.get('session')} state={await committeeState(c.env.DB)} error={c.var.t('sealed.noscript')} />, 422);
  }
  const result = await rotate(c.env.DB, c.get('session'), c.get('fields'));
  return result.ok ? c.json({ ok: true }) : refused(c, result.refusal);
});

committee.post('/own-key', async (c) => {
  const result = await createOwnKey(c.env.DB, c.get('session'), c.get('fields'));
  return result.ok ? c.json({ ok: true }) : refused(c, result.refusal);
});

committee.post('/grant', async (c) => answer(c, await grant(c.env.DB, c.get('session'), c.get('fields')), 'given'));
committee.post('/restore', async (c) => answer(c, await restore(c.env.DB, c.get('session'), c.get('fields')), 'restored'));
