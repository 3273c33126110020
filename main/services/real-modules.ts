// Opens the real modules behind the ports: the queue database (better-sqlite3, WAL, FULL),
// the print service over CUPS, the form engine, and a card service (PC/SC or demo).
import { join } from 'node:path';
import { openKioskDatabase, type KeySource } from './kiosk-database.ts';
import type { PrintService } from '../printing/print-service.ts';
import { createCupsDriver, readJobFileRetention } from '../../devices/printer/cups.ts';
import type { KioskError } from '../../domain/errors.ts';
import { jobFilesWarning } from '../printing/job-files.ts';
import type { CardService } from '../../devices/card/card-service.ts';
import { CardServiceAdapter } from './card-adapter.ts';
import { FormsModuleAdapter, type FormsLocation } from './forms-adapter.ts';
import { PrintServiceAdapter } from './printer-adapter.ts';
import { QueueModuleAdapter } from './queue-adapter.ts';
import type { CardPort, FormsPort, OfficeLinkPort, PrinterPort, QueuePort } from './ports.ts';
import type { OfficeServiceConfig } from './office-config.ts';
import { openOutbox, startOutboxWorker } from '../sync/outbox.ts';
import { openOfficeLog, startOfficeLogWorker } from '../sync/office-log.ts';
import { floorFromLog } from '../../statistics/floor-from-log.ts';
import { DEFAULT_FLOOR_SETTINGS, type FloorView } from '../../domain/floor.ts';
import { officeDayStart } from '../../domain/office-time.ts';
import { createOfficeClient, trustOfficeCa } from '../sync/office-client.ts';
import { createOfficeTickets } from '../sync/office-tickets.ts';
import type { CityProfile } from '../../forms/index.ts';

/** How often the full integrity check runs (the quick check runs at every start). */
/** The first look at the full-check record after start, then how often it is looked at. */
const FULL_CHECK_FIRST_MS = 60_000;
const FULL_CHECK_LOOK_MS = 60 * 60_000;

export interface RealModules {
  card: CardPort | null;
  forms: FormsPort;
  queue: QueuePort;
  printer: PrinterPort;
  printService: PrintService;
  /** The outbox worker pushing to the office service; null when KIOSK_CONFIG names none. */
  office: OfficeLinkPort | null;
  /** What the start-up checks of the print path found for IT staff (also written to stderr). */
  printerWarnings: KioskError[];
}

export function openRealModules(options: {
  dataDir: string;
  keys: KeySource;
  /** The ticket high-water marks file beside the key (queue/ticket-marks.ts). */
  ticketMarksFile?: string;
  /** The record of the last full integrity check beside the key (db/full-check-record.ts). */
  fullCheckFile?: string;
  /** The forms printer; null: none configured (printing is refused with printer/not-configured). */
  printerName: string | null;
  /** Demo mode (office config demo, KIOSK_DEMO=1): the only mode that may print to a CUPS-PDF queue. */
  demo?: boolean;
  /** A receipt printer for the 受付票 (main/services/office-config.ts); null: the forms printer. */
  receiptPrinterName?: string | null;
  cardService: CardService | null;
  printPollMs?: number;
  forms?: FormsLocation;
  /** The city profile (office config forms.profile); default: the default profile. */
  profile?: CityProfile;
  /** The public per-number status page (office.publicStatusUrl): the 受付票's QR code. */
  publicStatusUrl?: string | null;
  /** The office's closing time (HH:MM); default KIOSK_CLOSING_TIME or 17:15. */
  closingTime?: string;
  /** The office service (office config office.service): its events are pushed there; null: the counter works alone. */
  office?: OfficeServiceConfig | null | undefined;
  /** How often the outbox pushes (ms; default 5 s). */
  officePushMs?: number;
  /** The office link's clock (the floor from the copy is as of now); tests set the office's day. Default Date.now. */
  officeClock?: (() => number) | undefined;
  /** Delay of the first full-check look after start (ms; default 60 s). */
  fullCheckDelayMs?: number;
  /** CUPS's cupsd.conf, for the PreserveJobFiles check; default /etc/cups/cupsd.conf (CUPS_SERVERROOT). */
  cupsdConf?: string;
}): RealModules {
  // The same file name as the CLI's default (.kiosk-data/kiosk.sqlite). The app's master key is
  // sealed by the OS (safeStorage), which the CLI cannot open: see docs/operations.md.
  const database = openKioskDatabase({
    path: join(options.dataDir, 'kiosk.sqlite'),
    keyProvider: options.keys,
    ticketMarksFile: options.ticketMarksFile ?? null,
    fullCheckFile: options.fullCheckFile ?? null,
    closingTime: options.closingTime ?? process.env.KIOSK_CLOSING_TIME,
  });
  const printService = database.printService(createCupsDriver(), { refusePdfQueue: options.demo !== true });
  // CUPS keeping printed documents would keep the forms' personal data on disk after the purge:
  // checked at start, for IT staff (stderr, and the console's printer status). Not in demo mode,
  // whose CUPS-PDF queue writes every job to a file anyway.
  const jobFiles = readJobFileRetention(options.cupsdConf);
  const printerWarnings = options.demo === true ? [] : [jobFilesWarning(jobFiles)].filter((w) => w !== null);
  for (const w of printerWarnings) console.error(`[${w.code}] ${w.message}\n${w.messageEn}\n${w.action}`);
  // Held jobs go out on their own once the printer is back.
  printService.start(options.printPollMs ?? 2000);
  // At closing time, requests still open are abandoned (day-closed); then retention erases the
  // personal data of finished requests past the retention period. Now and every 5 minutes.
  const purge = () => {
    try {
      database.queue.closeDay();
      database.queue.purgeExpired();
    } catch {
      // Retried at the next run; the queue keeps working meanwhile.
    }
  };
  purge();
  const purgeTimer = setInterval(purge, 5 * 60_000);
  purgeTimer.unref();
  // quick_check ran at start; the full integrity_check (indexes too) runs daily, as the record
  // beside the key says it is due: a minute after start (counter PCs are off at night, so a timer
  // from start would never reach 24 hours), then looked at hourly. A finding stops every further
  // write (db/integrity, shown to staff with what to do), also after a restart; reads go on.
  const fullCheck = () => {
    try {
      database.checkAndGuardIfDue();
    } catch {
      // A busy or unreadable file shows up at the next write with its own code.
    }
  };
  let integrityTimer: NodeJS.Timeout = setTimeout(() => {
    fullCheck();
    integrityTimer = setInterval(fullCheck, FULL_CHECK_LOOK_MS);
    integrityTimer.unref();
  }, options.fullCheckDelayMs ?? FULL_CHECK_FIRST_MS);
  integrityTimer.unref();
  const forms = new FormsModuleAdapter(options.forms, options.profile, { publicStatusUrl: options.publicStatusUrl ?? null });
  const queue = new QueueModuleAdapter(
    database,
    () => {
      clearInterval(purgeTimer);
      clearTimeout(integrityTimer);
      printService.stop();
      database.close();
    },
    (formId) => forms.formTitle(formId),
  );
  const office = options.office ? openOfficeLink(options.dataDir, options.office, options.officePushMs, options.officeClock) : null;
  // Fonts and templates load in the background; a failure shows up at the first preview instead.
  void forms.warmUp().catch(() => undefined);
  return {
    card: options.cardService ? new CardServiceAdapter(options.cardService) : null,
    forms,
    queue,
    printer: new PrintServiceAdapter(
      printService,
      options.printerName,
      join(options.dataDir, 'spool'),
      options.receiptPrinterName ?? null,
      {
        allowPdfQueue: options.demo === true,
        spoolerKeepsCopies: jobFiles.preserved === true,
      },
    ),
    printService,
    printerWarnings,
    office,
  };
}

/** The outbox (main/sync/outbox.ts) over this counter's kiosk database, with its worker running. */
function openOfficeLink(
  dataDir: string,
  service: OfficeServiceConfig,
  intervalMs?: number,
  clock: () => number = Date.now,
): OfficeLinkPort {
  // The office's private CA, trusted before the first connection (the process's TLS defaults).
  if (service.ca) trustOfficeCa(service.ca);
  const outbox = openOutbox({
    kioskPath: join(dataDir, 'kiosk.sqlite'),
    outboxPath: join(dataDir, 'office-outbox.sqlite'),
    officeUrl: service.url,
    token: service.token,
  });
  const worker = startOutboxWorker(outbox, { intervalMs });
  const client = createOfficeClient({ url: service.url, token: service.token });
  const tickets = createOfficeTickets({ client, outbox });
  // The copy of the office log: what other counters did, and the floor while the office is away.
  const log = openOfficeLog({ path: join(dataDir, 'office-log.sqlite'), officeUrl: service.url, token: service.token, clock });
  const logWorker = startOfficeLogWorker(log, { officeUrl: service.url, intervalMs });
  // From the office's last answers: its settings and id, and which numbers it refused.
  let lastView: FloorView | null = null;
  let flagged: ReadonlySet<string> = new Set();
  let closed: Promise<void> | null = null;
  return {
    url: service.url,
    tickets,
    status() {
      const state = worker.state();
      let pending = 0;
      let refused = 0;
      try {
        pending = outbox.pending();
        refused = outbox.refused();
      } catch {
        // The counts are for the status bar only.
      }
      return {
        state: state === 'office/unauthorized' ? 'unauthorized' : worker.lastReached() !== null ? 'connected' : 'not-connected',
        pending,
        refused,
      };
    },
    kick: () => worker.kick(),
    floor: async (from, to) => (lastView = await client.floor(from, to)),
    flags: async () => {
      const flags = await client.flags();
      flagged = new Set(flags.map((f) => f.eventId));
      return flags;
    },
    floorFromCopy(from, to) {
      const now = clock();
      // The copy keeps 31 days (office-log.ts): older days of a longer range count nothing.
      const events = log.events({ from: officeDayStart(from) });
      const floor = floorFromLog({
        office: lastView?.office ?? 'office',
        now,
        settings: lastView?.settings ?? DEFAULT_FLOOR_SETTINGS,
        from,
        to,
        events,
        flagged,
      });
      return { floor, pulledAt: log.pulledAt() };
    },
    resolveFlag: (id) => client.resolveFlag(id),
    close() {
      closed ??= Promise.all([worker.stop(), logWorker.stop()]).then(() => {
        outbox.close();
        log.close();
      });
      return closed;
    },
  };
}
