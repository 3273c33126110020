// Per-deployment card settings. Reading the 個人番号 is only lawful for tasks the My Number Act
// allows, so each deployment states whether its counter may read it. The file named by
// KIOSK_CONFIG (JSON) may contain: { "card": { "individualNumber": "allowed" | "forbidden" } }.
// Without a file or key it is forbidden (DEFAULT_CARD_POLICY): a request for it is refused with
// card/number-forbidden before the card is touched. Allowed, it is still read only when a caller
// asks for it (withIndividualNumber, with the PIN).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KioskError } from '../../domain/errors.ts';

export interface CardPolicy {
  readonly individualNumber: 'allowed' | 'forbidden';
}

// Forbidden unless the deployment allows it: the number is the most sensitive value on the card.
export const DEFAULT_CARD_POLICY: CardPolicy = { individualNumber: 'forbidden' };

const configSchema = z.looseObject({
  card: z.looseObject({ individualNumber: z.enum(['allowed', 'forbidden']).optional() }).optional(),
});

export function parseCardPolicy(json: unknown): CardPolicy {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new KioskError('card/config-invalid');
  return { individualNumber: parsed.data.card?.individualNumber ?? DEFAULT_CARD_POLICY.individualNumber };
}

/** Reads the policy from the file named by KIOSK_CONFIG, if any. */
export function loadCardPolicy(env: NodeJS.ProcessEnv = process.env): CardPolicy {
  const path = env.KIOSK_CONFIG;
  if (!path) return DEFAULT_CARD_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new KioskError('card/config-invalid');
  }
  return parseCardPolicy(json);
}
