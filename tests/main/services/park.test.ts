// Parking a visit (the family goes to fetch a document) and resuming it: the data stays only in
// the session's memory, nothing started for another visit reaches a parked one, and parked visits
// end by the same rules as an open one (sign-out, the office day ending, the app exiting).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoCardService, DEMO_READER_NAME } from '../../../devices/card/demo-card-service.ts';
import { cardFromFixture, findFixture, fixtureCodeB } from '../../../devices/card/virtual/fixtures.ts';
import type { PrintJobSummary } from '../../../domain/print-job.ts';
import type { MoveInput } from '../../../domain/visit.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { createHandlers } from '../../../main/app-handlers.ts';
import { sessionView } from '../../../main/ipc/contract.ts';
import { createAppServices, type AppServices } from '../../../main/services/app-services.ts';
import { CardServiceAdapter } from '../../../main/services/card-adapter.ts';
import { CounterSession, MAX_PARKED } from '../../../main/services/counter-session.ts';
import { FormsModuleAdapter } from '../../../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';
import type { CardPort, PrinterPort } from '../../../main/services/ports.ts';
import { QueueModuleAdapter } from '../../../main/services/queue-adapter.ts';

const HEAD = findFixture('takahashi-showa64');
const OTHER = findFixture('yamazaki-heisei1');
if (!HEAD || !OTHER) throw new Error('fixture missing');

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

/** 2026-12-02 14:05 JST, and the same instant the next office day. */
const AFTERNOON = Date.parse('2026-12-02T05:05:00Z');
const NEXT_MORNING = Date.parse('2026-12-03T00:30:00Z');

describe('parking a visit', () => {
  let dir: string;
  let services: AppServices;
  let demo: DemoCardService;
  let clock: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-park-'));
    demo = new DemoCardService();
    demo.insert(cardFromFixture(HEAD));
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
    clock = AFTERNOON;
  });

  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A session over the test's services, with a card port of the test's choosing and its clock. */
  function session(options: { card?: CardPort; printer?: PrinterPort | null } = {}): CounterSession {
    return new CounterSession({
      card: options.card ?? services.card,
      forms: services.forms,
      queue: services.queue,
      printer: options.printer ?? null,
      events: services.events,
      audit: services.audit,
      actor: () => services.staff.get('staff') && { staffId: 'ito', counter: '1' },
      readerName: async () => DEMO_READER_NAME,
      rasterize: async () => 'data:image/png;base64,',
      clock: () => clock,
    });
  }

  function completedPrinter(): PrinterPort {
    const jobs = (requestId: string): PrintJobSummary[] => [{ jobId: `${requestId}-1`, document: '帳票一式', state: 'completed' }];
    return {
      printerName: 'p',
      status: async () => ({ state: 'ready', heldJobs: 0 }),
      print: async (r) => jobs(r),
      jobs: async (r) => jobs(r),
    };
  }

  /** Every file under the data directory, as text: to show a parked household is not on disk. */
  function everythingOnDisk(): string {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else out.push(readFileSync(p).toString('utf8'), readFileSync(p).toString('utf16le'));
      }
    };
    walk(dir);
    return out.join('\n');
  }

  it('leaves both screens, lists it by label and family name only, and resumes it where it was', async () => {
    const s = session();
    s.start();
    await s.readCard('code-b', fixtureCodeB(HEAD));
    s.setMove(MOVE);
    const before = await s.view();
    s.park();

    const parkedView = await s.view();
    expect(sessionView.parse(parkedView)).toEqual(parkedView);
    expect(parkedView).toMatchObject({ active: false, members: [], move: null });
    expect(parkedView.parked).toEqual([
      { reference: before.reference, label: '保留 1', familyName: '髙橋', ticket: null, step: 'procedures', members: 1, parkedAt: '14:05' },
    ]);
    // The resident screen shows nothing of it (the welcome screen: no idle timer runs for it either).
    expect(s.residentView()).toMatchObject({ phase: 'welcome', members: [], address: null, move: null });
    // Nothing personal beyond the family name in what the console lists; nothing of it on disk.
    const given = HEAD.resident.name.split('　')[1]!;
    expect(JSON.stringify(parkedView)).not.toContain(given);
    expect(JSON.stringify(parkedView)).not.toContain('大通西');
    expect(everythingOnDisk()).not.toContain(given);
    expect(everythingOnDisk()).not.toContain('大通西十丁目');

    s.resume(before.reference!);
    const resumed = await s.view();
    expect(resumed).toMatchObject({ active: true, reference: before.reference, step: 'procedures', parked: [] });
    expect(resumed.members.map((m) => m.name)).toEqual([HEAD.resident.name]);
    expect(resumed.move).toEqual(before.move);
    expect(s.residentView().phase).toBe('confirm');
    const audit = services.audit.entries().filter((e) => e.action === 'visit-parked' || e.action === 'visit-resumed');
    expect(audit.map((e) => [e.action, e.reference, e.detail])).toEqual([
      ['visit-parked', before.reference, 'procedures'],
      ['visit-resumed', before.reference, 'procedures'],
    ]);
    s.dispose();
  });

  it('never gives a parked visit a card read started for another visit', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = new CardServiceAdapter(demo);
    const held: CardPort = {
      demo: true,
      readers: () => real.readers(),
      onChange: (l) => real.onChange(l),
      pinRetries: (r) => real.pinRetries(r),
      read: async (r, u, o) => {
        await gate;
        return real.read(r, u, o);
      },
      close: () => real.close(),
    };
    const s = session({ card: held });
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    const first = (await s.view()).reference!;
    s.park();
    s.start();
    const reading = s.readCard('code-b', fixtureCodeB(HEAD));
    await expect.poll(() => s.residentView().phase).toBe('reading');
    // A visit whose card is being read cannot be parked (its result would have nowhere to go).
    expect(() => s.park()).toThrow(expect.objectContaining({ code: 'session/cannot-park' }));
    release();
    await reading;
    expect((await s.view()).members.map((m) => m.name)).toEqual([HEAD.resident.name]);
    // The open visit has data: resuming the parked one needs it parked or ended first.
    expect(() => s.resume(first)).toThrow(expect.objectContaining({ code: 'session/visit-open' }));
    s.park();
    s.resume(first);
    expect((await s.view()).members.map((m) => m.name)).toEqual(['山田　花子']);
    expect((await s.view()).parked.map((p) => p.familyName)).toEqual(['髙橋']);
    s.dispose();
  });

  it('holds several visits at one counter, up to a limit', async () => {
    const s = session();
    for (let i = 0; i < MAX_PARKED; i++) {
      s.start();
      s.addMember({ name: `佐藤　${i}郎`, furigana: 'サトウ　タロウ', birthDate: '1970-01-01', sex: 'male', relationship: '世帯主' });
      s.park();
    }
    expect((await s.view()).parked.map((p) => p.label)).toEqual(['保留 1', '保留 2', '保留 3', '保留 4', '保留 5']);
    s.start();
    expect(() => s.park()).toThrow(expect.objectContaining({ code: 'session/too-many-parked' }));
    // An open visit with nobody in it gives way to the one resumed.
    s.resume((await s.view()).parked[2]!.reference);
    expect((await s.view()).members[0]?.name).toBe('佐藤　2郎');
    s.dispose();
  });

  it('ends at sign-out like the open visit, refused while a parked one has printed forms without a ticket', async () => {
    const handlers = createHandlers(services);
    const context = { screen: 'staff' as const };
    const s = services.session;
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.park();
    await handlers['auth:sign-out']({}, context);
    services.staff.signIn('staff', { staffId: 'ito', role: 'staff', counter: '1' });
    expect((await s.view()).parked).toEqual([]);
    expect(services.audit.entries().find((e) => e.action === 'session-ended')?.detail).toBe('cancelled');

    // A printed visit parked: sign-out is refused until staff decide about it.
    const p = session({ printer: completedPrinter() });
    p.start();
    p.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    p.setMove(MOVE);
    await p.renderPreview();
    await p.print();
    p.park();
    expect(p.hasUnticketedPrint()).toBe(true);
    expect((await p.view()).parked[0]?.ticket).toMatch(/^A-\d{3}$/);
    p.dispose();
  });

  it('is dropped when the office day ends; a printed one leaves the queue', async () => {
    const s = session({ printer: completedPrinter() });
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.setMove(MOVE);
    await s.renderPreview();
    await s.print();
    const { reference, ticket } = await s.view();
    s.park();
    expect(services.queue!.live().items.map((i) => i.state)).toEqual(['forms-printed']);
    clock = NEXT_MORNING;
    expect((await s.view()).parked).toEqual([]);
    expect(() => s.resume(reference!)).toThrow(expect.objectContaining({ code: 'session/no-parked-visit' }));
    expect(services.queue!.live().items.find((i) => i.requestId === ticket?.requestId)).toBeUndefined();
    const ended = services.audit.entries().filter((e) => e.reference === reference);
    expect(ended.slice(-2).map((e) => [e.action, e.detail])).toEqual([
      ['request-cancelled', ticket?.requestId],
      ['session-ended', 'day-end'],
    ]);
    s.dispose();
  });

  it('drops every parked visit when the app exits (dispose)', async () => {
    const s = session();
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.park();
    s.dispose();
    expect((await s.view()).parked).toEqual([]);
  });

  it('cannot park a visit whose ticket was handed over', async () => {
    const s = session({ printer: completedPrinter() });
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.setMove(MOVE);
    await s.renderPreview();
    await s.print();
    await s.issueTicket();
    expect(() => s.park()).toThrow(expect.objectContaining({ code: 'session/cannot-park' }));
    s.dispose();
  });
});

describe('preview pages', () => {
  it('are rasterised as soon as the set is rendered, first page first, and a clicked page goes before the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-preview-'));
    const calls: string[] = [];
    const forms = new FormsModuleAdapter();
    let n = 0;
    const s = new CounterSession({
      card: null,
      forms,
      queue: null,
      printer: null,
      events: { emit: () => undefined } as never,
      audit: { record: () => undefined } as never,
      actor: () => ({ staffId: 'ito', counter: '1' }),
      readerName: async () => null,
      rasterize: async (_pdf, page, dpi) => {
        calls.push(`${++n}:${page}@${dpi}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return `data:image/png;base64,${dpi}`;
      },
    });
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.addMember({ name: '山田　太郎', furigana: 'ヤマダ　タロウ', birthDate: '2016-04-02', sex: 'male', relationship: '子' });
    s.setMove(MOVE);
    await s.renderPreview();
    const view = await s.view();
    const [firstForm, lastForm] = [view.preview!.forms[0]!, view.preview!.forms.at(-1)!];
    // Nobody asked yet: the thumbnails are already being drawn, in hand-over order.
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[0]).toBe('1:1@60');
    const full = s.previewPage(lastForm.id, 1, 'full');
    expect(await s.previewPage(firstForm.id, 1)).toBe('data:image/png;base64,60');
    expect(await full).toBe('data:image/png;base64,150');
    const pages = view.preview!.forms.reduce((k, f) => k + f.pageCount, 0);
    await expect.poll(() => calls.length).toBe(pages + 1);
    // The clicked page jumped the line: drawn before the thumbnails still waiting.
    expect(calls.findIndex((c) => c.endsWith('@150'))).toBeLessThan(pages);
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the render ahead of 「プレビューを作成」', () => {
  function countingSession(): { session: CounterSession; renders: () => number } {
    const real = new FormsModuleAdapter();
    let renders = 0;
    const forms = {
      factQuestions: real.factQuestions.bind(real),
      lookupPostal: real.lookupPostal.bind(real),
      decide: real.decide.bind(real),
      receipt: real.receipt.bind(real),
      render: (...args: Parameters<FormsModuleAdapter['render']>) => (renders++, real.render(...args)),
    };
    const session = new CounterSession({
      card: null,
      forms,
      queue: null,
      printer: null,
      events: { emit: () => undefined } as never,
      audit: { record: () => undefined } as never,
      actor: () => ({ staffId: 'ito', counter: '1' }),
      readerName: async () => null,
      rasterize: async (_pdf, _page, dpi) => `data:image/png;base64,${dpi}`,
    });
    return { session, renders: () => renders };
  }

  it('starts once staff pause on the procedures step, and the click uses it for the same input only', async () => {
    const { session: s, renders } = countingSession();
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.setMove(MOVE);
    await expect.poll(renders, { timeout: 3000 }).toBe(1);
    await s.renderPreview();
    expect(renders()).toBe(1);
    expect((await s.view()).preview?.forms.length).toBeGreaterThan(0);
    // A changed answer: what was rendered ahead for the old input is never shown.
    s.setFacts({ 'm1:nationalHealthInsurance': true });
    expect((await s.view()).preview).toBeNull();
    await s.renderPreview();
    expect(renders()).toBe(2);
    expect((await s.view()).preview?.forms.map((f) => f.id)).toContain('kokuho-ido');
    s.dispose();
  });

  it('a household changed while its preview renders never shows the stale set', async () => {
    const { session: s } = countingSession();
    s.start();
    s.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    s.setMove(MOVE);
    const rendering = s.renderPreview();
    s.addMember({ name: '山田　一郎', furigana: 'ヤマダ　イチロウ', birthDate: '2015-05-20', sex: 'male', relationship: '子' });
    await rendering;
    expect((await s.view()).preview).toBeNull();
    s.dispose();
  });
});
