// Decides which procedures apply. The rules are data (procedures.json); this file only
// evaluates their conditions. Every decision carries a human-readable reason, and says which day
// its ages and school grades were taken on.
import type { MoveKind } from '../../domain/move.ts';
import { KioskError } from '../../domain/errors.ts';
import { noticeDate, type Household, type Member } from '../model/household.ts';
import { ageOn, schoolGrade } from '../format/wareki.ts';
import { splitAddress } from '../format/address.ts';
import type { CityProfile } from '../profiles/profile.ts';
import catalogueJson from './procedures.json' with { type: 'json' };

export type MemberFact = keyof Member['facts'];

/** A condition on one member. */
export type MemberCondition =
  | { ageAtLeast: number }
  | { ageBelow: number }
  | { fact: MemberFact }
  | { myNumberCard: boolean }
  | { foreignResident: boolean }
  | { schoolGradeBetween: [number, number] }
  /** Up to the 31 March after the 18th birthday (児童手当, 子ども医療費 in Sapporo). */
  | { childAllowanceAge: boolean }
  | { all: MemberCondition[] }
  | { any: MemberCondition[] }
  | { not: MemberCondition };

/**
 * Whether the previous and the new address are in the same prefecture (都道府県): "uncertain"
 * when either address does not name one and its municipality does not tell (府中市 is in two).
 */
export type PrefectureChange = 'same' | 'different' | 'uncertain';

/** A condition on the household. */
export type Condition =
  | { moveType: MoveKind[] }
  | { prefectureChange: PrefectureChange }
  | { anyMember: MemberCondition }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** The day a rule takes ages and school grades on: the 届出日 (default) or the 異動日. */
export type AgeBasis = 'notificationDate' | 'moveDate';
const AGE_BASIS_LABEL: Record<AgeBasis, string> = { notificationDate: '届出日', moveDate: '異動日' };

/**
 * What the decision asks of the resident: a printed form; nothing, because the 住民異動届 does it
 * (shown on the checklist with the note); or a checklist item whose form the set does not carry.
 */
export type Handling = 'form' | 'automatic' | 'checklist';

export interface RuleSpec {
  when: Condition;
  /** Which members the form lists: all of them, or those matching the rule's member condition. */
  subjects: 'all' | 'matching';
  reason: string;
  /** The day ages and grades are taken on; default the 届出日. Stated in the reason. */
  ageOn?: AgeBasis;
  /** What the form is for, printed in its 届出の種類 box (`procedure.kind`), e.g. 資格取得 / 住所変更. */
  kind?: string;
  /** The kind cannot be told from the data: the box is left for staff with this text. */
  kindToConfirm?: string;
  /** Nothing to file: the 住民異動届 does it (shown on the checklist). */
  automatic?: boolean;
  /** Shown on the checklist (what happens, what to bring or return). */
  note?: string;
  /** Where the rule comes from (a public page); documentation only. */
  source?: string;
  /** Why the rule is as it is (e.g. the day it takes ages on); documentation only. */
  $comment?: string;
}

export interface ProcedureSpec {
  id: string;
  title: string;
  counter: string;
  order: number;
  deadline: Partial<Record<MoveKind, string>>;
  /** Form definition id used for each move type. */
  forms: Partial<Record<MoveKind, string>>;
  /** "first" (default): the first matching rule decides; "all": every matching rule adds its members and reason. */
  match?: 'first' | 'all';
  rules: RuleSpec[];
}

export const PROCEDURES: readonly ProcedureSpec[] = (catalogueJson as unknown as { procedures: ProcedureSpec[] }).procedures;

export interface StaffOverride {
  procedureId: string;
  action: 'add' | 'remove';
  /** Why staff changed the decision; recorded in the report. Required. */
  reason: string;
}

export interface ProcedureDecision {
  procedureId: string;
  title: string;
  counter: string;
  order: number;
  included: boolean;
  /** Form definition for this move type (undefined when nothing is printed: no form, or automatic). */
  formId: string | undefined;
  /** form: printed; automatic: nothing to file; checklist: to do, without a form in the set. */
  handling: Handling;
  deadline: string | undefined;
  /** Indexes into household.members listed on the form. */
  subjects: number[];
  reasons: string[];
  /** What the form is for (printed as `procedure.kind`); undefined when staff must decide. */
  kind?: string;
  /** Why the kind is left for staff (the box stays empty and is listed as to-confirm). */
  kindToConfirm?: string;
  /** Shown on the checklist. */
  note?: string;
  /** The day the deciding rule took ages and grades on (when it looks at them). */
  ageBasis?: AgeBasis;
  decidedBy: 'rule' | 'staff';
  staffReason?: string;
}

export interface DecideOptions {
  /** The city's differences (forms/profiles/); default: none. */
  profile?: CityProfile | undefined;
}

function memberMatches(m: Member, c: MemberCondition, onDate: string): boolean {
  if ('all' in c) return c.all.every((x) => memberMatches(m, x, onDate));
  if ('any' in c) return c.any.some((x) => memberMatches(m, x, onDate));
  if ('not' in c) return !memberMatches(m, c.not, onDate);
  if ('ageAtLeast' in c) return ageOn(m.birthDate, onDate) >= c.ageAtLeast;
  if ('ageBelow' in c) return ageOn(m.birthDate, onDate) < c.ageBelow;
  if ('fact' in c) return m.facts[c.fact] === true;
  if ('myNumberCard' in c) return m.myNumberCard === c.myNumberCard;
  if ('foreignResident' in c) return (m.foreignResident !== undefined) === c.foreignResident;
  if ('schoolGradeBetween' in c) {
    const g = schoolGrade(m.birthDate, onDate);
    return g >= c.schoolGradeBetween[0] && g <= c.schoolGradeBetween[1];
  }
  if ('childAllowanceAge' in c) return schoolGrade(m.birthDate, onDate) <= 12 === c.childAllowanceAge;
  throw new KioskError('forms/rule-unknown-condition');
}

/** The prefecture an address names, or the one its municipality belongs to; '' when neither tells. */
function prefectureOf(address: string): string {
  const parts = splitAddress(address);
  return parts.prefecture || parts.inferredPrefecture;
}

export function prefectureChange(h: Household): PrefectureChange {
  const before = prefectureOf(h.previousAddress.address);
  const after = prefectureOf(h.newAddress.address);
  if (!before || !after) return 'uncertain';
  return before === after ? 'same' : 'different';
}

/** Whether a condition looks at ages or school grades (so its reason names the day it used). */
function usesAge(c: Condition | MemberCondition): boolean {
  if ('all' in c) return (c.all as (Condition | MemberCondition)[]).some(usesAge);
  if ('any' in c) return (c.any as (Condition | MemberCondition)[]).some(usesAge);
  if ('not' in c) return usesAge(c.not);
  if ('anyMember' in c) return usesAge(c.anyMember);
  return 'ageAtLeast' in c || 'ageBelow' in c || 'schoolGradeBetween' in c || 'childAllowanceAge' in c;
}

interface Evaluation {
  h: Household;
  onDate: string;
  prefectures: () => PrefectureChange;
}

/** Members matched by the household condition's anyMember clauses (union). */
function evaluate(e: Evaluation, c: Condition, matched: Set<number>): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(e, x, matched));
  if ('any' in c) return c.any.some((x) => evaluate(e, x, matched));
  if ('not' in c) return !evaluate(e, c.not, new Set());
  if ('moveType' in c) return c.moveType.includes(e.h.move.type);
  if ('prefectureChange' in c) return e.prefectures() === c.prefectureChange;
  if ('anyMember' in c) {
    let any = false;
    e.h.members.forEach((m, i) => {
      if (memberMatches(m, c.anyMember, e.onDate)) {
        matched.add(i);
        any = true;
      }
    });
    return any;
  }
  throw new KioskError('forms/rule-unknown-condition');
}

function profileError(key: string, detail: string): KioskError {
  return new KioskError('forms/bad-profile', {
    ja: `市区町村プロファイルが不正です: ${key}: ${detail}`,
    en: `Invalid city profile: ${key}: ${detail}`,
  });
}

/** A profile's procedure entries must name procedures of the catalogue (the key is named, never guessed). */
function checkProfile(profile: CityProfile): void {
  profile.automatic.forEach((a, i) => {
    if (!PROCEDURES.some((p) => p.id === a.procedure)) throw profileError(`automatic[${i}].procedure`, `unknown procedure ${a.procedure}`);
  });
}

/**
 * Decides every procedure in the catalogue for a household, then applies the city profile and
 * staff overrides. Returns all procedures (included or not) in hand-over order, each with its reasons.
 */
export function decideProcedures(h: Household, overrides: readonly StaffOverride[] = [], opts: DecideOptions = {}): ProcedureDecision[] {
  if (opts.profile) checkProfile(opts.profile);
  let change: PrefectureChange | undefined;
  const prefectures = (): PrefectureChange => (change ??= prefectureChange(h));
  const dates: Record<AgeBasis, string> = { notificationDate: noticeDate(h), moveDate: h.move.date };
  const decisions = PROCEDURES.map((p): ProcedureDecision => {
    const formId = p.forms[h.move.type];
    const base = {
      procedureId: p.id,
      title: p.title,
      counter: p.counter,
      order: p.order,
      deadline: p.deadline[h.move.type],
      decidedBy: 'rule' as const,
    };
    const subjects = new Set<number>();
    const reasons: string[] = [];
    const kinds: string[] = [];
    const notes: string[] = [];
    let kindToConfirm: string | undefined;
    let ageBasis: AgeBasis | undefined;
    let automatic = true;
    for (const rule of p.rules) {
      const basis = rule.ageOn ?? 'notificationDate';
      const matched = new Set<number>();
      if (!evaluate({ h, onDate: dates[basis], prefectures }, rule.when, matched)) continue;
      const ruleSubjects = rule.subjects === 'all' ? h.members.map((_, i) => i) : [...matched];
      ruleSubjects.forEach((i) => subjects.add(i));
      const byAge = usesAge(rule.when);
      if (byAge) ageBasis ??= basis;
      const dated = byAge ? `（年齢・学年は${AGE_BASIS_LABEL[basis]}時点）` : '';
      reasons.push(`${rule.reason.replace('{count}', String(ruleSubjects.length))}${dated}`);
      if (rule.kind && !kinds.includes(rule.kind)) kinds.push(rule.kind);
      if (rule.kindToConfirm) kindToConfirm ??= rule.kindToConfirm;
      if (rule.note) notes.push(rule.note);
      if (!rule.automatic) automatic = false;
      if ((p.match ?? 'first') === 'first') break;
    }
    if (reasons.length === 0)
      return {
        ...base,
        included: false,
        formId,
        handling: formId ? 'form' : 'checklist',
        subjects: [],
        reasons: ['該当する条件がありません'],
      };
    // The city's profile: a procedure its systems do by themselves for this move (札幌市: 児童手当 on a 転居).
    const cityAutomatic = opts.profile?.automatic.find((a) => a.procedure === p.id && a.moveType === h.move.type);
    if (cityAutomatic) {
      // The catalogue's "…届が必要です" no longer holds here: say whom it concerns and that the city does it.
      automatic = true;
      notes.push(cityAutomatic.note);
      reasons.splice(0, reasons.length, `対象の方（${subjects.size}名）がいますが、${opts.profile!.name}では${cityAutomatic.note}`);
    }
    const handling: Handling = automatic ? 'automatic' : formId ? 'form' : 'checklist';
    return {
      ...base,
      included: true,
      formId: handling === 'form' ? formId : undefined,
      handling,
      subjects: [...subjects].sort((a, b) => a - b),
      reasons,
      ...(kinds.length > 0 && !kindToConfirm ? { kind: kinds.join('・') } : {}),
      ...(kindToConfirm ? { kindToConfirm } : {}),
      ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
      ...(ageBasis ? { ageBasis } : {}),
    };
  });
  for (const o of overrides) {
    const d = decisions.find((x) => x.procedureId === o.procedureId);
    if (!d) throw new KioskError('forms/unknown-procedure');
    if (o.reason.trim().length === 0) throw new KioskError('forms/override-reason-required');
    if (o.action === 'add') {
      const formId = PROCEDURES.find((p) => p.id === o.procedureId)!.forms[h.move.type];
      if (!formId) throw new KioskError('forms/no-form-for-move');
      d.included = true;
      d.formId = formId;
      d.handling = 'form';
      if (d.subjects.length === 0) d.subjects = h.members.map((_, i) => i);
    } else {
      d.included = false;
    }
    d.decidedBy = 'staff';
    d.staffReason = o.reason.trim();
    d.reasons = [...d.reasons, `職員が${o.action === 'add' ? '追加' : '除外'}しました: ${o.reason.trim()}`];
  }
  return decisions.sort((a, b) => a.order - b.order);
}
