// `kiosk forms list|render|inspect|check`: the form catalogue, pre-filled PDFs for a household
// file, and for a city bringing its own forms: what a template offers, and a check of a definition.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync } from 'node:fs';
import { ensureFolder } from '../../db/ensure-folder.ts';
import { writeOwnerOnly } from '../../db/owner-only.ts';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.ts';
import { parseArgsUsage, printJson, reportError, usageError } from '../command.ts';
import { errorJson, exitCodeOf, isKioskError, KioskError } from '../../../domain/errors.ts';
import {
  bindablePaths,
  checkDefinition,
  gridOverlay,
  inspectTemplate,
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
      ensureFolder(values.out);
      result.forms.forEach((f, i) => writeOwnerOnly(join(values.out!, `${String(i + 1).padStart(2, '0')}-${f.id}.pdf`), f.pdf));
      writeOwnerOnly(join(values.out, 'print-set.pdf'), result.combined);
      writeOwnerOnly(join(values.out, 'report.json'), `${JSON.stringify(result.report, null, 1)}\n`);
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

/** Writes files for a person to look at (0700 folder, 0600 files, as for rendered forms); PNGs when pdftoppm is there. */
function writeForReading(dir: string, base: string, pdf: Uint8Array): string[] {
  ensureFolder(dir);
  const file = join(dir, `${base}.pdf`);
  writeOwnerOnly(file, pdf);
  const written = [file];
  try {
    execFileSync('pdftoppm', ['-r', '100', '-png', file, join(dir, base)], { stdio: 'ignore' });
    const pngs = readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'));
    for (const f of pngs.sort()) {
      chmodSync(join(dir, f), 0o600);
      written.push(join(dir, f));
    }
  } catch {
    // No poppler-utils: the PDF alone is enough to read the grid off.
  }
  return written;
}

function parse(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options'], usage: string, io: CliIo) {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { ok: true as const, values: values as { json?: boolean; out?: string; templates?: string }, positionals };
  } catch (e) {
    const u = parseArgsUsage(e);
    if (!u) throw e;
    return {
      ok: false as const,
      code: fail(io, args.includes('--json'), usageError(`${usage} (${u.messageEn.replace(/^usage error: /, '')})`)),
    };
  }
}

const inspect: CliCommand = {
  path: ['forms', 'inspect'],
  summary: '自治体のPDF様式の項目一覧・方眼 / list a template’s fields, or grid a flat page in mm',
  async run(args, io) {
    const usage = 'forms inspect <city.pdf> [--out <dir>] [--json]';
    const p = parse(args, { out: { type: 'string' }, json: { type: 'boolean', default: false } }, usage, io);
    if (!p.ok) return p.code;
    const json = p.values.json ?? false;
    if (p.positionals.length !== 1) return fail(io, json, usageError(usage));
    const out = p.values.out;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(p.positionals[0]!));
    } catch {
      return fail(io, json, new KioskError('forms/pdf-not-found'));
    }
    let info;
    let grid: Uint8Array | undefined;
    try {
      info = await inspectTemplate(bytes);
      if (out) grid = await gridOverlay(bytes);
    } catch (e) {
      if (isKioskError(e)) return fail(io, json, e);
      throw e;
    }
    let files: string[] = [];
    if (grid) {
      try {
        files = writeForReading(out!, 'grid', grid);
      } catch {
        return fail(io, json, new KioskError('forms/output-failed'));
      }
    }
    if (json) printJson(io, { ...info, kind: info.acroform ? 'acroform' : 'flat', files });
    else {
      for (const pg of info.pages) io.stdout(`page ${pg.page}: ${pg.width} x ${pg.height} pt (${pg.widthMm} x ${pg.heightMm} mm)\n`);
      if (!info.acroform) io.stdout('flat PDF (no AcroForm fields): read box positions off the grid (--out) in mm from the bottom-left\n');
      for (const f of info.fields)
        io.stdout(
          `${f.name.padEnd(24)} ${f.type.padEnd(9)} page ${f.page}  [${f.rect.join(', ')}] pt  [${f.rectMm.join(', ')}] mm${f.comb ? `  comb ${f.maxLength}` : ''}\n`,
        );
      for (const f of files) io.stdout(`${f}\n`);
    }
    return 0;
  },
};

const check: CliCommand = {
  path: ['forms', 'check'],
  summary: '様式定義の検査と見本の印刷 / validate a form definition and render it with boxes outlined',
  async run(args, io) {
    const usage = 'forms check <definition.json> [--templates <dir>] [--out <dir>] [--json]';
    const p = parse(args, { templates: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } }, usage, io);
    if (!p.ok) return p.code;
    const json = p.values.json ?? false;
    if (p.positionals.length !== 1) return fail(io, json, usageError(usage));
    const out = p.values.out;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(p.positionals[0]!, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      // Never echo the parser's message: it quotes the file's content.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fail(io, json, new KioskError('forms/definition-not-found'));
      return fail(
        io,
        json,
        new KioskError('forms/bad-definition', { ja: '様式定義がJSONとして読めません', en: 'The form definition is not valid JSON.' }),
        {
          problems: [{ path: '', message: 'not JSON' }],
        },
      );
    }
    let result;
    try {
      const templatesDir = p.values.templates;
      result = await checkDefinition(raw, templatesDir ? { templatesDir } : {});
    } catch (e) {
      if (isKioskError(e)) return fail(io, json, e);
      throw e;
    }
    if (!result.ok) {
      const error = new KioskError('forms/bad-definition', {
        ja: `様式定義に問題が ${result.problems.length} 件あります`,
        en: `The form definition has ${result.problems.length} problem(s).`,
      });
      if (json) return fail(io, true, error, { id: result.id, problems: result.problems, bindable: bindablePaths() });
      for (const pr of result.problems) io.stderr(`${pr.path || '(file)'}: ${pr.message}\n`);
      return reportError(io, false, error);
    }
    let files: string[] = [];
    if (out) {
      try {
        files = writeForReading(out, `check-${result.id}`, result.pdf!);
      } catch {
        return fail(io, json, new KioskError('forms/output-failed'));
      }
    }
    const r = result.report!;
    const summary = {
      ok: true,
      id: result.id,
      fieldsFilled: r.fieldsFilled,
      fieldsEmpty: r.fieldsEmpty,
      handwrite: r.handwrite,
      overflows: r.overflows,
      files,
    };
    if (json) printJson(io, summary);
    else {
      io.stdout(`${result.id}: OK — ${r.fieldsFilled.length} filled, ${r.fieldsEmpty.length} empty, ${r.overflows.length} overflowing\n`);
      for (const f of files) io.stdout(`${f}\n`);
    }
    return 0;
  },
};

export const commands: CliCommand[] = [list, render, inspect, check];
