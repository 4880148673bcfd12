/**
 * The portal's content as the pages read it: the collections loaded once, checked across files
 * (a problem fails the build, naming the file and field), sorted, and the disclosure schedules
 * worked out for the build day.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { findVillage, LOCALES, town, type Locale, type Village } from '../../content/index.ts';
import { translate } from '../../content/ui.ts';
import { DISCLOSURE_KINDS, formatProblems, isCivilDate, portal } from '../../content/schemas.ts';
import { checkDisclosures, checkPages, checkRegulations, checkVillages, type Entry } from './content-checks.ts';
import { cadenceOf, comparePeriods, scheduleOf, type KindSchedule } from '../../core/disclosure-cadence.ts';
import { dateIn, formatPeriodLabel } from './format.ts';

export type RegulationEntry = CollectionEntry<'regulations'>;
export type VillageEntry = CollectionEntry<'villages'>;
export type DisclosureEntry = CollectionEntry<'disclosures'>;

export interface VillageAffairs {
  village: Village;
  profile: VillageEntry;
  /** Newest first. */
  disclosures: DisclosureEntry[];
  schedules: KindSchedule[];
}

/**
 * The day the schedules are worked out for: QINGLIAN_TODAY (YYYY-MM-DD) when set, for a
 * reproducible build, else the build day in the town's time zone. Pages state it, since a
 * static page is only as fresh as its build.
 */
export function asOfDate(): string {
  const fixed = process.env.QINGLIAN_TODAY;
  if (fixed) {
    if (!isCivilDate(fixed)) throw new Error(`QINGLIAN_TODAY must be a date written YYYY-MM-DD, not "${fixed}"`);
    return fixed;
  }
  return dateIn(town.timeZone);
}

/** An entry as the checks see it (entries of the glob loader always know their file). */
function asEntry<T>(entry: { id: string; filePath?: string; data: T }): Entry<T> {
  return { id: entry.id, filePath: entry.filePath ?? entry.id, data: entry.data };
}

/** A file under site/public/ (the build runs from the project root). */
function publicFile(path: string): string {
  return resolve('site/public', path);
}

/** The size in bytes of a file under site/public/, e.g. a regulation's PDF. */
export function publicFileSize(path: string): number {
  return statSync(publicFile(path)).size;
}

let loaded: Promise<Portal> | undefined;

interface Portal {
  regulations: RegulationEntry[];
  translations: Map<string, CollectionEntry<'regulationTranslations'>>;
  affairs: VillageAffairs[];
  disclosures: DisclosureEntry[];
  pages: Map<string, CollectionEntry<'pages'>>;
  asOf: string;
}

async function load(): Promise<Portal> {
  const regulations = await getCollection('regulations');
  const translations = await getCollection('regulationTranslations');
  const profiles = await getCollection('villages');
  const disclosures = await getCollection('disclosures');
  const pages = await getCollection('pages');

  const problems = [
    ...checkRegulations(regulations.map(asEntry), translations.map(asEntry), (file) => existsSync(publicFile(file))),
    ...checkVillages(profiles.map(asEntry)),
    ...checkDisclosures(disclosures.map(asEntry), profiles.map(asEntry)),
    ...checkPages(pages.map((p) => p.id)),
  ];
  if (problems.length > 0) throw new Error(formatProblems('The content does not hold together:', problems));

  // Newest first: by issue date, then by document number.
  regulations.sort((a, b) => b.data.issued.localeCompare(a.data.issued) || b.data.docNumber.localeCompare(a.data.docNumber));
  disclosures.sort((a, b) => b.data.published.localeCompare(a.data.published) || comparePeriods(b.data.period, a.data.period));

  const asOf = asOfDate();
  const affairs = town.villages.map((village): VillageAffairs => {
    const profile = profiles.find((p) => p.data.village === village.id)!;
    const own = disclosures.filter((d) => d.data.village === village.id);
    const schedules = DISCLOSURE_KINDS.map((kind) =>
      scheduleOf({
        kind,
        cadence: cadenceOf(kind, profile.data.financeCadence),
        since: profile.data.disclosuresSince,
        today: asOf,
        published: own.filter((d) => d.data.kind === kind).map((d) => ({ period: d.data.period, published: d.data.published })),
        rules: portal.disclosure,
      }),
    );
    return { village, profile, disclosures: own, schedules };
  });

  return {
    regulations,
    translations: new Map(translations.map((t) => [t.id, t])),
    affairs,
    disclosures,
    pages: new Map(pages.map((p) => [p.id, p])),
    asOf,
  };
}

/** Everything the pages show, loaded and checked once per build. */
export function getPortal(): Promise<Portal> {
  loaded ??= load();
  return loaded;
}

/** The portal's own page (process, privacy) in `locale`. */
export async function getPage(name: string, locale: Locale): Promise<CollectionEntry<'pages'>> {
  const page = (await getPortal()).pages.get(locale === 'en' ? `en/${name}` : name);
  if (!page) throw new Error(`content/pages/${locale === 'en' ? 'en/' : ''}${name}.mdx is missing`);
  return page;
}

/** The `[...lang]` route parameter of a locale: nothing for Chinese, en for English. */
export function langParam(locale: Locale): string | undefined {
  return locale === 'en' ? 'en' : undefined;
}

/** The static paths of a page that exists once per language: / and /en/. */
export function localeStaticPaths() {
  return LOCALES.map((locale) => ({ params: { lang: langParam(locale) }, props: { locale } }));
}

/** A disclosure's address without the language prefix: /disclosures/qinglian/2026-q3-finances/. */
export function disclosurePath(entry: DisclosureEntry): string {
  return `/disclosures/${entry.id}/`;
}

/** A disclosure's title: village, period and kind, e.g. 清廉村 2026年10月 财务收支. */
export function disclosureTitle(entry: DisclosureEntry, locale: Locale): string {
  const { village, period, kind } = entry.data;
  return translate(locale, 'disclosures.title', {
    village: findVillage(village)?.name[locale] ?? village,
    period: formatPeriodLabel(period, locale),
    kind: translate(locale, `disclosures.kind.${kind}`),
  });
}
