// The counter session over real modules without shared daemons: the in-process virtual card
// (demo transport of the card module), the real form engine, and the real queue on a temporary
// SQLite file. (The end-to-end suite runs the same flow through pcscd, CUPS and Chromium.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DemoCardService, DEMO_READER_NAME } from '../../../devices/card/demo-card-service.ts';
import { cardFromFixture, findFixture, fixtureCodeB } from '../../../devices/card/virtual/fixtures.ts';
import type { VirtualMyNumberCard } from '../../../devices/card/virtual/mynumber-card.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import type { EventName } from '../../../main/ipc/contract.ts';
import { createAppServices, type AppServices } from '../../../main/services/app-services.ts';
import { CardServiceAdapter } from '../../../main/services/card-adapter.ts';
import { CounterSession, type CounterSessionDeps } from '../../../main/services/counter-session.ts';
import type { CardPort, FormsPort, PrinterPort } from '../../../main/services/ports.ts';
import type { PrintJobSummary } from '../../../domain/print-job.ts';
import type { MoveInput } from '../../../domain/visit.ts';
import { FormsModuleAdapter } from '../../../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';
import { QueueModuleAdapter } from '../../../main/services/queue-adapter.ts';
import { waitRange } from '../../../forms/index.ts';

const fixture = findFixture('yoshida-heisei31-child') ?? findFixture('takahashi-showa64');
if (!fixture) throw new Error('fixture missing');

/** A 転入 from Fukuoka to Sapporo, no building. */
const FUKUOKA_TO_SAPPORO: MoveInput = {
  kind: 'tennyu',
  moveDate: '2026-11-20',
  postalCode: '060-0042',
  address: '北海道札幌市中央区大通西十丁目４番地',
  building: '',
  previousPostalCode: '810-0001',
  previousAddress: '福岡県福岡市中央区天神一丁目８番１号',
  phone: '',
};

describe('counter session', () => {
  let dir: string;
  let services: AppServices;
  let demo: DemoCardService;
  let card: VirtualMyNumberCard;
  let events: EventName[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-session-'));
    demo = new DemoCardService();
    card = cardFromFixture(fixture);
    demo.insert(card);
    const queue = new QueueModuleAdapter(
      openKioskDatabase({ path: join(dir, 'queue.sqlite'), keyProvider: createFileKeyProvider(join(dir, 'master.key')) }),
    );
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      card: new CardServiceAdapter(demo),
      forms: new FormsModuleAdapter(),
      queue,
      printer: null,
      readerName: DEMO_READER_NAME,
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    });
    services.staff.signIn('staff', { staffId: 'ito', role: 'staff', counter: '1' });
    events = [];
    services.events.subscribe((e) => events.push(e));
  });

  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A session of its own over this test's services, with the ports given (the one under test held or faked); staff ito at counter 1. */
  function ownSession(
    ports: Pick<CounterSessionDeps, 'card' | 'forms' | 'queue' | 'printer'>,
    readerName: string | null = null,
  ): CounterSession {
    return new CounterSession({
      ...ports,
      events: services.events,
      audit: services.audit,
      actor: () => ({ staffId: 'ito', counter: '1' }),
      readerName: async () => readerName,
      rasterize: async () => 'data:image/png;base64,',
    });
  }

  it('asks for the PIN on the resident screen, counts a wrong PIN, then reads the card', async () => {
    const { session } = services;
    session.start();
    await session.readCard('pin');
    expect((await session.view()).pin).toEqual({ state: 'prompting', retriesLeft: 3 });
    expect(session.residentView().phase).toBe('pin');
    expect(card.pinTries).toBe(3); // asking for the count consumed no try

    await expect(session.submitPin('1111', false)).resolves.toBe(true);
    let view = await session.view();
    expect(view.pin).toEqual({ state: 'wrong', retriesLeft: 2 });
    expect(view.error?.code).toBe('card/pin-wrong');
    expect(view.error?.action).toMatch(/もう一度/);
    expect(session.residentView().pin).toMatchObject({ wrong: true, retriesLeft: 2 });

    await session.submitPin(fixture.pin, false);
    view = await session.view();
    expect(view.step).toBe('members');
    expect(view.members).toMatchObject([
      { name: fixture.resident.name, birthDate: fixture.resident.birthDate, fromCard: true, relationship: '世帯主' },
    ]);
    expect(view.cardAddress).toBe(fixture.resident.address);
    // The PIN appears nowhere: not in the views, not in the audit log.
    const everything = JSON.stringify([view, session.residentView(), services.audit.entries()]);
    expect(everything).not.toContain(fixture.pin);
    expect(everything).not.toContain('1111');
    expect(services.audit.entries().map((e) => [e.action, e.detail])).toEqual(
      expect.arrayContaining([
        ['card-read-failed', 'card/pin-wrong'],
        ['card-read', 'pin'],
      ]),
    );
    expect(events).toContain('resident-changed');
  });

  it('does not send the last PIN try until the resident confirms it', async () => {
    demo.remove();
    card = cardFromFixture(fixture, { pinTries: 1 });
    demo.insert(card);
    const { session } = services;
    session.start();
    await session.readCard('pin');
    expect(session.residentView().pin).toMatchObject({ lastTry: true, retriesLeft: 1 });
    await expect(session.submitPin('9999', false)).resolves.toBe(false);
    expect(card.pinTries).toBe(1);
    await session.submitPin(fixture.pin, true);
    expect((await session.view()).members).toHaveLength(1);
  });

  it('reads with 照合番号B typed by staff, without touching the PIN tries', async () => {
    const { session } = services;
    session.start();
    await session.readCard('code-b', fixtureCodeB(fixture));
    const view = await session.view();
    expect(view.members).toMatchObject([{ name: fixture.resident.name, fromCard: true }]);
    expect(card.pinTries).toBe(3);
    expect(session.residentView().phase).toBe('confirm');
    expect(JSON.stringify(services.audit.entries())).not.toContain(fixtureCodeB(fixture));
  });

  it('explains a blocked PIN and what to do next, without sending anything', async () => {
    demo.remove();
    card = cardFromFixture(fixture, { pinTries: 0 });
    demo.insert(card);
    const { session } = services;
    session.start();
    await session.readCard('pin');
    const view = await session.view();
    expect(view.pin.state).toBe('blocked');
    expect(view.error).toMatchObject({ code: 'card/pin-blocked' });
    expect(view.error?.action).toMatch(/照合番号B/);
    expect(session.residentView().phase).not.toBe('pin');
    // The resident is told too (the lock and 照合番号B), not left at 「いらっしゃいませ」.
    expect(session.residentView()).toMatchObject({ phase: 'card-problem', pin: { blocked: true } });
  });

  it('lets staff correct earlier steps but not skip ahead, and records form changes with a reason', async () => {
    const { session } = services;
    session.start();
    session.addMember({ name: '渡邉　陽葵', furigana: 'ワタナベ　ヒマリ', birthDate: '1990-02-28', sex: 'female', relationship: '世帯主' });
    expect(() => session.goTo('preview')).toThrow(expect.objectContaining({ code: 'session/step-not-ready' }));
    session.setMove(FUKUOKA_TO_SAPPORO);
    const forms = (await session.view()).forms;
    expect(forms.some((f) => f.included)).toBe(true);
    expect(forms.every((f) => f.reason.length > 0)).toBe(true);
    const target = forms.find((f) => f.included);
    if (!target) throw new Error('no form');
    session.toggleForm(target.id, false, '本人が後日別窓口で手続き');
    const after = (await session.view()).forms.find((f) => f.id === target.id);
    expect(after).toMatchObject({ included: false, decidedBy: 'staff' });
    expect(services.audit.entries().at(-1)).toMatchObject({ action: 'form-removed', detail: target.id });
    session.goTo('members');
    session.updateMember((await session.view()).members[0]!.id, { furigana: 'わたなべ　ひまり' });
    // A hiragana reading is offered back in katakana for one-press acceptance.
    expect((await session.view()).members[0]?.furiganaSuggestion).toBe('ワタナベ　ヒマリ');
  });

  it('wipes everything when the visit ends', async () => {
    const { session } = services;
    session.start();
    await session.readCard('pin');
    await session.submitPin(fixture.pin, false);
    session.addMember({ name: '𠮷田　凛', furigana: 'ヨシダ　リン', birthDate: '2021-06-01', sex: 'female', relationship: '子' });
    session.end('cancelled');
    const view = await session.view();
    expect(view).toMatchObject({ active: false, members: [], move: null, cardAddress: null, preview: null, ticket: null });
    expect(session.residentView()).toMatchObject({ phase: 'welcome', members: [], address: null });
    expect(JSON.stringify([view, session.residentView()])).not.toMatch(/𠮷田|大阪/);
    expect(events).toContain('wipe');
    expect(services.audit.entries().at(-1)).toMatchObject({ action: 'session-ended', detail: 'cancelled' });
  });

  it('tells staff what to do when a needed service is missing', async () => {
    const { session } = services;
    session.start();
    session.addMember({ name: '佐藤　ひかる', furigana: 'サトウ　ヒカル', birthDate: '1962-08-15', sex: 'male', relationship: '世帯主' });
    session.setMove({
      kind: 'tenkyo',
      moveDate: '2026-11-20',
      postalCode: '060-0042',
      address: '北海道札幌市中央区大通西一丁目',
      building: '',
      previousPostalCode: '060-0001',
      previousAddress: '北海道札幌市中央区北一条西二丁目',
      phone: '',
    });
    await session.renderPreview();
    const error = await session.print().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'session/service-unavailable', message: 'プリンターが利用できません。' });
    expect((error as { action: string }).action).toMatch(/手書き/);
  });

  it('a card with sex code 9 gets its forms, with the sex box listed for hand-writing', async () => {
    const sato = findFixture('sato-sex9');
    if (!sato) throw new Error('fixture missing');
    demo.remove();
    demo.insert(cardFromFixture(sato));
    const { session } = services;
    session.start();
    await session.readCard('code-b', fixtureCodeB(sato));
    const [member] = (await session.view()).members;
    expect(member).toMatchObject({ name: '佐藤　ひかる', sex: 'not-applicable', fromCard: true });
    session.updateMember(member!.id, { furigana: 'サトウ　ヒカル' });
    session.setMove({ ...FUKUOKA_TO_SAPPORO, previousPostalCode: '980-0803', previousAddress: '宮城県仙台市青葉区国分町三丁目７番１号' });
    await session.renderPreview();
    const view = await session.view();
    expect(view.error).toBeNull();
    expect(view.preview?.forms.map((f) => f.id)).toContain('jumin-ido');
    expect(view.preview?.problems).toContainEqual(
      expect.objectContaining({
        formId: 'jumin-ido',
        kind: 'hand-write',
        field: 'member.sex#1',
        message: expect.stringContaining('適用不能'),
      }),
    );
  });

  describe('a visit is one object: what outlives it is dropped', () => {
    /** The real card port, held at the card until the test releases it (a slow card, without timing). */
    function heldCard(): { port: CardPort; release(): void } {
      const real = new CardServiceAdapter(demo);
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const port: CardPort = {
        demo: true,
        readers: () => real.readers(),
        onChange: (listener) => real.onChange(listener),
        pinRetries: (reader) => real.pinRetries(reader),
        read: async (reader, unlock, options) => {
          await gate;
          return real.read(reader, unlock, options);
        },
        close: () => real.close(),
      };
      return { port, release: () => release() };
    }

    for (const reason of ['cancelled', 'idle', 'completed'] as const) {
      it(`a card read still running when the visit ends (${reason}) never reaches the next visit`, async () => {
        const held = heldCard();
        const session = ownSession({ card: held.port, forms: services.forms, queue: services.queue, printer: null }, DEMO_READER_NAME);
        session.start();
        const first = (await session.view()).reference;
        const reading = session.readCard('code-b', fixtureCodeB(fixture));
        await expect.poll(() => session.residentView().phase).toBe('reading');
        session.end(reason);
        session.start();
        const second = (await session.view()).reference;
        held.release();
        await reading;

        const view = await session.view();
        expect(view).toMatchObject({ active: true, members: [], cardAddress: null, card: 'waiting', busy: null });
        expect(session.residentView()).toMatchObject({ phase: 'welcome', members: [], address: null });
        expect(JSON.stringify([view, session.residentView()])).not.toContain(fixture.resident.name.slice(0, 2));
        // The read is recorded under the visit that asked for it, not the one that was current.
        const reads = services.audit.entries().filter((e) => e.action === 'card-read');
        expect(reads.map((e) => e.reference)).toEqual([first]);
        expect(reads.map((e) => e.reference)).not.toContain(second);
        session.dispose();
      });
    }

    it('a preview still rendering when the visit ends is never shown to the next visit', async () => {
      const real = services.forms!;
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const forms: FormsPort = {
        factQuestions: (members) => real.factQuestions(members),
        lookupPostal: (code) => real.lookupPostal(code),
        decide: (household, overrides) => real.decide(household, overrides),
        receipt: (household, ticket) => real.receipt(household, ticket),
        render: async (household, overrides) => {
          await gate;
          return real.render(household, overrides);
        },
      };
      const session = ownSession({ card: null, forms, queue: null, printer: null });
      session.start();
      session.addMember({
        name: '渡邉　陽葵',
        furigana: 'ワタナベ　ヒマリ',
        birthDate: '1990-02-28',
        sex: 'female',
        relationship: '世帯主',
      });
      session.setMove(FUKUOKA_TO_SAPPORO);
      const rendering = session.renderPreview();
      session.end('idle');
      session.start();
      release();
      await rendering;
      const view = await session.view();
      expect(view).toMatchObject({ active: true, step: 'card', preview: null, members: [], busy: null });
      await expect(session.previewPage('jumin-ido', 1)).rejects.toMatchObject({ code: 'session/no-page' });
      expect(services.audit.entries().filter((e) => e.action === 'preview-rendered')).toEqual([]);
      session.dispose();
    });

    it('the resident screen shows nothing of a visit once it has ended', async () => {
      const { session } = services;
      session.start();
      await session.readCard('code-b', fixtureCodeB(fixture));
      expect(session.residentView().members).toHaveLength(1);
      session.end('idle');
      expect(session.residentView()).toEqual({
        phase: 'welcome',
        pin: { retriesLeft: null, lastTry: false, wrong: false, blocked: false },
        members: [],
        address: null,
        move: null,
        notifier: null,
        correction: null,
        signForms: [],
        idleTimer: false,
        ticket: null,
        estimatedWait: null,
        receipt: null,
      });
    });
  });

  describe('a printed visit', () => {
    /** A printer whose jobs stay held until the test lets them complete (as CUPS reports a stopped queue). */
    function heldPrinter(): { port: PrinterPort; complete(): void } {
      let state: PrintJobSummary['state'] = 'held';
      const jobs = (requestId: string): PrintJobSummary[] => [{ jobId: `${requestId}-1`, document: '住民異動届ほか', state }];
      const port: PrinterPort = {
        printerName: 'counter-1',
        status: async () => ({ state: state === 'held' ? 'stopped' : 'ready', heldJobs: state === 'held' ? 1 : 0 }),
        print: async (requestId) => jobs(requestId),
        jobs: async (requestId) => jobs(requestId),
      };
      return { port, complete: () => void (state = 'completed') };
    }

    /** A printer whose first job ends in `first` (held at a stopped printer, failed in a jam) and every later one completes. */
    function firstJobPrinter(first: PrintJobSummary['state']): { port: PrinterPort; sent: { name: string; pdf: Uint8Array }[][] } {
      const sent: { name: string; pdf: Uint8Array }[][] = [];
      const jobs: PrintJobSummary[] = [];
      const port: PrinterPort = {
        printerName: 'counter-1',
        status: async () => ({ state: 'ready', heldJobs: 0 }),
        print: async (requestId, documents) => {
          sent.push(documents);
          const job: PrintJobSummary = {
            jobId: `${requestId}-${jobs.length + 1}`,
            document: documents[0]!.name,
            state: jobs.length ? 'completed' : first,
          };
          jobs.push(job);
          return [{ ...job }];
        },
        jobs: async () => jobs.map((j) => ({ ...j })),
      };
      return { port, sent };
    }

    /** `registeredSeal`: the resident also registers a seal (a second form, the 印鑑登録申請書). */
    async function printedVisit(printer: PrinterPort, registeredSeal = false): Promise<{ session: CounterSession; requestId: string }> {
      const session = ownSession({ card: null, forms: services.forms, queue: services.queue, printer });
      session.start();
      session.addMember({
        name: '渡邉󠄁　陽葵',
        furigana: 'ワタナベ　ヒマリ',
        birthDate: '1990-02-28',
        sex: 'female',
        relationship: '世帯主',
      });
      session.setMove(FUKUOKA_TO_SAPPORO);
      if (registeredSeal) session.setFacts({ [`${(await session.view()).members[0]!.id}:registeredSeal`]: true });
      await session.renderPreview();
      await session.print();
      const requestId = (await session.view()).ticket?.requestId;
      if (!requestId) throw new Error('not printed');
      return { session, requestId };
    }

    const stateOf = (requestId: string) => services.queue!.live().items.find((i) => i.requestId === requestId)?.state;

    it('gets its ticket only once the print job has completed', async () => {
      const printer = heldPrinter();
      const { session, requestId } = await printedVisit(printer.port);
      await expect(session.issueTicket()).rejects.toMatchObject({ code: 'session/print-not-finished' });
      expect(stateOf(requestId)).toBe('forms-printed');
      expect((await session.view()).ticket).toMatchObject({ issued: false });
      printer.complete();
      await session.issueTicket();
      expect(stateOf(requestId)).toBe('submitted');
      expect((await session.view()).ticket).toMatchObject({ issued: true });
      // Both screens show the wait as the range the 受付票 prints (one definition: the receipt's waitRange).
      const ticket = (await session.view()).ticket!;
      expect(ticket.estimatedWaitMinutes).not.toBeNull();
      expect(ticket.estimatedWait).toEqual(waitRange(ticket.estimatedWaitMinutes!));
      expect(ticket.estimatedWait!.high).toBeGreaterThan(ticket.estimatedWait!.low);
      expect(session.residentView().estimatedWait).toEqual(ticket.estimatedWait);
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'ticket-issued', detail: requestId });
      // A second press hands over the same ticket once: no second 'submitted', no error.
      await session.issueTicket();
      expect(services.audit.entries().filter((e) => e.action.startsWith('ticket-issued'))).toHaveLength(1);
      session.dispose();
    });

    it('shows where to sign only once the set is on paper, and who signs each form (the 印鑑登録 by each applicant)', async () => {
      const printer = heldPrinter();
      const session = ownSession({ card: null, forms: services.forms, queue: services.queue, printer: printer.port });
      session.start();
      session.addMember({
        name: '髙橋　健太郎',
        furigana: 'タカハシ　ケンタロウ',
        birthDate: '1989-01-07',
        sex: 'male',
        relationship: '世帯主',
      });
      session.addMember({ name: '髙橋　美咲', furigana: 'タカハシ　ミサキ', birthDate: '1990-04-02', sex: 'female', relationship: '妻' });
      session.setMove(FUKUOKA_TO_SAPPORO);
      const [husband, wife] = (await session.view()).members;
      session.setFacts({ [`${husband!.id}:registeredSeal`]: true, [`${wife!.id}:registeredSeal`]: true });
      expect(session.residentView()).toMatchObject({ phase: 'confirm', idleTimer: true });

      // Rendered: the resident still checks the data (and may ask for a correction); the timer pauses.
      await session.renderPreview();
      expect(session.residentView()).toMatchObject({ phase: 'confirm', signForms: [], idleTimer: false });

      // Sent, held at a stopped printer: nothing to sign yet.
      await session.print();
      expect(session.residentView()).toMatchObject({ phase: 'printing', signForms: [], idleTimer: false });
      await session.view();
      expect(session.residentView().phase).toBe('printing');

      // On paper: the console's poll of the jobs tells the resident screen, which shows who signs what.
      printer.complete();
      events.length = 0;
      await session.view();
      expect(events).toContain('resident-changed');
      const view = session.residentView();
      expect(view.phase).toBe('sign');
      const signers = Object.fromEntries(view.signForms.map((f) => [f.formId, f.signers]));
      expect(signers['jumin-ido']).toEqual([{ name: '髙橋　健太郎', count: 1 }]);
      expect(signers['inkan-toroku']).toEqual([
        { name: '髙橋　健太郎', count: 1 },
        { name: '髙橋　美咲', count: 1 },
      ]);
      for (const form of view.signForms)
        expect(
          form.signers.reduce((n, s) => n + s.count, 0),
          form.formId,
        ).toBe(form.count);

      // A member removed after printing does not change who the paper asks to sign.
      session.removeMember(husband!.id);
      expect(session.residentView().signForms.find((f) => f.formId === 'jumin-ido')?.signers).toEqual([{ name: '髙橋　健太郎', count: 1 }]);
      session.dispose();
    });

    it('a job whose outcome the print service lost waits for staff: they record what they found (audited), nothing is sent', async () => {
      const resolved: [string, string][] = [];
      let state: PrintJobSummary['state'] = 'check-printer';
      const jobs = (requestId: string): PrintJobSummary[] => [{ jobId: `${requestId}-1`, document: '住民異動届ほか', state }];
      const printed: string[] = [];
      const port: PrinterPort = {
        printerName: 'counter-1',
        status: async () => ({ state: 'ready', heldJobs: 0 }),
        print: async (requestId) => (printed.push(requestId), jobs(requestId)),
        jobs: async (requestId) => jobs(requestId),
        resolveOutcome: async (jobId, outcome) => {
          resolved.push([jobId, outcome]);
          state = outcome === 'printed' ? 'completed' : 'failed';
          return { jobId, document: '住民異動届ほか', state };
        },
      };
      const { session, requestId } = await printedVisit(port);
      expect((await session.view()).printJobs.map((j) => j.state)).toEqual(['check-printer']);
      await expect(session.issueTicket()).rejects.toMatchObject({ code: 'session/print-not-finished' });
      await expect(session.resolvePrintOutcome('01a20ab1-71ec-7392-929a-1d4737f2c963', 'printed')).rejects.toMatchObject({
        code: 'printer/unknown-job',
      });
      await session.resolvePrintOutcome(`${requestId}-1`, 'printed');
      expect(resolved).toEqual([[`${requestId}-1`, 'printed']]);
      expect(printed).toHaveLength(1); // the first print only
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'print-outcome-recorded', detail: 'printed' });
      expect((await session.view()).printJobs.map((j) => j.state)).toEqual(['completed']);
      await session.issueTicket();
      expect(stateOf(requestId)).toBe('submitted');
      session.dispose();
    });

    it('is not counted as waiting until its ticket is handed over (printed, or printed then cancelled)', async () => {
      const printer = heldPrinter();
      const { session, requestId } = await printedVisit(printer.port);
      // Printed, the resident still at the counter signing: the hall has nobody waiting.
      expect(stateOf(requestId)).toBe('forms-printed');
      expect(services.queue!.live()).toMatchObject({ waiting: 0, longestWaitSeconds: null });
      expect(services.queue!.estimateSeconds()).toBe(0);
      printer.complete();
      await session.issueTicket();
      expect(services.queue!.live().waiting).toBe(1);
      session.dispose();
      // A second visit printed and then ended to the staff-resolve state (idle ignored): still not waiting.
      const second = await printedVisit(heldPrinter().port);
      second.session.idleExpired();
      expect(stateOf(second.requestId)).toBe('forms-printed');
      expect(services.queue!.live().waiting).toBe(1);
      second.session.dispose();
    });

    it("reprints one form of the set on request: only that form's pdf, a job of its own, audited with the form id", async () => {
      // The set's job stays held at a stopped printer; each reprint of one form prints at once.
      const { port, sent } = firstJobPrinter('held');
      const { session, requestId } = await printedVisit(port, true);
      const preview = (await session.view()).preview!;
      const form = preview.forms.find((f) => f.id === 'jumin-ido')!;
      expect(form.title).toBe('住民異動届');
      expect(preview.forms.length).toBeGreaterThan(1);
      const set = await PDFDocument.load(sent[0]![0]!.pdf);
      sent.length = 0;

      await expect(session.reprint('kokuho-ido-unknown')).rejects.toMatchObject({ code: 'session/unknown-form' });
      expect(sent).toHaveLength(0);

      await session.reprint('jumin-ido');
      expect(sent).toHaveLength(1);
      expect(sent[0]).toHaveLength(1);
      const [document] = sent[0]!;
      expect(document!.name).toBe('住民異動届・再印刷');
      // The form's own pdf, not the set: its pages only.
      const reprinted = await PDFDocument.load(document!.pdf);
      expect(reprinted.getPageCount()).toBe(form.pageCount);
      expect(set.getPageCount()).toBeGreaterThan(form.pageCount);
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'reprint-sent', detail: 'jumin-ido' });
      const view = await session.view();
      expect(view.printJobs).toEqual([
        { jobId: `${requestId}-1`, document: expect.stringContaining('帳票一式'), state: 'held' },
        { jobId: `${requestId}-2`, document: '住民異動届・再印刷', state: 'completed', formId: 'jumin-ido' },
      ]);
      // One form on paper is not the set: the resident is not shown where to sign yet.
      expect(session.residentView().phase).toBe('printing');
      // No personal data in the audit entry.
      expect(JSON.stringify(services.audit.entries())).not.toContain('渡邉');
      session.dispose();
    });

    it('is never printed a second time from the preview step: another copy is a reprint, asked for and audited', async () => {
      let prints = 0;
      const held = heldPrinter();
      const port: PrinterPort = { ...held.port, print: async (requestId, documents) => (prints++, held.port.print(requestId, documents)) };
      const { session } = await printedVisit(port);
      expect(prints).toBe(1);
      // Staff go back to the preview (the stepper allows it) and press 印刷する again.
      await expect(session.print()).rejects.toMatchObject({ code: 'session/already-printed' });
      expect(prints).toBe(1);
      expect(services.audit.entries().filter((e) => e.action === 'print-sent')).toHaveLength(1);
      await session.reprint();
      expect(prints).toBe(2);
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'reprint-sent' });
      session.dispose();
    });

    it('gets its ticket without an override once a reprint of the set printed after the first print failed', async () => {
      // The first job jams and fails; staff reprint the set and it comes out.
      const { port } = firstJobPrinter('failed');
      const { session, requestId } = await printedVisit(port);
      await expect(session.issueTicket()).rejects.toMatchObject({ code: 'session/print-not-finished' });
      await session.reprint();
      await session.issueTicket();
      expect(stateOf(requestId)).toBe('submitted');
      expect(services.audit.entries().some((e) => e.action === 'ticket-issued-before-print')).toBe(false);
      session.dispose();
    });

    it('may get its ticket before the print completes only with a stated reason, audited', async () => {
      const { session, requestId } = await printedVisit(heldPrinter().port);
      await session.issueTicket('printed-elsewhere');
      expect(stateOf(requestId)).toBe('submitted');
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'ticket-issued-before-print', detail: 'printed-elsewhere' });
      session.dispose();
    });

    it('is never ended by the idle timer once its forms are rendered', async () => {
      const printer = heldPrinter();
      const { session, requestId } = await printedVisit(printer.port);
      session.idleExpired();
      expect((await session.view()).active).toBe(true);
      expect(session.residentView().members).toHaveLength(1);
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'idle-ignored', detail: 'print' });
      expect(stateOf(requestId)).toBe('forms-printed');
      session.dispose();
    });

    it('cannot be closed as completed without a ticket; cancelling it cancels its request', async () => {
      const { session, requestId } = await printedVisit(heldPrinter().port);
      expect(() => session.end('completed')).toThrow(expect.objectContaining({ code: 'session/not-ticketed' }));
      expect(session.hasUnticketedPrint()).toBe(true);
      session.end('cancelled');
      expect((await session.view()).active).toBe(false);
      // Not left in the queue as someone waiting.
      expect(stateOf(requestId)).toBeUndefined();
      expect(services.queue!.live().waiting).toBe(0);
      const actions = services.audit.entries().map((e) => e.action);
      expect(actions.slice(-2)).toEqual(['request-cancelled', 'session-ended']);
      session.dispose();
    });

    it('ends on idle like any other visit while it has no preview yet', async () => {
      const session = services.session;
      vi.useFakeTimers({ toFake: ['performance'] });
      try {
        session.start();
        session.addMember({
          name: '髙橋　𠮷男',
          furigana: 'タカハシ　ヨシオ',
          birthDate: '1944-03-10',
          sex: 'male',
          relationship: '世帯主',
        });
        // Untouched for the resident screen's timeout and countdown (60 s + 10 s here).
        vi.advanceTimersByTime(70_000);
        session.idleExpired();
      } finally {
        vi.useRealTimers();
      }
      expect((await session.view()).active).toBe(false);
      expect(services.audit.entries().at(-1)).toMatchObject({ action: 'session-ended', detail: 'idle' });
    });
  });

  it('shows the resident what will print: 旧住所 → 新住所, the move, the phone number, sex and 和暦 dates; 「訂正が必要です」 reaches staff', async () => {
    const session = services.session;
    session.start();
    session.addMember({
      name: '髙橋　健太郎',
      furigana: 'タカハシ　ケンタロウ',
      birthDate: '1989-01-07',
      sex: 'male',
      relationship: '世帯主',
    });
    session.setMove({ ...FUKUOKA_TO_SAPPORO, building: 'ノースヒルズ円山', room: '802号室', previousBuilding: '天神ビル' });
    const view = session.residentView();
    expect(view.members[0]).toMatchObject({ birthDateWareki: '昭和64年1月7日', sex: 'male' });
    expect(view.move).toEqual({
      kind: 'tennyu',
      date: '2026-11-20',
      dateWareki: '令和8年11月20日',
      previousAddress: '福岡県福岡市中央区天神一丁目８番１号 天神ビル',
      newAddress: '北海道札幌市中央区大通西十丁目４番地 ノースヒルズ円山 802号室',
      phone: null,
    });
    // The phone number the forms print, when staff typed one.
    session.setMove({ ...FUKUOKA_TO_SAPPORO, building: 'ノースヒルズ円山', room: '802号室', phone: '090-1234-5678' });
    expect(session.residentView().move?.phone).toBe('090-1234-5678');
    // The 届出人 the forms print: the 世帯主 until staff choose another member.
    expect(view.notifier).toBe(0);
    session.addMember({ name: '髙橋　美咲', furigana: 'タカハシ　ミサキ', birthDate: '1990-04-02', sex: 'female', relationship: '妻' });
    const wife = (await session.view()).members[1]!;
    session.setNotice({ ...(await session.view()).notice, notifierId: wife.id });
    expect(session.residentView().notifier).toBe(1);
    session.setNotice({ ...(await session.view()).notice, notifierId: null });
    expect(session.residentView().notifier).toBe(0);
    session.requestCorrection('move');
    expect((await session.view()).correction).toBe('move');
    expect(session.residentView().correction).toBe('move');
    // Staff correct the move: the request is answered, the resident checks again.
    session.setMove({ ...FUKUOKA_TO_SAPPORO, moveDate: '2026-11-19' });
    expect((await session.view()).correction).toBeNull();
  });
});
