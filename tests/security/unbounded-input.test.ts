// Threat (availability): a renderer (or anything speaking its IPC) grows the visit without bound —
// thousands of facts in one request, members added forever — until main runs out of memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../domain/limits.ts';
import { createHandlers } from '../../main/app-handlers.ts';
import { handle, type HandlerMap } from '../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../main/services/app-services.ts';

const STAFF = { screen: 'staff' } as const;

describe('bounded visit input', () => {
  let dir: string;
  let services: AppServices;
  let handlers: HandlerMap;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-bounds-'));
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    });
    services.staff.signIn('staff', { staffId: 'ito-k', role: 'staff', counter: '3' });
    handlers = createHandlers(services);
    services.session.start();
  });
  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a facts record with thousands of keys at the contract', async () => {
    const facts = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`m${i}:moving`, true]));
    expect(await handle(handlers, 'session:set-facts', { facts }, STAFF)).toMatchObject({
      ok: false,
      error: { code: 'ipc/invalid-request' },
    });
  });

  it(`refuses a member beyond the household limit (${LIMITS.members})`, async () => {
    const member = {
      name: '髙橋　𠮷太郎',
      furigana: 'タカハシ　キチタロウ',
      birthDate: '1961-04-09',
      sex: 'male',
      relationship: '子',
    } as const;
    for (let i = 0; i < LIMITS.members; i += 1)
      expect(await handle(handlers, 'session:add-member', member, STAFF)).toMatchObject({ ok: true });
    expect(await handle(handlers, 'session:add-member', member, STAFF)).toMatchObject({
      ok: false,
      error: { code: 'ipc/invalid-request' },
    });
    expect((await services.session.view()).members).toHaveLength(LIMITS.members);
  });
});
