// Threat: a renderer (a compromised or altered staff page) names the counter the audit log, the
// events and the statistics attribute its work to. The counter is the machine's configuration
// (office config office.counter); the sign-in contract has no counter field, so a request that
// carries one is refused before it reaches the handler, and the sign-in form no longer asks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/app-handlers.ts';
import { contract } from '../../main/ipc/contract.ts';
import { handle, type HandlerMap } from '../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../main/services/app-services.ts';
import { parseOfficeConfig } from '../../main/services/office-config.ts';

const STAFF = { screen: 'staff' } as const;
const PASSWORD = 'sakura-madoguchi-2026';

describe('the counter number comes from the machine, not the renderer', () => {
  let dir: string;
  let services: AppServices;
  let handlers: HandlerMap;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-counter-'));
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      kdf: { N: 2 ** 10, r: 8, p: 1 },
      counter: '3',
    });
    await services.accounts.setPassword('ito-k', 'staff', PASSWORD);
    handlers = createHandlers(services);
  });
  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the sign-in contract refuses a request that names a counter; nobody is signed in and nothing is audited', async () => {
    expect(contract['auth:sign-in'].request.safeParse({ staffId: 'ito-k', password: PASSWORD, counter: '9' }).success).toBe(false);
    const result = await handle(handlers, 'auth:sign-in', { staffId: 'ito-k', password: PASSWORD, counter: '9' }, STAFF);
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-request' } });
    expect(services.staff.get('staff')).toBeNull();
    expect(services.audit.entries().some((e) => e.counter === '9')).toBe(false);
  });

  it("a sign-in without a counter gets the machine's counter, in the identity and the audit log", async () => {
    const result = await handle(handlers, 'auth:sign-in', { staffId: 'ito-k', password: PASSWORD }, STAFF);
    expect(result).toMatchObject({ ok: true, value: { counter: '3' } });
    expect(services.audit.entries().at(-1)).toMatchObject({ action: 'sign-in', counter: '3' });
  });

  it('the office configuration names the counter (office.counter); KIOSK_COUNTER overrides it; a bad value is refused', () => {
    expect(parseOfficeConfig({ office: { counter: '12' } }).counter).toBe('12');
    expect(parseOfficeConfig({ office: { counter: '12' } }, { KIOSK_COUNTER: '7' }).counter).toBe('7');
    expect(parseOfficeConfig({}).counter).toBe('1');
    expect(() => parseOfficeConfig({ office: { counter: '3; DROP' } })).toThrow(expect.objectContaining({ code: 'app/config-invalid' }));
    // A mistyped override says so (it used to fall back to 窓口 1 without a word).
    expect(() => parseOfficeConfig({ office: { counter: '12' } }, { KIOSK_COUNTER: '窓口3' })).toThrow(
      expect.objectContaining({ code: 'app/config-invalid' }),
    );
    expect(() => parseOfficeConfig({}, { KIOSK_PRINTER: 'Kiosk PDF/../x' })).toThrow(
      expect.objectContaining({ code: 'app/config-invalid' }),
    );
  });

  it('the sign-in form has no 窓口番号 field and sends no counter', () => {
    const source = readFileSync(join(import.meta.dirname, '../../renderer/src/screens/SignIn.tsx'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    expect(source).not.toMatch(/name="counter"|signIn\.counter|\bcounter\b/);
  });
});
