// Residence statuses the forms treat differently. Plain data (no zod): the renderer imports it.

/** 永住者 and 特別永住者 have no 在留期間: their forms leave 満了日 out. */
export const PERMANENT_STATUSES = ['永住者', '特別永住者'] as const;

export function hasNoPeriodOfStay(residenceStatus: string | undefined): boolean {
  return residenceStatus !== undefined && (PERMANENT_STATUSES as readonly string[]).includes(residenceStatus.trim());
}

/**
 * 住民基本台帳法第30条の45に規定する区分: which kind of foreign resident the record is for. Printed on the
 * 住民異動届 as the resident's document shows it (在留カード, 特別永住者証明書, 許可書, or none).
 */
export const RESIDENCE_CATEGORIES = [
  '中長期在留者',
  '特別永住者',
  '一時庇護許可者',
  '仮滞在許可者',
  '出生による経過滞在者',
  '国籍喪失による経過滞在者',
] as const;
export type ResidenceCategory = (typeof RESIDENCE_CATEGORIES)[number];

/**
 * The 区分 whose residents hold a card with a number: the 在留カード (中長期在留者) or the 特別永住者証明書.
 * The others carry none: 一時庇護許可者 and 仮滞在許可者 hold a 許可書 and have no 在留資格, and the
 * 経過滞在者 (by birth or loss of nationality) have no document yet. Nothing asks them for a card.
 */
export const CARD_CATEGORIES = ['中長期在留者', '特別永住者'] as const satisfies readonly ResidenceCategory[];

export function holdsResidenceCard(category: ResidenceCategory): boolean {
  return (CARD_CATEGORIES as readonly string[]).includes(category);
}
