// Birth dates typed at the counter, as staff really type them.
import { describe, expect, it } from 'vitest';
import { parseDateInput } from '../../domain/japanese-date.ts';

describe('typed dates (和暦 or 西暦)', () => {
  it.each([
    ['S33.4.1', '1958-04-01'],
    ['s33.4.1', '1958-04-01'],
    ['昭和33年4月1日', '1958-04-01'],
    ['昭和６４年１月７日', '1989-01-07'],
    ['平成元年1月8日', '1989-01-08'],
    ['H31.4.30', '2019-04-30'],
    ['R1.5.1', '2019-05-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['T15.12.24', '1926-12-24'],
    ['1958-04-01', '1958-04-01'],
    ['1958/4/1', '1958-04-01'],
    ['２０１９年５月１日', '2019-05-01'],
    [' 昭和 33年 4月 1日 ', '1958-04-01'],
  ])('%s is %s', (typed, iso) => {
    expect(parseDateInput(typed)).toEqual({ ok: true, iso });
  });

  it.each([
    ['昭和64年1月8日', 'outside-era'], // 平成 began that day
    ['平成31年5月1日', 'outside-era'], // 令和 began that day
    ['令和1年4月30日', 'outside-era'],
    ['H0.1.1', 'outside-era'],
    ['2019-02-29', 'not-a-date'],
    ['S33.2.30', 'not-a-date'],
    ['33.4.1', 'unreadable'], // no era: never guessed
    ['昭和三十三年四月一日', 'unreadable'],
    ['', 'unreadable'],
  ])('%s is refused (%s)', (typed, problem) => {
    expect(parseDateInput(typed)).toEqual({ ok: false, problem });
  });
});
