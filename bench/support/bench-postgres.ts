// A throwaway PostgreSQL database for an office benchmark: a fresh database on DATABASE_URL's
// server, or on an embedded PostgreSQL in a temporary folder; `drop()` removes what it made.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../office/database.ts';

export interface BenchDatabase {
  /** The new database's URL. */
  readonly url: string;
  /** Drops the database (embedded only: a server's database is left for inspection) and stops the embedded server. */
  drop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function benchDatabase(name: string): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let folder: string | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    folder = mkdtempSync(join(tmpdir(), `${name.replaceAll('_', '-')}-`));
    // The embedded server runs as its own OS user when started as root: it must reach the folder.
    chmodSync(folder, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(folder, 'data'), port: await freePort(), persistent: false });
    adminUrl = embedded.url;
  }
  const dbName = `${name}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return {
    url: url.toString(),
    async drop() {
      if (embedded) {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE ${dbName} WITH (FORCE)`).catch(() => undefined);
        await client.end();
        await embedded.stop();
      }
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
