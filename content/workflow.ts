/**
 * The town's case-handling settings and its working-day calendar (official holidays and the
 * adjusted working days, 调休), validated once and read by the worker's clock and workflow.
 */
import { z } from 'zod';
import calendarJson from './calendar.json' with { type: 'json' };
import workflowJson from './workflow.json' with { type: 'json' };
import assessmentPlanJson from './assessment-plan.json' with { type: 'json' };
import { civilDate } from './schemas.ts';
import { parseContent } from './validate.ts';

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

export type WorkflowSettings = z.infer<typeof workflowSchema>;
export type Calendar = z.infer<typeof calendarSchema>;

/** Validates workflow settings, naming the file and field on failure. */
export const parseWorkflow = (raw: unknown) => parseContent(workflowSchema, raw, 'content/workflow.json');
/** Validates a working-day calendar, naming the file and field on failure. */
export const parseCalendar = (raw: unknown) => parseContent(calendarSchema, raw, 'content/calendar.json');

export const workflowSettings: WorkflowSettings = parseWorkflow(workflowJson);
export const calendar: Calendar = parseCalendar(calendarJson);

const dayIndexes = new WeakMap<Calendar, { holidays: Set<string>; workdays: Set<string> }>();

/** Every listed day off and adjusted working day of a calendar, whichever year's notice lists it. */
function indexOf(cal: Calendar) {
  let index = dayIndexes.get(cal);
  if (!index) {
    const years = Object.values(cal.years);
    index = { holidays: new Set(years.flatMap((y) => y.holidays)), workdays: new Set(years.flatMap((y) => y.adjustedWorkdays)) };
    dayIndexes.set(cal, index);
  }
  return index;
}

/** Whether the calendar holds the official arrangement of `year`; other years count Monday to Friday. */
export function coversYear(year: number, cal: Calendar = calendar): boolean {
  return Object.hasOwn(cal.years, String(year));
}

/**
 * Whether a town-calendar date (YYYY-MM-DD) is a working day: an adjusted working day always is,
 * an official holiday never is, otherwise Monday to Friday. Years the calendar does not cover
 * fall back to Monday to Friday (see `coversYear`: what is counted so is provisional).
 */
export function isWorkingDay(date: string, cal: Calendar = calendar): boolean {
  const { holidays, workdays } = indexOf(cal);
  if (workdays.has(date)) return true;
  if (holidays.has(date)) return false;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

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
export const assessmentPlan = parseAssessmentPlan(assessmentPlanJson);
export type AssessmentPlanContent = z.infer<typeof assessmentPlanSchema>;
