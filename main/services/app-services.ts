// Composition root of the main process: builds the services the IPC handlers use, from the
// real modules through adapters. Shared by electron/main.ts and the end-to-end bridge so both
// run the same code.
import { join } from 'node:path';
import { ensureFolder } from '../db/ensure-folder.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { StaffAccounts, StaffSession, type KdfParams } from '../auth/staff-accounts.ts';
import { SignInGuard } from '../auth/sign-in-guard.ts';
import { CounterSession } from './counter-session.ts';
import { EventHub } from './event-hub.ts';
import type { CardPort, FormsPort, OfficeLinkPort, PrinterPort, QueuePort } from './ports.ts';
import { rasterizePage } from './rasterize.ts';
import { StaffIdleMonitor } from './staff-idle.ts';
import { DEFAULT_STAFF_IDLE_MINUTES } from './office-config.ts';
import type { ScreenName } from '../../domain/staff.ts';
import type { Category } from '../../domain/request.ts';

export interface AppInfo {
  name: string;
  version: string;
  demoMode: boolean;
  idleTimeoutSeconds: number;
  idleCountdownSeconds: number;
}

export interface AppServices {
  info: AppInfo;
  accounts: StaffAccounts;
  staff: StaffSession;
  /** Back-off and lock-out of failed sign-ins, per staff id. */
  signInGuard: SignInGuard;
  /** This machine's counter number (its configuration; never what a renderer sends). */
  counter: string;
  audit: AuditLog;
  events: EventHub;
  session: CounterSession;
  /** Staff idle sign-out (main decides; the screens only warn). */
  staffIdle: StaffIdleMonitor;
  /** Signs a screen out: the audit entry, the visits (staff console), the push event. */
  signOut(screen: ScreenName, why: 'staff' | 'idle'): void;
  card: CardPort | null;
  forms: FormsPort | null;
  queue: QueuePort | null;
  printer: PrinterPort | null;
  /** The link to the office service (its outbox worker); null: this counter works alone. */
  office: OfficeLinkPort | null;
  /** The reader this counter uses (by name); null = the first one. */
  readerName: string | null;
  /** Opens the supervisor dashboard window (Electron); the test bridge opens a page instead. */
  openDashboard(): void;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  dataDir: string;
  info: AppInfo;
  card?: CardPort | null;
  forms?: FormsPort | null;
  queue?: QueuePort | null;
  printer?: PrinterPort | null;
  /** The office service's outbox worker (real-modules.ts); kicked on every queue change, stopped on close. */
  office?: OfficeLinkPort | null;
  readerName?: string | null;
  kdf?: KdfParams;
  openDashboard?: () => void;
  /** Where residents wait, printed on the 受付票 (office.waitingArea; the default otherwise). */
  waitingArea?: string;
  /** The categories this counter calls from (office.pools; default every category). */
  pools?: readonly Category[];
  /** This machine's counter number (office config office.counter); default KIOSK_COUNTER or '1'. */
  counter?: string;
  /** The clock for sign-in back-off and staff idle sign-out (tests). */
  now?: () => number;
  /** Staff idle sign-out after this long without activity (office config staff.idleSignOutMinutes; default 10 min). */
  staffIdleMs?: number | undefined;
  /** The warning before the idle sign-out (ms; default STAFF_IDLE_WARNING_MS, a minute; shorter in the end-to-end tests). */
  staffIdleWarningMs?: number | undefined;
  /** How often main checks for idle screens (ms; default 1 s). 0: never by itself (tests call staffIdle.check()). */
  staffIdleCheckMs?: number;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  ensureFolder(options.dataDir);
  const events = new EventHub();
  const audit = new AuditLog(join(options.dataDir, 'audit.sqlite'));
  const accounts = new StaffAccounts(join(options.dataDir, 'staff-accounts.json'), options.kdf);
  const staff = new StaffSession();
  const signInGuard = new SignInGuard(undefined, options.now);
  const counter = options.counter ?? process.env.KIOSK_COUNTER ?? '1';
  const card = options.card ?? null;
  const queue = options.queue ?? null;
  const readerName = options.readerName ?? null;
  const office = options.office ?? null;
  const session = new CounterSession({
    card,
    office: office?.tickets ?? null,
    pools: options.pools,
    forms: options.forms ?? null,
    queue,
    printer: options.printer ?? null,
    events,
    audit,
    actor: () => staff.get('staff'),
    readerName: async () => {
      if (!card) return null;
      const readers = await card.readers().catch(() => []);
      return (readers.find((r) => r.name === readerName) ?? readers[0])?.name ?? null;
    },
    rasterize: (pdf, page, dpi) => rasterizePage(pdf, page, { dpi }),
    waitingArea: options.waitingArea,
    idleAfterMs: (options.info.idleTimeoutSeconds + options.info.idleCountdownSeconds) * 1000,
  });
  const signOut = (screen: ScreenName, why: 'staff' | 'idle'): void => {
    const current = staff.get(screen);
    let detail: string | null = null;
    if (screen === 'staff') {
      if (why === 'staff')
        session.endAll('cancelled'); // parked visits too: nothing outlives the signed-in staff
      else detail = (session.endForIdleSignOut()?.kept ?? 0) > 0 ? 'idle:printed-visit-kept' : 'idle';
    } else if (why === 'idle') detail = 'idle';
    staff.signOut(screen);
    staffIdle.forget(screen);
    // Codes only: who, which counter, why (never what the visit held).
    if (current) audit.record({ staffId: current.staffId, counter: current.counter, action: 'sign-out', reference: null, detail });
    events.emit('auth-changed');
  };
  const staffIdle = new StaffIdleMonitor({
    idleMs: options.staffIdleMs ?? DEFAULT_STAFF_IDLE_MINUTES * 60_000,
    warningMs: options.staffIdleWarningMs,
    now: options.now ?? Date.now,
    signedIn: (screen) => staff.get(screen) !== null,
    warningChanged: () => events.emit('auth-changed'),
    signOut: (screen) => {
      // Wait while a card read, a PIN or a print runs for the open visit (it is retried every check).
      if (screen === 'staff' && !session.canEndForIdleSignOut()) return false;
      signOut(screen, 'idle');
      return true;
    },
  });
  const idleCheckMs = options.staffIdleCheckMs ?? 1000;
  const idleCheck = () => {
    try {
      staffIdle.check();
    } catch {
      // Never an uncaught exception in the main process; the next check (and every call) tries again.
    }
  };
  // A queue change is pushed at once instead of at the worker's next tick.
  const unsubscribeOffice = office
    ? events.subscribe((event) => {
        if (event === 'queue-changed') office.kick();
      })
    : null;
  const idleTimer = idleCheckMs > 0 ? setInterval(idleCheck, idleCheckMs) : null;
  idleTimer?.unref();
  return {
    info: options.info,
    accounts,
    staff,
    signInGuard,
    counter,
    audit,
    events,
    session,
    staffIdle,
    signOut,
    card,
    forms: options.forms ?? null,
    queue,
    printer: options.printer ?? null,
    office,
    readerName,
    openDashboard: options.openDashboard ?? (() => undefined),
    async close() {
      if (idleTimer) clearInterval(idleTimer);
      session.dispose();
      unsubscribeOffice?.();
      // Before the queue: the worker finishes a push under way, then lets go of the kiosk database.
      await office?.close();
      await card?.close();
      queue?.close();
      audit.close();
    },
  };
}
