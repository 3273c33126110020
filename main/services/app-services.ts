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
import type { CardPort, FormsPort, PrinterPort, QueuePort } from './ports.ts';
import { rasterizePage } from './rasterize.ts';

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
  card: CardPort | null;
  forms: FormsPort | null;
  queue: QueuePort | null;
  printer: PrinterPort | null;
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
  readerName?: string | null;
  kdf?: KdfParams;
  openDashboard?: () => void;
  /** Where residents wait, printed on the 受付票 (office.waitingArea; the default otherwise). */
  waitingArea?: string;
  /** This machine's counter number; default KIOSK_COUNTER or '1'. */
  counter?: string;
  /** The clock for sign-in back-off (tests). */
  now?: () => number;
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
  const session = new CounterSession({
    card,
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
    ...(options.waitingArea === undefined ? {} : { waitingArea: options.waitingArea }),
    idleAfterMs: (options.info.idleTimeoutSeconds + options.info.idleCountdownSeconds) * 1000,
  });
  return {
    info: options.info,
    accounts,
    staff,
    signInGuard,
    counter,
    audit,
    events,
    session,
    card,
    forms: options.forms ?? null,
    queue,
    printer: options.printer ?? null,
    readerName,
    openDashboard: options.openDashboard ?? (() => undefined),
    async close() {
      session.dispose();
      await card?.close();
      queue?.close();
      audit.close();
    },
  };
}
