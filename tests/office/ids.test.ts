// The office's own ids are UUIDv7 (PostgreSQL 15 has no uuidv7()): valid by the shared schema and time-ordered.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../domain/office.ts';
import { newUuidv7 } from '../../office/ids.ts';

describe('office ids', () => {
  it('makes UUIDv7s that the domain schema accepts, ordered by their time', () => {
    const at = Date.parse('2026-03-30T09:00:00+09:00');
    const ids = [newUuidv7(at), newUuidv7(at + 1), newUuidv7(at + 60_000)];
    for (const id of ids) expect(uuidv7.safeParse(id).success).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]!.slice(0, 13).replace('-', '')).toBe(at.toString(16).padStart(12, '0'));
    // A version-4 UUID is not a UUIDv7.
    expect(uuidv7.safeParse('0e2d4c4e-9a8f-4b47-9d2e-1f0c6a1d2b3c').success).toBe(false);
  });
});
