/**
 * Every user-facing string of the portal and the worker, in zh-CN (the default) and en, gathered
 * from one module per area in content/ui/. Each area's `en` is typed against its `zh`, so a key
 * missing in either language fails the type-check. Placeholders are written {name}.
 */
import type { Locale } from './index.ts';
import * as portal from './ui/portal.ts';
import * as resident from './ui/resident.ts';
import * as staff from './ui/staff.ts';
import * as records from './ui/records.ts';
import * as rhythm from './ui/rhythm.ts';
import * as stats from './ui/stats.ts';
import * as abuse from './ui/abuse.ts';

/** The areas, for the test that no key is defined twice. */
export const UI_AREAS = { resident, portal, staff, stats, records, rhythm, abuse };

const zh = { ...resident.zh, ...portal.zh, ...staff.zh, ...stats.zh, ...records.zh, ...rhythm.zh, ...abuse.zh };
const en: Record<keyof typeof zh, string> = { ...resident.en, ...portal.en, ...staff.en, ...stats.en, ...records.en, ...rhythm.en, ...abuse.en };

export type UiKey = keyof typeof zh;

export const ui: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zh, en };

/** The string for `key` in `locale`, with {placeholders} filled from `params`. */
export function translate(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  return ui[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
