/** Helpers for the publishing tests: staff accounts with rights, and a regulation as the drafting form sends it. */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Actor } from '../../worker/publishing/model.ts';
import { approve, saveDraft, submitForReview } from '../../worker/services/publishing.ts';
import { createStaff } from './staff-support.ts';
import { planDisclosureImport } from '../../worker/tools/disclosures-import.ts';

/** A town staff member (handler) with the given rights, as the console's actor. */
export async function actorWith(...rights: ('draft' | 'approve')[]): Promise<Actor> {
  const username = await createStaff('handler');
  const row = await env.DB.prepare('SELECT id, role FROM staff_users WHERE username = ?1').bind(username).first<{ id: number; role: string }>();
  return { id: row!.id, username, role: row!.role, rights: new Set(rights) };
}

let n = 0;

/** The drafting form of a new regulation: 《长岭镇村级小微权力清单》, 长岭发〔2026〕12号. */
export function regulationForm(overrides: Record<string, string> = {}): Record<string, string> {
  n++;
  return {
    slug: `small-power-list-${n}`,
    title_zh: '长岭镇村级小微权力清单',
    title_en: 'List of Small and Micro Powers of the Villages of Changling',
    docNumber: '长岭发〔2026〕12号',
    issuer_zh: '长岭镇人民政府（示例）',
    issued: '2026-11-20',
    effective: '2026-12-01',
    category: 'clean-village',
    summary_zh: '列出村级小微权力事项及其办理流程，包括低保评议和财务收支审批。',
    body_zh: '## 一、总则\n\n第一条 为规范村级小微权力运行，制定本清单。\n\n## 二、事项\n\n1. **低保评议。** 村民代表会议评议，结果公示七天。\n2. **财务收支审批。** 由村务监督委员会审核。\n\n| 事项 | 公开方式 |\n| --- | --- |\n| 补贴发放 | 村务公开栏 |\n',
    ...overrides,
  };
}

/** Drafts, sends and approves a regulation by two staff members; returns its id and slug. */
export async function published(overrides: Record<string, string> = {}): Promise<{ id: number; slug: string; drafter: Actor; approver: Actor }> {
  const drafter = await actorWith('draft');
  const approver = await actorWith('approve');
  const form = regulationForm(overrides);
  const saved = await saveDraft(env.DB, drafter, form);
  expect(saved).toMatchObject({ ok: true });
  const id = (saved as { value: { id: number } }).value.id;
  expect(await submitForReview(env.DB, drafter, id)).toMatchObject({ ok: true });
  expect(await approve(env.DB, approver, id)).toMatchObject({ ok: true });
  return { id, slug: form.slug!, drafter, approver };
}

/** The villages' disclosures as `content:import` loads them: published documents in D1. */
const disclosureYaml = import.meta.glob('../../content/seed/disclosures/*/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
export async function importDisclosures(): Promise<void> {
  const plan = planDisclosureImport(Object.entries(disclosureYaml).map(([path, text]) => ({ name: path.split('/').slice(-2).join('/'), text })));
  await env.DB.batch(plan.statements.map((q) => env.DB.prepare(q)));
}
