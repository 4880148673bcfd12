/** The regulations of content/regulations/ (and en/) read from disk and planned for import (regulations-import.ts). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { planImport, type ImportPlan, type SourceFile } from './regulations-import.ts';

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
