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

/** `port`: listen there (a service restarted where its counters look for it); default any free port. */
export async function startHarness(
  databaseUrl: string,
  options: Pick<OfficeServiceOptions, 'now' | 'floor' | 'issueLimit' | 'publicStatusUrl' | 'statusLimit'> & { port?: number } = {},
): Promise<Harness> {
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

export { newUuidv7 };
