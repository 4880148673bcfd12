/// <reference types="vite/client" />
// `npm run content:import` loads today's regulations into D1, and the worker's pages then say what
// the Astro pages said: the rendered text of each regulation (title, facts, status, body,
// history; Chinese and English) is compared with the text of the pages the Astro site built
// before (test/fixtures/regulations-astro.json, captured from dist/ when the site built them).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { planImport, type SourceFile } from '../../worker/tools/regulations-import.ts';
import astro from '../fixtures/regulations-astro.json';
import { call } from './support.ts';

const zh = import.meta.glob('../../content/regulations/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const en = import.meta.glob('../../content/regulations/en/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const files = (g: Record<string, string>): SourceFile[] => Object.entries(g).map(([path, text]) => ({ name: path.split('/').at(-1)!, text }));

async function sizes(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const file of ['files/clean-village-opinions-2023.pdf']) {
    const res = await env.ASSETS.fetch(new Request(`https://qinglian.test/${file}`));
    if (res.ok) out.set(file, (await res.arrayBuffer()).byteLength);
  }
  return out;
}

async function runImport(known: Map<string, number>) {
  const plan = planImport(files(zh), files(en), (f) => known.get(f) ?? null);
  expect(plan.errors).toEqual([]);
  await env.DB.batch(plan.statements.map((s) => env.DB.prepare(s)));
  return plan;
}

const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim() || null;

async function pageText(path: string) {
  const doc = parse(await (await call(path)).text());
  const t = (sel: string) => text(doc.querySelector(sel)?.text);
  return { title: t('h1'), facts: t('dl.facts'), body: t('.prose'), banner: t('#status'), history: t('.history') };
}

describe('content:import', () => {
  it('reproduces the text of every regulation page the Astro site built, in both languages', { timeout: 60_000 }, async () => {
    const plan = await runImport(await sizes());
    expect(plan.slugs).toHaveLength(7);
    const fixture = astro as Record<string, Record<string, string | null>>;
    expect(Object.keys(fixture)).toHaveLength(14);
    for (const [path, before] of Object.entries(fixture)) {
      expect(await pageText(path), path).toEqual(before);
    }
  });

  it('is idempotent: a second run changes nothing, and leaves a document the console corrected alone', { timeout: 60_000 }, async () => {
    const known = await sizes();
    await runImport(known);
    const snapshot = async () =>
      JSON.stringify([
        (await env.DB.prepare('SELECT * FROM documents ORDER BY id').all()).results,
        (await env.DB.prepare('SELECT * FROM document_versions ORDER BY document_id, seq').all()).results,
        (await env.DB.prepare('SELECT COUNT(*) AS n FROM document_audit').all()).results,
        (await env.DB.prepare('SELECT COUNT(*) AS n FROM search_terms').all()).results,
      ]);
    const once = await snapshot();
    await runImport(known);
    expect(await snapshot()).toBe(once);
    const page = await (await call('/regulations/liaison-station-rules/')).text();
    // A withdrawal in the console survives a later import.
    const id = await env.DB.prepare(`SELECT id FROM documents WHERE slug = 'liaison-station-rules'`).first<number>('id');
    await env.DB.prepare(`UPDATE documents SET withdrawn_at = '2026-12-01T16:00:00.000Z', withdrawn_reason_zh = '测试' WHERE id = ?1`).bind(id).run();
    await runImport(known);
    expect((await call('/regulations/liaison-station-rules/')).status).toBe(410);
    expect(page).toContain('长岭纪发〔2021〕7号');
  });

  it('refuses a file the content schemas refuse, naming the file and the field, and imports nothing', () => {
    const bad = files(zh).map((f) => (f.name === 'performance-evaluation.mdx' ? { ...f, text: f.text.replace(/docNumber: .*/, 'docNumber: 长岭发2022-3') } : f));
    const plan = planImport(bad, files(en), () => 1000);
    expect(plan.errors.some((e) => e.startsWith('content/regulations/performance-evaluation.mdx: docNumber:'))).toBe(true);
    const mdx = planImport([{ name: 'x-y.mdx', text: files(zh)[0]!.text.replace(/\n## /, '\nimport X from "./x";\n\n## ') }], [], () => 1000);
    expect(mdx.errors[0]).toContain('an import or export line');
  });
});
