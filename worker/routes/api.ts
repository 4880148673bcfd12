/** The JSON API of the mass mailbox. Lookups are POSTs: a query code never travels in a URL. */
import { isRegistering } from '../services/checkins.ts';
import { Hono, type Context } from 'hono';
import { validateFollowup } from '../cases/followup.ts';
import { formatQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { validateSubmission } from '../cases/submission.ts';
import type { AppEnv } from '../env.ts';
import { readInput } from '../http/input.ts';
import { jsonEnvelope } from '../http/json.ts';
import { inputRefusal, jsonRefusal, statusOf } from '../http/refusal.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import { fixedProofBits, queryCodeKey } from '../http/secret.ts';
import { admit, challengeFor } from '../services/gate.ts';
import { PROOF_PURPOSES, type ProofPurpose } from '../cases/proof-of-work.ts';
import { translate } from '../../content/translate.ts';
import type { Locale } from '../../content/index.ts';
import { describe } from '../cases/submission.ts';
import { addFollowup, claim, spentCode, spentCodeMessage, submit, track, type CaseView } from '../services/mailbox.ts';
import { isOneOf } from '../cases/validation.ts';


function caseJson(view: CaseView, c: Context<AppEnv>) {
  const { village, category } = describe(view.villageId, view.categoryId, c.var.locale);
  return { ...view, village, category };
}

/** Reads and checks the body and the key: the fields, or what to refuse (every unreadable body reads `bad_request`). */
async function prepare(c: Context<AppEnv>): Promise<Result<{ locale: Locale; secret: string; fields: Record<string, unknown> }>> {
  const locale = c.var.locale;
  const secret = queryCodeKey(c.env);
  if (!secret) return refuse('unavailable', 'errors.unavailable');
  const input = await readInput(c.req.raw);
  if (!input.ok) return { ok: false, refusal: { ...inputRefusal(input), wire: 'bad_request' } };
  if (!input.json) return refuse('unsupported', 'errors.body.contentType');
  return ok({ locale, secret, fields: input.fields });
}

/** The answer to a request without a valid proof of work: 403 with a fresh challenge for its client id. */
async function proofRequired(c: Context<AppEnv>, locale: Locale, secret: string, purpose: ProofPurpose, clientId: string) {
  const challenge = await challengeFor(c.env.DB, secret, purpose, clientId, fixedProofBits(c.env));
  return jsonRefusal(c, locale, refuse('proof_required', 'proof.required').refusal, { error: { challenge } });
}

/** Admits a program's request by its proof of work alone (programs can always solve one). */
async function proven(c: Context<AppEnv>, p: { locale: Locale; secret: string; fields: Record<string, unknown> }, purpose: ProofPurpose, clientId: unknown) {
  const id = typeof clientId === 'string' ? clientId : '';
  const admitted = await admit(c.env.DB, p.secret, { purpose, clientId: id, proof: p.fields.proof, budget: null, fixedBits: fixedProofBits(c.env) });
  return admitted.ok ? null : proofRequired(c, p.locale, p.secret, purpose, id);
}

export const api = new Hono<AppEnv>();

// A challenge for one form (by its client id): GET, so it carries no body and no code.
api.get('/challenge', async (c) => {
  const locale = c.var.locale;
  const secret = queryCodeKey(c.env);
  if (!secret) return jsonRefusal(c, locale, refuse('unavailable', 'errors.unavailable').refusal);
  const purpose = c.req.query('purpose') ?? '';
  const id = c.req.query('id') ?? '';
  const challenge = isOneOf(PROOF_PURPOSES, purpose)
    ? await challengeFor(c.env.DB, secret, purpose, id, fixedProofBits(c.env))
    : null;
  if (!challenge) return jsonRefusal(c, locale, refuse('invalid', 'proof.invalidRequest').refusal);
  return c.json(challenge);
});

api.post('/submissions', async (c) => {
  const prepared = await prepare(c);
  if (!prepared.ok) return jsonRefusal(c, c.var.locale, prepared.refusal);
  const p = prepared.value;
  const { proof: _proof, ...fields } = p.fields;
  const valid = validateSubmission(fields);
  if (!valid.ok) return jsonRefusal(c, p.locale, valid.refusal);
  const refused = await proven(c, p, 'submission', valid.value.submissionId);
  if (refused) return refused;
  const result = await submit(c.env.DB, p.secret, valid.value, p.locale);
  if (!result.ok) return jsonRefusal(c, p.locale, result.refusal);
  const { receipt, created } = result.value;
  const names = describe(receipt.villageId, receipt.categoryId, p.locale);
  return c.json({ receipt: { ...receipt, ...names, queryCode: receipt.queryCode && formatQueryCode(receipt.queryCode) } }, created ? 201 : 200);
});

api.post('/track', async (c) => {
  const prepared = await prepare(c);
  if (!prepared.ok) return jsonRefusal(c, c.var.locale, prepared.refusal);
  const p = prepared.value;
  const code = p.fields.code;
  // A code that cannot be one is told so before anything is looked up: its format is no secret.
  if (typeof code !== 'string' || !normalizeQueryCode(code)) return jsonRefusal(c, p.locale, refuse('invalid', 'track.malformed').refusal);
  const refused = await proven(c, p, 'track', p.fields.clientId);
  if (refused) return refused;
  const tracked = await track(c.env.DB, p.secret, code);
  // The 打击报复 case of a check-in answered "yes" before the cron has registered it.
  if (!tracked && (await isRegistering(c.env.DB, p.secret, code))) return c.json({ registering: true, message: translate(p.locale, 'track.registering.lead') }, 202);
  if (!tracked) {
    // A code a claim replaced (or a card that could not open its letter): 410, saying when and whom to tell.
    const spent = await spentCode(c.env.DB, p.secret, code);
    if (spent) return jsonEnvelope(c, statusOf('gone'), spent.kind === 'claimed' ? 'code_claimed' : 'card_refused', spentCodeMessage(p.locale, spent));
    return jsonRefusal(c, p.locale, refuse('not_found', 'track.notFound').refusal);
  }
  // A slip's code only claims the case: POST /api/claims with this token gives the new code.
  if (tracked.claimPending) return jsonRefusal(c, p.locale, refuse('conflict', 'claim.lead', { wire: 'claim_required' }).refusal, { beside: { token: tracked.token } });
  return c.json({ case: caseJson(tracked.view, c), token: tracked.token });
});

api.post('/claims', async (c) => {
  const prepared = await prepare(c);
  if (!prepared.ok) return jsonRefusal(c, c.var.locale, prepared.refusal);
  const p = prepared.value;
  const result = await claim(c.env.DB, p.secret, typeof p.fields.token === 'string' ? p.fields.token : '');
  if (!result.ok) return jsonRefusal(c, p.locale, result.refusal);
  return c.json({ caseNumber: result.value.caseNumber, queryCode: formatQueryCode(result.value.queryCode) }, 201);
});

api.post('/followups', async (c) => {
  const prepared = await prepare(c);
  if (!prepared.ok) return jsonRefusal(c, c.var.locale, prepared.refusal);
  const p = prepared.value;
  const { proof: _proof, ...fields } = p.fields;
  const valid = validateFollowup(fields);
  if (!valid.ok) return jsonRefusal(c, p.locale, valid.refusal);
  const refused = await proven(c, p, 'followup', valid.value.followupId);
  if (refused) return refused;
  const result = await addFollowup(c.env.DB, valid.value.token, valid.value.followupId, valid.value.text);
  if (!result.ok) return jsonRefusal(c, p.locale, result.refusal);
  return c.json({ case: caseJson(result.value, c) }, 201);
});
