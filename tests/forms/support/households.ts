import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateHousehold, type Household } from '../../../forms/index.ts';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', '..', 'forms', 'examples');

export function exampleJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export function example(name: string): Household {
  const v = validateHousehold(exampleJson(name));
  if (!v.ok) throw new Error(`example ${name} invalid: ${v.errors.map((e) => e.path).join(', ')}`);
  return v.household;
}
