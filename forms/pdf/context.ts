// The values a form can bind to, derived from the household. Row values use the "member." prefix.
import { hasNoPeriodOfStay } from '../../domain/residence.ts';
import type { Household, Member } from '../model/household.ts';
import { HEALTH_INSURANCE_KINDS, headIndex, MOVE_OUT_DOCUMENTS, noticeDate, PENSIONS } from '../model/household.ts';
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
    '続柄（請求者との関係）：請求者が世帯主でないため印字していません。請求者から見た続柄（子など）を記入してください',
  spouse: '配偶者：世帯に配偶者（妻・夫）がいないため空欄です。世帯外の配偶者がいる場合は記入してください',
  phone: '電話番号：入力がないため空欄です。日中に連絡のつく番号を確認し記入してください',
} as const;

const SPOUSES = new Set(['妻', '夫']);

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

/** Household-level values for one procedure decision. */
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
  const notifierIndex = h.notifierIndex ?? head;
  for (const [prefix, index] of [
    ['head', head],
    ['notifier', notifierIndex],
    ['supporter', h.supporterIndex],
  ] as const) {
    for (const [k, val] of Object.entries(members[index ?? 0]!)) v[k.replace('member.', `${prefix}.`)] = index === undefined ? '' : val;
    if (index === undefined) continue;
    // A member's box left empty (sex code 9, 個人番号) is left empty, with its reason, where the head or notifier is printed too.
    for (const [k, reason] of Object.entries(memberHandwriteReasons(h.members[index]!, h.move.type)))
      if (v[k.replace('member.', `${prefix}.`)] === '') reasons[k.replace('member.', `${prefix}.`)] = reason;
  }
  if (h.supporterIndex === undefined) reasons['supporter.name'] = TO_WRITE.supporter;

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

  v['notifier.pension'] = h.pension ? PENSIONS[h.pension] : '';
  if (!h.pension) reasons['notifier.pension'] = TO_WRITE.pension;

  // The notifier's spouse: the head's 妻/夫, or the head when the notifier is the 妻/夫.
  const notifier = h.members[notifierIndex]!;
  // A notifier who is the head's only adult 子, with exactly one 子の妻／子の夫 in the household: that is the spouse.
  const childSpouses = h.members.flatMap((m, i) => (m.relationship === '子の妻' || m.relationship === '子の夫' ? [i] : []));
  const adultChildren = h.members.filter((m) => m.relationship === '子' && ageOn(m.birthDate, noticeDate(h)) >= 18).length;
  const spouseIndex =
    notifierIndex === head
      ? h.members.findIndex((m) => SPOUSES.has(m.relationship))
      : SPOUSES.has(notifier.relationship)
        ? head
        : notifier.relationship === '子' && adultChildren === 1 && childSpouses.length === 1
          ? childSpouses[0]!
          : -1;
  v['notifier.spouse'] = spouseIndex >= 0 ? members[spouseIndex]!['member.name']! : '';
  if (spouseIndex < 0) reasons['notifier.spouse'] = TO_WRITE.spouse;

  v['household.memberCount'] = `${h.members.length}名`;
  return v;
}

/**
 * Every member's values for this household, on the 届出日. 児童手当 asks each child's 続柄 to the
 * 請求者 (the notifier), not to the head: it follows from the 住民票's 続柄 only when the notifier
 * is the head; otherwise staff write it (the head's 孫 is the 子 of a 請求者 who is the head's 子,
 * or a niece of their sibling: never guessed).
 */
export function householdMemberValues(h: Household): Values[] {
  const claimantIsHead = (h.notifierIndex ?? headIndex(h)) === headIndex(h);
  return h.members.map((m) => {
    const v = memberValues(m, noticeDate(h));
    v['member.relationshipToClaimant'] = claimantIsHead ? (v['member.relationship'] ?? '') : '';
    // Printed on a 転入届 only (see memberHandwriteReasons).
    if (h.move.type !== 'tennyu') v['member.residentRecordCode'] = '';
    return v;
  });
}

/** The household's values for one procedure's form. `procedure.kind` says what the form is for (資格取得, 住所変更…). */
export function householdValues(base: Values, d: ProcedureDecision): Values {
  return {
    ...base,
    'procedure.deadline': d.deadline ?? '',
    'procedure.subjectCount': `${d.subjects.length}名`,
    'procedure.kind': d.kind ?? '',
  };
}

/** A procedure's values staff must fill in, with the reason (a kind the rules could not decide). */
export function procedureHandwriteReasons(d: ProcedureDecision): Values {
  return d.kindToConfirm ? { 'procedure.kind': d.kindToConfirm } : {};
}
