/**
 * The shapes of the town's published words: regulations, village profiles, village-affairs
 * disclosures and the portal's own long pages. The Astro collections (site/content.config.ts),
 * the imports into D1 (worker/tools/) and the tests all validate with these.
 *
 * People appear by public role only: no schema has a field for a person's name or phone number,
 * and every object is strict, so such a field is refused rather than published.
 */
import { parseContent } from './validate.ts';
import { z } from 'zod';
import { findVillage, portal as portalSettings } from './index.ts';
import { civilDate, isCivilDate, telephone, type PortalSettings } from './settings-schemas.ts';

export const REGULATION_STATUSES = ['in-force', 'amended', 'repealed'] as const;
export type RegulationStatus = (typeof REGULATION_STATUSES)[number];

export const REGULATION_CATEGORIES = ['clean-village', 'cadre-management', 'performance', 'working-rules'] as const;
export type RegulationCategory = (typeof REGULATION_CATEGORIES)[number];

/** The kinds of village-affairs disclosure, after the Organic Law of Villagers' Committees, art. 30. */
export const DISCLOSURE_KINDS = ['finances', 'assets', 'subsidies', 'projects', 'decisions'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const FINANCE_CADENCES = ['monthly', 'quarterly'] as const;
export type FinanceCadence = (typeof FINANCE_CADENCES)[number];

export { civilDate, isCivilDate };

/** Text in Chinese, with an English translation when there is one. */
export const localizedText = z
  .object({
    'zh-CN': z.string({ error: 'Chinese text is required' }).trim().min(1, 'Chinese text is required'),
    en: z.string().trim().min(1, 'leave out en rather than leave it empty').optional(),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedText>;

const id = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'lower-case letters, digits and hyphens');

/** 文号: issuing body's abbreviation, year in 〔〕, serial number, 号. */
export const DOC_NUMBER = /^\S.*〔(\d{4})〕(\d+)号$/;

export const regulationSchema = z
  .object({
    title: localizedText,
    docNumber: z
      .string({ error: 'the document number (文号) is required, e.g. 长岭发〔2026〕3号' })
      .regex(DOC_NUMBER, 'a document number (文号) such as 长岭发〔2026〕3号, with the year in 〔〕'),
    issuer: localizedText,
    issued: civilDate,
    effective: civilDate,
    status: z.enum(REGULATION_STATUSES),
    category: z.enum(REGULATION_CATEGORIES),
    /** The regulation this one amends (that one's status is then "amended"). */
    amends: id.optional(),
    /** The regulation this one replaces (that one's status is then "repealed"). */
    replaces: id.optional(),
    summary: localizedText,
    /** A PDF under site/public/files/, e.g. files/clean-village-opinions.pdf. */
    attachment: z
      .object({
        file: z.string().regex(/^files\/[A-Za-z0-9._-]+\.pdf$/, 'a PDF under site/public/files/, written files/name.pdf'),
        label: localizedText,
      })
      .strict()
      .optional(),
    /** What happened to the document, oldest first: issued, amended, repealed… */
    history: z.array(z.object({ date: civilDate, change: localizedText }).strict()).min(1, 'at least the issue'),
  })
  .strict()
  .superRefine((reg, ctx) => {
    const year = DOC_NUMBER.exec(reg.docNumber)?.[1];
    if (year && reg.issued.slice(0, 4) !== year) {
      ctx.addIssue({ code: 'custom', path: ['docNumber'], message: `the year in 〔${year}〕 differs from the issue date ${reg.issued}` });
    }
    if (reg.effective < reg.issued) {
      ctx.addIssue({ code: 'custom', path: ['effective'], message: `takes effect (${reg.effective}) before it is issued (${reg.issued})` });
    }
    reg.history.forEach((entry, i) => {
      const before = reg.history[i - 1];
      if (before && entry.date < before.date) {
        ctx.addIssue({ code: 'custom', path: ['history', i, 'date'], message: 'the history is written oldest first' });
      }
    });
    if (reg.amends && reg.amends === reg.replaces) {
      ctx.addIssue({ code: 'custom', path: ['replaces'], message: 'a regulation either amends or replaces another, not both' });
    }
  });
export type Regulation = z.infer<typeof regulationSchema>;

/** An English translation of a regulation's body: content/regulations/en/<same name>.mdx. */
export const translationSchema = z
  .object({
    /** Who translated it, e.g. the town office; shown with the translation. */
    translator: localizedText.optional(),
  })
  .strict();

const officer = z
  .object({
    /** A public role, never a name: 联络员（示例）. */
    role: localizedText,
    duties: localizedText,
  })
  .strict();

export const villageSchema = z
  .object({
    village: id.refine((v) => findVillage(v) !== undefined, { message: 'not a village of content/town.json' }),
    summary: localizedText,
    /** Finances are disclosed monthly where the collective has many transactions, else quarterly. */
    financeCadence: z.enum(FINANCE_CADENCES),
    /** From this day the village publishes its disclosures here; earlier periods are not tracked. */
    disclosuresSince: civilDate,
    station: z
      .object({
        name: localizedText,
        established: civilDate,
        address: localizedText,
        hours: localizedText,
        /** The station's telephone, as residents dial it. */
        phone: telephone,
        officers: z.array(officer).min(1),
        contact: z.array(localizedText).min(1),
      })
      .strict(),
    mailboxes: z.array(z.object({ place: localizedText, opened: civilDate, collected: localizedText }).strict()).min(1),
    milestones: z.array(z.object({ date: civilDate, text: localizedText }).strict()),
  })
  .strict()
  .superRefine((profile, ctx) => {
    profile.milestones.forEach((m, i) => {
      const before = profile.milestones[i - 1];
      if (before && m.date < before.date) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'date'], message: 'milestones are written oldest first' });
    });
  });
export type VillageProfile = z.infer<typeof villageSchema>;

export const COLUMN_TYPES = ['text', 'money', 'number', 'date'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

const cell = z.union([z.number(), z.string().trim().min(1), localizedText]);
export type Cell = z.infer<typeof cell>;

const table = z
  .object({
    caption: localizedText,
    columns: z.array(z.object({ label: localizedText, type: z.enum(COLUMN_TYPES).default('text') }).strict()).min(1),
    rows: z.array(z.array(cell)).min(1),
    /** Label of a totals row summing the money and number columns; the build computes the sums. */
    total: localizedText.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    t.rows.forEach((row, r) => {
      if (row.length !== t.columns.length) {
        ctx.addIssue({ code: 'custom', path: ['rows', r], message: `has ${row.length} cells for ${t.columns.length} columns` });
      }
      row.forEach((value, c) => {
        const type = t.columns[c]?.type;
        if ((type === 'money' || type === 'number') && typeof value !== 'number') {
          ctx.addIssue({ code: 'custom', path: ['rows', r, c], message: `a ${type} column needs a number` });
        }
        if (type === 'date' && !(typeof value === 'string' && isCivilDate(value))) {
          ctx.addIssue({ code: 'custom', path: ['rows', r, c], message: 'a date column needs a date written YYYY-MM-DD' });
        }
      });
    });
    if (t.total && !t.columns.some((c) => c.type === 'money' || c.type === 'number')) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'a totals row needs a money or number column' });
    }
    if (t.total && t.columns[0]?.type !== 'text') {
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'a totals row needs a text first column for its label' });
    }
  })
  // A plain string in a text column is Chinese with no translation yet, like any other text.
  .transform((t) => ({
    ...t,
    rows: t.rows.map((row) => row.map((value, c) => (t.columns[c]?.type === 'text' && typeof value === 'string' ? { 'zh-CN': value } : value))),
  }));
export type DisclosureTable = z.infer<typeof table>;

/** 2026-10 (a month), 2026-Q3 (a quarter) or 2026-09-15 (the day a matter was decided or happened). */
export const PERIOD = /^\d{4}-(?:(?:0[1-9]|1[0-2])|Q[1-4]|(?:0[1-9]|1[0-2])-\d{2})$/;

export const disclosureSchema = z
  .object({
    village: id.refine((v) => findVillage(v) !== undefined, { message: 'not a village of content/town.json' }),
    kind: z.enum(DISCLOSURE_KINDS),
    period: z
      .string()
      .regex(PERIOD, 'a month (2026-10), a quarter (2026-Q3) or, for projects and decisions, a date (2026-09-15)')
      .refine((p) => p.length !== 10 || isCivilDate(p), { message: 'this day does not exist on the calendar' }),
    published: civilDate,
    /** The day it was sent for review (送审): set when the village's supervision signs it off in the console. */
    submitted: civilDate.optional(),
    /** Who publishes it and who checked it, by public role. */
    publishedBy: localizedText,
    reviewedBy: localizedText,
    summary: localizedText,
    tables: z.array(table).min(1),
    notes: z.array(localizedText).default([]),
  })
  .strict();
export type Disclosure = z.infer<typeof disclosureSchema>;

/** The portal's own long pages (process, privacy) in content/pages/ and content/pages/en/. */
export const pageSchema = z.object({ title: z.string().min(1), description: z.string().min(1) }).strict();

export type { PortalSettings } from './settings-schemas.ts';

/** One problem in one content file, worded for the clerk who wrote it. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

/** The problems as one error message: one line per problem, `file: field: message`. */
export function formatProblems(title: string, problems: ContentProblem[]): string {
  return `${title}\n${problems.map((p) => `  ${p.file}: ${p.field || '(root)'}: ${p.message}`).join('\n')}`;
}

/** Validates `raw` against `schema`, listing every problem with the file and field named. */
export function validate<T>(schema: z.ZodType<T>, raw: unknown, file: string): { data?: T; problems: ContentProblem[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => ({ file, field: issue.path.join('.'), message: issue.message })) };
}

/** Validates `raw` against `schema` or throws naming the file and each wrong field. */
export const parseOrThrow = parseContent;

/** The portal's settings, validated at build time (content/generate.ts). */
export const portal: PortalSettings = portalSettings;
