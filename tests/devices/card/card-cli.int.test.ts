// The operator CLI end to end: `node main/cli/kiosk.ts readers|read-card|virtual-card` as
// separate processes against the real pcscd, secrets on standard input.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaderManager } from '../../../devices/card/pcsc-readers.ts';
import { CARD_FIXTURES, cardFromFixture, findFixture, fixtureCodeB } from '../../../devices/card/virtual/fixtures.ts';
import { expectedRecord } from '../../support/card-fixtures.ts';
import { acquireVpcdLock, insertCard, readerName } from '../../support/card-vpcd.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ALLOW_NUMBER = join(mkdtempSync(join(tmpdir(), 'kiosk-card-cli-')), 'allow-number.json');
writeFileSync(ALLOW_NUMBER, JSON.stringify({ card: { individualNumber: 'allowed' } }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kiosk(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'main/cli/kiosk.ts', ...args], {
      cwd: ROOT,
      // The deployment allows the number here (the default forbids it); tests of the refusal pass their own.
      env: { ...process.env, KIOSK_CONFIG: ALLOW_NUMBER, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let manager: PcscReaderManager;
let releaseSlots: () => void;
beforeAll(async () => {
  releaseSlots = await acquireVpcdLock();
  manager = PcscReaderManager.open();
  await manager.ready();
});
afterAll(() => {
  manager?.close();
  releaseSlots?.();
});

describe('kiosk readers / read-card', () => {
  it('readers --json shows both readers and where the card is', async () => {
    const inserted = await insertCard(manager, cardFromFixture(CARD_FIXTURES[0]!), 1);
    try {
      const run = await kiosk(['readers', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        readers: expect.arrayContaining([
          { name: readerName(0), cardPresent: false },
          { name: readerName(1), cardPresent: true },
        ]) as unknown,
      });
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      await inserted.pull();
    }
  });

  it.each(['yoshida-heisei31-child', 'hasegawa-long-address', 'takahashi-showa64'])(
    'read-card reads %s with the PIN from stdin, exactly as on the card',
    async (id) => {
      const fixture = findFixture(id)!;
      const inserted = await insertCard(manager, cardFromFixture(fixture), 0);
      try {
        const run = await kiosk(['read-card', '--reader', readerName(0), '--with-number', '--json'], `${fixture.pin}\n`);
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(`${JSON.stringify(expectedRecord(fixture, true))}\n`);
        const codeB = await kiosk(['read-card', '--reader', readerName(0), '--unlock', 'code-b', '--json'], `${fixtureCodeB(fixture)}\n`);
        expect(codeB.code).toBe(0);
        expect(JSON.parse(codeB.stdout)).toEqual(expectedRecord(fixture, false));
      } finally {
        await inserted.pull();
      }
    },
  );

  it('a wrong PIN exits non-zero with the error code and tries left, and never echoes the PIN', async () => {
    const fixture = CARD_FIXTURES[3]!;
    const card = cardFromFixture(fixture);
    const inserted = await insertCard(manager, card, 0);
    try {
      const run = await kiosk(['read-card', '--reader', readerName(0), '--json'], '8642\n');
      expect(run.code).toBe(5);
      const out = JSON.parse(run.stdout) as { error: string; message: string; messageEn: string; retriesLeft: number };
      expect(out).toMatchObject({ error: 'card/pin-wrong', retriesLeft: 2 });
      expect(out.message).toMatch(/暗証番号が違います/);
      expect(out.messageEn).toMatch(/^Wrong PIN/);
      expect(run.stdout + run.stderr).not.toContain('8642');
      expect(run.stdout + run.stderr).not.toContain(fixture.resident.name);
      expect(card.verifyAttempts).toBe(1);
      const lastTry = await kiosk(['read-card', '--reader', readerName(0), '--json'], '8642\n');
      expect(JSON.parse(lastTry.stdout)).toMatchObject({ error: 'card/pin-wrong', retriesLeft: 1 });
      const refused = await kiosk(['read-card', '--reader', readerName(0), '--json'], `${fixture.pin}\n`);
      expect(refused.code).toBe(5);
      expect(JSON.parse(refused.stdout)).toMatchObject({ error: 'card/pin-last-try', retriesLeft: 1 });
      const confirmed = await kiosk(['read-card', '--reader', readerName(0), '--allow-last-try', '--json'], `${fixture.pin}\n`);
      expect(JSON.parse(confirmed.stdout)).toEqual(expectedRecord(fixture, false));
    } finally {
      await inserted.pull();
    }
  });

  it('reports a missing reader, an empty reader, a forbidden number and a usage error', async () => {
    const missing = await kiosk(['read-card', '--reader', 'No Such Reader 00 00', '--json'], '1234\n');
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: 'card/reader-not-found' });
    const empty = await kiosk(['read-card', '--reader', readerName(1), '--json'], '1234\n');
    expect(JSON.parse(empty.stdout)).toMatchObject({ error: 'card/no-card' });

    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ card: { individualNumber: 'forbidden' } }));
    const fixture = CARD_FIXTURES[0]!;
    const card = cardFromFixture(fixture);
    const inserted = await insertCard(manager, card, 0);
    try {
      const forbidden = await kiosk(['read-card', '--reader', readerName(0), '--with-number', '--json'], `${fixture.pin}\n`, {
        KIOSK_CONFIG: config,
      });
      expect(forbidden.code).toBe(6);
      expect(JSON.parse(forbidden.stdout)).toMatchObject({ error: 'card/number-forbidden' });
      expect(card.commandCount).toBe(0);
    } finally {
      await inserted.pull();
    }
    const usage = await kiosk(['read-card', '--reader', readerName(0), '--pin', '1234', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: 'cli/usage' });
  });
});

describe('without PC/SC or with demo mode', () => {
  it('reports no-service when pcscd cannot be reached', async () => {
    // pcsc-lite clients honour PCSCLITE_CSOCK_NAME: point it at a socket nobody serves.
    const env = { PCSCLITE_CSOCK_NAME: join(tmpdir(), 'no-pcscd-here.sock') };
    const readers = await kiosk(['readers', '--json'], '', env);
    expect(readers.code).toBe(3);
    expect(JSON.parse(readers.stdout)).toMatchObject({ error: 'card/no-service' });
    const read = await kiosk(['read-card', '--reader', readerName(0), '--json'], '1234\n', env);
    expect(JSON.parse(read.stdout)).toMatchObject({ error: 'card/no-service' });
  });

  it('demo mode reads a simulated card without PC/SC and says so', async () => {
    const fixture = findFixture('yamazaki-heisei1')!;
    const env = { PCSCLITE_CSOCK_NAME: join(tmpdir(), 'no-pcscd-here.sock') };
    const run = await kiosk(['read-card', '--demo', '--fixture', fixture.id, '--json'], `${fixture.pin}\n`, env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ...expectedRecord(fixture, false), demo: true });
    expect(run.stderr).toContain('DEMO MODE');
  });
});

describe('kiosk virtual-card', () => {
  it('presents a fixture in the real reader until killed; read-card reads it', async () => {
    const fixture = findFixture('sato-sex9')!;
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'main/cli/kiosk.ts', 'virtual-card', '--fixture', fixture.id, '--slot', '1'],
      { cwd: ROOT },
    );
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      const announced = await new Promise<string>((resolveLine, reject) => {
        child.stdout.once('data', (d: Buffer) => resolveLine(d.toString()));
        child.once('close', () => reject(new Error('virtual-card exited early')));
      });
      expect(JSON.parse(announced)).toEqual({ inserted: true, reader: readerName(1), fixture: fixture.id });
      expect(await manager.waitForCard(readerName(1), true, 5000)).toBe(true);
      const run = await kiosk(['read-card', '--reader', readerName(1), '--with-number', '--json'], `${fixture.pin}\n`);
      expect(JSON.parse(run.stdout)).toEqual(expectedRecord(fixture, true));
      expect(JSON.parse(run.stdout).sex).toBe('not-applicable');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(await manager.waitForCard(readerName(1), false, 5000)).toBe(true);
  });
});
