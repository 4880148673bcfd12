/**
 * The released statistics baked into the static pages at build time. `npm run stats:export` (run
 * by `npm start` and `npm run deploy` before the build) writes it from the database; without it
 * the pages say there are no figures yet. In the browser a small script then fetches the latest.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { PublicStats } from '../../core/stats/figures.ts';

/** Where the exported snapshot is read from (QINGLIAN_STATS_FILE, else .wrangler/qinglian-stats.json). */
export const STATS_FILE = process.env.QINGLIAN_STATS_FILE ?? '.wrangler/qinglian-stats.json';

/** The exported snapshot, or null when none was exported. */
export function bakedStats(): PublicStats | null {
  if (!existsSync(STATS_FILE)) return null;
  const stats = JSON.parse(readFileSync(STATS_FILE, 'utf8')) as PublicStats;
  if (stats.schema !== 2) throw new Error(`${STATS_FILE}: unknown statistics schema ${String(stats.schema)}`);
  return stats;
}
