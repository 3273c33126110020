// The household and its move: the single input every form is filled from.
// Validation errors name the field and the rule, never the value (it may be personal data).
import { z } from 'zod';
import { moveKind } from '../../domain/move.ts';
import { ADULT_AGE, isoDate, sex } from '../../domain/person.ts';
import { LIMITS } from '../../domain/limits.ts';
import { withCleanText } from '../../domain/text.ts';
import {
  foreignResident,
  healthInsuranceKind,
  maySupportChildren,
  moveOutDocument,
  pensionKind,
  type HealthInsuranceKind,
  type MoveOutDocument,
  type PensionKind,
} from '../../domain/visit.ts';
import { ageOn } from '../format/wareki.ts';

/**
 * Free text a form prints (names, 通称, 国籍, address, 方書, 続柄…): trimmed, within its limit, and no
 * control or invisible format characters (NUL, BEL, zero-width space, BOM…) nor a lone surrogate
 * (domain/text.ts): they hide text from staff and break the printed line.
 */
const text = (max: number) => withCleanText(z.string().trim().max(max), { name: true });
const requiredText = (max: number) => withCleanText(z.string().trim().min(1).max(max), { name: true });

/** フリガナ as typed: half-width kana (ﾂﾊﾞｻ) becomes full-width (ツバサ) before it is checked. */
const kana = z
  .string()
  .transform((s) => s.normalize('NFKC'))
  .pipe(
    z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.kana)
      .regex(/^[\p{Script=Hiragana}\p{Script=Katakana}ー・ 　]+$/u),
  );

// Every object is strict: a misspelt key (nationalHealthInsurence) is an error naming the key,
// not a fact silently read as false.
export const addressSchema = z.strictObject({
  /** 7 digits, with or without the hyphen; half- or full-width. */
  postalCode: z.string().regex(/^[0-9０-９]{3}[-－ー]?[0-9０-９]{4}$/),
  /** Prefecture to block number, e.g. 北海道札幌市中央区北一条西2丁目1番地. */
  address: requiredText(LIMITS.address),
  /** 方書: building name (and floor). */
  building: text(LIMITS.building).optional(),
  room: text(LIMITS.room).optional(),
});

/** The 在留カード details, as the visit holds them (domain/visit.ts). */
export const foreignResidentSchema = foreignResident;

export const memberFactsSchema = z
  .strictObject({
    /** Insured by 国民健康保険 (at the old address for 転入). */
    nationalHealthInsurance: z.boolean().default(false),
    /** Had a registered seal (印鑑登録) at the old municipality / wants one here. */
    registeredSeal: z.boolean().default(false),
    /** Holds a 要介護・要支援 certification. */
    longTermCareCertified: z.boolean().default(false),
    /** Child for whom 児童手当 is paid. */
    childAllowance: z.boolean().default(false),
    /** Holds a 子ども医療費 受給者証. */
    childMedical: z.boolean().default(false),
  })
  .default({
    nationalHealthInsurance: false,
    registeredSeal: false,
    longTermCareCertified: false,
    childAllowance: false,
    childMedical: false,
  });

export const memberSchema = z.strictObject({
  familyName: requiredText(LIMITS.familyName),
  givenName: requiredText(LIMITS.givenName),
  /** フリガナ; hiragana is accepted and converted to katakana for the forms. */
  familyKana: kana,
  givenKana: kana,
  birthDate: isoDate,
  /** As the card records it. Forms print 男 or 女; for the other two the box is left for hand-writing. */
  sex,
  /** 続柄 to the head of household; exactly one member is 世帯主. */
  relationship: requiredText(LIMITS.relationship),
  /** Identity read from a My Number card at the counter. */
  readFromCard: z.boolean().default(false),
  /** Holds a valid マイナンバーカード (its 券面 must be updated). */
  myNumberCard: z.boolean().default(false),
  foreignResident: foreignResidentSchema.optional(),
  /** 住民票コード (11 digits), when the resident knows it (住民票コード通知票); otherwise left for hand-writing. */
  residentRecordCode: z
    .string()
    .regex(/^\d{11}$/)
    .optional(),
  /**
   * 本籍 and 筆頭者 of the member's 戸籍 (住民異動届), when the resident gives them; otherwise left for
   * hand-writing. Japanese nationals only: a foreign resident has no 戸籍 (an error if given).
   */
  familyRegister: z
    .strictObject({
      /** 本籍, e.g. 北海道札幌市豊平区平岸三条九丁目2番地. */
      domicile: requiredText(LIMITS.domicile),
      /** 筆頭者氏名, e.g. 田中　誠. */
      head: requiredText(LIMITS.fullName),
    })
    .optional(),
  /** 前在籍校: the school a child attended before the move (就学 form); otherwise left for hand-writing. */
  previousSchool: requiredText(LIMITS.schoolName).optional(),
  facts: memberFactsSchema,
});

/** As printed: the document a 転入 is made with (マイナンバーカードによる転出届 = 特例転入). */
export const MOVE_OUT_DOCUMENTS: Record<MoveOutDocument, string> = {
  certificate: '転出証明書',
  'mynumber-card': '特例転入（マイナンバーカード）',
};
/** As printed: the kinds of health insurance a child can be insured by. */
export const HEALTH_INSURANCE_KINDS: Record<HealthInsuranceKind, string> = {
  national: '国民健康保険',
  employee: '健康保険（社会保険）',
  'mutual-aid': '共済組合',
  'national-union': '国民健康保険組合',
};
/** As printed: the public pension the 児童手当 請求者 belongs to. */
export const PENSIONS: Record<PensionKind, string> = { employees: '厚生年金', national: '国民年金', 'mutual-aid': '共済年金' };

export const householdSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    move: z.strictObject({
      type: moveKind,
      /** The day of moving (異動日). */
      date: isoDate,
      /** The day the notice is made (届出日); defaults to the move date. */
      notificationDate: isoDate.optional(),
    }),
    newAddress: addressSchema,
    previousAddress: addressSchema,
    phone: z
      .string()
      .regex(/^[0-9０-９][0-9０-９\-－ー]{8,13}$/)
      .optional(),
    /** Index into members of the person making the notice; defaults to the head. */
    notifierIndex: z.number().int().min(0).optional(),
    /** 旧世帯主: the head before the move (for a 転入, the head at the old address), when it changes; otherwise left for hand-writing. */
    previousHeadName: requiredText(LIMITS.fullName).optional(),
    /** 転入 only: the document presented (転出証明書, or the My Number card for a 特例転入). */
    moveOutDocument: moveOutDocument.optional(),
    /** The children's health insurance (子ども医療費助成): kind and, optionally, the insurer's name. */
    healthInsurance: z.strictObject({ kind: healthInsuranceKind, insurer: requiredText(LIMITS.insurer).optional() }).optional(),
    /** Index into members of the 生計維持者 (who mainly supports the children, and so claims 児童手当). */
    supporterIndex: z.number().int().min(0).optional(),
    /** The pension the 児童手当 請求者 belongs to. */
    pension: pensionKind.optional(),
    members: z.array(memberSchema).min(1).max(LIMITS.members),
  })
  .superRefine((h, ctx) => {
    const heads = h.members.filter((m) => m.relationship === '世帯主').length;
    if (heads !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: 'one_head' });
    if (h.notifierIndex !== undefined && h.notifierIndex >= h.members.length)
      ctx.addIssue({ code: 'custom', path: ['notifierIndex'], message: 'out_of_range' });
    if (h.supporterIndex !== undefined && h.supporterIndex >= h.members.length)
      ctx.addIssue({ code: 'custom', path: ['supporterIndex'], message: 'out_of_range' });
    if (h.moveOutDocument !== undefined && h.move.type !== 'tennyu')
      ctx.addIssue({ code: 'custom', path: ['moveOutDocument'], message: 'tennyu_only' });
    h.members.forEach((m, i) => {
      if (m.birthDate > h.move.date) ctx.addIssue({ code: 'custom', path: ['members', i, 'birthDate'], message: 'born_after_move' });
      if (m.foreignResident && m.familyRegister)
        ctx.addIssue({ code: 'custom', path: ['members', i, 'familyRegister'], message: 'not_for_foreign_resident' });
    });
    // The 届出人 is the head or an adult member: a 3-year-old cannot make the notice.
    const notifier = h.notifierIndex === undefined ? undefined : h.members[h.notifierIndex];
    if (notifier && notifier.relationship !== '世帯主' && ageOn(notifier.birthDate, noticeDate(h)) < ADULT_AGE)
      ctx.addIssue({ code: 'custom', path: ['notifierIndex'], message: 'notifier_not_allowed' });
    // The 生計維持者 claims 児童手当: an adult, never a 3-year-old or one of the children it is paid for.
    if (h.supporterIndex !== undefined && h.supporterIndex < h.members.length && supporterIndexOf(h) === undefined)
      ctx.addIssue({ code: 'custom', path: ['supporterIndex'], message: 'supporter_not_allowed' });
    // A 転入届 is made after moving in (within 14 days); a 転出届 may be made before leaving.
    if (h.move.type !== 'tenshutsu' && h.move.notificationDate !== undefined && h.move.notificationDate < h.move.date)
      ctx.addIssue({ code: 'custom', path: ['move', 'notificationDate'], message: 'notice_before_move' });
  });

export type Household = z.output<typeof householdSchema>;
export type HouseholdInput = z.input<typeof householdSchema>;
export type Member = z.output<typeof memberSchema>;
export type Address = z.output<typeof addressSchema>;

export interface FieldError {
  /** e.g. "members[1].birthDate". */
  path: string;
  code: string;
  /** Japanese first, English second; never contains the submitted value. */
  message: string;
  /** The Japanese part alone (「2人目の続柄：…」), for a Japanese screen. */
  ja: string;
}

/** The Japanese half of one of this module's 'ja / en' texts. */
const japanese = (bilingual: string): string => bilingual.split(' / ')[0] ?? bilingual;

/** members[1].relationship → 「2人目の」: where the problem is, in words a clerk reads. */
function whoseJa(path: readonly PropertyKey[]): string {
  const at = path.indexOf('members');
  const index = at >= 0 ? path[at + 1] : undefined;
  return typeof index === 'number' ? `${index + 1}人目の` : '';
}

export type ValidationResult = { ok: true; household: Household } | { ok: false; errors: FieldError[] };

const FIELD_LABELS: Record<string, string> = {
  schemaVersion: 'スキーマ版 / schemaVersion',
  move: '異動 / move',
  newAddress: '新しい住所 / new address',
  previousAddress: '前の住所 / previous address',
  foreignResident: '外国人住民の項目 / foreign resident details',
  facts: '手続きの判定項目 / facts',
  type: '異動の種類 / move type',
  date: '異動日 / move date',
  notificationDate: '届出日 / notification date',
  postalCode: '郵便番号 / postal code',
  address: '住所 / address',
  building: '方書 / building',
  room: '部屋番号 / room',
  phone: '電話番号 / phone',
  notifierIndex: '届出人 / notifier',
  members: '世帯員 / members',
  familyName: '氏 / family name',
  givenName: '名 / given name',
  familyKana: 'フリガナ（氏） / family kana',
  givenKana: 'フリガナ（名） / given kana',
  birthDate: '生年月日 / birth date',
  sex: '性別 / sex',
  relationship: '続柄 / relationship',
  nationality: '国籍・地域 / nationality',
  residenceStatus: '在留資格 / residence status',
  residenceCardNumber: '在留カード番号 / residence card number',
  residenceCardExpiry: '在留期間満了日 / residence card expiry',
  residenceCategory: '法第30条の45に規定する区分 / foreign resident category',
  commonName: '通称 / registered alias',
  residentRecordCode: '住民票コード / resident record code',
  previousSchool: '前在籍校 / previous school',
  familyRegister: '本籍・筆頭者 / family register',
  domicile: '本籍 / registered domicile',
  head: '筆頭者 / head of the family register',
  previousHeadName: '旧世帯主 / previous head of household',
  moveOutDocument: '転出証明書・特例転入 / move-out document',
  healthInsurance: '健康保険 / health insurance',
  kind: '種類 / kind',
  insurer: '保険者名 / insurer',
  supporterIndex: '生計維持者 / main supporter',
  pension: '加入年金 / pension',
};

function problemText(code: string, custom: string | undefined): string {
  if (custom === 'one_head') return '世帯主（続柄「世帯主」）はちょうど1人必要です / exactly one member must be 世帯主';
  if (custom === 'out_of_range') return '世帯員の範囲外です / out of range';
  if (custom === 'invalid_date') return '存在しない日付です（YYYY-MM-DD） / not a real date (YYYY-MM-DD)';
  if (custom === 'expiry_required')
    return '在留期間の満了日が必要です（永住者・特別永住者を除く） / expiry required (except 永住者 and 特別永住者)';
  if (custom === 'card_required')
    return '在留カード（特別永住者証明書）の番号が必要です（中長期在留者・特別永住者） / card number required for this category';
  if (custom === 'status_required') return '在留資格が必要です（中長期在留者・特別永住者） / residence status required for this category';
  if (custom === 'card_not_issued')
    return 'この区分には在留カードが交付されません。番号は入力しないでください / this category holds no residence card: leave the number out';
  if (custom === 'notifier_not_allowed')
    return '届出人は世帯主か18歳以上の世帯員にしてください / the notifier must be the head or an adult';
  if (custom === 'supporter_not_allowed')
    return '生計維持者は18歳以上の世帯員にしてください（児童手当の対象のお子さんは選べません） / the main supporter must be an adult member, not one of the children';
  if (custom === 'not_for_foreign_resident')
    return '外国人住民の方には本籍・筆頭者はありません（国籍・地域を入力します） / a foreign resident has no family register';
  if (custom === 'tennyu_only') return '転入の場合だけ入力します / only for a 転入';
  if (custom === 'born_after_move') return '生年月日が異動日より後です / born after the move date';
  if (custom === 'notice_before_move') return '転入・転居の届出日が異動日より前です / the notice is dated before the move';
  if (custom === 'control_character') return '制御文字・見えない文字が含まれています / contains control or invisible characters';
  if (custom === 'lone_surrogate')
    return '文字化けした文字が含まれています。入力し直してください / contains a broken character: type it again';
  switch (code) {
    case 'invalid_type':
      return '未入力か型が違います / missing or wrong type';
    case 'invalid_format':
      return '形式が正しくありません / wrong format';
    case 'too_small':
      return '入力が短すぎるか空です / too short or empty';
    case 'too_big':
      return '入力が長すぎます / too long';
    case 'invalid_value':
      return '選べる値ではありません / not an allowed value';
    case 'unrecognized_keys':
      return '未知の項目があります / unknown keys';
    default:
      return '値が正しくありません / invalid value';
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** Validates untrusted JSON (from a file, the UI or the card reader) into a Household. */
export function validateHousehold(json: unknown): ValidationResult {
  const parsed = householdSchema.safeParse(json);
  if (parsed.success) return { ok: true, household: parsed.data };
  const errors = parsed.error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      // A key is a name from the file's schema, not a resident's data: say which one (shortened, safe characters only).
      return issue.keys.map((key) => {
        const shown = key.replace(/[^\w.-]/g, '?').slice(0, 40);
        return {
          path: pathText([...issue.path, shown]),
          code: 'unrecognized_keys',
          message: `${pathText(issue.path)}: 未知の項目「${shown}」があります（綴りを確認してください） / unknown key '${shown}' (check the spelling)`,
          ja: `${pathText(issue.path)}：未知の項目「${shown}」があります（綴りを確認してください）`,
        };
      });
    }
    const last = [...issue.path].reverse().find((p) => typeof p === 'string');
    const label = (typeof last === 'string' && FIELD_LABELS[last]) || pathText(issue.path);
    const custom = issue.code === 'custom' ? issue.message : undefined;
    const refined = issue.message === 'invalid_date' ? 'invalid_date' : custom;
    return [
      {
        path: pathText(issue.path),
        code: refined ?? issue.code,
        message: `${label}: ${problemText(issue.code, refined)}`,
        ja: `${whoseJa(issue.path)}${japanese(label)}：${japanese(problemText(issue.code, refined))}`,
      },
    ];
  });
  return { ok: false, errors };
}

/** The 届出日: the day the forms are filed (the move date when no notice date is given). */
export function noticeDate(h: Pick<Household, 'move'>): string {
  return h.move.notificationDate ?? h.move.date;
}

/**
 * The 生計維持者 staff named, when they may be one (domain/visit.ts maySupportChildren: an adult, not
 * one of the children); otherwise none, and the forms leave the 請求者 to staff.
 */
export function supporterIndexOf(h: Pick<Household, 'move' | 'members' | 'supporterIndex'>): number | undefined {
  const supporter = h.supporterIndex === undefined ? undefined : h.members[h.supporterIndex];
  if (!supporter || !maySupportChildren(supporter.birthDate, noticeDate(h), supporter.facts.childAllowance)) return undefined;
  return h.supporterIndex;
}

/** Index of the head of household (validated to exist exactly once). */
export function headIndex(h: Household): number {
  return h.members.findIndex((m) => m.relationship === '世帯主');
}
