/**
 * The import format of regulations: content/regulations/<slug>.mdx (YAML front matter, Markdown
 * body) and content/regulations/en/<slug>.mdx (the English body), validated with the same content
 * schemas the Astro site used (content/schemas.ts) and the console's own rules
 * (worker/publishing/model.ts), turned into SQL that loads each as a published document.
 *
 * Idempotent: a document imported before is updated in place as long as the console has not
 * made a later version of it (a correction, a withdrawal); once it has, the import leaves it
 * alone and says so. Pure (no file system, no wrangler), so the worker tests run it too.
 */
import { parse } from 'yaml';
import { regulationSchema, translationSchema, type Regulation } from '../../content/schemas.ts';
import { storedDay } from '../../core/clock.ts';
import { bodyProblems, metaProblems, type DocumentMeta } from '../publishing/model.ts';
import { termsOf } from '../services/publishing.ts';

export interface SourceFile {
  /** The file's name, e.g. clean-village-opinions.mdx. */
  name: string;
  text: string;
}

export interface ImportPlan {
  statements: string[];
  slugs: string[];
  errors: string[];
}

/** A SQL string literal (or NULL). */
const lit = (value: string | number | null): string => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);

function split(text: string): { data: unknown; body: string } | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return null;
  // YAML's core schema, as the site read it: dates stay as written.
  return { data: parse(m[1]!, { schema: 'core' }) ?? {}, body: m[2]!.replace(/\r\n?/g, '\n').trim() };
}

/** MDX beyond Markdown (imports, exports, components, expressions) has no place in a stored body. */
function mdxProblem(body: string): string | null {
  if (/^(import|export)\s/m.test(body)) return 'an import or export line';
  if (/<[A-Z][\w.]*[\s/>]/.test(body)) return 'a component';
  if (/\{[^}\n]*\}/.test(body)) return 'an expression in braces';
  return null;
}

/** The day a document's imported version counts as published: its issue date, at the start of that town day. */
const issuedDay = (date: string) => storedDay(new Date(`${date}T00:00:00+08:00`));

function metaOf(r: Regulation, translator: Regulation['summary'] | undefined): DocumentMeta {
  return {
    title: r.title,
    docNumber: r.docNumber,
    issuer: r.issuer,
    issued: r.issued,
    effective: r.effective,
    category: r.category,
    ...(r.amends && { amends: r.amends }),
    ...(r.replaces && { replaces: r.replaces }),
    summary: r.summary,
    ...(translator && { translator }),
    ...(r.attachment && { attachmentLabel: r.attachment.label }),
    history: r.history.map((h) => ({ date: h.date, change: h.change })),
  };
}

/**
 * The statements that import `files` (and their translations `english`); `sizeOf` gives the size
 * of a static attachment (files/x.pdf under site/public/), null when it is missing.
 */
export function planImport(files: SourceFile[], english: SourceFile[], sizeOf: (file: string) => number | null): ImportPlan {
  const errors: string[] = [];
  const statements: string[] = [];
  const slugs: string[] = [];
  const translations = new Map(english.map((f) => [f.name, f]));
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const where = `content/regulations/${file.name}`;
    const slug = file.name.replace(/\.mdx?$/, '');
    const parts = split(file.text);
    if (!parts) {
      errors.push(`${where}: no front matter between --- lines`);
      continue;
    }
    const parsed = regulationSchema.safeParse(parts.data);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `${where}: ${i.path.join('.') || '(root)'}: ${i.message}`));
      continue;
    }
    const r = parsed.data;
    let bodyEn: string | null = null;
    let translator: Regulation['summary'] | undefined;
    const en = translations.get(file.name);
    if (en) {
      const enParts = split(en.text);
      const t = enParts && translationSchema.safeParse(enParts.data);
      if (!enParts || !t || !t.success) {
        errors.push(`content/regulations/en/${en.name}: ${t && !t.success ? t.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : 'no front matter'}`);
        continue;
      }
      bodyEn = enParts.body;
      translator = t.data.translator;
    }
    const mdx = mdxProblem(parts.body) ?? (bodyEn !== null ? mdxProblem(bodyEn) : null);
    if (mdx) {
      errors.push(`${where}: the body has ${mdx}, which a stored document cannot hold; write it as Markdown`);
      continue;
    }
    const meta = metaOf(r, translator);
    const problems = [...metaProblems(meta, slug), ...bodyProblems({ 'zh-CN': parts.body, ...(bodyEn !== null && { en: bodyEn }) })];
    if (problems.length > 0) {
      errors.push(...problems.map((p) => `${where}: ${p.field}: ${p.key}${p.params ? ` ${JSON.stringify(p.params)}` : ''}`));
      continue;
    }
    let size: number | null = null;
    if (r.attachment) {
      size = sizeOf(r.attachment.file);
      if (size === null) {
        errors.push(`${where}: attachment.file: site/public/${r.attachment.file} does not exist`);
        continue;
      }
    }
    slugs.push(slug);
    const day = issuedDay(r.issued);
    const doc = `(SELECT id FROM documents WHERE kind = 'regulation' AND slug = ${lit(slug)})`;
    // Only while the console has made no later version of it.
    const untouched = `(SELECT MAX(seq) FROM document_versions WHERE document_id = ${doc}) = 1 AND (SELECT withdrawn_at FROM documents WHERE id = ${doc}) IS NULL`;
    const terms = termsOf({ meta, body_zh: parts.body, body_en: bodyEn });
    statements.push(
      `INSERT INTO documents (kind, slug, status, published_seq, issued, created_at) VALUES ('regulation', ${lit(slug)}, ${lit(r.status)}, 1, ${lit(r.issued)}, ${lit(day)}) ON CONFLICT (kind, slug) DO NOTHING;`,
      `INSERT INTO document_versions (document_id, seq, state, meta, body_zh, body_en, attachment_file, attachment_size, published_at, updated_at)
       VALUES (${doc}, 1, 'published', ${lit(JSON.stringify(meta))}, ${lit(parts.body)}, ${lit(bodyEn)}, ${lit(r.attachment?.file ?? null)}, ${lit(size)}, ${lit(day)}, ${lit(day)})
       ON CONFLICT (document_id, seq) DO UPDATE SET meta = excluded.meta, body_zh = excluded.body_zh, body_en = excluded.body_en, attachment_file = excluded.attachment_file,
         attachment_size = excluded.attachment_size, published_at = excluded.published_at, updated_at = excluded.updated_at
       WHERE state = 'published' AND ${untouched};`,
      `UPDATE documents SET status = ${lit(r.status)}, issued = ${lit(r.issued)}, published_seq = 1 WHERE id = ${doc} AND ${untouched};`,
      `INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ${doc}, 1, 'import', NULL, ${lit(day)} WHERE NOT EXISTS (SELECT 1 FROM document_audit WHERE document_id = ${doc} AND action = 'import');`,
      `DELETE FROM search_terms WHERE document_id = ${doc} AND ${untouched};`,
      `INSERT OR IGNORE INTO search_terms (term, document_id) SELECT value, ${doc} FROM json_each(${lit(JSON.stringify(terms))}) WHERE ${untouched};`,
    );
  }
  for (const en of english) if (!files.some((f) => f.name === en.name)) errors.push(`content/regulations/en/${en.name}: no Chinese regulation of that name`);
  return { statements, slugs, errors };
}

/** The documents the import left alone because the console changed them since (for the message). */
export const changedSinceSql = `SELECT slug FROM documents d WHERE kind = 'regulation' AND (withdrawn_at IS NOT NULL OR (SELECT MAX(seq) FROM document_versions WHERE document_id = d.id) > 1) AND EXISTS (SELECT 1 FROM document_audit a WHERE a.document_id = d.id AND a.action = 'import')`;
