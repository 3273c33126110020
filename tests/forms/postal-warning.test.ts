// A postal code of another prefecture than the address is a warning for staff in the render report
// (and the CLI's JSON), never an error; and the app and the household model share one set of limits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../domain/limits.ts';
import { move } from '../../domain/visit.ts';
import { renderFormSet, validateHousehold } from '../../forms/index.ts';
import { example, exampleJson } from './support/households.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The tennyu-4 family, but the old address's postal code was typed as 札幌's (060-0001) for 千代田区. */
function mistyped() {
  const json = exampleJson('tennyu-4') as { previousAddress: { postalCode: string } };
  json.previousAddress.postalCode = '060-0001';
  return json;
}

describe('postal code and prefecture', { timeout: 60_000 }, () => {
  it('warns (without the address or the code) and still renders', async () => {
    const v = validateHousehold(mistyped());
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const r = await renderFormSet(v.household, { reference: 'R-TEST-POSTAL' });
    expect(r.report.warnings).toEqual([
      expect.objectContaining({
        code: 'postal-prefecture-mismatch',
        field: 'previousAddress.postalCode',
        message: expect.stringContaining('前の住所'),
      }),
    ]);
    expect(JSON.stringify(r.report.warnings)).not.toMatch(/東京|千代田|060|0600001/);
    expect(r.report.forms.length).toBeGreaterThan(5);
  });

  it('has no warning for the matching example households, and one for a code not in the data', async () => {
    for (const name of ['tennyu-4', 'tennyu-6-rare', 'tenkyo-3']) {
      const r = await renderFormSet(example(name), { reference: 'R-TEST-POSTAL' });
      expect(r.report.warnings, name).toEqual([]);
    }
    const h = example('tenkyo-3');
    h.newAddress.postalCode = '099-9999';
    const r = await renderFormSet(h, { reference: 'R-TEST-POSTAL' });
    expect(r.report.warnings.map((w) => [w.field, w.code])).toEqual([['newAddress.postalCode', 'postal-unknown']]);
  });

  it('reaches the CLI JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forms-postal-'));
    try {
      writeFileSync(join(dir, 'h.json'), JSON.stringify(mistyped()));
      const run = spawnSync(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          join(ROOT, 'main', 'cli', 'kiosk.ts'),
          'forms',
          'render',
          '--household',
          join(dir, 'h.json'),
          '--out',
          join(dir, 'out'),
          '--json',
        ],
        { encoding: 'utf8', cwd: ROOT },
      );
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { warnings: { code: string }[] };
      expect(out.warnings.map((w) => w.code)).toEqual(['postal-prefecture-mismatch']);
      expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'))).toMatchObject({ warnings: out.warnings });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('one set of length limits', () => {
  const visitMove = (address: string, building: string) => ({
    kind: 'tennyu',
    moveDate: '2026-11-20',
    postalCode: '020-0585',
    address,
    building,
    previousPostalCode: '980-0811',
    previousAddress: '宮城県仙台市青葉区一番町四丁目11番1号',
    phone: '',
  });
  const household = (address: string, building: string) => {
    const json = exampleJson('tennyu-4') as { newAddress: Record<string, string> };
    json.newAddress = { postalCode: '020-0585', address, building };
    return validateHousehold(json).ok;
  };
  // A long 地割 address with a 字 and a 番地の: padded to the limit.
  const base = '岩手県岩手郡雫石町長山第24地割字岩手山麓106番地の3';

  it('an address or 方書 at the limit passes the visit and the model; one more character fails both', () => {
    for (const [address, building] of [
      [base.padEnd(LIMITS.address, '一'), 'コーポ長山'],
      [base, 'ア'.repeat(LIMITS.building)],
    ] as const) {
      expect(move.safeParse(visitMove(address, building)).success).toBe(true);
      expect(household(address, building)).toBe(true);
    }
    for (const [address, building] of [
      [base.padEnd(LIMITS.address + 1, '一'), 'コーポ長山'],
      [base, 'ア'.repeat(LIMITS.building + 1)],
    ] as const) {
      expect(move.safeParse(visitMove(address, building)).success).toBe(false);
      expect(household(address, building)).toBe(false);
    }
  });

  it('the staff console limits its inputs with the same numbers', () => {
    const source = (file: string) => readFileSync(join(ROOT, 'renderer', 'src', 'screens', 'staff', file), 'utf8');
    const moveStep = source('MoveStep.tsx');
    // One address block serves the new and the previous address: each of its inputs has its limit.
    for (const name of ['address', 'building', 'room'] as const) {
      // Within the same <input … />: no other input element in between.
      const input = new RegExp(
        `<input(?:(?!<input)[\\s\\S])*?value=\\{value\\.${name}\\}(?:(?!<input)[\\s\\S])*?maxLength=\\{LIMITS\\.${name}\\}`,
      );
      expect(moveStep, name).toMatch(input);
    }
    expect(source('AddMemberForm.tsx')).toMatch(/maxLength=\{LIMITS\.fullName\}/);
    expect(source('MembersStep.tsx')).toMatch(/commonName: LIMITS\.commonName/);
    expect(moveStep + source('AddMemberForm.tsx') + source('MembersStep.tsx')).not.toMatch(/maxLength=\{\d+\}/);
  });
});
