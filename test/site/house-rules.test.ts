/**
 * The house rules, read from the sources: every import statement of the worker, the site, the
 * neutral core and the content (parsed with the TypeScript compiler, `.astro` front matter and
 * scripts included), and every string that looks like SQL. A rule broken names the file, the line
 * and the import (or the SQL), like Starlight's test against its own barrel file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.ts';

/** Where a rule is knowingly broken, with why; each must still be needed (a stale one fails). */
interface Exception {
  file: string;
  target: string;
  why: string;
}

/** site/ and worker/ importing each other: none but these. */
const CROSS_EXCEPTIONS: Exception[] = [
  {
    file: 'site/scripts/anonymous-check.ts',
    target: 'worker/cases/anonymous-check.ts',
    why: "the mailbox asks an anonymous resident about a phone number or their own name with the very check the worker runs on a form sent without JavaScript; both are pure domain code (no Hono, no D1), bundled into the page's script",
  },
  {
    file: 'site/scripts/anonymous-check.ts',
    target: 'worker/cases/normalise.ts',
    why: 'the same check, told it has no table of traditional characters in the page (the worker reads those names)',
  },
];

/** Folders outside worker/db/ that may hold SQL, and why. Tests are not scanned at all. */
const SQL_EXCEPTIONS: { folder: string; why: string }[] = [
  { folder: 'worker/tools/', why: 'operator scripts run in Node, outside the worker: they set up, seed and measure a local or remote D1 through wrangler' },
  { folder: 'worker/demo/', why: "the demo database's history and records, written as SQL that the tools run through wrangler" },
];

/**
 * Route files that still read a language from the request themselves, and why. Every other route
 * and view takes the request's language from worker/http/locale.ts (`c.var.locale`, `c.var.t`,
 * `useLocale()`), which decides it once per request.
 */
const LOCALE_EXCEPTIONS: Exception[] = [
  {
    file: 'worker/routes/public.ts',
    target: 'isLocale',
    why: "/api/public/stats.html is cached by `?lang=` alone (its ETag names the language) and never varies by Accept-Language, unlike the rest of the API",
  },
];

/**
 * Components that take a `locale` prop although views read the request's language from context.
 * `<LanguageSwitch locale>` is allowed everywhere: it renders the other language.
 */
const LOCALE_PROP_EXCEPTIONS: Exception[] = [
  { file: 'worker/views/layout.tsx', target: 'Frame', why: "the one page frame (core/frame.tsx), which Astro renders too (no Hono context there): Layout reads the locale and hands it on" },
  { file: 'worker/views/layout.tsx', target: 'FrameArticleTools', why: "an article's 字号 and 打印 controls, from core/frame.tsx like the frame (Astro's long pages render them too): the wrapper reads the locale and hands it on" },
];

const SCANNED = ['worker', 'site', 'core', 'content'];
const SKIPPED = new Set(['node_modules', 'public', 'migrations']);
const SOURCE = /\.(ts|tsx|mts|mjs|astro)$/;

interface Import {
  file: string;
  line: number;
  specifier: string;
  /** The repository path it names when relative (`worker/db/cases.ts`), else the package name. */
  target: string;
  typeOnly: boolean;
}

interface Source {
  file: string;
  /** Each piece of code in the file and the line it starts on (one for .ts, several for .astro). */
  parts: { code: string; firstLine: number; tsx: boolean }[];
}

function listSources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

function readSource(file: string): Source {
  const text = readFileSync(join(ROOT, file), 'utf8');
  if (!file.endsWith('.astro')) return { file, parts: [{ code: text, firstLine: 1, tsx: file.endsWith('.tsx') }] };
  const parts: Source['parts'] = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) parts.push({ code: front[1]!, firstLine: 2, tsx: false });
  for (const script of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    parts.push({ code: script[1]!, firstLine: lineOf(text, script.index + script[0].indexOf('>') + 1), tsx: false });
  }
  return { file, parts };
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string, part: Source['parts'][number]): ts.SourceFile {
  const key = `${file}:${part.firstLine}`;
  let sf = parsed.get(key);
  if (!sf) parsed.set(key, (sf = ts.createSourceFile(file, part.code, ts.ScriptTarget.Latest, true, part.tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS)));
  return sf;
}

function targetOf(file: string, specifier: string): string {
  return specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), specifier)) : specifier;
}

/** Every import, re-export, dynamic import() and import('…') type of a file. */
function importsOf(source: Source): Import[] {
  const found: Import[] = [];
  for (const part of source.parts) {
    const sf = parse(source.file, part);
    const add = (node: ts.Node, specifier: string, typeOnly: boolean) =>
      found.push({
        file: source.file,
        line: part.firstLine - 1 + sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
        specifier,
        target: targetOf(source.file, specifier),
        typeOnly,
      });
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
        const typeOnly =
          !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
        add(node, node.moduleSpecifier.text, typeOnly);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
        add(node, node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        add(node, node.arguments[0].text, false);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node, node.argument.literal.text, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** Statements that run SQL (`.prepare(`) and strings that are SQL, with their lines. */
const SQL = /\b(?:SELECT\b[\s\S]*?\bFROM|INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)|DROP\s+(?:TABLE|INDEX|VIEW|TRIGGER)|ALTER\s+TABLE|PRAGMA\s+\w+)\b/;
function sqlOf(source: Source): { line: number; what: string }[] {
  const found: { line: number; what: string }[] = [];
  for (const part of source.parts) {
    const sf = parse(source.file, part);
    const at = (node: ts.Node) => part.firstLine - 1 + sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'prepare') {
        found.push({ line: at(node), what: `${node.expression.getText(sf)}(…)` });
      }
      const text = ts.isStringLiteralLike(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('?')
          : null;
      const match = text === null ? null : SQL.exec(text);
      if (match) found.push({ line: at(node), what: `SQL "${match[0].slice(0, 40)}"` });
      if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
      else node.templateSpans.forEach((s) => ts.forEachChild(s.expression, visit));
    };
    visit(sf);
  }
  return found;
}

const FILES = [...SCANNED.flatMap((dir) => listSources(dir)), 'astro.config.mjs'];
const SOURCES = FILES.map(readSource);
const IMPORTS = SOURCES.flatMap(importsOf);

const under = (path: string, ...folders: string[]) => folders.some((f) => path.startsWith(f));
const describeImport = (i: Import) => `${i.file}:${i.line} imports '${i.specifier}'`;
/** The imports of files under `from` that `bad` refuses, written one per line for the failure message. */
const breaking = (from: string[], bad: (i: Import) => boolean) =>
  IMPORTS.filter((i) => under(i.file, ...from) && bad(i)).map(describeImport);

const DOMAIN = ['worker/cases/', 'worker/stats/', 'worker/publishing/', 'worker/photos/', 'core/'];
/**
 * Hono the web framework (the app, its context, middleware, validators). Its HTML renderers are
 * not: `hono/html` and `hono/jsx` escape by construction, and the statistics are rendered with them
 * (`hono/utils/html` is the type of what they return).
 */
const RENDERERS = /^hono\/(?:html|jsx|utils\/html)(?:\/|$)/;
const isHono = (i: Import) => (i.target === 'hono' || i.target.startsWith('hono/')) && !RENDERERS.test(i.target);
const isDb = (i: Import) => under(i.target, 'worker/db/');

/** What decides a language: reading it from the path, the query or Accept-Language. */
const LOCALE_DECIDERS = new Set(['localeOfPath', 'localeOfApiRequest', 'isLocale', 'languageDetector']);

/**
 * Where a route or view decides the request's language itself, as `file:line name`; in a route,
 * binding a translator of its own too (routes have `c.var.t`; views bind the one of `useLocale()`).
 */
function localeDecisions(source: Source): { line: number; name: string }[] {
  const deciders = under(source.file, 'worker/routes/', 'worker/index.ts') ? new Set([...LOCALE_DECIDERS, 'translator']) : LOCALE_DECIDERS;
  const found: { line: number; name: string }[] = [];
  for (const part of source.parts) {
    const sf = parse(source.file, part);
    const at = (node: ts.Node) => part.firstLine - 1 + sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && deciders.has(node.text)) found.push({ line: at(node), name: node.text });
      if (ts.isStringLiteralLike(node) && node.text.toLowerCase() === 'accept-language') found.push({ line: at(node), name: "'accept-language'" });
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** Every `locale` JSX attribute, with the component it is given to. */
function localeProps(source: Source): { line: number; tag: string }[] {
  const found: { line: number; tag: string }[] = [];
  for (const part of source.parts.filter((p) => p.tsx)) {
    const sf = parse(source.file, part);
    const visit = (node: ts.Node): void => {
      if (ts.isJsxAttribute(node) && node.name.getText(sf) === 'locale') {
        const element = node.parent.parent as ts.JsxOpeningLikeElement;
        found.push({ line: part.firstLine - 1 + sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, tag: element.tagName.getText(sf) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('the house rules', () => {
  it('scans the sources it is meant to (a guard against a scanner that finds nothing)', () => {
    expect(FILES).toContain('worker/index.ts');
    expect(FILES).toContain('site/components/LiveStats.astro');
    expect(FILES).toContain('core/clock.ts');
    expect(IMPORTS.filter((i) => i.file === 'worker/routes/rhythm.tsx').map((i) => i.specifier)).toContain('hono');
    expect(IMPORTS.find((i) => i.file === 'site/components/LiveStats.astro' && i.target === 'core/stats/render.ts')?.typeOnly).toBe(false);
    expect(IMPORTS.find((i) => i.file === 'worker/views/staff/admin.tsx' && i.target === 'worker/services/handling.ts')?.typeOnly).toBe(true);
    expect(IMPORTS.find((i) => i.file === 'worker/views/receipt.tsx' && i.target === 'worker/cases/query-code.ts')?.typeOnly).toBe(false);
  });

  it('the domain (worker/cases, worker/stats, worker/publishing, worker/photos, core) imports neither Hono (its HTML renderers aside) nor worker/db', () => {
    expect(breaking(DOMAIN, (i) => isHono(i) || isDb(i)), 'the domain must stay pure: no Hono, no D1').toEqual([]);
  });

  it('SQL is written and run only in worker/db', () => {
    const found = SOURCES.filter((s) => !under(s.file, 'worker/db/', ...SQL_EXCEPTIONS.map((e) => e.folder))).flatMap((s) =>
      sqlOf(s).map((q) => `${s.file}:${q.line} ${q.what}`),
    );
    expect(found, 'move the query into worker/db/ and call it from a service').toEqual([]);
    for (const exception of SQL_EXCEPTIONS) {
      expect(SOURCES.some((s) => under(s.file, exception.folder) && sqlOf(s).length > 0), `${exception.folder} no longer needs its exception`).toBe(true);
    }
  });

  it('worker/http imports no views', () => {
    expect(breaking(['worker/http/'], (i) => under(i.target, 'worker/views/')), 'http/ answers requests; views are for routes').toEqual([]);
  });

  it('views import only types from services, and nothing from worker/db', () => {
    expect(
      breaking(['worker/views/'], (i) => isDb(i) || (under(i.target, 'worker/services/') && !i.typeOnly)),
      'a value a view needs lives in the domain (worker/cases) or comes as a prop; a row type comes through its service',
    ).toEqual([]);
  });

  it('routes reach D1 only through services', () => {
    expect(breaking(['worker/routes/', 'worker/index.ts'], isDb), 'call a service, which calls worker/db').toEqual([]);
  });

  it('routes and views never decide the language themselves: worker/http/locale.ts does, once per request', () => {
    const excepted = (file: string, name: string) => LOCALE_EXCEPTIONS.some((e) => e.file === file && e.target === name);
    const deciding = SOURCES.filter((s) => under(s.file, 'worker/routes/', 'worker/views/', 'worker/index.ts')).flatMap((s) =>
      localeDecisions(s)
        .filter((d) => !excepted(s.file, d.name))
        .map((d) => `${s.file}:${d.line} ${d.name}`),
    );
    expect(deciding, 'read c.var.locale and c.var.t in a route, useLocale() in a view').toEqual([]);
    for (const e of LOCALE_EXCEPTIONS) {
      const source = SOURCES.find((s) => s.file === e.file);
      expect(source && localeDecisions(source).some((d) => d.name === e.target), `${e.file} no longer uses ${e.target}: drop its exception`).toBe(true);
    }
  });

  it("views take the request's language from context, which c.render provides, not as a locale prop", () => {
    const excepted = (file: string, tag: string) => tag === 'LanguageSwitch' || LOCALE_PROP_EXCEPTIONS.some((e) => e.file === file && e.target === tag);
    const handed = SOURCES.filter((s) => under(s.file, 'worker/')).flatMap((s) =>
      localeProps(s)
        .filter((p) => !excepted(s.file, p.tag))
        .map((p) => `${s.file}:${p.line} <${p.tag} locale>`),
    );
    expect(handed, 'a view reads the locale with useLocale() (worker/http/locale.ts); c.render provides it').toEqual([]);
    // A page rendered with c.html would have no locale in context, and fall back to Chinese.
    const bare = SOURCES.filter((s) => under(s.file, 'worker/') && s.file !== 'worker/http/locale.ts').flatMap((s) =>
      s.parts.flatMap((part) => {
        const sf = parse(s.file, part);
        const found: string[] = [];
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'html' && node.expression.expression.getText(sf) === 'c') {
            found.push(`${s.file}:${part.firstLine - 1 + sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} c.html(…)`);
          }
          ts.forEachChild(node, visit);
        };
        visit(sf);
        return found;
      }),
    );
    expect(bare, 'render a page with c.render, which provides the locale').toEqual([]);
    for (const e of LOCALE_PROP_EXCEPTIONS) {
      const source = SOURCES.find((s) => s.file === e.file);
      expect(source && localeProps(source).some((p) => p.tag === e.target), `${e.file} no longer hands a locale to ${e.target}: drop its exception`).toBe(true);
    }
  });

  it('site/ and worker/ never import each other, and core/ and content/ import neither', () => {
    const excepted = (i: Import) => CROSS_EXCEPTIONS.some((e) => e.file === i.file && e.target === i.target);
    const crossing = [
      ...breaking(['site/', 'astro.config.mjs'], (i) => under(i.target, 'worker/') && !excepted(i)),
      ...breaking(['worker/'], (i) => under(i.target, 'site/')),
      ...breaking(['core/', 'content/'], (i) => under(i.target, 'site/', 'worker/')),
    ];
    expect(crossing, 'what both sides use lives in core/').toEqual([]);
    for (const e of CROSS_EXCEPTIONS) {
      expect(IMPORTS.some((i) => i.file === e.file && i.target === e.target), `${e.file} no longer imports ${e.target}: drop its exception`).toBe(true);
    }
  });

  it('worker/ and core/ import no values from the bundled string table, only content/translate.ts (the worker reads the table from its assets)', () => {
    // content/ui.ts and content/ui/*.ts hold every string of both languages: bundled, they were most
    // of the worker's upload. A type is fine (`import type` is not bundled); the Node tools in
    // worker/tools/ are not in the upload, and worker-assets.ts writes the table for the worker.
    const isTable = (i: Import) => i.target === 'content/ui.ts' || i.target === 'content/ui' || under(i.target, 'content/ui/');
    const found = IMPORTS.filter((i) => under(i.file, 'worker/', 'core/') && !under(i.file, 'worker/tools/') && isTable(i) && !i.typeOnly).map(describeImport);
    expect(found, "import translate, officeContact, workingDaysText from content/translate.ts; only `import type` from content/ui.ts").toEqual([]);
    // The scanner sees the table module itself, so an import of it would be found.
    expect(IMPORTS.some((i) => i.file === 'content/ui.ts' && i.target === 'content/ui/portal.ts')).toBe(true);
  });
});
