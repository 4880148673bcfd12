/**
 * Every user-facing string of the portal and the worker, in zh-CN (the default) and en, gathered
 * from one module per area in content/ui/. Each area's `en` is typed against its `zh`, so a key
 * missing in either language fails the type-check. Placeholders are written {name}.
 */
import { town, type Locale } from './index.ts';
import * as portal from './ui/portal.ts';
import * as resident from './ui/resident.ts';
import * as staff from './ui/staff.ts';
import * as records from './ui/records.ts';
import * as rhythm from './ui/rhythm.ts';
import * as stats from './ui/stats.ts';
import * as open311 from './ui/open311.ts';
// Sealed reports
import * as sealed from './ui/sealed.ts';
import * as abuse from './ui/abuse.ts';
import * as deadlines from './ui/deadlines.ts';
// Keeping a case away from the people it is about; retaliation and check-ins
import * as routing from './ui/routing.ts';
// Rights on published documents, granted by the admin
import * as rights from './ui/rights.ts';
// Documents published from the console
import * as publishing from './ui/publishing.ts';
// The publishing console's pages
import * as console_ from './ui/console.ts';
// The discipline committee's own rule: clocks, the four ways, notices, objections
import * as committee from './ui/committee.ts';

/** The areas, for the test that no key is defined twice. */
export const UI_AREAS = { resident, portal, staff, stats, records, rhythm, open311, sealed, abuse, deadlines, routing, rights, publishing, console: console_, committee };

const zh = { ...resident.zh, ...portal.zh, ...staff.zh, ...stats.zh, ...records.zh, ...rhythm.zh, ...open311.zh, ...sealed.zh, ...abuse.zh, ...deadlines.zh, ...routing.zh, ...rights.zh, ...publishing.zh, ...console_.zh, ...committee.zh };
const en: Record<keyof typeof zh, string> = { ...resident.en, ...portal.en, ...staff.en, ...stats.en, ...records.en, ...rhythm.en, ...open311.en, ...sealed.en, ...abuse.en, ...deadlines.en, ...routing.en, ...rights.en, ...publishing.en, ...console_.en, ...committee.en };

export type UiKey = keyof typeof zh;

export const ui: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zh, en };

const pluralRules = { 'zh-CN': new Intl.PluralRules('zh-CN'), en: new Intl.PluralRules('en') };

/**
 * The string for `key` in `locale`, with {placeholders} filled from `params`. A word that
 * follows a number is written {n|one|other} ("{n} {n|working day|working days}") and chosen by
 * the language's plural rules (Intl.PluralRules); Chinese needs none.
 */
export function translate(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  return ui[locale][key]
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      typeof params[name] === 'number' ? (pluralRules[locale].select(params[name]) === 'one' ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** How long a case took, in working days: "当天办结" / "same day" for none. */
export function workingDaysText(locale: Locale, n: number): string {
  return translate(locale, n === 0 ? 'outcomes.workingDays.sameDay' : 'outcomes.workingDays.value', { n });
}

/**
 * How to reach one of the town's published contacts (content/town.json `contacts`), as a sentence,
 * the town office with its name; a sample deployment says its numbers are samples.
 */
export function officeContact(locale: Locale, office: 'townOffice' | 'discipline'): string {
  const o = town.contacts[office];
  const sample = town.sample ? ` ${translate(locale, 'village.station.phone.sample')}` : '';
  const contact = translate(locale, 'track.overdue.contact', { phone: `${o.phone}${sample}`, hours: o.hours[locale], address: o.address[locale] });
  return office === 'townOffice' ? translate(locale, 'track.overdue.named', { office: town.contacts.townOffice.name[locale], contact }) : contact;
}
