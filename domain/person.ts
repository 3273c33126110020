// A person as the counter knows them: the card's basic-4 and what staff add.
import { z } from 'zod';

/**
 * Sex as the My Number card records it (ISO/IEC 5218): 1 male, 2 female, 9 not applicable,
 * 0 (or anything else) unknown. The visit keeps all four; the printed forms know only 男/女
 * (forms/model/household.ts), so the other two are written by hand.
 */
export const sex = z.enum(['male', 'female', 'not-applicable', 'unknown']);
export type Sex = z.infer<typeof sex>;

/** A real calendar day, YYYY-MM-DD: the one date validator (domain/dates.ts). */
export { isoDate, type IsoDate } from './dates.ts';

/** 成年: 18 (民法第4条, since April 2022). */
export const ADULT_AGE = 18;

/**
 * 続柄 as the 住民票 writes them (the usual ones; staff may type another). The resident screen
 * translates these.
 */
export const standardRelationships = [
  '世帯主',
  '妻',
  '夫',
  '子',
  '父',
  '母',
  '孫',
  '兄',
  '姉',
  '弟',
  '妹',
  '祖父',
  '祖母',
  '子の妻',
  '子の夫',
  '妻の父',
  '妻の母',
  '夫の父',
  '夫の母',
  '同居人',
  '縁故者',
] as const;
