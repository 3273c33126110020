// Japanese era (和暦) dates, needed for 照合番号B, whose first six digits are the birth date
// as era-year YYMMDD (e.g. 昭和55年2月17日 → 550217).

export interface Era {
  readonly name: string;
  /** First day of the era, ISO date. */
  readonly start: string;
}

// Newest first, each with its first day.
export const ERAS: readonly Era[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  { name: '明治', start: '1868-10-23' },
];

export interface EraDate {
  readonly era: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Converts an ISO date (YYYY-MM-DD) to its era date; throws for dates before 明治. */
export function toEraDate(isoDate: string): EraDate {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(isoDate);
  if (!m) throw new RangeError('expected an ISO date');
  const era = ERAS.find((e) => isoDate >= e.start);
  if (!era) throw new RangeError('date before the 明治 era');
  const year = Number(m[1]) - Number(era.start.slice(0, 4)) + 1;
  return { era: era.name, year, month: Number(m[2]), day: Number(m[3]) };
}

/** Era-year YYMMDD, the first part of 照合番号B. */
export function eraYymmdd(isoDate: string): string {
  const d = toEraDate(isoDate);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.year)}${two(d.month)}${two(d.day)}`;
}

/** 照合番号B: era birth date YYMMDD + the card's expiry year (Gregorian) + security code. */
export function verificationCodeB(birthDate: string, expiryYear: number, securityCode: string): string {
  if (!/^[0-9]{4}$/.test(securityCode)) throw new RangeError('security code must be 4 digits');
  if (!Number.isInteger(expiryYear) || expiryYear < 2015 || expiryYear > 9999) throw new RangeError('bad expiry year');
  return `${eraYymmdd(birthDate)}${expiryYear}${securityCode}`;
}
