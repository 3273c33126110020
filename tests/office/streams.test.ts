// Threat: /v1/stream needs no credential (a hall display is any browser on the LAN), so whatever a
// stream holds, anyone can make the service hold. A client that leaves while its first read is in
// flight must leave nothing behind, and the number of streams is bounded.
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createOfficeServer, MAX_STREAMS, MAX_STREAMS_PER_ADDRESS } from '../../office/http.ts';
import type { Doorbell } from '../../office/doorbell.ts';

/** A pool whose every query answers the office head after `delayMs` (the only query a stream makes). */
const slowPool = (delayMs: number) =>
  ({ query: () => new Promise((resolve) => setTimeout(() => resolve({ rows: [{ last_seq: 41 }] }), delayMs)) }) as unknown as pg.Pool;

function countingDoorbell(): Doorbell & { listeners: Set<unknown> } {
  const listeners = new Set<unknown>();
  return {
    listeners,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the live stream', () => {
  const open: ClientRequest[] = [];
  let close: () => Promise<void> = async () => undefined;
  afterEach(async () => {
    for (const r of open.splice(0)) r.destroy();
    await close();
  });

  async function serve(pool: pg.Pool, doorbell: Doorbell): Promise<number> {
    const server = createOfficeServer({ pool, office: 'sapporo-chuo', doorbell });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return (server.address() as AddressInfo).port;
  }

  /** One stream, from `from` (any 127.x address: Linux answers them all on the loopback). */
  function stream(port: number, from = '127.0.0.1'): Promise<{ status: number; request: ClientRequest }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/v1/stream', localAddress: from }, (response) =>
        resolve({ status: response.statusCode ?? 0, request }),
      );
      request.on('error', reject);
      request.end();
      open.push(request);
    });
  }

  it('keeps no listener for a client that left during its first read', async () => {
    const doorbell = countingDoorbell();
    const port = await serve(slowPool(150), doorbell);
    for (let i = 0; i < 20; i++) {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/v1/stream' });
      request.on('error', () => undefined);
      request.end();
      setTimeout(() => request.destroy(), 30);
    }
    await sleep(500);
    expect(doorbell.listeners.size).toBe(0);
    // A client that stays is subscribed.
    await stream(port);
    await sleep(250);
    expect(doorbell.listeners.size).toBe(1);
  });

  it(`refuses stream ${MAX_STREAMS + 1} with 503 instead of holding it`, async () => {
    const port = await serve(slowPool(0), countingDoorbell());
    // Many screens, a few per address (one address alone may hold only MAX_STREAMS_PER_ADDRESS).
    const first = await Promise.all(
      Array.from({ length: MAX_STREAMS }, (_, i) => stream(port, `127.0.1.${1 + Math.floor(i / MAX_STREAMS_PER_ADDRESS)}`)),
    );
    expect(first.every((s) => s.status === 200)).toBe(true);
    expect((await stream(port, '127.0.2.1')).status).toBe(503);
  });
});
