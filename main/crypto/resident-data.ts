// The resident data a request may carry. The individual number (個人番号) and the card PIN are
// never accepted: not by field name, and not as a 12-digit value with a valid check digit in any
// field, so they cannot reach the database even by mistake.
import { z } from 'zod';
import { KioskError } from '../../domain/errors.ts';
import { isoDate, sex } from '../../domain/person.ts';
import { cleanText } from '../../domain/text.ts';

export const residentDataSchema = z
  .object({
    name: cleanText(200, { min: 1, name: true }),
    nameKana: cleanText(200, { name: true }).optional(),
    birthDate: isoDate.optional(),
    sex: sex.optional(),
    address: cleanText(1000).optional(),
    newAddress: cleanText(1000).optional(),
    phone: cleanText(30).optional(),
    /** Other household members as the form engine serialises them (JSON text). */
    household: cleanText(20_000).optional(),
  })
  .strict();
export type ResidentData = z.infer<typeof residentDataSchema>;
export const residentFieldNames = Object.keys(residentDataSchema.shape) as (keyof ResidentData)[];

const forbiddenKey = /individual|my_?number|個人番号|マイナンバー|^pin$|pin_?code|暗証/i;

/** 個人番号 check digit (番号法施行令 第8条): 11 − (Σ Pn×Qn mod 11), 0 when the remainder ≤ 1. */
export function isIndividualNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const p = Number(digits[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

const KANJI_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
/** What people put between digit groups: spaces, every hyphen and dash, minus, long marks, dots, slashes, middle dots. */
const DIGIT_SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc\uff70./・･]/gu;

/**
 * NFKC (full-width and other digit forms), kanji digits as digits, separators dropped; then every
 * 12-digit window of every run of digits is checked, so digits written right next to the number
 * do not hide it.
 */
function containsIndividualNumber(value: string): boolean {
  const normalised = value
    .normalize('NFKC')
    .replace(/[〇零一二三四五六七八九]/gu, (d) => KANJI_DIGITS[d] ?? d)
    .replace(DIGIT_SEPARATORS, '');
  for (const match of normalised.matchAll(/\d{12,}/g)) {
    const run = match[0];
    for (let i = 0; i + 12 <= run.length; i += 1) if (isIndividualNumber(run.slice(i, i + 12))) return true;
  }
  return false;
}

/** Validates resident data; errors name the offending field, never its value. */
export function parseResidentData(input: unknown): ResidentData {
  if (input !== null && typeof input === 'object') {
    for (const key of Object.keys(input)) {
      if (forbiddenKey.test(key)) {
        throw new KioskError('queue/forbidden-personal-field', {
          ja: '個人番号・暗証番号は保存できません。',
          en: `The field '${key.replace(/[^\w-]/g, '?').slice(0, 40)}' (individual number or PIN) must never be stored.`,
        });
      }
    }
  }
  const parsed = residentDataSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new KioskError('queue/invalid-input', {
      ja: `住民情報の項目が不正です: ${fields}`,
      en: `Invalid resident data fields: ${fields}`,
    });
  }
  for (const [field, value] of Object.entries(parsed.data)) {
    if (typeof value === 'string' && containsIndividualNumber(value)) {
      throw new KioskError('queue/forbidden-personal-field', {
        ja: `「${field}」に個人番号と思われる数字があります。個人番号は保存できません。`,
        en: `The field '${field}' contains what looks like an individual number; it must never be stored.`,
      });
    }
  }
  return parsed.data;
}
