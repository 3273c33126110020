// The values a form can bind to, derived from the household. Row values use the "member." prefix.
import { hasNoPeriodOfStay } from '../../domain/residence.ts';
import type { Household, Member } from '../model/household.ts';
import { HEALTH_INSURANCE_KINDS, headIndex, MOVE_OUT_DOCUMENTS, noticeDate, PENSIONS, supporterIndexOf } from '../model/household.ts';
import { splitAddress } from '../format/address.ts';
import { ageOn, schoolGrade, toWareki, warekiText } from '../format/wareki.ts';
import { formatPostalCode, toFullWidthDigits, toFurigana, digitsOnly } from '../format/text.ts';
import type { ProcedureDecision } from '../rules/engine.ts';

const MOVE_LABEL = { tennyu: '転入', tenkyo: '転居', tenshutsu: '転出' } as const;
/** 国民健康保険 speaks of the insurance, not the move: joining the city's 国保, a new address, leaving it. */
const KOKUHO_CHANGE = { tennyu: '加入', tenkyo: '住所変更', tenshutsu: '喪失' } as const;

/**
 * Labels that depend on the move kind, one set for every form. A 転出 form is made before leaving:
 * it asks for the 転出先 and the 転出予定日 and calls the address here 現在の住所, not where the resident
 * has settled. The 住民異動届 has its own wording for the same boxes (deadline, newAddress,
 * previousAddress, date, newHead); the other forms use address, previous and moveDate.
 */
const MOVE_LABELS = {
  tennyu: {
    deadline: '転入届　（住み始めた日から14日以内に届け出てください）',
    date: '異動日（住み始めた日）',
    newAddress: '新しい住所（住所を定めた場所）',
    newHead: '新しい世帯の世帯主',
    previousAddress: '前の住所',
    moveOutDocument: '転出証明書／特例転入',
    address: '新しい住所',
    previous: '前の住所',
    moveDate: '異動日（住み始めた日）',
    kokuhoSubtitle: '加入の届出（転入した日から14日以内。届出の義務は世帯主にあります）',
    koukiSubtitle: '75歳以上の方（他の都道府県からの転入は負担区分等証明書を添付）',
  },
  tenkyo: {
    deadline: '転居届　（転居した日から14日以内に届け出てください）',
    date: '異動日（転居した日）',
    newAddress: '新しい住所（転居先）',
    newHead: '新しい世帯の世帯主',
    previousAddress: '前の住所',
    // Only a 転入 is made with a 転出証明書 or the My Number card: the box asks nothing here.
    moveOutDocument: '（記入不要）',
    address: '新しい住所（転居先）',
    previous: '前の住所',
    moveDate: '異動日（転居した日）',
    kokuhoSubtitle: '住所変更の届出（転居した日から14日以内。届出の義務は世帯主にあります）',
    koukiSubtitle: '75歳以上の方（市内の転居による住所変更）',
  },
  tenshutsu: {
    deadline: '転出届　（転出予定日のおおむね14日前から、転出後14日以内まで）',
    date: '転出予定日',
    newAddress: '転出先（新しい住所・予定）',
    newHead: '転出先の世帯主',
    previousAddress: '現在の住所（転出する住所）',
    moveOutDocument: '（記入不要）',
    address: '転出先（新しい住所・予定）',
    previous: '現在の住所（転出する住所）',
    moveDate: '転出予定日',
    kokuhoSubtitle: '資格喪失の届出（転出する日までに。届出の義務は世帯主にあります）',
    koukiSubtitle: '75歳以上の方（他の都道府県へ転出する方には負担区分等証明書を交付します）',
  },
} as const satisfies Record<MoveType, Record<string, string>>;

type MoveType = Household['move']['type'];

export type Values = Record<string, string>;

/** Why a box is left for hand-writing, as staff read it in the report. */
const TO_WRITE = {
  residentRecordCode: '住民票コード：入力がないため空欄です。住民票コード通知票などで確認して記入してください',
  individualNumber: '個人番号：この端末は個人番号を読み取らないため空欄です。マイナンバーカードなどで確認し手書きしてください',
  previousSchool: '前在籍校：入力がないため空欄です。在学証明書で確認して記入してください',
  previousHead: '旧世帯主：入力がないため空欄です。異動前の世帯主を確認し、変わる場合は記入してください',
  moveOutDocument: '転出証明書・特例転入：どちらで転入するか入力がないため空欄です。確認して記入してください',
  domicile: '本籍：入力がないため空欄です。本人に確認し、戸籍のとおり記入してください',
  familyRegisterHead: '筆頭者：入力がないため空欄です。本人に確認し、戸籍の筆頭者の氏名を記入してください',
  healthInsurance: '健康保険：入力がないため空欄です。お子さんの保険証で種類と保険者名を確認し記入してください',
  supporter: '生計維持者：入力がないため空欄です。主に生計を支える方を確認し記入してください',
  pension: '加入年金：入力がないため空欄です。請求者の加入している年金を確認し記入してください',
  relationshipToClaimant:
    '続柄（請求者との関係）：住民票の続柄（世帯主との関係）から請求者との関係が決まらないため印字していません。請求者から見た続柄（子など）を記入してください',
  spouse: '配偶者：世帯に配偶者（妻・夫）がいないため空欄です。世帯外の配偶者がいる場合は記入してください',
  claimant:
    '請求者（受給者）：生計維持者の入力がなく、届出人がお子さんの父母であると続柄から決まらないため空欄です。主に生計を支える父母を確認し記入してください',
  guardian: '保護者：届出人がお子さんの父母であると続柄から決まらないため空欄です。保護者を確認し記入してください',
  phone: '電話番号：入力がないため空欄です。日中に連絡のつく番号を確認し記入してください',
} as const;

const SPOUSES = new Set(['妻', '夫']);
const CHILD_SPOUSES = new Set(['子の妻', '子の夫']);

/** The head's adult 子 and the 子の妻／子の夫 in the household (by index): the parents a 孫 can have. */
function secondGeneration(h: Household): { adultChildren: number[]; childSpouses: number[] } {
  return {
    adultChildren: h.members.flatMap((m, i) => (m.relationship === '子' && ageOn(m.birthDate, noticeDate(h)) >= 18 ? [i] : [])),
    childSpouses: h.members.flatMap((m, i) => (CHILD_SPOUSES.has(m.relationship) ? [i] : [])),
  };
}

/**
 * Whether the 住民票's 続柄 (each to the head) show member `p` to be a parent of every one of
 * `children`: the head or the head's 妻/夫 of the head's 子; or, when they are all the head's 孫, the
 * household's only adult 子 or that 子's only spouse. Anything else (a 孫 with two adult 子 in the
 * household, a 妻の子, a grandparent) is not guessed.
 */
function isPlainlyParentOf(h: Household, p: number, children: readonly number[]): boolean {
  if (children.length === 0 || children.includes(p)) return false;
  const rel = h.members[p]!.relationship;
  const all = (r: string) => children.every((c) => h.members[c]!.relationship === r);
  if (rel === '世帯主' || SPOUSES.has(rel)) return all('子');
  if (!all('孫')) return false;
  const { adultChildren, childSpouses } = secondGeneration(h);
  if (rel === '子') return adultChildren.length === 1 && adultChildren[0] === p;
  return CHILD_SPOUSES.has(rel) && adultChildren.length === 1 && childSpouses.length === 1;
}

/** The 届出人: the member staff chose, else the head. */
export function notifierIndexOf(h: Household): number {
  return h.notifierIndex ?? headIndex(h);
}

/**
 * Who a form about children names, for the children it lists (a decision's subjects). The 保護者
 * (子ども医療費, 就学届): the 届出人 when the 続柄 show them to be those children's parent. The 児童手当
 * 請求者 (受給者): the 生計維持者 staff named (the parent who mainly supports the children claims,
 * 児童手当法第4条), else that 保護者. Otherwise undefined, and the boxes are left for staff: a
 * grandparent who makes the notice is not the 請求者 without being asked.
 */
export interface ChildFormRoles {
  claimant: number | undefined;
  guardian: number | undefined;
}

export function childFormRoles(h: Household, children: readonly number[]): ChildFormRoles {
  const notifier = notifierIndexOf(h);
  const guardian = isPlainlyParentOf(h, notifier, children) ? notifier : undefined;
  // A child named 生計維持者 is never the 請求者 (the household model refuses one; a household built
  // without it must not print one either).
  const supporter = supporterIndexOf(h);
  return { claimant: supporter !== undefined && !children.includes(supporter) ? supporter : guardian, guardian };
}

/**
 * A member's spouse in the household: the head's 妻/夫 for the head, the head for the 妻/夫, and the
 * only 子の妻／子の夫 for the only adult 子 (and the other way round); otherwise -1.
 */
function spouseIndexOf(h: Household, p: number): number {
  const head = headIndex(h);
  const rel = h.members[p]!.relationship;
  if (p === head) return h.members.findIndex((m) => SPOUSES.has(m.relationship));
  if (SPOUSES.has(rel)) return head;
  const { adultChildren, childSpouses } = secondGeneration(h);
  if (adultChildren.length !== 1 || childSpouses.length !== 1) return -1;
  if (rel === '子' && adultChildren[0] === p) return childSpouses[0]!;
  if (CHILD_SPOUSES.has(rel)) return adultChildren[0]!;
  return -1;
}

const UNCERTAIN_SPLIT = '住所の区切り（都道府県・市区町村・番地）を確定できないため、住所全体をそのまま印字しています。確認してください';

function addressValues(prefix: string, a: Household['newAddress'], out: Values, reasons: Values): void {
  const parts = splitAddress(a.address, a.building, a.room);
  const full = `${parts.prefecture}${parts.city}${parts.town}${parts.block}`;
  out[`${prefix}.postalCode`] = formatPostalCode(a.postalCode);
  out[`${prefix}.postalDigits`] = digitsOnly(a.postalCode);
  out[`${prefix}.full`] = full;
  out[`${prefix}.building`] = parts.building;
  out[`${prefix}.withBuilding`] = [full, parts.building].filter(Boolean).join('　');
  if (parts.uncertain) {
    // Never a guessed split: the whole address goes where the street goes, flagged for staff.
    Object.assign(out, { [`${prefix}.prefecture`]: '', [`${prefix}.city`]: '', [`${prefix}.town`]: full, [`${prefix}.block`]: '' });
    for (const field of ['full', 'withBuilding', 'town']) reasons[`${prefix}.${field}`] = UNCERTAIN_SPLIT;
    return;
  }
  out[`${prefix}.prefecture`] = parts.prefecture || parts.inferredPrefecture;
  out[`${prefix}.city`] = parts.city;
  out[`${prefix}.town`] = parts.town;
  out[`${prefix}.block`] = parts.block;
}

function gradeLabel(g: number): string {
  if (g >= 1 && g <= 6) return `小学${g}年`;
  if (g >= 7 && g <= 9) return `中学${g - 6}年`;
  if (g >= 10 && g <= 12) return `高校${g - 9}年相当`;
  return g < 1 ? '未就学' : '';
}

/** 男 / 女 where the card says so; the card's "not applicable" (9) and "unknown" (0) print nothing. */
const SEX_MARK: Record<Member['sex'], string> = { male: '男', female: '女', 'not-applicable': '', unknown: '' };

/**
 * Values a form cannot print for this member, with the reason staff read in the report: the box
 * stays empty and is listed for hand-writing (never a value the card did not give).
 */
export function memberHandwriteReasons(m: Member, moveType: MoveType): Values {
  // Only used where the value is empty: a box that has a value prints it.
  const reasons: Values = {
    'member.individualNumber': TO_WRITE.individualNumber,
    'member.previousSchool': TO_WRITE.previousSchool,
    'member.relationshipToClaimant': TO_WRITE.relationshipToClaimant,
  };
  // The 住民票コード is asked on a 転入届 only (住民基本台帳法第22条); a 転居・転出届 asks none.
  if (moveType === 'tennyu') reasons['member.residentRecordCode'] = TO_WRITE.residentRecordCode;
  // A foreign resident has no 戸籍: nothing to ask (their 国籍・地域 line is filled instead).
  if (!m.foreignResident) {
    reasons['member.domicile'] = TO_WRITE.domicile;
    reasons['member.familyRegisterHead'] = TO_WRITE.familyRegisterHead;
  }
  if (m.sex === 'male' || m.sex === 'female') return reasons;
  const recorded = m.sex === 'not-applicable' ? '「適用不能」（コード9）' : '「不明」';
  const source = m.readFromCard ? 'カードの記録' : '入力された性別';
  return { ...reasons, 'member.sex': `性別：${source}が${recorded}のため印字していません。本人に確認し手書きしてください` };
}

export function memberValues(m: Member, onDate: string): Values {
  const kana = `${toFurigana(m.familyKana)}　${toFurigana(m.givenKana)}`;
  const birth = toWareki(m.birthDate);
  const v: Values = {
    'member.name': `${m.familyName}　${m.givenName}`,
    'member.familyName': m.familyName,
    'member.givenName': m.givenName,
    'member.kana': kana,
    'member.birthDate': birth.text,
    'member.birthEra': birth.era,
    'member.birthDateSeireki': `${m.birthDate.slice(0, 4)}年${Number(m.birthDate.slice(5, 7))}月${Number(m.birthDate.slice(8, 10))}日`,
    'member.sex': SEX_MARK[m.sex],
    'member.relationship': m.relationship,
    'member.age': `${ageOn(m.birthDate, onDate)}歳`,
    'member.schoolGrade': gradeLabel(schoolGrade(m.birthDate, onDate)),
    'member.myNumberCard': m.myNumberCard ? '有' : '無',
    'member.residentRecordCode': m.residentRecordCode ?? '',
    'member.domicile': m.familyRegister?.domicile ?? '',
    'member.familyRegisterHead': m.familyRegister?.head ?? '',
    // Never read or held by the app (unless a deployment allows it): the box is for hand-writing.
    'member.individualNumber': '',
    'member.previousSchool': m.previousSchool ?? '',
    'member.nationality': m.foreignResident?.nationality ?? '',
    'member.residenceCategory': m.foreignResident?.residenceCategory ?? '',
    'member.commonName': m.foreignResident?.commonName ?? '',
    'member.residenceStatus': m.foreignResident?.residenceStatus ?? '',
    'member.residenceCardNumber': m.foreignResident?.residenceCardNumber ?? '',
    'member.residenceCardExpiry':
      m.foreignResident?.residenceCardExpiry && !hasNoPeriodOfStay(m.foreignResident.residenceStatus)
        ? toWareki(m.foreignResident.residenceCardExpiry).text
        : '',
  };
  // One calendar per form: every date is 和暦, a foreign resident's birth date and 在留期間 too
  // (a form mixing 昭和 and 1992年 is read wrongly; the clerk converts nothing).
  return v;
}

/**
 * One person's values under a prefix (head.name, notifier.kana…): a member's, or empty when the
 * person is not known (`unknown` then gives every box its reason). A box left empty for that member
 * (sex code 9, 個人番号) keeps its reason here too.
 */
function personValues(
  h: Household,
  members: readonly Values[],
  prefix: string,
  index: number | undefined,
  out: Values,
  reasons: Values,
  unknown?: string,
): void {
  for (const [k, val] of Object.entries(members[index ?? 0]!)) {
    const key = k.replace('member.', `${prefix}.`);
    out[key] = index === undefined ? '' : val;
    if (index === undefined && unknown) reasons[key] = unknown;
  }
  if (index === undefined) return;
  for (const [k, reason] of Object.entries(memberHandwriteReasons(h.members[index]!, h.move.type))) {
    const key = k.replace('member.', `${prefix}.`);
    if (out[key] === '') reasons[key] = reason;
  }
}

/** The household's values that do not depend on the procedure: computed once per render. */
/** `reasons` collects bindings that are printed but must be checked by staff (see memberHandwriteReasons). */
export function householdBaseValues(h: Household, members: readonly Values[], reasons: Values = {}): Values {
  const v: Values = {};
  v['move.type'] = MOVE_LABEL[h.move.type];
  v['move.typeTitle'] = `${MOVE_LABEL[h.move.type]}届`;
  v['kokuho.changeKind'] = KOKUHO_CHANGE[h.move.type];
  v['move.date'] = warekiText(h.move.date);
  v['notificationDate'] = warekiText(noticeDate(h));
  addressValues('newAddress', h.newAddress, v, reasons);
  addressValues('previousAddress', h.previousAddress, v, reasons);
  v['phone'] = h.phone ?? '';
  v['phoneFull'] = h.phone ? toFullWidthDigits(h.phone) : '';
  if (!h.phone) reasons['phone'] = reasons['phoneFull'] = TO_WRITE.phone;
  const head = headIndex(h);
  personValues(h, members, 'head', head, v, reasons);
  personValues(h, members, 'notifier', notifierIndexOf(h), v, reasons);
  const supporter = supporterIndexOf(h);
  personValues(h, members, 'supporter', supporter, v, reasons);
  if (supporter === undefined) reasons['supporter.name'] = TO_WRITE.supporter;

  const labels = MOVE_LABELS[h.move.type];
  for (const [k, label] of Object.entries(labels)) v[`move.label.${k}`] = label;

  v['previousHead.name'] = h.previousHeadName ?? '';
  if (!h.previousHeadName) reasons['previousHead.name'] = TO_WRITE.previousHead;
  // Only a 転入 is made with a 転出証明書 or the My Number card (特例転入); other moves leave the box empty.
  v['move.moveOutDocument'] = h.moveOutDocument ? MOVE_OUT_DOCUMENTS[h.moveOutDocument] : '';
  if (h.move.type === 'tennyu' && !h.moveOutDocument) reasons['move.moveOutDocument'] = TO_WRITE.moveOutDocument;

  const insurance = h.healthInsurance;
  v['healthInsurance'] = insurance ? `${HEALTH_INSURANCE_KINDS[insurance.kind]}${insurance.insurer ? `（${insurance.insurer}）` : ''}` : '';
  if (!insurance) reasons['healthInsurance'] = TO_WRITE.healthInsurance;

  v['household.memberCount'] = `${h.members.length}名`;
  return v;
}

/** Every member's values for this household, on the 届出日 (a form's own, such as the 続柄 to its 請求者, are added by procedureValues). */
export function householdMemberValues(h: Household): Values[] {
  return h.members.map((m) => {
    const v = memberValues(m, noticeDate(h));
    // Printed on a 転入届 only (see memberHandwriteReasons).
    if (h.move.type !== 'tennyu') v['member.residentRecordCode'] = '';
    return v;
  });
}

/** One procedure's form: the values it prints beyond the household's, and the boxes it leaves to staff. */
export interface ProcedureValues {
  /** Header boxes: the household's values with this procedure's (its kind, deadline, 請求者, 保護者). */
  household: Values;
  /** Row boxes: each member's values with their 続柄 to this form's 請求者. */
  members: Values[];
  /** Boxes staff fill in, with the reason: a kind the rules could not decide, a 請求者 the 続柄 do not show. */
  reasons: Values;
  roles: ChildFormRoles;
}

/**
 * The values of one procedure's form. `procedure.kind` says what the form is for (資格取得, 住所変更…).
 * 児童手当 asks each child's 続柄 to the 請求者, not to the head: the 住民票's 続柄 when the 請求者 is the
 * head, 子 when the 続柄 show the 請求者 to be that child's parent; otherwise staff write it (the head's 孫
 * with two adult 子 in the household is a child of one and a niece of the other: never guessed).
 */
export function procedureValues(h: Household, members: readonly Values[], base: Values, d: ProcedureDecision): ProcedureValues {
  const household: Values = {
    ...base,
    'procedure.deadline': d.deadline ?? '',
    'procedure.subjectCount': `${d.subjects.length}名`,
    'procedure.kind': d.kind ?? '',
  };
  const reasons: Values = d.kindToConfirm ? { 'procedure.kind': d.kindToConfirm } : {};
  const roles = childFormRoles(h, d.subjects);
  const { claimant } = roles;
  personValues(h, members, 'claimant', claimant, household, reasons, TO_WRITE.claimant);
  personValues(h, members, 'guardian', roles.guardian, household, reasons, TO_WRITE.guardian);
  // The 請求者's pension and spouse are the 請求者's: unknown with them.
  household['claimant.pension'] = claimant !== undefined && h.pension ? PENSIONS[h.pension] : '';
  const spouse = claimant === undefined ? -1 : spouseIndexOf(h, claimant);
  household['claimant.spouse'] = spouse >= 0 ? members[spouse]!['member.name']! : '';
  if (claimant === undefined) reasons['claimant.pension'] = reasons['claimant.spouse'] = TO_WRITE.claimant;
  else {
    if (!h.pension) reasons['claimant.pension'] = TO_WRITE.pension;
    if (spouse < 0) reasons['claimant.spouse'] = TO_WRITE.spouse;
  }
  const relationship = (i: number): string =>
    claimant === headIndex(h)
      ? (members[i]!['member.relationship'] ?? '')
      : claimant !== undefined && isPlainlyParentOf(h, claimant, [i])
        ? '子'
        : '';
  return { household, members: members.map((mv, i) => ({ ...mv, 'member.relationshipToClaimant': relationship(i) })), reasons, roles };
}
