// The card-reading service the CLI, the Electron main process and the UI use. Two
// implementations: PC/SC (real readers through pcscd) and demo (in-process virtual cards, for
// machines without PC/SC; always labelled as demo).
import type { ApduTransport } from './apdu-transport.ts';
import { KioskError } from '../../domain/errors.ts';
import type { CardPolicy } from './card-policy.ts';
import type { Sex } from '../../domain/person.ts';
import type { UnlockKind } from '../../domain/card.ts';
import { type KenhojoRecord, queryKenhojoRetries, readKenhojo, type Unlock } from './kenhojo-reader.ts';
import type { ReaderEvent, ReaderInfo, ReaderListener } from './pcsc-readers.ts';

export type { ReaderEvent, ReaderInfo, ReaderListener, Unlock };

export interface ReadCardRequest {
  readonly reader: string;
  /** Zeroed by readCard once used, whatever the outcome. */
  readonly unlock: Unlock;
  readonly withIndividualNumber?: boolean;
  /** The resident was warned and confirmed using the last try. */
  readonly allowLastTry?: boolean;
}

export interface CardReadResult {
  readonly name: string;
  readonly address: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly individualNumber?: string;
  /** True when the data came from a demo (simulated) card. */
  readonly demo: boolean;
}

export interface CardService {
  readonly mode: 'pcsc' | 'demo';
  listReaders(): Promise<ReaderInfo[]>;
  subscribe(listener: ReaderListener): () => void;
  /** Remaining tries of the PIN (default) or 照合番号B key, consuming none. */
  queryRetries(reader: string, kind?: UnlockKind): Promise<number | null>;
  readCard(request: ReadCardRequest): Promise<CardReadResult>;
  close(): void;
}

/** Runs one read over a transport, applying the deployment policy before the card is touched. */
export async function readWithPolicy(
  transport: ApduTransport,
  request: ReadCardRequest,
  policy: CardPolicy,
  demo: boolean,
): Promise<CardReadResult> {
  const secret = request.unlock.secret;
  try {
    const withIndividualNumber = request.withIndividualNumber === true;
    if (withIndividualNumber && request.unlock.kind !== 'pin') throw new KioskError('card/number-needs-pin');
    if (withIndividualNumber && policy.individualNumber === 'forbidden') throw new KioskError('card/number-forbidden');
    const record: KenhojoRecord = await readKenhojo(transport, {
      unlock: request.unlock,
      withIndividualNumber,
      allowLastTry: request.allowLastTry === true,
    });
    return { ...record, demo };
  } finally {
    secret.fill(0);
  }
}

export { queryKenhojoRetries };
