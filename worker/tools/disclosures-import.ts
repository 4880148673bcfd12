/**
 * The import format of village disclosures: content/seed/disclosures/<village>/<period>-<kind>.yaml,
 * the demo's seed (villages publish from the console's village desk; nothing builds pages from
 * these files), validated with the content schema (content/schemas.ts `disclosureSchema`) and,
 * given the villages' profiles, checked across files (`checkDisclosures`), turned into SQL that
 * loads each as a published document of kind 'disclosure' of its village (slug
 * `<village>-<period lower-cased>-<kind>`), its version's `meta` the disclosure as JSON.
 *
 * Idempotent in the same way as the regulations (regulations-import.ts): a disclosure imported
 * before is updated in place as long as the console has made no later version of it (a
 * correction, a withdrawal). Pure (no file system, no wrangler), so the worker tests run it too.
 */
import { parse } from 'yaml';
import { disclosureSchema, type Disclosure, type VillageProfile } from '../../content/schemas.ts';
import { storedDay } from '../../core/clock.ts';
import { disclosureSlug } from '../publishing/disclosure.ts';
import { termsOf } from '../services/publishing.ts';
import type { DocumentMeta } from '../publishing/model.ts';
import type { ImportPlan, SourceFile } from './regulations-import.ts';
import { checkDisclosures, SEED_DIR } from './disclosure-seed.ts';

const lit = (value: string | number | null): string => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);

/**
 * The statements that import `files` (name: `<village>/<file>.yaml`); with the villages'
 * `profiles`, also what `checkDisclosures` finds.
 */
export function planDisclosureImport(files: SourceFile[], profiles?: Pick<VillageProfile, 'village' | 'financeCadence'>[]): ImportPlan {
  const errors: string[] = [];
  const statements: string[] = [];
  const slugs: string[] = [];
  const parsedFiles: { name: string; data: Disclosure }[] = [];
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const where = `${SEED_DIR}/${file.name}`;
    let raw: unknown;
    try {
      raw = parse(file.text, { schema: 'core' });
    } catch (e) {
      errors.push(`${where}: not YAML: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    const parsed = disclosureSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `${where}: ${i.path.join('.') || '(root)'}: ${i.message}`));
      continue;
    }
    const d: Disclosure = parsed.data;
    parsedFiles.push({ name: file.name, data: d });
    const folder = file.name.split('/')[0];
    if (folder !== d.village) {
      errors.push(`${where}: village: the file is under ${folder}/ but names ${d.village}`);
      continue;
    }
    const slug = disclosureSlug(d);
    if (slugs.includes(slug)) {
      errors.push(`${where}: a second disclosure of ${d.kind} for ${d.period}`);
      continue;
    }
    slugs.push(slug);
    const day = storedDay(new Date(`${d.published}T00:00:00+08:00`));
    const doc = `(SELECT id FROM documents WHERE kind = 'disclosure' AND slug = ${lit(slug)})`;
    const untouched = `(SELECT MAX(seq) FROM document_versions WHERE document_id = ${doc}) = 1 AND (SELECT withdrawn_at FROM documents WHERE id = ${doc}) IS NULL`;
    const meta = JSON.stringify(d);
    const terms = termsOf({ meta: d as unknown as DocumentMeta, body_zh: '', body_en: null });
    statements.push(
      `INSERT INTO documents (kind, slug, village_id, status, published_seq, issued, created_at) VALUES ('disclosure', ${lit(slug)}, ${lit(d.village)}, 'in-force', 1, ${lit(d.published)}, ${lit(day)}) ON CONFLICT (kind, slug) DO NOTHING;`,
      `INSERT INTO document_versions (document_id, seq, state, meta, body_zh, body_en, published_at, updated_at)
       VALUES (${doc}, 1, 'published', ${lit(meta)}, '', NULL, ${lit(day)}, ${lit(day)})
       ON CONFLICT (document_id, seq) DO UPDATE SET meta = excluded.meta, published_at = excluded.published_at, updated_at = excluded.updated_at
       WHERE state = 'published' AND ${untouched};`,
      `UPDATE documents SET issued = ${lit(d.published)}, village_id = ${lit(d.village)}, published_seq = 1 WHERE id = ${doc} AND ${untouched};`,
      `INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ${doc}, 1, 'import', NULL, ${lit(day)} WHERE NOT EXISTS (SELECT 1 FROM document_audit WHERE document_id = ${doc} AND action = 'import');`,
      `DELETE FROM search_terms WHERE document_id = ${doc} AND ${untouched};`,
      `INSERT OR IGNORE INTO search_terms (term, document_id) SELECT value, ${doc} FROM json_each(${lit(JSON.stringify(terms))}) WHERE ${untouched};`,
    );
  }
  if (profiles) {
    const entries = parsedFiles.map(({ name, data }) => ({ id: name.replace(/\.yaml$/, '').toLowerCase(), filePath: `${SEED_DIR}/${name}`, data }));
    errors.push(...checkDisclosures(entries, profiles).map((p) => `${p.file}: ${p.field || '(file)'}: ${p.message}`));
  }
  return { statements, slugs, errors };
}

/** The disclosures the import left alone because the console changed them since (for the message). */
export const disclosuresChangedSinceSql = `SELECT slug FROM documents d WHERE kind = 'disclosure' AND (withdrawn_at IS NOT NULL OR (SELECT MAX(seq) FROM document_versions WHERE document_id = d.id) > 1) AND EXISTS (SELECT 1 FROM document_audit a WHERE a.document_id = d.id AND a.action = 'import')`;
