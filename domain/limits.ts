// Length limits of what staff type and what a household file holds: one set for the staff console's
// inputs (maxLength), the visit (domain/visit.ts) and the household model (forms/model/household.ts).
// Plain data (no zod): the renderer imports it.

export const LIMITS = {
  familyName: 30,
  givenName: 30,
  /** 氏＋全角空白＋名, as the card and the console write a name. */
  fullName: 61,
  /** One part (氏 or 名) of the フリガナ. */
  kana: 60,
  /** フリガナ as the console holds it: 氏＋空白＋名. */
  fullKana: 121,
  relationship: 10,
  /** Prefecture to block number. */
  address: 120,
  /** 本籍 (the 戸籍's registered domicile): prefecture to block number, as an address without a 方書. */
  domicile: 120,
  /** 方書 (building and floor). */
  building: 80,
  room: 20,
  nationality: 40,
  residenceStatus: 40,
  /** 通称 (a foreign resident's registered alias). */
  commonName: 60,
  /** 前在籍校 (the school the child attended before the move). */
  schoolName: 40,
  /** A health insurer's name (全国健康保険協会 北海道支部, ○○健康保険組合). */
  insurer: 40,
  members: 30,
} as const;
