/**
 * The portal's content as the pages read it: the collections loaded once, checked across files
 * (a problem fails the build, naming the file and field), sorted. The villages' disclosures are
 * not here: they live in D1 and the worker renders them into the pages' marked slots
 * (worker/routes/disclosures.tsx); the build knows only each village's cadence (its profile).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { LOCALES, town, type Locale, type Village } from '../../content/index.ts';
import { formatProblems } from '../../content/schemas.ts';
import { checkPages, checkRegulations, checkVillages, type Entry } from './content-checks.ts';

export type RegulationEntry = CollectionEntry<'regulations'>;
export type VillageEntry = CollectionEntry<'villages'>;

/** A village and its profile. */
export interface VillageWithProfile {
  village: Village;
  profile: VillageEntry;
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
  villages: VillageWithProfile[];
  pages: Map<string, CollectionEntry<'pages'>>;
}

async function load(): Promise<Portal> {
  const regulations = await getCollection('regulations');
  const translations = await getCollection('regulationTranslations');
  const profiles = await getCollection('villages');
  const pages = await getCollection('pages');

  const problems = [
    ...checkRegulations(regulations.map(asEntry), translations.map(asEntry), (file) => existsSync(publicFile(file))),
    ...checkVillages(profiles.map(asEntry)),
    ...checkPages(pages.map((p) => p.id)),
  ];
  if (problems.length > 0) throw new Error(formatProblems('The content does not hold together:', problems));

  // Newest first: by issue date, then by document number.
  regulations.sort((a, b) => b.data.issued.localeCompare(a.data.issued) || b.data.docNumber.localeCompare(a.data.docNumber));
  const villages = town.villages.map((village): VillageWithProfile => ({ village, profile: profiles.find((p) => p.data.village === village.id)! }));

  return {
    regulations,
    translations: new Map(translations.map((t) => [t.id, t])),
    villages,
    pages: new Map(pages.map((p) => [p.id, p])),
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
