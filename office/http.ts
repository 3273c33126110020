// The office service's HTTP API (node:http, or node:https with a certificate). Every body is
// validated with the domain/office.ts schemas, and every response is checked against its schema
// before it is sent, so a field the schema does not name can neither come in nor go out. Errors
// travel as `{ error: { code, message, messageEn, action } }` with an HTTP status from the code.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type pg from 'pg';
import { z } from 'zod';
import { KioskError, serializeError, type ErrorCode } from '../domain/errors.ts';
import {
  callNextRequest,
  displayView,
  issueTicketRequest,
  leaseRequest,
  leaseView,
  MAX_PULL,
  publicStatus,
  syncFlagsResponse,
  pullResponse,
  pushRequest,
  pushResponse,
  ticketCommandRequest,
  ticketNumber,
  ticketResponse,
  transferRequest,
  handOverRequest,
  uuidText,
  sessionView,
  signInRequest,
  stageQueueView,
  ticketStage,
  ticketStatusView,
  type MachineRole,
  type TicketStage,
} from '../domain/office.ts';
import { databaseError } from './database.ts';
import type { Doorbell } from './doorbell.ts';
import { authenticate, authenticateSession, SESSION_COOKIE, sessionCookie, signIn, signOut, type Machine } from './machines.ts';
import { PAGE_SCRIPTS, RECEPTION_PAGE, SIGN_IN_PAGE, TICKET_STATUS_PAGE, TOO_MANY_LOOKUPS_PAGE, WINDOW_PAGE } from './pages.ts';
import { qrSvg, ticketStatusUrl } from './qr.ts';
import { stageQueue, ticketStatus } from './ticket-status.ts';
import { officeStore, type OfficeStore, type TicketCommand } from './store.ts';
import { tokenBuckets, type RateLimit } from './rate-limit.ts';
import { DISPLAY_PAGE, DISPLAY_SCRIPT } from './display-page.ts';
import { STATUS_PAGE, STATUS_SCRIPT } from './status-page.ts';
import { floorView } from './floor.ts';
import { floorQuery, floorView as floorViewSchema, type FloorSettings } from '../domain/floor.ts';

const MAX_BODY = 1024 * 1024;
/** Live streams at once (hall displays, counters, supervisors: an office has tens): more are refused, not queued. */
export const MAX_STREAMS = 200;
/** Live streams from one address: a display screen or a counter needs one or two; one client cannot take them all. */
export const MAX_STREAMS_PER_ADDRESS = 8;
/**
 * Tickets one machine may issue in a burst, then one every ISSUE_REFILL_MS: a busy reception issues
 * one every few seconds at its peak; a runaway or stolen machine cannot use up the day's numbers.
 */
export const ISSUE_BURST = 30;
export const ISSUE_REFILL_MS = 2000;
/**
 * One number's public status (/v1/status/A-012, /status/A-012) from one address: numbers are
 * guessable (A-001, A-002 …), so a burst of STATUS_BURST, then one every STATUS_REFILL_MS (12 a
 * minute). A resident's page reads at most once per 8 s (a doorbell waits for it; the poll is every
 * 15 s): 7.5 reads a minute while it stays open, and a resident reloading it every 15 s makes at
 * most 2 reads per load, 8 a minute: never refused, with a third to spare (two phones behind one
 * home router too). Someone walking through the day's numbers gets 12 at once, then 12 a minute,
 * not the 1,000 numbers of a busy day in a few seconds. Signed-in machines (the reception page asks
 * for the number it has just issued) are not counted. An address is the client's socket address: a
 * relay in front of the service (the city's site) must apply its own limit per resident.
 */
export const STATUS_BURST = 12;
export const STATUS_REFILL_MS = 5000;
/** Addresses tracked for that limit at once (about 100 bytes each); past it the least recently seen is forgotten. */
export const MAX_STATUS_ADDRESSES = 10_000;
/** The public views are read again at most this often (and whenever the log moves): the doorbell makes every screen read at once. */
const PUBLIC_VIEW_MAX_AGE_MS = 5000;

const STATUS: Partial<Record<ErrorCode, number>> = {
  'office/unauthorized': 401,
  'office/forbidden': 403,
  'office/invalid-request': 400,
  'office/not-found': 404,
  'office/too-many-streams': 503,
  'office/illegal-transition': 409,
  'office/numbers-exhausted': 409,
  'office/too-many-requests': 429,
  'office/database-unavailable': 503,
  'office/newer-schema': 503,
};

class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super('http');
    this.status = status;
    this.body = body;
  }
}

function invalid(error: z.ZodError): HttpError {
  // Field paths and rule codes only: the submitted values (which could be anything) are never echoed.
  const issues = error.issues.map((issue) => ({
    path: issue.path.join('.'),
    code: issue.code,
    // How many keys were not allowed, never the keys themselves (a key could be a name).
    ...(issue.code === 'unrecognized_keys' ? { unknownKeys: issue.keys.length } : {}),
  }));
  return new HttpError(400, { error: serializeError(new KioskError('office/invalid-request')), issues });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) {
      throw new HttpError(413, {
        error: serializeError(new KioskError('office/invalid-request', { ja: '要求が大きすぎます。', en: 'Request body too large.' })),
      });
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, {
      error: serializeError(new KioskError('office/invalid-request', { ja: '要求が JSON ではありません。', en: 'The body is not JSON.' })),
    });
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

export interface OfficeServiceOptions {
  readonly pool: pg.Pool;
  readonly office: string;
  readonly doorbell: Doorbell;
  readonly tls?: { readonly cert: string; readonly key: string } | undefined;
  /** The public base of the per-number status page (OFFICE_PUBLIC_STATUS_URL): the reception slip's QR code. */
  readonly publicStatusUrl?: string | null;
  /** The clock (tests); defaults to Date.now. */
  readonly now?: () => number;
  /** Tickets per machine: a burst, then one per refillMs (default ISSUE_BURST, ISSUE_REFILL_MS); null: no limit (the bench's accelerated day). */
  readonly issueLimit?: { readonly burst: number; readonly refillMs: number } | null;
  /** One number's public status per address (default STATUS_BURST, STATUS_REFILL_MS); null: no limit. */
  readonly statusLimit?: RateLimit | null;
  /** The floor view's wait target and opening hours (default: 20 minutes, 08:45–17:15). */
  readonly floor?: FloorSettings;
}

/** A path segment as text; a malformed %-escape is the client's mistake (400), not a server error. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, { error: serializeError(new KioskError('office/invalid-request')) });
  }
}

const COMMANDS = new Set<TicketCommand>(['call', 'recall', 'no-show', 'transfer', 'hand-over', 'complete']);

/**
 * What the page machines may do (counter and supervisor machines may do everything as before):
 * reception issues numbers; the back office takes the next file of its stage and hands it over or
 * finishes it; 交付 calls its stage, calls again, marks absent, calls a returning number, finishes.
 */
const PAGE_COMMANDS: Readonly<Record<'reception' | 'processing' | 'delivery', ReadonlySet<string>>> = {
  reception: new Set(['issue']),
  processing: new Set(['call-next', 'call', 'hand-over', 'complete']),
  delivery: new Set(['call-next', 'call', 'recall', 'no-show', 'complete']),
};

function allowed(caller: Machine, action: string): void {
  const rules = PAGE_COMMANDS[caller.role as keyof typeof PAGE_COMMANDS] as ReadonlySet<string> | undefined;
  if (rules && !rules.has(action))
    throw new KioskError('office/forbidden', {
      ja: 'この画面の端末にはその操作の権限がありません。',
      en: 'This page machine may not do that.',
    });
}

/** A page's request must name the staff member who signed it in. */
function sameStaff(caller: Machine, staff: string | null): void {
  if (caller.staff !== undefined && staff !== caller.staff)
    throw new KioskError('office/forbidden', {
      ja: 'サインインした職員と違う職員番号です。サインインし直してください。',
      en: 'The staff code differs from the one that signed this page in. Sign in again.',
    });
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

export function createOfficeServer(options: OfficeServiceOptions): Server {
  const store: OfficeStore = officeStore(options.pool, options.office);
  const now = options.now ?? Date.now;
  const streams = new Set<ServerResponse>();
  const streamsByAddress = new Map<string, number>();

  const issueLimit = options.issueLimit === undefined ? { burst: ISSUE_BURST, refillMs: ISSUE_REFILL_MS } : options.issueLimit;
  const issueBuckets = issueLimit ? tokenBuckets(issueLimit, MAX_STATUS_ADDRESSES) : null;
  /** Token bucket per machine for issuing tickets. */
  function takeIssueToken(machineId: string): void {
    if (issueBuckets && issueBuckets.take(machineId, now()) !== null) throw new KioskError('office/too-many-requests');
  }
  const statusLimit = options.statusLimit === undefined ? { burst: STATUS_BURST, refillMs: STATUS_REFILL_MS } : options.statusLimit;
  const statusBuckets = statusLimit ? tokenBuckets(statusLimit, MAX_STATUS_ADDRESSES) : null;
  /**
   * Seconds to wait when this public reader has used up its lookups (null: go ahead). `take`: the
   * JSON read counts; the page itself only looks (its script's read is the one that counts).
   */
  async function statusRefusal(request: IncomingMessage, take: boolean): Promise<number | null> {
    if (!statusBuckets) return null;
    if (request.headers.authorization !== undefined || request.headers['x-office-page'] === '1') {
      const signedIn = await machine(request).then(
        () => true,
        () => false,
      );
      if (signedIn) return null;
    }
    const address = request.socket.remoteAddress ?? '?';
    return take ? statusBuckets.take(address, now()) : statusBuckets.peek(address, now());
  }

  /** The public views, read again only when the log has moved or they are a few seconds old. */
  const publicViews = new Map<string, { head: number; at: number; value: unknown }>();
  async function publicView<T>(name: string, read: () => Promise<T>): Promise<T> {
    const head = await store.head();
    const cached = publicViews.get(name);
    if (cached && cached.head === head && now() - cached.at < PUBLIC_VIEW_MAX_AGE_MS) return cached.value as T;
    const value = await read();
    publicViews.set(name, { head, at: now(), value });
    return value;
  }

  async function machine(request: IncomingMessage): Promise<Machine> {
    if (request.headers.authorization !== undefined) return authenticate(options.pool, options.office, request.headers.authorization);
    // A page's session cookie. Only with the page's own header, which another site's form or
    // script cannot send without a preflight this service never answers (with SameSite=Strict).
    if (request.headers['x-office-page'] !== '1') throw new KioskError('office/unauthorized');
    return authenticateSession(options.pool, options.office, sessionCookie(request.headers.cookie), now());
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://office.invalid');
    const method = request.method ?? 'GET';
    const path = url.pathname;

    if (method === 'GET' && path === '/healthz') return send(response, 200, { ok: true, head: await store.head() });
    if (method === 'GET' && (path === '/' || path === '/display')) {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; font-src 'self'",
      });
      response.end(DISPLAY_PAGE);
      return;
    }
    if (method === 'GET' && path === '/display.js') {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.end(DISPLAY_SCRIPT);
      return;
    }
    if (method === 'GET' && path === '/status' && url.searchParams.has('ticket')) {
      response.writeHead(200, PAGE_HEADERS);
      response.end(TICKET_STATUS_PAGE);
      return;
    }
    if (method === 'GET' && path === '/status') {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'",
      });
      response.end(STATUS_PAGE);
      return;
    }
    if (method === 'GET' && path === '/status.js') {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.end(STATUS_SCRIPT);
      return;
    }
    if (method === 'GET' && (path === '/sign-in' || path === '/reception' || path === '/window')) {
      response.writeHead(200, PAGE_HEADERS);
      response.end(path === '/sign-in' ? SIGN_IN_PAGE : path === '/reception' ? RECEPTION_PAGE : WINDOW_PAGE);
      return;
    }
    if (method === 'GET' && /^\/status\/[A-Z]-\d{3,5}$/.test(path)) {
      const retry = await statusRefusal(request, false);
      if (retry !== null) {
        response.writeHead(429, { ...PAGE_HEADERS, 'retry-after': String(retry) });
        response.end(TOO_MANY_LOOKUPS_PAGE(retry));
        return;
      }
      response.writeHead(200, PAGE_HEADERS);
      response.end(TICKET_STATUS_PAGE);
      return;
    }
    const script = method === 'GET' && Object.hasOwn(PAGE_SCRIPTS, path) ? PAGE_SCRIPTS[path] : undefined;
    if (script !== undefined) {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.end(script);
      return;
    }
    const qr = /^\/qr\/([A-Z]-\d{3,5})\.svg$/.exec(path);
    if (method === 'GET' && qr) {
      if (!options.publicStatusUrl)
        throw new KioskError('office/not-found', { ja: '公開の待ち状況の URL が設定されていません。', en: 'No public status URL is set.' });
      response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(qrSvg(ticketStatusUrl(options.publicStatusUrl, qr[1] as string)));
      return;
    }
    const one = /^\/v1\/status\/([^/]+)$/.exec(path);
    if (method === 'GET' && one) {
      // One of today's numbers, by its label only (never an id): what the hall already shows, and its stage.
      const number = parse(ticketNumber, decodedSegment(one[1] as string));
      const retry = await statusRefusal(request, true);
      if (retry !== null)
        return send(
          response,
          429,
          {
            error: serializeError(
              new KioskError('office/too-many-requests', {
                ja: `この接続からの番号の確認が多すぎます。${retry} 秒ほど待つと、また見られます。`,
                en: `Too many number look-ups from this connection. You can look again in about ${retry} seconds.`,
              }),
            ),
          },
          { 'retry-after': String(retry), 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' },
        );
      return send(response, 200, parse(ticketStatusView, await ticketStatus(options.pool, options.office, store, number, now())), {
        'access-control-allow-origin': '*',
      });
    }
    if (method === 'POST' && path === '/v1/sign-in') {
      const body = parse(signInRequest, await readJson(request));
      const { cookie, session } = await signIn(options.pool, options.office, body.code, body.staff, now());
      const maxAge = Math.max(0, Math.floor((session.expiresAt - now()) / 1000));
      return send(response, 200, parse(sessionView, { ...session, qr: Boolean(options.publicStatusUrl) }), {
        'set-cookie': `${SESSION_COOKIE}=${cookie}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${options.tls ? '; Secure' : ''}`,
      });
    }
    if (method === 'GET' && path === '/v1/status') {
      // The published feed: numbers only; anyone may read it (the city's site relays it outward).
      return send(response, 200, parse(publicStatus, await publicView('status', () => store.status(now()))), {
        'access-control-allow-origin': '*',
      });
    }
    if (method === 'GET' && path === '/v1/display')
      return send(response, 200, parse(displayView, await publicView('display', () => store.display(now()))));
    if (method === 'GET' && path === '/v1/stream') return openStream(request, response);

    const caller = await machine(request);
    if (path === '/v1/session' || path === '/v1/sign-out') {
      if (caller.staff === undefined) throw new KioskError('office/forbidden');
      if (method === 'GET' && path === '/v1/session') {
        const session = caller as Machine & { staff: string; expiresAt: number };
        return send(
          response,
          200,
          parse(sessionView, {
            machine: session.id,
            role: session.role,
            staff: session.staff,
            expiresAt: session.expiresAt,
            qr: Boolean(options.publicStatusUrl),
          }),
        );
      }
      if (method === 'POST' && path === '/v1/sign-out') {
        await signOut(options.pool, options.office, sessionCookie(request.headers.cookie));
        return send(response, 200, { ok: true }, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict` });
      }
    }
    if (method === 'GET' && path === '/v1/queue') {
      const stage = parse(ticketStage, url.searchParams.get('stage') ?? caller.role);
      if (caller.staff !== undefined && stage !== caller.role) allowed(caller, 'queue-of-another-stage');
      return send(response, 200, parse(stageQueueView, await stageQueue(options.pool, options.office, store, stage, caller.id, now())));
    }
    if (
      (caller.role as MachineRole) !== 'counter' &&
      caller.role !== 'supervisor' &&
      !path.startsWith('/v1/tickets') &&
      path !== '/v1/call-next'
    )
      allowed(caller, 'other');
    if (method === 'POST' && path === '/v1/events') {
      const body = parse(pushRequest, await readJson(request));
      return send(response, 200, parse(pushResponse, await store.push(caller.id, body.events)));
    }
    if (method === 'GET' && path === '/v1/events') {
      const after = parse(z.coerce.number().int().nonnegative(), url.searchParams.get('after') ?? '0');
      const limit = parse(z.coerce.number().int().min(1).max(MAX_PULL), url.searchParams.get('limit') ?? String(MAX_PULL));
      return send(response, 200, parse(pullResponse, await store.pull(after, limit)));
    }
    if (method === 'POST' && path === '/v1/tickets') {
      allowed(caller, 'issue');
      const body = parse(issueTicketRequest, await readJson(request));
      sameStaff(caller, body.staff);
      takeIssueToken(caller.id);
      return send(response, 200, parse(ticketResponse, { ticket: await store.issueTicket(caller.id, body, now()) }));
    }
    if (method === 'POST' && path === '/v1/call-next') {
      allowed(caller, 'call-next');
      const body = parse(callNextRequest, await readJson(request));
      sameStaff(caller, body.staff);
      // A back-office or 交付 window serves its own stage only.
      if (caller.staff !== undefined && body.stage !== caller.role) allowed(caller, 'call-next-of-another-stage');
      return send(response, 200, parse(ticketResponse, { ticket: await store.callNext(caller.id, body, now()) }));
    }
    if (method === 'POST' && path === '/v1/leases') {
      const body = parse(leaseRequest, await readJson(request));
      return send(response, 200, parse(leaseView, await store.lease(caller.id, body, now())));
    }
    if (method === 'GET' && path === '/v1/floor') {
      if (caller.role !== 'supervisor') throw new KioskError('office/forbidden');
      const query = parse(floorQuery, { from: url.searchParams.get('from') ?? undefined, to: url.searchParams.get('to') ?? undefined });
      if (query.from > query.to)
        throw invalid(new z.ZodError([{ code: 'custom', path: ['from'], message: 'from ≤ to', input: query.from }]));
      const view = await floorView(options.pool, options.office, {
        ...query,
        now: now(),
        settings: options.floor,
      });
      return send(response, 200, parse(floorViewSchema, view));
    }
    if (path === '/v1/flags' || path.startsWith('/v1/flags/')) {
      if (caller.role !== 'supervisor') throw new KioskError('office/forbidden');
      if (method === 'GET' && path === '/v1/flags') return send(response, 200, parse(syncFlagsResponse, { flags: await store.flags() }));
      const resolve = /^\/v1\/flags\/(\d{1,12})\/resolve$/.exec(path);
      if (method === 'POST' && resolve) {
        if (!(await store.resolveFlag(Number(resolve[1]))))
          throw new KioskError('office/not-found', { ja: 'その記録はありません。', en: 'No such open flag.' });
        return send(response, 200, parse(syncFlagsResponse, { flags: await store.flags() }));
      }
    }
    const ticketPath = /^\/v1\/tickets\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
    if (ticketPath) {
      const ref = parse(z.union([uuidText, ticketNumber]), decodedSegment(ticketPath[1] as string));
      const command = ticketPath[2];
      if (method === 'GET' && command === undefined)
        return send(response, 200, parse(ticketResponse, { ticket: await store.ticket(ref, now()) }));
      if (method === 'POST' && command !== undefined && COMMANDS.has(command as TicketCommand)) {
        allowed(caller, command);
        const raw = await readJson(request);
        const body =
          command === 'transfer'
            ? parse(transferRequest, raw)
            : command === 'hand-over'
              ? parse(handOverRequest, raw)
              : parse(ticketCommandRequest, raw);
        sameStaff(caller, body.staff);
        if (caller.role === 'processing' && command === 'hand-over' && (body as { to?: string }).to !== 'delivery')
          allowed(caller, 'hand-over-elsewhere');
        // A back-office or 交付 window calls only a number at its own stage, a counter machine only one
        // at the counter stage (its staff console checks too, but the number may move on meanwhile).
        // A supervisor's machine is not bound.
        const atStage =
          caller.staff !== undefined
            ? { stage: caller.role as TicketStage }
            : caller.role === 'counter' && command === 'call'
              ? { stage: 'counter' as const }
              : {};
        const ticket = await store.command(caller.id, ref, command as TicketCommand, { ...body, ...atStage }, now());
        return send(response, 200, parse(ticketResponse, { ticket }));
      }
    }
    throw new HttpError(404, {
      error: serializeError(new KioskError('office/not-found', { ja: 'その操作はありません。', en: 'No such endpoint.' })),
    });
  }

  async function openStream(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // /v1/stream needs no credential (the hall display is any browser): bound what it can hold,
    // in all and from one address.
    const address = request.socket.remoteAddress ?? '?';
    if (streams.size >= MAX_STREAMS || (streamsByAddress.get(address) ?? 0) >= MAX_STREAMS_PER_ADDRESS)
      throw new KioskError('office/too-many-streams');
    streamsByAddress.set(address, (streamsByAddress.get(address) ?? 0) + 1);
    // Registered before anything is awaited: a client gone during the first read leaves nothing behind.
    let unsubscribe = (): void => undefined;
    const ping = setInterval(() => response.write(': ping\n\n'), 15_000);
    streams.add(response);
    response.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      streams.delete(response);
      const left = (streamsByAddress.get(address) ?? 1) - 1;
      if (left > 0) streamsByAddress.set(address, left);
      else streamsByAddress.delete(address);
    });
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    // Reconnect after 3 s; then the head now, so a client that missed doorbells re-reads at once.
    response.write(`retry: 3000\n\n`);
    const write = (seq: number): void => {
      response.write(`event: seq\ndata: ${JSON.stringify({ seq })}\n\n`);
    };
    const head = await store.head();
    if (response.destroyed) return;
    write(head);
    unsubscribe = options.doorbell.subscribe(write);
  }

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    // On every answer: never framed by another site, no referrer, no sniffing; HTTPS remembered.
    response.setHeader('x-frame-options', 'DENY');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-content-type-options', 'nosniff');
    if (options.tls) response.setHeader('strict-transport-security', 'max-age=31536000');
    route(request, response).catch((thrown: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (thrown instanceof HttpError) return send(response, thrown.status, thrown.body);
      const error = databaseError(thrown);
      const status = error instanceof KioskError ? (STATUS[error.code] ?? 500) : 500;
      // The kind of failure only (its name and SQLSTATE), never its text: that may quote values.
      if (status === 500)
        console.error(
          'office: unexpected error',
          error instanceof Error ? error.name : typeof error,
          (error as { code?: unknown }).code ?? '',
        );
      send(response, status, { error: serializeError(error) });
    });
  };

  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: 10_000 }, handler)
    : createHttpServer(handler);
  // Slow clients are cut off: the headers within 10 s, the whole request within 30 s (a stream's
  // request is a GET; its long answer is not bound by these), at most 2,000 connections.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.maxConnections = 2000;
  server.on('close', () => {
    for (const stream of streams) stream.end();
  });
  return server;
}
