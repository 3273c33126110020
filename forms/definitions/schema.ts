// A form definition binds a template's fields to the household model. It is data (JSON), so a
// municipality can add a form or swap in its own PDF without touching code.
import { KioskError } from '../../domain/errors.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { signatureRequirement } from '../profiles/profile.ts';

const rect = z.tuple([z.number(), z.number(), z.number().positive(), z.number().positive()]);

/** Where a value goes: an AcroForm field by name, or a box on a flat page (PDF points, origin bottom-left). */
export const targetSchema = z.union([
  z.object({ field: z.string().min(1) }),
  z.object({ page: z.number().int().min(0), rect, comb: z.number().int().positive().optional() }),
]);

export const fieldSchema = z.object({
  id: z.string().min(1),
  /** Path in the form context, e.g. "newAddress.full" or, for table rows, "member.name". */
  bind: z.string().min(1),
  /** A table row field: the AcroForm name contains "{row}" (1-based), a flat rect moves by rowPitch per row. */
  row: z.boolean().default(false),
  rowPitch: z.number().optional(),
  /** Refused unless equal to the form's `digits`: one digit width per form (kept so a city's old definition is not read silently). */
  digits: z.enum(['half', 'full']).optional(),
  size: z.number().positive().default(10),
  minSize: z.number().positive().default(6),
  multiline: z.boolean().default(false),
  align: z.enum(['left', 'center']).default('left'),
  target: targetSchema,
});

export const handwriteSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    /** signature/seal: the resident signs or stamps; office: staff only. */
    kind: z.enum(['signature', 'seal', 'office']),
    row: z.boolean().default(false),
    rowPitch: z.number().optional(),
    target: targetSchema,
    /**
     * Signatures only: what the box needs by default (hand-signature when absent), with the public
     * source it relies on. A city profile may override it per form (forms/profiles/).
     */
    requirement: signatureRequirement.optional(),
    requirementSource: z.string().min(1).optional(),
    /** Signatures only: the name printed (記名) when a printed name is accepted; default notifier.name (rows: member.name). */
    signer: z.string().min(1).optional(),
  })
  .superRefine((h, ctx) => {
    if (h.kind !== 'signature') {
      for (const key of ['requirement', 'requirementSource', 'signer'] as const)
        if (h[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is for signature boxes only` });
    } else if (h.requirement !== undefined && h.requirementSource === undefined) {
      ctx.addIssue({ code: 'custom', path: ['requirementSource'], message: 'a signature requirement names its source' });
    }
  });

const ADDRESSES = ['newAddress', 'previousAddress'] as const;

/** The binding of a table's row number: 1-based across sheets, so a continuation sheet goes on 5, 6, … */
export const ROW_NUMBER = 'row.number';

/** A form prints its digits in one width: a field cannot choose another. */
function oneDigitWidth(
  def: { digits: 'half' | 'full'; fields: { id: string; digits?: 'half' | 'full' | undefined }[] },
  ctx: z.RefinementCtx,
): void {
  def.fields.forEach((f, i) => {
    if (f.digits !== undefined && f.digits !== def.digits)
      ctx.addIssue({
        code: 'custom',
        path: ['fields', i, 'digits'],
        message: `field ${f.id} prints ${f.digits}-width digits on a ${def.digits}-width form; set digits once for the form`,
      });
  });
}

/**
 * A form that prints an address prints its 方書 (building and room) too, unless the definition
 * says why it has no such field: a dropped room number sends the resident's post astray.
 */
function addressesKeepTheirBuilding(
  def: { fields: { bind: string }[]; addressWithoutBuilding?: { address: string }[] | undefined },
  ctx: z.RefinementCtx,
): void {
  const binds = new Set(def.fields.map((f) => f.bind));
  for (const address of ADDRESSES) {
    const printsAddress = [...binds].some((b) => b.startsWith(`${address}.`) && !b.endsWith('.postalDigits'));
    const printsBuilding = binds.has(`${address}.building`) || binds.has(`${address}.withBuilding`);
    const declared = def.addressWithoutBuilding?.some((d) => d.address === address) ?? false;
    if (printsAddress && !printsBuilding && !declared) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: `${address} is printed without its building (方書); bind ${address}.withBuilding or ${address}.building, or list it in addressWithoutBuilding with the reason`,
      });
    }
  }
}

/** Bindings that print a date in 和暦 (forms/pdf/context.ts) and those that print one in 西暦. */
const WAREKI_DATE = /(^|\.)(birthDate|residenceCardExpiry)$|^move\.date$|^notificationDate$/;
const SEIREKI_DATE = /Seireki$/;

/**
 * One calendar per form: a form that prints 昭和 for one date and 1992年 for another is read wrongly
 * (a foreign resident's birth date next to the 届出日). A definition binds 西暦 or 和暦 dates, not both.
 */
function oneCalendar(def: { fields: { bind: string }[] }, ctx: z.RefinementCtx): void {
  const seireki = def.fields.findIndex((f) => SEIREKI_DATE.test(f.bind));
  if (seireki >= 0 && def.fields.some((f) => WAREKI_DATE.test(f.bind)))
    ctx.addIssue({
      code: 'custom',
      path: ['fields', seireki, 'bind'],
      message: 'one calendar per form: this 西暦 date is printed with 和暦 dates (一つの様式に西暦と和暦を混在させない)',
    });
}

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    procedure: z.string().min(1),
    template: z.object({ kind: z.enum(['acroform', 'flat']), file: z.string().regex(/^[\w.-]+\.pdf$/) }),
    /** The width of every digit the form prints (half: 0-9, full: ０-９). One per form. */
    digits: z.enum(['half', 'full']).default('half'),
    /** Rows of the member table per sheet; 0 when the form has no table. Extra members continue on another sheet. */
    rowsPerSheet: z.number().int().min(0),
    fields: z.array(fieldSchema),
    handwrite: z.array(handwriteSchema).default([]),
    /** Addresses this form prints without a 方書, each with the reason (e.g. the city's form has no such box). */
    addressWithoutBuilding: z.array(z.object({ address: z.enum(ADDRESSES), reason: z.string().min(1) })).optional(),
  })
  .superRefine(addressesKeepTheirBuilding)
  .superRefine(oneDigitWidth)
  .superRefine(oneCalendar);

export type FormTarget = z.output<typeof targetSchema>;
export type FieldDefinition = z.output<typeof fieldSchema>;
export type HandwriteDefinition = z.output<typeof handwriteSchema>;
export type FormDefinition = z.output<typeof formDefinitionSchema>;

export const DEFINITIONS_DIR = import.meta.dirname;
export const TEMPLATES_DIR = join(import.meta.dirname, '..', 'templates');

/** A definition file that does not match the schema: named with the first problem's path. */
function definitionError(file: string, detail: string): KioskError {
  return new KioskError('forms/bad-definition', {
    ja: `様式定義が不正です: ${file}: ${detail}`,
    en: `Invalid form definition: ${file}: ${detail}`,
  });
}

let cached: Map<string, FormDefinition> | undefined;

/** All form definitions in a directory (default: the shipped ones), validated. */
export function loadDefinitions(dir: string = DEFINITIONS_DIR): Map<string, FormDefinition> {
  if (dir === DEFINITIONS_DIR && cached) return cached;
  const out = new Map<string, FormDefinition>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = formDefinitionSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw definitionError(file, first ? `${first.path.join('.')}: ${first.message}` : 'unknown');
    }
    out.set(parsed.data.id, parsed.data);
  }
  if (dir === DEFINITIONS_DIR) cached = out;
  return out;
}
