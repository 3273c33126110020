// Threat: the settings that protect a counter (its counter number, no default printer, the staff
// idle sign-out period) are read but not wired into the app's composition root, so the app runs
// with a renderer's counter, a 'PDF' queue or no idle sign-out. This builds the real app's services
// (main/services/production.ts, as electron/main.ts does) from a KIOSK_CONFIG file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/app-handlers.ts';
import { handle } from '../../main/ipc/registry.ts';
import type { AppServices } from '../../main/services/app-services.ts';
import { createProductionServices } from '../../main/services/production.ts';

describe('the app reads the office configuration into its services', () => {
  let dir: string;
  let services: AppServices | null = null;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-prod-'));
    for (const key of ['KIOSK_PRINTER', 'KIOSK_RECEIPT_PRINTER', 'KIOSK_COUNTER', 'KIOSK_DEMO']) delete process.env[key];
  });
  afterEach(async () => {
    await services?.close();
    services = null;
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('counter number, idle sign-out period and no default printer come from KIOSK_CONFIG', async () => {
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ office: { counter: '7' }, staff: { idleSignOutMinutes: 3 } }));
    process.env.KIOSK_CONFIG = config;
    services = await createProductionServices({
      dataDir: dir,
      version: 'test',
      appRoot: resolve(import.meta.dirname, '../..'),
      sealer: { seal: (plain) => Buffer.from(plain.toString('hex')), unseal: (sealed) => Buffer.from(sealed.toString(), 'hex') },
      openDashboard: () => undefined,
    });
    expect(services.counter).toBe('7');
    expect(services.staffIdle.idleMs).toBe(3 * 60_000);
    const status = await handle(createHandlers(services), 'status:get', {}, { screen: 'staff' });
    expect(status).toMatchObject({
      ok: true,
      value: { printer: { state: 'not-configured', name: null, problem: { code: 'printer/not-configured' } } },
    });
  }, 60_000);
});
