// Connects a simulated card to pcscd's vpcd driver, which then shows it as inserted in
// "Virtual PCD 00 0<slot>". Protocol (vsmartcard doc/api.txt): every message is a 2-byte
// big-endian length + payload; 1-byte payloads are control codes (0 off, 1 on, 2 reset,
// 4 ATR request, answered with the ATR); anything longer is a C-APDU answered with the R-APDU.
// Closing the socket is how the card is pulled out of the reader.
import { connect, type Socket } from 'node:net';
import type { SmartCard } from './smart-card.ts';

export const VPCD_BASE_PORT = 35963;

export interface VpcdLinkOptions {
  readonly slot?: 0 | 1;
  readonly host?: string;
  /** Explicit port; default 35963 + slot. */
  readonly port?: number;
  /** Pull the card when this many APDUs have been answered and the next one arrives. */
  readonly pullAfterApdus?: number | undefined;
  /** Delay before answering each APDU (a slow card). */
  readonly responseDelayMs?: number | undefined;
}

export class VpcdLink {
  readonly #socket: Socket;
  readonly #card: SmartCard;
  readonly #options: VpcdLinkOptions;
  #buffer: Buffer = Buffer.alloc(0);
  #queue: Promise<void> = Promise.resolve();
  /** APDUs answered on this link. */
  apduCount = 0;
  /** Resolves when the socket is closed, by either side. */
  readonly closed: Promise<void>;

  private constructor(socket: Socket, card: SmartCard, options: VpcdLinkOptions) {
    this.#socket = socket;
    this.#card = card;
    this.#options = options;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#drain();
    });
    // A reset connection is a pulled card; nothing to report.
    socket.on('error', () => undefined);
  }

  /** Inserts the card: resolves once vpcd accepted the TCP connection. */
  static insert(card: SmartCard, options: VpcdLinkOptions = {}): Promise<VpcdLink> {
    const port = options.port ?? VPCD_BASE_PORT + (options.slot ?? 0);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: options.host ?? '127.0.0.1', port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new VpcdLink(socket, card, options));
      });
    });
  }

  get isOpen(): boolean {
    return !this.#socket.destroyed;
  }

  /** Pulls the card out of the reader. */
  async pull(): Promise<void> {
    this.#socket.destroy();
    await this.closed;
  }

  #drain(): void {
    while (this.#buffer.length >= 2) {
      const length = this.#buffer.readUInt16BE(0);
      if (this.#buffer.length < 2 + length) return;
      const payload = Uint8Array.from(this.#buffer.subarray(2, 2 + length));
      this.#buffer = this.#buffer.subarray(2 + length);
      // Answers go out in order even when a response is delayed.
      this.#queue = this.#queue.then(() => this.#handle(payload));
    }
  }

  async #handle(payload: Uint8Array): Promise<void> {
    if (this.#socket.destroyed) return;
    if (payload.length === 1) {
      switch (payload[0]) {
        case 0:
          this.#card.powerOff();
          return;
        case 1:
          this.#card.powerOn();
          return;
        case 2:
          this.#card.reset();
          return;
        case 4:
          this.#send(this.#card.atr);
          return;
        default:
          return;
      }
    }
    const { pullAfterApdus, responseDelayMs } = this.#options;
    if (pullAfterApdus !== undefined && this.apduCount >= pullAfterApdus) {
      this.#socket.destroy();
      return;
    }
    if (responseDelayMs) await new Promise((r) => setTimeout(r, responseDelayMs));
    const response = this.#card.execute(payload);
    this.apduCount++;
    this.#send(response);
  }

  #send(payload: Uint8Array): void {
    if (this.#socket.destroyed) return;
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    this.#socket.write(frame);
  }
}
