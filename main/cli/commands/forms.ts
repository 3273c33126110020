// `kiosk forms list|render`: the form catalogue, and pre-filled PDFs for a household file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.ts';
import { printJson, reportError, usageError } from '../command.ts';
import { errorJson, exitCodeOf, isKioskError, KioskError } from '../../../domain/errors.ts';
import {
  loadDefinitions,
  loadProfile,
  PROCEDURES,
  POSTAL_DATA,
  renderFormSet,
  validateHousehold,
  type StaffOverride,
} from '../../../forms/index.ts';

/** The command's failure output; an invalid household also lists which fields (never their values). */
function fail(io: CliIo, json: boolean, error: KioskError, extra: Record<string, unknown> = {}): number {
  if (json) {
    printJson(io, { ...errorJson(error), ...extra });
    return exitCodeOf(error);
  }
  return reportError(io, false, error);
}

const list: CliCommand = {
  path: ['forms', 'list'],
  summary: '様式と手続きの一覧 / list forms and procedures',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
    const forms = [...loadDefinitions().values()].map((d) => ({
      id: d.id,
      title: d.title,
      procedure: d.procedure,
      templateKind: d.template.kind,
      template: d.template.file,
      rowsPerSheet: d.rowsPerSheet,
      fields: d.fields.length,
      handwrite: d.handwrite.map((h) => ({ id: h.id, kind: h.kind, label: h.label })),
    }));
    const procedures = PROCEDURES.map((p) => ({
      id: p.id,
      title: p.title,
      counter: p.counter,
      order: p.order,
      forms: p.forms,
      deadline: p.deadline,
    }));
    if (values.json) printJson(io, { forms, procedures, postalData: POSTAL_DATA });
    else for (const f of forms) io.stdout(`${f.id.padEnd(20)} ${f.templateKind.padEnd(8)} ${f.title}\n`);
    return 0;
  },
};

function parseOverride(spec: string, action: 'add' | 'remove'): StaffOverride | undefined {
  const at = spec.indexOf(':');
  if (at <= 0) return undefined;
  return { procedureId: spec.slice(0, at), action, reason: spec.slice(at + 1) };
}

const render: CliCommand = {
  path: ['forms', 'render'],
  summary: '世帯の様式一式をPDFで作成 / render the form set for a household file',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          household: { type: 'string' },
          out: { type: 'string' },
          reference: { type: 'string' },
          profile: { type: 'string' },
          add: { type: 'string', multiple: true },
          remove: { type: 'string', multiple: true },
          json: { type: 'boolean', default: false },
        },
        strict: true,
      }));
    } catch {
      return fail(
        io,
        args.includes('--json'),
        usageError(
          'forms render --household <file.json> --out <dir> [--reference R-…] [--profile default|sapporo|<city.json>] [--add 手続き:理由] [--remove 手続き:理由] [--json]',
        ),
      );
    }
    const json = values.json ?? false;
    if (!values.household || !values.out) return fail(io, json, usageError('--household and --out are required'));
    let raw: unknown;
    try {
      // Files saved by Windows tools often start with a UTF-8 byte order mark.
      raw = JSON.parse(readFileSync(values.household, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      // Never echo the parser's message: it quotes the file's content.
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      return missing
        ? fail(io, json, new KioskError('forms/household-not-found'))
        : fail(io, json, new KioskError('forms/household-not-json'));
    }
    const valid = validateHousehold(raw);
    if (!valid.ok) return fail(io, json, new KioskError('forms/household-invalid'), { errors: valid.errors });
    const overrides: StaffOverride[] = [];
    for (const [list, action] of [
      [values.add ?? [], 'add'],
      [values.remove ?? [], 'remove'],
    ] as const) {
      for (const spec of list) {
        const o = parseOverride(spec, action);
        if (!o) return fail(io, json, usageError('--add/--remove take procedureId:reason'));
        overrides.push(o);
      }
    }
    const reference = values.reference ?? `R-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
    let result;
    try {
      result = await renderFormSet(valid.household, { reference, overrides, profile: loadProfile(values.profile) });
    } catch (e) {
      if (isKioskError(e)) return fail(io, json, e);
      throw e;
    }
    try {
      // The PDFs carry residents' names and addresses: readable by the operator only.
      mkdirSync(values.out, { recursive: true, mode: 0o700 });
      const privately = { mode: 0o600 } as const;
      result.forms.forEach((f, i) => writeFileSync(join(values.out!, `${String(i + 1).padStart(2, '0')}-${f.id}.pdf`), f.pdf, privately));
      writeFileSync(join(values.out, 'print-set.pdf'), result.combined, privately);
      writeFileSync(join(values.out, 'report.json'), `${JSON.stringify(result.report, null, 1)}\n`);
    } catch {
      return fail(io, json, new KioskError('forms/output-failed'));
    }
    if (json) printJson(io, result.report);
    else {
      for (const f of result.report.forms) io.stdout(`${f.id.padEnd(20)} ${f.pages}頁 ${f.bytes}B  ${f.reasons[0] ?? ''}\n`);
      io.stdout(`print-set.pdf ${result.report.combined.pages}頁 ${result.report.combined.bytes}B\n`);
    }
    return 0;
  },
};

export const commands: CliCommand[] = [list, render];
