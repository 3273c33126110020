import { KioskError } from '../../domain/errors.ts';
import { toFullWidthDigits } from './text.ts';

// 和暦 from the platform's Japanese calendar (ICU knows every era and writes 元年 itself).
const longFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

export interface Wareki {
  /** 明治 / 大正 / 昭和 / 平成 / 令和 */
  era: string;
  /** 1 for 元年. */
  year: number;
  /** "元" or the year in digits, as ICU writes it. */
  yearText: string;
  month: number;
  day: number;
  /** e.g. 令和元年5月1日 */
  text: string;
}

function parseIsoDate(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) throw new KioskError('forms/bad-date');
  return d;
}

/** Converts a YYYY-MM-DD date to 和暦. */
export function toWareki(iso: string): Wareki {
  const parts = longFormat.formatToParts(parseIsoDate(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const era = get('era');
  const yearText = get('year');
  const year = yearText === '元' ? 1 : Number(yearText);
  const month = Number(get('month'));
  const day = Number(get('day'));
  return { era, year, yearText, month, day, text: `${era}${yearText}年${month}月${day}日` };
}

/** 和暦 text with the digits made full-width, as most printed forms want. */
export function warekiText(iso: string, digits: 'half' | 'full' = 'half'): string {
  const t = toWareki(iso).text;
  return digits === 'full' ? toFullWidthDigits(t) : t;
}

/** Age in completed years on a day: one definition for every layer (domain/dates.ts). */
export { ageOn } from '../../domain/dates.ts';

/**
 * School grade on a date: 1–6 小学校, 7–9 中学校, 10–12 高校相当; ≤0 before school.
 * Children born 2 April of year Y to 1 April of Y+1 start 小学校 in April of Y+7.
 */
export function schoolGrade(birthIso: string, onIso: string): number {
  const b = parseIsoDate(birthIso);
  const d = parseIsoDate(onIso);
  const bornBeforeApril2 = b.getUTCMonth() < 3 || (b.getUTCMonth() === 3 && b.getUTCDate() === 1);
  const entryYear = b.getUTCFullYear() + (bornBeforeApril2 ? 6 : 7);
  const schoolYear = d.getUTCMonth() < 3 ? d.getUTCFullYear() - 1 : d.getUTCFullYear();
  return schoolYear - entryYear + 1;
}
