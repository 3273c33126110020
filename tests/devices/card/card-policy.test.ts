import { KioskError } from '../../../domain/errors.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCardPolicy, parseCardPolicy } from '../../../devices/card/card-policy.ts';

describe('deployment card policy', () => {
  it('allows the individual number by default (still only when a caller asks)', () => {
    expect(loadCardPolicy({})).toEqual({ individualNumber: 'forbidden' });
    expect(parseCardPolicy({ other: { key: 1 } })).toEqual({ individualNumber: 'forbidden' });
  });

  it('reads "forbidden" from the KIOSK_CONFIG file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'card-policy-'));
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, JSON.stringify({ card: { individualNumber: 'forbidden' }, printer: { queue: 'x' } }));
    expect(loadCardPolicy({ KIOSK_CONFIG: path })).toEqual({ individualNumber: 'forbidden' });
  });

  it.each([
    ['an unknown value', { card: { individualNumber: 'yes' } }],
    ['a wrong type', { card: 'forbidden' }],
  ])('rejects %s', (_label, json) => {
    expect(() => parseCardPolicy(json)).toThrow(KioskError);
  });

  it('rejects an unreadable or non-JSON file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'card-policy-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ card: ');
    expect(() => loadCardPolicy({ KIOSK_CONFIG: path })).toThrow(
      expect.objectContaining({ code: 'card/config-invalid' }) as unknown as Error,
    );
    expect(() => loadCardPolicy({ KIOSK_CONFIG: join(dir, 'missing.json') })).toThrow(KioskError);
  });
});
