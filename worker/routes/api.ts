/** The JSON API of the mass mailbox. Lookups are POSTs: a query code never travels in a URL. */
import { isRegistering } from '../services/checkins.ts';
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { FOLLOWUP_FIELDS, followupSchema } from '../cases/followup.ts';
import { claimSchema, formatQueryCode, trackSchema } from '../cases/query-code.ts';
import { EARLIER_CODE_FIELD, SUBMISSION_FIELDS, concernsCommittee, submissionSchema } from '../cases/submission.ts';
import type { AppEnv } from '../env.ts';
import { readInput } from '../http/input.ts';
import { jsonEnvelope } from '../http/json.ts';
import { inputRefusal, jsonRefusal, statusOf } from '../http/refusal.ts';
import { refuse, type Refusal } from '../cases/result.ts';
import { validated } from '../http/validated.ts';
import { fixedProofBits, queryCodeKey } from '../http/secret.ts';
import { admit, challengeFor } from '../services/gate.ts';
import { PROOF_PURPOSES, type ProofPurpose } from '../cases/proof-of-work.ts';
import { translate } from '../../content/translate.ts';
import { describe } from '../cases/submission.ts';
import { addFollowup, claim, spentCode, spentCodeMessage, submit, track, type CaseView } from '../services/mailbox.ts';
import { isOneOf } from '../cases/validation.ts';


/** What a program's request has once its key and body are checked: the key, its fields (without the proof) and its proof of work. */
type ApiEnv = { Bindings: AppEnv['Bindings']; Variables: AppEnv['Variables'] & { secret: string; fields: Record<string, unknown>; proof: unknown } };

/** A submission's fields as the form shows them, for the order of its marks. */
const SUBMITTED_FIELDS = [...SUBMISSION_FIELDS, EARLIER_CODE_FIELD];

function caseJson(view: CaseView, c: Context<ApiEnv>) {
  const { village, category } = describe(view.villageId, view.categoryId, c.var.locale);
  return { ...view, village, category };
}

/**
 * Checks the key and reads the body as JSON, before its schema: what to refuse (every unreadable
 * body reads `bad_request`), or the fields for `validated()` and the proof beside them.
 */
const body = createMiddleware<ApiEnv>(async (c, next) => {
  const secret = queryCodeKey(c.env);
  if (!secret) return jsonRefusal(c, c.var.locale, refuse('unavailable', 'errors.unavailable').refusal);
  const input = await readInput(c.req.raw);
  if (!input.ok) return jsonRefusal(c, c.var.locale, { ...inputRefusal(input), wire: 'bad_request' });
  if (!input.json) return jsonRefusal(c, c.var.locale, refuse('unsupported', 'errors.body.contentType').refusal);
  const { proof, ...fields } = input.fields;
  c.set('secret', secret);
  c.set('fields', fields);
  c.set('proof', proof);
  await next();
});

/** A report about the town's own committee is not taken at all (Art. 15): refused before its schema, nothing stored. */
const countyOnly = createMiddleware<ApiEnv>(async (c, next) => {
  if (concernsCommittee(c.var.fields)) return jsonRefusal(c, c.var.locale, refuse('forbidden', 'county.refused', { wire: 'county_only' }).refusal);
  await next();
});

/** A refusal of a request's fields, in the JSON envelope. */
const refusedJson = (c: Context<ApiEnv>, refusal: Refusal) => jsonRefusal(c, c.var.locale, refusal);

/** The answer to a request without a valid proof of work: 403 with a fresh challenge for its client id. */
async function proofRequired(c: Context<ApiEnv>, purpose: ProofPurpose, clientId: string) {
  const challenge = await challengeFor(c.env.DB, c.var.secret, purpose, clientId, fixedProofBits(c.env));
  return jsonRefusal(c, c.var.locale, refuse('proof_required', 'proof.required').refusal, { error: { challenge } });
}

/** Admits a program's request by its proof of work alone (programs can always solve one). */
async function proven(c: Context<ApiEnv>, purpose: ProofPurpose, clientId: string) {
  const admitted = await admit(c.env.DB, c.var.secret, { purpose, clientId, proof: c.var.proof, budget: null, fixedBits: fixedProofBits(c.env) });
  return admitted.ok ? null : proofRequired(c, purpose, clientId);
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

api.post('/submissions', body, countyOnly, validated('json', submissionSchema(), refusedJson, SUBMITTED_FIELDS), async (c) => {
  const locale = c.var.locale;
  const submission = c.req.valid('json');
  const refused = await proven(c, 'submission', submission.submissionId);
  if (refused) return refused;
  const result = await submit(c.env.DB, c.var.secret, submission, locale);
  if (!result.ok) return jsonRefusal(c, locale, result.refusal);
  const { receipt, created } = result.value;
  const names = describe(receipt.villageId, receipt.categoryId, locale);
  return c.json({ receipt: { ...receipt, ...names, queryCode: receipt.queryCode && formatQueryCode(receipt.queryCode) } }, created ? 201 : 200);
});

// A code that cannot be one is told so before anything is looked up: its format is no secret.
const malformed = (c: Context<ApiEnv>) => jsonRefusal(c, c.var.locale, refuse('invalid', 'track.malformed').refusal);

api.post('/track', body, validated('json', trackSchema, malformed), async (c) => {
  const locale = c.var.locale;
  const secret = c.var.secret;
  const { code, clientId } = c.req.valid('json');
  const refused = await proven(c, 'track', clientId);
  if (refused) return refused;
  const tracked = await track(c.env.DB, secret, code);
  // The 打击报复 case of a check-in answered "yes" before the cron has registered it.
  if (!tracked && (await isRegistering(c.env.DB, secret, code))) return c.json({ registering: true, message: translate(locale, 'track.registering.lead') }, 202);
  if (!tracked) {
    // A code a claim replaced (or a card that could not open its letter): 410, saying when and whom to tell.
    const spent = await spentCode(c.env.DB, secret, code);
    if (spent) return jsonEnvelope(c, statusOf('gone'), spent.kind === 'claimed' ? 'code_claimed' : 'card_refused', spentCodeMessage(locale, spent));
    return jsonRefusal(c, locale, refuse('not_found', 'track.notFound').refusal);
  }
  // A slip's code only claims the case: POST /api/claims with this token gives the new code.
  if (tracked.claimPending) return jsonRefusal(c, locale, refuse('conflict', 'claim.lead', { wire: 'claim_required' }).refusal, { beside: { token: tracked.token } });
  return c.json({ case: caseJson(tracked.view, c), token: tracked.token });
});

api.post('/claims', body, validated('json', claimSchema, refusedJson), async (c) => {
  const result = await claim(c.env.DB, c.var.secret, c.req.valid('json').token);
  if (!result.ok) return jsonRefusal(c, c.var.locale, result.refusal);
  return c.json({ caseNumber: result.value.caseNumber, queryCode: formatQueryCode(result.value.queryCode) }, 201);
});

api.post('/followups', body, validated('json', followupSchema(), refusedJson, FOLLOWUP_FIELDS), async (c) => {
  const { token, followupId, text } = c.req.valid('json');
  const refused = await proven(c, 'followup', followupId);
  if (refused) return refused;
  const result = await addFollowup(c.env.DB, token, followupId, text);
  if (!result.ok) return jsonRefusal(c, c.var.locale, result.refusal);
  return c.json({ case: caseJson(result.value, c) }, 201);
});
