/**
 * The limits that price abuse without knowing who anyone is: follow-ups per case and day, the
 * proof of work the mailbox script solves, and the budgets of requests taken without it (no
 * JavaScript). Every budget is kept per village, per kind of request or for the whole town, never
 * per sender. Validated once, like the other content files.
 */
import { z } from 'zod';
import abuseJson from './abuse.json' with { type: 'json' };
import { parseContent } from './validate.ts';

const positive = z.number().int().positive();

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
export const abuseSettings: AbuseSettings = parseAbuseSettings(abuseJson);
