// Threat: resident A's card data lands in resident B's visit. A card read is still running at the
// real pcscd (a slow virtual card over vpcd) when A's visit ends — by 終了, by staff signing out,
// or by the resident screen's idle expiry — and B's visit starts before the read completes.
// Everything goes through the IPC handlers, as the screens call them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscCardService } from '../../devices/card/pcsc-card-service.ts';
import { cardFromFixture, findFixture, fixtureCodeB } from '../../devices/card/virtual/fixtures.ts';
import { createHandlers } from '../../main/app-handlers.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import type { HandlerMap } from '../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../main/services/app-services.ts';
import { CardServiceAdapter } from '../../main/services/card-adapter.ts';
import { FormsModuleAdapter } from '../../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../../main/services/kiosk-database.ts';
import { QueueModuleAdapter } from '../../main/services/queue-adapter.ts';
import { acquireVpcdLock, insertCard, readerName } from '../support/card-vpcd.ts';

const residentA = findFixture('takahashi-showa64');
if (!residentA) throw new Error('fixture missing');

const STAFF = { screen: 'staff' } as const;
const RESIDENT = { screen: 'resident' } as const;
/** The idle timeout main enforces in this test (the resident screen's timer plus its countdown). */
const IDLE_SECONDS = 1;

describe('a card read in flight never reaches the next visit (real pcscd, slow virtual card)', () => {
  let dir: string;
  let pcsc: PcscCardService;
  let services: AppServices;
  let handlers: HandlerMap;
  let releaseSlots: () => void;

  beforeAll(async () => {
    releaseSlots = await acquireVpcdLock();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-race-'));
    pcsc = PcscCardService.open();
    const queue = new QueueModuleAdapter(
      openKioskDatabase({ path: join(dir, 'queue.sqlite'), keyProvider: createFileKeyProvider(join(dir, 'master.key')) }),
    );
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: false, idleTimeoutSeconds: IDLE_SECONDS, idleCountdownSeconds: 0 },
      card: new CardServiceAdapter(pcsc),
      forms: new FormsModuleAdapter(),
      queue,
      printer: null,
      readerName: readerName(0),
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    });
    await services.accounts.setPassword('ito', 'staff', 'sakura-2026-madoguchi');
    handlers = createHandlers(services);
  });

  afterAll(async () => {
    await services?.close();
    pcsc?.close();
    releaseSlots?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = () => handlers['auth:sign-in']({ staffId: 'ito', password: 'sakura-2026-madoguchi' }, STAFF);

  const ways = {
    '終了 (session:end completed)': async () => void (await handlers['session:end']({ reason: 'completed' }, STAFF)),
    'staff sign-out': async () => {
      await handlers['auth:sign-out']({}, STAFF);
      await signIn();
    },
    'idle expiry from the resident screen': async () => {
      // Really idle: longer than the timeout since anyone touched the visit (the read is still running).
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000 + 200));
      await handlers['session:idle-expired']({}, RESIDENT);
    },
  } as const;

  for (const [way, endVisit] of Object.entries(ways)) {
    it(`ended by ${way}: A's name, address and birth date never appear in B's visit, and the read is audited under A`, async () => {
      // Each APDU answered after 400 ms: the whole read takes a few seconds.
      const inserted = await insertCard(pcsc.readers, cardFromFixture(residentA), 0, { responseDelayMs: 400 });
      try {
        await signIn();
        const a = await handlers['session:start']({}, STAFF);
        let settled = false;
        const reading = Promise.resolve(handlers['session:read-card']({ unlock: 'code-b', codeB: fixtureCodeB(residentA) }, STAFF)).finally(
          () => (settled = true),
        );
        // The card is answering (the read is at the card, through pcscd), not yet done.
        await expect.poll(() => inserted.link.apduCount).toBeGreaterThan(0);
        expect((await handlers['resident:view']({}, RESIDENT)).phase).toBe('reading');
        await endVisit();
        // The read must still be in flight, or this test tests nothing.
        expect(settled).toBe(false);
        const b = await handlers['session:start']({}, STAFF);
        expect(b.reference).not.toBe(a.reference);
        await reading.catch(() => undefined);
        // Let any late continuation run.
        await new Promise((resolve) => setTimeout(resolve, 100));

        const staffView = await handlers['session:get']({}, STAFF);
        const residentView = await handlers['resident:view']({}, RESIDENT);
        expect(staffView).toMatchObject({ active: true, reference: b.reference, members: [], cardAddress: null, busy: null });
        expect(residentView).toMatchObject({ phase: 'welcome', members: [], address: null });
        const shown = JSON.stringify([staffView, residentView]);
        for (const secret of [residentA.resident.name.slice(0, 2), residentA.resident.address.slice(0, 6), residentA.resident.birthDate]) {
          expect(shown).not.toContain(secret);
        }
        const reads = services.audit.entries().filter((e) => e.action === 'card-read' || e.action === 'card-read-failed');
        expect(reads.map((e) => e.reference)).not.toContain(b.reference);
        // The read is audited once, under A's visit and the staff who started it (read or failed, as the card answered).
        expect(reads.filter((e) => e.reference === a.reference)).toEqual([
          expect.objectContaining({ staffId: 'ito', reference: a.reference }),
        ]);
        await handlers['session:end']({ reason: 'cancelled' }, STAFF);
      } finally {
        await inserted.pull();
      }
    });
  }

  it('resident:view returns no members once the visit has ended', async () => {
    const inserted = await insertCard(pcsc.readers, cardFromFixture(residentA), 0);
    try {
      await signIn();
      await handlers['session:start']({}, STAFF);
      await handlers['session:read-card']({ unlock: 'code-b', codeB: fixtureCodeB(residentA) }, STAFF);
      expect((await handlers['resident:view']({}, RESIDENT)).members).toHaveLength(1);
      await handlers['session:end']({ reason: 'completed' }, STAFF);
      const after = await handlers['resident:view']({}, RESIDENT);
      expect(after).toMatchObject({ phase: 'welcome', members: [], address: null, move: null });
      expect(JSON.stringify(after)).not.toContain(residentA.resident.name.slice(0, 2));
    } finally {
      await inserted.pull();
    }
  });
});
