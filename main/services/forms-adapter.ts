// FormsPort over the forms module (forms/): builds its Household model from the visit's
// draft, asks its rules which procedures apply, renders the form set, and turns its report
// into what the preview highlights.
import {
  ageOn,
  decideProcedures,
  loadDefinitions,
  lookupPostalCode,
  preloadForms,
  renderFormSet,
  renderReceipt,
  loadProfile,
  followUpsFor,
  byPostFor,
  headIndex,
  validateHousehold,
  RECEIPT_TEXTS,
  LAYOUTS,
  householdBaseValues,
  householdMemberValues,
  type BoundLabel,
  type CityProfile,
  type FormDefinition,
  type FormReport,
  type HouseholdInput,
  type AgeBasis,
  type StaffOverride,
} from '../../forms/index.ts';
import {
  noticePart,
  type ChecklistItem,
  type HouseholdDraft,
  type Move,
  type NoticePart,
  type ProcedureChoice,
  type VisitMember,
} from '../../domain/visit.ts';
import { officeDay } from '../../domain/office-time.ts';
import type { FormsPort, ReceiptTicket, RenderedForm, RenderResult } from './ports.ts';
import { ticketStatusUrl } from '../../domain/office.ts';
import { KioskError } from '../../domain/errors.ts';

// Each question is asked on the day its rule takes ages on (forms/rules/procedures.json `ageOn`):
// the insurances on the 異動日, the others on the 届出日. Asked on another day, a member 74 at the
// move and 75 by the notice would not be asked about 国保, and get neither 国保 nor 後期高齢.
const FACTS = [
  // From 75 everyone is in 後期高齢者医療, so the 国保 question would only invite a wrong tick.
  { fact: 'nationalHealthInsurance', label: '国民健康保険に加入している', ageOn: 'moveDate', applies: (age: number) => age < 75 },
  { fact: 'registeredSeal', label: '印鑑登録をする（している）', ageOn: 'notificationDate', applies: (age: number) => age >= 15 },
  { fact: 'longTermCareCertified', label: '要介護・要支援の認定を受けている', ageOn: 'moveDate', applies: (age: number) => age >= 40 },
  { fact: 'childAllowance', label: '児童手当の対象の子', ageOn: 'notificationDate', applies: (age: number) => age < 19 },
  { fact: 'childMedical', label: '子ども医療費受給者証がある', ageOn: 'notificationDate', applies: (age: number) => age < 19 },
] as const satisfies readonly { fact: string; label: string; ageOn: AgeBasis; applies: (age: number) => boolean }[];

/** The day a question takes ages on, as the household model will have it; today before the move is entered. */
function questionDay(basis: AgeBasis, move: Move | null | undefined): string {
  if (!move) return officeDay(Date.now());
  return basis === 'moveDate' ? move.moveDate : (move.notificationDate ?? move.moveDate);
}

/** "髙橋　健太郎" → ["髙橋", "健太郎"]: the card separates family and given name with U+3000. */
function splitName(text: string): [string, string] {
  const trimmed = text.trim();
  const at = trimmed.search(/[\u3000 ]/);
  return at < 0 ? [trimmed, ''] : [trimmed.slice(0, at), trimmed.slice(at + 1).trim()];
}

/**
 * Who signs a form's signature boxes, as the forms engine resolved them: each signer (the member's
 * index, null when the household does not say) with their number of boxes, in the order of the boxes.
 */
function signersOf(handwrite: FormReport['handwrite']): RenderedForm['signers'] {
  const signers: RenderedForm['signers'] = [];
  for (const box of handwrite) {
    if (box.kind !== 'signature') continue;
    const member = box.signer ?? null;
    const seen = signers.find((s) => s.member === member);
    if (seen) seen.count += 1;
    else signers.push({ member, count: 1 });
  }
  return signers;
}

/** What is missing or wrong, by member number and field, never the value typed. */
function inputError(problems: string[]): KioskError {
  return new KioskError('forms/household-invalid', {
    ja: `入力内容を確認してください：${problems.join('、')}`,
    en: 'Household data is incomplete or invalid.',
  });
}

export function toHouseholdInput(draft: HouseholdDraft): HouseholdInput {
  const problems: string[] = [];
  const members = draft.members.map((m: VisitMember, index) => {
    const [familyName, givenName] = splitName(m.name);
    const [familyKana, givenKana] = splitName(m.furigana);
    if (!givenName) problems.push(`${index + 1}人目の氏名（氏と名の間に空白が必要）`);
    if (!m.furigana) problems.push(`${index + 1}人目のフリガナ`);
    else if (!givenKana) problems.push(`${index + 1}人目のフリガナ（氏と名の間に空白が必要）`);
    const facts = Object.fromEntries(FACTS.map(({ fact }) => [fact, draft.facts[`${m.id}:${fact}`] === true]));
    return {
      familyName,
      givenName,
      familyKana,
      givenKana,
      birthDate: m.birthDate,
      sex: m.sex,
      relationship: m.relationship,
      readFromCard: m.fromCard,
      myNumberCard: m.fromCard,
      foreignResident: m.foreignResident ?? undefined,
      familyRegister: m.familyRegister ?? undefined,
      facts,
    };
  });
  if (problems.length > 0) throw inputError(problems);
  const move = draft.move;
  const notice = draft.notice;
  const indexOf = (id: string | null) => {
    const at = id === null ? -1 : draft.members.findIndex((m) => m.id === id);
    return at < 0 ? undefined : at;
  };
  // Everything staff can enter reaches the form engine; an empty text box means "not given".
  return {
    schemaVersion: 1,
    move: { type: move.kind, date: move.moveDate, notificationDate: move.notificationDate ?? undefined },
    newAddress: { postalCode: move.postalCode, address: move.address, building: move.building || undefined, room: move.room || undefined },
    previousAddress: {
      postalCode: move.previousPostalCode,
      address: move.previousAddress,
      building: move.previousBuilding || undefined,
      room: move.previousRoom || undefined,
    },
    phone: move.phone || undefined,
    notifierIndex: indexOf(notice.notifierId),
    supporterIndex: indexOf(notice.supporterId),
    pension: notice.pension ?? undefined,
    healthInsurance: notice.healthInsurance ?? undefined,
    previousHeadName: notice.previousHeadName ?? undefined,
    // Only a 転入 is made with one; kept for a later change back to 転入, not sent for the others.
    moveOutDocument: move.kind === 'tennyu' ? (notice.moveOutDocument ?? undefined) : undefined,
    members,
  };
}

/**
 * The part of the notice a binding prints: the 請求者 follows the 生計維持者 (and else the 届出人),
 * the 保護者 the 届出人. A form that binds one asks staff for that part.
 */
function noticePartOf(bind: string): NoticePart | undefined {
  if (bind === 'claimant.pension') return 'pension';
  if (bind === 'healthInsurance') return 'healthInsurance';
  if (bind === 'previousHead.name') return 'previousHeadName';
  if (bind === 'move.moveOutDocument') return 'moveOutDocument';
  if (bind.startsWith('supporter.') || bind.startsWith('claimant.')) return 'supporterId';
  if (bind.startsWith('notifier.') || bind.startsWith('guardian.')) return 'notifierId';
  return undefined;
}

/** The parts of the notice a form prints, in the visit notice's own order. */
function noticePartsOf(def: FormDefinition | undefined): NoticePart[] {
  if (!def) return [];
  const parts = new Set<NoticePart>();
  for (const bind of [...def.fields.map((f) => f.bind), ...def.handwrite.flatMap((h) => (h.signer ? [h.signer] : []))]) {
    const part = noticePartOf(bind);
    if (part) parts.add(part);
  }
  return noticePart.options.filter((p) => parts.has(p));
}

/**
 * Each form's box labels as printed on the paper, by the field id the render report uses: from the
 * layouts the templates and definitions are generated from (forms/templates/layouts.ts), so there is one
 * source. A label bound to the move kind (新しい住所（転居先）, 転出先) is printed at fill time: a
 * function of the household's values. A city's own form has none: its field id is shown.
 */
type PrintedLabel = string | BoundLabel;
const PRINTED_LABELS: ReadonlyMap<string, ReadonlyMap<string, PrintedLabel>> = new Map(
  LAYOUTS.map((layout) => {
    const labels = new Map<string, PrintedLabel>();
    for (const block of layout.blocks) {
      if ('fields' in block) for (const f of block.fields) labels.set(f.id, f.label);
      if ('handwrite' in block) for (const f of block.handwrite) labels.set(f.id, f.label);
      if ('table' in block) for (const c of block.table.columns) labels.set(`member.${c.id}`, c.label);
    }
    return [layout.id, labels];
  }),
);

/** 'member.name#2' → 「2人目の氏名」, 'newAddress' → 「新しい住所（転居先）」: what a clerk finds on the paper. */
export function printedLabel(formId: string, field: string, values: Readonly<Record<string, string>>): string {
  const [id = field, row] = field.split('#');
  const label = PRINTED_LABELS.get(formId)?.get(id);
  const text = label === undefined ? undefined : typeof label === 'string' ? label : values[label.bind];
  if (!text) return field;
  return row ? `${row}人目の${text}` : text;
}

function validated(draft: HouseholdDraft) {
  const result = validateHousehold(toHouseholdInput(draft));
  // The staff console is Japanese: the Japanese half of each problem (the English summary is the error's own).
  if (!result.ok) throw inputError(result.errors.map((e) => e.ja));
  return result.household;
}

export interface FormsLocation {
  /** Where the form definitions (JSON) and templates (PDF) live; default: the forms module's own. */
  definitionsDir?: string;
  templatesDir?: string;
}

export class FormsModuleAdapter implements FormsPort {
  readonly #definitions: Map<string, FormDefinition> | undefined;
  readonly #templatesDir: string | undefined;
  /** The city's differences (forms/profiles/): the same profile decides, lists and renders. */
  readonly #profile: CityProfile;
  /** The public per-number status page (office.publicStatusUrl): the 受付票's QR code, or none. */
  readonly #publicStatusUrl: string | null;

  /** In the packaged app the bundle moves, so the shell passes the directories explicitly. */
  constructor(location: FormsLocation = {}, profile: CityProfile = loadProfile(), options: { publicStatusUrl?: string | null } = {}) {
    this.#definitions = location.definitionsDir ? loadDefinitions(location.definitionsDir) : undefined;
    this.#templatesDir = location.templatesDir;
    this.#profile = profile;
    this.#publicStatusUrl = options.publicStatusUrl ?? null;
  }

  /** A form's title, for screens that know only its id (statistics store ids). */
  formTitle(formId: string): string {
    return (this.#definitions ?? loadDefinitions()).get(formId)?.title ?? formId;
  }

  /** Loads fonts, definitions and templates now, so the first preview at the counter is not slower. */
  warmUp(): Promise<void> {
    return preloadForms({ definitions: this.#definitions, templatesDir: this.#templatesDir });
  }

  factQuestions(members: readonly VisitMember[], move?: Move | null): { key: string; label: string }[] {
    return members.flatMap((m) =>
      FACTS.filter((f) => f.applies(ageOn(m.birthDate, questionDay(f.ageOn, move)))).map((f) => ({
        key: `${m.id}:${f.fact}`,
        label: `${m.name}：${f.label}`,
      })),
    );
  }

  lookupPostal(postalCode: string): { candidates: string[]; dataDate: string | null } {
    const result = lookupPostalCode(postalCode);
    return { candidates: result.matches.map((m) => `${m.prefecture}${m.city}${m.town}`), dataDate: result.data.dataDate };
  }

  decide(draft: HouseholdDraft, overrides: readonly StaffOverride[]): ProcedureChoice[] {
    const definitions = this.#definitions ?? loadDefinitions();
    return decideProcedures(validated(draft), overrides, { profile: this.#profile })
      .filter((d) => d.formId !== undefined)
      .map((d) => ({
        id: d.procedureId,
        title: d.title,
        reason: d.reasons.join(' ／ '),
        included: d.included,
        decidedBy: d.decidedBy,
        asks: noticePartsOf(definitions.get(d.formId!)),
      }));
  }

  /**
   * What the decisions leave without a form (done automatically by the 住民異動届, or to do with no form
   * in this set) and what the household does elsewhere: the same list the 受付票 prints under
   * 「このあと、ほかの場所ですること」, in Japanese for staff.
   */
  checklist(draft: HouseholdDraft, overrides: readonly StaffOverride[]): ChecklistItem[] {
    const household = validated(draft);
    const fromRules: ChecklistItem[] = decideProcedures(household, overrides, { profile: this.#profile })
      .filter((d) => d.included && d.handling !== 'form')
      .map((d) => ({
        id: d.procedureId,
        handling: d.handling === 'automatic' ? 'automatic' : 'checklist',
        title: d.title,
        note: [d.note, d.deadline ? `期限：${d.deadline}` : undefined].filter(Boolean).join('　') || d.reasons.join(' ／ '),
      }));
    const elsewhere: ChecklistItem[] = followUpsFor(household).map((id) => {
      const text = RECEIPT_TEXTS.ja.followUps[id];
      const at = text.indexOf('：');
      return { id, handling: 'elsewhere', title: at > 0 ? text.slice(0, at) : text, note: at > 0 ? text.slice(at + 1) : '' };
    });
    return [...fromRules, ...elsewhere];
  }

  async render(draft: HouseholdDraft, overrides: readonly StaffOverride[]): Promise<RenderResult> {
    const household = validated(draft);
    const result = await renderFormSet(household, {
      reference: draft.reference,
      overrides,
      profile: this.#profile,
      definitions: this.#definitions,
      templatesDir: this.#templatesDir,
    });
    const reports = new Map(result.report.forms.map((f) => [f.id, f]));
    // The report names boxes by field id (member.name#2); staff look for the label printed on the paper.
    const values = householdBaseValues(household, householdMemberValues(household));
    const label = (formId: string, field: string) => printedLabel(formId, field, values);
    // The household as entered (e.g. a postal code of another prefecture): staff look before printing.
    const problems: RenderResult['problems'] = result.report.warnings.map((w) => ({
      formId: '',
      kind: 'check' as const,
      field: w.field,
      message: w.ja,
    }));
    for (const form of result.report.forms) {
      for (const h of form.handwrite) {
        if (h.kind === 'gaiji')
          problems.push({
            formId: form.id,
            kind: 'hand-write',
            field: h.field,
            message: `${form.title}：${label(form.id, h.field)}（フォントにない文字があります。手書きしてください）`,
          });
        // A value the household does not give (e.g. sex code 9): its label says why and what to do.
        if (h.kind === 'to-confirm')
          problems.push({ formId: form.id, kind: 'hand-write', field: h.field, message: `${form.title}：${h.label}` });
      }
      for (const o of form.overflows) {
        problems.push({
          formId: form.id,
          kind: 'overflow',
          field: o.field,
          message: `${form.title}：「${label(form.id, o.field)}」が枠に収まりません（${o.characters}文字）`,
        });
      }
    }
    return {
      forms: result.forms.map((f) => {
        const report = reports.get(f.id);
        return {
          id: f.id,
          title: f.title,
          pdf: f.pdf,
          pageCount: report?.pages ?? 1,
          signatureMarks: report?.handwrite.filter((h) => h.kind === 'signature').length ?? 0,
          signers: signersOf(report?.handwrite ?? []),
          fieldsFilled: report?.fieldsFilled ?? [],
        };
      }),
      combined: result.combined,
      problems,
    };
  }

  async receipt(draft: HouseholdDraft, ticket: ReceiptTicket): Promise<Uint8Array> {
    const household = validated(draft);
    const head = household.members[headIndex(household)] ?? household.members[0]!;
    return renderReceipt({
      ticket: ticket.number,
      familyName: head.familyName,
      language: ticket.language,
      waitingArea: ticket.waitingArea,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      handedIn: ticket.procedures.map((p) => p.title),
      byPost: byPostFor(
        household.move.type,
        ticket.procedures.map((p) => p.id),
      ),
      followUps: followUpsFor(household),
      issuedAt: ticket.issuedAt,
      counter: ticket.counter,
      statusUrl: this.#publicStatusUrl ? ticketStatusUrl(this.#publicStatusUrl, ticket.number) : null,
    });
  }
}
