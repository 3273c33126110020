// Helpers shared by the card tests: ASCII secrets and the record a fixture card must read as.
import { type KioskError } from '../../domain/errors.ts';
import type { CardReadResult } from '../../devices/card/card-service.ts';
import type { Sex } from '../../domain/person.ts';
import { isCardError } from '../../devices/card/card-errors.ts';
import type { CardFixture } from '../../devices/card/virtual/fixtures.ts';

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const SEX: Record<string, Sex> = { '1': 'male', '2': 'female', '9': 'not-applicable' };

/** What reading the fixture's card must return (without the demo flag). */
export function expectedRecord(fixture: CardFixture, withNumber: boolean): Omit<CardReadResult, 'demo'> {
  const { name, address, birthDate, sexCode, individualNumber } = fixture.resident;
  const base = { name, address, birthDate, sex: SEX[sexCode] ?? 'unknown' };
  return withNumber ? { ...base, individualNumber } : base;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** The KioskError a read rejects with (anything else fails the test). */
export async function errorOf(promise: Promise<unknown>): Promise<KioskError> {
  try {
    await promise;
  } catch (error) {
    if (isCardError(error)) return error;
    throw error;
  }
  throw new Error('expected a KioskError');
}
