// Globally unique, time-ordered ids (UUIDv7) so the event log can later merge into an
// office-wide server without conflicts. Stored as 16 bytes, shown as the usual text form.
import { randomFillSync } from 'node:crypto';
import { parse, stringify, v7, validate } from 'uuid';
import { KioskError } from '../../domain/errors.ts';

// Random bytes drawn in blocks: one randomFillSync per id made seeding a million visits
// spend most of its time in the CSPRNG call overhead.
const POOL = new Uint8Array(16 * 1024);
let poolOffset = POOL.length;

function randomBlock(): Uint8Array {
  if (poolOffset + 16 > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const block = POOL.slice(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return block;
}

/** A UUIDv7 for the time `at` (ms), as 16 bytes. */
export function newId(at: number = Date.now()): Buffer {
  const bytes = Buffer.alloc(16);
  v7({ msecs: at, random: randomBlock() }, bytes);
  return bytes;
}

export function idToString(id: Buffer): string {
  return stringify(id);
}

export function idFromString(text: string): Buffer {
  if (!validate(text)) {
    throw new KioskError('queue/invalid-input', { ja: 'ID の形式が不正です。', en: 'Malformed id.' });
  }
  return Buffer.from(parse(text));
}

export function isUuid(text: string): boolean {
  return validate(text);
}
