import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeOfPath, localePath, pathWithoutLocale, town } from '../../content/index.ts';
import { parseAbuseSettings, parseCalendar, parsePortal, parseTown } from '../../content/settings-schemas.ts';
import { translate, ui, UI_AREAS } from '../../content/ui.ts';

const raw = () => JSON.parse(readFileSync(join(import.meta.dirname, '../../content/town.json'), 'utf8'));

describe('the footer’s site information (content/portal.json)', () => {
  const portalJson = () => JSON.parse(readFileSync(join(import.meta.dirname, '../../content/portal.json'), 'utf8'));
  const withFooter = (change: Record<string, unknown>) => {
    const p = portalJson();
    p.footer = { ...p.footer, ...change };
    return p;
  };

  it('takes the numbers as issued, or empty, and a text in both languages or neither', () => {
    expect(() => parsePortal(withFooter({ icp: '湘ICP备12345678号-1', police: '湘公网安备43010002000001号', siteCode: '4301000001' }))).not.toThrow();
    expect(() => parsePortal(withFooter({ icp: '12345678' }))).toThrow(/content\/portal\.json: footer\.icp: /);
    expect(() => parsePortal(withFooter({ police: '公安备案' }))).toThrow(/footer\.police: /);
    expect(() => parsePortal(withFooter({ siteCode: '43-01' }))).toThrow(/footer\.siteCode: /);
    expect(() => parsePortal(withFooter({ sponsor: { 'zh-CN': '长岭镇人民政府', en: '' } }))).toThrow(/footer\.sponsor: give the text in both languages/);
    expect(() => parsePortal(withFooter({ siteErrors: '//elsewhere.example/' }))).toThrow(/footer\.siteErrors: /);
    expect(() => parsePortal(withFooter({ siteErrors: 'https://zfwzzc.www.gov.cn/' }))).not.toThrow();
  });
});

describe('the town reference data', () => {
  it('has the categories of the mechanism, the cadre report and 打击报复 going to the discipline committee alone', () => {
    expect(town.categories.map((c) => [c.id, c.name['zh-CN'], c.route, c.retaliation ?? false])).toEqual([
      ['demand', '诉求', 'village', false],
      ['suggestion', '建议', 'village', false],
      ['complaint', '投诉', 'village', false],
      ['disclosure-question', '对村务公开的疑问', 'village', false],
      ['cadre-report', '问题线索', 'discipline', false],
      ['retaliation', '打击报复', 'discipline', true],
    ]);
  });

  it('refuses a 打击报复 category the village would handle, or two of them', () => {
    const broken = raw();
    broken.categories[5].route = 'village';
    expect(() => parseTown(broken)).toThrow(/categories\.5\.route: the retaliation category goes to the discipline committee/);
    const twice = raw();
    twice.categories[4].retaliation = true;
    expect(() => parseTown(twice)).toThrow(/categories: at most one retaliation category/);
  });

  it('passes to town staff when overdue only a village category with a time limit from arrival', () => {
    expect(town.categories.filter((c) => c.overdueToTown).map((c) => [c.id, c.timeLimitWorkingDays])).toEqual([['disclosure-question', 10]]);
    const noLimit = raw();
    noLimit.categories[0].overdueToTown = true;
    expect(() => parseTown(noLimit)).toThrow(/categories\.0\.overdueToTown: only a village category with a time limit from arrival/);
    const committee = raw();
    Object.assign(committee.categories[4], { overdueToTown: true, timeLimitWorkingDays: 10 });
    expect(() => parseTown(committee)).toThrow(/categories\.4\.overdueToTown/);
  });

  it('marks every sample village as sample (示例) and has one demonstration village', () => {
    expect(town.sample).toBe(true);
    for (const v of town.villages) expect(v.name['zh-CN']).toContain('示例');
    expect(town.villages.filter((v) => v.demonstration)).toHaveLength(1);
  });

  it('fails loudly, naming the file and the field, when the data are wrong', () => {
    const broken = raw();
    broken.villages[1].name.en = '';
    broken.categories[0].route = 'nowhere';
    expect(() => parseTown(broken)).toThrow(/content\/town\.json: villages\.1\.name\.en: /);
    expect(() => parseTown(broken)).toThrow(/content\/town\.json: categories\.0\.route: /);
  });

  it('refuses abuse limits that make no sense, naming the field', () => {
    const limits = JSON.parse(readFileSync(join(import.meta.dirname, '../../content/abuse.json'), 'utf8'));
    expect(parseAbuseSettings(limits).followups.perCasePerDay).toBeGreaterThan(0);
    expect(() => parseAbuseSettings({ ...limits, followups: { perCasePerDay: 0 } })).toThrow(/content\/abuse\.json: followups\.perCasePerDay: /);
    expect(() => parseAbuseSettings({ ...limits, proofOfWork: { ...limits.proofOfWork, maxBits: 4 } })).toThrow(/proofOfWork\.maxBits: must be at least baseBits/);
    expect(() => parseAbuseSettings({ ...limits, noScriptBudgets: { ...limits.noScriptBudgets, submissionsPerHour: 1 } })).toThrow(/noScriptBudgets\.submissionsPerHour: /);
  });

  it('refuses a working-day calendar with a day that cannot be right, naming the year, the list and the day', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../content/calendar.json'), 'utf8'));
    expect(Object.keys(parseCalendar(shipped).years)).toContain('2026');
    const year = (days: Record<string, unknown>) => parseCalendar({ ...shipped, years: { ...shipped.years, '2027': { notice: '示例通知', holidays: ['2027-10-01'], adjustedWorkdays: [], ...days } } });
    expect(() => year({ adjustedWorkdays: ['2027-01-06'] })).toThrow(/content\/calendar\.json: years\.2027\.adjustedWorkdays\.0: 2027-01-06 is a weekday: an adjusted working day \(调休上班\) is a Saturday or a Sunday/);
    expect(() => year({ holidays: ['2027-02-30'] })).toThrow(/years\.2027\.holidays\.0: this day does not exist on the calendar/);
    expect(() => year({ holidays: ['2028-01-01'] })).toThrow(/years\.2027\.holidays\.0: 2028-01-01 is not in 2027/);
    expect(() => year({ holidays: ['2027-10-01', '2027-10-01'] })).toThrow(/years\.2027\.holidays\.1: 2027-10-01 is listed twice \(also in years\.2027\.holidays\)/);
    expect(() => year({ holidays: ['2027-01-09'], adjustedWorkdays: ['2027-01-09'] })).toThrow(/listed twice/);
    expect(() => year({ holidays: [] })).toThrow(/years\.2027\.holidays: /);
    expect(() => year({ notice: '' })).toThrow(/years\.2027\.notice: /);
    expect(() => year({ holiday: ['2027-10-01'] })).toThrow(/years\.2027: /);
    // The New Year's days off may begin in the December before, as the notice lists them.
    expect(year({ holidays: ['2026-12-31', '2027-01-01'] }).years['2027']!.holidays).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('refuses duplicate ids and a missing demonstration village', () => {
    const broken = raw();
    broken.villages[2].id = broken.villages[1].id;
    broken.villages[0].demonstration = false;
    expect(() => parseTown(broken)).toThrow(/villages\.2\.id: duplicate id "dongling"/);
    expect(() => parseTown(broken)).toThrow(/villages: exactly one village must be the demonstration village/);
  });

  it('caps a description at 4,000 characters', () => {
    const broken = raw();
    broken.limits.descriptionMax = 5000;
    expect(() => parseTown(broken)).toThrow(/limits\.descriptionMax/);
  });
});

describe('user-facing strings', () => {
  it('exist in both languages for every key, none empty, with the same placeholders', () => {
    const keys = Object.keys(ui['zh-CN']).sort();
    expect(Object.keys(ui.en).sort()).toEqual(keys);
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys as (keyof (typeof ui)['en'])[]) {
      expect(ui['zh-CN'][key].trim(), key).not.toBe('');
      expect(ui.en[key].trim(), key).not.toBe('');
      expect(placeholders(ui.en[key]), key).toEqual(placeholders(ui['zh-CN'][key]));
    }
  });

  it('are defined once: no two areas share a key', () => {
    const seen = new Map<string, string>();
    for (const [area, strings] of Object.entries(UI_AREAS)) {
      for (const key of Object.keys(strings.zh)) {
        expect(seen.get(key), `${key} is defined in ${seen.get(key)} and ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  });

  it('fill their placeholders', () => {
    expect(translate('zh-CN', 'errors.description.tooLong', { max: 4000, n: 4001 })).toBe('具体情况最多4000个字，现在是4001个字。');
    expect(translate('en', 'errors.subject.tooShort', { min: 2 })).toBe('The subject needs at least 2 characters.');
  });
});

describe('language paths', () => {
  it('map each page to its counterpart', () => {
    expect(localeOfPath('/en/mailbox')).toBe('en');
    expect(localeOfPath('/english-lessons')).toBe('zh-CN');
    expect(pathWithoutLocale('/en/track')).toBe('/track');
    expect(pathWithoutLocale('/en')).toBe('/');
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('zh-CN', '/track')).toBe('/track');
  });
});
