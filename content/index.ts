/**
 * The town's reference data, validated once, read by both the Astro site and the worker.
 * A wrong field fails loudly here (at build time for the site, at module load for the worker
 * and in the tests) with the path of the field that is wrong.
 */
import { z } from 'zod';
import townJson from './town.json' with { type: 'json' };
import { parseContent } from './validate.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

const slug = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case id: letters, digits and hyphens');

/** A public office's telephone, as residents dial it (area code, a hyphen, the number). */
export const telephone = z.string().regex(/^0\d{2,3}-\d{7,8}$/, 'a telephone number with its area code, such as 0731-55550101');

/** Where residents reach a public office: by telephone, or in person at its address in its hours. */
const office = z.object({ phone: telephone, address: localized, hours: localized }).strict();

const townSchema = z
  .object({
    sample: z.boolean(),
    sampleNotice: localized,
    id: slug,
    caseNumberPrefix: z.string().regex(/^[A-Z]{2,4}$/),
    timeZone: z.string().min(1),
    name: localized,
    county: localized,
    discipline: localized,
    /**
     * The published contacts residents are pointed to when a case runs late: the town office (to
     * ask the town to take the case over) and the discipline committee and supervisory office.
     */
    contacts: z.object({ townOffice: office.extend({ name: localized }), discipline: office }).strict(),
    villages: z
      .array(z.object({ id: slug, name: localized, demonstration: z.boolean() }))
      .min(1),
    categories: z
      .array(
        z.object({
          id: slug,
          name: localized,
          hint: localized,
          /** Who reads cases of this category: the village's officers, or the discipline committee alone. */
          route: z.enum(['village', 'discipline']),
          /** 打击报复: a resident treated unfairly for having reported something (links to their earlier case). */
          retaliation: z.boolean().optional(),
        }),
      )
      .min(1),
    limits: z.object({
      subjectMin: z.number().int().positive(),
      subjectMax: z.number().int().positive(),
      descriptionMin: z.number().int().positive(),
      descriptionMax: z.number().int().max(4000),
      followupMin: z.number().int().positive(),
      followupMax: z.number().int().max(4000),
      nameMax: z.number().int().positive(),
    }),
  })
  .superRefine((town, ctx) => {
    for (const key of ['villages', 'categories'] as const) {
      const seen = new Set<string>();
      town[key].forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}"` });
        seen.add(item.id);
      });
    }
    town.categories.forEach((c, i) => {
      if (c.retaliation && c.route !== 'discipline') ctx.addIssue({ code: 'custom', path: ['categories', i, 'route'], message: 'the retaliation category goes to the discipline committee' });
    });
    if (town.categories.filter((c) => c.retaliation).length > 1) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'at most one retaliation category' });
    if (!town.categories.some((c) => c.route === 'discipline' && !c.retaliation)) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'a category for reports about cadres (route discipline) is needed' });
    if (town.villages.filter((v) => v.demonstration).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['villages'], message: 'exactly one village must be the demonstration village' });
    }
  });

export type Town = z.infer<typeof townSchema>;
export type Village = Town['villages'][number];
export type Category = Town['categories'][number];

/** Validates raw town data and names the file and field on failure. */
export function parseTown(raw: unknown, file = 'content/town.json'): Town {
  return parseContent(townSchema, raw, file);
}

export const town: Town = parseTown(townJson);

/** The village with this id, if the town has one. */
export function findVillage(id: string): Village | undefined {
  return town.villages.find((v) => v.id === id);
}

/** The submission category with this id, if it exists. */
export function findCategory(id: string): Category | undefined {
  return town.categories.find((c) => c.id === id);
}

/** The category of reports about cadres breaking law or discipline (the committee's, not 打击报复). */
export const cadreCategory: Category = town.categories.find((c) => c.route === 'discipline' && !c.retaliation)!;
/** The 打击报复 category, if the town has one. */
export const retaliationCategory: Category | undefined = town.categories.find((c) => c.retaliation);

/** True for the supported locale codes. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale of a path: English under /en/, Chinese everywhere else. */
export function localeOfPath(path: string): Locale {
  return path === '/en' || path.startsWith('/en/') ? 'en' : DEFAULT_LOCALE;
}

/** A path without its language prefix: /en/mailbox → /mailbox, /en → /. */
export function pathWithoutLocale(path: string): string {
  return path.startsWith('/en/') ? path.slice(3) : path === '/en' ? '/' : path;
}

/** The same page in `locale`: /mailbox → /en/mailbox. */
export function localePath(locale: Locale, path: string): string {
  return locale === 'en' ? `/en${path}` : path;
}
