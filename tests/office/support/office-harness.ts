// The office service in the test process, on a fresh database of a real PostgreSQL: migrated, one
// office, and helpers to register counters and call the HTTP API as they would.
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createPool } from '../../../office/database.ts';
import { openDoorbell, type Doorbell } from '../../../office/doorbell.ts';
import { createOfficeServer, type OfficeServiceOptions } from '../../../office/http.ts';
import { newUuidv7 } from '../../../office/ids.ts';
import { registerMachine } from '../../../office/machines.ts';
import { migrateOffice } from '../../../office/migrations.ts';
import { officeStore } from '../../../office/store.ts';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestPostgres, type TestPostgres } from './postgres.ts';

export const OFFICE = 'sapporo-chuo';

export interface Harness {
  readonly url: string;
  readonly databaseUrl: string;
  readonly pool: pg.Pool;
  counter(id: string): Promise<Counter>;
  close(): Promise<void>;
}

export interface Counter {
  readonly id: string;
  readonly token: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function migrate(databaseUrl: string): Promise<pg.Pool> {
  const pool = createPool(databaseUrl, 20);
  const client = await pool.connect();
  try {
    await migrateOffice(client);
  } finally {
    client.release();
  }
  await officeStore(pool, OFFICE).ensureOffice();
  return pool;
}

export async function request(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The service's options; `port`: listen there (a service restarted where its counters look for it), default any free port. */
export type HarnessOptions = Pick<OfficeServiceOptions, 'now' | 'floor' | 'issueLimit' | 'publicStatusUrl' | 'statusLimit'> & {
  port?: number;
};

export async function startHarness(databaseUrl: string, options: HarnessOptions = {}): Promise<Harness> {
  const { port, ...serviceOptions } = options;
  const pool = await migrate(databaseUrl);
  const store = officeStore(pool, OFFICE);
  const doorbell: Doorbell = await openDoorbell(databaseUrl, OFFICE, () => store.head());
  const server: Server = createOfficeServer({ pool, office: OFFICE, doorbell, ...serviceOptions });
  await new Promise<void>((resolve) => server.listen(port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    databaseUrl,
    pool,
    async counter(id) {
      const token = await registerMachine(pool, OFFICE, id);
      return { id, token, call: (method, path, body) => request(url, method, path, body, token) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await doorbell.close();
      await pool.end();
    },
  };
}

export interface OfficePerTest {
  /**
   * The office service for the running test, on a fresh database (or on `databaseUrl`, one the test
   * prepared); closed after the test, whether or not the test closed it itself.
   */
  start(options?: HarnessOptions, databaseUrl?: string): Promise<Harness>;
  /** A new empty database on the file's PostgreSQL, for a test that needs a raw one; its URL. */
  database(): Promise<string>;
}

/**
 * The office tests' set-up, once: one PostgreSQL for the file (started before its first test, stopped
 * after its last) and, per test, the services it started, closed after it. Call it at the top of the
 * file: a file's own afterEach, registered later, runs first (vitest runs after-hooks as a stack), so a
 * worker or log it stops there is gone before the service closes.
 */
export function useOfficePerTest(): OfficePerTest {
  let postgres: TestPostgres | undefined;
  const started: Harness[] = [];
  beforeAll(async () => {
    postgres = await startTestPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  afterEach(async () => {
    for (const harness of started.splice(0)) await harness.close();
  });
  async function database(): Promise<string> {
    if (!postgres) throw new Error('useOfficePerTest: PostgreSQL starts before the first test; ask for a database inside one');
    return postgres.database();
  }
  return {
    database,
    async start(options = {}, databaseUrl) {
      const harness = await startHarness(databaseUrl ?? (await database()), options);
      // A test may close its service itself (to restart it, or to cut its counters off): close once.
      let closed: Promise<void> | undefined;
      const once: Harness = { ...harness, close: () => (closed ??= harness.close()) };
      started.push(once);
      return once;
    },
  };
}

export { newUuidv7 };
