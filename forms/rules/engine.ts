// Decides which procedures apply. The rules are data (procedures.json); this file only
// evaluates their conditions. Every decision carries a human-readable reason.
import type { MoveKind } from '../../domain/move.ts';
import { KioskError } from '../../domain/errors.ts';
import type { Household, Member } from '../model/household.ts';
import { ageOn, schoolGrade } from '../format/wareki.ts';
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

/** A condition on the household. */
export type Condition =
  { moveType: MoveKind[] } | { anyMember: MemberCondition } | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export interface RuleSpec {
  when: Condition;
  /** Which members the form lists: all of them, or those matching the rule's member condition. */
  subjects: 'all' | 'matching';
  reason: string;
}

export interface ProcedureSpec {
  id: string;
  title: string;
  counter: string;
  order: number;
  deadline: Partial<Record<MoveKind, string>>;
  /** Form definition id used for each move type. */
  forms: Partial<Record<MoveKind, string>>;
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
  /** Form definition for this move type (undefined when the procedure has none for it). */
  formId: string | undefined;
  deadline: string | undefined;
  /** Indexes into household.members listed on the form. */
  subjects: number[];
  reasons: string[];
  decidedBy: 'rule' | 'staff';
  staffReason?: string;
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

/** Members matched by the household condition's anyMember clauses (union). */
function evaluate(h: Household, c: Condition, matched: Set<number>): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(h, x, matched));
  if ('any' in c) return c.any.some((x) => evaluate(h, x, matched));
  if ('not' in c) return !evaluate(h, c.not, new Set());
  if ('moveType' in c) return c.moveType.includes(h.move.type);
  if ('anyMember' in c) {
    let any = false;
    h.members.forEach((m, i) => {
      if (memberMatches(m, c.anyMember, h.move.date)) {
        matched.add(i);
        any = true;
      }
    });
    return any;
  }
  throw new KioskError('forms/rule-unknown-condition');
}

/**
 * Decides every procedure in the catalogue for a household, then applies staff overrides.
 * Returns all procedures (included or not) in hand-over order, each with its reasons.
 */
export function decideProcedures(h: Household, overrides: readonly StaffOverride[] = []): ProcedureDecision[] {
  const decisions = PROCEDURES.map((p): ProcedureDecision => {
    const base = {
      procedureId: p.id,
      title: p.title,
      counter: p.counter,
      order: p.order,
      formId: p.forms[h.move.type],
      deadline: p.deadline[h.move.type],
      decidedBy: 'rule' as const,
    };
    for (const rule of p.rules) {
      const matched = new Set<number>();
      if (evaluate(h, rule.when, matched)) {
        const subjects = rule.subjects === 'all' ? h.members.map((_, i) => i) : [...matched].sort((a, b) => a - b);
        return { ...base, included: true, subjects, reasons: [rule.reason.replace('{count}', String(subjects.length))] };
      }
    }
    return { ...base, included: false, subjects: [], reasons: ['該当する条件がありません / no rule applies'] };
  });
  for (const o of overrides) {
    const d = decisions.find((x) => x.procedureId === o.procedureId);
    if (!d) throw new KioskError('forms/unknown-procedure');
    if (o.reason.trim().length === 0) throw new KioskError('forms/override-reason-required');
    if (o.action === 'add') {
      if (!d.formId) throw new KioskError('forms/no-form-for-move');
      d.included = true;
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
