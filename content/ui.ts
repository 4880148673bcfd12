/**
 * Every user-facing string of the portal and the worker, in zh-CN (the default) and en, gathered
 * from one module per area in content/ui/. Each area's `en` is typed against its `zh`, so a key
 * missing in either language fails the type-check. Placeholders are written {name}.
 *
 * Importing this module registers the table with content/translate.ts, where `translate` lives.
 * The worker and core/ import only that pure module (and types from here): the worker reads the
 * table from its static assets instead of carrying it (worker/services/ui-strings.ts).
 */
import type { Locale } from './index.ts';
import { useStrings } from './translate.ts';
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
// Photos with a case
import * as photos from './ui/photos.ts';
// A photo file: why one is refused, why the phone could not shrink it
import * as photoFiles from './ui/photo-files.ts';
// A village's disclosures in the console (本村公开)
import * as desk from './ui/desk.ts';
// The page frame's controls: 关怀版, the footer's site information, 字号 and 打印
import * as frame from './ui/frame.ts';

/** The areas, for the test that no key is defined twice. */
export const UI_AREAS = { resident, portal, staff, stats, records, rhythm, open311, sealed, abuse, deadlines, routing, rights, publishing, console: console_, committee, photos, photoFiles, desk, frame };

const zh = { ...resident.zh, ...portal.zh, ...staff.zh, ...stats.zh, ...records.zh, ...rhythm.zh, ...open311.zh, ...sealed.zh, ...abuse.zh, ...deadlines.zh, ...routing.zh, ...rights.zh, ...publishing.zh, ...console_.zh, ...committee.zh, ...photos.zh, ...photoFiles.zh, ...desk.zh, ...frame.zh };
const en: Record<keyof typeof zh, string> = { ...resident.en, ...portal.en, ...staff.en, ...stats.en, ...records.en, ...rhythm.en, ...open311.en, ...sealed.en, ...abuse.en, ...deadlines.en, ...routing.en, ...rights.en, ...publishing.en, ...console_.en, ...committee.en, ...photos.en, ...photoFiles.en, ...desk.en, ...frame.en };

export type UiKey = keyof typeof zh;

export const ui: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zh, en };

// Importing this module makes `translate` read this table (the worker reads its copy from its assets).
useStrings(ui);

export { officeContact, translate, workingDaysText } from './translate.ts';
