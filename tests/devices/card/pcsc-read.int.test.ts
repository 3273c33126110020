// Against the real pcscd: the virtual card is inserted through vpcd and read with the PC/SC
// card service exactly as a real card in a real reader would be.
import { errorJson } from '../../../domain/errors.ts';
import pcsclite from 'pcsclite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscCardService } from '../../../devices/card/pcsc-card-service.ts';
import type { ReaderEvent } from '../../../devices/card/pcsc-readers.ts';
import { CARD_FIXTURES, cardFromFixture, fixtureCodeB } from '../../../devices/card/virtual/fixtures.ts';
import { OtherIsoCard } from '../../../devices/card/virtual/other-card.ts';
import { ascii, errorOf, expectedRecord } from '../../support/card-fixtures.ts';
import { acquireVpcdLock, insertCard, readerName } from '../../support/card-vpcd.ts';

let service: PcscCardService;
let releaseSlots: () => void;

beforeAll(async () => {
  releaseSlots = await acquireVpcdLock();
  service = PcscCardService.open({ individualNumber: 'allowed' });
});
afterAll(() => {
  service?.close();
  releaseSlots?.();
});

const pin = (text: string) => ({ kind: 'pin', secret: ascii(text) }) as const;
const codeB = (text: string) => ({ kind: 'code-b', secret: ascii(text) }) as const;

describe('readers', () => {
  it('lists both vpcd slots and card presence, and publishes insert/remove events', async () => {
    const events: ReaderEvent[] = [];
    const unsubscribe = service.subscribe((e) => events.push(e));
    const names = (await service.listReaders()).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([readerName(0), readerName(1)]));
    const inserted = await insertCard(service.readers, cardFromFixture(CARD_FIXTURES[0]!), 1);
    expect((await service.listReaders()).find((r) => r.name === readerName(1))?.cardPresent).toBe(true);
    await inserted.pull();
    unsubscribe();
    // Reader attach events may come first, from the service's initial enumeration.
    expect(events.filter((e) => e.type === 'reader-attached').map((e) => e.type === 'reader-attached' && e.reader)).toEqual(
      expect.arrayContaining(events.some((e) => e.type === 'reader-attached') ? [readerName(0), readerName(1)] : []),
    );
    expect(events.filter((e) => e.type === 'card-inserted' || e.type === 'card-removed')).toEqual([
      { type: 'card-inserted', reader: readerName(1) },
      { type: 'card-removed', reader: readerName(1) },
    ]);
  });
});

describe('reading every fixture through pcscd', () => {
  it.each(CARD_FIXTURES.map((f) => [f.id, f] as const))('%s: PIN with the number, then 照合番号B without it', async (_id, fixture) => {
    const card = cardFromFixture(fixture);
    const inserted = await insertCard(service.readers, card, 0);
    try {
      expect(await service.queryRetries(inserted.reader)).toBe(3);
      const withPin = await service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin), withIndividualNumber: true });
      expect(withPin).toEqual({ ...expectedRecord(fixture, true), demo: false });
      const withCodeB = await service.readCard({ reader: inserted.reader, unlock: codeB(fixtureCodeB(fixture)) });
      expect(withCodeB).toEqual({ ...expectedRecord(fixture, false), demo: false });
      expect(withCodeB).not.toHaveProperty('individualNumber');
      const refused = await errorOf(
        service.readCard({ reader: inserted.reader, unlock: codeB(fixtureCodeB(fixture)), withIndividualNumber: true }),
      );
      expect(refused.code).toBe('card/number-needs-pin');
      expect(card.pinTries).toBe(3);
    } finally {
      await inserted.pull();
    }
  });
});

describe('PIN rules through pcscd', () => {
  const fixture = CARD_FIXTURES[1]!;

  it('a wrong PIN lowers the count by one and is not retried', async () => {
    const card = cardFromFixture(fixture);
    const inserted = await insertCard(service.readers, card, 0);
    try {
      const error = await errorOf(service.readCard({ reader: inserted.reader, unlock: pin('0000') }));
      expect(errorJson(error)).toMatchObject({ error: 'card/pin-wrong', retriesLeft: 2 });
      expect(card.verifyAttempts).toBe(1);
      expect(await service.queryRetries(inserted.reader)).toBe(2);
      expect(card.verifyAttempts).toBe(1);
    } finally {
      await inserted.pull();
    }
  });

  it('refuses the last try without confirmation, sends it with confirmation', async () => {
    const card = cardFromFixture(fixture, { pinTries: 1 });
    const inserted = await insertCard(service.readers, card, 0);
    try {
      const error = await errorOf(service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin) }));
      expect(errorJson(error)).toMatchObject({ error: 'card/pin-last-try', retriesLeft: 1 });
      expect(card.verifyAttempts).toBe(0);
      const ok = await service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin), allowLastTry: true });
      expect(ok.name).toBe(fixture.resident.name);
      expect(card.pinTries).toBe(3);
    } finally {
      await inserted.pull();
    }
  });

  it('a blocked PIN is reported with where to reset it, and no PIN is sent', async () => {
    const card = cardFromFixture(fixture, { pinTries: 0 });
    const inserted = await insertCard(service.readers, card, 0);
    try {
      const error = await errorOf(service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin), allowLastTry: true }));
      expect(error.code).toBe('card/pin-blocked');
      expect(error.message).toContain('窓口');
      expect(card.verifyAttempts).toBe(0);
      // 照合番号B still works for a resident whose PIN is blocked.
      const viaCodeB = await service.readCard({ reader: inserted.reader, unlock: codeB(fixtureCodeB(fixture)) });
      expect(viaCodeB.address).toBe(fixture.resident.address);
    } finally {
      await inserted.pull();
    }
  });
});

describe('failures through pcscd', () => {
  const fixture = CARD_FIXTURES[4]!;

  it('recognises a card that is not a My Number card', async () => {
    const inserted = await insertCard(service.readers, new OtherIsoCard(), 0);
    try {
      const error = await errorOf(service.readCard({ reader: inserted.reader, unlock: pin('1234') }));
      expect(error.code).toBe('card/not-mynumber-card');
    } finally {
      await inserted.pull();
    }
  });

  it.each([
    ['before VERIFY', 2],
    ['after VERIFY, during READ BINARY', 3],
  ])('a card pulled %s gives card-removed and burns no retry; the next attempt reads', async (_when, after) => {
    const card = cardFromFixture(fixture);
    const inserted = await insertCard(service.readers, card, 0, { pullAfterApdus: after });
    const error = await errorOf(service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin), withIndividualNumber: true }));
    expect(error.code).toBe('card/card-removed');
    expect(inserted.link.isOpen).toBe(false);
    expect(await service.readers.waitForCard(inserted.reader, false, 5000)).toBe(true);
    expect(card.pinTries).toBe(3);
    // The resident puts the same card back.
    const again = await insertCard(service.readers, card, 0);
    try {
      expect(await service.queryRetries(again.reader)).toBe(3);
      const ok = await service.readCard({ reader: again.reader, unlock: pin(fixture.pin), withIndividualNumber: true });
      expect(ok).toEqual({ ...expectedRecord(fixture, true), demo: false });
    } finally {
      await again.pull();
    }
  });

  it('a reader that does not exist is reader-not-found; an empty slot is no-card', async () => {
    const missing = await errorOf(service.readCard({ reader: 'SONY FeliCa RC-S300/P 00 00', unlock: pin('1234') }));
    expect(missing.code).toBe('card/reader-not-found');
    const empty = await errorOf(service.readCard({ reader: readerName(1), unlock: pin('1234') }));
    expect(empty.code).toBe('card/no-card');
  });

  it('another program holding the card exclusively makes the reader busy', async () => {
    const card = cardFromFixture(fixture);
    const inserted = await insertCard(service.readers, card, 0);
    const other = pcsclite();
    other.on('error', () => undefined);
    try {
      const holder = await new Promise<{ disconnect(cb: () => void): void }>((resolve, reject) => {
        other.on('reader', (reader) => {
          if (reader.name !== inserted.reader) return;
          reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err) =>
            err ? reject(err) : resolve({ disconnect: (cb) => reader.disconnect(cb) }),
          );
        });
      });
      const error = await errorOf(service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin) }));
      expect(error.code).toBe('card/reader-busy');
      expect(card.verifyAttempts).toBe(0);
      await new Promise<void>((resolve) => holder.disconnect(resolve));
      expect((await service.readCard({ reader: inserted.reader, unlock: pin(fixture.pin) })).name).toBe(fixture.resident.name);
    } finally {
      other.close();
      await inserted.pull();
    }
  });
});
