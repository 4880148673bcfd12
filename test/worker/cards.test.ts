// Code cards for the paper mailbox: printed once, only hashes kept; a letter recorded with a card
// number answers that card's code, once; the officer never sees the code.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { codeFromReceipt, postForm, postJson, proven, submission } from './support.ts';
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
    expect(html).toContain('<img src="/qr/track.svg" alt=""');
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
    const [card] = cards;
    const officer = await staffMember('liaison', 'qinglian');
    const letter = { ...submission({ category: 'cadre-report', subject: '信件反映村干部问题' }), channel: 'mailbox' };
    const slip = await staffPost(officer, '/staff/cases/new', { ...letter, card: card!.number.toLowerCase().replace(/-/g, ' ') });
    expect(slip.status).toBe(201);
    const html = await slip.text();
    expect(html).toContain(`群众使用卡片 ${card!.number} 上的查询码查询这个案件`);
    expect(html).not.toContain(card!.code);
    expect(html).not.toContain('id="query-code"');

    // A member of the committee printed the sheet and saw the code: it claims the case, once.
    const first = await (await postForm('/track', { code: card!.code })).text();
    expect(first).toContain('请现在领取一个新的查询码');
    expect(first).not.toContain('信件反映村干部问题');
    const claimed = await (await postForm('/track/claim', { token: /name="token" value="([^"]+)"/.exec(first)![1]! })).text();
    expect(await (await postForm('/track', { code: codeFromReceipt(claimed) })).text()).toContain('信件反映村干部问题');
    // The card's code, looked up again, says when it was exchanged.
    expect(await (await postForm('/track', { code: card!.code })).text()).toContain('兑换过新的查询码；如果不是您本人兑换的，请告诉镇纪委监察办');

    const again = await staffPost(officer, '/staff/cases/new', { ...letter, submissionId: submission().submissionId!, card: card!.number });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('这个卡号不存在、不是这个村的，或已经使用过。');
    // Another village's card is refused too.
    const dongling = (await printSheet(1, 'dongling')).cards[0]!;
    expect((await staffPost(officer, '/staff/cases/new', { ...letter, submissionId: submission().submissionId!, card: dongling.number })).status).toBe(422);
    expect(await env.DB.prepare('SELECT used_case_id FROM code_cards WHERE card_number = ?1').bind(dongling.number).first('used_case_id')).toBeNull();
  });

  it('of the committee work for visits and calls too: the recording officer sees no code, the resident claims a new one', async () => {
    const { cards } = await printSheet(2, 'qinglian', 'discipline');
    for (const [i, channel] of (['visit', 'phone'] as const).entries()) {
      const card = cards[i]!;
      const officer = await staffMember('handler');
      const slip = await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'retaliation', subject: `卡片${channel}` }), channel, card: card.number });
      expect(slip.status).toBe(201);
      const html = await slip.text();
      expect(html).toContain(card.number);
      expect(html).toContain('群众第一次用卡片查询时，须领取一个新的查询码');
      expect(html).not.toContain('id="query-code"');
      const first = await (await postForm('/track', { code: card.code })).text();
      expect(first).toContain('请现在领取一个新的查询码');
      const claimed = await (await postForm('/track/claim', { token: /name="token" value="([^"]+)"/.exec(first)![1]! })).text();
      expect(await (await postForm('/track', { code: codeFromReceipt(claimed) })).text()).toContain(`卡片${channel}`);
    }
  });
});

describe('a code card printed by the admin', () => {
  it('cannot open a report to the committee: the letter is recorded without a code, and the card’s code says so with the committee’s contact', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const adminCard = (await printSheet(1)).cards[0]!;
    const res = await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'cadre-report', subject: '卡片信件' }), channel: 'mailbox', card: adminCard.number });
    expect(res.status).toBe(201);
    const slip = await res.text();
    expect(slip).toContain(`卡片 ${adminCard.number} 是镇管理员打印的`);
    expect(slip).not.toContain('id="query-code"');
    const looked = await postForm('/track', { code: adminCard.code });
    expect(looked.status).toBe(410);
    const text = await looked.text();
    expect(text).toContain('这张卡片是镇管理员打印的，不能用来查询送镇纪委监察办的反映');
    expect(text).toContain('0731-55550110');
    expect(text).not.toContain('卡片信件');
    expect(text).not.toContain('领取新的查询码</button>');
    const api = await postJson('/api/track?lang=en', await proven('track', { code: adminCard.code }));
    expect(api.status).toBe(410);
    expect(((await api.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'card_refused', message: expect.stringContaining('cannot open a report to the discipline committee') });
    // The card is spent: it cannot be given with another letter.
    expect((await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'demand' }), channel: 'mailbox', card: adminCard.number })).status).toBe(422);
  });

  it('makes a case kept from its village claim a new code first (tamper-evident), and opens an ordinary case', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const [keptCard, plainCard] = (await printSheet(2)).cards;
    expect((await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'demand', subject: '卡片不让村里知道', concernsOfficers: 'yes' }), channel: 'mailbox', card: keptCard!.number })).status).toBe(201);
    expect((await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'demand', subject: '卡片一般来信' }), channel: 'mailbox', card: plainCard!.number })).status).toBe(201);
    const kept = await (await postForm('/track', { code: keptCard!.code })).text();
    expect(kept).toContain('请现在领取一个新的查询码');
    expect(kept).not.toContain('卡片不让村里知道');
    expect(await (await postForm('/track', { code: plainCard!.code })).text()).toContain('卡片一般来信');
  });
});
