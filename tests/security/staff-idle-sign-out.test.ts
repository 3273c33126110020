// Threat: a staff console left signed in while its staff member is away. Anyone passing by can
// start visits, read the queue, reprint a family's forms or cancel requests as that staff member,
// and the audit log blames them. Main decides the sign-out, by its own clock, after the office's
// idle period (staff.idleSignOutMinutes, default 10), warning the screen a minute before; the
// screen's own polls and re-reads are not activity, and neither is the resident screen. The
// sign-out is audited with codes only. A visit whose forms were printed is never ended silently:
// it is parked for the next staff to decide. The clock is injected.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintJobSummary } from '../../domain/print-job.ts';
import type { MoveInput } from '../../domain/visit.ts';
import { createHandlers } from '../../main/app-handlers.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import type { EventName } from '../../main/ipc/contract.ts';
import { handle, type HandlerMap } from '../../main/ipc/registry.ts';
import { MAX_PARKED } from '../../main/services/counter-session.ts';
import { createAppServices, type AppServices } from '../../main/services/app-services.ts';
import { FormsModuleAdapter } from '../../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../../main/services/kiosk-database.ts';
import { parseOfficeConfig } from '../../main/services/office-config.ts';
import type { PrinterPort } from '../../main/services/ports.ts';
import { QueueModuleAdapter } from '../../main/services/queue-adapter.ts';

const STAFF = { screen: 'staff' } as const;
const SUPERVISOR = { screen: 'supervisor' } as const;
const RESIDENT = { screen: 'resident' } as const;
const PASSWORD = 'sakura-madoguchi-2026';
const MINUTE = 60_000;
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
const HEAD = {
  name: '鷲見　檸檬太郎',
  furigana: 'スミ　レモンタロウ',
  birthDate: '1979-06-02',
  sex: 'male',
  relationship: '世帯主',
} as const;

const printer: PrinterPort = {
  printerName: 'Counter3',
  status: async () => ({ state: 'ready', heldJobs: 0 }),
  print: async (requestId) => [{ jobId: `${requestId}-1`, document: '帳票一式', state: 'completed' } satisfies PrintJobSummary],
  jobs: async (requestId) => [{ jobId: `${requestId}-1`, document: '帳票一式', state: 'completed' }],
};

describe('staff idle sign-out (main decides, by its own clock)', () => {
  let dir: string;
  let services: AppServices;
  let handlers: HandlerMap;
  let pushed: EventName[];
  const clock = { now: Date.parse('2026-11-24T01:00:00Z') };
  const forms = new FormsModuleAdapter();

  async function start(idleMs: number | undefined): Promise<void> {
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 120, idleCountdownSeconds: 30 },
      kdf: { N: 2 ** 10, r: 8, p: 1 },
      counter: '3',
      now: () => clock.now,
      staffIdleMs: idleMs,
      staffIdleCheckMs: 0, // the test runs main's check itself, after moving the clock
      forms,
      queue: new QueueModuleAdapter(
        openKioskDatabase({ path: join(dir, 'kiosk.sqlite'), keyProvider: createFileKeyProvider(join(dir, 'master.key')) }),
      ),
      printer,
    });
    await services.accounts.setPassword('ito-k', 'staff', PASSWORD);
    await services.accounts.setPassword('suzuki-sv', 'supervisor', 'kanri-madoguchi-2026');
    handlers = createHandlers(services);
    pushed = [];
    services.events.subscribe((e) => pushed.push(e));
  }
  const call = (channel: string, payload: unknown = {}, context: { screen: 'staff' | 'supervisor' | 'resident' } = STAFF) =>
    handle(handlers, channel, payload, context);
  const signIn = () => call('auth:sign-in', { staffId: 'ito-k', password: PASSWORD });
  const after = (ms: number) => {
    clock.now += ms;
    services.staffIdle.check();
  };
  const whoami = async (context: { screen: 'staff' | 'supervisor' } = STAFF) =>
    ((await call('auth:whoami', {}, context)) as { value: { staff: unknown } }).value.staff;
  const secondsLeft = async (context: { screen: 'staff' | 'supervisor' } = STAFF) =>
    ((await call('auth:idle', {}, context)) as { value: { signOutInSeconds: number | null } }).value.signOutInSeconds;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-idle-'));
  });
  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('default 10 minutes: a warning at 9, sign-out at 10; polls and re-reads are not activity; audited with codes only', async () => {
    await start(undefined);
    expect((await signIn()).ok).toBe(true);
    after(9 * MINUTE - 1000);
    expect(await secondsLeft()).toBeNull();
    pushed = [];
    after(1000);
    // The warning minute: the screen is told (a data-free push) and reads how long is left.
    expect(pushed).toContain('auth-changed');
    expect(await secondsLeft()).toBe(60);
    // What the console does by itself meanwhile keeps nobody signed in.
    for (const channel of ['status:get', 'session:get', 'auth:whoami', 'auth:idle', 'queue:live', 'app:info']) await call(channel);
    after(30_000);
    expect(await secondsLeft()).toBe(30);
    after(30_000);
    expect(await whoami()).toBeNull();
    expect(await call('session:start')).toMatchObject({ ok: false, error: { code: 'auth/not-signed-in' } });
    const entry = services.audit.entries().find((e) => e.action === 'sign-out');
    expect(entry).toMatchObject({ staffId: 'ito-k', counter: '3', detail: 'idle' });
    expect(pushed).toContain('auth-changed');
  });

  it('続ける / Continue (auth:stay-signed-in) or any staff action during the warning starts the period again', async () => {
    await start(undefined);
    await signIn();
    after(9.5 * MINUTE);
    expect(await secondsLeft()).toBe(30);
    pushed = [];
    expect(await call('auth:stay-signed-in')).toEqual({ ok: true, value: {} });
    expect(await secondsLeft()).toBeNull();
    expect(pushed).toContain('auth-changed'); // the warning closes on the screen too
    after(9.9 * MINUTE);
    expect(await whoami()).not.toBeNull();
    await call('postal:lookup', { postalCode: '0600042' }); // staff typing a postal code
    after(9.9 * MINUTE);
    expect(await whoami()).not.toBeNull();
    after(0.2 * MINUTE);
    expect(await whoami()).toBeNull();
  });

  it('the idle period comes from the office configuration (staff.idleSignOutMinutes)', async () => {
    await start(parseOfficeConfig({ staff: { idleSignOutMinutes: 3 } }).staffIdleSignOutMs);
    await signIn();
    after(2 * MINUTE);
    expect(await secondsLeft()).toBe(60);
    after(MINUTE);
    expect(await whoami()).toBeNull();
  });

  it('the resident screen cannot keep the staff console signed in', async () => {
    await start(undefined);
    await signIn();
    await call('session:start');
    for (let i = 0; i < 11; i += 1) {
      after(MINUTE);
      await call('session:keep-alive', {}, RESIDENT);
      await call('resident:view', {}, RESIDENT);
    }
    expect(await whoami()).toBeNull();
  });

  it('a late call after the idle period is refused even before main checked (a suspended PC waking up)', async () => {
    await start(undefined);
    await signIn();
    clock.now += 30 * MINUTE; // no check ran
    expect(await call('session:start')).toMatchObject({ ok: false, error: { code: 'auth/not-signed-in' } });
    expect(services.audit.entries().some((e) => e.action === 'sign-out' && e.detail === 'idle')).toBe(true);
  });

  it('the supervisor dashboard is signed out on its own clock, as the staff console', async () => {
    await start(undefined);
    await call('auth:sign-in', { staffId: 'suzuki-sv', password: 'kanri-madoguchi-2026' }, SUPERVISOR);
    await signIn();
    after(5 * MINUTE);
    await call('stats:csv', { from: '2026-11-01', to: '2026-11-24' }, SUPERVISOR); // an action
    after(5 * MINUTE);
    expect(await whoami()).toBeNull();
    expect(await whoami(SUPERVISOR)).not.toBeNull();
    after(5 * MINUTE);
    expect(await whoami(SUPERVISOR)).toBeNull();
  });

  it('a visit with nothing printed ends with the sign-out: its data leaves main and both screens', async () => {
    await start(undefined);
    await signIn();
    await call('session:start');
    await call('session:add-member', { ...HEAD });
    pushed = [];
    after(10 * MINUTE);
    expect(pushed).toContain('wipe');
    expect(JSON.stringify(services.session.residentView())).not.toContain('檸檬');
    await signIn();
    const view = (await call('session:get')) as { value: { active: boolean; parked: unknown[] } };
    expect(view.value).toMatchObject({ active: false, parked: [] });
    expect(services.audit.entries().some((e) => e.action === 'session-ended' && e.detail === 'idle')).toBe(true);
  });

  it('a visit whose forms were printed is not ended silently: it is parked for the next staff, its request still open', async () => {
    await start(undefined);
    await signIn();
    await call('session:start');
    await call('session:add-member', { ...HEAD });
    await call('session:set-move', MOVE);
    expect((await call('session:preview')).ok).toBe(true);
    expect(await call('session:print')).toMatchObject({ ok: true, value: { step: 'print', error: null } });
    const waitingBefore = services.queue!.live();
    pushed = [];
    after(10 * MINUTE);
    expect(await whoami()).toBeNull();
    // Off both screens (wiped), not cancelled: the queue still has the request.
    expect(pushed).toContain('wipe');
    expect(JSON.stringify(services.session.residentView())).not.toContain('檸檬');
    expect(services.queue!.live()).toEqual(waitingBefore);
    expect(services.audit.entries().some((e) => e.action === 'request-cancelled')).toBe(false);
    expect(services.audit.entries().find((e) => e.action === 'sign-out')).toMatchObject({ detail: 'idle:printed-visit-kept' });
    // The next staff finds it in the 保留 list and decides.
    await signIn();
    const view = (await call('session:get')) as { value: { active: boolean; parked: { reference: string }[] } };
    expect(view.value.active).toBe(false);
    expect(view.value.parked).toHaveLength(1);
    expect((await call('session:resume', { reference: view.value.parked[0]!.reference })).ok).toBe(true);
    expect(await call('session:issue-ticket', {})).toMatchObject({ ok: true, value: { step: 'ticket' } });
    // Nothing personal in the audit log.
    const audit = Buffer.concat(
      ['audit.sqlite', 'audit.sqlite-wal'].map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : Buffer.alloc(0))),
    );
    for (const secret of ['鷲見', '檸檬', '1979-06-02']) {
      expect(audit.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(JSON.stringify(services.audit.entries())).not.toContain(secret);
    }
  });

  it('a printed visit is parked even when five are parked already: never left on the resident screen of an empty counter', async () => {
    await start(undefined);
    await signIn();
    const printedVisit = async () => {
      await call('session:start');
      await call('session:add-member', { ...HEAD });
      await call('session:set-move', MOVE);
      expect((await call('session:preview')).ok).toBe(true);
      expect((await call('session:print')).ok).toBe(true);
    };
    for (let i = 0; i < MAX_PARKED; i++) {
      await printedVisit();
      expect((await call('session:park')).ok).toBe(true);
    }
    await printedVisit();
    pushed = [];
    after(10 * MINUTE);
    expect(await whoami()).toBeNull();
    expect(pushed).toContain('wipe');
    expect(JSON.stringify(services.session.residentView())).not.toContain('檸檬');
    await signIn();
    const view = (await call('session:get')) as { value: { active: boolean; parked: unknown[] } };
    expect(view.value.active).toBe(false);
    expect(view.value.parked).toHaveLength(MAX_PARKED + 1);
  });
});
