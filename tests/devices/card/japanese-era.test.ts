import { describe, expect, it } from 'vitest';
import { eraYymmdd, toEraDate, verificationCodeB } from '../../../devices/card/japanese-era.ts';

describe('Japanese era dates for 照合番号B', () => {
  it.each([
    ['1989-01-07', '昭和', '640107'],
    ['1989-01-08', '平成', '010108'],
    ['2019-04-30', '平成', '310430'],
    ['2019-05-01', '令和', '010501'],
    ['1926-12-25', '昭和', '011225'],
    ['1926-12-24', '大正', '151224'],
    ['1980-02-17', '昭和', '550217'],
  ])('%s is %s %s', (iso, era, yymmdd) => {
    expect(toEraDate(iso).era).toBe(era);
    expect(eraYymmdd(iso)).toBe(yymmdd);
  });
  it('builds the 14-digit code as in the published example (昭和55年2月17日, 2035, 2285)', () => {
    expect(verificationCodeB('1980-02-17', 2035, '2285')).toBe('55021720352285');
  });
  it('rejects malformed input', () => {
    expect(() => eraYymmdd('1989/01/07')).toThrow(RangeError);
    expect(() => eraYymmdd('1800-01-01')).toThrow(RangeError);
    expect(() => verificationCodeB('1980-02-17', 2035, '228')).toThrow(RangeError);
  });
});
