// Threats: a render, a page raster or a print that finishes after its visit ended hands resident
// A's forms to resident B's preview; a resident screen (or anything that can send its IPC) ends
// staff's visit at any moment with `session:idle-expired`. Each asynchronous step is held at a gate
// so the visit can end while it is in flight; the clock is the session's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MoveInput } from '../../domain/visit.ts';
import type { PrintJobSummary } from '../../domain/print-job.ts';
import { AuditLog } from '../../main/audit/audit-log.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import { CounterSession, type CounterSessionDeps } from '../../main/services/counter-session.ts';
import { EventHub } from '../../main/services/event-hub.ts';
import { FormsModuleAdapter } from '../../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../../main/services/kiosk-database.ts';
import type { FormsPort, PrinterPort } from '../../main/services/ports.ts';
import { QueueModuleAdapter } from '../../main/services/queue-adapter.ts';

const MOVE: MoveInput = {
  kind: 'tennyu',
  moveDate: '2026-11-20',
  postalCode: '060-0042',
  address: '北海道札幌市中央区大通西十丁目４番地',
  building: '',
  previousPostalCode: '810-0001',
  previousAddress: '福岡県福岡市中央区天神一丁目８番１号',
  phone: '',
};

const RESIDENT_A = {
  name: '髙橋　𠮷太郎',
  furigana: 'タカハシ　キチタロウ',
  birthDate: '1961-04-09',
  sex: 'male',
  relationship: '世帯主',
} as const;

function gate(): { wait: Promise<void>; open(): void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open: () => open() };
}

describe('asynchronous results belong to the visit that started them', () => {
  let dir: string;
  let audit: AuditLog;
  let queue: QueueModuleAdapter;
  const realForms = new FormsModuleAdapter();
  const clock = { now: 0 };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-async-'));
    audit = new AuditLog(join(dir, 'audit.sqlite'));
    queue = new QueueModuleAdapter(
      openKioskDatabase({ path: join(dir, 'queue.sqlite'), keyProvider: createFileKeyProvider(join(dir, 'master.key')) }),
    );
    clock.now = 0;
  });
  afterEach(() => {
    queue.close();
    audit.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function session(overrides: Partial<CounterSessionDeps> = {}): CounterSession {
    return new CounterSession({
      card: null,
      forms: realForms,
      queue,
      printer: null,
      events: new EventHub(),
      audit,
      actor: () => ({ staffId: 'ito', counter: '1' }),
      readerName: async () => null,
      rasterize: async () => 'data:image/png;base64,AAAA',
      now: () => clock.now,
      idleAfterMs: 120_000,
      ...overrides,
    });
  }

  function visitOfA(s: CounterSession): void {
    s.start();
    s.addMember({ ...RESIDENT_A });
    s.setMove(MOVE);
  }

  const leaksNothingOfA = async (s: CounterSession) => {
    const view = await s.view();
    expect(view).toMatchObject({ active: true, members: [], preview: null, printJobs: [], ticket: null, busy: null });
    const shown = JSON.stringify([view, s.residentView()]);
    for (const secret of ['髙橋', '𠮷太郎', '1961-04-09', '大通西']) expect(shown).not.toContain(secret);
  };

  for (const reason of ['cancelled', 'completed'] as const) {
    it(`render in flight when the visit ends (${reason}): A's preview never reaches B`, async () => {
      const held = gate();
      const forms: FormsPort = {
        ...realForms,
        factQuestions: (m) => realForms.factQuestions(m),
        lookupPostal: (c) => realForms.lookupPostal(c),
        decide: (h, o) => realForms.decide(h, o),
        receipt: (h, t) => realForms.receipt(h, t),
        render: async (h, o) => (await held.wait, realForms.render(h, o)),
      };
      const s = session({ forms });
      visitOfA(s);
      const rendering = s.renderPreview();
      s.end(reason);
      s.start();
      held.open();
      await rendering;
      await leaksNothingOfA(s);
      await expect(s.previewPage('jumin-ido', 1)).rejects.toMatchObject({ code: 'session/no-page' });
      s.dispose();
    });
  }

  it("page raster in flight when the visit ends: A's page image is refused, never cached for B", async () => {
    const held = gate();
    const s = session({ rasterize: async () => (await held.wait, 'data:image/png;base64,QQ==') });
    visitOfA(s);
    await s.renderPreview();
    const formId = (await s.view()).preview!.forms[0]!.id;
    const page = s.previewPage(formId, 1);
    s.end('cancelled');
    s.start();
    held.open();
    await expect(page).rejects.toMatchObject({ code: 'session/no-page' });
    await leaksNothingOfA(s);
    s.dispose();
  });

  it("print in flight when the visit is cancelled: A's jobs and ticket never reach B", async () => {
    const held = gate();
    const printer: PrinterPort = {
      printerName: 'counter-1',
      status: async () => ({ state: 'ready', heldJobs: 0 }),
      print: async (requestId) => (
        await held.wait,
        [{ jobId: `${requestId}-1`, document: '帳票一式', state: 'completed' } satisfies PrintJobSummary]
      ),
      jobs: async (requestId) => [{ jobId: `${requestId}-1`, document: '帳票一式', state: 'completed' }],
    };
    const s = session({ printer });
    visitOfA(s);
    await s.renderPreview();
    const printing = s.print();
    s.end('cancelled');
    s.start();
    held.open();
    await printing;
    await leaksNothingOfA(s);
    expect(queue.live().items).toEqual([]);
    s.dispose();
  });

  describe('idle expiry is decided by main, not by whoever sends session:idle-expired', () => {
    it('a visit staff touched a moment ago is not ended (the call is audited as ignored)', () => {
      const s = session();
      s.start();
      clock.now = 60_000;
      s.addMember({ ...RESIDENT_A });
      clock.now = 61_000;
      s.idleExpired();
      expect(s.residentView().members).toHaveLength(1);
      expect(audit.entries().at(-1)).toMatchObject({ action: 'idle-ignored', detail: 'not-idle' });
      s.dispose();
    });

    it('a visit untouched for the whole idle period is ended', async () => {
      const s = session();
      s.start();
      s.addMember({ ...RESIDENT_A });
      clock.now = 120_000;
      s.idleExpired();
      expect((await s.view()).active).toBe(false);
      expect(audit.entries().at(-1)).toMatchObject({ action: 'session-ended', detail: 'idle' });
      s.dispose();
    });

    it('keep-alive (staff at the console, the resident pressing 続ける) counts as activity', () => {
      const s = session();
      s.start();
      clock.now = 119_000;
      s.keepAlive();
      clock.now = 150_000;
      s.idleExpired();
      expect(audit.entries().at(-1)).toMatchObject({ action: 'idle-ignored', detail: 'not-idle' });
      s.dispose();
    });
  });
});
