// The card-reading service the CLI, the Electron main process and the UI use. Two
// implementations: PC/SC (real readers through pcscd) and demo (in-process virtual cards, for
// machines without PC/SC; always labelled as demo).
import type { ApduTransport } from './apdu-transport.ts';
import { CardError } from './card-errors.ts';
import type { CardPolicy } from './card-policy.ts';
import type { Sex } from './card-data.ts';
import { type KenhojoRecord, queryKenhojoRetries, readKenhojo, type UnlockKind } from './kenhojo-reader.ts';
import type { ReaderEvent, ReaderInfo, ReaderListener } from './pcsc-readers.ts';

export type { ReaderEvent, ReaderInfo, ReaderListener, Sex, UnlockKind };

export type UnlockSecret =
  /** The resident's 4-digit PIN as ASCII digits. */
  | { readonly kind: 'pin'; readonly pin: Uint8Array }
  /** 照合番号B (14 ASCII digits) typed by staff from the card face. */
  | { readonly kind: 'code-b'; readonly code: Uint8Array };

export interface ReadCardRequest {
  readonly reader: string;
  /** Zeroed by readCard once used, whatever the outcome. */
  readonly unlock: UnlockSecret;
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
  const secret = request.unlock.kind === 'pin' ? request.unlock.pin : request.unlock.code;
  try {
    const withIndividualNumber = request.withIndividualNumber === true;
    if (withIndividualNumber && request.unlock.kind !== 'pin') throw new CardError('number-needs-pin');
    if (withIndividualNumber && policy.individualNumber === 'forbidden') throw new CardError('number-forbidden');
    const record: KenhojoRecord = await readKenhojo(transport, {
      unlock: { kind: request.unlock.kind, secret },
      withIndividualNumber,
      allowLastTry: request.allowLastTry === true,
    });
    return { ...record, demo };
  } finally {
    secret.fill(0);
  }
}

export { queryKenhojoRetries };
