/**
 * The release calendar of the public figures (content/releases.json), validated like the rest:
 * which tables are released how often, and at what hour of the town's day. No cadence is finer
 * than a day: figures released more often would tell a watcher when a case arrived.
 */
import { z } from 'zod';
import releasesJson from './releases.json' with { type: 'json' };
import { parseContent } from './validate.ts';

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

export const releaseCalendar: ReleaseCalendar = parseReleaseCalendar(releasesJson);
