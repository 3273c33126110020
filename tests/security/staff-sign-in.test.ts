// Threats: staff passwords guessed online (no back-off, no lock-out, failures audited without the
// id tried); a renderer choosing which counter the audit log names; scrypt below OWASP's current
// cost; short passwords; many guesses fired at once, all passing the lock-out check while the first
// one's password is still being hashed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/app-handlers.ts';
import { DEFAULT_KDF, StaffAccounts } from '../../main/auth/staff-accounts.ts';
import { handle, type HandlerMap } from '../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../main/services/app-services.ts';

const STAFF = { screen: 'staff' } as const;
const PASSWORD = 'sakura-madoguchi-2026';

describe('staff sign-in', () => {
  let dir: string;
  let services: AppServices;
  let handlers: HandlerMap;
  const clock = { now: Date.parse('2026-11-24T00:00:00Z') };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-auth-'));
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      kdf: { N: 2 ** 10, r: 8, p: 1 },
      counter: '3',
      now: () => clock.now,
    });
    await services.accounts.setPassword('ito-k', 'staff', PASSWORD);
    handlers = createHandlers(services);
  });
  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (password: string) => handle(handlers, 'auth:sign-in', { staffId: 'ito-k', password }, STAFF);

  it('online guessing: failures back off, then lock the staff id out; each is audited with the id tried', async () => {
    expect(await signIn('wrong-password-1')).toMatchObject({ ok: false, error: { code: 'auth/failed' } });
    // Straight away again: refused without checking the password (back-off), even the right one.
    expect(await signIn(PASSWORD)).toMatchObject({ ok: false, error: { code: 'auth/locked' } });
    for (let i = 2; i <= 5; i += 1) {
      clock.now += 60_000;
      await signIn(`wrong-password-${i}`);
    }
    // Five failures: locked out for 15 minutes, whatever the password.
    clock.now += 60_000;
    expect(await signIn(PASSWORD)).toMatchObject({ ok: false, error: { code: 'auth/locked' } });
    clock.now += 15 * 60_000;
    expect(await signIn(PASSWORD)).toMatchObject({ ok: true });
    const failed = services.audit.entries().filter((e) => e.action === 'sign-in-failed');
    expect(failed.length).toBeGreaterThanOrEqual(6);
    expect(failed.every((e) => e.staffId === 'ito-k')).toBe(true);
    expect(failed.map((e) => e.detail)).toContain('locked-out');
    // Another id is not locked by ito-k's failures.
    await services.accounts.setPassword('sato-m', 'staff', 'kanri-madoguchi-2026');
    expect(await handle(handlers, 'auth:sign-in', { staffId: 'sato-m', password: 'kanri-madoguchi-2026' }, STAFF)).toMatchObject({
      ok: true,
    });
  });

  it('guesses fired at once: checked one after another, so only the first is hashed and the id is locked for the rest', async () => {
    let verifications = 0;
    const verify = services.accounts.verify.bind(services.accounts);
    services.accounts.verify = async (staffId, password) => {
      verifications += 1;
      return verify(staffId, password);
    };
    const guesses = Array.from({ length: 10 }, (_, i) => signIn(`sakura-guess-${i}`));
    const results = await Promise.all(guesses);
    expect(verifications).toBe(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'auth/failed')).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'auth/locked')).toHaveLength(9);
    // Still backing off: even the right password is refused without being checked.
    expect(await signIn(PASSWORD)).toMatchObject({ ok: false, error: { code: 'auth/locked' } });
    expect(verifications).toBe(1);
    const failed = services.audit.entries().filter((e) => e.action === 'sign-in-failed');
    expect(failed.map((e) => e.detail).sort()).toEqual([...Array<string>(10).fill('locked'), null].sort());
    // Once the back-off has passed, the right password signs in.
    clock.now += 60_000;
    expect(await signIn(PASSWORD)).toMatchObject({ ok: true });
  });

  it("the counter number is the machine's configuration, not what the renderer sends", async () => {
    const result = await signIn(PASSWORD);
    expect(result).toMatchObject({ ok: true, value: { counter: '3' } });
    expect(services.staff.get('staff')?.counter).toBe('3');
    expect(services.audit.entries().at(-1)).toMatchObject({ action: 'sign-in', counter: '3' });
  });

  it("scrypt at OWASP's cost (N=2^17, r=8, p=1); an older, cheaper hash is rehashed at sign-in", async () => {
    expect(DEFAULT_KDF).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const file = join(dir, 'accounts.json');
    await new StaffAccounts(file, { N: 2 ** 10, r: 8, p: 1 }).setPassword('ito-k', 'staff', PASSWORD);
    const stronger = new StaffAccounts(file, { N: 2 ** 12, r: 8, p: 1 });
    expect(await stronger.verify('ito-k', PASSWORD)).toBe('staff');
    expect(JSON.parse(readFileSync(file, 'utf8'))[0].kdf).toEqual({ N: 2 ** 12, r: 8, p: 1 });
    expect(await stronger.verify('ito-k', PASSWORD)).toBe('staff');
  });

  it('a password has at least 12 characters', async () => {
    await expect(services.accounts.setPassword('ito-k', 'staff', 'madoguchi26')).rejects.toMatchObject({ code: 'auth/password-too-short' });
    await expect(services.accounts.setPassword('ito-k', 'staff', 'madoguchi-26')).resolves.toBeUndefined();
  });
});
