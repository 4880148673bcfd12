/**
 * The limits that price abuse without knowing who anyone is: follow-ups per case and day, the
 * proof of work the mailbox script solves, and the budgets of requests taken without it (no
 * JavaScript). Every budget is kept per village, per kind of request or for the whole town, never
 * per sender. Validated at build time, like the other settings files (content/generate.ts).
 */
import type { AbuseSettings } from './settings-schemas.ts';
import * as settings from './generated/settings.ts';

export type { AbuseSettings } from './settings-schemas.ts';

export const abuseSettings: AbuseSettings = settings.abuseSettings;
