// `kiosk forms list|render`: the form catalogue, and pre-filled PDFs for a household file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.ts';
import { printJson } from '../command.ts';
import { loadDefinitions, PROCEDURES, POSTAL_DATA, renderFormSet, validateHousehold, type StaffOverride } from '../../../forms/index.ts';

function fail(io: CliIo, json: boolean, code: string, message: string, exit: number, extra: Record<string, unknown> = {}): number {
  if (json) printJson(io, { error: code, message, ...extra });
  else io.stderr(`${message} [${code}]\n`);
  return exit;
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
        'FORMS_USAGE',
        '使い方: forms render --household <file.json> --out <dir> [--reference R-…] [--add 手続き:理由] [--remove 手続き:理由] [--json]',
        2,
      );
    }
    const json = values.json ?? false;
    if (!values.household || !values.out)
      return fail(io, json, 'FORMS_USAGE', '--household と --out が必要です / --household and --out are required', 2);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(values.household, 'utf8'));
    } catch (e) {
      // Never echo the parser's message: it quotes the file's content.
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      return missing
        ? fail(io, json, 'FORMS_HOUSEHOLD_NOT_FOUND', '世帯ファイルが見つかりません / household file not found', 66)
        : fail(io, json, 'FORMS_HOUSEHOLD_NOT_JSON', '世帯ファイルがJSONとして読めません / household file is not valid JSON', 65);
    }
    const valid = validateHousehold(raw);
    if (!valid.ok)
      return fail(io, json, 'FORMS_INVALID_HOUSEHOLD', '世帯データに誤りがあります / invalid household data', 65, { errors: valid.errors });
    const overrides: StaffOverride[] = [];
    for (const [list, action] of [
      [values.add ?? [], 'add'],
      [values.remove ?? [], 'remove'],
    ] as const) {
      for (const spec of list) {
        const o = parseOverride(spec, action);
        if (!o) return fail(io, json, 'FORMS_USAGE', '--add/--remove は「手続きID:理由」の形式です / use procedureId:reason', 2);
        overrides.push(o);
      }
    }
    const reference = values.reference ?? `R-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
    let result;
    try {
      result = await renderFormSet(valid.household, { reference, overrides });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('FORMS_')) return fail(io, json, code, (e as Error).message, 65);
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
      return fail(io, json, 'FORMS_OUTPUT_FAILED', '出力先に書き込めません / cannot write output directory', 73);
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
