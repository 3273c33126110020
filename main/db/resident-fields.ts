// Encrypted resident data: `request_keys` (the per-request data key, wrapped by the master key)
// and `resident_fields` (each field sealed with that data key). Deleting the key row
// crypto-shreds the fields; with secure_delete on, the pages are zeroed as well.
import { setPersonal } from './requests.ts';
import { prepared, type Db } from './statements.ts';

export function insertRequestKey(db: Db, requestId: Buffer, keyId: string, wrapped: Buffer): void {
  prepared<[Buffer, string, Buffer]>(db, 'INSERT INTO request_keys (request_id, key_id, wrapped) VALUES (?, ?, ?)').run(
    requestId,
    keyId,
    wrapped,
  );
}

export function getRequestKey(db: Db, requestId: Buffer): { key_id: string; wrapped: Buffer } | undefined {
  return prepared<[Buffer], { key_id: string; wrapped: Buffer }>(db, 'SELECT key_id, wrapped FROM request_keys WHERE request_id = ?').get(
    requestId,
  );
}

export function insertField(db: Db, requestId: Buffer, field: string, sealed: Buffer): void {
  prepared<[Buffer, string, Buffer]>(db, 'INSERT INTO resident_fields (request_id, field, sealed) VALUES (?, ?, ?)').run(
    requestId,
    field,
    sealed,
  );
}

export function fieldsOf(db: Db, requestId: Buffer): { field: string; sealed: Buffer }[] {
  return prepared<[Buffer], { field: string; sealed: Buffer }>(db, 'SELECT field, sealed FROM resident_fields WHERE request_id = ?').all(
    requestId,
  );
}

/** Deletes the data key and every sealed field of a request and marks it purged. */
export function erasePersonal(db: Db, requestId: Buffer): void {
  prepared<[Buffer]>(db, 'DELETE FROM resident_fields WHERE request_id = ?').run(requestId);
  prepared<[Buffer]>(db, 'DELETE FROM request_keys WHERE request_id = ?').run(requestId);
  setPersonal(db, requestId, 'purged');
}

/** The key ids the stored data keys are wrapped with (the period keys still needed). */
export function keyIdsInUse(db: Db): string[] {
  return prepared<[], string>(db, 'SELECT DISTINCT key_id FROM request_keys').pluck().all() as string[];
}

/** The newest stored data key (request ids are time-ordered), or undefined when no request holds sealed data. */
export function newestRequestKey(db: Db): { key_id: string; wrapped: Buffer } | undefined {
  return prepared<[], { key_id: string; wrapped: Buffer }>(
    db,
    'SELECT key_id, wrapped FROM request_keys ORDER BY request_id DESC LIMIT 1',
  ).get();
}
