// Japanese era (和暦) dates, needed for 照合番号B, whose first six digits are the birth date
// as era-year YYMMDD (e.g. 昭和55年2月17日 → 550217).

export interface EraDate {
  readonly era: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// The platform's Japanese calendar knows every era boundary (ICU data), so no table is kept here.
const eraFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'UTC',
});
const MODERN_ERAS = new Set(['明治', '大正', '昭和', '平成', '令和']);

/** Converts an ISO date (YYYY-MM-DD) to its era date; throws for dates before 明治. */
export function toEraDate(isoDate: string): EraDate {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(isoDate) || Number.isNaN(date.getTime())) {
    throw new RangeError('expected an ISO date');
  }
  const parts = eraFormat.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const era = part('era');
  if (!MODERN_ERAS.has(era)) throw new RangeError('date before the 明治 era');
  const yearText = part('year');
  return { era, year: yearText === '元' ? 1 : Number(yearText), month: Number(part('month')), day: Number(part('day')) };
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
