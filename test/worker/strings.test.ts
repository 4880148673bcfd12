// Strings that count: plural words chosen by the language's rules, and zero working days said in words.
import { describe, expect, it } from 'vitest';
import { translate, ui, workingDaysText } from '../../content/ui.ts';

describe('UI strings', () => {
  it('choose the plural word by the language’s rules', () => {
    expect(translate('en', 'process.accept.text', { days: 1 })).toContain('within 1 working day, then');
    expect(translate('en', 'process.accept.text', { days: 3 })).toContain('within 3 working days, then');
    expect(translate('zh-CN', 'process.accept.text', { days: 1 })).toContain('1个工作日');
  });

  it('say how long a case took, a same-day one in words', () => {
    expect(workingDaysText('zh-CN', 0)).toBe('当天办结');
    expect(workingDaysText('en', 0)).toBe('same day');
    expect(workingDaysText('en', 1)).toBe('1 working day');
    expect(workingDaysText('en', 4)).toBe('4 working days');
    expect(workingDaysText('zh-CN', 4)).toBe('4个工作日');
  });

  it('never write “(s)” or a full-width colon in English', () => {
    for (const [key, text] of Object.entries(ui.en)) {
      expect(text, key).not.toMatch(/\(s\)/);
      expect(text, key).not.toMatch(/[：；，。]/);
    }
  });
});
