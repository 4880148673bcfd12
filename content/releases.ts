/**
 * The release calendar of the public figures (content/releases.json), validated at build time
 * like the rest (content/generate.ts): which tables are released how often, and at what hour of the town's day. No cadence is finer
 * than a day: figures released more often would tell a watcher when a case arrived.
 */
import type { ReleaseCalendar } from './settings-schemas.ts';
import * as settings from './generated/settings.ts';

export type { ReleaseCalendar } from './settings-schemas.ts';

export const releaseCalendar: ReleaseCalendar = settings.releaseCalendar;
