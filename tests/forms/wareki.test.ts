import { describe, expect, it } from 'vitest';
import { ageOn, schoolGrade, toWareki, warekiText } from '../../forms/format/wareki.ts';

describe('和暦', () => {
  it.each([
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1912-07-30', '大正元年7月30日'],
    ['2026-11-24', '令和8年11月24日'],
  ])('%s → %s', (iso, text) => {
    expect(toWareki(iso).text).toBe(text);
  });

  it('gives 元年 as year 1 with the text 元', () => {
    expect(toWareki('2019-05-01')).toMatchObject({ era: '令和', year: 1, yearText: '元', month: 5, day: 1 });
    expect(toWareki('2020-01-01')).toMatchObject({ era: '令和', year: 2, yearText: '2' });
  });

  it('writes full-width digits when a form wants them', () => {
    expect(warekiText('2026-11-24', 'full')).toBe('令和８年１１月２４日');
    expect(warekiText('2019-05-01', 'full')).toBe('令和元年５月１日');
  });

  it('rejects impossible dates', () => {
    expect(() => toWareki('2026-13-01')).toThrow(expect.objectContaining({ code: 'forms/bad-date' }) as unknown as Error);
    expect(() => toWareki('20261101')).toThrow(expect.objectContaining({ code: 'forms/bad-date' }) as unknown as Error);
  });
});

describe('ages and school grades on the move date', () => {
  it('turns 65 on the birthday, not the day before', () => {
    expect(ageOn('1961-11-20', '2026-11-19')).toBe(64);
    expect(ageOn('1961-11-20', '2026-11-20')).toBe(65);
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(64);
    expect(ageOn('1960-02-29', '2025-03-01')).toBe(65);
  });

  it('puts 1 April births in the earlier school year', () => {
    // Born 2019-04-01 starts school in April 2025; born 2019-04-02 in April 2026.
    expect(schoolGrade('2019-04-01', '2025-04-10')).toBe(1);
    expect(schoolGrade('2019-04-02', '2025-04-10')).toBe(0);
    expect(schoolGrade('2019-04-02', '2026-04-01')).toBe(1);
    expect(schoolGrade('2011-04-01', '2026-10-01')).toBe(10);
    expect(schoolGrade('2011-04-02', '2026-10-01')).toBe(9);
  });
});
