// Residence statuses the forms treat differently. Plain data (no zod): the renderer imports it.

/** 永住者 and 特別永住者 have no 在留期間: their forms leave 満了日 out. */
export const PERMANENT_STATUSES = ['永住者', '特別永住者'] as const;

export function hasNoPeriodOfStay(residenceStatus: string): boolean {
  return (PERMANENT_STATUSES as readonly string[]).includes(residenceStatus.trim());
}
