// The counter's one client of the office service's HTTP API (docs/office.md): push and pull the
// log, issue a ticket, call the next one (per stage), the ticket commands (call, recall, no-show,
// transfer, hand-over, complete), number leases, and the supervisor's floor and flags. Every
// request carries the machine's token and a timeout, never follows a redirect (the token goes to
// the office only), and reads at most MAX_OFFICE_ANSWER_BYTES (the counter holds residents' data:
// a hostile answer must not exhaust its memory); every answer is checked against its domain/
// schema. Failures become the
// catalogue's codes: the office cannot be reached, times out or fails on its side (5xx, an answer
// that is not the API's) → office/unreachable (try again later; the counter goes on alone); the
// token is refused → office/unauthorized; anything else the office refuses (400, 403, 404, 409) is
// passed through with the office's own code and its Japanese and English message.
import * as tls from 'node:tls';
import { KioskError, type ErrorCode } from '../../domain/errors.ts';
import { ERROR_CATALOGUE } from '../../domain/error-catalogue.ts';
import {
  leaseView,
  pullResponse,
  pushResponse,
  syncFlagsResponse,
  type PullResponse,
  ticketResponse,
  type LeaseView,
  type OfficeEvent,
  type PushResponse,
  type SyncFlagView,
  type TicketStage,
  type TicketView,
} from '../../domain/office.ts';
import { floorView, type FloorView } from '../../domain/floor.ts';
import type { Category } from '../../domain/request.ts';
import type { z } from 'zod';
import { boundedJson } from './bounded-json.ts';

export interface OfficeClientOptions {
  /** The office service's base URL (https:// on the LAN). */
  readonly url: string;
  /** This machine's token (`<machine>.<secret>`). */
  readonly token: string;
  readonly fetch?: typeof fetch | undefined;
  /** Per request (ms; default 5 s: staff wait for it at the counter). */
  readonly timeoutMs?: number;
}

export type OfficeCommand = 'call' | 'recall' | 'no-show' | 'transfer' | 'hand-over' | 'complete';

export interface OfficeClient {
  readonly url: string;
  push(events: readonly OfficeEvent[], options?: { timeoutMs?: number }): Promise<PushResponse>;
  issueTicket(request: { id: string; category: Category; staff: string | null }): Promise<TicketView>;
  callNext(request: { id: string; pools: readonly Category[]; staff: string; stage: TicketStage }): Promise<TicketView | null>;
  command(
    ref: string,
    command: OfficeCommand,
    request: { id: string; staff: string; to?: Category | Exclude<TicketStage, 'counter'> },
  ): Promise<TicketView>;
  ticket(ref: string): Promise<TicketView>;
  lease(request: { category: Category; size: number }): Promise<LeaseView>;
  /** The office log after `after` (at most `limit` events). */
  pull(after: number, limit: number, options?: { timeoutMs?: number }): Promise<PullResponse>;
  /** The supervisor's floor view (a supervisor machine's token; office/forbidden otherwise). */
  floor(from: string, to: string): Promise<FloorView>;
  /** What the office could not merge, still open; and marking one dealt with. */
  flags(): Promise<SyncFlagView[]>;
  resolveFlag(id: number): Promise<SyncFlagView[]>;
}

/**
 * Trusts the office's private CA (office.service.caFile, PEM) for this process's TLS connections,
 * next to the public roots: the office's certificate is then checked against it like any other,
 * name included. A process that starts under NODE_EXTRA_CA_CERTS needs none of this, but the
 * packaged app ignores that variable (its nodeOptions fuse is off).
 */
export function trustOfficeCa(pem: string): void {
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g);
  if (!certificates)
    throw new KioskError('app/config-invalid', {
      ja: '窓口サービスの証明書（office.service.caFile）に PEM 形式の証明書がありません。IT 担当者に CA 証明書のファイルを確認してもらってください。',
      en: 'office.service.caFile holds no PEM certificate; ask IT staff to check the CA certificate file.',
    });
  // Node 22.19 and later (a namespace import: an older runtime fails here, not at load).
  if (typeof tls.setDefaultCACertificates !== 'function' || typeof tls.getCACertificates !== 'function')
    throw new KioskError('app/config-invalid', {
      ja: 'この端末のランタイムでは office.service.caFile を使えません。IT 担当者に連絡してください。',
      en: 'This runtime cannot trust office.service.caFile; contact IT staff.',
    });
  tls.setDefaultCACertificates([...new Set([...tls.getCACertificates('default'), ...certificates])]);
}

/**
 * Whether the office refused what was sent (a malformed or unacceptable body: 400, 409, 413, 422),
 * as opposed to the link (office/unreachable), the token (401) or this machine's rights (403).
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof KioskError && [400, 409, 413, 422].includes(error.details.httpStatus as number);
}

/** Whether an error means "try again later" (the office is away or failing), not "the office refused this". */
export function isRetryable(error: unknown): boolean {
  return error instanceof KioskError && error.code === 'office/unreachable';
}

function isCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code.startsWith('office/') && Object.hasOwn(ERROR_CATALOGUE, code);
}

/** The office's refusal as a KioskError: its own code and words when it sent them (still personal-data-free). */
async function refusal(response: Response): Promise<KioskError> {
  const body = (await boundedJson(response).catch(() => null)) as {
    error?: { code?: unknown; message?: unknown; messageEn?: unknown };
  } | null;
  const error = body?.error;
  const code = isCode(error?.code) && error.code !== 'office/unreachable' ? error.code : 'office/invalid-request';
  const ja = typeof error?.message === 'string' ? error.message.slice(0, 300) : undefined;
  const en = typeof error?.messageEn === 'string' ? error.messageEn.slice(0, 300) : undefined;
  return new KioskError(code, { ja: ja || undefined, en: en || undefined, httpStatus: response.status });
}

export function createOfficeClient(options: OfficeClientOptions): OfficeClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown, timeoutMs?: number): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs ?? options.timeoutMs ?? 5000),
      });
    } catch {
      // Refused, reset, DNS, TLS, or the timeout: the office is not there for us now.
      throw new KioskError('office/unreachable');
    }
    if (response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      throw new KioskError('office/unauthorized', { httpStatus: 401 });
    }
    if (response.status >= 500) {
      await response.body?.cancel().catch(() => undefined);
      throw new KioskError('office/unreachable', { httpStatus: response.status });
    }
    if (!response.ok) throw await refusal(response);
    const json = await boundedJson(response);
    const parsed = schema.safeParse(json);
    // Not the API's answer (a proxy's page, another service on that port): as if it were not there.
    if (!parsed.success) throw new KioskError('office/unreachable', { httpStatus: response.status });
    return parsed.data;
  }

  const ticketOf = async (promise: Promise<{ ticket: TicketView | null }>): Promise<TicketView> => {
    const { ticket } = await promise;
    if (!ticket) throw new KioskError('office/unreachable');
    return ticket;
  };

  return {
    url: base,
    push: (events, o) => call('POST', '/v1/events', pushResponse, { events }, o?.timeoutMs),
    issueTicket: (request) => ticketOf(call('POST', '/v1/tickets', ticketResponse, request)),
    callNext: async (request) => (await call('POST', '/v1/call-next', ticketResponse, { ...request, pools: [...request.pools] })).ticket,
    command: (ref, command, request) =>
      ticketOf(call('POST', `/v1/tickets/${encodeURIComponent(ref)}/${command}`, ticketResponse, request)),
    ticket: (ref) => ticketOf(call('GET', `/v1/tickets/${encodeURIComponent(ref)}`, ticketResponse)),
    lease: (request) => call('POST', '/v1/leases', leaseView, request),
    pull: (after, limit, o) => call('GET', `/v1/events?after=${after}&limit=${limit}`, pullResponse, undefined, o?.timeoutMs),
    // The supervisor's screen waits longer than a counter's call: a year's floor is a large query.
    floor: (from, to) =>
      call('GET', `/v1/floor?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, floorView, undefined, 10_000),
    flags: async () => (await call('GET', '/v1/flags', syncFlagsResponse)).flags,
    resolveFlag: async (id) => (await call('POST', `/v1/flags/${id}/resolve`, syncFlagsResponse, {})).flags,
  };
}
