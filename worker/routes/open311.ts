/**
 * Open311 GeoReport v2 under /open311/v2/, in JSON and XML: discovery, services, a service's
 * definition, published outcomes as closed requests, one request, and new requests filed like
 * mailbox submissions. A case without a published outcome is not public: it answers exactly like
 * a number never given. Every answer under this path, errors included, is in the format the path
 * asks for (`.json` or `.xml`; JSON when it names none).
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { town } from '../../content/index.ts';
import { open311Settings } from '../../content/open311.ts';
import { translate } from '../../content/translate.ts';
import { formatQueryCode } from '../cases/query-code.ts';
import { OPEN311_FIELD, checkJurisdiction, readPostedRequest, requestFilters, serviceDefinition, serviceRequest, services, type Format } from '../cases/open311.ts';
import { ok, refuse, type Refusal, type Result } from '../cases/result.ts';
import { open311Refusal } from '../http/refusal.ts';
import { CASE_NUMBER_PATTERN } from '../services/handling.ts';
import type { AppEnv } from '../env.ts';
import { FRESH, revalidate } from '../http/fresh.ts';
import { PHOTO_BODY_BYTES, readInput, readInputWithFiles } from '../http/input.ts';
import { acceptPhotos } from '../photos/accept.ts';
import { statusOf } from '../http/refusal.ts';

/** Open311's field for a photo (GeoReport v2 `media`, multipart). */
const PHOTO_MEDIA = 'media';
import { open311Body, open311Errors } from '../http/open311-format.ts';
import { fixedProofBits, open311Program, queryCodeKey } from '../http/secret.ts';
import { admit, challengeFor } from '../services/gate.ts';
import { newClientId } from '../cases/crypto.ts';
import { postRequest, publishedRequests } from '../services/open311.ts';
import { RECEIPT_REPLAY_MS } from '../cases/query-code.ts';

const CHANGESET = '2026-12-01T00:00:00+08:00';
// Requests are published outcomes, published and withdrawn at any moment: caches revalidate every time.
const PUBLIC = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': FRESH };


/** The resource and format a path under /open311/v2/ names. */
function parsePath(path: string): { resource: string; format: Format } | null {
  const rest = path.replace(/^.*?\/open311\/v2\/?/, '');
  const m = /^(.+)\.(json|xml)$/.exec(rest);
  return m ? { resource: m[1]!, format: m[2] as Format } : null;
}

const fail = (c: Context<AppEnv>, format: Format, refusal: Refusal) => open311Refusal(format, c.var.locale, refusal);
const refused = (code: Refusal['code'], key: Refusal['key'], params?: Refusal['params']) => refuse(code, key, { params }).refusal;

export const open311 = new Hono<AppEnv>();
open311.use('*', revalidate);

open311.all('*', async (c) => {
  const parsed = parsePath(c.req.path);
  const format: Format = parsed?.format ?? (c.req.path.endsWith('.xml') ? 'xml' : 'json');
  if (!parsed) return fail(c, format, refused('not_found', 'open311.error.path'));
  const { resource } = parsed;
  const method = c.req.method;
  const locale = c.var.locale;

  if (resource === 'requests' && method === 'POST') return post(c, format);
  if (method !== 'GET' && method !== 'HEAD') return open311Refusal(format, locale, refused('not_allowed', 'open311.error.method'), [], { Allow: resource === 'requests' ? 'GET, POST' : 'GET' });
  const q = c.req.query();

  if (resource === 'discovery') {
    const url = `${new URL(c.req.url).origin}/open311/v2`;
    return open311Body(format, 'discovery', {
      changeset: CHANGESET,
      contact: `${town.name[locale]} · ${translate(locale, 'open311.contact')}`,
      key_service: translate(locale, 'open311.keyService'),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    }, 200, PUBLIC);
  }
  if (resource === 'services') {
    const wrong = checkJurisdiction(q.jurisdiction_id, open311Settings);
    if (wrong) return fail(c, format, wrong);
    return open311Body(format, 'services', services(locale), 200, PUBLIC);
  }
  const service = /^services\/([^/]+)$/.exec(resource);
  if (service) {
    const wrong = checkJurisdiction(q.jurisdiction_id, open311Settings);
    if (wrong) return fail(c, format, wrong);
    const definition = serviceDefinition(decodeURIComponent(service[1]!), locale);
    if (!definition) return fail(c, format, refused('not_found', 'open311.error.serviceUnknown', { code: decodeURIComponent(service[1]!) }));
    return open311Body(format, 'service_definition', definition, 200, PUBLIC);
  }
  if (resource === 'requests') {
    const read = requestFilters(q, new Date(), open311Settings);
    if (!read.ok) return fail(c, format, read.refusal);
    const f = read.value;
    // Only published outcomes are public: closed, or open again when their case was reopened since.
    const rows = await publishedRequests(c.env.DB, { ids: f.ids, codes: f.codes, statuses: f.statuses, from: f.ids ? null : f.from, to: f.ids ? null : f.to });
    return open311Body(format, 'service_requests', rows.map((o) => serviceRequest(o, locale, open311Settings)), 200, PUBLIC);
  }
  const one = /^requests\/([^/]+)$/.exec(resource);
  if (one) {
    const id = decodeURIComponent(one[1]!);
    const rows = CASE_NUMBER_PATTERN.test(id) ? await publishedRequests(c.env.DB, { ids: [id], codes: null, from: null, to: null }, 1) : [];
    // A case without a published outcome is not public: the same 404 as a number never given.
    if (rows.length === 0) return fail(c, format, refused('not_found', 'open311.error.request'));
    return open311Body(format, 'service_requests', rows.map((o) => serviceRequest(o, locale, open311Settings)), 200, PUBLIC);
  }
  return fail(c, format, refused('not_found', 'open311.error.path'));
});

/**
 * A posted request's fields, from a form or a multipart body (read up to the photos' bound), or its
 * problem: the files of its `media` field (photos, kept like the mailbox's), and whether any other
 * file was sent (dropped).
 */
async function readFields(request: Request): Promise<Result<{ fields: Record<string, string>; media: boolean; photos: Uint8Array[] }>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const input = await readInputWithFiles(request, PHOTO_BODY_BYTES, 'open311.error.tooLarge', [PHOTO_MEDIA]);
    if (!input.ok) return input.status === 413 ? refuse('too_large', 'open311.error.tooLarge') : refuse('bad_request', 'open311.error.body');
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.fields)) {
      if (typeof value !== 'string') return refuse('bad_request', 'open311.error.twice', { params: { field: name } });
      fields[name] = value;
    }
    const { [PHOTO_MEDIA]: photos = [], ...others } = input.files;
    return ok({ fields, media: Object.keys(others).length > 0, photos });
  }
  if (type !== 'application/x-www-form-urlencoded') return refuse('unsupported', 'open311.error.contentType');
  const input = await readInput(request);
  if (!input.ok) return input.status === 413 ? refuse('too_large', 'open311.error.tooLarge') : input.status === 415 ? refuse('unsupported', 'open311.error.body') : refuse('bad_request', 'open311.error.body');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.fields)) {
    if (typeof value !== 'string') return refuse('bad_request', 'open311.error.twice', { params: { field: name } });
    fields[name] = value;
  }
  return ok({ fields, media: false, photos: [] });
}

async function post(c: Context<AppEnv>, format: Format): Promise<Response> {
  const locale = c.var.locale;
  // Open311 clients are programs, which send no Origin; a browser sent here by another site may
  // not file a case in its user's name.
  const origin = c.req.header('origin');
  if (c.req.header('sec-fetch-site') === 'cross-site' || (origin && origin !== new URL(c.req.url).origin)) return fail(c, format, refused('forbidden', 'open311.error.origin'));
  const secret = queryCodeKey(c.env);
  if (!secret) return fail(c, format, refused('unavailable', 'open311.error.unavailable'));
  const body = await readFields(c.req.raw);
  if (!body.ok) return fail(c, format, body.refusal);
  const { fields, media, photos: sent } = body.value;
  const read = readPostedRequest(fields, open311Settings, media);
  if (!read.ok) return fail(c, format, read.refusal);
  const request = read.value;
  const t = c.var.t;
  // `media` is stored like the mailbox's photos: checked and cleaned first, nothing stored if refused.
  const photos = acceptPhotos(sent, PHOTO_MEDIA);
  if (!photos.ok) {
    const e = photos.refusal.fields![0]!;
    return open311Errors(format, statusOf(photos.refusal.code), [t('open311.error.field', { field: PHOTO_MEDIA, message: translate(locale, e.key, e.params) })]);
  }
  // A client program with an API key of its own, or any client with a proof of work bound to the
  // submission id it sends (docs/security.md, "Abuse is priced, not traced").
  if (!(await open311Program(c.env, fields.api_key ?? ''))) {
    const id = request.fields.submissionId || newClientId();
    const admitted = await admit(c.env.DB, secret, { purpose: 'open311', clientId: id, proof: fields['attribute[proof]'] ?? '', budget: null, fixedBits: fixedProofBits(c.env) });
    if (!admitted.ok) {
      const challenge = await challengeFor(c.env.DB, secret, 'open311', id, fixedProofBits(c.env));
      return open311Refusal(format, locale, refused('proof_required', 'proof.required'), [`proof-of-work challenge=${challenge?.challenge} bits=${challenge?.bits} submission_id=${id}`]);
    }
  }
  const outcome = await postRequest(c.env.DB, secret, request, locale, new Date(), open311Settings, { bucket: c.env.FILES, list: photos.value });
  const noStore = { 'Cache-Control': 'no-store' };
  if (!outcome.ok) {
    // The mailbox's own checks failed: each field is named as the client sent it.
    const named = (outcome.refusal.fields ?? []).map((e) => t('open311.error.field', { field: OPEN311_FIELD[e.field] ?? e.field, message: translate(locale, e.key, e.params) }));
    return named.length ? open311Errors(format, 400, named) : fail(c, format, outcome.refusal);
  }
  const { caseNumber, receipt, created } = outcome.value;
  if (!receipt) {
    return open311Body(format, 'service_requests', [{ service_request_id: caseNumber, service_notice: t('open311.notice.repeat', { number: caseNumber }), account_id: null }], 200, noStore);
  }
  // A retry after the receipt's replay window gets the case number, not the code again.
  const code = receipt.queryCode;
  const notes = [
    code ? t('open311.notice.code', { code: formatQueryCode(code) }) : t('receipt.again.lead', { minutes: RECEIPT_REPLAY_MS / 60_000 }),
    ...(request.mediaIgnored ? [t('open311.notice.media')] : []),
    ...(request.contactIgnored ? [t('open311.notice.contact')] : []),
  ];
  return open311Body(format, 'service_requests', [{ service_request_id: caseNumber, service_notice: notes.join(' '), account_id: null }], created ? 201 : 200, noStore);
}
