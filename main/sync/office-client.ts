// The counter app's reads of the office service for the supervisor: the floor view (GET /v1/floor)
// and the sync flags (GET /v1/flags, POST /v1/flags/{id}/resolve), with this machine's token. Every
// answer is checked against its domain/ schema; the renderer never talks to the office itself.
import type { z } from 'zod';
import { KioskError } from '../../domain/errors.ts';
import { floorView, type FloorView } from '../../domain/floor.ts';
import { syncFlagsResponse, type SyncFlagView } from '../../domain/office.ts';

export interface OfficeClientOptions {
  readonly url: string;
  readonly token: string;
  /** Per request (default 10 s): a supervisor's screen must not hang on a lost link. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface OfficeClient {
  floor(from: string, to: string): Promise<FloorView>;
  flags(): Promise<SyncFlagView[]>;
  resolveFlag(id: number): Promise<SyncFlagView[]>;
}

export function officeClient(options: OfficeClientOptions): OfficeClient {
  const doFetch = options.fetch ?? fetch;
  async function read<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(new URL(path, options.url), {
        method,
        headers: { authorization: `Bearer ${options.token}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(method === 'POST' ? { body: '{}' } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new KioskError('office/unreachable');
    }
    if (response.status === 401) throw new KioskError('office/unauthorized');
    if (response.status === 403) throw new KioskError('office/forbidden');
    if (response.status === 404)
      throw new KioskError('office/not-found', { ja: 'その記録はもうありません。', en: 'No such open flag any more.' });
    if (!response.ok) throw new KioskError('office/unreachable');
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new KioskError('office/unreachable');
    return parsed.data;
  }
  return {
    floor: (from, to) => read('GET', `/v1/floor?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, floorView),
    flags: async () => (await read('GET', '/v1/flags', syncFlagsResponse)).flags,
    resolveFlag: async (id) => (await read('POST', `/v1/flags/${id}/resolve`, syncFlagsResponse)).flags,
  };
}
