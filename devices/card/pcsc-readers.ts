// Owns the PC/SC context (pcsclite): tracks readers and card presence, publishes
// attach/detach/insert/remove events, and opens exclusive card sessions by reader name.
import pcsclite from 'pcsclite';
import type { ApduTransport } from './apdu-transport.ts';
import { isCardError } from './card-errors.ts';
import { KioskError } from '../../domain/errors.ts';
import { cardErrorFromPcsc, pcscCode, SCARD } from './pcsc-errors.ts';

type PcscContext = ReturnType<typeof pcsclite>;
type PcscReader = Parameters<Extract<Parameters<PcscContext['on']>, [type: 'reader', listener: unknown]>[1]>[0];

export interface ReaderInfo {
  readonly name: string;
  readonly cardPresent: boolean;
}

export type ReaderEvent =
  | { readonly type: 'reader-attached'; readonly reader: string }
  | { readonly type: 'reader-detached'; readonly reader: string }
  | { readonly type: 'card-inserted'; readonly reader: string }
  | { readonly type: 'card-removed'; readonly reader: string }
  | { readonly type: 'service-error'; readonly error: KioskError };

export type ReaderListener = (event: ReaderEvent) => void;

/** Response buffer for short APDUs: 256 data bytes + SW1 SW2. */
const RESPONSE_LENGTH = 258;
const SCARD_STATE_PRESENT = 0x20;
/** vpcd/pcscd notice a vanished card within one polling period (~0.4 s); allow a margin. */
const REMOVAL_SETTLE_MS = 1500;

interface ReaderEntry {
  readonly reader: PcscReader;
  /** Null until the first status arrives. */
  present: boolean | null;
  busy: boolean;
}

export class PcscReaderManager {
  readonly #context: PcscContext;
  readonly #readers = new Map<string, ReaderEntry>();
  readonly #listeners = new Set<ReaderListener>();
  readonly #enumerated: Promise<void>;
  #serviceError: KioskError | null = null;
  #closed = false;

  private constructor(context: PcscContext) {
    this.#context = context;
    let markEnumerated!: () => void;
    this.#enumerated = new Promise((resolve) => (markEnumerated = resolve));
    // pcsclite has no "initial reader list complete" signal (an empty list emits nothing), so
    // wrap its internal start() callback, which runs after every SCardListReaders. It is
    // invoked on the next tick, so replacing it here is in time.
    const internal = context as unknown as { start(cb: (err: unknown, data: unknown) => void): void };
    const start = internal.start.bind(context);
    internal.start = (cb) =>
      start((err, data) => {
        cb(err, data);
        markEnumerated();
      });
    context.on('reader', (reader) => this.#attach(reader));
    context.on('error', (error: unknown) => {
      // Command cancelled is what pcsclite reports for its own close().
      if (this.#closed || pcscCode(error) === SCARD.E_CANCELLED) return;
      this.#serviceError = cardErrorFromPcsc(error, 'establish');
      markEnumerated();
      this.#emit({ type: 'service-error', error: this.#serviceError });
    });
  }

  /** Opens the PC/SC context. Throws KioskError card/no-service when pcscd is not reachable. */
  static open(): PcscReaderManager {
    let context: PcscContext;
    try {
      context = pcsclite();
    } catch (error) {
      throw cardErrorFromPcsc(error, 'establish');
    }
    return new PcscReaderManager(context);
  }

  /** Resolves when the initial reader list and each reader's card state are known. */
  async ready(): Promise<void> {
    await this.#enumerated;
    if (this.#serviceError) throw this.#serviceError;
    const pending = [...this.#readers.keys()].filter((name) => this.#readers.get(name)?.present === null);
    await Promise.all(pending.map((name) => this.#waitFor(() => this.#readers.get(name)?.present !== null, 2000)));
  }

  readers(): ReaderInfo[] {
    return [...this.#readers.entries()].map(([name, entry]) => ({ name, cardPresent: entry.present === true }));
  }

  subscribe(listener: ReaderListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Waits until the reader reports a card present (or absent). Resolves false on timeout. */
  waitForCard(name: string, present: boolean, timeoutMs: number): Promise<boolean> {
    return this.#waitFor(() => (this.#readers.get(name)?.present ?? false) === present, timeoutMs);
  }

  /**
   * Connects exclusively to the card in `name` (other programs cannot interleave APDUs) and
   * runs `work`; the card is reset on the way out so no security status outlives the session.
   */
  async withCard<T>(name: string, work: (transport: ApduTransport) => Promise<T>): Promise<T> {
    await this.ready();
    const entry = this.#readers.get(name);
    if (!entry) throw new KioskError('card/reader-not-found');
    if (entry.present === false) throw new KioskError('card/no-card');
    if (entry.busy) throw new KioskError('card/reader-busy');
    entry.busy = true;
    try {
      const { reader } = entry;
      const protocol = await new Promise<number>((resolve, reject) => {
        reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err, p) =>
          err ? reject(cardErrorFromPcsc(err, 'connect')) : resolve(p),
        );
      });
      try {
        return await work({ transmit: (apdu) => this.#transmit(name, reader, protocol, apdu) });
      } finally {
        await new Promise<void>((resolve) => reader.disconnect(reader.SCARD_RESET_CARD, () => resolve()));
      }
    } finally {
      entry.busy = false;
    }
  }

  async #transmit(name: string, reader: PcscReader, protocol: number, apdu: Uint8Array): Promise<Uint8Array> {
    const command = Buffer.from(apdu);
    try {
      const response = await new Promise<Buffer>((resolve, reject) =>
        reader.transmit(command, RESPONSE_LENGTH, protocol, (err, data) => (err ? reject(err) : resolve(data))),
      );
      const copy = Uint8Array.from(response);
      response.fill(0); // the caller zeroes its copy once decoded
      if (copy.length >= 2) return copy;
      // vpcd answers an empty response when the card vanished mid-command.
      throw new KioskError('card/communication-error');
    } catch (error) {
      const mapped = isCardError(error) ? error : cardErrorFromPcsc(error, 'transmit');
      if (mapped.code !== 'card/communication-error') throw mapped;
      // A failed transaction is usually a card pulled out; pcscd notices within a poll period.
      const settled = await this.#waitFor(() => this.#readers.get(name)?.present !== true, REMOVAL_SETTLE_MS);
      if (!this.#readers.has(name)) throw new KioskError('card/reader-removed');
      if (settled) throw new KioskError('card/card-removed');
      throw mapped;
    } finally {
      command.fill(0); // may hold a PIN
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    for (const { reader } of this.#readers.values()) reader.close();
    this.#context.close();
  }

  #attach(reader: PcscReader): void {
    const entry: ReaderEntry = { reader, present: null, busy: false };
    this.#readers.set(reader.name, entry);
    this.#emit({ type: 'reader-attached', reader: reader.name });
    reader.on('status', (status) => {
      const present = (status.state & SCARD_STATE_PRESENT) !== 0;
      const before = entry.present;
      entry.present = present;
      if (before !== null && before !== present) {
        this.#emit({ type: present ? 'card-inserted' : 'card-removed', reader: reader.name });
      } else if (before === null && present) {
        this.#emit({ type: 'card-inserted', reader: reader.name });
      }
      this.#notifyWaiters();
    });
    reader.on('end', () => {
      this.#readers.delete(reader.name);
      this.#emit({ type: 'reader-detached', reader: reader.name });
      this.#notifyWaiters();
    });
    // Status-thread errors of one reader; the next status or end event tells the state.
    reader.on('error', () => undefined);
  }

  readonly #waiters = new Set<() => void>();

  #notifyWaiters(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  #waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!condition()) return;
        finish(true);
      };
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.#waiters.add(check);
    });
  }

  #emit(event: ReaderEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber must not break reader tracking.
      }
    }
  }
}
