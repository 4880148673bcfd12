// Publishing from the console, played through the services the console calls: a clerk drafts, a
// second staff member approves; four eyes; corrections and withdrawals; attachments by their bytes.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTraditionalCharacters } from '../../worker/services/traditional-characters.ts';
import { approve, attach, getForConsole, history, listForConsole, returnDraft, saveDraft, startCorrection, submitForReview, withdraw } from '../../worker/services/publishing.ts';
import { CATEGORIES, STATUSES } from '../../worker/publishing/model.ts';
import { REGULATION_CATEGORIES, REGULATION_STATUSES } from '../../content/schemas.ts';
import { actorWith, published, regulationForm } from './publishing-support.ts';

beforeAll(() => loadTraditionalCharacters(env.ASSETS));

const idOf = (r: { ok: boolean; value?: unknown }) => (r as { value: { id: number } }).value.id;

describe('drafting and approving a regulation', () => {
  it('keeps the same categories and statuses as the content schemas', () => {
    expect([...CATEGORIES]).toEqual([...REGULATION_CATEGORIES]);
    expect([...STATUSES]).toEqual([...REGULATION_STATUSES]);
  });

  it('checks the 文号 and the dates next to their fields, and stores nothing when they are wrong', async () => {
    const clerk = await actorWith('draft');
    const before = (await listForConsole(env.DB)).ok ? ((await listForConsole(env.DB)) as { value: unknown[] }).value.length : 0;
    const bad = await saveDraft(env.DB, clerk, regulationForm({ docNumber: '长岭发2026-12', effective: '2026-11-01' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.refusal.fields?.map((f) => [f.field, f.key])).toEqual([
      ['docNumber', 'publishing.errors.docNumber'],
      ['effective', 'publishing.errors.effectiveBeforeIssued'],
    ]);
    const year = await saveDraft(env.DB, clerk, regulationForm({ docNumber: '长岭发〔2025〕12号' }));
    expect(!year.ok && year.refusal.fields?.[0]).toMatchObject({ field: 'docNumber', key: 'publishing.errors.docNumberYear' });
    const slug = await saveDraft(env.DB, clerk, regulationForm({ slug: 'Bad Slug!' }));
    expect(!slug.ok && slug.refusal.fields?.[0]).toMatchObject({ field: 'slug', key: 'publishing.errors.slug' });
    expect(((await listForConsole(env.DB)) as { value: unknown[] }).value.length).toBe(before);
  });

  it('never lets the drafter approve, even one who also holds the right to approve', async () => {
    const clerk = await actorWith('draft', 'approve');
    const id = idOf(await saveDraft(env.DB, clerk, regulationForm()));
    expect(await submitForReview(env.DB, clerk, id)).toMatchObject({ ok: true });
    const own = await approve(env.DB, clerk, id);
    expect(own).toMatchObject({ ok: false, refusal: { code: 'forbidden', key: 'publishing.errors.fourEyes' } });
    // Nor someone without the right; a second staff member with it can.
    expect(await approve(env.DB, await actorWith('draft'), id)).toMatchObject({ ok: false, refusal: { key: 'publishing.errors.noApproveRight' } });
    expect(await approve(env.DB, await actorWith('approve'), id)).toMatchObject({ ok: true });
  });

  it('lets a staff member who edited a returned draft not approve it either', async () => {
    const clerk = await actorWith('draft');
    const editor = await actorWith('draft', 'approve');
    const reviewer = await actorWith('approve');
    const form = regulationForm();
    const id = idOf(await saveDraft(env.DB, clerk, form));
    await submitForReview(env.DB, clerk, id);
    expect(await returnDraft(env.DB, reviewer, id, '请补充第二条的公开时限。')).toMatchObject({ ok: true });
    expect(await saveDraft(env.DB, editor, { ...form, id, body_zh: `${form.body_zh}\n\n第三条 公示不少于七天。` })).toMatchObject({ ok: true });
    await submitForReview(env.DB, editor, id);
    expect(await approve(env.DB, editor, id)).toMatchObject({ ok: false, refusal: { key: 'publishing.errors.fourEyes' } });
    expect(await approve(env.DB, reviewer, id)).toMatchObject({ ok: true });
    const doc = await getForConsole(env.DB, id);
    expect(doc.ok && doc.value.comments.map((c) => c.comment)).toEqual(['请补充第二条的公开时限。']);
    const audit = await history(env.DB, id);
    expect(audit.ok && audit.value.map((a) => [a.action, a.username])).toEqual([
      ['draft', clerk.username],
      ['submit', clerk.username],
      ['return', reviewer.username],
      ['draft', editor.username],
      ['submit', editor.username],
      ['approve', reviewer.username],
    ]);
    // By day: every time is the start of a town day.
    expect(audit.ok && audit.value.every((a) => /T16:00:00\.000Z$/.test(a.at))).toBe(true);
  });

  it('refuses to send a draft with a phone number in it for review', async () => {
    const clerk = await actorWith('draft');
    const id = idOf(await saveDraft(env.DB, clerk, regulationForm({ body_zh: '## 联系\n\n有问题请打 13812345678 找张会计。' })));
    const sent = await submitForReview(env.DB, clerk, id);
    expect(sent).toMatchObject({ ok: false, refusal: { key: 'publishing.errors.personalData' } });
    expect(!sent.ok && 'check' in sent && sent.check?.findings.map((f) => f.kind)).toContain('phone');
  });

  it('marks the regulation a new one amends, and keeps a correction as a new version', async () => {
    const old = await published();
    const amending = await published({ amends: old.slug, docNumber: '长岭发〔2026〕13号' });
    expect(await env.DB.prepare('SELECT status FROM documents WHERE id = ?1').bind(old.id).first('status')).toBe('amended');
    const clerk = await actorWith('draft');
    const started = await startCorrection(env.DB, clerk, amending.id, '第二条“七天”应为“十天”。');
    expect(started).toMatchObject({ ok: true, value: { seq: 2 } });
    expect(await startCorrection(env.DB, clerk, amending.id, '再改一次')).toMatchObject({ ok: false, refusal: { key: 'publishing.errors.correctionOpen' } });
    const console = await getForConsole(env.DB, amending.id);
    expect(console.ok && console.value.versions.map((v) => v.state)).toEqual(['published', 'draft']);
  });

  it('withdraws only with a reason, and only with the right to approve', async () => {
    const doc = await published();
    const clerk = await actorWith('draft');
    expect(await withdraw(env.DB, clerk, doc.id, '与上级文件不一致')).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
    expect(await withdraw(env.DB, doc.approver, doc.id, '  ')).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(await withdraw(env.DB, doc.approver, doc.id, '与上级文件不一致，停止执行。')).toMatchObject({ ok: true });
    expect(await withdraw(env.DB, doc.approver, doc.id, '再撤一次')).toMatchObject({ ok: false, refusal: { key: 'publishing.errors.withdrawn' } });
  });
});

describe('attachments', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');

  it('stores a PDF under the SHA-256 of its bytes', async () => {
    const clerk = await actorWith('draft');
    const id = idOf(await saveDraft(env.DB, clerk, regulationForm()));
    const stored = await attach(env.DB, env.FILES, clerk, id, { bytes: pdf });
    expect(stored.ok).toBe(true);
    const sha = stored.ok ? stored.value.sha : '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const object = await env.FILES.get(`attachments/${sha}.pdf`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(pdf);
  });

  it('refuses a file that is not a PDF whatever it is called, and one too large', async () => {
    const clerk = await actorWith('draft');
    const id = idOf(await saveDraft(env.DB, clerk, regulationForm()));
    const html = new File(['<html><script>alert(1)</script></html>'], 'scan.pdf', { type: 'application/pdf' });
    expect(await attach(env.DB, env.FILES, clerk, id, html)).toMatchObject({ ok: false, refusal: { code: 'unsupported', key: 'publishing.errors.notPdf' } });
    const svg = { bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') };
    expect(await attach(env.DB, env.FILES, clerk, id, svg)).toMatchObject({ ok: false, refusal: { key: 'publishing.errors.notPdf' } });
    const huge = new Uint8Array(11 * 1024 * 1024);
    huge.set(pdf);
    expect(await attach(env.DB, env.FILES, clerk, id, { bytes: huge })).toMatchObject({ ok: false, refusal: { code: 'too_large' } });
    const listed = await env.FILES.list({ prefix: 'attachments/' });
    expect(listed.objects.every((o) => o.size < 1000)).toBe(true);
  });
});
