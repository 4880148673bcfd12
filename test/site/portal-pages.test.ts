// What the portal's pages show, checked against the content they are built from. (The regulations'
// pages are the worker's now: test/worker/regulation-pages.test.ts.)
import { describe, expect, it } from 'vitest';
import { town } from '../../content/index.ts';
import type { VillageProfile } from '../../content/schemas.ts';
import { contentData, hasPage, page, textOf } from './support.ts';

const profile = (id: string) => contentData<VillageProfile>(`villages/${id}.yaml`);
const both = (path: string) => [path, `/en${path}`];

describe('every collection entry', () => {
  // The disclosures' own pages are the worker's, from D1 (test/worker/disclosure-pages.test.ts).
  it('produces its page in both languages', () => {
    const addresses = [
      ...town.villages.map((v) => `/villages/${v.id}/`),
      '/process/',
      '/privacy/',
    ];
    for (const address of addresses.flatMap(both)) expect(hasPage(address), address).toBe(true);
  });
});

// What is published, due and overdue is D1's, rendered by the worker into the built pages' empty
// slots on every request (test/worker/village-pages.test.ts): the build carries none of it.
describe('the pages that show village disclosures', () => {
  const pages: [string, string[]][] = [
    ['/', ['latest-disclosures']],
    ['/disclosures/', ['overdue', ...town.villages.map(() => 'village-disclosures')]],
    ['/villages/', town.villages.map(() => 'village-flag')],
    ...town.villages.map((v): [string, string[]] => [`/villages/${v.id}/`, ['village-affairs']]),
  ];

  it('are built with empty slots for the worker, and no disclosure, schedule or flag of their own', () => {
    for (const [path, slots] of pages.flatMap(([path, slots]) => both(path).map((p): [string, string[]] => [p, slots]))) {
      const doc = page(path);
      const found = doc.querySelectorAll('main [data-slot]');
      expect(found.map((e) => e.getAttribute('data-slot')), path).toEqual(slots);
      for (const slot of found) expect(slot.innerHTML, path).toBe('');
      expect(doc.querySelectorAll('main a').map((a) => a.getAttribute('href')).filter((h) => /\/disclosures\/[a-z]+\//.test(h ?? '')), path).toEqual([]);
      expect(doc.querySelectorAll('main .schedule, main .flag').length, path).toBe(0);
    }
  });

  it('name each village’s slot by its village', () => {
    expect(page('/disclosures/').querySelectorAll('[data-slot="village-disclosures"]').map((e) => e.getAttribute('data-village'))).toEqual(town.villages.map((v) => v.id));
    expect(page('/en/villages/').querySelectorAll('[data-slot="village-flag"]').map((e) => e.getAttribute('data-village'))).toEqual(town.villages.map((v) => v.id));
  });
});

describe('a village page', () => {
  it('shows the liaison station, its officers by public role, the three focuses, the mailboxes and the milestones', () => {
    for (const village of town.villages) {
      const data = profile(village.id);
      const doc = page(`/villages/${village.id}/`);
      const text = textOf(doc.querySelector('main'));
      expect(text, village.id).toContain(data.station.name['zh-CN']);
      expect(text, village.id).toContain(data.station.hours['zh-CN']);
      // How to reach the station: its telephone, marked as a sample, and where its mailboxes hang.
      expect(doc.querySelector(`a[href="tel:${data.station.phone.replace('-', '')}"]`)?.text, village.id).toBe(data.station.phone);
      expect(text, village.id).toContain('（示例号码，不是真实电话）');
      expect(text, village.id).toContain(`信箱挂在${data.mailboxes.map((m) => m.place['zh-CN']).join('；')}`);
      expect(doc.querySelectorAll('ul.officers li').map((li) => textOf(li.querySelector('strong')))).toEqual(data.station.officers.map((o) => o.role['zh-CN']));
      expect(doc.querySelectorAll('ol.focuses li strong').map(textOf)).toEqual([
        '上级决策部署的贯彻落实情况',
        '村级监督对象的廉洁履职情况',
        '村级权力的规范运行情况',
      ]);
      expect(doc.querySelectorAll('ul.mailboxes li').length).toBe(data.mailboxes.length);
      expect(doc.querySelectorAll('#milestones + ol li time').map((t) => t.getAttribute('datetime'))).toEqual(data.milestones.map((m) => m.date));
    }
  });
});

// A disclosure page is the worker's now, from D1: test/worker/disclosure-pages.test.ts.
describe('the process and privacy pages', () => {
  it('show the mechanism with its time limits, and the cadre reports going to the discipline committee', () => {
    const doc = page('/process/');
    const flow = textOf(doc.querySelector('.flow-figure'));
    for (const step of ['反映', '受理', '即时办结', '限时办结', '说明情况', '办结和公开']) expect(flow).toContain(step);
    expect(flow).toContain('一般5个工作日，最长30个工作日');
    expect(textOf(doc.querySelector('.flow-aside'))).toContain(town.discipline['zh-CN']);
    expect(textOf(page('/en/process/').querySelector('.flow-aside'))).toContain(town.discipline.en);
  });

  it('say what is stored, what never is, and who can read what', () => {
    const zh = textOf(page('/privacy/').querySelector('main'));
    for (const heading of ['我们保存什么', '我们从不保存什么', '匿名怎样实现', '谁能看到什么']) expect(zh).toContain(heading);
    expect(zh).toContain('IP 地址');
    const en = textOf(page('/en/privacy/').querySelector('main'));
    for (const heading of ['What we store', 'What we never store', 'How anonymity works', 'Who can read what']) expect(en).toContain(heading);
    // Exactly who: town staff read every ordinary case; cadre reports are sealed; the platform's live tail.
    for (const text of ['镇工作人员和镇管理员', '加密保存', '系统管理员', '实时日志', '领取一个新的查询码', '查询码卡片']) expect(zh).toContain(text);
    for (const text of ['Town staff and the town’s administrator', 'stored encrypted', 'live tail', 'take a new code', 'Code cards']) expect(en).toContain(text);
  });
});
