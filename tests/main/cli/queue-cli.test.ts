// The queue commands as an operator runs them: JSON on stdout, clear exit codes, and resident
// data only ever on stdin (never echoed back).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { residents } from '../support/kiosk-fixtures.ts';
import { commands } from '../../../main/cli/commands/queue.ts';
import type { CliIo } from '../../../main/cli/command.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
const db = join(dir, 'kiosk.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Result = { status: number | null; json: Record<string, unknown>; stdout: string; stderr: string };

function parseLast(stdout: string): Record<string, unknown> {
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  } catch {
    return {}; // human-readable output
  }
}

/** Runs a queue command in-process through the same CliCommand objects the dispatcher uses. */
async function kiosk(args: string[], input = ''): Promise<Result> {
  const command = commands.filter((c) => c.path.every((w, i) => args[i] === w)).sort((a, b) => b.path.length - a.path.length)[0]!;
  let stdout = '';
  let stderr = '';
  const io: CliIo = { readStdin: async () => input, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const status = await command.run(args.slice(command.path.length), io);
  return { status, json: parseLast(stdout), stdout, stderr };
}

/** The real command line, as an operator runs it (a separate process). */
function kioskProcess(args: string[], input = ''): Result {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'main/cli/kiosk.ts'), ...args], {
    input,
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { status: r.status, json: parseLast(r.stdout), stdout: r.stdout, stderr: r.stderr };
}

describe('kiosk queue CLI', () => {
  it('adds, lists, advances, reports, seeds, purges and checks', { timeout: 60_000 }, async () => {
    const now = '2026-11-24T01:00:00Z';
    const add = await kiosk(
      ['queue', 'add', '--db', db, '--category', 'tennyu', '--forms', 'jumin-ido,kokuho-ido', '--now', now, '--json'],
      JSON.stringify(residents.yoshino),
    );
    expect(add.status).toBe(0);
    expect(add.json).toMatchObject({ ticket: 'A-001', state: 'received', forms: ['jumin-ido', 'kokuho-ido'] });
    for (const value of Object.values(residents.yoshino)) expect(add.stdout + add.stderr).not.toContain(value);

    const list = await kiosk(['queue', 'list', '--db', db, '--json']);
    expect(list.status).toBe(0);
    expect((list.json.requests as { ticket: string }[]).map((r) => r.ticket)).toEqual(['A-001']);

    const id = add.json.id as string;
    expect((await kiosk(['queue', 'advance', id, 'submitted', '--db', db, '--now', '2026-11-24T01:05:00Z', '--json'])).json).toMatchObject({
      state: 'submitted',
    });
    const illegal = await kiosk(['queue', 'advance', id, 'completed', '--db', db, '--json']);
    expect(illegal.status).toBe(4);
    expect(illegal.json).toMatchObject({ error: 'queue/illegal-transition' });
    const started = await kiosk([
      'queue',
      'advance',
      'A-001',
      'processing-started',
      '--counter',
      '4',
      '--staff',
      'ito03',
      '--db',
      db,
      '--now',
      '2026-11-24T01:20:00Z',
      '--day',
      '2026-11-24',
      '--json',
    ]);
    expect(started.json).toMatchObject({ state: 'processing', counter: '4' });
    expect((await kiosk(['queue', 'advance', id, 'completed', '--db', db, '--now', '2026-11-24T01:30:00Z', '--json'])).json).toMatchObject({
      state: 'completed',
    });

    const show = await kiosk(['queue', 'show', id, '--db', db, '--json']);
    expect((show.json.events as { kind: string }[]).map((e) => e.kind)).toEqual([
      'received',
      'submitted',
      'processing-started',
      'completed',
    ]);

    const stats = await kiosk([
      'queue',
      'stats',
      '--db',
      db,
      '--now',
      '2026-11-24T02:00:00Z',
      '--from',
      '2026-11-01',
      '--target-minutes',
      '20',
      '--json',
    ]);
    expect(stats.status).toBe(0);
    // The report the supervisor screen gets: the range, today, the live queue and the estimate.
    expect(stats.json).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-24',
      today: { count: 1, waitMedian: 1200, serviceLevelTargetMinutes: 20 },
      range: { count: 1, waitMedian: 1200 },
      live: { waiting: 0 },
    });
    expect((stats.json.today as { serviceLevelShare: number }).serviceLevelShare).toBe(0); // 20 min is not under 20
    expect((stats.json.byProcedure as { key: string }[]).map((r) => r.key)).toContain('住民異動届・国民健康保険 異動届');

    const seed = await kiosk(['queue', 'seed', '--db', db, '--count', '500', '--days', '14', '--now', now, '--json']);
    expect(seed.status).toBe(0);
    expect(seed.json).toMatchObject({ requests: 500 });
    const seeded = await kiosk(['queue', 'stats', '--db', db, '--now', now, '--from', '2026-11-01', '--json']);
    expect((seeded.json.range as { count: number }).count).toBe(501);

    expect((await kiosk(['queue', 'purge', '--db', db, '--now', '2026-11-28T00:00:00Z', '--json'])).json).toMatchObject({
      purged: 0,
      retentionDays: 7,
    });
    expect((await kiosk(['queue', 'purge', '--db', db, '--now', '2026-12-02T00:00:00Z', '--json'])).json).toMatchObject({ purged: 1 });
    expect((await kiosk(['queue', 'check', '--db', db, '--json'])).json).toMatchObject({ ok: true, integrity: 'ok', problems: [] });
  });

  it('never repeats a stray argument in its usage error (it may be a 個人番号 or a PIN typed on the wrong line)', async () => {
    const other = join(dir, 'stray.sqlite');
    const stray = await kiosk(['queue', 'purge', '--db', other, '123456789018', '--json']);
    expect(stray.status).toBe(2);
    expect(stray.json).toMatchObject({ error: 'cli/usage' });
    expect(JSON.stringify(stray.json)).not.toContain('123456789018');
    const option = await kiosk(['queue', 'purge', '--db', other, '--pin=1357', '--json']);
    expect(option.json).toMatchObject({ error: 'cli/usage', messageEn: 'usage error: unknown option --pin' });
    expect(JSON.stringify(option.json)).not.toContain('1357');
  });

  it('exits non-zero with a JSON error for usage, unknown requests, forbidden data and newer schemas', { timeout: 60_000 }, async () => {
    const other = join(dir, 'other.sqlite');
    expect((await kiosk(['queue', 'add', '--db', other, '--json'], '{}')).status).toBe(2);
    expect((await kiosk(['queue', 'add', '--db', other, '--category', 'A', '--json'], 'not json')).json).toMatchObject({
      error: 'cli/usage',
    });
    const forbidden = await kiosk(
      ['queue', 'add', '--db', other, '--category', 'A', '--json'],
      JSON.stringify({ name: '髙橋 一郎', myNumber: '123456789018' }),
    );
    expect(forbidden.status).toBe(2);
    expect(forbidden.json.error).toBe('queue/forbidden-personal-field');
    expect(forbidden.stdout).not.toContain('123456789018');
    expect((await kiosk(['queue', 'advance', 'Z-404', 'submitted', '--db', other, '--json'])).status).toBe(4);
    expect((await kiosk(['queue', 'stats', '--db', other, '--from', 'yesterday', '--json'])).json).toMatchObject({
      error: 'cli/usage',
    });
    expect((await kiosk(['queue', 'list', '--db', other, '--bogus'])).status).toBe(2);
    const raw = new Database(other);
    raw.pragma('user_version = 99');
    raw.close();
    const newer = await kiosk(['queue', 'list', '--db', other, '--json']);
    expect(newer.status).toBe(6);
    expect(newer.json.error).toBe('db/newer-schema');
  });

  it('works as a separate process: stdin for resident data, JSON out, exit codes', { timeout: 60_000 }, () => {
    const path = join(dir, 'process.sqlite');
    const add = kioskProcess(['queue', 'add', '--db', path, '--category', 'E', '--json'], JSON.stringify(residents.takahashi));
    expect(add.status).toBe(0);
    expect(add.json).toMatchObject({ ticket: 'E-001', state: 'received' });
    expect(add.stdout + add.stderr).not.toContain(residents.takahashi.name);
    const illegal = kioskProcess(['queue', 'advance', 'E-001', 'completed', '--db', path, '--json']);
    expect(illegal.status).toBe(4);
    expect(illegal.json.error).toBe('queue/illegal-transition');
  });
});
