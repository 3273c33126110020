// The office service's entry point: `npm run office` (serve), `npm run office -- demo` (serve a hall
// that moves by itself: office/demo.ts), `npm run office -- add-machine ID [ROLE]`
// (register a machine and print its credential once; for a page machine, reception / processing /
// delivery, a one-time sign-in link instead) and `npm run office -- sign-in-link ID` (a new link for
// a page machine, e.g. each morning) and `npm run office -- publish-status --out DIR` (the public
// status as files every 15 s, for the city's website: office/publish-status.ts).
//
// Configuration (environment):
//   DATABASE_URL     the office's PostgreSQL; without it an embedded PostgreSQL runs in OFFICE_DATA_DIR
//   OFFICE_ID        the office's code (default: office)
//   OFFICE_HOST      listen address (default 127.0.0.1); anything else needs OFFICE_TLS_CERT and OFFICE_TLS_KEY
//   OFFICE_PORT      listen port (default 8470; 0 = any free port)
//   OFFICE_DATA_DIR  the embedded PostgreSQL's folder (default .office-data); OFFICE_PG_PORT its port (default 54329)
//   OFFICE_WAIT_TARGET_MINUTES  the floor view's wait target (default 20); OFFICE_HOURS its axis (default 08:45-17:15)
//   OFFICE_PUBLIC_STATUS_URL  the public per-number status page (the city's relay): the reception slip's QR code
//   OFFICE_PUBLIC_URL the address page machines reach this service at, for the sign-in links printed (default: the listen address)
//
// On start it prints one JSON line, {"listening":"http://127.0.0.1:8470","office":"…","schema":N}, N being
// LATEST_OFFICE_VERSION (the newest migration, now applied).
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { KioskError, errorJson, exitCodeOf, isKioskError } from '../domain/errors.ts';
import { machineRole, officeId, PAGE_ROLES, type MachineRole } from '../domain/office.ts';
import { DEFAULT_FLOOR_SETTINGS, floorSettings, type FloorSettings } from '../domain/floor.ts';
import { createPool, databaseError, startEmbeddedPostgres, type EmbeddedDatabase } from './database.ts';
import { openDoorbell } from './doorbell.ts';
import { startDemo } from './demo.ts';
import { PUBLISH_EVERY_MS, statusPublisher } from './publish-status.ts';
import { createOfficeServer } from './http.ts';
import { issueSignInCode, registerMachine } from './machines.ts';
import { LATEST_OFFICE_VERSION, migrateOffice } from './migrations.ts';
import { officeStore } from './store.ts';

// Everything the service creates is owner-only (0600 files, 0700 folders), whatever the parent's umask.
process.umask(0o077);

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function config(env: NodeJS.ProcessEnv, demo: boolean) {
  // The office's own database may be shared by several offices: each then must say which it is,
  // or two offices started with the default would silently become one hall.
  if (env.DATABASE_URL && !env.OFFICE_ID) {
    throw new KioskError('app/config-invalid', {
      ja: 'DATABASE_URL を使うときは OFFICE_ID（この庁舎の英小文字の記号、例: sapporo-chuo）も指定してください。',
      en: 'With DATABASE_URL, set OFFICE_ID too (this office’s code, e.g. sapporo-chuo).',
    });
  }
  // The demo's tickets are an office of their own ('demo'), apart from a development office's.
  const office = env.OFFICE_ID ?? (demo ? 'demo' : 'office');
  if (!officeId.safeParse(office).success) {
    throw new KioskError('app/config-invalid', {
      ja: 'OFFICE_ID は英小文字・数字・ハイフンで指定してください。',
      en: 'OFFICE_ID must be [a-z0-9-]{1,32}.',
    });
  }
  const host = env.OFFICE_HOST ?? '127.0.0.1';
  const port = Number(env.OFFICE_PORT ?? '8470');
  const tls =
    env.OFFICE_TLS_CERT && env.OFFICE_TLS_KEY
      ? { cert: readFileSync(env.OFFICE_TLS_CERT, 'utf8'), key: readFileSync(env.OFFICE_TLS_KEY, 'utf8') }
      : undefined;
  if (!LOOPBACK.has(host) && !tls) {
    throw new KioskError('app/config-invalid', {
      ja: '127.0.0.1 以外で待ち受けるには TLS（OFFICE_TLS_CERT と OFFICE_TLS_KEY）が必要です。',
      en: 'Listening beyond 127.0.0.1 needs TLS (OFFICE_TLS_CERT and OFFICE_TLS_KEY).',
    });
  }
  const [open, close] = (env.OFFICE_HOURS ?? `${DEFAULT_FLOOR_SETTINGS.open}-${DEFAULT_FLOOR_SETTINGS.close}`).split('-');
  const floor = floorSettings.safeParse({
    targetMinutes: Number(env.OFFICE_WAIT_TARGET_MINUTES ?? DEFAULT_FLOOR_SETTINGS.targetMinutes),
    open,
    close,
  });
  if (!floor.success || floor.data.open >= floor.data.close) {
    throw new KioskError('app/config-invalid', {
      ja: 'OFFICE_WAIT_TARGET_MINUTES は 1〜240 の分、OFFICE_HOURS は 08:45-17:15 の形で指定してください。',
      en: 'OFFICE_WAIT_TARGET_MINUTES must be 1–240 minutes and OFFICE_HOURS like 08:45-17:15.',
    });
  }
  const publicStatusUrl = env.OFFICE_PUBLIC_STATUS_URL || null;
  if (publicStatusUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicStatusUrl))
    throw new KioskError('app/config-invalid', {
      ja: 'OFFICE_PUBLIC_STATUS_URL は http:// か https:// で始まる URL で指定してください。',
      en: 'OFFICE_PUBLIC_STATUS_URL must be an http:// or https:// URL.',
    });
  const scheme = tls ? 'https' : 'http';
  const publicUrl = (env.OFFICE_PUBLIC_URL || `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  return {
    office,
    floor: floor.data as FloorSettings,
    host,
    port,
    tls,
    publicStatusUrl,
    publicUrl,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.OFFICE_DATA_DIR ?? '.office-data',
    pgPort: Number(env.OFFICE_PG_PORT ?? '54329'),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const demo = argv[0] === 'demo';
  const usage = new KioskError('cli/usage', {
    ja: '使い方: npm run office [-- demo | add-machine ID [役割] | sign-in-link ID | publish-status --out フォルダ]',
    en: 'Usage: npm run office [-- demo | add-machine ID [ROLE] | sign-in-link ID | publish-status --out DIR]',
  });
  if (argv[0] !== undefined && !demo && !['add-machine', 'sign-in-link', 'publish-status'].includes(argv[0])) throw usage;
  const outDir = argv[0] === 'publish-status' ? (argv[1] === '--out' && argv[2] ? resolvePath(argv[2]) : null) : undefined;
  if (outDir === null) throw usage;
  const settings = config(process.env, demo);
  // A mistyped role must not quietly re-key an existing machine as a counter.
  const roleArg = argv[2] ?? 'counter';
  if (argv[0] === 'add-machine' && !machineRole.safeParse(roleArg).success)
    throw new KioskError('cli/usage', {
      ja: '役割（3番目の引数）は counter, supervisor, reception, processing, delivery のどれかです。',
      en: 'The role is counter, supervisor, reception, processing or delivery.',
    });

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = settings.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: `${settings.dataDir}/pg`, port: settings.pgPort, persistent: true });
    databaseUrl = embedded.url;
  }
  const pool = createPool(databaseUrl);
  const client = await pool.connect().catch((error: unknown) => {
    throw databaseError(error);
  });
  try {
    await migrateOffice(client);
  } finally {
    client.release();
  }
  const store = officeStore(pool, settings.office);
  await store.ensureOffice();

  if (argv[0] === 'add-machine' || argv[0] === 'sign-in-link') {
    const machine = argv[1] ?? '';
    let line: Record<string, unknown>;
    if (argv[0] === 'add-machine') {
      const role = machineRole.parse(roleArg) as MachineRole;
      const token = await registerMachine(pool, settings.office, machine, role);
      // A page machine never sees its token: it signs in with a one-time link (docs/office.md).
      line = PAGE_ROLES.includes(role) ? { machine, role, ...(await signInLink(machine)) } : { machine, role, token };
    } else {
      line = { machine, ...(await signInLink(machine)) };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
    await pool.end();
    await embedded?.stop();
    return;
  }
  if (outDir !== undefined) return publishStatus(outDir);
  async function publishStatus(dir: string): Promise<void> {
    const publisher = statusPublisher({ pool, office: settings.office, store, outDir: dir });
    let timer: NodeJS.Timeout | null = null;
    let round: Promise<unknown> = Promise.resolve();
    const publish = (): void => {
      round = publisher
        .publishOnce()
        .catch((error: unknown) => {
          // Said, and tried again next round: the upload keeps the last good files meanwhile.
          const known = databaseError(error);
          process.stderr.write(`${JSON.stringify(errorJson(isKioskError(known) ? known : new KioskError('app/internal')))}\n`);
        })
        .finally(() => {
          if (timer !== null) timer = setTimeout(publish, PUBLISH_EVERY_MS);
        });
    };
    await publisher.publishOnce();
    process.stdout.write(`${JSON.stringify({ publishing: dir, office: settings.office, everySeconds: PUBLISH_EVERY_MS / 1000 })}\n`);
    timer = setTimeout(publish, PUBLISH_EVERY_MS);
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      timer = null;
      void round
        .then(() => pool.end())
        .then(() => embedded?.stop())
        .finally(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }
  async function signInLink(machine: string): Promise<{ signIn: string; expiresAt: string }> {
    const { code, expiresAt } = await issueSignInCode(pool, settings.office, machine);
    return { signIn: `${settings.publicUrl}/sign-in#${code}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  const doorbell = await openDoorbell(databaseUrl, settings.office, () => store.head());
  const server = createOfficeServer({
    pool,
    office: settings.office,
    doorbell,
    floor: settings.floor,
    publicStatusUrl: settings.publicStatusUrl,
    tls: settings.tls,
  });
  await new Promise<void>((resolve) => server.listen(settings.port, settings.host, resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = settings.tls ? 'https' : 'http';
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const listening = `${scheme}://${host}:${port}`;
  process.stdout.write(`${JSON.stringify({ listening, office: settings.office, schema: LATEST_OFFICE_VERSION })}\n`);
  const hall = demo
    ? await startDemo({
        pool,
        office: settings.office,
        store,
        baseUrl: process.env.OFFICE_PUBLIC_URL ? settings.publicUrl : listening,
        write: (line) => process.stdout.write(`${line}\n`),
      })
    : null;

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (hall?.stop() ?? Promise.resolve()).then(() => {
      server.close();
      server.closeAllConnections();
      void doorbell
        .close()
        .then(() => pool.end())
        .then(() => embedded?.stop())
        .finally(() => process.exit(0));
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = databaseError(error);
  const shown = isKioskError(known) ? known : new KioskError('app/internal');
  process.stderr.write(`${JSON.stringify(errorJson(shown))}\n`);
  process.exit(exitCodeOf(shown));
});
