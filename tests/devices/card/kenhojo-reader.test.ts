import { describe, expect, it } from 'vitest';
import type { ApduTransport } from '../../../devices/card/apdu-transport.ts';
import { queryKenhojoRetries, readKenhojo } from '../../../devices/card/kenhojo-reader.ts';
import type { UnlockKind } from '../../../domain/card.ts';
import { encodeTlv } from '../../../devices/card/ber-tlv.ts';
import { CARD_FIXTURES, cardFromFixture, fixtureCodeB } from '../../../devices/card/virtual/fixtures.ts';
import { InProcessTransport } from '../../../devices/card/virtual/in-process-transport.ts';
import { VirtualMyNumberCard } from '../../../devices/card/virtual/mynumber-card.ts';
import { OtherIsoCard } from '../../../devices/card/virtual/other-card.ts';
import type { SmartCard } from '../../../devices/card/virtual/smart-card.ts';
import { ascii, errorOf, expectedRecord, hex } from '../../support/card-fixtures.ts';

/** Records every command APDU (as hex, copied before the reader zeroes it). */
class RecordingTransport implements ApduTransport {
  readonly log: string[] = [];
  readonly #inner: ApduTransport;
  constructor(inner: ApduTransport) {
    this.#inner = inner;
  }
  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    this.log.push(hex(apdu));
    return this.#inner.transmit(apdu);
  }
}

const fixture = CARD_FIXTURES[0]!;
const withCard = (card: SmartCard, pullAfterApdus?: number): RecordingTransport =>
  new RecordingTransport(new InProcessTransport(card, pullAfterApdus === undefined ? {} : { pullAfterApdus }));

const read = (
  transport: ApduTransport,
  kind: UnlockKind,
  secret: string,
  extra: { withIndividualNumber?: boolean; allowLastTry?: boolean } = {},
) =>
  readKenhojo(transport, {
    unlock: { kind, secret: ascii(secret) },
    withIndividualNumber: extra.withIndividualNumber ?? false,
    allowLastTry: extra.allowLastTry ?? false,
  });

const READS_NUMBER = (apdu: string): boolean => apdu.startsWith('00B081') || apdu === '00A4020C020001';

describe('reading the 券面事項入力補助AP', () => {
  it.each(CARD_FIXTURES.map((f) => [f.id, f] as const))('reads %s with the PIN, individual number included', async (_id, f) => {
    const transport = withCard(cardFromFixture(f));
    expect(await read(transport, 'pin', f.pin, { withIndividualNumber: true })).toEqual(expectedRecord(f, true));
    // SELECT AP, VERIFY (count), VERIFY, READ basic-4, READ 個人番号.
    expect(transport.log).toHaveLength(5);
    expect(transport.log[0]).toBe('00A4040C0AD3921000310001010408');
    expect(transport.log[1]).toBe('00200091');
  });

  it.each(CARD_FIXTURES.map((f) => [f.id, f] as const))('reads %s with 照合番号B and never touches EF 0001', async (_id, f) => {
    const transport = withCard(cardFromFixture(f));
    expect(await read(transport, 'code-b', fixtureCodeB(f))).toEqual(expectedRecord(f, false));
    expect(transport.log).toHaveLength(4);
    expect(transport.log[1]).toBe('00200095');
    expect(transport.log.some(READS_NUMBER)).toBe(false);
  });

  it('refuses the individual number with 照合番号B before sending anything', async () => {
    const transport = withCard(cardFromFixture(fixture));
    const error = await errorOf(read(transport, 'code-b', fixtureCodeB(fixture), { withIndividualNumber: true }));
    expect(error.code).toBe('card/number-needs-pin');
    expect(transport.log).toHaveLength(0);
  });

  it('the card itself refuses EF 0001 to a session opened with 照合番号B', async () => {
    const card = cardFromFixture(fixture);
    card.reset();
    const run = (h: string): string => hex(card.execute(Uint8Array.from(Buffer.from(h, 'hex')))).slice(-4);
    expect(run('00A4040C0AD3921000310001010408')).toBe('9000');
    expect(run(`002000950E${hex(ascii(fixtureCodeB(fixture)))}`)).toBe('9000');
    expect(run('00B0820000')).toBe('9000');
    expect(run('00B0810011')).toBe('6982');
  });

  it('falls back to SELECT EF on a card without short EF ids, before any secret is sent', async () => {
    const card = cardFromFixture(fixture, { shortEfIds: false });
    const transport = withCard(card);
    expect(await read(transport, 'pin', fixture.pin, { withIndividualNumber: true })).toEqual(expectedRecord(fixture, true));
    const verifies = transport.log.filter((a) => a.startsWith('0020'));
    expect(verifies).toEqual(['00200091', '00200080', `0020008004${hex(ascii(fixture.pin))}`]);
    expect(card.verifyAttempts).toBe(1);
    expect(card.pinTries).toBe(3);
  });

  it('reads a basic-4 object longer than one READ BINARY (256 bytes)', async () => {
    const long = '東京都千代田区' + '霞が関一丁目'.repeat(20) + '　𠮷﨑髙ビル　１０１号室';
    const card = new VirtualMyNumberCard({
      basicInfo: { name: '髙橋　𠮷郎', address: long, birthDate: '1989-01-08', sexCode: '1' },
      individualNumber: '123456789018',
      pin: '1234',
      codeB: '01010820301234',
      filler: 100,
    });
    const transport = withCard(card);
    const record = await read(transport, 'pin', '1234');
    expect(record.address).toBe(long);
    expect(transport.log.at(-1)).toMatch(/^00B00100/);
  });

  it('zeroes the secret buffer after use', async () => {
    const secret = ascii(fixture.pin);
    await readKenhojo(withCard(cardFromFixture(fixture)), {
      unlock: { kind: 'pin', secret },
      withIndividualNumber: false,
      allowLastTry: false,
    });
    expect([...secret].every((b) => b === 0)).toBe(true);
    const wrong = ascii('0000');
    await errorOf(
      readKenhojo(withCard(cardFromFixture(fixture)), {
        unlock: { kind: 'pin', secret: wrong },
        withIndividualNumber: false,
        allowLastTry: false,
      }),
    );
    expect([...wrong].every((b) => b === 0)).toBe(true);
  });
});

describe('PIN handling', () => {
  it('reports a wrong PIN with the tries left and never retries it', async () => {
    const card = cardFromFixture(fixture);
    const error = await errorOf(read(withCard(card), 'pin', '0000'));
    expect(error.code).toBe('card/pin-wrong');
    expect(error.retriesLeft).toBe(2);
    expect(card.verifyAttempts).toBe(1);
    expect(card.pinTries).toBe(2);
    expect(error.message).not.toContain('0000');
  });

  it('queries the count without consuming a try', async () => {
    const card = cardFromFixture(fixture, { pinTries: 2 });
    expect(await queryKenhojoRetries(withCard(card), 'pin')).toBe(2);
    expect(await queryKenhojoRetries(withCard(card), 'pin')).toBe(2);
    expect(card.verifyAttempts).toBe(0);
  });

  it('refuses to send the PIN on the last try unless confirmed', async () => {
    const card = cardFromFixture(fixture, { pinTries: 1 });
    const error = await errorOf(read(withCard(card), 'pin', fixture.pin));
    expect(error.code).toBe('card/pin-last-try');
    expect(error.retriesLeft).toBe(1);
    expect(card.verifyAttempts).toBe(0);
    expect(await read(withCard(card), 'pin', fixture.pin, { allowLastTry: true })).toEqual(expectedRecord(fixture, false));
    expect(card.pinTries).toBe(3);
  });

  it('treats the exhausting try (63C0) and later tries (6984) as blocked', async () => {
    const card = cardFromFixture(fixture, { pinTries: 1 });
    const exhausting = await errorOf(read(withCard(card), 'pin', '9999', { allowLastTry: true }));
    expect(exhausting.code).toBe('card/pin-blocked');
    expect(exhausting.message).toContain('区役所');
    expect(card.pinTries).toBe(0);
    // Afterwards the empty VERIFY reports 63C0 and nothing is sent.
    const after = await errorOf(read(withCard(card), 'pin', fixture.pin, { allowLastTry: true }));
    expect(after.code).toBe('card/pin-blocked');
    expect(card.verifyAttempts).toBe(1);
    // The card answers 6984 to any further VERIFY with data.
    card.reset();
    expect(hex(card.execute(Uint8Array.from(Buffer.from('00A4040C0AD3921000310001010408', 'hex'))))).toBe('9000');
    expect(hex(card.execute(Uint8Array.from(Buffer.from(`0020009104${hex(ascii(fixture.pin))}`, 'hex'))))).toBe('6984');
  });

  it.each([0x6984, 0x6983])('reports %s after VERIFY as blocked', async (blockedSw) => {
    const inner = cardFromFixture(fixture);
    const card: SmartCard = {
      atr: inner.atr,
      powerOn() {},
      powerOff() {},
      reset: () => inner.reset(),
      // Claims 2 tries on the query, then answers the data VERIFY with a lock status.
      execute: (a) => (a[1] === 0x20 && a.length > 4 ? Uint8Array.of(blockedSw >> 8, blockedSw & 0xff) : inner.execute(a)),
    };
    const error = await errorOf(read(withCard(card), 'pin', fixture.pin));
    expect(error.code).toBe('card/pin-blocked');
    expect(error.retriesLeft).toBe(0);
  });

  it('照合番号B has its own counter and errors; the PIN counter is untouched', async () => {
    const card = cardFromFixture(fixture);
    const error = await errorOf(read(withCard(card), 'code-b', '00000000000000'));
    expect(error.code).toBe('card/code-b-wrong');
    expect(card.pinTries).toBe(3);
    expect(card.codeBTries).toBe(9);
  });

  it.each([
    ['pin', '123'],
    ['pin', '12345'],
    ['pin', '１２３４'],
    ['code-b', '6401072034581'],
    ['code-b', '640107-2034-5812'],
  ] as const)('rejects a malformed %s (%s) without touching the card', async (kind, secret) => {
    const transport = withCard(cardFromFixture(fixture));
    const error = await errorOf(read(transport, kind, secret));
    expect(error.code).toBe(kind === 'pin' ? 'card/pin-format' : 'card/code-b-format');
    expect(transport.log).toHaveLength(0);
  });
});

describe('other cards and failures', () => {
  it('identifies a non-My Number card by SELECT, although its ATR looks like one', async () => {
    const card = new OtherIsoCard();
    const error = await errorOf(read(withCard(card), 'pin', '1234'));
    expect(error.code).toBe('card/not-mynumber-card');
    expect(card.commandCount).toBe(1);
  });

  it('a card pulled mid-read burns no retry, and the next attempt succeeds', async () => {
    const card = cardFromFixture(fixture);
    const pulled = await errorOf(read(withCard(card, 2), 'pin', fixture.pin));
    expect(pulled.code).toBe('card/card-removed');
    expect(card.pinTries).toBe(3);
    const pulledAfterVerify = await errorOf(read(withCard(card, 3), 'pin', fixture.pin));
    expect(pulledAfterVerify.code).toBe('card/card-removed');
    expect(card.pinTries).toBe(3);
    expect(await read(withCard(card), 'pin', fixture.pin)).toEqual(expectedRecord(fixture, false));
  });

  it('follows 61xx (GET RESPONSE) from T=0 cards', async () => {
    const inner = cardFromFixture(fixture);
    // Wraps the card: data-bearing answers come back as 61xx + GET RESPONSE, like T=0.
    let pending: Uint8Array | null = null;
    const t0: SmartCard = {
      atr: inner.atr,
      powerOn: () => inner.powerOn(),
      powerOff: () => inner.powerOff(),
      reset: () => inner.reset(),
      execute(apdu) {
        if (apdu[1] === 0xc0 && pending) {
          const out = Uint8Array.from([...pending, 0x90, 0x00]);
          pending = null;
          return out;
        }
        const response = inner.execute(apdu);
        if (response.length <= 2) return response;
        pending = response.subarray(0, response.length - 2);
        return Uint8Array.of(0x61, pending.length & 0xff);
      },
    };
    const transport = withCard(t0);
    expect(await read(transport, 'pin', fixture.pin, { withIndividualNumber: true })).toEqual(expectedRecord(fixture, true));
    expect(transport.log.filter((a) => a.startsWith('00C0'))).toHaveLength(2);
  });

  it.each([
    ['an object longer than the file', encodeTlv(0xff20, new Uint8Array(40)).subarray(0, 30)],
    ['garbage', Uint8Array.of(0x00, 0x01, 0x02)],
    ['an indefinite length', Uint8Array.of(0xff, 0x20, 0x80, 0x00, 0x00)],
  ])('reports %s in EF 0002 as malformed-data', async (_label, file) => {
    const inner = cardFromFixture(fixture);
    const broken: SmartCard = {
      atr: inner.atr,
      powerOn: () => undefined,
      powerOff: () => undefined,
      reset: () => inner.reset(),
      execute(apdu) {
        const response = inner.execute(apdu);
        if (apdu[1] !== 0xb0) return response;
        const offset = apdu[2]! & 0x80 ? apdu[3]! : (apdu[2]! << 8) | apdu[3]!;
        if (offset >= file.length) return Uint8Array.of(0x6b, 0x00);
        return Uint8Array.from([...file.subarray(offset, offset + (apdu[4] || 256)), 0x90, 0x00]);
      },
    };
    expect((await errorOf(read(withCard(broken), 'pin', fixture.pin))).code).toBe('card/malformed-data');
  });

  it('reports an unexpected status word as card-error with the SW only', async () => {
    const inner = cardFromFixture(fixture);
    const card: SmartCard = {
      ...inner,
      atr: inner.atr,
      powerOn() {},
      powerOff() {},
      reset: () => inner.reset(),
      execute: (a) => (a[1] === 0xb0 ? Uint8Array.of(0x6f, 0x00) : inner.execute(a)),
    };
    const error = await errorOf(read(withCard(card), 'pin', fixture.pin));
    expect(error.code).toBe('card/card-error');
    expect(error.message).toContain('6F00');
  });
});
