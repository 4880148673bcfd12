/**
 * The pure half of the UI strings: `translate` and what is built on it, reading the strings from a
 * table registered with `useStrings`. The table itself (every string of both languages, from
 * content/ui/) is content/ui.ts, which registers it when imported: the Astro site, the tools and
 * the tests import that. The worker does not carry it: it reads the same table as JSON from its
 * static assets (dist/data/ui-strings.json, written by worker/tools/worker-assets.ts) once per
 * isolate, in the locale middleware and at the start of `scheduled()`, and registers it then
 * (worker/services/ui-strings.ts). Only types come from content/ui.ts here: `import type` is not
 * bundled.
 */
import { town, type Locale } from './index.ts';
import type { UiKey } from './ui.ts';

export type { UiKey };

/** Every UI string, by locale and key. */
export type UiStrings = Record<Locale, Record<UiKey, string>>;

let strings: UiStrings | undefined;

/** Registers the table `translate` reads from (content/ui.ts, or the worker's copy read from its assets). */
export function useStrings(table: UiStrings): void {
  strings = table;
}

/** Whether a table has been registered (the worker: whether it could be read yet). */
export function hasStrings(): boolean {
  return strings !== undefined;
}

/**
 * What the worker answers, with status 503, when it could not read its strings: both languages,
 * written here because it cannot come from the table it is missing.
 */
export const STRINGS_UNAVAILABLE = '服务暂时不可用，请稍后再试。\nThe service is briefly unavailable. Please try again in a moment.\n';

const pluralRules = { 'zh-CN': new Intl.PluralRules('zh-CN'), en: new Intl.PluralRules('en') };

/**
 * The string for `key` in `locale`, with {placeholders} filled from `params`. A word that
 * follows a number is written {n|one|other} ("{n} {n|working day|working days}") and chosen by
 * the language's plural rules (Intl.PluralRules); Chinese needs none.
 */
export function translate(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  if (!strings) throw new Error('the UI strings are not loaded');
  return strings[locale][key]
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
