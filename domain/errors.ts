// The one error model of every layer (devices, forms, main, renderer, CLI). An error is a
// stable code namespaced by area (`card/pin-wrong`, `queue/illegal-transition`), a Japanese
// message (staff and residents read it first), an English second line (IT staff), what staff
// should do next, and optional details that are codes or counts. Nothing in an error ever
// carries resident data: callers pass only codes, states, ticket numbers, ids and field names.
//
// The catalogue (error-catalogue.ts) gives each code its default messages, its staff action
// and its CLI exit code, so the same code means the same thing on every screen and command.
// It depends on nothing outside domain/ (not even zod), so that any layer may import it.
import { ERROR_CATALOGUE, EXIT_CODES, textOf, type ErrorCode, type ErrorDetails } from './error-catalogue.ts';

export { EXIT_CODES, type ErrorCode, type ErrorDetails };

export interface KioskErrorInit extends ErrorDetails {
  /** A more specific Japanese message than the catalogue's (still without resident data). */
  readonly ja?: string | undefined;
  /** Its English line. */
  readonly en?: string | undefined;
}

export class KioskError extends Error {
  override readonly name = 'KioskError';
  readonly code: ErrorCode;
  readonly messageEn: string;
  /** What staff should do next (Japanese). */
  readonly action: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, init: KioskErrorInit = {}) {
    const entry = ERROR_CATALOGUE[code];
    const { ja, en, ...details } = init;
    super(ja ?? textOf(entry.ja, details));
    this.code = code;
    this.messageEn = en ?? textOf(entry.en, details);
    this.action = entry.action;
    this.details = details;
  }

  /** The area before the slash: card, printer, queue, db, keys, forms, session, auth, ipc, office, cli, app. */
  get area(): string {
    return this.code.slice(0, this.code.indexOf('/'));
  }

  get retriesLeft(): number | undefined {
    return this.details.retriesLeft;
  }
}

export function isKioskError(value: unknown): value is KioskError {
  return value instanceof KioskError;
}

/** The shape an error travels in over IPC and is shown from on every screen. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  messageEn: string;
  action: string;
  retriesLeft?: number | undefined;
}

/** Any thrown value as a SerializedError. Errors that are not KioskErrors never show their text. */
export function serializeError(error: unknown): SerializedError {
  const known = isKioskError(error) ? error : new KioskError('app/internal');
  const out: SerializedError = { code: known.code, message: known.message, messageEn: known.messageEn, action: known.action };
  if (known.details.retriesLeft !== undefined) out.retriesLeft = known.details.retriesLeft;
  return out;
}

/** The CLI's one-line JSON for an error: `{"error","message","messageEn","action","retriesLeft"?}`. */
export function errorJson(error: KioskError): Record<string, unknown> {
  const { code, ...rest } = serializeError(error);
  return { error: code, ...rest };
}

/** The process exit code for a thrown value (EXIT_CODES.internal for anything unexpected). */
export function exitCodeOf(error: unknown): number {
  return isKioskError(error) ? ERROR_CATALOGUE[error.code].exit : EXIT_CODES.internal;
}
