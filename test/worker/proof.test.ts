import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { abuseSettings } from '../../content/abuse.ts';
import { PROOF_PURPOSES, checkProof, difficultyFor, issueChallenge, leadingZeroBits, proofDigest, solveChallenge } from '../../worker/cases/proof-of-work.ts';
import { admit, purgeBudgets } from '../../worker/services/gate.ts';
import { call, codeFromReceipt, counts, followupFormOf, newId, postForm, postJson, proofFor, proven, submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { arrivalBucket } from '../../worker/services/gate.ts';

const POW = abuseSettings.proofOfWork;
const BUDGETS = abuseSettings.noScriptBudgets;
const hour = () => new Date().toISOString().slice(0, 13);
const setBudget = (scope: string, used: number) =>
  env.DB.prepare(`INSERT INTO request_budgets (scope, hour, used) VALUES (?1, ?2, ?3) ON CONFLICT (scope, hour) DO UPDATE SET used = ?3`).bind(scope, hour(), used).run();

describe('the proof of work', () => {
  it('asks the base difficulty at a normal rate, two more bits per doubling beyond, up to the ceiling', () => {
    expect(difficultyFor(0, POW)).toBe(POW.baseBits);
    expect(difficultyFor(POW.normalSubmissionsPerRecent, POW)).toBe(POW.baseBits);
    expect(difficultyFor(POW.normalSubmissionsPerRecent * 2, POW)).toBe(POW.baseBits + 2);
    expect(difficultyFor(POW.normalSubmissionsPerRecent * 3, POW)).toBe(POW.baseBits + 4);
    expect(difficultyFor(1_000_000, POW)).toBe(POW.maxBits);
    expect(leadingZeroBits(new Uint8Array([0, 0b00010000, 255]))).toBe(11);
  });

  it('passes only for its purpose, its client id, within its time, with enough zero bits and an untouched signature', async () => {
    const id = newId();
    const now = new Date();
    const challenge = await issueChallenge(TEST_QUERY_CODE_KEY, 'followup', id, 8, now);
    const proof = await solveChallenge(challenge);
    const check = (p: unknown, purpose: 'followup' | 'track' = 'followup', clientId = id, at = now) => checkProof(TEST_QUERY_CODE_KEY, p, purpose, clientId, POW, at);
    expect(await check(proof)).toMatchObject({ ok: true, bits: 8 });
    expect(await check(proof, 'track')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await check(proof, 'followup', newId())).toEqual({ ok: false, reason: 'mismatch' });
    expect(await check(proof, 'followup', id, new Date(now.getTime() + (POW.validMinutes + 1) * 60_000))).toEqual({ ok: false, reason: 'expired' });
    expect(await check(proof.replace('.8.', '.1.'))).toEqual({ ok: false, reason: 'forged' });
    expect(await checkProof('another-key-of-at-least-32-characters!!', proof, 'followup', id, POW, now)).toEqual({ ok: false, reason: 'forged' });
    let nonce = 0;
    while (leadingZeroBits(await proofDigest(challenge, String(nonce))) >= 8) nonce++;
    expect(await check(`${challenge}:${nonce}`)).toEqual({ ok: false, reason: 'insufficient' });
    expect(await check(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await check({ proof })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is issued without storing anything, and grows harder when submissions arrive fast', async () => {
    const before = await env.DB.prepare('SELECT (SELECT count(*) FROM request_budgets) + (SELECT count(*) FROM cases) AS n').first('n');
    const res = await call(`/api/challenge?purpose=submission&id=${newId()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const normal = (await res.json()) as { bits: number; validMinutes: number };
    expect(normal).toMatchObject({ bits: POW.baseBits, validMinutes: POW.validMinutes });
    expect(await env.DB.prepare('SELECT (SELECT count(*) FROM request_budgets) + (SELECT count(*) FROM cases) AS n').first('n')).toBe(before);

    // A burst of arrivals in the last ten minutes (counted in ten-minute buckets: the cases' own times are days).
    const bucket = arrivalBucket(new Date());
    await env.DB.prepare(`INSERT INTO request_budgets (scope, hour, used) VALUES ('arrivals', ?1, ?2) ON CONFLICT (scope, hour) DO UPDATE SET used = used + ?2`)
      .bind(bucket, POW.normalSubmissionsPerRecent * 2)
      .run();
    const busy = (await (await call(`/api/challenge?purpose=submission&id=${newId()}`)).json()) as { bits: number };
    expect(busy.bits).toBe(POW.baseBits + 2);
    await env.DB.prepare(`DELETE FROM request_budgets WHERE scope = 'arrivals'`).run();
  });

  it('refuses to issue a challenge for an unknown purpose or a malformed id, in the caller’s language', async () => {
    const zh = await call('/api/challenge?purpose=everything&id=' + newId());
    expect(zh.status).toBe(422);
    expect(((await zh.json()) as { error: { message: string } }).error.message).toContain('请说明要做哪种检查');
    const en = await call('/api/challenge?purpose=track&id=short&lang=en');
    expect(((await en.json()) as { error: { message: string } }).error.message).toContain('Say which check it is for');
  });
});

describe('the JSON API', () => {
  it('answers a request without a proof with 403 and a fresh challenge for its id, and stores nothing', async () => {
    const before = await counts(env.DB);
    const sent = submission();
    const res = await postJson('/api/submissions?lang=en', sent);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string; challenge: { challenge: string; bits: number } } };
    expect(body.error.code).toBe('proof_required');
    expect(body.error.message).toContain('This request lacks a valid proof of work');
    expect(body.error.challenge.challenge).toContain(`.submission.${sent.submissionId}.`);
    expect(await counts(env.DB)).toEqual(before);
    const solved = await solveChallenge(body.error.challenge.challenge);
    expect((await postJson('/api/submissions', { ...sent, proof: solved })).status).toBe(201);
    // The same proof does not open a lookup or carry another submission.
    expect((await postJson('/api/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId: sent.submissionId, proof: solved })).status).toBe(403);
    expect((await postJson('/api/submissions', { ...submission(), proof: solved })).status).toBe(403);
  });
});

describe('without JavaScript', () => {
  it(`takes ${BUDGETS.submissionsPerVillagePerHour} submissions per village and hour; beyond, says the mailbox is very busy and keeps every field`, async () => {
    for (let i = 0; i < BUDGETS.submissionsPerVillagePerHour; i++) expect((await postForm('/mailbox', submission({ village: 'nanhe' }))).status).toBe(201);
    const before = await counts(env.DB);
    const sent = submission({ village: 'nanhe', subject: '第十一件事', description: '这是在繁忙时段写下的内容，不能丢。', identity: 'named', name: '示例居民', phone: '13800000000' });
    const res = await postForm('/mailbox', sent);
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain('信箱现在非常繁忙');
    expect(html).toContain('投进村联络站的意见箱');
    expect(html).toContain('href="/villages/"');
    for (const value of [sent.subject, sent.description, sent.name, sent.phone, sent.submissionId]) expect(html).toContain(value);
    expect(html).toMatch(/<option value="nanhe" selected/);
    expect(await counts(env.DB)).toEqual(before);
    const en = await (await postForm('/en/mailbox', sent)).text();
    expect(en).toContain('The mailbox is very busy');
    // Another village still has its budget; a proof of work is not counted against any.
    expect((await postForm('/mailbox', submission({ village: 'xiling' }))).status).toBe(201);
    expect((await postForm('/mailbox', await proven('submission', sent))).status).toBe(201);
  });

  it('stops at the town-wide budget, whichever village, and keeps no more than scope, hour and count', async () => {
    await setBudget('submission:village:beishan', BUDGETS.submissionsPerHour);
    const res = await postForm('/mailbox', submission({ village: 'dongling' }));
    expect(res.status).toBe(429);
    const { results } = await env.DB.prepare('SELECT * FROM request_budgets').all();
    for (const row of results) expect(Object.keys(row).sort()).toEqual(['hour', 'scope', 'used']);
    expect(results.map((r) => r.scope as string).every((s) => /^(submission:village:[a-z-]+|track|followup|feedback|arrivals)$/.test(s))).toBe(true);
  });

  it('takes lookups within their own budget; a lookup with a proof always passes', async () => {
    await setBudget('track', BUDGETS.lookupsPerHour);
    const res = await postForm('/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId: newId() });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('查询现在非常繁忙');
    const clientId = newId();
    const withProof = await postForm('/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId, proof: await proofFor('track', clientId) });
    expect(withProof.status).toBe(404);
    await setBudget('track', 0);
  });

  it('takes follow-ups within their budget; beyond, says so and keeps the text, storing nothing', async () => {
    const code = codeFromReceipt(await (await postForm('/mailbox', await proven('submission', submission()))).text());
    const { token, followupId } = followupFormOf(await (await postForm('/track', await proven('track', { code }))).text());
    await setBudget('followup', BUDGETS.followupsPerHour);
    const before = await counts(env.DB);
    const res = await postForm('/track/followup', { token, followupId, text: '繁忙时写下的补充内容。' });
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain('这一小时里没有开启脚本（JavaScript）的补充已经收满了');
    expect(html).toContain('繁忙时写下的补充内容。');
    expect(await counts(env.DB)).toEqual(before);
    const withProof = await postForm('/track/followup', { token, followupId, text: '繁忙时写下的补充内容。', proof: await proofFor('followup', followupId) });
    expect(withProof.status).toBe(201);
  });

  it('marks every form for the script that solves the proof of work', async () => {
    const mailbox = await (await call('/mailbox')).text();
    expect(mailbox).toMatch(/id="mailbox-form"[^>]*data-proof="submission" data-proof-id="submissionId"/);
    expect(mailbox).toContain('<script src="/scripts/proof.js"');
    const track = await (await call('/track')).text();
    expect(track).toMatch(/class="track-form"[^>]*data-proof="track" data-proof-id="clientId"/);
    expect(track).toMatch(/name="clientId" value="[A-Za-z0-9_-]{22}"/);
  });
});

describe('a spent proof', () => {
  it('pays for one request only, whatever it was for', { timeout: 30_000 }, async () => {
    for (const kind of ['track', 'followup', 'feedback', 'signin']) await setBudget(kind, 0);
    for (const purpose of PROOF_PURPOSES) {
      const clientId = newId();
      const proof = await proofFor(purpose, clientId);
      const request = { purpose, clientId, proof, budget: null };
      expect(await admit(env.DB, TEST_QUERY_CODE_KEY, request), purpose).toEqual({ ok: true, value: { via: 'proof' } });
      expect(await admit(env.DB, TEST_QUERY_CODE_KEY, request), purpose).toEqual({ ok: false, refusal: { code: 'proof_required', key: 'proof.required' } });
      // A browser form falls back to its hourly budget, as with a stale proof: the proof is not taken again.
      if (purpose !== 'submission' && purpose !== 'open311') {
        expect(await admit(env.DB, TEST_QUERY_CODE_KEY, { ...request, budget: { kind: purpose } }), purpose).toEqual({ ok: true, value: { via: 'budget' } });
      }
    }
    // A new challenge for the same form is never the same one, so the browser's next proof is new.
    const clientId = newId();
    expect(await proofFor('track', clientId)).not.toBe(await proofFor('track', clientId));
    // What is kept: the proof's hash, its purpose and an hour; nothing of the form or the visitor.
    const { results } = await env.DB.prepare('SELECT * FROM spent_proofs').all<Record<string, string>>();
    expect(results.length).toBeGreaterThanOrEqual(PROOF_PURPOSES.length);
    for (const row of results) {
      expect(Object.keys(row).sort()).toEqual(['expires_hour', 'proof_hash', 'purpose']);
      expect(row.proof_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.expires_hour).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}$/);
    }
    expect(JSON.stringify(results)).not.toContain(clientId);
  });

  it('is forgotten by the hourly cron once it could no longer be used anyway', async () => {
    const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);
    await env.DB.prepare(`INSERT INTO spent_proofs (proof_hash, purpose, expires_hour) VALUES ('old-spent', 'track', ?1), ('live-spent', 'track', ?2)`)
      .bind(hourOf(Date.now() - 60 * 60_000), hourOf(Date.now()))
      .run();
    await purgeBudgets(env.DB);
    const left = await env.DB.prepare(`SELECT proof_hash FROM spent_proofs WHERE proof_hash IN ('old-spent', 'live-spent')`).all<{ proof_hash: string }>();
    expect(left.results.map((r) => r.proof_hash)).toEqual(['live-spent']);
    await env.DB.prepare(`DELETE FROM spent_proofs WHERE proof_hash = 'live-spent'`).run();
  });

  it('is refused on a second lookup, sign-in or submission through the routes, with a new challenge where a program sent it', { timeout: 30_000 }, async () => {
    const clientId = newId();
    const proof = await proofFor('track', clientId);
    expect((await postJson('/api/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId, proof })).status).toBe(404);
    const again = await postJson('/api/track?lang=en', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId, proof });
    expect(again.status).toBe(403);
    const body = (await again.json()) as { error: { code: string; message: string; challenge: { challenge: string } } };
    expect(body.error.code).toBe('proof_required');
    expect(body.error.message).toContain('was used already');
    expect(body.error.challenge.challenge).toContain(`.track.${clientId}.`);
    expect((await postJson('/api/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId, proof: await solveChallenge(body.error.challenge.challenge) })).status).toBe(404);

    const sent = submission();
    const paid = await proofFor('submission', sent.submissionId!);
    expect((await postJson('/api/submissions', { ...sent, proof: paid })).status).toBe(201);
    expect((await postJson('/api/submissions', { ...sent, proof: paid })).status).toBe(403);

    // A browser form without a budget left: the same "busy" answer a stale proof gets.
    await setBudget('track', BUDGETS.lookupsPerHour);
    const lookup = await proven('track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    expect((await postForm('/track', lookup)).status).toBe(404);
    const replay = await postForm('/track', lookup);
    expect(replay.status).toBe(429);
    expect(await replay.text()).toContain('查询现在非常繁忙');
    await setBudget('track', 0);
    await setBudget('signin', BUDGETS.signInsPerHour);
    const signinId = newId();
    const signinProof = await proofFor('signin', signinId);
    expect((await postForm('/staff/sign-in', { username: 'nobody-here', password: 'wrong', clientId: signinId, proof: signinProof })).status).toBe(401);
    expect((await postForm('/staff/sign-in', { username: 'nobody-here', password: 'wrong', clientId: signinId, proof: signinProof })).status).toBe(429);
    await setBudget('signin', 0);
  });
});

describe('the difficulty in force', () => {
  /** A proof of `challenge` with exactly its own bits (not the more a lucky nonce might give). */
  async function justEnough(challenge: string): Promise<string> {
    const bits = Number(challenge.split('.')[4]);
    for (let nonce = 0; ; nonce++) {
      const zeros = leadingZeroBits(await proofDigest(challenge, String(nonce)));
      if (zeros >= bits && zeros < bits + 2) return `${challenge}:${nonce}`;
    }
  }
  const challengeOf = async (purpose: string, id: string) => (await (await call(`/api/challenge?purpose=${purpose}&id=${id}`)).json()) as { challenge: string; bits: number };

  it('is asked when a proof is spent: a challenge collected in a quiet hour fails once submissions have raised it', async () => {
    const clientId = newId();
    const quiet = await challengeOf('track', clientId);
    expect(quiet.bits).toBe(POW.baseBits);
    const proof = await justEnough(quiet.challenge);
    // A burst of arrivals since (counted in ten-minute buckets: the cases' own times are days).
    await env.DB.prepare(`INSERT INTO request_budgets (scope, hour, used) VALUES ('arrivals', ?1, ?2) ON CONFLICT (scope, hour) DO UPDATE SET used = used + ?2`)
      .bind(arrivalBucket(new Date()), POW.normalSubmissionsPerRecent * 2)
      .run();
    try {
      const refused = await postJson('/api/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId, proof });
      expect(refused.status).toBe(403);
      const fresh = ((await refused.json()) as { error: { challenge: { challenge: string; bits: number } } }).error.challenge;
      expect(fresh.bits).toBeGreaterThanOrEqual(POW.baseBits + 2);
      expect((await postJson('/api/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', clientId, proof: await solveChallenge(fresh.challenge) })).status).toBe(404);
    } finally {
      await env.DB.prepare(`DELETE FROM request_budgets WHERE scope = 'arrivals'`).run();
    }
  }, 60_000);

  it('rises for lookups and sign-ins under their own load, without raising the others', async () => {
    const clientId = newId();
    const quiet = await challengeOf('signin', clientId);
    expect(quiet.bits).toBe(POW.baseBits);
    const proof = await justEnough(quiet.challenge);
    for (const purpose of ['track', 'signin'] as const) {
      const expires = new Date(Date.now() + (POW.validMinutes + 120) * 60_000).toISOString().slice(0, 13);
      await env.DB.prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
         INSERT INTO spent_proofs (proof_hash, purpose, expires_hour) SELECT ?2 || printf('%08d', i), ?2, ?3 FROM k`,
      )
        .bind(POW.normalProofsPerHour[purpose] * 3, purpose, expires)
        .run();
      expect((await challengeOf(purpose, newId())).bits).toBe(POW.baseBits + 2);
    }
    expect((await challengeOf('followup', newId())).bits).toBe(POW.baseBits);
    expect((await challengeOf('submission', newId())).bits).toBe(POW.baseBits);
    expect(await admit(env.DB, TEST_QUERY_CODE_KEY, { purpose: 'signin', clientId, proof, budget: null })).toEqual({ ok: false, refusal: { code: 'proof_required', key: 'proof.required' } });
    await env.DB.prepare(`DELETE FROM spent_proofs WHERE purpose IN ('track', 'signin') AND length(proof_hash) < 20`).run();
  }, 30_000);
});
