// The counter app and the office service: when KIOSK_CONFIG names an office service,
// the app's own services (main/services/production.ts, as electron/main.ts builds them) start the
// outbox worker, a visit's events reach the office's PostgreSQL, the staff status bar's device
// status shows the link, and closing the app stops the worker. A plain http:// URL on the LAN is
// refused before anything starts: the machine's token would cross the LAN in clear text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../domain/errors.ts';
import { pullResponse } from '../../../domain/office.ts';
import { EMPTY_NOTICE, type HouseholdDraft } from '../../../domain/visit.ts';
import { createHandlers } from '../../../main/app-handlers.ts';
import type { DeviceStatus } from '../../../main/ipc/contract.ts';
import { handle } from '../../../main/ipc/registry.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { parseOfficeConfig } from '../../../main/services/office-config.ts';
import { createProductionServices } from '../../../main/services/production.ts';
import { useOfficePerTest } from '../../office/support/office-harness.ts';
import { freePort } from '../../office/support/postgres.ts';

const household: HouseholdDraft = {
  reference: 'R-OFFICE-1',
  members: [
    {
      id: 'm1',
      name: '髙橋　𠮷太郎',
      furigana: 'タカハシ　キチタロウ',
      birthDate: '1989-01-07',
      sex: 'male',
      relationship: '世帯主',
      fromCard: true,
      foreignResident: null,
    },
  ],
  headId: 'm1',
  move: {
    kind: 'tennyu',
    moveDate: '2026-11-20',
    postalCode: '060-0001',
    address: '北海道札幌市中央区北一条西２丁目１番地',
    building: '札幌𠮷﨑髙マンション　１２０３号室',
    previousPostalCode: '980-0811',
    previousAddress: '宮城県仙台市青葉区一番町四丁目１１番１号',
    phone: '011-222-3333',
    room: '',
    previousBuilding: '',
    previousRoom: '',
    notificationDate: null,
  },
  facts: {},
  notice: EMPTY_NOTICE,
};

const TOKEN = '3.abcdefghijklmnopqrstuvwxyz012345';

describe('office.service in KIOSK_CONFIG', () => {
  it('accepts https:// anywhere and http:// only to the machine itself; refuses http:// on the LAN with office/insecure-url', () => {
    const service = (url: string) => parseOfficeConfig({ office: { counter: '3', service: { url, token: TOKEN } } }).service;
    expect(service('https://office.chuo.local:8470/')).toEqual({ url: 'https://office.chuo.local:8470', token: TOKEN });
    expect(service('http://127.0.0.1:8470')?.url).toBe('http://127.0.0.1:8470');
    expect(service('http://localhost:8470')?.url).toBe('http://localhost:8470');
    expect(service('http://[::1]:8470')?.url).toBe('http://[::1]:8470');
    for (const url of ['http://192.168.10.5:8470', 'http://office.chuo.local:8470', 'http://127.0.0.1.example.jp:8470']) {
      const error = (() => {
        try {
          service(url);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, url).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('office/insecure-url');
      expect((error as KioskError).message).toMatch(/https:\/\//);
    }
    expect(parseOfficeConfig({}).service).toBeNull();
    // Neither or both of token and tokenFile, another scheme, a token of the wrong shape: the file is wrong.
    for (const bad of [
      { url: 'https://office.local' },
      { url: 'https://office.local', token: TOKEN, tokenFile: '/etc/kiosk/token' },
      { url: 'ftp://office.local', token: TOKEN },
      { url: 'https://office.local', token: 'secret' },
    ])
      expect(() => parseOfficeConfig({ office: { service: bad } })).toThrow(expect.objectContaining({ code: 'app/config-invalid' }));
  });
});

describe('the app pushes its visits to the office service named in KIOSK_CONFIG', () => {
  const { start } = useOfficePerTest();
  let dir: string;
  let services: AppServices | null = null;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-office-link-'));
    for (const key of ['KIOSK_PRINTER', 'KIOSK_RECEIPT_PRINTER', 'KIOSK_COUNTER', 'KIOSK_DEMO']) delete process.env[key];
  });
  afterEach(async () => {
    await services?.close();
    services = null;
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  const build = () =>
    createProductionServices({
      dataDir: dir,
      version: 'test',
      appRoot: resolve(import.meta.dirname, '../../..'),
      sealer: { seal: (plain) => Buffer.from(plain.toString('hex')), unseal: (sealed) => Buffer.from(sealed.toString(), 'hex') },
      openDashboard: () => undefined,
    });
  const status = async (s: AppServices) => {
    const answer = await handle(createHandlers(s), 'status:get', {}, { screen: 'staff' });
    if (!answer.ok) throw new Error('status:get failed');
    return (answer.value as DeviceStatus).office;
  };
  const until = async (what: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('a visit taken and served at counter 3 reaches the office log; the status shows the link; close stops the worker', async () => {
    const office = await start();
    const counter = await office.counter('3');
    const tokenFile = join(dir, 'office-token');
    writeFileSync(tokenFile, `${counter.token}\n`, { mode: 0o600 });
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ office: { counter: '3', service: { url: office.url, tokenFile } } }));
    process.env.KIOSK_CONFIG = config;
    services = await build();
    expect(services.office?.url).toBe(office.url);

    const queue = services.queue!;
    const actor = { staffId: 'sato-k', counter: '3' };
    const { requestId, ticket } = queue.enqueue(household, ['jumin-ido'], actor);
    queue.advance(requestId, 'forms-printed', actor);
    queue.advance(requestId, 'submitted', actor);
    services.events.emit('queue-changed');

    const log = async () => {
      const response = await fetch(`${office.url}/v1/events?after=0`, { headers: { authorization: `Bearer ${counter.token}` } });
      return pullResponse.parse(await response.json());
    };
    await until(async () => (await log()).events.length === 3);
    expect((await log()).events.map((e) => [e.visitId, e.kind, e.ticket, e.machine])).toEqual([
      [requestId, 'received', ticket, '3'],
      [requestId, 'forms-printed', ticket, '3'],
      [requestId, 'submitted', ticket, '3'],
    ]);
    await until(async () => (await status(services!)).state === 'connected');
    expect(await status(services)).toEqual({ state: 'connected', pending: 0, refused: 0 });

    // A visit recorded under another counter's id (the office refuses events naming a counter
    // other than the token's machine): the rest goes on, the status bar counts what was refused.
    const stray = queue.enqueue(household, ['jumin-ido'], actor);
    queue.advance(stray.requestId, 'forms-printed', { staffId: 'sato-k', counter: '9' });
    services.events.emit('queue-changed');
    await until(async () => (await status(services!)).refused === 1);
    expect(await status(services)).toEqual({ state: 'connected', pending: 0, refused: 1 });
    expect((await log()).events.map((e) => [e.visitId, e.kind])).toEqual([
      [requestId, 'received'],
      [requestId, 'forms-printed'],
      [requestId, 'submitted'],
      [stray.requestId, 'received'],
    ]);

    // Nothing of the resident reached PostgreSQL.
    const dump = await office.pool.query(`SELECT string_agg(t::text, ' ') AS all FROM events t`);
    for (const text of ['髙橋', '𠮷太郎', '札幌市中央区', '011-222-3333', '1989-01-07']) expect(dump.rows[0].all).not.toContain(text);

    // The office goes away: the counter goes on, the status says so and counts what waits.
    await office.close();
    queue.advance(requestId, 'processing-started', actor);
    services.events.emit('queue-changed');
    await until(async () => (await status(services!)).state === 'not-connected');
    expect(await status(services)).toEqual({ state: 'not-connected', pending: 1, refused: 1 });

    // Closing the app stops the worker: nothing pushes after close (the outbox file is closed too).
    await services.close();
    services = null;
  }, 90_000);

  it('a wrong token shows as unauthorized, and an office at an http:// LAN address stops the start', async () => {
    const office = await start();
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ office: { counter: '3', service: { url: office.url, token: TOKEN } } }));
    process.env.KIOSK_CONFIG = config;
    services = await build();
    services.queue!.enqueue(household, ['jumin-ido'], { staffId: 'sato-k', counter: '1' });
    services.events.emit('queue-changed');
    await until(async () => (await status(services!)).state === 'unauthorized');
    expect(await status(services)).toEqual({ state: 'unauthorized', pending: 1, refused: 0 });
    await services.close();
    services = null;

    writeFileSync(
      config,
      JSON.stringify({ office: { counter: '3', service: { url: `http://192.168.10.5:${await freePort()}`, token: TOKEN } } }),
    );
    await expect(build()).rejects.toMatchObject({ code: 'office/insecure-url' });
  }, 90_000);
});
