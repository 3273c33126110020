// Errors of the queue, database, personal-data and printing layers. The message is Japanese
// (for staff), `messageEn` the English second line. Neither ever carries resident data: callers
// pass only codes, states, ticket numbers and ids.

export type DataErrorCode =
  | 'db-newer-schema'
  | 'db-open-failed'
  | 'db-integrity'
  | 'illegal-transition'
  | 'unknown-request'
  | 'unknown-category'
  | 'invalid-input'
  | 'forbidden-personal-field'
  | 'personal-data-purged'
  | 'key-unavailable'
  | 'key-file-permissions'
  | 'decrypt-failed'
  | 'printer-missing'
  | 'printer-stopped'
  | 'print-failed'
  | 'unknown-print-job'
  | 'file-missing';

export class KioskDataError extends Error {
  readonly code: DataErrorCode;
  readonly messageEn: string;
  constructor(code: DataErrorCode, messageJa: string, messageEn: string) {
    super(messageJa);
    this.name = 'KioskDataError';
    this.code = code;
    this.messageEn = messageEn;
  }
  toJSON(): { error: DataErrorCode; message: string; messageEn: string } {
    return { error: this.code, message: this.message, messageEn: this.messageEn };
  }
}

export function isKioskDataError(value: unknown): value is KioskDataError {
  return value instanceof KioskDataError;
}
