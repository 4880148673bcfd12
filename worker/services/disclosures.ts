/**
 * Village-affairs disclosures as the worker sees them: each village's cadence from what the
 * site's build publishes at /data/disclosure-inputs.json (content/villages/; nothing published is
 * there), what has been published from D1 (documents of kind 'disclosure', so a disclosure
 * published from the console counts at once), and the pure cadence rules the site uses too (core/disclosure-cadence.ts)
 * applied at a given date. The village page, the disclosures list, the weekly sheet and the
 * quarterly assessment all read due and overdue from here.
 *
 * And the public page of one disclosure: its version, the earlier ones, the answers under it.
 */
import { comparePeriods, dueDate, parsePeriod, scheduleOf, type KindSchedule } from '../../core/disclosure-cadence.ts';
import type { DisclosureInputs } from '../../core/disclosure-inputs.ts';
import type { Disclosure } from '../../content/schemas.ts';
import { town } from '../../content/index.ts';
import * as docs from '../db/documents.ts';
import * as db from '../db/disclosures.ts';
import { DISCLOSURE_INPUTS_PATH, loadStaticData, type AssetReader } from './static-data.ts';

export type { DisclosureInputs };

let cadences: DisclosureInputs | null = null;

/**
 * The inputs: the cadences from the static assets (read once per isolate, as every file of
 * static-data.ts), the published disclosures from D1 (`database`; without it, none). Null where
 * the assets cannot be read (e.g. in unit tests); the next request tries again.
 */
export async function loadDisclosureInputs(assets: AssetReader | undefined, database?: D1Database): Promise<DisclosureInputs | null> {
  if (!assets) return null;
  const ok = await loadStaticData(
    assets,
    DISCLOSURE_INPUTS_PATH,
    () => cadences !== null,
    (body) => {
      try {
        cadences = JSON.parse(body) as DisclosureInputs;
        return true;
      } catch {
        return false;
      }
    },
  );
  if (!ok || !cadences) return null;
  return database ? withPublished(cadences, await db.publishedDisclosures(database)) : cadences;
}

/** The inputs with what is published replaced by `published` (from D1). */
export function withPublished(inputs: DisclosureInputs, published: Pick<Disclosure, 'village' | 'kind' | 'period' | 'published'>[]): DisclosureInputs {
  return {
    ...inputs,
    villages: inputs.villages.map((v) => ({
      ...v,
      kinds: v.kinds.map((k) => ({
        ...k,
        published: published
          .filter((p) => p.village === v.village && p.kind === k.kind)
          .map((p) => ({ period: p.period, published: p.published }))
          .sort((a, b) => a.period.localeCompare(b.period)),
      })),
    })),
  };
}

export interface PublicDisclosure {
  documentId: number;
  slug: string;
  disclosure: Disclosure;
  /** The version shown. */
  seq: number;
  versions: { seq: number; published_at: string; note_zh: string | null; note_en: string | null }[];
  addenda: db.AddendumRow[];
  withdrawn: { at: string; zh: string; en: string | null } | null;
  /** The version's text (a decision's) and PDF. */
  files: { body_zh: string; attachment_sha: string | null; attachment_size: number | null };
}

/** A published disclosure (or an earlier version `seq`) for its public page; null when there is none at that address. */
export async function publicDisclosure(database: D1Database, slug: string, seq?: number): Promise<PublicDisclosure | null> {
  const row = await docs.findPublished(database, 'disclosure', slug, seq);
  if (!row) return null;
  const [versions, addenda] = await Promise.all([docs.publishedVersions(database, row.id), db.addendaOf(database, row.id)]);
  return {
    documentId: row.id,
    slug,
    disclosure: row.meta as unknown as Disclosure,
    seq: row.seq,
    versions,
    addenda,
    withdrawn: row.withdrawn_at ? { at: row.withdrawn_at, zh: row.withdrawn_reason_zh ?? '', en: row.withdrawn_reason_en } : null,
    files: row,
  };
}

/** Every published disclosure (withdrawn ones left out), newest publication first. */
export async function publishedList(database: D1Database): Promise<Disclosure[]> {
  const all = await docs.listPublished(database, 'disclosure');
  return all.filter((d) => d.withdrawn_at === null).map((d) => d.meta as unknown as Disclosure);
}

/** Part of the validator of the disclosure pages: changes when an answer is published under any of them. */
export function addendaStamp(database: D1Database): Promise<string> {
  return db.addendaStamp(database);
}

/** Overdue disclosures per village on `today` (town date), as "kind period" labels. */
export function overdueDisclosures(inputs: DisclosureInputs, today: string): Record<string, string[]> {
  return Object.fromEntries(
    inputs.villages.map((v) => [
      v.village,
      v.kinds.flatMap((k) => scheduleOf({ ...k, today, rules: inputs.rules }).overdue.map((o) => `${k.kind} ${o.period}`)),
    ]),
  );
}

/**
 * Punctuality per village for disclosures due in [from, to] (town dates): on time / due, or
 * null where nothing fell due. Overdue ones count as not on time.
 */
export function disclosurePunctuality(inputs: DisclosureInputs, from: string, to: string, today: string): Record<string, number | null> {
  return Object.fromEntries(
    inputs.villages.map((v) => {
      let due = 0;
      let onTime = 0;
      for (const k of v.kinds) {
        for (const p of k.published) {
          const period = parsePeriod(p.period);
          if (!period) continue;
          const d = dueDate(period, inputs.rules);
          if (d < from || d > to) continue;
          due++;
          if (p.published <= d) onTime++;
        }
        for (const o of scheduleOf({ ...k, today, rules: inputs.rules }).overdue) if (o.due >= from && o.due <= to) due++;
      }
      return [v.village, due === 0 ? null : onTime / due];
    }),
  );
}

/** What the mailbox form needs to ask about a disclosure: its slug, village, the question category and the disclosure; null for none at that slug. */
export async function questionTarget(database: D1Database, slug: string): Promise<{ slug: string; village: string; category: string; disclosure: Disclosure } | null> {
  const category = town.categories.find((c) => c.aboutDisclosure);
  if (!category || !slug) return null;
  const found = await publicDisclosure(database, slug);
  if (!found || found.withdrawn) return null;
  return { slug, village: found.disclosure.village, category: category.id, disclosure: found.disclosure };
}

/** One village's schedules on a day and its published disclosures, newest first. */
export interface VillageAffairs {
  village: string;
  schedules: KindSchedule[];
  disclosures: Disclosure[];
}

/**
 * Every village's disclosure schedules on `today` (town date) from the cadences in content/ and
 * what D1 holds as published: what the village pages and the disclosures page show. Null when the
 * cadences cannot be read from the static assets.
 */
export async function villageAffairs(assets: Fetcher | undefined, database: D1Database, today: string): Promise<VillageAffairs[] | null> {
  // One reading of what is published serves both the schedules and the lists.
  const [cadences, list] = await Promise.all([loadDisclosureInputs(assets), publishedList(database)]);
  if (!cadences) return null;
  const inputs = withPublished(cadences, list);
  const newest = [...list].sort((a, b) => b.published.localeCompare(a.published) || comparePeriods(b.period, a.period));
  return inputs.villages.map((v) => ({
    village: v.village,
    schedules: v.kinds.map((k) => scheduleOf({ ...k, today, rules: inputs.rules })),
    disclosures: newest.filter((d) => d.village === v.village),
  }));
}
