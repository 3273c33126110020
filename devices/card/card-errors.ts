// The card area of the one error model (domain/errors.ts): every failure of a card read is a
// KioskError with a `card/…` code; its messages and staff action live in the catalogue.
import { isKioskError, type ErrorCode, type KioskError } from '../../domain/errors.ts';

export type CardErrorCode = Extract<ErrorCode, `card/${string}`>;

export function isCardError(error: unknown): error is KioskError & { readonly code: CardErrorCode } {
  return isKioskError(error) && error.area === 'card';
}
