// Character-width and kana conversions for form text.
import wanakana from 'wanakana';

/** 0-9 → ０-９ (other characters untouched). */
export function toFullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A form's digit width (definition `digits`): only digits change, and a hyphen between digits (011－222). */
export function toDigitWidth(s: string, width: 'half' | 'full'): string {
  if (width === 'half')
    return s
      .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[－ー―‐](?=[0-9])/g, (c, i: number, all: string) => (/[0-9]/.test(all[i - 1] ?? '') ? '-' : c));
  return toFullWidthDigits(s).replace(/-(?=[０-９])/g, (c, i: number, all: string) => (/[０-９]/.test(all[i - 1] ?? '') ? '－' : c));
}

/** ０-９ and full-width ASCII letters/hyphens → half-width. */
export function toHalfWidthAlnum(s: string): string {
  return s
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－ー―‐]/g, (c, i: number, all: string) => (/[0-9]/.test(all[i - 1] ?? '') ? '-' : c));
}

/** Only the digits of a string (half-width), e.g. for postal codes and phone numbers in digit boxes. */
export function digitsOnly(s: string): string {
  return toHalfWidthAlnum(s).replace(/[^0-9]/g, '');
}

/** 0600001 → 060-0001 */
export function formatPostalCode(code: string): string {
  const d = digitsOnly(code);
  return d.length === 7 ? `${d.slice(0, 3)}-${d.slice(3)}` : d;
}

/** フリガナ in full-width katakana: hiragana converted, half-width katakana widened. */
export function toFurigana(s: string): string {
  // NFKC widens half-width katakana (ｶﾞ → ガ) without touching kanji or full-width kana.
  const widened = s.normalize('NFKC');
  return wanakana.toKatakana(widened, { passRomaji: true }).replace(/ /g, '　');
}
