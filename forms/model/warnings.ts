// What staff should look at in a household that is valid: never an error (the forms are still
// printed), listed in the render report. Messages name the field, never the value.
import { splitAddress } from '../format/address.ts';
import { lookupPostalCode } from '../format/postal.ts';
import type { Household } from './household.ts';

export interface HouseholdWarning {
  /** postal-prefecture-mismatch: the code belongs to another prefecture; postal-unknown: not in the postal data. */
  code: 'postal-prefecture-mismatch' | 'postal-unknown';
  /** e.g. "newAddress.postalCode". */
  field: string;
  /** Japanese first, English second; no address, no code. */
  message: string;
  /** The Japanese part alone, for a Japanese screen. */
  ja: string;
}

const LABEL = { newAddress: '新しい住所', previousAddress: '前の住所' } as const;

/** A postal code that does not fit the address's prefecture (a typo sends post to another prefecture). */
export function householdWarnings(h: Household): HouseholdWarning[] {
  const out: HouseholdWarning[] = [];
  for (const key of ['newAddress', 'previousAddress'] as const) {
    const a = h[key];
    const field = `${key}.postalCode`;
    const matches = lookupPostalCode(a.postalCode).matches;
    if (matches.length === 0) {
      const ja = `${LABEL[key]}：郵便番号が郵便番号データにありません。確認してください`;
      out.push({ field, code: 'postal-unknown', message: `${ja} / ${key}: the postal code is not in the postal data`, ja });
      continue;
    }
    const parts = splitAddress(a.address);
    const prefecture = parts.prefecture || parts.inferredPrefecture;
    if (prefecture && !matches.some((m) => m.prefecture === prefecture)) {
      const ja = `${LABEL[key]}：郵便番号の都道府県が住所の都道府県と一致しません。郵便番号を確認してください`;
      out.push({
        field,
        code: 'postal-prefecture-mismatch',
        message: `${ja} / ${key}: the postal code belongs to another prefecture than the address`,
        ja,
      });
    }
  }
  return out;
}
