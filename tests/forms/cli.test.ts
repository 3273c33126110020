import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from './support/households.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'forms-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function kiosk(...args: string[]) {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'main', 'cli', 'kiosk.ts'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kiosk forms CLI', { timeout: 60_000 }, () => {
  it('lists forms, procedures and the postal data date as one JSON line', () => {
    const r = kiosk('forms', 'list', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout) as {
      forms: { id: string; templateKind: string }[];
      procedures: unknown[];
      postalData: { dataDate: string };
    };
    expect(out.forms).toHaveLength(12);
    expect(new Set(out.forms.map((f) => f.templateKind))).toEqual(new Set(['acroform', 'flat']));
    expect(out.procedures).toHaveLength(9);
    expect(out.postalData.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers an unknown option with a usage error, not a crash', () => {
    const r = kiosk('forms', 'list', '--bogus');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: 'cli/usage' });
  });

  it('renders a household into numbered PDFs, a print set and a report', () => {
    const out = join(tmp, 'set');
    const r = kiosk(
      'forms',
      'render',
      '--household',
      join(EXAMPLES_DIR, 'tenkyo-3.json'),
      '--out',
      out,
      '--reference',
      'R-CLI-1',
      '--remove',
      'shugaku:通学区域が変わらないため',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { forms: { id: string }[]; excluded: { procedureId: string; staffReason?: string }[] };
    expect(report.forms.map((f) => f.id)).toEqual(['jumin-ido', 'mynumber-card', 'kokuho-ido', 'jidou-teate-jusho', 'kodomo-iryo']);
    expect(report.excluded).toContainEqual(expect.objectContaining({ procedureId: 'shugaku', staffReason: '通学区域が変わらないため' }));
    for (const f of ['01-jumin-ido.pdf', '05-kodomo-iryo.pdf', 'print-set.pdf', 'report.json'])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'print-set.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // Filled forms carry personal data: only the operator may read them.
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const f of ['01-jumin-ido.pdf', 'print-set.pdf']) expect(statSync(join(out, f)).mode & 0o777, f).toBe(0o600);
  });

  it('reads a household file saved with a UTF-8 byte order mark (Windows tools)', () => {
    const withBom = join(tmp, 'bom.json');
    writeFileSync(withBom, `\uFEFF${readFileSync(join(EXAMPLES_DIR, 'tenkyo-3.json'), 'utf8')}`);
    const r = kiosk('forms', 'render', '--household', withBom, '--out', join(tmp, 'bom'), '--json');
    expect(r.stdout).not.toContain('forms/household-not-json');
    expect(r.code).toBe(0);
  });

  it('rejects invalid data field by field without echoing it', () => {
    const bad = join(tmp, 'bad.json');
    const h = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'tenkyo-3.json'), 'utf8')) as {
      members: { birthDate: string; familyName: string }[];
    };
    h.members[0]!.birthDate = '1990-02-31';
    h.members[0]!.familyName = '';
    writeFileSync(bad, JSON.stringify(h));
    const r = kiosk('forms', 'render', '--household', bad, '--out', join(tmp, 'x'), '--json');
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout) as { error: string; errors: { path: string }[] };
    expect(err.error).toBe('forms/household-invalid');
    expect(err.errors.map((e) => e.path).sort()).toEqual(['members[0].birthDate', 'members[0].familyName']);
    expect(r.stdout).not.toContain('1990-02-31');
    expect(existsSync(join(tmp, 'x'))).toBe(false);
  });

  it('does not quote a broken file and uses the catalogue’s exit codes', () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{"familyName": "髙﨑", oops');
    const r = kiosk('forms', 'render', '--household', broken, '--out', join(tmp, 'y'), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('髙');
    expect(JSON.parse(r.stdout)).toMatchObject({ error: 'forms/household-not-json' });
    expect(kiosk('forms', 'render', '--household', join(tmp, 'none.json'), '--out', tmp, '--json').code).toBe(4);
    expect(kiosk('forms', 'render', '--json').code).toBe(2);
    expect(
      kiosk('forms', 'render', '--household', join(EXAMPLES_DIR, 'tenkyo-3.json'), '--out', join(tmp, 'z'), '--add', 'no-colon', '--json')
        .code,
    ).toBe(2);
  });
});

describe('kiosk forms inspect / check (a city bringing its own forms)', { timeout: 120_000 }, () => {
  const CITY = join(import.meta.dirname, 'fixtures', 'city');
  const cityDef = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(CITY, `${name}.json`), 'utf8')) as Record<string, unknown>;
  const writeDef = (name: string, def: unknown): string => {
    const f = join(tmp, `${name}.json`);
    writeFileSync(f, JSON.stringify(def));
    return f;
  };

  it('lists an AcroForm template’s fields with their page and rectangle in points and millimetres', () => {
    const r = kiosk('forms', 'inspect', join(CITY, 'bosi-tennyu-acro.pdf'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; pages: { widthMm: number; heightMm: number }[]; fields: Record<string, unknown>[] };
    expect(out.kind).toBe('acroform');
    expect(out.pages).toEqual([expect.objectContaining({ widthMm: 210, heightMm: 297 })]);
    expect(out.fields.map((f) => f.name)).toEqual(['shimei', 'furigana', 'yubin', 'jusho']);
    expect(out.fields[0]).toEqual({ name: 'shimei', type: 'text', page: 0, rect: [90, 700, 270, 28], rectMm: [31.7, 246.9, 95.2, 9.9] });
    expect(out.fields[2]).toMatchObject({ name: 'yubin', maxLength: 7, comb: true });
  });

  it('draws a numbered millimetre grid over a flat template (PDF and PNG, readable by the operator only)', () => {
    const dir = join(tmp, 'grid');
    const r = kiosk('forms', 'inspect', join(CITY, 'bosi-tennyu-flat.pdf'), '--out', dir, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; fields: unknown[]; files: string[] };
    expect(out).toMatchObject({ kind: 'flat', fields: [] });
    expect(out.files).toEqual([join(dir, 'grid.pdf'), join(dir, 'grid-1.png')]);
    expect(statSync(join(dir, 'grid.pdf')).mode & 0o777).toBe(0o600);
    // The grid's numbers are on the page: 10 … 290 mm up the side, 10 … 200 mm along the bottom.
    const text = spawnSync('pdftotext', [join(dir, 'grid.pdf'), '-'], { encoding: 'utf8' }).stdout;
    for (const n of ['10', '100', '200', '290']) expect(text).toContain(n);
    expect(text).toContain('某市');
  });

  it('refuses a missing file, a file that is not a PDF and stray arguments, without echoing them', () => {
    expect(JSON.parse(kiosk('forms', 'inspect', join(tmp, 'none.pdf'), '--json').stdout)).toMatchObject({ error: 'forms/pdf-not-found' });
    expect(kiosk('forms', 'inspect', join(tmp, 'none.pdf'), '--json').code).toBe(4);
    const notPdf = join(tmp, 'not.pdf');
    writeFileSync(notPdf, '髙橋 一郎 1980-01-01');
    const r = kiosk('forms', 'inspect', notPdf, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: 'forms/pdf-unreadable' });
    expect(r.stdout).not.toContain('髙橋');
    const stray = kiosk('forms', 'inspect', join(CITY, 'bosi-tennyu-acro.pdf'), '渡邉花子', '--json');
    expect(stray.code).toBe(2);
    expect(stray.stdout + stray.stderr).not.toContain('渡邉');
    expect(kiosk('forms', 'check', '--json').code).toBe(2);
  });

  it('checks a definition for a city’s flat PDF and renders it with every box outlined and labelled', () => {
    const dir = join(tmp, 'check');
    const r = kiosk('forms', 'check', join(CITY, 'bosi-tennyu-flat.json'), '--templates', CITY, '--out', dir, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      fieldsFilled: string[];
      handwrite: { field: string }[];
      overflows: unknown[];
      files: string[];
    };
    expect(out.ok).toBe(true);
    expect(out.fieldsFilled).toHaveLength(9);
    expect(out.overflows).toEqual([]);
    expect(out.handwrite).toEqual([expect.objectContaining({ field: 'signature', kind: 'signature' })]);
    expect(out.files).toEqual([join(dir, 'check-bosi-tennyu.pdf'), join(dir, 'check-bosi-tennyu-1.png')]);
    // Each box carries its field id, and the sample values are printed in it.
    const text = spawnSync('pdftotext', [join(dir, 'check-bosi-tennyu.pdf'), '-'], { encoding: 'utf8' }).stdout;
    for (const id of ['notificationDate', 'newAddress', 'previousAddress', 'headName', 'signature', 'receipt']) expect(text).toContain(id);
    expect(text).toContain('北海道札幌市中央区北一条西2丁目1番地');
  });

  it('checks the AcroForm variant against the template’s field names', () => {
    const r = kiosk('forms', 'check', join(CITY, 'bosi-tennyu-acro.json'), '--templates', CITY, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, fieldsFilled: ['headName', 'headKana', 'newPostalDigits', 'newAddress'] });
  });

  it('lists every problem of a broken definition: unknown bindings, missing fields, boxes off the page', () => {
    const flat = cityDef('bosi-tennyu-flat') as { fields: { bind: string; row?: boolean; target: { rect: number[] } }[] };
    flat.fields[6]!.bind = 'head.nam';
    flat.fields[7]!.row = true; // a row field bound to a household value
    flat.fields[8]!.target.rect = [500, 800, 200, 40];
    const r = kiosk('forms', 'check', writeDef('broken-flat', flat), '--templates', CITY, '--json');
    expect(r.code).toBe(6);
    const out = JSON.parse(r.stdout) as {
      error: string;
      problems: { path: string }[];
      bindable: { household: string[]; member: string[] };
    };
    expect(out.error).toBe('forms/bad-definition');
    expect(out.problems.map((p) => p.path)).toEqual(['fields.6.bind', 'fields.7.bind', 'fields.8.target']);
    expect(out.bindable.household).toContain('head.name');
    expect(out.bindable.member).toContain('member.name');

    const acro = cityDef('bosi-tennyu-acro') as { fields: { target: { field: string } }[] };
    acro.fields[0]!.target.field = 'simei';
    const a = JSON.parse(kiosk('forms', 'check', writeDef('broken-acro', acro), '--templates', CITY, '--json').stdout) as {
      problems: { path: string; message: string }[];
    };
    expect(a.problems).toEqual([{ path: 'fields.0.target', message: 'the template has no field simei' }]);

    const schema = JSON.parse(kiosk('forms', 'check', writeDef('broken-schema', { id: 'Bad Id', fields: [] }), '--json').stdout) as {
      problems: { path: string }[];
    };
    expect(schema.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['id', 'title', 'template']));
  });

  it('does not quote a definition that is not JSON, and says when the file is missing', () => {
    const broken = join(tmp, 'broken-def.json');
    writeFileSync(broken, '{"title": "齋藤", oops');
    const r = kiosk('forms', 'check', broken, '--json');
    expect(r.code).toBe(6);
    expect(r.stdout).not.toContain('齋藤');
    expect(kiosk('forms', 'check', join(tmp, 'none.json'), '--json').code).toBe(4);
  });
});
