// Card read latency through the real pcscd (virtual card over vpcd): the full read with the
// project's reader code (PcscCardService: SELECT, retry query, VERIFY, READ BINARY ×2, error
// mapping, TLV parsing) against a raw pcsclite baseline sending the very same APDUs on its own
// connection, measured alternately in the same run. Prints the ratio and the APDU count.
//   npm run bench -- card-read [--iterations 10] [--slot 0|1]
import { parseArgs } from 'node:util';
import pcsclite from 'pcsclite';
import type { ApduTransport } from '../devices/card/apdu-transport.ts';
import { readKenhojo } from '../devices/card/kenhojo-reader.ts';
import { PcscCardService } from '../devices/card/pcsc-card-service.ts';
import { CARD_FIXTURES, cardFromFixture } from '../devices/card/virtual/fixtures.ts';
import { InProcessTransport } from '../devices/card/virtual/in-process-transport.ts';
import { VpcdLink } from '../devices/card/virtual/vpcd-link.ts';
import { acquireVpcdLock } from '../devices/card/virtual/vpcd-slot-lock.ts';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '10' }, slot: { type: 'string', default: '0' } } });
const iterations = Math.max(1, Number(values.iterations));
const slot = values.slot === '1' ? 1 : 0;
const reader = `Virtual PCD 00 0${slot}`;
const fixture = CARD_FIXTURES.find((f) => f.id === 'hasegawa-long-address')!;
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The exact APDUs our reader sends for one read, recorded against an identical in-process card. */
async function recordApdus(shortEfIds: boolean): Promise<Buffer[]> {
  const log: Buffer[] = [];
  const inner = new InProcessTransport(cardFromFixture(fixture, { shortEfIds }));
  const recorder: ApduTransport = { transmit: (apdu) => (log.push(Buffer.from(apdu)), inner.transmit(apdu)) };
  await readKenhojo(recorder, { unlock: { kind: 'pin', secret: ascii(fixture.pin) }, withIndividualNumber: true, allowLastTry: false });
  return log;
}

type RawReader = Parameters<Extract<Parameters<ReturnType<typeof pcsclite>['on']>, [type: 'reader', listener: unknown]>[1]>[0];

function rawRead(r: RawReader, apdus: readonly Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    r.connect({ share_mode: r.SCARD_SHARE_EXCLUSIVE }, (err, protocol) => {
      if (err) return reject(err);
      let i = 0;
      const next = (): void => {
        const apdu = apdus[i++];
        if (!apdu) return r.disconnect(r.SCARD_RESET_CARD, (e) => (e ? reject(e) : resolve()));
        r.transmit(apdu, 258, protocol, (e, data) => (e || data.length < 2 ? reject(e ?? new Error('short response')) : next()));
      };
      next();
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function measure(shortEfIds: boolean): Promise<{ ours: number[]; raw: number[]; apdus: number }> {
  const apdus = await recordApdus(shortEfIds);
  const card = cardFromFixture(fixture, { shortEfIds });
  const service = PcscCardService.open({ individualNumber: 'allowed' });
  const rawContext = pcsclite();
  rawContext.on('error', () => undefined);
  const rawReaders: RawReader[] = [];
  const rawReaderFound = new Promise<RawReader>((resolve) =>
    rawContext.on('reader', (r) => {
      rawReaders.push(r);
      if (r.name === reader) resolve(r);
    }),
  );
  const link = await VpcdLink.insert(card, { slot });
  try {
    if (!(await service.readers.waitForCard(reader, true, 5000))) throw new Error(`pcscd did not see the card in ${reader}`);
    const rawReader = await rawReaderFound;
    const ours: number[] = [];
    const raw: number[] = [];
    const oursOnce = async (): Promise<number> => {
      const before = card.commandCount;
      const t = performance.now();
      await service.readCard({ reader, unlock: { kind: 'pin', secret: ascii(fixture.pin) }, withIndividualNumber: true });
      const elapsed = performance.now() - t;
      if (card.commandCount - before !== apdus.length) throw new Error('APDU count differs from the recording');
      return elapsed;
    };
    const rawOnce = async (): Promise<number> => {
      const t = performance.now();
      await rawRead(rawReader, apdus);
      return performance.now() - t;
    };
    await oursOnce(); // warm-up: first connect after insertion powers the card up
    await rawOnce();
    for (let i = 0; i < iterations; i++) {
      // Alternate the order so drift on a shared machine hits both sides alike.
      if (i % 2 === 0) {
        ours.push(await oursOnce());
        raw.push(await rawOnce());
      } else {
        raw.push(await rawOnce());
        ours.push(await oursOnce());
      }
    }
    return { ours, raw, apdus: apdus.length };
  } finally {
    await link.pull();
    // Each pcsclite reader runs a status thread that keeps the process alive until closed.
    for (const r of rawReaders) r.close();
    rawContext.close();
    service.close();
  }
}

console.log(`card-read: ${iterations} full reads (PIN + 個人番号, fixture ${fixture.id}) through pcscd/vpcd on "${reader}"`);
const releaseSlots = await acquireVpcdLock();
try {
  for (const shortEfIds of [true, false]) {
    const { ours, raw, apdus } = await measure(shortEfIds);
    const mo = median(ours);
    const mr = median(raw);
    const label = shortEfIds ? 'short-EF-id card ' : 'SELECT-EF card   ';
    console.log(
      `${label} APDUs/read ${apdus}  ours median ${mo.toFixed(1)} ms  raw pcsclite median ${mr.toFixed(1)} ms  ratio ours/raw ${(mo / mr).toFixed(3)}`,
    );
    // Let pcscd see the first card leave before the second is inserted.
    if (shortEfIds) await new Promise((r) => setTimeout(r, 1000));
  }
} finally {
  releaseSlots();
}
