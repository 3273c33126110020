// The office service over HTTPS (OFFICE_TLS_CERT, OFFICE_TLS_KEY), as on the office LAN: a private CA
// made with openssl for this test, the service (`npm run office`'s entry point, a child process) with
// its certificate on 127.0.0.1, and a counter's office client (main/sync/office-client.ts) pushing
// and pulling. It trusts the CA by office.service.caFile's way (trustOfficeCa) or NODE_EXTRA_CA_CERTS;
// without either, the connection is refused and nothing is sent.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeEvent } from '../../domain/office.ts';
import { createPool } from '../../office/database.ts';
import { registerMachine } from '../../office/machines.ts';
import { newUuidv7, OFFICE } from './support/office-harness.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';
import { NODE, ROOT, startServiceProcess, type ServiceProcess } from './support/service-process.ts';

let postgres: TestPostgres;
let folder: string;
let service: ServiceProcess | undefined;
let pool: pg.Pool | undefined;

/** The office's private CA and the service's certificate for 127.0.0.1, signed by it. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  // prettier-ignore
  openssl(
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/O=Sapporo Chuo Ward Office/CN=Sapporo Chuo Office CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  );
  // prettier-ignore
  openssl(
    'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', 'office.key', '-out', 'office.csr', '-subj', '/O=Sapporo Chuo Ward Office/CN=127.0.0.1',
  );
  writeFileSync(
    join(dir, 'office.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  // prettier-ignore
  openssl(
    'x509', '-req', '-in', 'office.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-days', '2', '-out', 'office.pem', '-extfile', 'office.ext',
  );
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'office.pem'), key: join(dir, 'office.key') };
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  folder = mkdtempSync(join(tmpdir(), 'office-tls-'));
});
afterAll(async () => {
  service?.child.kill('SIGTERM');
  await pool?.end();
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** A counter process's one push and pull; `caFile` trusted as the app does, `env` on top (NODE_EXTRA_CA_CERTS). */
async function counterRound(
  input: { url: string; token: string; event: OfficeEvent; caFile?: string },
  env: NodeJS.ProcessEnv = {},
): Promise<{ pushed?: { id: string; status: string }[]; pulled?: string[]; error?: string }> {
  const { NODE_EXTRA_CA_CERTS: _ignored, ...inherited } = process.env;
  const { stdout } = await promisify(execFile)(
    NODE,
    ['--disable-warning=ExperimentalWarning', 'tests/office/support/tls-counter.ts', JSON.stringify(input)],
    { cwd: ROOT, env: { ...inherited, ...env }, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim()) as { pushed?: { id: string; status: string }[]; pulled?: string[]; error?: string };
}

function received(at: number, visitId: string): OfficeEvent {
  return {
    id: newUuidv7(at),
    visitId,
    kind: 'received',
    at,
    counter: '3',
    staff: 'S0301',
    category: 'tennyu',
    ticket: 'A-001',
    reason: null,
    stage: null,
    forms: 'jumin-ido',
  };
}

describe('the office service over HTTPS', () => {
  it("serves a counter that trusts the office's CA (caFile or NODE_EXTRA_CA_CERTS); refuses one that does not", async () => {
    const { ca, cert, key } = makeCertificates(folder);
    const databaseUrl = await postgres.database();
    service = await startServiceProcess({
      DATABASE_URL: databaseUrl,
      OFFICE_ID: OFFICE,
      OFFICE_HOST: '127.0.0.1',
      OFFICE_PORT: '0',
      OFFICE_TLS_CERT: cert,
      OFFICE_TLS_KEY: key,
    });
    const url = service.started.listening;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    pool = createPool(databaseUrl, 2);
    const token = await registerMachine(pool, OFFICE, '3');

    // office.service.caFile's way (the packaged app ignores NODE_EXTRA_CA_CERTS).
    const visit = newUuidv7();
    const first = received(Date.now() - 60_000, visit);
    const trusted = await counterRound({ url, token, event: first, caFile: ca });
    expect(trusted).toEqual({ pushed: [{ id: first.id, seq: 1, status: 'stored' }], pulled: [first.id] });

    // NODE_EXTRA_CA_CERTS (a Node process: the operator CLI, a tool on the counter machine).
    const second = { ...received(Date.now() - 30_000, visit), kind: 'forms-printed' as const };
    const byEnv = await counterRound({ url, token, event: second }, { NODE_EXTRA_CA_CERTS: ca });
    expect(byEnv).toEqual({ pushed: [{ id: second.id, seq: 2, status: 'stored' }], pulled: [first.id, second.id] });

    // Not trusted: the handshake fails, the counter reads it as the office being away, nothing is sent.
    const third = { ...received(Date.now(), visit), kind: 'submitted' as const };
    expect(await counterRound({ url, token, event: third })).toEqual({ error: 'office/unreachable' });
    const stored = await pool.query<{ id: string }>('SELECT id::text AS id FROM events ORDER BY seq');
    expect(stored.rows.map((r) => r.id)).toEqual([first.id, second.id]);
  });
});
