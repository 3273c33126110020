// Generates our own clean A4 templates and their form definitions from layouts.ts.
// Run: node forms/templates/generate.ts   (writes forms/templates/*.pdf and forms/definitions/*.json)
// All templates share one label-font subset, so the combined print file stores it once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type PDFForm, type PDFTextField } from 'pdf-lib';
import { fontkit, subsetFor } from '../pdf/fonts.ts';
import {
  DEFINITIONS_DIR,
  ROW_NUMBER,
  TEMPLATES_DIR,
  type FieldDefinition,
  type FormDefinition,
  type HandwriteDefinition,
} from '../definitions/schema.ts';
import { LAYOUTS, type BoundLabel, type Layout } from './layouts.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const CONTENT = A4[0] - 2 * MARGIN;
/** Labels are printed at 8 pt (the smallest size read without effort): the strip above each value holds one such line. */
const LABEL_SIZE = 8;
const LABEL_STRIP = 11;
const LINE = rgb(0, 0, 0);

type Rect = [number, number, number, number];

const r2 = (n: number): number => Math.round(n * 100) / 100;
const rect = (x: number, y: number, w: number, h: number): Rect => [r2(x), r2(y), r2(w), r2(h)];

const printed = (label: string | BoundLabel): string => (typeof label === 'string' ? label : '');

function labelChars(l: Layout): string {
  let s = l.title + printed(l.subtitle) + '1234567890';
  for (const b of l.blocks) {
    if ('heading' in b && b.heading) s += b.heading;
    if ('fields' in b) for (const f of b.fields) s += printed(f.label);
    if ('handwrite' in b) for (const f of b.handwrite) s += f.label;
    if ('table' in b) for (const c of b.table.columns) s += c.label;
    if ('note' in b) s += b.note;
  }
  return s;
}

/** Labels that do not fit their box at 8 pt: the layout must give them room (generation fails). */
const crampedLabels: string[] = [];

function box(page: PDFPage, font: PDFFont, r: Rect, label: string, where: string): Rect {
  const [x, y, w, h] = r;
  page.drawRectangle({ x, y, width: w, height: h, borderWidth: 0.6, borderColor: LINE });
  if (label && font.widthOfTextAtSize(label, LABEL_SIZE) > w - 3) crampedLabels.push(`${where}: ${label}`);
  page.drawText(label, { x: x + 2, y: y + h - LABEL_SIZE - 0.8, size: LABEL_SIZE, font, color: rgb(0.25, 0.25, 0.25) });
  return rect(x, y, w, h - LABEL_STRIP);
}

function combDividers(page: PDFPage, r: Rect, cells: number): void {
  const [x, y, w, h] = r;
  for (let i = 1; i < cells; i++) {
    const cx = x + (w / cells) * i;
    page.drawLine({ start: { x: cx, y: y + 1 }, end: { x: cx, y: y + h * 0.6 }, thickness: 0.4, color: rgb(0.4, 0.4, 0.4) });
  }
}

// pdf-lib paints a white background and a black border unless these keys are present and
// undefined (it tests `'backgroundColor' in options`); the box is the template's own drawing.
type FieldAppearance = NonNullable<Parameters<PDFTextField['addToPage']>[1]>;
const NO_FRAME = { backgroundColor: undefined, borderColor: undefined } as unknown as Pick<
  FieldAppearance,
  'backgroundColor' | 'borderColor'
>;

function addTextField(
  form: PDFForm,
  page: PDFPage,
  font: PDFFont,
  name: string,
  r: Rect,
  opts: { comb?: number | undefined; multiline?: boolean | undefined },
): void {
  const tf = form.createTextField(name);
  if (opts.comb) {
    tf.setMaxLength(opts.comb);
    tf.enableCombing();
  }
  if (opts.multiline) tf.enableMultiline();
  // Our font, not pdf-lib's default Helvetica, so no unembedded font is ever referenced.
  tf.addToPage(page, {
    x: r[0],
    y: r[1],
    width: r[2],
    height: r[3],
    borderWidth: 0,
    ...NO_FRAME,
    font,
  });
}

async function build(l: Layout, fontBytes: Uint8Array): Promise<{ pdf: Uint8Array; def: FormDefinition }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(l.title);
  doc.setCreator('kakanai-madoguchi forms/templates/generate.ts');
  const font = await doc.embedFont(fontBytes, { subset: false });
  const page = doc.addPage(A4);
  const form = l.kind === 'acroform' ? doc.getForm() : undefined;
  const fields: FieldDefinition[] = [];
  const handwrite: HandwriteDefinition[] = [];
  const unit = CONTENT / 12;
  let top = A4[1] - MARGIN;

  const tw = font.widthOfTextAtSize(l.title, 18);
  page.drawText(l.title, { x: (A4[0] - tw) / 2, y: top - 18, size: 18, font });
  top -= 24;
  // A bound label (one that differs by move kind) is a small field printed at fill time, on a flat
  // rectangle even on an AcroForm template.
  const labelField = (id: string, bind: string, r: Rect, size: number, align: 'left' | 'center'): FieldDefinition => ({
    id,
    bind,
    row: false,
    size,
    minSize: size,
    multiline: false,
    align,
    target: { page: 0, rect: r },
  });
  if (typeof l.subtitle === 'string') {
    const sw = font.widthOfTextAtSize(l.subtitle, 8.5);
    page.drawText(l.subtitle, { x: (A4[0] - sw) / 2, y: top - 9, size: 8.5, font, color: rgb(0.25, 0.25, 0.25) });
  } else fields.push(labelField('subtitle', l.subtitle.bind, rect(MARGIN, top - 12, CONTENT, 12), 8.5, 'center'));
  top -= 20;

  const valueTarget = (name: string, r: Rect, comb?: number): FieldDefinition['target'] =>
    form ? { field: name } : { page: 0, rect: r, ...(comb ? { comb } : {}) };

  for (const b of l.blocks) {
    if ('heading' in b && b.heading) {
      page.drawText(`■ ${b.heading}`, { x: MARGIN, y: top - 10, size: 9, font });
      top -= 14;
    }
    if ('fields' in b) {
      const h = Math.max(...b.fields.map((f) => f.height ?? (f.multiline ? 40 : 30)));
      let x = MARGIN;
      for (const f of b.fields) {
        const w = unit * f.span;
        const v = box(page, font, rect(x, top - h, w, h), printed(f.label), `${l.id}.${f.id}`);
        if (typeof f.label !== 'string')
          fields.push(
            labelField(`${f.id}Label`, f.label.bind, rect(x + 0.5, top - LABEL_STRIP - 0.5, w - 1, LABEL_STRIP), LABEL_SIZE, 'left'),
          );
        if (f.comb) combDividers(page, v, f.comb);
        if (form) addTextField(form, page, font, f.id, v, { comb: f.comb, multiline: f.multiline });
        fields.push({
          id: f.id,
          bind: f.bind,
          row: false,
          size: f.size ?? 10,
          minSize: f.minSize ?? 6,
          multiline: f.multiline ?? false,
          align: f.align ?? 'left',
          target: valueTarget(f.id, v, f.comb),
        });
        x += w;
      }
      top -= h + 4;
    } else if ('handwrite' in b) {
      const h = Math.max(...b.handwrite.map((f) => f.height ?? 36));
      let x = MARGIN;
      for (const f of b.handwrite) {
        const w = unit * f.span;
        const v = box(page, font, rect(x, top - h, w, h), f.label, `${l.id}.${f.id}`);
        handwrite.push({
          id: f.id,
          label: f.label,
          kind: f.kind,
          row: false,
          target: { page: 0, rect: v },
          ...(f.signing
            ? {
                requirement: f.signing.requirement,
                requirementSource: f.signing.source,
                ...(f.signing.signer ? { signer: f.signing.signer } : {}),
              }
            : {}),
        });
        x += w;
      }
      top -= h + 4;
    } else if ('table' in b) {
      const { rows, rowHeight, columns } = b.table;
      const lines = Math.max(...columns.map((c) => c.line ?? 0)) + 1;
      const lineH = rowHeight / lines;
      const firstRowTop = top;
      // Row numbers are printed at fill time, so they continue on a continuation sheet (5–8, 9, …).
      if (rows > 1)
        fields.push({
          id: 'member.no',
          bind: ROW_NUMBER,
          row: true,
          rowPitch: -rowHeight,
          size: LABEL_SIZE,
          minSize: LABEL_SIZE,
          multiline: false,
          align: 'center',
          target: { page: 0, rect: rect(MARGIN - 14, firstRowTop - lineH + 2, 13, 12) },
        });
      for (let r = 0; r < rows; r++) {
        const rowTop = firstRowTop - r * rowHeight;
        for (let line = 0; line < lines; line++) {
          const cols = columns.filter((c) => (c.line ?? 0) === line);
          const total = cols.reduce((s, c) => s + c.width, 0);
          let x = MARGIN;
          for (const c of cols) {
            const w = (CONTENT * c.width) / total;
            const v = box(page, font, rect(x, rowTop - (line + 1) * lineH, w, lineH), c.label, `${l.id}.${c.id}`);
            const name = `member{row}_${c.id}`;
            if (r === 0) {
              if (c.handwrite) {
                handwrite.push({
                  id: `member.${c.id}`,
                  label: c.label,
                  kind: c.handwrite,
                  row: true,
                  rowPitch: -rowHeight,
                  target: { page: 0, rect: v },
                });
              } else {
                fields.push({
                  id: `member.${c.id}`,
                  bind: c.bind!,
                  row: true,
                  ...(form ? {} : { rowPitch: -rowHeight }),
                  size: c.size ?? 10,
                  minSize: 5.5,
                  multiline: c.multiline ?? false,
                  align: c.align ?? 'left',
                  target: valueTarget(name, v),
                });
              }
            }
            if (form && !c.handwrite) addTextField(form, page, font, name.replace('{row}', String(r + 1)), v, { multiline: c.multiline });
            x += w;
          }
        }
      }
      top = firstRowTop - rows * rowHeight - 6;
    } else if ('note' in b) {
      page.drawText(b.note, { x: MARGIN, y: top - 9, size: 8, font });
      top -= 14;
    }
  }
  if (top < 40) throw new Error(`layout ${l.id} runs off the page`);
  // Appearances are generated at fill time with the fill font (see pdf/render.ts).
  const pdf = await doc.save({ updateFieldAppearances: false });
  const def: FormDefinition = {
    id: l.id,
    title: l.title,
    procedure: l.procedure,
    template: { kind: l.kind, file: `${l.id}.pdf` },
    digits: l.digits ?? 'half',
    rowsPerSheet: Math.max(0, ...l.blocks.map((b) => ('table' in b ? b.table.rows : 0))),
    fields,
    handwrite,
  };
  return { pdf, def };
}

export async function generateTemplates(outTemplates = TEMPLATES_DIR, outDefinitions = DEFINITIONS_DIR): Promise<string[]> {
  const chars = new Set<string>();
  for (const l of LAYOUTS) for (const ch of labelChars(l)) chars.add(ch);
  for (const ch of '■ ') chars.add(ch);
  const fontBytes = await subsetFor('primary', chars);
  const written: string[] = [];
  crampedLabels.length = 0;
  const built = [];
  for (const l of LAYOUTS) built.push({ l, ...(await build(l, fontBytes)) });
  if (crampedLabels.length > 0)
    throw new Error(`labels do not fit their boxes at ${LABEL_SIZE} pt:\n${[...new Set(crampedLabels)].join('\n')}`);
  for (const { l, pdf, def } of built) {
    writeFileSync(join(outTemplates, `${l.id}.pdf`), pdf);
    writeFileSync(join(outDefinitions, `${l.id}.json`), `${JSON.stringify(def, null, 1)}\n`);
    written.push(l.id);
  }
  return written;
}

if (import.meta.main) {
  const ids = await generateTemplates();
  console.log(`generated ${ids.length} templates: ${ids.join(', ')}`);
}
