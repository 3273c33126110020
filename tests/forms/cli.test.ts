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
    expect(out.forms).toHaveLength(10);
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
