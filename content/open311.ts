/**
 * Open311 settings (content/open311.json), validated at build time like the rest (content/generate.ts): the jurisdiction id clients
 * may send, how long an identical request without a submission id counts as a repeat, and each
 * village's point and optional boundary (WGS84 latitude, longitude), so a request sent with
 * lat/long is placed in its village. The sample's coordinates are made up and marked so.
 */
import type { Open311Settings } from './settings-schemas.ts';
import * as settings from './generated/settings.ts';

export type { Open311Settings } from './settings-schemas.ts';

export const open311Settings: Open311Settings = settings.open311Settings;
