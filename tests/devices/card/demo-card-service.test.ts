import { KioskError } from '../../../domain/errors.ts';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEMO_READER_NAME, DemoCardService } from '../../../devices/card/demo-card-service.ts';
import type { ReaderEvent } from '../../../devices/card/pcsc-readers.ts';
import { CARD_FIXTURES, cardFromFixture, fixtureCodeB } from '../../../devices/card/virtual/fixtures.ts';
import { readSecretLine } from '../../../main/cli/commands/card.ts';
import { ascii, expectedRecord } from '../../support/card-fixtures.ts';

const fixture = CARD_FIXTURES[2]!;

describe('demo card service', () => {
  it('labels its reader and every result as demo', async () => {
    // The number is read only where the deployment allows it (the default forbids it).
    const service = new DemoCardService({ policy: { individualNumber: 'allowed' } });
    const events: ReaderEvent[] = [];
    service.subscribe((e) => events.push(e));
    expect(await service.listReaders()).toEqual([{ name: DEMO_READER_NAME, cardPresent: false }]);
    expect(DEMO_READER_NAME).toContain('DEMO');
    service.insert(cardFromFixture(fixture));
    expect(events).toEqual([{ type: 'card-inserted', reader: DEMO_READER_NAME }]);
    const result = await service.readCard({
      reader: DEMO_READER_NAME,
      unlock: { kind: 'pin', secret: ascii(fixture.pin) },
      withIndividualNumber: true,
    });
    expect(result).toEqual({ ...expectedRecord(fixture, true), demo: true });
  });

  it('applies the deployment policy and the 照合番号B rule before touching the card', async () => {
    const service = new DemoCardService({ policy: { individualNumber: 'forbidden' } });
    const card = cardFromFixture(fixture);
    service.insert(card);
    const pin = ascii(fixture.pin);
    await expect(
      service.readCard({ reader: DEMO_READER_NAME, unlock: { kind: 'pin', secret: pin }, withIndividualNumber: true }),
    ).rejects.toMatchObject({
      code: 'card/number-forbidden',
    });
    expect([...pin].every((b) => b === 0)).toBe(true);
    await expect(
      service.readCard({
        reader: DEMO_READER_NAME,
        unlock: { kind: 'code-b', secret: ascii(fixtureCodeB(fixture)) },
        withIndividualNumber: true,
      }),
    ).rejects.toMatchObject({ code: 'card/number-needs-pin' });
    expect(card.commandCount).toBe(0);
    expect(await service.readCard({ reader: DEMO_READER_NAME, unlock: { kind: 'code-b', secret: ascii(fixtureCodeB(fixture)) } })).toEqual({
      ...expectedRecord(fixture, false),
      demo: true,
    });
  });

  it('reports missing readers and cards', async () => {
    const service = new DemoCardService();
    await expect(service.queryRetries(DEMO_READER_NAME)).rejects.toMatchObject({ code: 'card/no-card' });
    await expect(service.queryRetries('ACS ACR1252 1S CL Reader PICC 0')).rejects.toBeInstanceOf(KioskError);
    service.insert(cardFromFixture(fixture, { pinTries: 2 }));
    expect(await service.queryRetries(DEMO_READER_NAME)).toBe(2);
    service.remove();
    await expect(service.queryRetries(DEMO_READER_NAME)).rejects.toMatchObject({ code: 'card/no-card' });
  });
});

describe('CLI secret input', () => {
  it('takes the first line of standard input as bytes, without the line end', async () => {
    expect(Buffer.from(await readSecretLine(Readable.from([Buffer.from('47'), Buffer.from('21\r\nignored\n')]))).toString()).toBe('4721');
    expect(Buffer.from(await readSecretLine(Readable.from([Buffer.from('64010720345812')]))).toString()).toBe('64010720345812');
    expect((await readSecretLine(Readable.from([]))).length).toBe(0);
  });
});
