import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateHousehold, type Household } from '../../../forms/index.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** A household file from tests/forms/fixtures/, validated. */
export function fixture(name: string): Household {
  const v = validateHousehold(fixtureJson(name));
  if (!v.ok) throw new Error(`fixture ${name} invalid: ${v.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`);
  return v.household;
}
