// One resident's visit at the counter: the household members and the move, as staff and the
// card build them up. The forms module validates this into its stricter Household model; the
// IPC contract builds its view models from these schemas.
import { z } from 'zod';
import { moveKind } from './move.ts';
import { ageOn } from './dates.ts';
import { ADULT_AGE, isoDate, sex } from './person.ts';
import { LIMITS } from './limits.ts';
import { cleanText, withCleanText } from './text.ts';
import { hasNoPeriodOfStay, holdsResidenceCard, RESIDENCE_CATEGORIES } from './residence.ts';

/** Member ids are short codes local to one visit (m1, m2, …). */
export const memberId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/** What a foreign resident's 在留カード says; staff copy it from the card (the My Number card does not hold it). */
export const residenceCategory = z.enum(RESIDENCE_CATEGORIES);

export const foreignResident = z
  .strictObject({
    nationality: withCleanText(z.string().trim().min(1).max(LIMITS.nationality), { name: true }),
    /** 住民基本台帳法第30条の45に規定する区分 (中長期在留者, 特別永住者, …). */
    residenceCategory,
    /** 在留資格; only for a 区分 with a card (holdsResidenceCard): 一時庇護許可者 and the others have none. */
    residenceStatus: withCleanText(z.string().trim().min(1).max(LIMITS.residenceStatus), { name: true }).optional(),
    /** 在留カード番号 (特別永住者証明書番号): 2 letters, 8 digits, 2 letters; only for a 区分 with a card. */
    residenceCardNumber: z
      .string()
      .regex(/^[A-Z]{2}\d{8}[A-Z]{2}$/)
      .optional(),
    /** 在留期間の満了日; none for 永住者 and 特別永住者 (and for a 区分 without a card, optional). */
    residenceCardExpiry: isoDate.optional(),
    /** 通称, when one is registered (printed on the 住民異動届; optional). */
    commonName: withCleanText(z.string().trim().min(1).max(LIMITS.commonName), { name: true }).optional(),
  })
  .superRefine((f, ctx) => {
    if (!holdsResidenceCard(f.residenceCategory)) {
      // No card, no number: a number typed for a 許可書 holder is a mistake, not a value to print.
      if (f.residenceCardNumber !== undefined) ctx.addIssue({ code: 'custom', path: ['residenceCardNumber'], message: 'card_not_issued' });
      return;
    }
    if (f.residenceCardNumber === undefined) ctx.addIssue({ code: 'custom', path: ['residenceCardNumber'], message: 'card_required' });
    if (f.residenceStatus === undefined) ctx.addIssue({ code: 'custom', path: ['residenceStatus'], message: 'status_required' });
    else if (f.residenceCardExpiry === undefined && !hasNoPeriodOfStay(f.residenceStatus))
      ctx.addIssue({ code: 'custom', path: ['residenceCardExpiry'], message: 'expiry_required' });
  });
export type ForeignResident = z.infer<typeof foreignResident>;

/**
 * 本籍 and 筆頭者 of a Japanese member's 戸籍, when the resident gives them (the card holds neither);
 * printed on the 住民異動届, otherwise left to hand-write. A foreign resident has no 戸籍.
 */
export const familyRegister = z.strictObject({
  /** 本籍, e.g. 北海道札幌市豊平区平岸三条九丁目2番地. */
  domicile: withCleanText(z.string().trim().min(1).max(LIMITS.domicile), { name: true }),
  /** 筆頭者氏名, e.g. 田中　誠 (U+3000 between family and given name). */
  head: withCleanText(z.string().trim().min(1).max(LIMITS.fullName), { name: true }),
});
export type FamilyRegister = z.infer<typeof familyRegister>;

export const visitMember = z.object({
  id: memberId,
  /** As on the card: U+3000 between family and given name, characters outside the BMP kept. */
  name: z.string(),
  furigana: z.string(),
  birthDate: isoDate,
  sex,
  /** 続柄 to the head of household (世帯主, 妻, 子, …). */
  relationship: z.string(),
  /** Read from a My Number card at this counter (not typed by staff). */
  fromCard: z.boolean(),
  /** Set for a foreign resident (外国人住民), from the 在留カード. */
  foreignResident: foreignResident.nullable(),
  /** 本籍・筆頭者, for Japanese members only; absent or null when not given. */
  familyRegister: familyRegister.nullable().optional(),
});
export type VisitMember = z.infer<typeof visitMember>;
/** A member staff add by hand (not from a card). */
export type NewMember = Omit<VisitMember, 'id' | 'fromCard' | 'foreignResident'> & { foreignResident?: ForeignResident | null | undefined };

/** 7 digits with or without the hyphen, as staff type it. */
export const postalCode = z.string().regex(/^\d{3}-?\d{4}$/);

export const move = z.object({
  kind: moveKind,
  moveDate: isoDate,
  postalCode,
  address: cleanText(LIMITS.address, { min: 1, name: true }),
  /** 方書: the building (and floor); the room number separately. */
  building: cleanText(LIMITS.building, { name: true }),
  room: cleanText(LIMITS.room, { name: true }).default(''),
  previousPostalCode: postalCode,
  previousAddress: cleanText(LIMITS.address, { min: 1, name: true }),
  previousBuilding: cleanText(LIMITS.building, { name: true }).default(''),
  previousRoom: cleanText(LIMITS.room, { name: true }).default(''),
  phone: z.string().regex(/^[0-9+\-() ]{0,20}$/),
  /** 届出日: the day of the notice (today at the counter); null prints the move date. */
  notificationDate: isoDate.nullable().default(null),
});
export type Move = z.infer<typeof move>;
/** A move as staff enter it: the optional parts may be left out. */
export type MoveInput = z.input<typeof move>;

function addressLine(address: string, building: string, room: string): string {
  return [address, building, room].filter((part) => part !== '').join(' ');
}

/** The new address as one line, building and room after spaces (as the resident sees it). */
export function newAddressLine(move: Move): string {
  return addressLine(move.address, move.building, move.room);
}

/** The previous address as one line, with its building and room. */
export function previousAddressLine(move: Move): string {
  return addressLine(move.previousAddress, move.previousBuilding, move.previousRoom);
}

/** How a visit ends: staff finish or cancel it, the screens time out, or the card is taken after the ticket. */
/** Why a visit ended; 'day-end': a parked visit still parked when the office day changed. */
export const visitEndReason = z.enum(['completed', 'cancelled', 'idle', 'card-removed', 'day-end']);
export type VisitEndReason = z.infer<typeof visitEndReason>;

/** Yes/no facts the procedure rules need, keyed "<memberId>:<fact>". */
/** At most this many facts (a few per member): an unbounded record is unbounded memory in main. */
export const MAX_VISIT_FACTS = LIMITS.members * 16;
export const visitFacts = z
  .record(z.string().max(40), z.boolean())
  .refine((facts) => Object.keys(facts).length <= MAX_VISIT_FACTS, { message: `at most ${MAX_VISIT_FACTS} facts` });
export type VisitFacts = z.infer<typeof visitFacts>;

/** The document a 転入 is made with: a paper 転出証明書, or the My Number card (特例転入). */
export const moveOutDocument = z.enum(['certificate', 'mynumber-card']);
export type MoveOutDocument = z.infer<typeof moveOutDocument>;
/** Kinds of health insurance a child can be insured by (子ども医療費助成). */
export const healthInsuranceKind = z.enum(['national', 'employee', 'mutual-aid', 'national-union']);
export type HealthInsuranceKind = z.infer<typeof healthInsuranceKind>;
/** The public pension the 児童手当 請求者 belongs to. */
export const pensionKind = z.enum(['employees', 'national', 'mutual-aid']);
export type PensionKind = z.infer<typeof pensionKind>;

/**
 * What staff learn by asking, for the notice and the forms it brings (no card holds it): who makes
 * the notice (届出人; null: the head), who mainly supports the children (生計維持者, and so the 児童手当
 * 請求者), their pension, the children's health insurance, the 旧世帯主 and, for a 転入, the document
 * it is made with. Every part may stay unknown (null): the form then leaves its box for hand-writing.
 */
export const visitNotice = z.strictObject({
  notifierId: memberId.nullable(),
  supporterId: memberId.nullable(),
  pension: pensionKind.nullable(),
  healthInsurance: z
    .strictObject({
      kind: healthInsuranceKind,
      insurer: withCleanText(z.string().trim().min(1).max(LIMITS.insurer), { name: true }).optional(),
    })
    .nullable(),
  previousHeadName: withCleanText(z.string().trim().min(1).max(LIMITS.fullName), { name: true }).nullable(),
  moveOutDocument: moveOutDocument.nullable(),
});
export type VisitNotice = z.infer<typeof visitNotice>;
/** The parts of the notice staff changed at once; the parts left out stay as they were. */
export const noticeChange = visitNotice.partial();
export type NoticeChange = z.infer<typeof noticeChange>;
/** One part of the notice (what a form prints from it, so what the console asks). */
export const noticePart = visitNotice.keyof();
export type NoticePart = z.infer<typeof noticePart>;
/**
 * Who may be named 生計維持者 (and so 児童手当 請求者, 児童手当法第4条): an adult on the 届出日, never one
 * of the children the allowance is paid for. The household model refuses anyone else, the forms never
 * name them 請求者, and the staff console does not offer them.
 */
export function maySupportChildren(birthDate: string, noticeDay: string, allowanceChild: boolean): boolean {
  return !allowanceChild && ageOn(birthDate, noticeDay) >= ADULT_AGE;
}
export const EMPTY_NOTICE: VisitNotice = Object.freeze({
  notifierId: null,
  supporterId: null,
  pension: null,
  healthInsurance: null,
  previousHeadName: null,
  moveOutDocument: null,
});

/** Everything the forms and the queue need from a visit, once staff have entered the move. */
export interface HouseholdDraft {
  readonly reference: string;
  readonly members: readonly VisitMember[];
  readonly headId: string | null;
  readonly move: Move;
  readonly facts: VisitFacts;
  readonly notice: VisitNotice;
}

/** A procedure the visit may need: included or not, why, and whether the rules or staff decided. */
export const procedureChoice = z.object({
  /** The procedure id (what staff add or remove); its form is chosen by the move kind. */
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  included: z.boolean(),
  decidedBy: z.enum(['rule', 'staff']),
  /** The parts of the notice its form prints: the console asks those of the chosen forms only. */
  asks: z.array(noticePart),
});
export type ProcedureChoice = z.infer<typeof procedureChoice>;

/**
 * Something the household has to do (or that happens) without a form in the printed set, as the
 * 受付票 lists it: automatic (the 住民異動届 does it, e.g. 印鑑登録の廃止), checklist (a procedure whose
 * form this set does not carry: return a card, fetch a certificate) or elsewhere (school, police,
 * 運輸支局, employer; the new municipality after a 転出).
 */
export const checklistItem = z.object({
  id: z.string(),
  handling: z.enum(['automatic', 'checklist', 'elsewhere']),
  title: z.string(),
  /** What to do or what happens, with its deadline when there is one (Japanese). */
  note: z.string(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

/** Something on a rendered form staff must look at before printing. */
export const formProblem = z.object({
  formId: z.string(),
  /** check: the household as entered needs a look (e.g. a postal code of another prefecture). */
  kind: z.enum(['hand-write', 'overflow', 'missing', 'check']),
  field: z.string(),
  message: z.string(),
});
export type FormProblem = z.infer<typeof formProblem>;
