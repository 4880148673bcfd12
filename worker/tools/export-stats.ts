/**
 * Writes the released statistics that the site's build bakes into /stats and the village pages:
 *
 *   npm run stats:export               from the local database (after making the releases due now)
 *   npm run stats:export -- --remote   from the deployed portal's /api/public/stats.json
 *
 * The file goes to QINGLIAN_STATS_FILE, else .wrangler/qinglian-stats.json. Published outcomes are
 * not exported: the site has no static copy of them (a withdrawn one would linger in it and in the
 * search index until the next build); the worker serves them and site search asks it for them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import portal from '../../content/portal.json' with { type: 'json' };
import { publication, scheduledStatistics } from '../services/stats.ts';

const { values } = parseArgs({ options: { remote: { type: 'boolean', default: false }, 'persist-to': { type: 'string' } } });
const file = process.env.QINGLIAN_STATS_FILE ?? '.wrangler/qinglian-stats.json';

async function local(): Promise<string> {
  const persist = values['persist-to'] ? { path: join(values['persist-to'], 'v3') } : true;
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist, remoteBindings: false });
  try {
    await scheduledStatistics(env.DB, new Date());
    return (await publication(env.DB)).body;
  } finally {
    await dispose();
  }
}

async function remote(): Promise<string> {
  const get = async (path: string) => {
    const res = await fetch(new URL(path, portal.siteUrl));
    if (!res.ok) throw new Error(`${res.url}: ${res.status}`);
    return res.text();
  };
  return get('/api/public/stats.json');
}

let body: string;
try {
  body = values.remote ? await remote() : await local();
} catch (error) {
  if (!values.remote) throw error;
  // The first deploy has no portal to ask yet: the pages then say there are no figures yet.
  console.warn(`No statistics exported (${error instanceof Error ? error.message : String(error)}).`);
  process.exit(0);
}
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, body);
console.log(`Released statistics written to ${file} (figures up to ${JSON.parse(body).builtAt ?? 'no release yet'}).`);
