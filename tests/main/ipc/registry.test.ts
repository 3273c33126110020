import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, handle } from '../../../main/ipc/registry.ts';
import { KioskError } from '../../../domain/errors.ts';
import { createHandlers } from '../../../main/app-handlers.ts';
import { createAppServices } from '../../../main/services/app-services.ts';
import { channelNames, channelScreens, contract } from '../../../main/ipc/contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-ipc-'));
const clock = { now: Date.parse('2026-11-24T00:00:00Z') };
const services = createAppServices({
  dataDir: dir,
  info: { name: '書かない窓口', version: '0.1.0', demoMode: true, idleTimeoutSeconds: 120, idleCountdownSeconds: 30 },
  kdf: { N: 2 ** 12, r: 8, p: 1 },
  counter: '3',
  now: () => clock.now,
});
const handlers = createHandlers(services);
const staff = { screen: 'staff' } as const;
const resident = { screen: 'resident' } as const;

afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC dispatch', () => {
  it('answers a valid request through the handler and validates the response', async () => {
    await expect(dispatch(handlers, 'app:info', {}, staff)).resolves.toEqual({
      name: '書かない窓口',
      version: '0.1.0',
      demoMode: true,
      idleTimeoutSeconds: 120,
      idleCountdownSeconds: 30,
    });
  });

  it('has a schema and a screen list for every channel', () => {
    for (const channel of channelNames) {
      expect(contract[channel].request).toBeDefined();
      expect(channelScreens[channel].length).toBeGreaterThan(0);
    }
  });

  it('refuses channels outside the contract', async () => {
    await expect(dispatch(handlers, 'fs:read', {}, staff)).rejects.toMatchObject({ code: 'ipc/unknown-channel' });
  });

  it('refuses a channel called from a screen it is not meant for', async () => {
    await expect(dispatch(handlers, 'session:get', {}, resident)).rejects.toMatchObject({ code: 'ipc/forbidden-screen' });
    await expect(dispatch(handlers, 'resident:pin-submit', { pin: '1234', confirmLastTry: false }, staff)).rejects.toMatchObject({
      code: 'ipc/forbidden-screen',
    });
    await expect(dispatch(handlers, 'stats:dashboard', { from: '2026-01-01', to: '2026-01-01' }, resident)).rejects.toMatchObject({
      code: 'ipc/forbidden-screen',
    });
  });

  it('refuses extra fields without echoing their values', async () => {
    const error = await dispatch(handlers, 'app:info', { name: '髙橋　𠮷太郎' }, staff).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('ipc/invalid-request');
    expect((error as KioskError).message).not.toContain('髙橋');
  });

  it('never echoes a malformed PIN', async () => {
    const result = await handle(handlers, 'resident:pin-submit', { pin: '98765', confirmLastTry: false }, resident);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('98765');
  });

  it('refuses a handler response that breaks the contract, as data', async () => {
    const broken = { ...handlers, 'app:info': () => ({ name: 'x', version: 1 }) } as unknown as typeof handlers;
    const result = await handle(broken, 'app:info', {}, staff);
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-response' } });
  });

  it('requires a signed-in staff member for the visit', async () => {
    const result = await handle(handlers, 'session:start', {}, staff);
    expect(result).toMatchObject({ ok: false, error: { code: 'auth/not-signed-in' } });
    if (!result.ok) expect(result.error.action).toMatch(/サインイン/);
  });

  it('signs staff in with a scrypt-checked password and keeps supervisors-only channels closed to staff', async () => {
    await services.accounts.setPassword('tanaka', 'staff', 'correct horse 髙');
    const wrong = await handle(handlers, 'auth:sign-in', { staffId: 'tanaka', password: 'wrong password' }, staff);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'auth/failed' } });
    clock.now += 2_000; // past the back-off after one failure (tests/security/staff-sign-in.test.ts)
    const ok = await handle(handlers, 'auth:sign-in', { staffId: 'tanaka', password: 'correct horse 髙' }, staff);
    expect(ok).toEqual({ ok: true, value: { staffId: 'tanaka', role: 'staff', counter: '3' } });
    const notYet = await handle(handlers, 'stats:csv', { from: '2026-01-01', to: '2026-01-02' }, { screen: 'supervisor' });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'auth/not-signed-in' } });
    await handle(handlers, 'auth:sign-in', { staffId: 'tanaka', password: 'correct horse 髙' }, { screen: 'supervisor' });
    const stats = await handle(handlers, 'stats:csv', { from: '2026-01-01', to: '2026-01-02' }, { screen: 'supervisor' });
    expect(stats).toMatchObject({ ok: false, error: { code: 'auth/forbidden-role' } });
    const actions = services.audit.entries().map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['sign-in-failed', 'sign-in']));
  });

  it('counts staff activity as activity on the resident screen during a visit', async () => {
    const heard: string[] = [];
    const off = services.events.subscribe((e) => heard.push(e));
    await handle(handlers, 'session:keep-alive', {}, staff);
    expect(heard).toEqual([]); // no visit on screen: nothing to keep alive
    services.staff.signIn('staff', { staffId: 'tanaka', role: 'staff', counter: '3' });
    services.session.start();
    services.session.addMember({
      name: '髙橋　𠮷太郎',
      furigana: 'タカハシ　ヨシタロウ',
      birthDate: '1989-01-07',
      sex: 'male',
      relationship: '世帯主',
    });
    heard.length = 0;
    await handle(handlers, 'session:keep-alive', {}, staff);
    expect(heard).toEqual(['resident-changed']);
    services.session.end('cancelled');
    off();
  });
});
