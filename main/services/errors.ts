// Until the queue, database and printing layers throw KioskErrors themselves, their errors are
// translated here into the one error model (domain/errors.ts) with the catalogue's code.
import { KioskError, type ErrorCode } from '../../domain/errors.ts';
import { isKioskDataError, type DataErrorCode } from '../queue/errors.ts';

const CODE: Record<DataErrorCode, ErrorCode> = {
  'db-newer-schema': 'db/newer-schema',
  'db-open-failed': 'db/open-failed',
  'db-integrity': 'db/integrity',
  'illegal-transition': 'queue/illegal-transition',
  'unknown-request': 'queue/unknown-request',
  'unknown-category': 'queue/unknown-category',
  'invalid-input': 'queue/invalid-input',
  'forbidden-personal-field': 'queue/forbidden-personal-field',
  'personal-data-purged': 'queue/personal-data-purged',
  'key-unavailable': 'keys/unavailable',
  'key-file-permissions': 'keys/file-permissions',
  'decrypt-failed': 'keys/decrypt-failed',
  'printer-missing': 'printer/missing',
  'printer-stopped': 'printer/stopped',
  'print-failed': 'printer/failed',
  'unknown-print-job': 'printer/unknown-job',
  'file-missing': 'printer/file-missing',
};

export function fromDataError(error: unknown): unknown {
  return isKioskDataError(error) ? new KioskError(CODE[error.code], { ja: error.message, en: error.messageEn }) : error;
}
