/**
 * `npm run content:import`: loads content/regulations/*.mdx (and their English in en/) into D1
 * as published documents, validated with the same schemas as before; `-- --remote` for the
 * deployed database, `-- --persist-to=<dir>` for a local one elsewhere. Idempotent: run it as
 * often as you like; a document the console has corrected or withdrawn since is left alone.
 * A file that does not validate stops the import before anything is written, naming the file
 * and the field. Runs on Node 24, which strips the types itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { executeSql, queryRows } from './d1.ts';
import { changedSinceSql, planImport, type SourceFile } from './regulations-import.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'content', 'regulations');
const read = (d: string): SourceFile[] =>
  existsSync(d) ? readdirSync(d).filter((n) => n.endsWith('.mdx')).map((name) => ({ name, text: readFileSync(join(d, name), 'utf8') })) : [];

const remote = process.argv.includes('--remote');
const persistTo = process.argv.find((a) => a.startsWith('--persist-to='))?.slice('--persist-to='.length);
const target = remote ? ['--remote'] : ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])];

const plan = planImport(read(dir), read(join(dir, 'en')), (file) => {
  const path = join(root, 'site', 'public', file);
  return existsSync(path) ? statSync(path).size : null;
});
if (plan.errors.length > 0) {
  console.error(`Nothing imported: ${plan.errors.length} problem(s)\n${plan.errors.map((e) => `  ${e}`).join('\n')}`);
  process.exit(1);
}
executeSql(plan.statements.join('\n'), target);
const left = queryRows<{ slug: string }>(changedSinceSql, target).map((r) => r.slug);
console.log(`Imported ${plan.slugs.length} regulation(s) into the ${remote ? 'remote' : 'local'} database.`);
if (left.length > 0) console.log(`Left as the console changed them since: ${left.join(', ')}`);
