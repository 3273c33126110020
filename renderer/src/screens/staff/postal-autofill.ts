// The move step's postal-code autofill, as plain functions (unit-tested without a browser).

/** The 7 digits of a postal code as typed (full-width digits from the IME, with or without 〒 and hyphen), or null. */
export function postalDigits(typed: string): string | null {
  const digits = typed.normalize('NFKC').replace(/\D/g, '');
  return digits.length === 7 ? digits : null;
}

/**
 * What a lookup result does to the address field: fill it when staff have not typed anything of their
 * own since the last fill (empty, or still exactly what the lookup put there), keep it when it already
 * begins with the looked-up address, otherwise ask (staff typed after the lookup, or it is the card's).
 */
export function applyLookup(current: string, filled: string | null, found: string): 'fill' | 'keep' | 'ask' {
  if (current.startsWith(found)) return 'keep';
  if (current.trim() === '' || current === filled) return 'fill';
  return 'ask';
}
