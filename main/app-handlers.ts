// Builds the IPC handler map from the application services. Every handler checks who is
// signed in where it matters; the registry has already checked the screen and the payload.
import type { CallContext, Handler, HandlerMap } from './ipc/registry.ts';
import type { ChannelName, DeviceStatus, Role, StaffIdentity } from './ipc/contract.ts';
import type { Dashboard } from '../domain/statistics.ts';
import type { AppServices } from './services/app-services.ts';
import { isKioskError, KioskError, serializeError } from '../domain/errors.ts';
import { staffId as staffIdSchema } from '../domain/staff.ts';

function requireRole(services: AppServices, context: CallContext, roles: readonly Role[]): StaffIdentity {
  const staff = services.staff.get(context.screen);
  if (!staff) throw new KioskError('auth/not-signed-in');
  if (!roles.includes(staff.role)) {
    throw new KioskError('auth/forbidden-role');
  }
  return staff;
}

async function deviceStatus(services: AppServices): Promise<DeviceStatus> {
  const { card, printer, queue } = services;
  let reader: DeviceStatus['reader'] = { state: 'unavailable', name: null, demo: services.info.demoMode };
  if (card) {
    try {
      const readers = await card.readers();
      const chosen = readers.find((r) => r.name === services.readerName) ?? readers[0];
      reader = chosen
        ? { state: chosen.cardPresent ? 'card-present' : 'ready', name: chosen.name, demo: card.demo }
        : { state: 'no-reader', name: null, demo: card.demo };
    } catch {
      reader = { state: 'no-reader', name: null, demo: card.demo };
    }
  }
  let printerStatus: DeviceStatus['printer'] = { state: 'unavailable', name: null, heldJobs: 0, problem: null };
  if (printer) {
    try {
      const { state, heldJobs, keepsCopies } = await printer.status();
      // The app will not print at all, the print service (cupsd) is not running, or CUPS keeps the
      // printed forms: the console says what IT staff must do (from the first start on).
      const problem =
        state === 'not-configured'
          ? serializeError(new KioskError('printer/not-configured'))
          : state === 'not-allowed'
            ? serializeError(new KioskError('printer/pdf-queue-not-allowed'))
            : state === 'service-not-running'
              ? serializeError(new KioskError('printer/service-not-running'))
              : keepsCopies
                ? serializeError(new KioskError('printer/spooler-keeps-copies'))
                : null;
      printerStatus = { state, heldJobs, name: printer.printerName, problem };
    } catch {
      printerStatus = { state: 'missing', name: printer.printerName, heldJobs: 0, problem: null };
    }
  }
  let queueStatus: DeviceStatus['queue'] = { state: 'unavailable', waiting: 0, inService: 0 };
  if (queue) {
    try {
      const live = queue.live();
      queueStatus = { state: 'ok', waiting: live.waiting, inService: live.inService };
    } catch {
      queueStatus = { state: 'unavailable', waiting: 0, inService: 0 };
    }
  }
  let office: DeviceStatus['office'] = { state: 'not-configured', pending: 0, refused: 0 };
  if (services.office) {
    try {
      office = services.office.status();
    } catch {
      office = { state: 'not-connected', pending: 0, refused: 0 };
    }
  }
  return { reader, printer: printerStatus, queue: queueStatus, office };
}

function queueOrThrow(services: AppServices) {
  if (!services.queue)
    throw new KioskError('session/service-unavailable', { ja: '受付キューが利用できません。', en: 'The queue is unavailable.' });
  return services.queue;
}

/**
 * Calls a screen makes by itself (polls, re-reads after a push event, the idle warning's own
 * questions): they do not keep staff signed in. Every other call from a signed-in screen is
 * staff acting on it.
 */
const PASSIVE_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app:info',
  'status:get',
  'auth:whoami',
  'auth:idle',
  'session:get',
  'queue:live',
  'stats:dashboard',
  'office:floor',
]);

/** Notes staff activity (main's idle sign-out) before each non-passive call from a staff screen. */
function withStaffActivity(services: AppServices, handlers: HandlerMap): HandlerMap {
  const wrapped: Record<string, Handler<ChannelName>> = {};
  for (const [name, handler] of Object.entries(handlers) as [ChannelName, Handler<ChannelName>][]) {
    wrapped[name] = PASSIVE_CHANNELS.has(name)
      ? handler
      : (request, context) => {
          // A screen past its idle period is signed out before its call runs (the timer may not have fired yet).
          services.staffIdle.check();
          if (context.screen !== 'resident' && services.staff.get(context.screen)) services.staffIdle.touch(context.screen);
          return handler(request, context);
        };
  }
  return wrapped as HandlerMap;
}

export function createHandlers(services: AppServices): HandlerMap {
  return withStaffActivity(services, createHandlerMap(services));
}

function createHandlerMap(services: AppServices): HandlerMap {
  const { session } = services;
  const signedIn = (context: CallContext): StaffIdentity => requireRole(services, context, ['staff', 'supervisor']);
  return {
    'app:info': () => ({ ...services.info }),
    'app:open-dashboard': (_request, context) => {
      requireRole(services, context, ['supervisor']);
      services.openDashboard();
      return {};
    },
    'status:get': () => deviceStatus(services),

    'auth:sign-in': async ({ staffId, password }, context) => {
      // The machine's counter, not the renderer's: the audit log's "which counter" is the machine's.
      const { counter, signInGuard } = services;
      // The id tried is audited when it is a well-formed id (a code); anything else is not written.
      const triedId = staffIdSchema.safeParse(staffId).success ? staffId : null;
      // One attempt per id at a time: fired at once, they would all pass the check during the first one's hashing.
      const role = await signInGuard.exclusive(staffId, async () => {
        try {
          signInGuard.check(staffId);
        } catch (error) {
          services.audit.record({ staffId: triedId, counter, action: 'sign-in-failed', reference: null, detail: 'locked' });
          throw error;
        }
        const role = await services.accounts.verify(staffId, password);
        if (!role) {
          const { lockedOut } = signInGuard.failed(staffId);
          services.audit.record({
            staffId: triedId,
            counter,
            action: 'sign-in-failed',
            reference: null,
            detail: lockedOut ? 'locked-out' : null,
          });
          throw new KioskError('auth/failed');
        }
        signInGuard.succeeded(staffId);
        return role;
      });
      const identity = { staffId, role, counter };
      services.staff.signIn(context.screen, identity);
      services.staffIdle.touch(context.screen);
      services.audit.record({ staffId, counter, action: 'sign-in', reference: null, detail: role });
      return identity;
    },
    'auth:sign-out': (_request, context) => {
      // Signing out never cancels printed forms behind staff's back: they decide first.
      if (context.screen === 'staff' && session.hasUnticketedPrint()) throw new KioskError('session/printed-visit-open');
      services.signOut(context.screen, 'staff');
      return {};
    },
    'auth:whoami': (_request, context) => ({ staff: services.staff.get(context.screen) }),
    'auth:idle': (_request, context) => ({ signOutInSeconds: services.staffIdle.secondsLeft(context.screen) }),
    // The activity itself is noted for every call but the passive ones (withStaffActivity below).
    'auth:stay-signed-in': () => ({}),

    'session:get': (_request, context) => (signedIn(context), session.view()),
    'session:start': (_request, context) => (signedIn(context), session.start(), session.view()),
    'session:read-card': async ({ unlock, codeB }, context) => (signedIn(context), await session.readCard(unlock, codeB), session.view()),
    'session:update-member': ({ id, ...patch }, context) => (signedIn(context), session.updateMember(id, patch), session.view()),
    'session:add-member': (member, context) => (signedIn(context), session.addMember(member), session.view()),
    'session:remove-member': ({ id }, context) => (signedIn(context), session.removeMember(id), session.view()),
    'session:set-move': (move, context) => (signedIn(context), session.setMove(move), session.view()),
    'session:set-facts': ({ facts }, context) => (signedIn(context), session.setFacts(facts), session.view()),
    'session:set-notice': ({ notice }, context) => (signedIn(context), session.setNotice(notice), session.view()),
    'session:toggle-form': ({ formId, included, reason }, context) => (
      signedIn(context),
      session.toggleForm(formId, included, reason),
      session.view()
    ),
    'session:go-to': ({ step }, context) => (signedIn(context), session.goTo(step), session.view()),
    'session:preview': async (_request, context) => (signedIn(context), await session.renderPreview(), session.view()),
    'session:preview-page': async ({ formId, page, size }, context) => (
      signedIn(context),
      { dataUrl: await session.previewPage(formId, page, size) }
    ),
    'session:print': async (_request, context) => (signedIn(context), await session.print(), session.view()),
    'session:issue-ticket': async ({ beforePrint }, context) => (
      signedIn(context),
      await session.issueTicket(beforePrint ?? null),
      session.view()
    ),
    'session:end': ({ reason }, context) => (signedIn(context), session.end(reason), session.view()),
    'session:keep-alive': (_request, context) => {
      // Either screen: main's own idle clock (idle-expired is refused for a visit touched recently).
      session.keepAlive();
      // Staff working on the visit counts as activity: the resident screen restarts its idle timer.
      if (context.screen === 'staff' && session.residentView().phase !== 'welcome') services.events.emit('resident-changed');
      return {};
    },
    'session:idle-expired': () => (session.idleExpired(), {}),
    'postal:lookup': ({ postalCode }, context) => {
      signedIn(context);
      if (!services.forms) return { candidates: [], dataDate: null };
      return services.forms.lookupPostal(postalCode);
    },

    'resident:view': () => session.residentView(),
    'resident:pin-submit': async ({ pin, confirmLastTry }) => ({ accepted: await session.submitPin(pin, confirmLastTry) }),
    'resident:pin-cancel': () => (session.cancelPin(), {}),
    'resident:set-language': ({ language }) => (session.setResidentLanguage(language), {}),
    'resident:request-correction': ({ section }) => (session.requestCorrection(section), {}),
    'session:clear-correction': (_request, context) => (signedIn(context), session.clearCorrection(), session.view()),
    'session:reprint': async (request, context) => (signedIn(context), await session.reprint(request.formId), session.view()),
    'session:print-outcome': async ({ jobId, outcome }, context) => (
      signedIn(context),
      await session.resolvePrintOutcome(jobId, outcome),
      session.view()
    ),
    'session:park': (_request, context) => (signedIn(context), session.park(), session.view()),
    'session:resume': ({ reference }, context) => (signedIn(context), session.resume(reference), session.view()),

    'hall:call-next': async (_request, context) => (signedIn(context), await session.callNext(), session.view()),
    'hall:recall': async (_request, context) => (signedIn(context), await session.recall(), session.view()),
    'hall:no-show': async (_request, context) => (signedIn(context), await session.noShow(), session.view()),
    'hall:call-number': async ({ number }, context) => (signedIn(context), await session.callNumber(number), session.view()),
    'hall:transfer': async ({ to }, context) => (signedIn(context), await session.transfer(to), session.view()),
    'queue:live': (_request, context) => (signedIn(context), queueOrThrow(services).live()),
    'queue:advance': ({ requestId, to }, context) => {
      const staff = signedIn(context);
      const queue = queueOrThrow(services);
      queue.advance(requestId, to, { staffId: staff.staffId, counter: staff.counter });
      services.audit.record({ staffId: staff.staffId, counter: staff.counter, action: 'queue-advanced', reference: requestId, detail: to });
      services.events.emit('queue-changed', 'status-changed');
      return queue.live();
    },
    'stats:dashboard': ({ from, to }, context) => {
      requireRole(services, context, ['supervisor']);
      return queueOrThrow(services).stats(from, to);
    },
    'stats:csv': ({ from, to }, context) => {
      const staff = requireRole(services, context, ['supervisor']);
      const report = queueOrThrow(services).stats(from, to);
      services.audit.record({ staffId: staff.staffId, counter: staff.counter, action: 'stats-exported', reference: null, detail: null });
      return { filename: `wait-times_${from}_${to}.csv`, csv: statsToCsv(report) };
    },
    'office:floor': async ({ from, to }, context) => {
      requireRole(services, context, ['supervisor']);
      const office = services.office;
      if (!office) return { linked: false, source: 'office', pulledAt: null, floor: null, flags: [] };
      try {
        const [floor, flags] = await Promise.all([office.floor(from, to), office.flags()]);
        return { linked: true, source: 'office', pulledAt: null, floor, flags };
      } catch (error) {
        // The office is away: the supervisor still sees the floor, from the copy of its log.
        if (!isKioskError(error) || error.code !== 'office/unreachable') throw error;
        const copy = office.floorFromCopy(from, to);
        return { linked: true, source: 'copy', pulledAt: copy.pulledAt, floor: copy.floor, flags: [] };
      }
    },
    'office:resolve-flag': async ({ id }, context) => {
      const staff = requireRole(services, context, ['supervisor']);
      if (!services.office) throw new KioskError('office/unreachable');
      const flags = await services.office.resolveFlag(id);
      services.audit.record({
        staffId: staff.staffId,
        counter: staff.counter,
        action: 'sync-flag-resolved',
        reference: null,
        detail: String(id),
      });
      return { flags };
    },
  };
}

/** One table, one header row: kind, key, count and the percentiles in seconds. */
export function statsToCsv(report: Dashboard): string {
  const header = ['kind', 'key', 'count', 'wait_median_s', 'wait_p90_s', 'service_median_s', 'service_p90_s'];
  const cell = (value: number | string | null) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = [
    ...report.byProcedure.map((r) => ['procedure', r.key, r.count, r.waitMedian, r.waitP90, r.serviceMedian, r.serviceP90]),
    ...report.byHour.map((r) => ['hour', String(r.hour).padStart(2, '0'), r.count, r.waitMedian, r.waitP90, r.serviceMedian, r.serviceP90]),
    ...report.byCounter.map((r) => ['counter', r.counter, r.completed, null, null, null, null]),
  ];
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
