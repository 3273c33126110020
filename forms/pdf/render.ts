// Renders the form set for a household: one PDF per form, a combined print file in hand-over
// order, and a machine-readable report. No file I/O beyond reading fonts and templates.
import { KioskError } from '../../domain/errors.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRef, PDFTextField, TextAlignment, rgb, type PDFFont, type PDFPage, type PDFForm } from 'pdf-lib';
import { headIndex, householdSchema, supporterIndexOf, type Household } from '../model/household.ts';
import { householdWarnings, type HouseholdWarning } from '../model/warnings.ts';
import { decideProcedures, type Handling, type ProcedureDecision, type StaffOverride } from '../rules/engine.ts';
import { loadProfile, type CityProfile, type SignatureRequirement } from '../profiles/profile.ts';
import {
  loadDefinitions,
  ROW_NUMBER,
  TEMPLATES_DIR,
  type FieldDefinition,
  type FormDefinition,
  type FormTarget,
  type HandwriteDefinition,
} from '../definitions/schema.ts';
import {
  householdBaseValues,
  memberHandwriteReasons,
  householdMemberValues,
  notifierIndexOf,
  procedureValues,
  type ChildFormRoles,
  type Values,
} from './context.ts';
import { clusters, drawnText, fit, LINE_HEIGHT, type Cluster, type Fitted } from './layout.ts';
import { FONT_FILES, FONT_STACK, fontkit, forPdfLib, preloadFonts, subsetFor, subsetVariantGlyphs, type FontKey } from './fonts.ts';
import { mergeDocuments, sharedFontkit } from './dedupe.ts';
import { toDigitWidth } from '../format/text.ts';

export interface RenderOptions {
  /** Request reference printed in every footer; letters, digits and hyphens only (no personal data). */
  reference: string;
  overrides?: readonly StaffOverride[];
  /** Default: the shipped definitions and templates (undefined means the default too). */
  definitions?: Map<string, FormDefinition> | undefined;
  templatesDir?: string | undefined;
  /** The city's differences (forms/profiles/); default: the default profile. */
  profile?: CityProfile | undefined;
}

export type Rect = [number, number, number, number];

export interface FormReport {
  id: string;
  procedureId: string;
  title: string;
  counter: string;
  deadline: string | undefined;
  reasons: string[];
  decidedBy: 'rule' | 'staff';
  staffReason?: string;
  /** generated: the 一括確認書, drawn by the renderer (no template). */
  templateKind: 'acroform' | 'flat' | 'generated';
  sheets: number;
  pages: number;
  bytes: number;
  /** Field ids filled (row fields as "member.name#2" = the 2nd household member). */
  fieldsFilled: string[];
  /** Bound fields with no data in the model (e.g. no building). */
  fieldsEmpty: string[];
  /** What the resident or staff must write by hand, and why. */
  /** to-confirm: a value the household does not give (e.g. sex code 9), left empty with its reason as the label. */
  /**
   * `signer`: a signature or seal box's signer, the index in `household.members` of the person it is
   * for (signerIndex: the row's member, the 届出人, the 世帯主, …); absent when the household does not
   * say (e.g. no 請求者 chosen).
   */
  handwrite: {
    field: string;
    kind: 'signature' | 'seal' | 'overflow' | 'gaiji' | 'to-confirm';
    label?: string;
    sheet: number;
    signer?: number;
  }[];
  overflows: { field: string; sheet: number; characters: number }[];
  /** Every signature box: what it needs (from the definition or the city profile), and where that rule comes from. */
  signatures: { field: string; sheet: number; requirement: SignatureRequirement; decidedBy: 'definition' | 'profile'; source: string }[];
  /**
   * gaiji: no font has it (hand-written); ivs: a variation sequence no font registers, printed as
   * its base character (check it against the register); fallback: printed with Noto Sans CJK JP;
   * mincho: a character only IPAmj明朝 has, printed in Mincho. A variation sequence printed as
   * registered is not flagged.
   */
  flaggedCharacters: { field: string; codePoint: string; character: string; kind: 'gaiji' | 'fallback' | 'mincho' | 'ivs' }[];
  /** Where each value and hand-writing box sits (page index in this form's PDF, PDF points). */
  /** `size`: the point size a fitted value was printed at (wrapped or shrunk text shows here). */
  /**
   * `toConfirm`: the box is marked 「要確認」 on the page (a dotted outline and a tag in its corner)
   * because its value is listed for staff: `to-confirm` (a value to check or to write) or a warning's code.
   */
  boxes: {
    field: string;
    page: number;
    rect: Rect;
    kind: 'filled' | 'handwrite' | 'office';
    size?: number;
    toConfirm?: 'to-confirm' | HouseholdWarning['code'];
  }[];
  /** The 一括確認書 only: the forms whose signature boxes its one signature covers. */
  covers?: { id: string; title: string; pages: number; boxes: number }[];
}

export interface RenderReport {
  reference: string;
  moveType: Household['move']['type'];
  memberCount: number;
  /** For staff to check, never an error: e.g. a postal code of another prefecture than the address. */
  warnings: HouseholdWarning[];
  forms: FormReport[];
  excluded: { procedureId: string; title: string; reasons: string[]; decidedBy: 'rule' | 'staff'; staffReason?: string }[];
  /** Included procedures without a printed form: done automatically, or to do with a form the set does not carry. */
  checklist: {
    procedureId: string;
    title: string;
    counter: string;
    handling: Exclude<Handling, 'form'>;
    reasons: string[];
    note?: string;
  }[];
  /** The city profile the decisions and signatures followed. */
  profile: string;
  /** The stack (BIZ UDゴシック → Noto Sans CJK JP → IPAmj明朝), which were used, and their subset sizes. */
  fonts: {
    primary: string;
    fallback: string;
    mj: string;
    fallbackUsed: boolean;
    mjUsed: boolean;
    /** Variation sequences printed as registered (count only). */
    variants: number;
    subsetBytes: Record<FontKey, number>;
  };
  combined: { pages: number; bytes: number };
  /**
   * What is left to hand-write: signatures and seals (counted separately, and together as
   * handwriteSignatures), then everything else (overflows, 外字, values to confirm).
   */
  totals: {
    forms: number;
    pages: number;
    signatures: number;
    seals: number;
    handwriteSignatures: number;
    handwriteOther: number;
    overflows: number;
    gaiji: number;
    /** Signature boxes covered by the signed 一括確認書 (not to hand-write; the sheet's own signature is in `signatures`). */
    coveredByConfirmationSheet: number;
  };
}

export interface RenderedForm {
  id: string;
  title: string;
  pdf: Uint8Array;
}

export interface RenderResult {
  forms: RenderedForm[];
  combined: Uint8Array;
  report: RenderReport;
}

const templateCache = new Map<string, Uint8Array>();
function templateBytes(dir: string, file: string): Uint8Array {
  const key = join(dir, file);
  let b = templateCache.get(key);
  if (!b) {
    b = new Uint8Array(readFileSync(key));
    templateCache.set(key, b);
  }
  return b;
}

const pageCounts = new Map<string, number>();
async function templatePageCount(dir: string, file: string, bytes: Uint8Array): Promise<number> {
  const key = join(dir, file);
  let n = pageCounts.get(key);
  if (n === undefined) {
    n = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    pageCounts.set(key, n);
  }
  return n;
}

const SIGN_LABEL = 'ご署名ください';
const OVERFLOW_LABEL = '欄に収まりません：手書きしてください';
/** Printed under a name in a signature box where the city accepts a printed name. */
const PRINTED_NAME_LABEL = '記名（本人確認のうえ署名に代えます）';
/** Printed in a signature box the signed 一括確認書 covers. */
const COVERED_LABEL = '一括確認書への署名で代えます';
/** The 一括確認書's fixed text (forms/pdf/render.ts renderConfirmationSheet). */
const SHEET = {
  id: 'ikkatsu-kakuninsho',
  procedureId: 'confirmation-sheet',
  title: '一括確認書',
  lead: '次の申請書・届出書の記載内容を確認しました。',
  lead2: '「一括確認書への署名で代えます」と印字した各様式の署名欄への署名に代えて、ここに署名します。',
  head: ['番号', '様式', '頁数', '署名欄'],
  ownSignatures: '次の様式の署名欄は、この確認書では代えられません。それぞれの様式に署名してください：',
  notifier: '届出人（氏名）',
  date: '確認日',
  signature: '届出人署名',
  office: '本人確認（職員記入）',
  count: '欄',
  pages: '頁',
  reason: '市区町村プロファイルにより、署名欄は届出人が署名する一括確認書1枚にまとめられます',
} as const;
/** The tag on a box whose value staff must check or write (the report lists it). */
const TO_CONFIRM_TAG = '要確認';
const STATIC_TEXT = `　 ${SIGN_LABEL}${OVERFLOW_LABEL}${PRINTED_NAME_LABEL}${COVERED_LABEL}${TO_CONFIRM_TAG}受付番号続紙枚目人分のうち頁／0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ（）`;
const SHEET_TEXT = Object.values(SHEET).flat().join('');

/** One value to place: a field on one sheet, possibly for one member row. */
interface Placement {
  field: FieldDefinition;
  reportId: string;
  rowInSheet: number;
  text: string;
  clusters: Cluster[];
  /** Why the value is left for hand-writing, when the member's data cannot fill it. */
  handwriteReason?: string | undefined;
}

/** A signature box's requirement in this city, and the name printed when a printed name (記名) is accepted. */
interface Signing {
  requirement: SignatureRequirement;
  decidedBy: 'definition' | 'profile';
  source: string;
  printedName?: Cluster[];
}

interface SheetPlan {
  index: number;
  placements: Placement[];
  /** `signer`: whose box it is (signerIndex), for the report. */
  handwrite: { def: HandwriteDefinition; rowInSheet: number; reportId: string; signing: Signing | undefined; signer: number | undefined }[];
}

/** The requirement of a form's signature boxes: the city profile's, else the definition's default, else a hand signature. */
function signingOf(def: FormDefinition, hw: HandwriteDefinition, profile: CityProfile): Omit<Signing, 'printedName'> {
  const city = profile.signatures[def.id];
  if (city) return { requirement: city.requirement, decidedBy: 'profile', source: city.source };
  return {
    requirement: hw.requirement ?? 'hand-signature',
    decidedBy: 'definition',
    source: hw.requirementSource ?? '既定（定義に記載なし）: 署名を求める / default when the definition says nothing: hand signature',
  };
}

const NOT_THE_NOTIFIER = '一括確認書は届出人が署名するため、届出人以外の方が署名するこの欄は署名が必要です';

/**
 * The binding of the name a signature box is for: its `signer`, else the row's member (a row box, or
 * any box of a one-member-per-sheet form such as the 印鑑登録申請書: each applicant signs their own),
 * else the 届出人.
 */
function signerBinding(def: FormDefinition, hw: HandwriteDefinition): string {
  return hw.signer ?? (hw.row || def.rowsPerSheet === 1 ? 'member.name' : 'notifier.name');
}

/** Whose signature a box asks for: the row's (or the sheet's) member, or the person its signer binding names. */
function signerIndex(
  h: Household,
  roles: ChildFormRoles,
  def: FormDefinition,
  hw: HandwriteDefinition,
  rowMember: number | undefined,
): number | undefined {
  const who = signerBinding(def, hw).split('.')[0];
  if (who === 'member') return rowMember;
  if (who === 'notifier') return notifierIndexOf(h);
  if (who === 'head') return headIndex(h);
  if (who === 'supporter') return supporterIndexOf(h);
  if (who === 'claimant') return roles.claimant;
  if (who === 'guardian') return roles.guardian;
  return undefined;
}

interface FormPlan {
  decision: ProcedureDecision;
  def: FormDefinition;
  sheets: SheetPlan[];
}

/** Per-member and household values, computed once per render and shared by every form. */
interface HouseholdContext {
  members: Values[];
  /** Per member: bindings left for hand-writing, with the reason (memberHandwriteReasons). */
  handwriteReasons: Values[];
  /** Household bindings staff must check, with the reason (e.g. an address that could not be split). */
  householdReasons: Values;
  base: Values;
}

function plan(h: Household, ctx: HouseholdContext, decision: ProcedureDecision, def: FormDefinition, profile: CityProfile): FormPlan {
  const { household: hv, members: memberRows, reasons: procedureReasons, roles } = procedureValues(h, ctx.members, ctx.base, decision);
  const per = def.rowsPerSheet;
  const subjects = decision.subjects;
  const sheetCount = per > 0 ? Math.max(1, Math.ceil(subjects.length / per)) : 1;
  const sheets: SheetPlan[] = [];
  for (let s = 0; s < sheetCount; s++) {
    const rows = per > 0 ? subjects.slice(s * per, (s + 1) * per) : [];
    const placements: Placement[] = [];
    const handwrite: SheetPlan['handwrite'] = [];
    for (const field of def.fields) {
      if (field.row) {
        rows.forEach((memberIndex, r) => {
          const mv = memberRows[memberIndex]!;
          // Row numbers run on across sheets: sheet 2 of a 4-row form starts at 5.
          const value = field.bind === ROW_NUMBER ? String(s * per + r + 1) : lookup(mv, def, field);
          const text = toDigitWidth(value, def.digits);
          const handwriteReason = text === '' ? ctx.handwriteReasons[memberIndex]![field.bind] : undefined;
          placements.push({
            field,
            reportId: `${field.id}#${memberIndex + 1}`,
            rowInSheet: r,
            text,
            clusters: clusters(text),
            handwriteReason,
          });
        });
      } else {
        const text = toDigitWidth(lookup(hv, def, field), def.digits);
        const handwriteReason = ctx.householdReasons[field.bind] ?? procedureReasons[field.bind];
        placements.push({ field, reportId: field.id, rowInSheet: 0, text, clusters: clusters(text), handwriteReason });
      }
    }
    // A signature box where the city accepts a printed name gets the name (記名); a name we cannot print stays a signature.
    const signing = (hw: HandwriteDefinition, values: Values, rowMember?: number): Signing | undefined => {
      if (hw.kind !== 'signature') return undefined;
      const rule = signingOf(def, hw, profile);
      if (rule.requirement === 'covered-by-confirmation-sheet') {
        // The 一括確認書 carries the 届出人's signature: a box someone else signs (another 印鑑登録
        // applicant, a 世帯主 who is not the 届出人) keeps its own signature, never dropped.
        if (signerIndex(h, roles, def, hw, rowMember) === notifierIndexOf(h)) return rule;
        return { ...rule, requirement: 'hand-signature', source: `${rule.source}（${NOT_THE_NOTIFIER}）` };
      }
      if (rule.requirement !== 'printed-name-accepted') return rule;
      const name = values[signerBinding(def, hw)];
      if (name === undefined)
        throw new KioskError('forms/unknown-binding', {
          ja: `様式 ${def.id} の署名欄 ${hw.id} の記名の参照先 ${hw.signer ?? ''} がありません`,
          en: `Form ${def.id}: signature ${hw.id} prints unknown ${hw.signer ?? ''}.`,
        });
      return name === '' ? rule : { ...rule, printedName: clusters(name) };
    };
    for (const hw of def.handwrite) {
      if (hw.row)
        rows.forEach((memberIndex, r) =>
          handwrite.push({
            def: hw,
            rowInSheet: r,
            reportId: `${hw.id}#${memberIndex + 1}`,
            signing: signing(hw, memberRows[memberIndex]!, memberIndex),
            signer: signerIndex(h, roles, def, hw, memberIndex),
          }),
        );
      else if (per === 1 && rows[0] !== undefined)
        // One member per sheet: the sheet's boxes are that member's (its name for a 記名).
        handwrite.push({
          def: hw,
          rowInSheet: 0,
          reportId: hw.id,
          signing: signing(hw, { ...hv, ...memberRows[rows[0]!] }, rows[0]),
          signer: signerIndex(h, roles, def, hw, rows[0]),
        });
      else
        handwrite.push({
          def: hw,
          rowInSheet: 0,
          reportId: hw.id,
          signing: signing(hw, hv),
          signer: signerIndex(h, roles, def, hw, undefined),
        });
    }
    sheets.push({ index: s, placements, handwrite });
  }
  return { decision, def, sheets };
}

/** A bound value; "literal:…" binds fixed text (e.g. a pre-printed choice). */
function lookup(values: Values, def: FormDefinition, field: FieldDefinition): string {
  if (field.bind.startsWith('literal:')) return field.bind.slice('literal:'.length);
  return values[field.bind] ?? missingBinding(def, field);
}

function missingBinding(def: FormDefinition, field: FieldDefinition): never {
  throw new KioskError('forms/unknown-binding', {
    ja: `様式 ${def.id} の項目 ${field.id} の参照先 ${field.bind} がありません`,
    en: `Form ${def.id}: field ${field.id} is bound to unknown ${field.bind}.`,
  });
}

interface ResolvedTarget {
  page: number;
  rect: Rect;
  comb?: number;
  acroName?: string;
}

type FieldIndex = Map<string, ReturnType<PDFForm['getFields']>[number]>;

function resolveTarget(
  doc: PDFDocument,
  fields: FieldIndex | undefined,
  target: FormTarget,
  rowInSheet: number,
  rowPitch: number | undefined,
): ResolvedTarget {
  if ('field' in target) {
    const name = target.field.replace('{row}', String(rowInSheet + 1));
    const field = fields?.get(name);
    if (!field)
      throw new KioskError('forms/template-field-missing', {
        ja: `テンプレートに項目 ${name} がありません`,
        en: `Template field ${name} is missing.`,
      });
    const widget = field.acroField.getWidgets()[0];
    if (!widget)
      throw new KioskError('forms/template-field-missing', {
        ja: `項目 ${name} に表示位置がありません`,
        en: `Field ${name} has no widget.`,
      });
    const r = widget.getRectangle();
    const ref = doc.context.getObjectRef(widget.dict);
    const page = ref ? doc.findPageForAnnotationRef(ref) : undefined;
    const pageIndex = page ? doc.getPages().indexOf(page) : 0;
    const comb = field instanceof PDFTextField && field.isCombed() ? field.getMaxLength() : undefined;
    return { page: pageIndex, rect: [r.x, r.y, r.width, r.height], acroName: name, ...(comb ? { comb } : {}) };
  }
  const [x, y, w, hgt] = target.rect;
  return { page: target.page, rect: [x, y + (rowPitch ?? 0) * rowInSheet, w, hgt], ...(target.comb ? { comb: target.comb } : {}) };
}

type Fonts = { primary: PDFFont } & Partial<Record<FontKey, PDFFont>>;

function drawRuns(page: PDFPage, line: Cluster[], x: number, baseline: number, size: number, fonts: Fonts): void {
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c.font === 'gaiji') {
      // Leave an outlined square where staff hand-write the character.
      page.drawRectangle({
        x: x + size * 0.05,
        y: baseline - size * 0.12,
        width: size * 0.9,
        height: size * 0.9,
        borderWidth: 0.5,
        borderColor: rgb(0, 0, 0),
      });
      x += size * c.width;
      i++;
      continue;
    }
    let j = i;
    let text = '';
    let w = 0;
    while (j < line.length && line[j]!.font === c.font) {
      // A variant glyph goes to the font as its sequence (the font maps it, see forPdfLib).
      text += drawnText(line[j]!);
      w += line[j]!.width;
      j++;
    }
    const font = fonts[c.font];
    if (!font) throw new KioskError('forms/font-missing');
    page.drawText(text, { x, y: baseline, size, font, color: rgb(0, 0, 0) });
    x += w * size;
    i = j;
  }
}

function drawFitted(page: PDFPage, fitted: Fitted, rect: Rect, align: 'left' | 'center', fonts: Fonts, pad: number): void {
  const [x, y, w, h] = rect;
  const lh = fitted.size * LINE_HEIGHT;
  const top = y + h / 2 + (fitted.lines.length * lh) / 2;
  fitted.lines.forEach((line, i) => {
    const lw = line.reduce((s, c) => s + c.width, 0) * fitted.size;
    const baseline = top - i * lh - (lh - fitted.size) / 2 - fitted.size * 0.86;
    const lx = align === 'center' ? x + (w - lw) / 2 : x + pad;
    drawRuns(page, line, lx, baseline, fitted.size, fonts);
  });
}

function drawComb(page: PDFPage, cs: Cluster[], rect: Rect, cells: number, size: number, fonts: Fonts): void {
  const [x, y, w, h] = rect;
  const cw = w / cells;
  const s = Math.min(size, h - 3, cw * 1.1);
  cs.forEach((c, i) => {
    const cx = x + cw * i + (cw - c.width * s) / 2;
    drawRuns(page, [c], cx, y + (h - s) / 2 + s * 0.14, s, fonts);
  });
}

function drawMarker(page: PDFPage, rect: Rect, label: string | undefined, font: PDFFont, dashed: boolean): void {
  const [x, y, w, h] = rect;
  if (dashed)
    page.drawRectangle({
      x: x + 1,
      y: y + 1,
      width: w - 2,
      height: h - 2,
      borderWidth: 1.2,
      borderColor: rgb(0, 0, 0),
      borderDashArray: [3, 2],
    });
  if (label === undefined) return;
  // The label must stay inside its box: shrink, then break into two lines for narrow boxes.
  const avail = w - 8;
  const at1 = font.widthOfTextAtSize(label, 1);
  let size = Math.min(9, Math.max(5, h / 3), avail / at1);
  let lines = [label];
  if (size < 6) {
    const chars = [...label];
    const half = Math.ceil(chars.length / 2);
    lines = [chars.slice(0, half).join(''), chars.slice(half).join('')];
    size = Math.min(9, avail / font.widthOfTextAtSize(lines[0]!, 1));
  }
  lines.forEach((line, i) => {
    page.drawText(line, { x: x + 4, y: y + h - (size + 3) - i * size * 1.2, size, font, color: rgb(0.15, 0.15, 0.15) });
  });
}

/**
 * 「要確認」: a dotted outline just inside the box and a small boxed tag in its bottom-right corner,
 * where values (left-aligned; centred or top-aligned) do not reach; black on white, for any printer.
 * (In the top corner the tag made OCR of the page lose whole lines, a sign a clerk's eye may too.)
 */
function drawToConfirm(page: PDFPage, rect: Rect, font: PDFFont, comb: boolean): void {
  const [x, y, w, h] = rect;
  const black = rgb(0, 0, 0);
  page.drawRectangle({
    x: x + 0.8,
    y: y + 0.8,
    width: w - 1.6,
    height: h - 1.6,
    borderWidth: 0.7,
    borderColor: black,
    borderDashArray: [1.2, 1.2],
  });
  const size = Math.max(4.5, Math.min(6, h / 4));
  const tw = font.widthOfTextAtSize(TO_CONFIRM_TAG, size);
  const tx = x + w - tw - 3.5;
  // Digit boxes (郵便番号) have a digit in their last cell's corner: the tag goes in the label strip above
  // them instead, right of the short label.
  const ty = comb ? y + h + 2 : y + 2.5;
  page.drawRectangle({
    x: tx - 1.2,
    y: ty - 1.2,
    width: tw + 2.4,
    height: size + 2,
    color: rgb(1, 1, 1),
    borderWidth: 0.5,
    borderColor: black,
  });
  page.drawText(TO_CONFIRM_TAG, { x: tx, y: ty + size * 0.1, size, font, color: black });
}

/** A signature box the 一括確認書 covers: a thin frame and the caption, in black and white. */
function drawCovered(page: PDFPage, rect: Rect, font: PDFFont): void {
  const [x, y, w, h] = rect;
  page.drawRectangle({ x: x + 1, y: y + 1, width: w - 2, height: h - 2, borderWidth: 0.5, borderColor: rgb(0, 0, 0) });
  const size = Math.min(9, Math.max(5, h / 3), (w - 8) / font.widthOfTextAtSize(COVERED_LABEL, 1));
  page.drawText(COVERED_LABEL, { x: x + 4, y: y + (h - size) / 2 + size * 0.14, size, font, color: rgb(0.15, 0.15, 0.15) });
}

/** Why a character is listed in the report, if it is. */
function flagOf(c: Cluster): FormReport['flaggedCharacters'][number]['kind'] | undefined {
  if (c.font === 'gaiji') return 'gaiji';
  if (c.ivs) return c.sequence === 'missing' ? 'ivs' : undefined;
  if (c.font === 'fallback') return 'fallback';
  if (c.font === 'mj') return 'mincho';
  return undefined;
}

interface SheetResult {
  doc: PDFDocument;
  report: Pick<FormReport, 'fieldsFilled' | 'fieldsEmpty' | 'handwrite' | 'overflows' | 'signatures' | 'flaggedCharacters'>;
  boxes: FormReport['boxes'];
}

async function renderSheet(
  p: FormPlan,
  sheet: SheetPlan,
  tplBytes: Uint8Array,
  fontBytes: Partial<Record<FontKey, Uint8Array>>,
  kit: ReturnType<typeof sharedFontkit>,
  footerText: (pageIndexInSheet: number) => string,
  /** Bindings a household warning concerns (e.g. newAddress.postalDigits), with the warning's code. */
  warned: ReadonlyMap<string, HouseholdWarning['code']>,
): Promise<SheetResult> {
  const doc = await PDFDocument.load(tplBytes, { updateMetadata: false });
  doc.registerFontkit(kit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  // subset:false on purpose: the bytes are already a HarfBuzz subset (see fonts.ts).
  const fonts: Fonts = { primary: await doc.embedFont(fontBytes.primary!, { subset: false }) };
  for (const key of FONT_STACK) {
    const bytes = fontBytes[key];
    if (key !== 'primary' && bytes) fonts[key] = await doc.embedFont(bytes, { subset: false });
  }
  const acro = p.def.template.kind === 'acroform' ? doc.getForm() : undefined;
  // getFieldMaybe scans every field on each call; index them once.
  const fieldIndex: FieldIndex | undefined = acro ? new Map(acro.getFields().map((f) => [f.getName(), f])) : undefined;
  const acroFilled = new Set<string>();
  const pages = doc.getPages();
  const report: SheetResult['report'] = {
    fieldsFilled: [],
    fieldsEmpty: [],
    handwrite: [],
    overflows: [],
    signatures: [],
    flaggedCharacters: [],
  };
  const boxes: FormReport['boxes'] = [];
  const sheetNo = sheet.index + 1;
  // Drawing happens after the AcroForm is flattened: flattened field appearances (often with a
  // white background in municipal templates) would otherwise cover what we draw.
  const draws: (() => void)[] = [];

  for (const pl of sheet.placements) {
    const t = resolveTarget(doc, fieldIndex, pl.field.target, pl.rowInSheet, pl.field.rowPitch);
    const page = pages[t.page];
    if (!page)
      throw new KioskError('forms/template-page-missing', {
        ja: `様式 ${p.def.id} のページがありません`,
        en: `Form ${p.def.id}: template page missing.`,
      });
    if (pl.handwriteReason) report.handwrite.push({ field: pl.reportId, kind: 'to-confirm', label: pl.handwriteReason, sheet: sheetNo });
    // A value staff must check or write is marked on the paper too, not only in the report.
    const toConfirm = pl.handwriteReason ? ('to-confirm' as const) : warned.get(pl.field.bind);
    if (toConfirm) draws.push(() => drawToConfirm(page, t.rect, fonts.primary, t.comb !== undefined));
    const marked = toConfirm ? { toConfirm } : {};
    if (pl.clusters.length === 0) {
      report.fieldsEmpty.push(pl.reportId);
      if (pl.handwriteReason) boxes.push({ field: pl.reportId, page: t.page, rect: t.rect, kind: 'handwrite', ...marked });
      continue;
    }
    for (const c of pl.clusters) {
      const kind = flagOf(c);
      if (kind) {
        report.flaggedCharacters.push({
          field: pl.reportId,
          codePoint: `U+${c.codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
          character: c.text,
          kind,
        });
        if (c.font === 'gaiji') report.handwrite.push({ field: pl.reportId, kind: 'gaiji', sheet: sheetNo });
      }
    }
    const singleFont = pl.clusters.every((c) => c.font === 'primary');
    if (t.comb) {
      if (pl.clusters.length > t.comb) {
        report.overflows.push({ field: pl.reportId, sheet: sheetNo, characters: pl.clusters.length });
        report.handwrite.push({ field: pl.reportId, kind: 'overflow', sheet: sheetNo });
        draws.push(() => drawMarker(page, t.rect, OVERFLOW_LABEL, fonts.primary, false));
        continue;
      }
      if (t.acroName && singleFont) {
        const tf = acro!.getTextField(t.acroName);
        tf.setFontSize(Math.min(pl.field.size, t.rect[3] - 3));
        tf.setText(pl.text);
        acroFilled.add(t.acroName);
      } else draws.push(() => drawComb(page, pl.clusters, t.rect, t.comb!, pl.field.size, fonts));
      report.fieldsFilled.push(pl.reportId);
      boxes.push({ field: pl.reportId, page: t.page, rect: t.rect, kind: 'filled', ...marked });
      continue;
    }
    const pad = t.acroName ? 2 : 1.5;
    const fitted = fit(pl.clusters, t.rect[2], t.rect[3], {
      size: pl.field.size,
      minSize: pl.field.minSize,
      multiline: pl.field.multiline,
      padding: pad,
    });
    if (!fitted) {
      report.overflows.push({ field: pl.reportId, sheet: sheetNo, characters: pl.clusters.length });
      report.handwrite.push({ field: pl.reportId, kind: 'overflow', sheet: sheetNo });
      draws.push(() => drawMarker(page, t.rect, OVERFLOW_LABEL, fonts.primary, false));
      continue;
    }
    if (t.acroName && singleFont && fitted.lines.length === 1) {
      // The AcroForm route: fill by name; appearances are generated with our font below.
      const tf = acro!.getTextField(t.acroName);
      tf.setFontSize(fitted.size);
      tf.setAlignment(pl.field.align === 'center' ? TextAlignment.Center : TextAlignment.Left);
      tf.setText(pl.text);
      acroFilled.add(t.acroName);
    } else {
      // Mixed fonts or wrapped text: draw ourselves at the widget's box (one field font cannot fall back per character).
      draws.push(() => drawFitted(page, fitted, t.rect, pl.field.align, fonts, pad));
    }
    report.fieldsFilled.push(pl.reportId);
    boxes.push({ field: pl.reportId, page: t.page, rect: t.rect, kind: 'filled', size: fitted.size, ...marked });
  }

  for (const hw of sheet.handwrite) {
    const t = resolveTarget(doc, fieldIndex, hw.def.target, hw.rowInSheet, hw.def.rowPitch);
    const page = pages[t.page]!;
    if (hw.def.kind === 'office') {
      boxes.push({ field: hw.reportId, page: t.page, rect: t.rect, kind: 'office' });
      continue;
    }
    if (hw.signing)
      report.signatures.push({
        field: hw.reportId,
        sheet: sheetNo,
        requirement: hw.signing.requirement,
        decidedBy: hw.signing.decidedBy,
        source: hw.signing.source,
      });
    if (hw.signing?.requirement === 'covered-by-confirmation-sheet') {
      // Signed once on the 一括確認書: the box says so, and nothing is left to write in it.
      draws.push(() => drawCovered(page, t.rect, fonts.primary));
      report.fieldsFilled.push(hw.reportId);
      boxes.push({ field: hw.reportId, page: t.page, rect: t.rect, kind: 'filled' });
      continue;
    }
    const printedName = hw.signing?.printedName;
    if (printedName) {
      // 記名: the name printed in the box, with a caption saying why there is no signature.
      const [x, y, w, hgt] = t.rect;
      const caption = 8;
      const fitted = fit(printedName, w, hgt - caption - 2, { size: 12, minSize: 8, multiline: false, padding: 4 });
      if (fitted) {
        draws.push(() => {
          drawFitted(page, fitted, [x, y + caption + 2, w, hgt - caption - 2], 'left', fonts, 4);
          page.drawText(PRINTED_NAME_LABEL, { x: x + 4, y: y + 2, size: caption, font: fonts.primary, color: rgb(0.25, 0.25, 0.25) });
        });
        report.fieldsFilled.push(hw.reportId);
        boxes.push({ field: hw.reportId, page: t.page, rect: t.rect, kind: 'filled' });
        continue;
      }
    }
    // Nothing is printed inside a seal box (the impression must be clean): its label is the template's, above it.
    const label = hw.def.kind === 'signature' ? SIGN_LABEL : undefined;
    draws.push(() => drawMarker(page, t.rect, label, fonts.primary, true));
    report.handwrite.push({
      field: hw.reportId,
      kind: hw.def.kind,
      label: hw.def.label,
      sheet: sheetNo,
      ...(hw.signer !== undefined ? { signer: hw.signer } : {}),
    });
    boxes.push({ field: hw.reportId, page: t.page, rect: t.rect, kind: 'handwrite' });
  }

  draws.push(() => pages.forEach((pg, i) => footer(pg, footerText(i), fonts.primary)));

  if (acro) {
    // Appearances are generated with our font (pdf-lib's default Helvetica cannot encode Japanese),
    // only for the fields we filled; empty fields are removed rather than flattened.
    for (const field of acro.getFields()) {
      if (acroFilled.has(field.getName()) && field instanceof PDFTextField) field.updateAppearances(fonts.primary);
      else acro.removeField(field);
    }
    acro.flatten({ updateFieldAppearances: false });
    // pdf-lib's flatten deletes the merged field/widget objects but can leave their references in
    // the page's /Annots, which poppler then reports as invalid xref entries.
    for (const pg of pages) {
      const annots = pg.node.Annots();
      if (!annots) continue;
      const live = annots.asArray().filter((a) => !(a instanceof PDFRef) || doc.context.lookup(a) !== undefined);
      if (live.length === 0) pg.node.delete(PDFName.of('Annots'));
      else if (live.length !== annots.size()) pg.node.set(PDFName.of('Annots'), doc.context.obj(live));
    }
  }
  for (const draw of draws) draw();
  return { doc, report, boxes };
}

interface ConfirmationSheetInput {
  covers: NonNullable<FormReport['covers']>;
  /** Forms of the set whose signature boxes it does not cover (another signer, a signature the law asks for). */
  ownSignatures: { title: string; boxes: number }[];
  /** The 届出人's name and the 届出日, as the forms print them: no other personal data. */
  name: Cluster[];
  /** The 届出人's index in household.members: who signs the sheet. */
  signer: number;
  date: Cluster[];
  fontBytes: Partial<Record<FontKey, Uint8Array>>;
  kit: ReturnType<typeof sharedFontkit>;
  reference: string;
  counter: string;
  source: string;
}

const A4: [number, number] = [595.28, 841.89];

/**
 * The 一括確認書: one A4 page listing the forms its signature covers (title, pages, boxes), the
 * 届出人's printed name, the 届出日 and one signature box. Drawn here, with the set's own font subset.
 */
async function renderConfirmationSheet(i: ConfirmationSheetInput): Promise<{ doc: PDFDocument; bytes: Uint8Array; report: FormReport }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(i.kit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const fonts: Fonts = { primary: await doc.embedFont(i.fontBytes.primary!, { subset: false }) };
  for (const key of FONT_STACK) {
    const bytes = i.fontBytes[key];
    if (key !== 'primary' && bytes) fonts[key] = await doc.embedFont(bytes, { subset: false });
  }
  const page = doc.addPage(A4);
  const black = rgb(0, 0, 0);
  const left = 56;
  const width = A4[0] - 2 * left;
  const text = (t: string, x: number, y: number, size: number) => page.drawText(t, { x, y, size, font: fonts.primary, color: black });
  const frame = (x: number, y: number, w: number, h: number, borderWidth = 0.8) =>
    page.drawRectangle({ x, y, width: w, height: h, borderWidth, borderColor: black });
  const boxes: FormReport['boxes'] = [];
  const filled: string[] = [];
  const place = (id: string, cs: Cluster[], rect: Rect, size: number, align: 'left' | 'center' = 'left'): void => {
    const fitted = fit(cs, rect[2], rect[3], { size, minSize: 6, multiline: true, padding: 4 });
    if (!fitted) throw new KioskError('forms/font-missing');
    drawFitted(page, fitted, rect, align, fonts, 4);
    filled.push(id);
    boxes.push({ field: id, page: 0, rect, kind: 'filled', size: fitted.size });
  };

  const titleSize = 20;
  text(SHEET.title, (A4[0] - fonts.primary.widthOfTextAtSize(SHEET.title, titleSize)) / 2, 770, titleSize);
  place('lead', clusters(SHEET.lead), [left, 718, width, 20], 10.5);
  place('lead2', clusters(SHEET.lead2), [left, 690, width, 30], 10.5);

  // The forms covered, in hand-over order.
  const cols = [40, width - 40 - 70 - 70, 70, 70];
  const rowH = 24;
  let y = 660;
  const row = (cells: string[], id?: string) => {
    let x = left;
    cells.forEach((c, k) => {
      frame(x, y, cols[k]!, rowH, 0.6);
      const cs = clusters(c);
      const rect: Rect = [x, y, cols[k]!, rowH];
      if (id) place(`${id}.${k}`, cs, rect, 10, k === 1 ? 'left' : 'center');
      else drawFitted(page, fit(cs, cols[k]!, rowH, { size: 9, minSize: 6, multiline: false, padding: 4 })!, rect, 'center', fonts, 4);
      x += cols[k]!;
    });
    y -= rowH;
  };
  row([...SHEET.head]);
  i.covers.forEach((c, n) => row([String(n + 1), c.title, `${c.pages}${SHEET.pages}`, `${c.boxes}${SHEET.count}`], `covers#${n + 1}`));
  // So the resident does not take the one signature for all: what is still to sign, form by form.
  if (i.ownSignatures.length > 0) {
    const list = i.ownSignatures.map((o) => `${o.title}（${o.boxes}${SHEET.count}）`).join('、');
    y -= 40;
    place('ownSignatures', clusters(`${SHEET.ownSignatures}${list}`), [left, y + 4, width, 34], 10);
  }

  // The 届出人 (printed as on the forms), the day, and the one signature.
  const labelW = 110;
  const field = (label: string, id: string, cs: Cluster[], h: number) => {
    text(label, left, y + h / 2 - 4, 10);
    frame(left + labelW, y, width - labelW, h, 0.6);
    if (cs.length > 0) place(id, cs, [left + labelW, y, width - labelW, h], 12);
    y -= h + 10;
  };
  y -= 28;
  field(SHEET.notifier, 'notifier.name', i.name, 28);
  field(SHEET.date, 'notificationDate', i.date, 28);
  const sigH = 64;
  y -= sigH - 28;
  text(SHEET.signature, left, y + sigH / 2 - 4, 10);
  const sigRect: Rect = [left + labelW, y, width - labelW, sigH];
  drawMarker(page, sigRect, SIGN_LABEL, fonts.primary, true);
  boxes.push({ field: 'signature', page: 0, rect: sigRect, kind: 'handwrite' });
  y -= 48 + 14;
  const officeRect: Rect = [A4[0] - left - 160, y, 160, 48];
  frame(...officeRect, 0.6);
  text(SHEET.office, officeRect[0] + 4, officeRect[1] + officeRect[3] - 11, 7);
  boxes.push({ field: 'office', page: 0, rect: officeRect, kind: 'office' });
  footer(page, `受付番号 ${i.reference}　${SHEET.title}　1／1頁`, fonts.primary);

  doc.setTitle(SHEET.title);
  doc.setCreator('kakanai-madoguchi forms');
  const bytes = await doc.save();
  const flaggedCharacters: FormReport['flaggedCharacters'] = [];
  const handwrite: FormReport['handwrite'] = [
    { field: 'signature', kind: 'signature', label: `${SHEET.signature}（${SHEET.title}）`, sheet: 1, signer: i.signer },
  ];
  for (const c of i.name) {
    const kind = flagOf(c);
    if (!kind) continue;
    flaggedCharacters.push({
      field: 'notifier.name',
      codePoint: `U+${c.codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
      character: c.text,
      kind,
    });
    if (kind === 'gaiji') handwrite.push({ field: 'notifier.name', kind: 'gaiji', sheet: 1 });
  }
  return {
    doc,
    bytes,
    report: {
      id: SHEET.id,
      procedureId: SHEET.procedureId,
      title: SHEET.title,
      counter: i.counter,
      deadline: undefined,
      reasons: [SHEET.reason],
      decidedBy: 'rule',
      templateKind: 'generated',
      sheets: 1,
      pages: 1,
      bytes: bytes.length,
      fieldsFilled: filled,
      fieldsEmpty: i.name.length === 0 ? ['notifier.name'] : [],
      handwrite,
      overflows: [],
      signatures: [{ field: 'signature', sheet: 1, requirement: 'hand-signature', decidedBy: 'profile', source: i.source }],
      flaggedCharacters,
      boxes,
      covers: i.covers,
    },
  };
}

function footer(page: PDFPage, text: string, font: PDFFont): void {
  // 8 pt: the smallest size a clerk reads without effort (the labels' size too).
  page.drawText(text, { x: 36, y: 16, size: 8, font, color: rgb(0.2, 0.2, 0.2) });
}

const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;

/**
 * A fictional household that triggers every 転入 procedure and every font (𠮷, an MJ variant), rendered
 * once by preloadForms so that the first resident does not pay for JIT warm-up and font loading.
 */
const WARM_UP_HOUSEHOLD = {
  schemaVersion: 1,
  move: { type: 'tennyu', date: '2026-04-01' },
  newAddress: { postalCode: '0600001', address: '北海道札幌市中央区北一条西2丁目1番地', building: '見本ビル', room: '101' },
  previousAddress: { postalCode: '1000005', address: '東京都千代田区丸の内一丁目9番1号' },
  phone: '011-000-0000',
  members: [
    {
      familyName: '見本',
      givenName: '𠮷郎',
      familyKana: 'ミホン',
      givenKana: 'キチロウ',
      birthDate: '1970-01-01',
      sex: 'male',
      relationship: '世帯主',
      myNumberCard: true,
      facts: { nationalHealthInsurance: true, registeredSeal: true },
    },
    {
      familyName: '見本',
      givenName: '花子',
      familyKana: 'ミホン',
      givenKana: 'ハナコ',
      birthDate: '1972-02-02',
      sex: 'female',
      relationship: '妻',
      facts: { nationalHealthInsurance: true },
    },
    {
      familyName: '見本',
      givenName: '一郎',
      familyKana: 'ミホン',
      givenKana: 'イチロウ',
      birthDate: '2016-05-05',
      sex: 'male',
      relationship: '子',
      facts: { nationalHealthInsurance: true },
    },
    {
      // An MJ variant (邉 + U+E0119): IPAmj明朝 and the shaping path are warm too.
      familyName: '渡邉\u{E0119}',
      givenName: 'ハル',
      familyKana: 'ミホン',
      givenKana: 'ハル',
      birthDate: '1945-03-03',
      sex: 'female',
      relationship: '母',
      facts: {},
    },
  ],
} as const;

/**
 * Loads fonts, HarfBuzz, definitions and templates ahead of the first household, e.g. when the
 * app starts, and (unless warmUp is false) renders a fictional household once so the first render
 * at the counter is as fast as later ones. Holds no resident data.
 */
export async function preloadForms(opts: Pick<RenderOptions, 'definitions' | 'templatesDir'> & { warmUp?: boolean } = {}): Promise<void> {
  const defs = opts.definitions ?? loadDefinitions();
  const dir = opts.templatesDir ?? TEMPLATES_DIR;
  await preloadFonts();
  for (const def of defs.values()) await templatePageCount(dir, def.template.file, templateBytes(dir, def.template.file));
  if (opts.warmUp !== false) {
    const sample = householdSchema.parse(WARM_UP_HOUSEHOLD);
    await renderFormSet(sample, { reference: 'WARM-UP', definitions: defs, templatesDir: dir });
  }
}

/** Renders every applicable form for a household. */
export async function renderFormSet(h: Household, opts: RenderOptions): Promise<RenderResult> {
  if (!REFERENCE.test(opts.reference)) throw new KioskError('forms/bad-reference');
  const defs = opts.definitions ?? loadDefinitions();
  const tplDir = opts.templatesDir ?? TEMPLATES_DIR;
  const profile = opts.profile ?? loadProfile();
  const decisions = decideProcedures(h, opts.overrides ?? [], { profile });
  // Ages and grades printed are those of the day the forms are filed (届出日).
  const members = householdMemberValues(h);
  const householdReasons: Values = {};
  const ctx: HouseholdContext = {
    members,
    handwriteReasons: h.members.map((m) => memberHandwriteReasons(m, h.move.type)),
    base: householdBaseValues(h, members, householdReasons),
    householdReasons,
  };
  const warnings = householdWarnings(h);
  // A postal code warning concerns the boxes that print that code.
  const warned = new Map<string, HouseholdWarning['code']>();
  for (const w of warnings) {
    warned.set(w.field, w.code);
    if (w.field.endsWith('.postalCode')) warned.set(w.field.replace(/postalCode$/, 'postalDigits'), w.code);
  }
  const plans: FormPlan[] = [];
  for (const d of decisions) {
    if (!d.included || !d.formId) continue;
    const def = defs.get(d.formId);
    if (!def)
      throw new KioskError('forms/definition-missing', {
        ja: `様式定義 ${d.formId} がありません`,
        en: `Form definition ${d.formId} is missing.`,
      });
    plans.push(plan(h, ctx, d, def, profile));
  }
  for (const id of Object.keys(profile.signatures))
    if (!defs.has(id))
      throw new KioskError('forms/bad-profile', {
        ja: `市区町村プロファイルが不正です: ${profile.id}: signatures.${id}: 様式がありません`,
        en: `Invalid city profile: ${profile.id}: signatures.${id}: no such form`,
      });

  // One subset per font for the whole household, so the combined file can share it.
  const chars: Record<FontKey, Set<string>> = { primary: new Set([...STATIC_TEXT, ...opts.reference]), fallback: new Set(), mj: new Set() };
  const sequences: Record<FontKey, Set<string>> = { primary: new Set(), fallback: new Set(), mj: new Set() };
  for (const p of plans) {
    for (const ch of p.def.title) chars.primary.add(ch);
    for (const s of p.sheets)
      for (const pl of s.placements)
        for (const c of pl.clusters) {
          if (c.font === 'gaiji') continue;
          // A variant glyph is kept by keeping its base and selector (the subset's cmap format 14).
          chars[c.font].add(c.sequence === 'variant' ? c.text : drawnText(c));
          if (c.sequence === 'variant') sequences[c.font].add(c.text);
        }
    for (const s of p.sheets)
      for (const hw of s.handwrite)
        for (const c of hw.signing?.printedName ?? []) {
          if (c.font === 'gaiji') continue;
          chars[c.font].add(c.sequence === 'variant' ? c.text : drawnText(c));
          if (c.sequence === 'variant') sequences[c.font].add(c.text);
        }
  }
  // The 一括確認書: printed when any box of the set is covered by it (the profile decided, signingOf).
  const covered = plans.filter((p) =>
    p.sheets.some((s) => s.handwrite.some((hw) => hw.signing?.requirement === 'covered-by-confirmation-sheet')),
  );
  const sheetName = covered.length > 0 ? clusters(ctx.base['notifier.name'] ?? '') : [];
  const sheetDate = covered.length > 0 ? clusters(ctx.base['notificationDate'] ?? '') : [];
  if (covered.length > 0) {
    for (const ch of SHEET_TEXT) chars.primary.add(ch);
    for (const c of [...sheetName, ...sheetDate]) {
      if (c.font === 'gaiji') continue;
      chars[c.font].add(c.sequence === 'variant' ? c.text : drawnText(c));
      if (c.sequence === 'variant') sequences[c.font].add(c.text);
    }
  }
  const fontBytes: Partial<Record<FontKey, Uint8Array>> = {};
  const variants = new WeakMap<Uint8Array, Map<string, number>>();
  for (const key of FONT_STACK) {
    if (key !== 'primary' && chars[key].size === 0) continue;
    const bytes = await subsetFor(key, chars[key]);
    fontBytes[key] = bytes;
    if (sequences[key].size > 0) variants.set(bytes, subsetVariantGlyphs(bytes, sequences[key]));
  }
  const primaryBytes = fontBytes.primary!;

  const kit = sharedFontkit({ create: (bytes: Uint8Array) => forPdfLib(fontkit.create(bytes) as never, variants.get(bytes)) });
  const forms: RenderedForm[] = [];
  const formReports: FormReport[] = [];
  const formDocs: PDFDocument[] = [];
  for (const p of plans) {
    const tpl = templateBytes(tplDir, p.def.template.file);
    const results: SheetResult[] = [];
    const pagesPerSheet = await templatePageCount(tplDir, p.def.template.file, tpl);
    const total = pagesPerSheet * p.sheets.length;
    for (const s of p.sheets) {
      // A form of one row per sheet (印鑑登録申請書) is one application per person, each complete in
      // itself: its sheets are numbered as applications, not as continuation sheets.
      const perPerson = p.def.rowsPerSheet === 1 && p.sheets.length > 1;
      const cont = perPerson
        ? `（${p.sheets.length}人分のうち${s.index + 1}人目）`
        : s.index > 0
          ? `（続紙 ${s.index + 1}／${p.sheets.length}枚目）`
          : '';
      const footerText = (i: number): string =>
        perPerson
          ? `受付番号 ${opts.reference}　${p.def.title}${cont}　${i + 1}／${pagesPerSheet}頁`
          : `受付番号 ${opts.reference}　${p.def.title}${cont}　${s.index * pagesPerSheet + i + 1}／${total}頁`;
      results.push(await renderSheet(p, s, tpl, fontBytes, kit, footerText, warned));
    }
    const out = await mergeDocuments(
      results.map((r) => r.doc),
      results[0]!.doc,
    );
    out.setTitle(p.def.title);
    out.setCreator('kakanai-madoguchi forms');
    const bytes = await out.save();
    formDocs.push(out);
    forms.push({ id: p.def.id, title: p.def.title, pdf: bytes });
    const merged: FormReport = {
      id: p.def.id,
      procedureId: p.decision.procedureId,
      title: p.def.title,
      counter: p.decision.counter,
      deadline: p.decision.deadline,
      reasons: p.decision.reasons,
      decidedBy: p.decision.decidedBy,
      ...(p.decision.staffReason ? { staffReason: p.decision.staffReason } : {}),
      templateKind: p.def.template.kind,
      sheets: p.sheets.length,
      pages: total,
      bytes: bytes.length,
      fieldsFilled: [],
      fieldsEmpty: [],
      handwrite: [],
      overflows: [],
      signatures: [],
      flaggedCharacters: [],
      boxes: [],
    };
    results.forEach((r, si) => {
      merged.fieldsFilled.push(...r.report.fieldsFilled);
      merged.fieldsEmpty.push(...r.report.fieldsEmpty);
      merged.handwrite.push(...r.report.handwrite);
      merged.overflows.push(...r.report.overflows);
      merged.signatures.push(...r.report.signatures);
      merged.flaggedCharacters.push(...r.report.flaggedCharacters);
      merged.boxes.push(...r.boxes.map((b) => ({ ...b, page: b.page + si * pagesPerSheet })));
    });
    formReports.push(merged);
  }

  if (covered.length > 0) {
    const covers = formReports.flatMap((f) => {
      const n = f.signatures.filter((x) => x.requirement === 'covered-by-confirmation-sheet').length;
      return n > 0 ? [{ id: f.id, title: f.title, pages: f.pages, boxes: n }] : [];
    });
    const ownSignatures = formReports.flatMap((f) => {
      const n = f.handwrite.filter((h) => h.kind === 'signature').length;
      return n > 0 ? [{ title: f.title, boxes: n }] : [];
    });
    const rule = covered.map(
      (p) => profile.signatures[p.def.id]?.source ?? p.def.handwrite.find((x) => x.requirementSource)?.requirementSource,
    );
    const sheet = await renderConfirmationSheet({
      covers,
      ownSignatures,
      name: sheetName,
      signer: notifierIndexOf(h),
      date: sheetDate,
      fontBytes,
      kit,
      reference: opts.reference,
      counter: formReports[0]!.counter,
      source: rule.find((x) => x !== undefined) ?? SHEET.reason,
    });
    formDocs.push(sheet.doc);
    forms.push({ id: SHEET.id, title: SHEET.title, pdf: sheet.bytes });
    formReports.push(sheet.report);
  }

  const combinedDoc = await mergeDocuments(formDocs);
  combinedDoc.setTitle(`受付番号 ${opts.reference}`);
  combinedDoc.setCreator('kakanai-madoguchi forms');
  const combined = await combinedDoc.save();

  const report: RenderReport = {
    reference: opts.reference,
    moveType: h.move.type,
    memberCount: h.members.length,
    warnings,
    forms: formReports,
    excluded: decisions
      .filter((d) => !d.included)
      .map((d) => ({
        procedureId: d.procedureId,
        title: d.title,
        reasons: d.reasons,
        decidedBy: d.decidedBy,
        ...(d.staffReason ? { staffReason: d.staffReason } : {}),
      })),
    checklist: decisions
      .filter((d) => d.included && d.handling !== 'form')
      .map((d) => ({
        procedureId: d.procedureId,
        title: d.title,
        counter: d.counter,
        handling: d.handling === 'automatic' ? ('automatic' as const) : ('checklist' as const),
        reasons: d.reasons,
        ...(d.note ? { note: d.note } : {}),
      })),
    profile: profile.id,
    fonts: {
      primary: FONT_FILES.primary.name,
      fallback: FONT_FILES.fallback.name,
      mj: FONT_FILES.mj.name,
      fallbackUsed: fontBytes.fallback !== undefined,
      mjUsed: fontBytes.mj !== undefined,
      variants: FONT_STACK.reduce((n, k) => n + sequences[k].size, 0),
      subsetBytes: { primary: primaryBytes.length, fallback: fontBytes.fallback?.length ?? 0, mj: fontBytes.mj?.length ?? 0 },
    },
    combined: { pages: combinedDoc.getPageCount(), bytes: combined.length },
    totals: {
      forms: formReports.length,
      pages: combinedDoc.getPageCount(),
      signatures: formReports.reduce((s, f) => s + f.handwrite.filter((x) => x.kind === 'signature').length, 0),
      seals: formReports.reduce((s, f) => s + f.handwrite.filter((x) => x.kind === 'seal').length, 0),
      handwriteSignatures: formReports.reduce(
        (s, f) => s + f.handwrite.filter((x) => x.kind === 'signature' || x.kind === 'seal').length,
        0,
      ),
      handwriteOther: formReports.reduce((s, f) => s + f.handwrite.filter((x) => x.kind !== 'signature' && x.kind !== 'seal').length, 0),
      overflows: formReports.reduce((s, f) => s + f.overflows.length, 0),
      gaiji: formReports.reduce((s, f) => s + f.flaggedCharacters.filter((x) => x.kind === 'gaiji' || x.kind === 'ivs').length, 0),
      coveredByConfirmationSheet: formReports.reduce(
        (s, f) => s + f.signatures.filter((x) => x.requirement === 'covered-by-confirmation-sheet').length,
        0,
      ),
    },
  };
  return { forms, combined, report };
}
