/**
 * The town's case-handling settings and its working-day calendar (official holidays and the
 * adjusted working days, 调休), validated once and read by the worker's clock and workflow.
 */
import { z } from 'zod';
import calendarJson from './calendar.json' with { type: 'json' };
import workflowJson from './workflow.json' with { type: 'json' };
import assessmentPlanJson from './assessment-plan.json' with { type: 'json' };
import { parseContent } from './validate.ts';

const positive = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

const workflowSchema = z.object({
  acceptWithinWorkingDays: positive,
  timeLimit: z.object({ defaultWorkingDays: positive, maxWorkingDays: positive.max(90) }),
  dueSoonWorkingDays: positive,
  staffSession: z.object({ idleMinutes: positive, maxHours: positive }),
  // No lockout: after `freeFailures` failures in a row every attempt on that name waits, doubling from
  // `firstDelaySeconds` up to `maxDelaySeconds`; the count is forgotten after a quiet spell.
  signIn: z.object({ freeFailures: positive, firstDelaySeconds: positive, maxDelaySeconds: positive, forgetAfterMinutes: positive }),
  messageMax: positive,
  /** Cases per page of the staff queue (each section pages on its own). */
  queuePageSize: positive.max(500),
  /**
   * Calendar days after a committee case closes on which its resident's query page asks whether
   * anyone has treated them unfairly since (a check-in), in increasing order.
   */
  checkInDays: z
    .array(positive.max(3650))
    .min(1)
    .refine((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), 'in increasing order'),
});

const calendarSchema = z
  .object({
    source: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
    years: z.record(z.string().regex(/^\d{4}$/), z.object({ holidays: z.array(isoDate), adjustedWorkdays: z.array(isoDate) })),
  })
  .superRefine((cal, ctx) => {
    for (const [year, days] of Object.entries(cal.years)) {
      for (const key of ['holidays', 'adjustedWorkdays'] as const) {
        days[key].forEach((date, i) => {
          if (!date.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: ['years', year, key, i], message: `${date} is not in ${year}` });
          if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) ctx.addIssue({ code: 'custom', path: ['years', year, key, i], message: `${date} is not a date` });
        });
      }
      const both = days.holidays.filter((d) => days.adjustedWorkdays.includes(d));
      if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['years', year], message: `${both.join(', ')} both holiday and working day` });
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

/**
 * Whether a town-calendar date (YYYY-MM-DD) is a working day: an adjusted working day always is,
 * an official holiday never is, otherwise Monday to Friday. Years the calendar does not cover
 * fall back to Monday to Friday.
 */
export function isWorkingDay(date: string, cal: Calendar = calendar): boolean {
  const year = cal.years[date.slice(0, 4)];
  if (year?.adjustedWorkdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
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
