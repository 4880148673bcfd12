// Hostile document bodies: nothing executable survives to a public page, and what would be slow
// or absurd (deep nesting, a megabyte of text) is refused when it is saved, next to its field.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { renderBody } from '../../worker/publishing/markdown.ts';
import { saveDraft } from '../../worker/services/publishing.ts';
import { loadTraditionalCharacters } from '../../worker/services/traditional-characters.ts';
import { call } from './support.ts';
import { actorWith, published, regulationForm } from './publishing-support.ts';

beforeAll(() => loadTraditionalCharacters(env.ASSETS));

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">点这里</a>',
  '[点这里](javascript:alert(1))',
  '[大小写](JaVaScRiPt:alert(1))',
  '[实体](&#106;avascript:alert(1))',
  '[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[vb](vbscript:msgbox(1))',
  '<javascript:alert(1)>',
  '![图](https://tracker.example/pixel.gif)',
  '![svg](data:image/svg+xml,<svg onload=alert(1)>)',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="40"/></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><button>提交</button></form>',
  '| 表头 |\n| --- |\n| <img src=x onerror=alert(1)> |',
  '<div onclick="alert(1)">**加粗**</div>',
  '[ref]\n\n[ref]: javascript:alert(1)',
].join('\n\n');

/** Every element and attribute of the rendered body, as a browser would build them. */
function dangerous(html: string): string[] {
  const root = parse(`<div>${html}</div>`);
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!['div', 'p', 'a', 'strong', 'em', 'h2', 'h3', 'h4', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'code', 'pre', 'br', 'hr'].includes(tag)) found.push(`<${tag}>`);
    for (const [name, value] of Object.entries(el.attributes)) {
      if (name.startsWith('on') || name === 'style' || name === 'src') found.push(`${tag}[${name}]`);
      if (name === 'href' && value !== '' && !/^(https?:|mailto:|#|\/)/i.test(value)) found.push(`${tag}[href=${value}]`);
    }
  }
  return found;
}

describe('a hostile body', () => {
  it('renders as text: no script, event handler, javascript: or data: link, SVG, image, frame, style or form survives', () => {
    const html = renderBody(HOSTILE);
    expect(dangerous(html)).toEqual([]);
    // The markup is shown as the text it was, escaped.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;svg');
    // The links keep their words but lose the address.
    const hrefs = parse(html).querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(hrefs.filter((h) => h !== '')).toEqual(['https://tracker.example/pixel.gif']);
    expect(hrefs.length).toBeGreaterThanOrEqual(6);
  });

  it('is neutralised on the public page too, which carries no script at all', async () => {
    const { slug } = await published({ body_zh: HOSTILE });
    const res = await call(`/regulations/${slug}/`);
    const page = parse(await res.text());
    expect(res.status).toBe(200);
    // The only script is the frame's own (字号, 打印本页, the 关怀版 switch in place), in the head.
    expect(page.querySelectorAll('script').map((s) => s.getAttribute('src'))).toEqual(['/scripts/frame.js']);
    expect(page.querySelectorAll('body script, svg, iframe, img, style')).toHaveLength(0);
    // The only forms are the portal's own: the 关怀版 switch and the search box in the header.
    expect(page.querySelectorAll('form').map((f) => f.getAttribute('class'))).toEqual(['elder-switch', 'site-search']);
    expect(dangerous(page.querySelector('.prose')!.innerHTML)).toEqual([]);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('keeps what a regulation needs: headings, ordered lists, emphasis, tables and ordinary links', () => {
    const html = renderBody('## 第一章 总则\n\n1. **第一条** 本办法*适用于*全镇。\n2. 第二条\n\n| 事项 | 时限 |\n| :-- | --: |\n| 低保 | 7 天 |\n\n详见[省政府网站](https://www.example.gov.cn/)。');
    const root = parse(html);
    expect(root.querySelector('h2')?.text).toBe('第一章 总则');
    expect(root.querySelectorAll('ol > li')).toHaveLength(2);
    expect(root.querySelector('strong')?.text).toBe('第一条');
    expect(root.querySelector('em')?.text).toBe('适用于');
    expect(root.querySelectorAll('td').map((td) => td.text)).toEqual(['低保', '7 天']);
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://www.example.gov.cn/');
  });

  it('nested deeper than the limit is refused next to the body field', async () => {
    const clerk = await actorWith('draft');
    const lists = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n');
    const quotes = `${'>'.repeat(5000)} 引用`;
    for (const body of [lists, quotes]) {
      const saved = await saveDraft(env.DB, clerk, regulationForm({ body_zh: body }));
      expect(saved).toMatchObject({ ok: false, refusal: { code: 'invalid', fields: [{ field: 'body_zh', key: 'publishing.errors.tooDeep' }] } });
    }
    // Four levels, as a regulation may have, are fine.
    const four = Array.from({ length: 4 }, (_, i) => `${'   '.repeat(i)}1. 第${i + 1}层`).join('\n');
    expect(await saveDraft(env.DB, clerk, regulationForm({ body_zh: four }))).toMatchObject({ ok: true });
  });

  it('of a megabyte is refused, and nothing is stored', async () => {
    const clerk = await actorWith('draft');
    const form = regulationForm({ body_zh: '第一条 '.repeat(200_000) });
    const saved = await saveDraft(env.DB, clerk, form);
    expect(saved).toMatchObject({ ok: false, refusal: { fields: [{ field: 'body_zh', key: 'publishing.errors.bodyTooLong' }] } });
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM documents WHERE slug = ?1').bind(form.slug).first('n')).toBe(0);
  });

  it('with control characters is refused', async () => {
    const clerk = await actorWith('draft');
    const saved = await saveDraft(env.DB, clerk, regulationForm({ body_zh: '第一条\u0000 隐藏' }));
    expect(saved).toMatchObject({ ok: false, refusal: { fields: [{ field: 'body_zh', key: 'errors.text.control' }] } });
  });
});
