// Code cards for the paper mailbox: printed once, only hashes kept; a letter recorded with a card
// number answers that card's code, once; the officer never sees the code.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { postForm, submission } from './support.ts';
import { staffMember, staffPost } from './staff-support.ts';

async function printSheet(count = 3, village = 'qinglian', role: 'admin' | 'discipline' = 'admin') {
  const printer = await staffMember(role);
  const res = await staffPost(printer, '/staff/cards', { village, count: String(count) });
  const html = await res.text();
  const cards = [...html.matchAll(/data-card="([^"]+)"[\s\S]*?class="query-code card-code"[^>]*>([0-9A-Z-]{19})</g)].map((m) => ({ number: m[1]!, code: m[2]! }));
  return { res, html, cards };
}

describe('code cards', () => {
  it('are printed once for a village, in Chinese, with the query page’s address and QR code; only the codes’ hashes are kept', async () => {
    const { res, html, cards } = await printSheet(3);
    expect(res.status).toBe(201);
    expect(cards).toHaveLength(3);
    expect(html).toContain('清廉村');
    expect(html).toContain('把上面的卡号写在您的信上');
    expect(html).toContain('/track</span>');
    expect(html).toMatch(/<svg[^>]*viewBox/);
    const stored = JSON.stringify((await env.DB.prepare('SELECT * FROM code_cards').all()).results);
    for (const card of cards) {
      expect(stored).toContain(card.number);
      expect(stored).not.toContain(card.code);
      expect(stored).not.toContain(card.code.replace(/-/g, ''));
    }
    // Not yet used, a card's code opens nothing.
    expect((await postForm('/track', { code: cards[0]!.code })).status).toBe(404);
  });

  it('are printed by the committee and the admin only', async () => {
    for (const role of ['handler', 'liaison'] as const) {
      const who = await staffMember(role, role === 'liaison' ? 'qinglian' : null);
      const res = await staffPost(who, '/staff/cards', { village: 'qinglian', count: '2' });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('只有镇纪委、监察办公室和镇管理员可以打印查询码卡片。');
    }
    const committee = await staffMember('discipline');
    expect((await staffPost(committee, '/staff/cards', { village: 'qinglian', count: '1' })).status).toBe(201);
    expect((await staffPost(committee, '/staff/cards', { village: 'qinglian', count: '99' })).status).toBe(422);
  });

  it('let a recorded letter answer its card’s code, once; the officer sees the card number, never the code', async () => {
    const { cards } = await printSheet(2, 'qinglian', 'discipline');
    const [card, other] = cards;
    const officer = await staffMember('liaison', 'qinglian');
    const letter = { ...submission({ category: 'cadre-report', subject: '信件反映村干部问题' }), channel: 'mailbox' };
    const slip = await staffPost(officer, '/staff/cases/new', { ...letter, card: card!.number.toLowerCase().replace(/-/g, ' ') });
    expect(slip.status).toBe(201);
    const html = await slip.text();
    expect(html).toContain(`群众使用卡片 ${card!.number} 上的查询码查询这个案件`);
    expect(html).not.toContain(card!.code);
    expect(html).not.toContain('id="query-code"');

    const page = await (await postForm('/track', { code: card!.code })).text();
    expect(page).toContain('信件反映村干部问题');

    const again = await staffPost(officer, '/staff/cases/new', { ...letter, submissionId: submission().submissionId!, card: card!.number });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('这个卡号不存在、不是这个村的，或已经使用过。');
    // Another village's card, and a card with a call instead of a letter, are refused too.
    const dongling = (await printSheet(1, 'dongling')).cards[0]!;
    expect((await staffPost(officer, '/staff/cases/new', { ...letter, submissionId: submission().submissionId!, card: dongling.number })).status).toBe(422);
    expect((await staffPost(officer, '/staff/cases/new', { ...letter, channel: 'phone', submissionId: submission().submissionId!, card: other!.number })).status).toBe(422);
    expect(await env.DB.prepare('SELECT used_case_id FROM code_cards WHERE card_number = ?1').bind(other!.number).first('used_case_id')).toBeNull();
  });
});

describe('a code card printed by the admin', () => {
  it('makes a cadre report sent with it claim a new code first (the admin saw the code); the committee’s cards do not', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const committeeCard = (await printSheet(1, 'qinglian', 'discipline')).cards[0]!;
    const adminCard = (await printSheet(1)).cards[0]!;
    const letter = () => ({ ...submission({ category: 'cadre-report', subject: '卡片信件' }), channel: 'mailbox' });
    expect((await staffPost(officer, '/staff/cases/new', { ...letter(), card: adminCard.number })).status).toBe(201);
    expect((await staffPost(officer, '/staff/cases/new', { ...letter(), card: committeeCard.number })).status).toBe(201);
    const viaAdmin = await (await postForm('/track', { code: adminCard.code })).text();
    expect(viaAdmin).toContain('请现在领取一个新的查询码');
    expect(viaAdmin).not.toContain('卡片信件');
    expect(await (await postForm('/track', { code: committeeCard.code })).text()).toContain('卡片信件');
  });
});
