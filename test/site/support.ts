/** Helpers of the site tests: the built portal in dist/ (npm test builds it first) and the content it came from. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { parse as parseYaml } from 'yaml';
import type { ZodType } from 'zod';
import { disclosureSchema, regulationSchema, validate, villageSchema, type ContentProblem } from '../../content/schemas.ts';
import { checkRegulations, checkVillages, type Entry } from '../../site/lib/content-checks.ts';
import { checkDisclosures } from '../../worker/tools/disclosure-seed.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');

/** A file of the build as text, by its path inside dist/. */
export const read = (path: string): string => readFileSync(join(DIST, path), 'utf8');

/** The file that answers an address: /regulations/ → regulations/index.html. */
export function fileOf(address: string): string {
  const path = address.replace(/^\//, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return existsSync(join(DIST, `${path}.html`)) ? `${path}.html` : `${path}/index.html`;
}

/** Whether the build has a page at this address. */
export const hasPage = (address: string): boolean => existsSync(join(DIST, fileOf(address)));

/** The page at an address, parsed. */
export const page = (address: string): HTMLElement => parseHtml(read(fileOf(address)));

/** Every HTML file of the build, as paths inside dist/ (the search bundle's own files aside). */
export function htmlFiles(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(full);
    return name.endsWith('.html') ? [full.slice(DIST.length + 1)] : [];
  });
}

/** The address a built file answers: regulations/x/index.html → /regulations/x/. */
export const addressOf = (file: string): string => `/${file.replace(/index\.html$/, '').replace(/\.html$/, '')}`;

/** Visible text, whitespace collapsed. */
export const textOf = (el: HTMLElement | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The content files of a collection folder, as paths inside content/ without the extension. */
export function contentIds(folder: string, ext: string, content = join(ROOT, 'content')): string[] {
  return readdirSync(join(content, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext) && !f.startsWith('en/'))
    .map((f) => f.slice(0, -ext.length));
}

/** A content file's data as the build reads it (YAML's core schema: dates stay as written). */
export function contentData<T>(file: string, content = join(ROOT, 'content')): T {
  const text = readFileSync(join(content, file), 'utf8');
  return parseYaml(file.endsWith('.mdx') ? /^---\n([\s\S]*?)\n---/.exec(text)![1]! : text, { schema: 'core' }) as T;
}

/**
 * Every entry of a content folder, validated like the build validates it, with every problem
 * found by the schemas and by the checks across files.
 */
export function loadContent(content = join(ROOT, 'content')) {
  const problems: ContentProblem[] = [];
  function entries<T>(schema: ZodType<T>, folder: string, ext: string): Entry<T>[] {
    return contentIds(folder, ext, content).flatMap((id) => {
      const filePath = `content/${folder}/${id}${ext}`;
      const result = validate(schema, contentData(`${folder}/${id}${ext}`, content), filePath);
      problems.push(...result.problems);
      return result.data ? [{ id: id.toLowerCase(), filePath, data: result.data }] : [];
    });
  }
  const regulations = entries(regulationSchema, 'regulations', '.mdx');
  const villages = entries(villageSchema, 'villages', '.yaml');
  const disclosures = entries(disclosureSchema, 'seed/disclosures', '.yaml');
  const translations = contentIds('regulations/en', '.mdx', content).map((id) => ({ id, filePath: `content/regulations/en/${id}.mdx` }));
  const publicDir = join(content, '..', 'site', 'public');
  problems.push(
    ...checkRegulations(regulations, translations, (file) => existsSync(join(publicDir, file))),
    ...checkVillages(villages),
    ...checkDisclosures(disclosures, villages.map((v) => v.data)),
  );
  return { regulations, villages, disclosures, translations, problems };
}

/**
 * A copy of the project's sources in a temporary folder, for a build that must not touch the
 * real one: node_modules is linked package by package, so Astro's content store stays apart.
 */
export function projectCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'qinglian-copy-'));
  for (const path of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'site', 'content', 'core']) {
    cpSync(join(ROOT, path), join(root, path), { recursive: true });
  }
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite') symlinkSync(join(ROOT, 'node_modules', name), join(root, 'node_modules', name));
  }
  return root;
}

/** `astro sync` in a project copy: loads and validates every content file, as the build does. */
export function astroSync(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
