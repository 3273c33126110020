// Residence statuses the forms treat differently. Plain data (no zod): the renderer imports it.

/** 永住者 and 特別永住者 have no 在留期間: their forms leave 満了日 out. */
export const PERMANENT_STATUSES = ['永住者', '特別永住者'] as const;

export function hasNoPeriodOfStay(residenceStatus: string): boolean {
  return (PERMANENT_STATUSES as readonly string[]).includes(residenceStatus.trim());
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
