/**
 * `npm run content:import`: loads content/regulations/*.mdx (and their English in en/) and the
 * villages' disclosures of the demo's seed (content/seed/disclosures/<village>/*.yaml) into D1 as published documents, validated with the same schemas as before; `-- --remote` for the
 * deployed database, `-- --persist-to=<dir>` for a local one elsewhere. Idempotent: run it as
 * often as you like; a document the console has corrected or withdrawn since is left alone.
 * A file that does not validate stops the import before anything is written, naming the file
 * and the field. `npm start` (worker/tools/local-setup.ts) loads the same. Runs on Node 24,
 * which strips the types itself.
 */
import { executeSql, queryRows } from './d1.ts';
import { changedSinceSql } from './regulations-import.ts';
import { disclosuresChangedSinceSql } from './disclosures-import.ts';
import { disclosuresPlan, regulationsPlan } from './regulations-files.ts';

const remote = process.argv.includes('--remote');
const persistTo = process.argv.find((a) => a.startsWith('--persist-to='))?.slice('--persist-to='.length);
const target = remote ? ['--remote'] : ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])];

const plan = regulationsPlan();
const disclosures = disclosuresPlan();
executeSql([...plan.statements, ...disclosures.statements].join('\n'), target);
const left = [...queryRows<{ slug: string }>(changedSinceSql, target), ...queryRows<{ slug: string }>(disclosuresChangedSinceSql, target)].map((r) => r.slug);
console.log(`Imported ${plan.slugs.length} regulation(s) and ${disclosures.slugs.length} disclosure(s) into the ${remote ? 'remote' : 'local'} database.`);
if (left.length > 0) console.log(`Left as the console changed them since: ${left.join(', ')}`);
