// Input: everything from outside is checked before it is used, through the real CLI
// (a separate process): dates by the one validator (domain/dates.ts), resident data for
// well-formed text and known values, standard input capped before parsing, a second seed of the
// same days refused clearly, and a day's list that says when it stopped at its limit.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isRealDay, parseInstant } from '../../../domain/dates.ts';
import { runKiosk, type CliResult } from '../db/support/cli-process.ts';

const base = mkdtempSync(join(tmpdir(), 'kiosk-input-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let serial = 0;
function place(): { db: string; config: string } {
  serial += 1;
  mkdirSync(join(base, `c${serial}`, 'data'), { recursive: true });
  return { db: join(base, `c${serial}`, 'data', 'kiosk.sqlite'), config: join(base, `c${serial}`, 'config') };
}

const kiosk = (args: string[], config: string, input = ''): Promise<CliResult> => runKiosk(args, { configDir: config, input });
const resident = {
  name: '𠮷野 花子',
  nameKana: 'ヨシノ ハナコ',
  birthDate: '1988-04-12',
  sex: 'female',
  address: '東京都葛飾区立石五丁目13番1号',
};

function usage(r: CliResult): void {
  expect(r.status, r.stdout + r.stderr).toBe(2);
  expect(typeof r.json.error).toBe('string');
  expect(r.stderr).not.toMatch(/RangeError|SqliteError|internal/);
}

describe('the one date validator', () => {
  it('knows the calendar', () => {
    for (const day of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31']) expect(isRealDay(day), day).toBe(true);
    for (const day of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-13-45', '2026-99-99', '2026-00-10', '2026-4-1', '0000-01-01'])
      expect(isRealDay(day), day).toBe(false);
    expect(parseInstant('2026-11-24T01:00:00Z')).toBe(Date.parse('2026-11-24T01:00:00Z'));
    expect(parseInstant('2026-11-24T10:00:00+09:00')).toBe(Date.parse('2026-11-24T01:00:00Z'));
    for (const t of ['2026-02-30T10:00:00Z', '2026-11-24T24:00:00Z', '2026-11-24T10:61:00Z', 'yesterday', '1732410000000'])
      expect(parseInstant(t), t).toBeNull();
  });

  it('refuses unreal dates everywhere on the command line with exit 2 and a JSON error', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    const add = (birthDate: string, now = '2026-11-24T01:00:00Z') =>
      kiosk(
        ['queue', 'add', '--db', db, '--category', 'tennyu', '--now', now, '--json'],
        config,
        JSON.stringify({ ...resident, birthDate }),
      );
    usage(await add('2026-13-45'));
    usage(await add('2026-02-30'));
    const rolled = await add('1988-04-12', '2026-02-30T10:00:00Z');
    usage(rolled);
    expect(rolled.json.error).toBe('cli/usage');
    usage(await kiosk(['queue', 'list', '--db', db, '--day', '2026-99-99', '--json'], config));
    usage(await kiosk(['queue', 'stats', '--db', db, '--from', '2026-13-01', '--json'], config));
    usage(await kiosk(['queue', 'stats', '--db', db, '--to', '2026-02-30', '--json'], config));
    usage(await kiosk(['queue', 'show', 'A-001', '--db', db, '--day', '2026-02-30', '--json'], config));
    const counted = new Database(db, { readonly: true });
    expect(counted.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(0);
    counted.close();
    // A real date still goes in.
    expect((await add('1988-04-12')).json).toMatchObject({ ticket: 'A-001' });
  });
});

describe('resident data', () => {
  it(
    'refuses lone surrogates, NUL and unknown values, and accepts IVS sequences and characters outside the BMP',
    { timeout: 60_000 },
    async () => {
      const { db, config } = place();
      const add = (text: string) =>
        kiosk(['queue', 'add', '--db', db, '--category', 'tennyu', '--now', '2026-11-24T01:00:00Z', '--json'], config, text);
      // JSON escapes, as a careless export would write them: a lone high surrogate, a lone low one, NUL.
      for (const raw of [
        '{"name":"\\ud842野 花子"}',
        '{"name":"𠮷野 花子","address":"東京都\\udfb7"}',
        '{"name":"吉野\\u0000花子"}',
        '{"name":"吉野 花子","address":"東京都\\u0000新宿区"}',
        '{"name":"吉野 花子","sex":"banana"}',
      ]) {
        const r = await add(raw);
        usage(r);
        expect(r.json.error, raw).toBe('queue/invalid-input');
        expect(r.stdout + r.stderr).not.toMatch(/吉野|𠮷野|banana/);
      }
      const ivs = await add(JSON.stringify({ ...resident, name: '葛\u{E0100}飾 𠮷子', address: '東京都葛\u{E0100}飾区立石五丁目13番1号' }));
      expect(ivs.status, ivs.stdout).toBe(0);
      expect(ivs.json).toMatchObject({ ticket: 'A-001' });
    },
  );

  it('standard input is capped at 1 MB before it is parsed: 50 MB of "[" is refused at once', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    const r = await runKiosk(['queue', 'add', '--db', db, '--category', 'tennyu', '--json'], {
      configDir: config,
      input: Buffer.alloc(50 * 1024 * 1024, '['),
    });
    usage(r);
    expect(r.json.message).toMatch(/標準入力が大きすぎます/);
    expect(r.elapsedMs).toBeLessThan(5000);
  });
});

describe('queue seed and queue list --day', () => {
  it('a second seed of the same days is a clear error; a day stopped at its limit says so', { timeout: 90_000 }, async () => {
    const { db, config } = place();
    const seed = ['queue', 'seed', '--db', db, '--count', '3500', '--days', '3', '--now', '2026-11-27T01:00:00Z', '--json'];
    const first = await kiosk(seed, config);
    expect(first.status).toBe(0);
    const second = await kiosk(seed, config);
    usage(second);
    expect(second.json).toMatchObject({ error: 'queue/invalid-input' });
    expect(second.json.message).toMatch(/既に受付が/);

    const day = '2026-11-26'; // 3,500 visits over three weekdays (24, 25, 26): more than 1,000 on this one
    const all = await kiosk(['queue', 'list', '--db', db, '--day', day, '--limit', '100000', '--json'], config);
    const total = (all.json.requests as unknown[]).length;
    expect(all.json.truncated).toBe(false);
    expect(total).toBeGreaterThan(10);
    const cut = await kiosk(['queue', 'list', '--db', db, '--day', day, '--limit', '10', '--json'], config);
    expect(cut.json).toMatchObject({ truncated: true, limit: 10 });
    expect((cut.json.requests as unknown[]).length).toBe(10);
    const text = await kiosk(['queue', 'list', '--db', db, '--day', day, '--limit', '10'], config);
    expect(text.stderr).toMatch(/10 件で打ち切りました.*--limit/);
    // The default limit is 1,000: a day with more says so too.
    const big = await kiosk(['queue', 'list', '--db', db, '--day', day, '--json'], config);
    expect(total).toBeGreaterThan(1000);
    expect(big.json).toMatchObject({ truncated: true, limit: 1000 });
  });
});
