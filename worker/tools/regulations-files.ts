/**
 * The regulations of content/regulations/ (and en/) and the demo's seed of disclosures
 * (content/seed/disclosures/) read from disk and planned for import (regulations-import.ts, disclosures-import.ts). The UI
 * strings are registered for the disclosures' titles and related words in their search terms.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import '../../content/ui.ts';
import { planImport, type ImportPlan, type SourceFile } from './regulations-import.ts';
import { parse } from 'yaml';
import { parseOrThrow, villageSchema, type VillageProfile } from '../../content/schemas.ts';
import { planDisclosureImport } from './disclosures-import.ts';
import { SEED_DIR } from './disclosure-seed.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'content', 'regulations');

const read = (d: string): SourceFile[] =>
  existsSync(d) ? readdirSync(d).filter((n) => n.endsWith('.mdx')).map((name) => ({ name, text: readFileSync(join(d, name), 'utf8') })) : [];

/** The import of today's files; exits naming every problem when one does not validate. */
export function regulationsPlan(): ImportPlan {
  const plan = planImport(read(dir), read(join(dir, 'en')), (file) => {
    const path = join(root, 'site', 'public', file);
    return existsSync(path) ? statSync(path).size : null;
  });
  if (plan.errors.length > 0) {
    console.error(`Nothing imported: ${plan.errors.length} problem(s)\n${plan.errors.map((e) => `  ${e}`).join('\n')}`);
    process.exit(1);
  }
  return plan;
}

/**
 * The disclosures of content/seed/disclosures/<village>/*.yaml read from disk and planned for
 * import (disclosures-import.ts), checked against the villages' profiles (content/villages/).
 */
export function disclosuresPlan(): ImportPlan {
  const base = join(root, SEED_DIR);
  const villages = join(root, 'content', 'villages');
  const profiles = readdirSync(villages)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => parseOrThrow<VillageProfile>(villageSchema, parse(readFileSync(join(villages, n), 'utf8')), `content/villages/${n}`));
  const files: SourceFile[] = readdirSync(base).flatMap((village) =>
    readdirSync(join(base, village))
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => ({ name: `${village}/${n}`, text: readFileSync(join(base, village, n), 'utf8') })),
  );
  const plan = planDisclosureImport(files, profiles);
  if (plan.errors.length > 0) {
    console.error(`Nothing imported: ${plan.errors.length} problem(s)\n${plan.errors.map((e) => `  ${e}`).join('\n')}`);
    process.exit(1);
  }
  return plan;
}
