/**
 * The shapes of the town's settings files (town, workflow, calendar, assessment plan, abuse limits,
 * Open311, release calendar, portal) and the functions that validate them, naming the file and the
 * field of any problem. Used at build time only: content/generate.ts validates the files with these
 * and writes content/generated/settings.ts, which the worker and the site import (no zod at run time).
 */
import { z } from 'zod';
import { parseContent } from './validate.ts';

// The town (content/town.json)

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
    contacts: z
      .object({
        townOffice: office.extend({ name: localized }),
        discipline: office,
        /**
         * The county discipline commission's published channels, for a report about the town's own
         * committee or its members (which the town's mailbox does not take: Art. 15 of the rules on
         * reports): the national line 12388 as dialled in the county, its website, and the county's
         * own letters-and-visits office.
         */
        county: office.extend({
          name: localized,
          reportLine: z.string().regex(/^0\d{2,3}-12388$/, 'the 12388 line with the county’s area code, such as 0731-12388'),
          website: z.string().regex(/^https:\/\/[^\s]+$/, 'an https address'),
        }),
      })
      .strict(),
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
          /** A fixed time limit counted from arrival, in working days on the town calendar (a question about a disclosure: 10). */
          timeLimitWorkingDays: z.number().int().positive().max(90).optional(),
          /** A question about a village disclosure: it arrives from the disclosure's page, linked to it. */
          aboutDisclosure: z.boolean().optional(),
          /**
           * Past its time limit without an answer, the hourly cron passes it to town staff (their queue
           * flags it; the resident's history says so). Not the discipline committee's: that is `escalate`.
           */
          overdueToTown: z.boolean().optional(),
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
    town.categories.forEach((c, i) => {
      if (c.aboutDisclosure && c.route !== 'village') ctx.addIssue({ code: 'custom', path: ['categories', i, 'route'], message: 'a question about a disclosure goes to the village’s supervision' });
    });
    town.categories.forEach((c, i) => {
      if (c.overdueToTown && (c.route !== 'village' || !c.timeLimitWorkingDays)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'overdueToTown'], message: 'only a village category with a time limit from arrival is passed to town staff when overdue' });
    });
    if (town.categories.filter((c) => c.aboutDisclosure).length > 1) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'at most one category for questions about disclosures' });
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

/**
 * The telephone numbers the town publishes for its offices: the town's and the county's contacts
 * (content/town.json) and each village station's (content/villages/*.yaml). They identify no one,
 * so the personal-data check lets them through in what staff publish; any other number it blocks.
 */
export type PublishedPhones = string[];

/** The published numbers of the town's contacts and of the stations (each station file named on a wrong number). */
export function parsePublishedPhones(town: Town, stations: { file: string; raw: unknown }[]): PublishedPhones {
  const { townOffice, discipline, county } = town.contacts;
  const phones = [townOffice.phone, discipline.phone, county.phone, county.reportLine];
  for (const { file, raw } of stations) {
    const station = (raw as { station?: { phone?: unknown } } | null)?.station;
    phones.push(parseContent(z.object({ phone: telephone }), { phone: station?.phone }, `${file}: station`).phone);
  }
  return [...new Set(phones)].sort();
}

// Calendar dates (shared with the site's collections, content/schemas.ts)

const DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is YYYY-MM-DD and names a day that exists (no 2026-02-30). */
export function isCivilDate(text: string): boolean {
  const match = DATE_FORMAT.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** A calendar date as the town writes it, YYYY-MM-DD, kept as text (no time zone to get wrong). */
export const civilDate = z
  .string({ error: 'a date written YYYY-MM-DD' })
  .regex(DATE_FORMAT, 'a date written YYYY-MM-DD, e.g. 2026-03-15')
  .refine(isCivilDate, { message: 'this day does not exist on the calendar' });

// Workflow, calendar and assessment plan (content/workflow.json, calendar.json, assessment-plan.json)

const positive = z.number().int().positive();

const workflowSchema = z.object({
  acceptWithinWorkingDays: positive,
  timeLimit: z.object({ defaultWorkingDays: positive, maxWorkingDays: positive.max(90) }),
  dueSoonWorkingDays: positive,
  staffSession: z.object({ idleMinutes: positive, maxHours: positive }),
  // Attempts on one name are checked one after another: after `freeFailures` failures in a row their
  // slots are spaced doubling from `firstDelaySeconds` up to `maxDelaySeconds`, and an attempt whose
  // slot would be more than `maxDelaySeconds` ahead is refused unchecked (one guess per
  // `maxDelaySeconds` per name, whatever the parallelism); the count is forgotten after a quiet spell.
  signIn: z.object({ freeFailures: positive, firstDelaySeconds: positive, maxDelaySeconds: positive, forgetAfterMinutes: positive }),
  messageMax: positive,
  /** Cases per page of the staff queue (each section pages on its own). */
  queuePageSize: positive.max(500),
  /**
   * A member's pages of one case within this many minutes of their last logged opening of it (the
   * page after each of their moves, a reload) are the same opening: one row of the access log.
   */
  accessLogSameOpeningMinutes: positive.max(60),
  /**
   * Calendar days after a committee case closes on which its resident's query page asks whether
   * anyone has treated them unfairly since (a check-in), in increasing order.
   */
  checkInDays: z
    .array(positive.max(3650))
    .min(1)
    .refine((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), 'in increasing order'),
});

const calendarYear = z
  .object({
    /** The notice the dates are copied from, by its title, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
    notice: z.string().min(1),
    /** Days off: the holidays and the weekend days joined to them (放假). */
    holidays: z.array(civilDate).min(1),
    /** Weekend days worked instead (调休上班). */
    adjustedWorkdays: z.array(civilDate),
  })
  .strict();

const calendarSchema = z
  .object({
    source: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
    years: z.record(z.string().regex(/^\d{4}$/, 'a year written YYYY'), calendarYear),
  })
  .superRefine((cal, ctx) => {
    const listed = new Map<string, string>();
    for (const [year, days] of Object.entries(cal.years)) {
      for (const key of ['holidays', 'adjustedWorkdays'] as const) {
        days[key].forEach((date, i) => {
          const path = ['years', year, key, i];
          // A New Year holiday may begin, or be made up for, in the last days of the year before.
          if (!date.startsWith(`${year}-`) && !date.startsWith(`${Number(year) - 1}-12-`)) {
            ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${year} (nor in the December before it)` });
          } else if (key === 'adjustedWorkdays' && ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())) {
            ctx.addIssue({ code: 'custom', path, message: `${date} is a weekday: an adjusted working day (调休上班) is a Saturday or a Sunday` });
          }
          const before = listed.get(date);
          if (before) ctx.addIssue({ code: 'custom', path, message: `${date} is listed twice (also in ${before})` });
          listed.set(date, `years.${year}.${key}`);
        });
      }
    }
  });

/**
 * The discipline committee's rule (content/committee.json): its time limits in working days on the
 * town calendar and the ways a clue is disposed of, with the article each comes from. The ids of
 * the ways are fixed (the workflow's moves are named after them); their names are the town's.
 */
export const DISPOSAL_WAYS = ['talk', 'verify', 'shelve', 'conclude', 'transfer'] as const;
const committeeLimit = z
  .object({
    workingDays: positive.max(90),
    from: z.enum(['receipt', 'closing']),
    article: z.string().min(1),
    articleEn: z.string().min(1),
    label: localized,
  })
  .strict();
const committeeSchema = z
  .object({
    rule: localized,
    limits: z.object({ acceptance: committeeLimit, acceptanceNotice: committeeLimit, resultNotice: committeeLimit }).strict(),
    ways: z
      .array(z.object({ id: z.enum(DISPOSAL_WAYS), article: z.string().min(1), articleEn: z.string().min(1), closes: z.boolean(), name: localized }).strict())
      .refine((ways) => DISPOSAL_WAYS.every((id) => ways.filter((w) => w.id === id).length === 1), 'each of talk, verify, shelve, conclude and transfer exactly once')
      .refine((ways) => ways.every((w) => w.closes === (w.id === 'conclude' || w.id === 'transfer')), 'only conclude and transfer close a case'),
    reporting: z.object({ article: z.string().min(1), articleEn: z.string().min(1), cadence: z.literal('quarterly') }).strict(),
  })
  .strict();

export type CommitteeRule = z.infer<typeof committeeSchema>;
/** Validates the committee's rule, naming the file and field on failure. */
export const parseCommitteeRule = (raw: unknown) => parseContent(committeeSchema, raw, 'content/committee.json');

export type WorkflowSettings = z.infer<typeof workflowSchema>;
export type Calendar = z.infer<typeof calendarSchema>;

/** Validates workflow settings, naming the file and field on failure. */
export const parseWorkflow = (raw: unknown) => parseContent(workflowSchema, raw, 'content/workflow.json');
/** Validates a working-day calendar, naming the file and field on failure. */
export const parseCalendar = (raw: unknown) => parseContent(calendarSchema, raw, 'content/calendar.json');

const assessmentPlanSchema = z.object({
  note: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  regulation: z.string().min(1),
  minCases: positive,
  expectedRecordEntriesPerMonth: positive,
  indicators: z
    .array(z.object({ id: z.enum(['acceptedOnTime', 'resolvedWithinLimit', 'satisfaction', 'disclosurePunctuality', 'recordForm']), weight: positive }))
    .min(1),
});

/** Validates the quarterly scoring plan, naming the file and field on failure. */
export const parseAssessmentPlan = (raw: unknown) => parseContent(assessmentPlanSchema, raw, 'content/assessment-plan.json');
export type AssessmentPlanContent = z.infer<typeof assessmentPlanSchema>;

// Abuse limits (content/abuse.json)

const abuseSchema = z
  .object({
    followups: z.object({ perCasePerDay: positive.max(100) }),
    proofOfWork: z.object({
      /** Leading zero bits of SHA-256 asked in normal times: 12 is about 4,000 hashes, well under a second on a cheap phone. */
      baseBits: positive.max(24),
      /** The most it rises to under a flood (each bit doubles the work). */
      maxBits: positive.max(28),
      /** How long a challenge may be answered after it was issued. */
      validMinutes: positive.max(24 * 60),
      /** The window over which the recent submission rate is counted. */
      recentMinutes: positive.max(24 * 60),
      /** Submissions in that window that count as normal; each doubling beyond adds two bits. */
      normalSubmissionsPerRecent: positive,
      /**
       * Proofs spent on one kind of request (lookups, sign-ins, follow-ups, feedback) in an hour
       * that count as normal; each doubling beyond adds two bits for that kind, whatever the
       * submission rate. Counted over the current hour and the one before, against twice this.
       */
      normalProofsPerHour: z.object({ track: positive, signin: positive, followup: positive, feedback: positive }),
    }),
    noScriptBudgets: z.object({
      submissionsPerVillagePerHour: positive,
      submissionsPerHour: positive,
      lookupsPerHour: positive,
      followupsPerHour: positive,
      feedbackPerHour: positive,
      signInsPerHour: positive,
    }),
  })
  .superRefine((s, ctx) => {
    if (s.proofOfWork.maxBits < s.proofOfWork.baseBits) ctx.addIssue({ code: 'custom', path: ['proofOfWork', 'maxBits'], message: 'must be at least baseBits' });
    if (s.noScriptBudgets.submissionsPerHour < s.noScriptBudgets.submissionsPerVillagePerHour) {
      ctx.addIssue({ code: 'custom', path: ['noScriptBudgets', 'submissionsPerHour'], message: 'must be at least submissionsPerVillagePerHour' });
    }
  });

export type AbuseSettings = z.infer<typeof abuseSchema>;

/** Validates the abuse limits, naming the file and field on failure. */
export const parseAbuseSettings = (raw: unknown) => parseContent(abuseSchema, raw, 'content/abuse.json');

// Open311 (content/open311.json)

const latLong = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);

const open311Fields = z.object({
  sample: z.boolean(),
  note: z.string().min(1),
  jurisdictionId: z.string().regex(/^[a-z0-9.-]+$/, 'a jurisdiction id such as changling.example.cn (the site address without www)'),
  duplicateWindowMinutes: z.number().int().min(0).max(24 * 60),
  nearestWithinKm: z.number().min(0).max(50),
  villages: z.record(z.string(), z.object({ point: latLong, boundary: z.array(latLong).min(3).optional() })),
});

/** The Open311 settings of `town`: every village of it has a point, and no other village does. */
const open311Schema = (town: Town) =>
  open311Fields.superRefine((o, ctx) => {
    for (const v of town.villages) if (!o.villages[v.id]) ctx.addIssue({ code: 'custom', path: ['villages', v.id], message: 'every village needs a point' });
    for (const id of Object.keys(o.villages)) if (!town.villages.some((v) => v.id === id)) ctx.addIssue({ code: 'custom', path: ['villages', id], message: 'no such village in content/town.json' });
  });

export type Open311Settings = z.infer<typeof open311Fields>;

/** Validates Open311 settings against the town's villages, naming the file and field on failure. */
export const parseOpen311 = (raw: unknown, town: Town): Open311Settings => parseContent(open311Schema(town), raw, 'content/open311.json');

// Release calendar (content/releases.json)

const cadence = <const T extends readonly [string, ...string[]]>(allowed: T) =>
  z.enum(allowed, { error: () => `one of ${allowed.join(', ')} (no cadence finer than a day)` });

const releasesSchema = z.object({
  note: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  /** The hour of the town's day (0–23) at which a due release is made. */
  hour: z.number().int().min(0).max(23),
  /** The village, category and period tables: one release per month or per quarter, after it closes. */
  tables: cadence(['month', 'quarter']),
  /** Cases about village cadres and escalations, counted town-wide: per quarter or per year. */
  cadreReports: cadence(['quarter', 'year']),
  /** The town-wide line of cases open and overdue at the cut-off, or "off". */
  openNow: cadence(['day', 'week', 'month', 'off']),
});

export type ReleaseCalendar = z.infer<typeof releasesSchema>;

/** Validates a release calendar, naming the file and field on failure. */
export const parseReleaseCalendar = (raw: unknown) => parseContent(releasesSchema, raw, 'content/releases.json') as ReleaseCalendar;

// The portal (content/portal.json)

/** A text both languages give, or neither (then it is not shown). */
const optionalLocalized = z
  .object({ 'zh-CN': z.string(), en: z.string() })
  .strict()
  .refine((t) => (t['zh-CN'] === '') === (t.en === ''), 'give the text in both languages, or leave both empty');

const portalSchema = z
  .object({
    /** Where the portal is published; feeds and the sitemap need absolute addresses. */
    siteUrl: z.url({ protocol: /^https$/ }),
    disclosure: z
      .object({
        /** A month's or quarter's disclosure is due this many days after the period ends. */
        dueDaysAfterPeriod: z.number().int().min(0).max(60),
        /** A project or a meeting decision is disclosed within this many days. */
        dueDaysAfterEvent: z.number().int().min(0).max(60),
      })
      .strict(),
    /**
     * The site information every government site shows in its footer (《政府网站发展指引》): who runs
     * it, who operates it, how to reach them, and its registration numbers. An empty value is not
     * shown; a text is given in both languages or in neither.
     */
    footer: z
      .object({
        sponsor: optionalLocalized,
        organizer: optionalLocalized,
        /** 联系我们; when empty, the town office's telephone from content/town.json. */
        contact: optionalLocalized,
        /** 网站标识码, e.g. 4301000001: ten to fifteen characters of letters and digits. */
        siteCode: z.union([z.literal(''), z.string().regex(/^[0-9A-Z]{10,15}$/, 'the website code as issued, e.g. 4301000001')]),
        /** ICP 备案号, e.g. 湘ICP备12345678号-1. */
        icp: z.union([z.literal(''), z.string().regex(/^\p{Script=Han}ICP备\d{6,10}号(?:-\d{1,3})?$/u, 'the ICP filing as issued, e.g. 湘ICP备12345678号-1')]),
        /** 公安机关备案号, e.g. 湘公网安备43010002000001号. */
        police: z.union([z.literal(''), z.string().regex(/^\p{Script=Han}公网安备\d{10,16}号$/u, 'the public security filing as issued, e.g. 湘公网安备43010002000001号')]),
        /**
         * Where 我为政府网站找错 leads: a page of this site (a path such as /mailbox) or the
         * address (https) of the page the town chooses, such as the national 政府网站找错 service.
         */
        siteErrors: z.union([z.string().regex(/^\/(?!\/)[^\s]*$/, 'a path on this site such as /mailbox'), z.string().regex(/^https:\/\/[^\s]+$/, 'an https address')]),
      })
      .strict(),
    /** Documents published from the console (worker/publishing/): how large a body and an attachment may be. */
    publishing: z
      .object({
        /** The longest body, in characters, of one language of a document (a long regulation is some 20,000). */
        bodyMaxChars: z.number().int().min(1_000).max(500_000),
        /** The deepest nesting of lists and quotes a body may have. */
        bodyMaxDepth: z.number().int().min(2).max(10),
        /** The largest attachment (a signed PDF scan), in bytes. */
        attachmentMaxBytes: z.number().int().min(10_000).max(25 * 1024 * 1024),
      })
      .strict(),
    /**
     * Photos with a case (the mailbox, a follow-up, Open311): how many a submission may carry, and
     * how large each and all together may be, in bytes as they arrive (shrunk in the browser with
     * JavaScript; as the camera made them without). The worker reads a body up to the total and no further.
     */
    photos: z
      .object({
        maxCount: z.number().int().min(0).max(10),
        maxBytesEach: z.number().int().min(100_000).max(20 * 1024 * 1024),
        maxTotalBytes: z.number().int().min(100_000).max(40 * 1024 * 1024),
      })
      .strict()
      .refine((p) => p.maxTotalBytes >= p.maxBytesEach, { message: 'maxTotalBytes must be at least maxBytesEach' }),
  })
  .strict();
export type PortalSettings = z.infer<typeof portalSchema>;

/** Validates the portal's settings, naming the file and field on failure. */
export const parsePortal = (raw: unknown): PortalSettings => parseContent(portalSchema, raw, 'content/portal.json');
