/**
 * The town's case-handling settings and its working-day calendar (official holidays and the
 * adjusted working days, 调休), validated at build time (content/generate.ts) and read by the
 * worker's clock and workflow.
 */
import type { AssessmentPlanContent, Calendar, WorkflowSettings } from './settings-schemas.ts';
import * as settings from './generated/settings.ts';

export type { AssessmentPlanContent, Calendar, WorkflowSettings } from './settings-schemas.ts';

export const workflowSettings: WorkflowSettings = settings.workflowSettings;
export const calendar: Calendar = settings.calendar;
export const assessmentPlan: AssessmentPlanContent = settings.assessmentPlan;

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
