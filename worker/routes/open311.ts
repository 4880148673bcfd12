/**
 * Open311 GeoReport v2 (JSON): the categories as services, published outcomes as requests, the
 * public status of any case, and new requests created like mailbox submissions. Never a
 * description, contact or query code of an unpublished case.
 */
import { Hono, type Context } from 'hono';
import { findCategory, town } from '../../content/index.ts';
import { translate } from '../../content/ui.ts';
import { formatQueryCode } from '../cases/query-code.ts';
import { validateSubmission } from '../cases/submission.ts';
import { FINAL_STATUSES } from '../cases/workflow.ts';
import { caseStatusByNumber } from '../db/cases.ts';
import type { AppEnv } from '../env.ts';
import { readInput } from '../http/input.ts';
import { localeOfApiRequest } from '../http/locale.ts';
import { fixedProofBits, open311Program, queryCodeKey } from '../http/secret.ts';
import { admit, challengeFor } from '../services/gate.ts';
import { errorText } from '../views/fields.tsx';
import { CASE_NUMBER_PATTERN } from '../services/handling.ts';
import { RECEIPT_REPLAY_MS, submit } from '../services/mailbox.ts';
import { findPublished, listPublished, type OutcomeRow } from '../services/outcomes.ts';
import { afterCaseEvent } from '../services/stats.ts';
import { newClientId } from '../cases/crypto.ts';

const localeOf = (c: Context<AppEnv>) => localeOfApiRequest(c.req.url, c.req.header('accept-language'));

/** The spec's error shape: an array of { code, description }. */
const errors = (c: Context<AppEnv>, status: 400 | 403 | 404 | 415 | 413 | 503, descriptions: string[]) =>
  c.json(descriptions.map((description) => ({ code: status, description })), status);

function requestOf(o: OutcomeRow, locale: 'zh-CN' | 'en') {
  return {
    service_request_id: o.case_number,
    status: 'closed',
    status_notes: `${translate(locale, `outcomes.result.${o.result}`)}: ${o.outcome_text}`,
    service_name: findCategory(o.category_id)?.name[locale] ?? o.category_id,
    service_code: o.category_id,
    description: o.problem,
    agency_responsible: o.kind === 'case_notice' ? town.discipline[locale] : town.name[locale],
    service_notice: null,
    requested_datetime: null,
    updated_datetime: o.published_at,
    expected_datetime: null,
    address: town.villages.find((v) => v.id === o.village_id)?.name[locale] ?? o.village_id,
    address_id: o.village_id,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export const open311 = new Hono<AppEnv>();

open311.get('/discovery.json', (c) =>
  c.json({
    changeset: '2026-11-26T00:00:00Z',
    contact: town.name[localeOf(c)],
    key_service: '',
    endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${new URL(c.req.url).origin}/open311/v2`, changeset: '2026-11-26T00:00:00Z', type: 'production', formats: ['application/json'] }],
  }),
);

open311.get('/services.json', (c) => {
  const locale = localeOf(c);
  return c.json(
    town.categories.map((cat) => ({
      service_code: cat.id,
      service_name: cat.name[locale],
      description: cat.hint[locale],
      metadata: false,
      type: 'realtime',
      keywords: cat.route === 'discipline' ? 'discipline' : 'village',
      group: cat.route === 'discipline' ? town.discipline[locale] : town.name[locale],
    })),
  );
});

open311.get('/requests.json', async (c) => {
  const locale = localeOf(c);
  const q = c.req.query();
  // Only published outcomes are listed, and they are all closed.
  if (q.status && q.status !== 'closed') return c.json([]);
  const codes = q.service_code ? q.service_code.split(',') : null;
  const rows = (await listPublished(c.env.DB, {}, 1000)).filter(
    (o) => (!codes || codes.includes(o.category_id)) && (!q.start_date || o.published_at >= q.start_date) && (!q.end_date || o.published_at <= q.end_date),
  );
  return c.json(rows.map((o) => requestOf(o, locale)));
});

open311.get('/requests/:id', async (c) => {
  const locale = localeOf(c);
  const id = c.req.param('id').replace(/\.json$/, '');
  if (!CASE_NUMBER_PATTERN.test(id)) return errors(c, 404, [translate(locale, 'staff.errors.notFound')]);
  const published = await findPublished(c.env.DB, id);
  if (published) return c.json([requestOf(published, locale)]);
  // Unpublished: its public status only — not its category, village, text or dates.
  const status = await caseStatusByNumber(c.env.DB, id);
  if (!status) return errors(c, 404, [translate(locale, 'staff.errors.notFound')]);
  return c.json([{ service_request_id: id, status: (FINAL_STATUSES as readonly string[]).includes(status) ? 'closed' : 'open' }]);
});

open311.post('/requests.json', async (c) => {
  const locale = localeOf(c);
  const secret = queryCodeKey(c.env);
  if (!secret) return errors(c, 503, [translate(locale, 'errors.unavailable')]);
  const input = await readInput(c.req.raw);
  if (!input.ok) return errors(c, input.status, [translate(locale, input.key)]);
  const f = (name: string) => (typeof input.fields[name] === 'string' ? (input.fields[name] as string).trim() : '');
  const description = f('description');
  const villageText = f('attribute[village]') || f('address_string');
  const village = town.villages.find((v) => v.id === villageText || v.name['zh-CN'] === villageText || v.name.en === villageText);
  const name = [f('last_name'), f('first_name')].filter(Boolean).join('');
  const named = name !== '' && f('phone') !== '';
  const submissionId = f('attribute[submission_id]') || newClientId();
  const valid = validateSubmission({
    submissionId,
    village: village?.id ?? villageText,
    category: f('service_code'),
    // Open311 has no subject: the first line of the description stands for it.
    subject: [...(description.split('\n')[0] ?? '')].slice(0, 30).join(''),
    description,
    identity: named ? 'named' : 'anonymous',
    ...(named && { name, phone: f('phone') }),
  });
  if (!valid.ok) return errors(c, 400, valid.errors.map((e) => `${e.field === 'category' ? 'service_code' : e.field === 'village' ? 'address_string' : e.field}: ${errorText(locale, e)}`));
  // A client program with an API key of its own, or any client with a proof of work for this submission id.
  if (!open311Program(c.env, f('api_key'))) {
    const admitted = await admit(c.env.DB, secret, { purpose: 'open311', clientId: submissionId, proof: f('attribute[proof]'), budget: null });
    if (!admitted.ok) {
      const challenge = await challengeFor(c.env.DB, secret, 'open311', submissionId, fixedProofBits(c.env));
      return errors(c, 403, [translate(locale, 'proof.required'), `proof-of-work challenge=${challenge?.challenge} bits=${challenge?.bits} submission_id=${submissionId}`]);
    }
  }
  const result = await submit(c.env.DB, secret, valid.value, locale, new Date(), { channel: 'web', recordedBy: null });
  if (!result.ok) return errors(c, 400, [translate(locale, result.key)]);
  if (result.created) c.executionCtx.waitUntil(afterCaseEvent(c.env.DB, result.receipt.caseNumber));
  return c.json(
    [
      {
        service_request_id: result.receipt.caseNumber,
        service_notice:
          result.receipt.queryCode === null
            ? translate(locale, 'receipt.again.lead', { minutes: RECEIPT_REPLAY_MS / 60_000 })
            : `${translate(locale, 'receipt.code')}: ${formatQueryCode(result.receipt.queryCode)}. ${translate(locale, 'receipt.code.warning')}`,
        account_id: null,
      },
    ],
    result.created ? 201 : 200,
  );
});
