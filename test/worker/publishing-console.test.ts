// The publishing console as the town office plays it: a clerk drafts 《长岭镇村级小微权力清单》 with
// its signed PDF, mistakes come back beside their fields in the clerk's language with nothing
// stored, the draft is sent for review, the clerk never gets to approve it, a second staff member
// returns it with a comment and then approves it, and the public page shows it at once; then a
// correction with its public note, and a withdrawal with its public reason. The history says who
// did what, by day.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, call } from './support.ts';
import { createStaff, signedIn, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';
import { regulationForm } from './publishing-support.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const NOT_PDF = new TextEncoder().encode('<html><script>alert(1)</script></html>');

/** A staff member of `role` holding `rights`, granted by the admin on the accounts page. */
async function withRights(admin: Staff, rights: ('draft' | 'approve')[], role: 'handler' | 'admin' = 'handler'): Promise<Staff> {
  const username = await createStaff(role);
  const id = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(username).first<number>('id');
  const res = await staffPost(admin, `/staff/accounts/${id}/rights`, Object.fromEntries(rights.map((r) => [r, 'yes'])));
  expect(res.status).toBe(200);
  return signedIn(username);
}

/** POSTs the drafting form as the browser does (multipart), with a file when given. */
function postDraft(staff: Staff, path: string, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }): Promise<Response> {
  const form = new FormData();
  form.set('csrf', staff.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('attachment', new File([file.bytes], file.name, { type: 'application/pdf' }));
  return call(path, { method: 'POST', body: form, headers: { cookie: staff.cookie, origin: ORIGIN } });
}

const documents = async () => (await env.DB.prepare('SELECT count(*) AS n FROM documents').first<number>('n'))!;
const idFrom = (res: Response) => Number(/regulations\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** The error line beside a field. */
const fieldError = (html: string, field: string) => textOf(new RegExp(`<p class="field-error" id="error-${field}">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '');

let admin: Staff;
let clerk: Staff;
let reviewer: Staff;

beforeAll(async () => {
  admin = await staffMember('admin');
  // The clerk holds both rights (and so is told why they cannot approve their own draft).
  clerk = await withRights(admin, ['draft', 'approve']);
  reviewer = await withRights(admin, ['approve']);
});

describe('the publishing console', () => {
  it('is reached by staff holding a right, from the console’s navigation, and by nobody else', async () => {
    const page = await staffGet(clerk, '/staff/cases');
    expect(await page.text()).toContain('href="/staff/publishing/regulations"');
    expect((await staffGet(clerk, '/staff/publishing/regulations')).status).toBe(200);
    expect((await staffGet(reviewer, '/staff/publishing/regulations')).status).toBe(200);
    const plain = await staffMember('handler');
    expect(await (await staffGet(plain, '/staff/cases')).text()).not.toContain('/staff/publishing/');
    const officer = await staffMember('liaison', 'qinglian');
    const member = await staffMember('discipline');
    for (const who of [plain, officer, member, admin]) {
      const res = await staffGet(who, '/staff/publishing/regulations/new');
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('您的账号没有发布权限。');
    }
    // A reviewer without the right to draft has no drafting form.
    expect((await staffGet(reviewer, '/staff/publishing/regulations/new')).status).toBe(403);
  });

  it('refuses a wrong form with each message beside its field, in the clerk’s language, and stores nothing', async () => {
    const before = await documents();
    const wrong = regulationForm({ title_zh: '', docNumber: '长岭发2026第12号', effective: '2026-11-01', category: '' });
    const res = await postDraft(clerk, '/staff/publishing/regulations/new', { ...wrong, action: 'save' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'title_zh')).toBe('请填写这一项。');
    expect(fieldError(html, 'docNumber')).toContain('文号的写法是');
    expect(fieldError(html, 'effective')).toBe('施行日期不能早于印发日期。');
    expect(fieldError(html, 'category')).toBe('请选择类别。');
    // What was typed is kept.
    expect(html).toContain('长岭发2026第12号');
    expect(html).toContain('第一条 为规范村级小微权力运行');
    const en = await (await postDraft(clerk, '/en/staff/publishing/regulations/new', { ...wrong, action: 'save' })).text();
    expect(fieldError(en, 'docNumber')).toContain('A document number is the issuing body’s abbreviation');
    // The year of the 文号 follows the issue date.
    const year = await (await postDraft(clerk, '/staff/publishing/regulations/new', { ...regulationForm({ docNumber: '长岭发〔2025〕12号' }), action: 'save' })).text();
    expect(fieldError(year, 'docNumber')).toBe('文号里的年份〔2025〕与印发日期 2026-11-20 不一致。');
    // A file that is not a PDF stores nothing, not even the (valid) draft.
    const notPdf = await postDraft(clerk, '/staff/publishing/regulations/new', { ...regulationForm(), action: 'save' }, { bytes: NOT_PDF, name: 'scan.pdf' });
    expect(notPdf.status).toBe(415);
    expect(fieldError(await notPdf.text(), 'attachment')).toBe('附件必须是 PDF 文件（按文件内容检查，不看文件名）。');
    expect(await documents()).toBe(before);
  });

  it('takes a draft from the clerk, a second staff member returns and then approves it, and the page is public at once', async () => {
    const form = regulationForm();
    const saved = await postDraft(clerk, '/staff/publishing/regulations/new', { ...form, action: 'save' }, { bytes: PDF, name: '小微权力清单.pdf' });
    expect(saved.status).toBe(303);
    const id = idFrom(saved);
    expect(saved.headers.get('location')).toBe(`/staff/publishing/regulations/${id}?done=saved`);
    const draftPage = await (await staffGet(clerk, `/staff/publishing/regulations/${id}?done=saved`)).text();
    expect(draftPage).toContain('草稿已保存。');
    expect(draftPage).toMatch(/已上传的附件：\d+ KB/);
    expect(textOf(draftPage)).toContain('状态：草稿');
    // In the drafts list, not yet public.
    expect(await (await staffGet(clerk, '/staff/publishing/regulations?list=drafts')).text()).toContain(`data-document="${form.slug}"`);
    expect((await call(`/regulations/${form.slug}/`)).status).toBe(404);

    // Sent for review (saved again on the way).
    const sent = await postDraft(clerk, `/staff/publishing/regulations/${id}`, { ...form, action: 'submit' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/staff/publishing/regulations/${id}?done=sent`);
    expect(await (await staffGet(reviewer, '/staff/publishing/regulations?list=review')).text()).toContain(`data-document="${form.slug}"`);

    // The drafter holds the right to approve, yet has no button and is refused.
    const own = await (await staffGet(clerk, `/staff/publishing/regulations/${id}`)).text();
    expect(own).not.toContain('id="approve-form"');
    expect(own).toContain('这份稿件是您起草或修改的，须由另一位有审核权限的工作人员审核。');
    const self = await staffPost(clerk, `/staff/publishing/regulations/${id}/approve`, {});
    expect(self.status).toBe(403);
    expect((await call(`/regulations/${form.slug}/`)).status).toBe(404);

    // The reviewer reads the draft beside its preview, the public page exactly.
    const review = await (await staffGet(reviewer, `/staff/publishing/regulations/${id}`)).text();
    expect(review).toContain('id="approve-form"');
    expect(review).toContain(`<iframe src="/staff/publishing/regulations/${id}/preview"`);
    expect(review).toContain('第一条 为规范村级小微权力运行，制定本清单。');
    // The signed scan, not public yet, opens for the reviewer from the console.
    expect(review).toContain(`href="/staff/publishing/regulations/${id}/attachment"`);
    const scan = await staffGet(reviewer, `/staff/publishing/regulations/${id}/attachment`);
    expect(scan.status).toBe(200);
    expect(scan.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await scan.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect((await staffGet(await staffMember('liaison', 'qinglian'), `/staff/publishing/regulations/${id}/attachment`)).status).toBe(403);
    const preview = await staffGet(reviewer, `/staff/publishing/regulations/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('长岭发〔2026〕12号');
    expect(previewHtml).toContain('<table>');

    // Returned with a comment (required), which the clerk reads.
    const empty = await staffPost(reviewer, `/staff/publishing/regulations/${id}/return`, { comment: '' });
    expect(empty.status).toBe(422);
    expect(fieldError(await empty.text(), 'comment')).toBe('请填写这一项。');
    expect((await staffPost(reviewer, `/staff/publishing/regulations/${id}/return`, { comment: '请补充施行日期的说明。' })).status).toBe(303);
    const back = await (await staffGet(clerk, `/staff/publishing/regulations/${id}`)).text();
    expect(back).toContain('请补充施行日期的说明。');
    expect(textOf(back)).toContain('状态：已退回修改');

    // Edited, sent again, approved by the reviewer: public at once.
    const body = `${form.body_zh}\n第三条 本清单自2026年12月1日起施行。\n`;
    expect((await postDraft(clerk, `/staff/publishing/regulations/${id}`, { ...form, body_zh: body, action: 'submit' })).status).toBe(303);
    const approved = await staffPost(reviewer, `/staff/publishing/regulations/${id}/approve`, {});
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(`/staff/publishing/regulations/${id}?done=approved`);
    const page = await call(`/regulations/${form.slug}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('长岭镇村级小微权力清单');
    expect(html).toContain('本清单自2026年12月1日起施行');
    expect(await (await staffGet(clerk, '/staff/publishing/regulations?list=published')).text()).toContain(`data-document="${form.slug}"`);

    // Who did what, by day.
    const history = textOf(/<table class="data-table" id="document-history">([\s\S]*?)<\/table>/.exec(await (await staffGet(reviewer, `/staff/publishing/regulations/${id}`)).text())![1]!);
    for (const text of ['起草或修改', '上传附件', '送审', '退回修改', '审核发布', clerk.username, reviewer.username]) expect(history).toContain(text);
  });

  it('corrects a published regulation with a public note, and withdraws one with a public reason', async () => {
    const form = regulationForm();
    const id = idFrom(await postDraft(clerk, '/staff/publishing/regulations/new', { ...form, action: 'submit' }));
    expect((await staffPost(reviewer, `/staff/publishing/regulations/${id}/approve`, {})).status).toBe(303);

    // A correction needs its note; then it is a new draft, the published text unchanged until approved.
    const noNote = await staffPost(clerk, `/staff/publishing/regulations/${id}/correct`, { note_zh: '' });
    expect(noNote.status).toBe(422);
    expect(fieldError(await noNote.text(), 'note_zh')).toBe('请填写这一项。');
    // A public note never holds a resident's query code, in either language, however it is spaced; English words pass.
    const coded = await staffPost(clerk, `/staff/publishing/regulations/${id}/correct`, { note_zh: '据群众反映（查询码 473K - R3F9 - AS9M - 2N0D）更正。', note_en: '' });
    expect(coded.status).toBe(422);
    expect(fieldError(await coded.text(), 'note_zh')).toBe('这里有像查询码的内容。查询码只属于反映人本人，不能写在这里，请删去。');
    const codedEn = await staffPost(clerk, `/staff/publishing/regulations/${id}/correct`, { note_zh: '更正。', note_en: 'Corrected after 473KR3F9AS9M2N0D.' });
    expect(codedEn.status).toBe(422);
    expect(fieldError(await codedEn.text(), 'note_en')).toBe('这里有像查询码的内容。查询码只属于反映人本人，不能写在这里，请删去。');
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM document_versions WHERE document_id = ?1`).bind(id).first('n')).toBe(1);
    const corrected = await staffPost(clerk, `/staff/publishing/regulations/${id}/correct`, { note_zh: '更正第二项的公开方式。', note_en: 'Work with this team: corrected.' });
    expect(corrected.status).toBe(303);
    // While its correction is drafted, it is both published and among the drafts.
    for (const list of ['published', 'drafts']) expect(await (await staffGet(clerk, `/staff/publishing/regulations?list=${list}`)).text()).toContain(`data-document="${form.slug}"`);
    expect((await postDraft(clerk, `/staff/publishing/regulations/${id}`, { ...form, body_zh: form.body_zh!.replace('村务公开栏', '村务公开栏和本网站'), action: 'submit' })).status).toBe(303);
    expect(await (await call(`/regulations/${form.slug}/`)).text()).not.toContain('村务公开栏和本网站');
    expect((await staffPost(reviewer, `/staff/publishing/regulations/${id}/approve`, {})).status).toBe(303);
    const after = await (await call(`/regulations/${form.slug}/`)).text();
    expect(after).toContain('村务公开栏和本网站');
    expect(after).toContain('更正第二项的公开方式。');
    expect((await call(`/regulations/${form.slug}/versions/1/`)).status).toBe(200);

    // Withdrawal: only with the right to approve, and with a reason.
    const clerkOnly = await withRights(admin, ['draft']);
    expect(await (await staffGet(clerkOnly, `/staff/publishing/regulations/${id}`)).text()).not.toContain('id="withdraw-form"');
    expect((await staffPost(clerkOnly, `/staff/publishing/regulations/${id}/withdraw`, { reason_zh: '试试' })).status).toBe(403);
    const noReason = await staffPost(reviewer, `/staff/publishing/regulations/${id}/withdraw`, { reason_zh: '' });
    expect(noReason.status).toBe(422);
    expect(fieldError(await noReason.text(), 'reason_zh')).toBe('请填写这一项。');
    const codedReason = await staffPost(reviewer, `/staff/publishing/regulations/${id}/withdraw`, { reason_zh: '反映人 473k r3f9 as9m 2n0d 指出已失效。', reason_en: '' });
    expect(codedReason.status).toBe(422);
    expect(fieldError(await codedReason.text(), 'reason_zh')).toBe('这里有像查询码的内容。查询码只属于反映人本人，不能写在这里，请删去。');
    expect((await call(`/regulations/${form.slug}/`)).status).toBe(200);
    expect((await staffPost(reviewer, `/staff/publishing/regulations/${id}/withdraw`, { reason_zh: '已被县级文件代替。', reason_en: '' })).status).toBe(303);
    const notice = await (await call(`/regulations/${form.slug}/`)).text();
    expect(notice).toContain('已被县级文件代替。');
    expect(await (await staffGet(reviewer, '/staff/publishing/regulations?list=withdrawn')).text()).toContain(`data-document="${form.slug}"`);
  });

  it('checks the text for personal data before it goes to review, the draft kept', async () => {
    const form = regulationForm({ body_zh: '## 一、总则\n\n联系人张三，电话13812345678。\n' });
    const res = await postDraft(clerk, '/staff/publishing/regulations/new', { ...form, action: 'submit' });
    // Saved first, then kept from review on the same page, which now edits the saved draft.
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('草稿已保存。');
    expect(html).toContain('文件里可能有个人信息，请修改或确认后再送审。');
    expect(html).toContain('13812345678');
    expect(html).toMatch(/<form method="post" action="\/staff\/publishing\/regulations\/\d+" enctype="multipart\/form-data"/);
    const rows = await env.DB.prepare(`SELECT v.state FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.slug = ?1`).bind(form.slug).all<{ state: string }>();
    expect(rows.results.map((r) => r.state)).toEqual(['draft']);
  });
});
