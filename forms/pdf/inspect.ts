// For a city bringing its own forms: what a PDF template offers (its AcroForm fields, or a
// millimetre grid to read coordinates off a flat page), and a check of a definition against the
// household model with every box outlined on a sample rendering. Writes no files.
import { KioskError } from '../../domain/errors.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PDFCheckBox,
  PDFDocument,
  PDFDropdown,
  PDFOptionList,
  PDFRadioGroup,
  PDFSignature,
  PDFTextField,
  StandardFonts,
  rgb,
  type PDFPage,
} from 'pdf-lib';
import { formDefinitionSchema, ROW_NUMBER, TEMPLATES_DIR, type FormDefinition, type FormTarget } from '../definitions/schema.ts';
import { householdSchema, type Household } from '../model/household.ts';
import { decideProcedures, PROCEDURES, type StaffOverride } from '../rules/engine.ts';
import { householdBaseValues, householdMemberValues, procedureValues } from './context.ts';
import { renderFormSet, type Rect, type FormReport } from './render.ts';

export const MM = 72 / 25.4;
const mm = (pt: number): number => Math.round((pt / MM) * 10) / 10;
const round = (n: number): number => Math.round(n * 100) / 100;

export interface TemplateField {
  name: string;
  type: 'text' | 'checkbox' | 'radio' | 'dropdown' | 'list' | 'signature' | 'button';
  /** 0-based page index. */
  page: number;
  /** [x, y, w, h] in PDF points from the page's bottom-left corner, as definitions use. */
  rect: Rect;
  rectMm: Rect;
  maxLength?: number;
  comb?: boolean;
}

export interface TemplateInspection {
  pages: { page: number; width: number; height: number; widthMm: number; heightMm: number }[];
  acroform: boolean;
  fields: TemplateField[];
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    // pdf-lib's message may quote the file's bytes.
    throw new KioskError('forms/pdf-unreadable');
  }
}

/** The pages and AcroForm fields of a template. */
export async function inspectTemplate(bytes: Uint8Array): Promise<TemplateInspection> {
  const doc = await load(bytes);
  const pages = doc.getPages();
  const fields: TemplateField[] = [];
  for (const field of doc.getForm().getFields()) {
    const type: TemplateField['type'] =
      field instanceof PDFTextField
        ? 'text'
        : field instanceof PDFCheckBox
          ? 'checkbox'
          : field instanceof PDFRadioGroup
            ? 'radio'
            : field instanceof PDFDropdown
              ? 'dropdown'
              : field instanceof PDFOptionList
                ? 'list'
                : field instanceof PDFSignature
                  ? 'signature'
                  : 'button';
    for (const widget of field.acroField.getWidgets()) {
      const r = widget.getRectangle();
      const ref = doc.context.getObjectRef(widget.dict);
      const page = ref ? doc.findPageForAnnotationRef(ref) : undefined;
      const rect: Rect = [round(r.x), round(r.y), round(r.width), round(r.height)];
      const entry: TemplateField = {
        name: field.getName(),
        type,
        page: page ? pages.indexOf(page) : 0,
        rect,
        rectMm: [mm(r.x), mm(r.y), mm(r.width), mm(r.height)],
      };
      if (field instanceof PDFTextField) {
        const max = field.getMaxLength();
        if (max !== undefined) entry.maxLength = max;
        if (field.isCombed()) entry.comb = true;
      }
      fields.push(entry);
    }
  }
  return {
    pages: pages.map((p, i) => {
      const { width, height } = p.getSize();
      return { page: i, width: round(width), height: round(height), widthMm: mm(width), heightMm: mm(height) };
    }),
    acroform: fields.length > 0,
    fields,
  };
}

/**
 * The template with a millimetre grid over every page, numbered every 10 mm from the bottom-left
 * corner (the origin definitions use; multiply by 72 / 25.4 for points), and AcroForm fields
 * outlined with their names.
 */
export async function gridOverlay(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await load(bytes);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const info = await inspectTemplate(bytes);
  doc.getPages().forEach((page, index) => {
    const { width, height } = page.getSize();
    for (let m = 0; m * MM <= width; m++) {
      const x = m * MM;
      const major = m % 10 === 0;
      if (m % 5 !== 0) {
        page.drawLine({ start: { x, y: 0 }, end: { x, y: height }, thickness: 0.1, color: rgb(0.55, 0.75, 1), opacity: 0.6 });
        continue;
      }
      page.drawLine({ start: { x, y: 0 }, end: { x, y: height }, thickness: major ? 0.5 : 0.25, color: rgb(0, 0.35, 1), opacity: 0.7 });
      if (major)
        for (const y of [2, height / 2, height - 8]) page.drawText(String(m), { x: x + 1, y, size: 5, font, color: rgb(0, 0.3, 0.9) });
    }
    for (let m = 0; m * MM <= height; m++) {
      const y = m * MM;
      const major = m % 10 === 0;
      if (m % 5 !== 0) {
        page.drawLine({ start: { x: 0, y }, end: { x: width, y }, thickness: 0.1, color: rgb(0.55, 0.75, 1), opacity: 0.6 });
        continue;
      }
      page.drawLine({ start: { x: 0, y }, end: { x: width, y }, thickness: major ? 0.5 : 0.25, color: rgb(0, 0.35, 1), opacity: 0.7 });
      if (major)
        for (const x of [2, width / 2, width - 14]) page.drawText(String(m), { x, y: y + 1, size: 5, font, color: rgb(0, 0.3, 0.9) });
    }
    page.drawText('mm from the bottom-left corner (x right, y up); points = mm x 72 / 25.4', {
      x: 20,
      y: height - 16,
      size: 6,
      font,
      color: rgb(0, 0.3, 0.9),
    });
    for (const f of info.fields.filter((x) => x.page === index)) outline(page, f.rect, f.name, font, rgb(0.85, 0, 0));
  });
  return doc.save();
}

function outline(
  page: PDFPage,
  rect: Rect,
  label: string,
  font: Awaited<ReturnType<PDFDocument['embedFont']>>,
  color: ReturnType<typeof rgb>,
): void {
  const [x, y, w, h] = rect;
  page.drawRectangle({ x, y, width: w, height: h, borderColor: color, borderWidth: 0.8, opacity: 0 });
  const safe = [...label].filter((c) => c >= ' ' && c <= '~').join('') || '?';
  const size = Math.max(4, Math.min(6, h / 2.5));
  page.drawRectangle({
    x,
    y: y + h - size - 1,
    width: font.widthOfTextAtSize(safe, size) + 2,
    height: size + 1,
    color: rgb(1, 1, 1),
    opacity: 0.8,
  });
  page.drawText(safe, { x: x + 1, y: y + h - size, size, font, color });
}

// ---- forms check ----------------------------------------------------------------------------

export interface DefinitionProblem {
  /** Where in the definition, e.g. "fields.3.bind". */
  path: string;
  message: string;
}

export interface DefinitionCheck {
  ok: boolean;
  id?: string;
  problems: DefinitionProblem[];
  /** The sample rendering with every box outlined (only when there are no problems). */
  pdf?: Uint8Array;
  report?: FormReport;
}

/** A fictional household (no resident data) with members of every age group the rules look at. */
const SAMPLE_HOUSEHOLD = {
  schemaVersion: 1,
  move: { type: 'tennyu', date: '2026-04-01' },
  newAddress: { postalCode: '0600001', address: '北海道札幌市中央区北一条西2丁目1番地', building: '見本ハイツ', room: '101' },
  previousAddress: { postalCode: '1000005', address: '東京都千代田区丸の内一丁目9番1号', building: '見本ビル', room: '202' },
  phone: '011-000-0000',
  members: [
    ['見本', '太郎', 'ミホン', 'タロウ', '1960-01-01', 'male', '世帯主'],
    ['見本', '花子', 'ミホン', 'ハナコ', '1962-02-02', 'female', '妻'],
    ['見本', '一郎', 'ミホン', 'イチロウ', '2016-05-05', 'male', '子'],
    ['見本', 'ハル', 'ミホン', 'ハル', '1945-03-03', 'female', '母'],
  ].map(([familyName, givenName, familyKana, givenKana, birthDate, sex, relationship]) => ({
    familyName,
    givenName,
    familyKana,
    givenKana,
    birthDate,
    sex,
    relationship,
    myNumberCard: true,
    facts: { nationalHealthInsurance: true, registeredSeal: true, longTermCareCertified: true, childAllowance: true, childMedical: true },
  })),
} as const;

/** Every path a `bind` may name: household values for header fields, member values for row fields. */
export function bindablePaths(): { household: string[]; member: string[] } {
  const h: Household = householdSchema.parse(SAMPLE_HOUSEHOLD);
  const decision = decideProcedures(h, [])[0]!;
  const values = procedureValues(h, householdMemberValues(h), householdBaseValues(h, householdMemberValues(h)), decision);
  return {
    household: Object.keys(values.household).sort(),
    // row.number is filled at render time from the row's place across sheets.
    member: [...Object.keys(values.members[0]!), ROW_NUMBER].sort(),
  };
}

function targetRects(def: FormDefinition, target: FormTarget, row: boolean, rowPitch: number | undefined, id: string) {
  const rows = row ? Math.max(1, def.rowsPerSheet) : 1;
  return Array.from({ length: rows }, (_, r) => ({ r, label: row ? `${id}#${r + 1}` : id, target, rowPitch }));
}

/**
 * Validates a definition (schema, bindings, template and its targets) and, when it is sound,
 * renders the form for a fictional household with every field and hand-writing box outlined
 * and labelled with its id.
 */
export async function checkDefinition(raw: unknown, opts: { templatesDir?: string } = {}): Promise<DefinitionCheck> {
  const parsed = formDefinitionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const def = parsed.data;
  const problems: DefinitionProblem[] = [];
  const paths = bindablePaths();
  def.fields.forEach((f, i) => {
    if (f.bind.startsWith('literal:')) return;
    const allowed = f.row ? paths.member : paths.household;
    if (!allowed.includes(f.bind))
      problems.push({
        path: `fields.${i}.bind`,
        message: f.row
          ? `${f.bind} is not a member value (row fields bind member.…): see forms check --json's bindable list`
          : `${f.bind} is not a household value: see forms check --json's bindable list`,
      });
  });
  if (!PROCEDURES.some((p) => p.id === def.procedure)) problems.push({ path: 'procedure', message: `unknown procedure ${def.procedure}` });

  const dir = opts.templatesDir ?? TEMPLATES_DIR;
  let tpl: Uint8Array | undefined;
  try {
    tpl = new Uint8Array(readFileSync(join(dir, def.template.file)));
  } catch {
    problems.push({ path: 'template.file', message: `${def.template.file} is not in the templates folder` });
  }
  if (tpl) {
    const info = await inspectTemplate(tpl);
    const names = new Set(info.fields.map((f) => f.name));
    const targets = [
      ...def.fields.flatMap((f, i) =>
        targetRects(def, f.target, f.row, f.rowPitch, f.id).map((t) => ({ ...t, path: `fields.${i}.target` })),
      ),
      ...def.handwrite.flatMap((f, i) =>
        targetRects(def, f.target, f.row, f.rowPitch, f.id).map((t) => ({ ...t, path: `handwrite.${i}.target` })),
      ),
    ];
    for (const t of targets) {
      if ('field' in t.target) {
        if (def.template.kind !== 'acroform') problems.push({ path: t.path, message: 'a flat template has no fields: give page and rect' });
        const name = t.target.field.replace('{row}', String(t.r + 1));
        if (def.template.kind === 'acroform' && !names.has(name))
          problems.push({ path: t.path, message: `the template has no field ${name}` });
        continue;
      }
      const page = info.pages[t.target.page];
      if (!page) {
        problems.push({ path: t.path, message: `the template has no page ${t.target.page}` });
        continue;
      }
      const [x, y, w, h] = t.target.rect;
      const dy = (t.rowPitch ?? 0) * t.r;
      if (x < 0 || y + dy < 0 || x + w > page.width + 0.5 || y + dy + h > page.height + 0.5)
        problems.push({ path: t.path, message: `${t.label} lies outside page ${t.target.page}` });
    }
  }
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.message === p.message) === i);
  if (unique.length > 0 || !tpl) return { ok: false, id: def.id, problems: unique };

  // Render for the sample household: only this form, whichever procedure it belongs to.
  const h: Household = householdSchema.parse(SAMPLE_HOUSEHOLD);
  const decisions = decideProcedures(h, []);
  const overrides: StaffOverride[] = decisions
    .filter((d) => d.procedureId !== def.procedure)
    .map((d) => ({ procedureId: d.procedureId, action: 'remove', reason: 'forms check' }));
  const own = decisions.find((d) => d.procedureId === def.procedure);
  if (own && !own.included) overrides.push({ procedureId: def.procedure, action: 'add', reason: 'forms check' });
  if (!own?.formId) return { ok: false, id: def.id, problems: [{ path: 'procedure', message: `${def.procedure} has no form for a 転入` }] };
  const result = await renderFormSet(h, {
    reference: 'CHECK',
    overrides,
    definitions: new Map([[own.formId, def]]),
    templatesDir: dir,
  });
  const doc = await PDFDocument.load(result.forms[0]!.pdf);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  const acro = def.template.kind === 'acroform' ? await inspectTemplate(tpl) : undefined;
  const perSheet = pages.length / Math.max(1, result.report.forms[0]!.sheets);
  const draw = (
    items: { id: string; target: FormTarget; row: boolean; rowPitch?: number | undefined }[],
    color: ReturnType<typeof rgb>,
  ): void => {
    for (const f of items)
      for (const t of targetRects(def, f.target, f.row, f.rowPitch, f.id)) {
        let page: number;
        let rect: Rect;
        if ('field' in t.target) {
          const name = t.target.field.replace('{row}', String(t.r + 1));
          const w = acro!.fields.find((x) => x.name === name)!;
          page = w.page;
          rect = w.rect;
        } else {
          page = t.target.page;
          const [x, y, w, hh] = t.target.rect;
          rect = [x, y + (t.rowPitch ?? 0) * t.r, w, hh];
        }
        for (let s = 0; s * perSheet < pages.length; s++) {
          const pg = pages[page + s * perSheet];
          if (pg) outline(pg, rect, t.label, font, color);
        }
      }
  };
  draw(def.fields, rgb(0, 0.3, 0.9));
  draw(def.handwrite, rgb(0.85, 0, 0));
  return { ok: true, id: def.id, problems: [], pdf: await doc.save(), report: result.report.forms[0]! };
}
