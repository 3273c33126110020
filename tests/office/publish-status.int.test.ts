// The public waiting status pushed outward as files (`npm run office -- publish-status --out DIR`),
// for a sync job to upload to the city's website: status.json equals GET /v1/status, each of today's
// numbers' file equals GET /v1/status/A-012, written whole (temporary file, then rename), yesterday's
// numbers removed, no name anywhere. On a real PostgreSQL, in process and as the command.
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publicStatus, ticketResponse, ticketStatusView } from '../../domain/office.ts';
import { statusPublisher } from '../../office/publish-status.ts';
import { officeStore } from '../../office/store.ts';
import { newUuidv7, OFFICE, request, useOfficePerTest, type Harness } from './support/office-harness.ts';
import { startServiceProcess, type ServiceProcess } from './support/service-process.ts';

const { start, database } = useOfficePerTest();
let publisherProcess: ServiceProcess | undefined;
let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'office-publish-'));
});
afterEach(async () => {
  if (publisherProcess && publisherProcess.child.exitCode === null) publisherProcess.child.kill('SIGKILL');
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
});

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** A morning at the hall: 転入 A-001 served at counter 3 (called), A-002 waiting; 証明書 E-001 finished. */
async function morning(harness: Harness): Promise<void> {
  const reception = await harness.counter('reception');
  const c3 = await harness.counter('3');
  for (const category of ['tennyu', 'tennyu', 'certificate'])
    ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category, staff: 'R0001' })).body);
  await c3.call('POST', '/v1/tickets/E-001/call', { id: newUuidv7(), staff: 'S0301' });
  await c3.call('POST', '/v1/tickets/E-001/complete', { id: newUuidv7(), staff: 'S0301' });
  await c3.call('POST', '/v1/tickets/A-001/call', { id: newUuidv7(), staff: 'S0301' });
}

describe('publish-status', () => {
  it("writes status.json and today's numbers equal to the API's answers, atomically; yesterday's go", async () => {
    const now = Date.now();
    const office = await start({ now: () => now, statusLimit: null });
    await morning(office);
    const out = join(folder, 'in-process');
    // Yesterday's A-003 must not be shown as today's.
    mkdirSync(join(out, 'tickets'), { recursive: true });
    writeFileSync(join(out, 'tickets', 'A-003.json'), '{"number":"A-003"}\n');

    const publisher = statusPublisher({ pool: office.pool, office: OFFICE, store: officeStore(office.pool, OFFICE), outDir: out });
    expect(await publisher.publishOnce(now)).toEqual(['A-001', 'A-002', 'E-001']);
    expect(readJson(join(out, 'status.json'))).toEqual((await request(office.url, 'GET', '/v1/status')).body);
    expect(publicStatus.parse(readJson(join(out, 'status.json'))).categories.find((c) => c.category === 'tennyu')).toMatchObject({
      waiting: 1,
      calling: ['A-001'],
    });
    for (const number of ['A-001', 'A-002', 'E-001']) {
      const file = ticketStatusView.parse(readJson(join(out, 'tickets', `${number}.json`)));
      expect(file).toEqual((await request(office.url, 'GET', `/v1/status/${number}`)).body);
    }
    expect(readdirSync(join(out, 'tickets')).sort()).toEqual(['A-001.json', 'A-002.json', 'E-001.json']);
    expect(readdirSync(out).sort()).toEqual(['status.json', 'tickets']);
    // No staff code, no machine token, no ticket id: what the hall display and the status page show.
    const everything = [
      readFileSync(join(out, 'status.json'), 'utf8'),
      ...['A-001', 'A-002', 'E-001'].map((n) => readFileSync(join(out, 'tickets', `${n}.json`), 'utf8')),
    ].join('');
    expect(everything).not.toMatch(/S0301|R0001|[0-9a-f]{8}-[0-9a-f]{4}-7/);
    // E-001 is finished: written once, then left as it is.
    expect(await publisher.publishOnce(now)).toEqual(['A-001', 'A-002']);
  });

  it('runs as `npm run office -- publish-status --out DIR` until SIGTERM', { timeout: 60_000 }, async () => {
    const databaseUrl = await database();
    const office = await start({}, databaseUrl);
    await morning(office);
    const out = join(folder, 'command');
    publisherProcess = await startServiceProcess(
      { DATABASE_URL: databaseUrl, OFFICE_ID: OFFICE },
      ['publish-status', '--out', out],
      'publishing',
    );
    expect(publisherProcess.started).toEqual({ publishing: out, office: OFFICE, everySeconds: 15 });
    // The first round is written before the line: valid JSON, the API's answer but for its time.
    const written = publicStatus.parse(readJson(join(out, 'status.json')));
    const answered = publicStatus.parse((await request(office.url, 'GET', '/v1/status')).body);
    expect({ ...written, updatedAt: 0 }).toEqual({ ...answered, updatedAt: 0 });
    expect(readdirSync(join(out, 'tickets')).sort()).toEqual(['A-001.json', 'A-002.json', 'E-001.json']);
    expect(ticketStatusView.parse(readJson(join(out, 'tickets', 'A-001.json')))).toMatchObject({ phase: 'called', counter: '3' });
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);

    publisherProcess.child.kill('SIGTERM');
    const [exitCode] = (await once(publisherProcess.child, 'exit')) as [number | null];
    expect(exitCode).toBe(0);
    expect(publisherProcess.stderr()).toBe('');
  });
});
