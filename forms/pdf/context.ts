// The values a form can bind to, derived from the household. Row values use the "member." prefix.
import { hasNoPeriodOfStay } from '../../domain/residence.ts';
import type { Household, Member } from '../model/household.ts';
import { headIndex, noticeDate } from '../model/household.ts';
import { splitAddress } from '../format/address.ts';
import { ageOn, schoolGrade, toWareki, warekiText } from '../format/wareki.ts';
import { formatPostalCode, toFullWidthDigits, toFurigana, digitsOnly } from '../format/text.ts';
import type { ProcedureDecision } from '../rules/engine.ts';

const MOVE_LABEL = { tennyu: '転入', tenkyo: '転居', tenshutsu: '転出' } as const;
/** 国民健康保険 speaks of the insurance, not the move: joining the city's 国保, a new address, leaving it. */
const KOKUHO_CHANGE = { tennyu: '加入', tenkyo: '住所変更', tenshutsu: '喪失' } as const;

export type Values = Record<string, string>;

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
export function memberHandwriteReasons(m: Member): Values {
  if (m.sex === 'male' || m.sex === 'female') return {};
  const recorded = m.sex === 'not-applicable' ? '「適用不能」（コード9）' : '「不明」';
  const source = m.readFromCard ? 'カードの記録' : '入力された性別';
  return { 'member.sex': `性別：${source}が${recorded}のため印字していません。本人に確認し手書きしてください` };
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
    'member.nationality': m.foreignResident?.nationality ?? '',
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
  for (const [prefix, index] of [
    ['head', headIndex(h)],
    ['notifier', h.notifierIndex ?? headIndex(h)],
  ] as const) {
    for (const [k, val] of Object.entries(members[index]!)) v[k.replace('member.', `${prefix}.`)] = val;
  }
  v['household.memberCount'] = `${h.members.length}名`;
  return v;
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
