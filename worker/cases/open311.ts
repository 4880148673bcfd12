/**
 * Open311 GeoReport v2, the domain side: the services and their definition, a published request's
 * shape, the arguments of GET requests, where a posted request's location lies, and a posted
 * request read into a mailbox submission. Pure: one shape of each object, which the HTTP side
 * renders as JSON or XML. Problems are refusals (cases/result.ts) with a message key in Open311
 * terms; the HTTP side gives them the spec's status.
 */
import { findCategory, town, type Locale } from '../../content/index.ts';
import type { Open311Settings } from '../../content/open311.ts';
import { translate, type UiKey } from '../../content/translate.ts';
import { townDate } from '../../core/clock.ts';
import { CLIENT_ID_PATTERN, charCount } from './validation.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';
import { reopenedNotes } from './outcome.ts';

export type Format = 'json' | 'xml';


/** A service as GET services lists it. */
export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * Every category as a service. Each has a definition: the village, as a list. The optional
 * `attribute[submission_id]` is documented rather than defined, so clients do not ask residents for it.
 */
export function services(locale: Locale): Service[] {
  return town.categories.map((cat) => ({
    service_code: cat.id,
    service_name: cat.name[locale],
    description: cat.hint[locale],
    metadata: true,
    type: 'realtime',
    // "private": clients such as FixMyStreet then keep these reports off their public maps.
    keywords: cat.route === 'discipline' ? 'discipline, private' : 'village',
    group: cat.route === 'discipline' ? town.discipline[locale] : town.name[locale],
  }));
}

export interface ServiceDefinition {
  service_code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: 'string' | 'singlevaluelist';
    required: boolean;
    datatype_description: string | null;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
}

/** A service's definition, or null for an unknown code. */
export function serviceDefinition(code: string, locale: Locale): ServiceDefinition | null {
  if (!findCategory(code)) return null;
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'village',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: translate(locale, 'open311.attribute.village.datatype'),
        order: 1,
        description: translate(locale, 'open311.attribute.village'),
        values: town.villages.map((v) => ({ key: v.id, name: v.name[locale] })),
      },
    ],
  };
}

/** A town date as the spec's datetime, at 00:00 town time: the day, never the time of day. */
export const townDayDatetime = (instant: string) => `${townDate(new Date(instant))}T00:00:00+08:00`;

/** A published outcome, as GET requests gives it. */
export interface PublishedRequest {
  case_number: string;
  village_id: string;
  category_id: string;
  kind: 'outcome' | 'case_notice';
  result: string;
  problem: string;
  outcome_text: string;
  published_at: string;
  /** The town date its case was reopened after publication (then the request is open again), or null. */
  reopened_on: string | null;
  requested_at: string;
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: null;
  address: string;
  address_id: string;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

/**
 * A published outcome as a closed request, or as an open one again when its case was reopened
 * since (the notes then say so before the earlier result). Its place is its village's point,
 * never a resident's.
 */
export function serviceRequest(o: PublishedRequest, locale: Locale, settings: Open311Settings): ServiceRequest {
  const point = settings.villages[o.village_id]?.point ?? null;
  const result = `${translate(locale, `outcomes.result.${o.result}` as UiKey)}: ${o.outcome_text}`;
  return {
    service_request_id: o.case_number,
    status: o.reopened_on ? 'open' : 'closed',
    status_notes: o.reopened_on ? `${translate(locale, reopenedNotes(o.kind))} ${translate(locale, 'outcomes.reopened.was', { result })}` : result,
    service_name: findCategory(o.category_id)?.name[locale] ?? o.category_id,
    service_code: o.category_id,
    description: o.problem,
    agency_responsible: o.kind === 'case_notice' ? town.discipline[locale] : town.name[locale],
    service_notice: null,
    requested_datetime: townDayDatetime(o.requested_at),
    updated_datetime: o.reopened_on ? `${o.reopened_on}T00:00:00+08:00` : townDayDatetime(o.published_at),
    expected_datetime: null,
    address: town.villages.find((v) => v.id === o.village_id)?.name[locale] ?? o.village_id,
    address_id: o.village_id,
    zipcode: null,
    lat: point?.[0] ?? null,
    long: point?.[1] ?? null,
    media_url: null,
  };
}

const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** A W3C datetime (YYYY, YYYY-MM, YYYY-MM-DD, or with a time and a zone), or null when it is not one. */
export function parseW3cDatetime(text: string): Date | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Refuse dates that roll over (2026-02-31) rather than read them as another day.
  if (Number(mo) > 12 || Number(d) > new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate() || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return date;
}

export interface RequestFilters {
  /** Case numbers asked for; when given, every other argument is ignored. */
  ids: string[] | null;
  codes: string[] | null;
  statuses: ('open' | 'closed')[];
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** The arguments of GET requests, read as the spec says, or the first problem with them. */
export function requestFilters(q: Record<string, string>, now: Date, settings: Open311Settings): Result<RequestFilters> {
  const jurisdiction = checkJurisdiction(q.jurisdiction_id, settings);
  if (jurisdiction) return { ok: false, refusal: jurisdiction };
  const ids = list(q.service_request_id);
  if (ids.length > 0) return ok({ ids: ids.slice(0, 100), codes: null, statuses: ['open', 'closed'], from: '', to: '' });
  const codes = list(q.service_code);
  const unknown = codes.find((c) => !findCategory(c));
  if (unknown) return refuse('not_found', 'open311.error.serviceUnknown', { params: { code: unknown } });
  const statuses = list(q.status);
  const badStatus = statuses.find((s) => s !== 'open' && s !== 'closed');
  if (badStatus) return refuse('bad_request', 'open311.error.status', { params: { value: badStatus } });
  const date = (name: 'start_date' | 'end_date') => {
    const text = q[name];
    if (text === undefined || text === '') return undefined;
    return parseW3cDatetime(text) ?? null;
  };
  const [start, end] = [date('start_date'), date('end_date')];
  if (start === null) return refuse('bad_request', 'open311.error.date', { params: { field: 'start_date' } });
  if (end === null) return refuse('bad_request', 'open311.error.date', { params: { field: 'end_date' } });
  // Without dates, the most recent 90 days; a range may not span more than 90 days.
  const to = end ?? (start ? new Date(Math.min(start.getTime() + 90 * DAY_MS, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - 90 * DAY_MS);
  if (from.getTime() > to.getTime()) return refuse('bad_request', 'open311.error.dateOrder');
  if (to.getTime() - from.getTime() > 90 * DAY_MS) return refuse('bad_request', 'open311.error.dateRange');
  return ok({ ids: null, codes: codes.length ? codes : null, statuses: statuses.length ? (statuses as ('open' | 'closed')[]) : ['open', 'closed'], from: from.toISOString(), to: to.toISOString() });
}

/** A jurisdiction id other than the town's is not served here (not found, as the spec says). */
export function checkJurisdiction(value: string | undefined, settings: Open311Settings): Refusal | null {
  if (value === undefined || value.trim() === '' || value.trim() === settings.jurisdictionId) return null;
  return { code: 'not_found', key: 'open311.error.jurisdiction', params: { id: settings.jurisdictionId } };
}

const toRad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function distanceKm([lat1, long1]: [number, number], [lat2, long2]: [number, number]): number {
  const a = Math.sin(toRad(lat2 - lat1) / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(toRad(long2 - long1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** Whether a point lies inside a polygon of [lat, long] vertices (ray casting). */
export function inside([lat, long]: [number, number], polygon: [number, number][]): boolean {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i]!;
    const [yj, xj] = polygon[j]!;
    if (yi > lat !== yj > lat && long < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** The village a point lies in, or else the nearest one within the configured distance. */
export function villageAt(point: [number, number], settings: Open311Settings): string | null {
  const entries = Object.entries(settings.villages);
  const within = entries.find(([, v]) => v.boundary && inside(point, v.boundary));
  if (within) return within[0];
  const nearest = entries.map(([id, v]) => [id, distanceKm(point, v.point)] as const).sort((a, b) => a[1] - b[1])[0];
  return nearest && nearest[1] <= settings.nearestWithinKm ? nearest[0] : null;
}

/** What a posted request becomes: the mailbox submission's fields, and what the answer should add. */
export interface PostedRequest {
  fields: Record<string, string>;
  /** True when the client sent its own submission id (a retry then returns the same receipt). */
  ownSubmissionId: boolean;
  /** Photos or media links sent, which are not kept yet. */
  mediaIgnored: boolean;
  /** A contact was sent but not enough for a real-name case (a name and a phone), so none is kept. */
  contactIgnored: boolean;
}

/**
 * The ways an address may name a village: its names without a parenthesised note ("东岭村（示例）"
 * → 东岭村, 东岭; "Dongling Village (sample)" → dongling village, dongling), lower-cased.
 */
function villageAliases(v: (typeof town.villages)[number]): string[] {
  const plain = (name: string) => name.replace(/[（(][^）)]*[）)]/g, '').trim().toLowerCase();
  const zh = plain(v.name['zh-CN']);
  const en = plain(v.name.en);
  return [zh, zh.replace(/村$/, ''), en, en.replace(/\s*village$/, ''), v.id].filter((a) => [...a].length >= 2);
}

const number = (text: string | undefined) => (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : null);

/**
 * Reads a posted request. Location: `address_id` (a village id), `lat` & `long` (placed in their
 * village), `address_string` or `attribute[village]` (a village's id or name), in that order.
 */
export function readPostedRequest(f: Record<string, string>, settings: Open311Settings, media: boolean): Result<PostedRequest> {
  const jurisdiction = checkJurisdiction(f.jurisdiction_id, settings);
  if (jurisdiction) return { ok: false, refusal: jurisdiction };
  const code = (f.service_code ?? '').trim();
  if (!code) return refuse('bad_request', 'open311.error.serviceMissing');
  if (!findCategory(code)) return refuse('not_found', 'open311.error.serviceUnknown', { params: { code } });

  const byName = (text: string) => town.villages.find((v) => v.id === text || v.name['zh-CN'] === text || v.name.en === text)?.id;
  let village: string | null = null;
  const [lat, long] = [number(f.lat), number(f.long)];
  if (f.address_id?.trim()) {
    village = byName(f.address_id.trim()) ?? null;
    if (!village) return refuse('bad_request', 'open311.error.addressId', { params: { id: f.address_id.trim() } });
  } else if (lat !== null || long !== null) {
    if (lat === null || long === null || Math.abs(lat) > 90 || Math.abs(long) > 180) return refuse('bad_request', 'open311.error.latLong');
    village = villageAt([lat, long], settings);
    if (!village) return refuse('bad_request', 'open311.error.outside', { params: { km: settings.nearestWithinKm } });
  } else {
    const text = (f['attribute[village]'] || f.address_string || '').trim();
    if (!text) return refuse('bad_request', 'open311.error.location');
    village = byName(text) ?? town.villages.find((v) => villageAliases(v).some((alias) => text.toLowerCase().includes(alias)))?.id ?? null;
    if (!village) return refuse('bad_request', 'open311.error.addressString');
  }

  const description = (f.description ?? '').trim();
  const { limits } = town;
  const length = charCount(description);
  if (length < limits.descriptionMin || length > limits.descriptionMax) {
    return refuse('bad_request', 'open311.error.description', { params: { min: limits.descriptionMin, max: limits.descriptionMax } });
  }
  const own = (f['attribute[submission_id]'] ?? '').trim();
  if (own && !CLIENT_ID_PATTERN.test(own)) return refuse('bad_request', 'open311.error.submissionId');

  // Open311 has no subject: the first line of the description stands for it.
  const firstLine = [...(description.split('\n')[0] ?? '')];
  const subject = (firstLine.length >= limits.subjectMin ? firstLine : [...description]).slice(0, 30).join('').trim();
  // A Chinese name is family name first with no space; a name in Latin letters is written as given.
  const [first, last] = [(f.first_name ?? '').trim(), (f.last_name ?? '').trim()];
  const name = /[^\u0000-\u024f]/.test(first + last) ? `${last}${first}` : [first, last].filter(Boolean).join(' ');
  const phone = (f.phone ?? '').replace(/[\s-]/g, '');
  const named = name !== '' && phone !== '';
  return ok({
    fields: {
      submissionId: own,
      village,
      category: code,
      subject,
      description,
      identity: named ? 'named' : 'anonymous',
      ...(named && { name, phone }),
    },
    ownSubmissionId: own !== '',
    mediaIgnored: media || Boolean(f.media_url?.trim()),
    contactIgnored: !named && Boolean(name || phone || f.email?.trim()),
  });
}

/** Which Open311 argument a mailbox field is, for a message that names what the client sent. */
export const OPEN311_FIELD: Record<string, string> = {
  village: 'address_string',
  category: 'service_code',
  subject: 'description',
  description: 'description',
  name: 'first_name',
  phone: 'phone',
  submissionId: 'attribute[submission_id]',
  identity: 'first_name',
};
