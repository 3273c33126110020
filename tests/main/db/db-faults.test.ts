// A damaged database never starts a silent second life (a fresh A-001, a new key, half a file read
// as whole): black-box faults with nothing but the CLI
// (a separate process per command) and the OS: a truncated file, a missing or foreign key, two
// processes creating one database, a held write lock, a full tmpfs, a read-only mount, a cut or
// overwritten header, flipped bytes in a data page, a folder that cannot exist.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultKeyFile } from '../../../main/cli/commands/queue-printing-support.ts';
import { KIOSK, ROOT, runKiosk, lastJson, type CliResult } from './support/cli-process.ts';

const base = mkdtempSync(join(tmpdir(), 'kiosk-db-faults-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The CLI's default key file of `db` for a config folder (defaultKeyFile reads KIOSK_CONFIG_DIR). */
function keyFileOf(db: string, config: string): string {
  const saved = process.env.KIOSK_CONFIG_DIR;
  process.env.KIOSK_CONFIG_DIR = config;
  try {
    return defaultKeyFile(db);
  } finally {
    if (saved === undefined) delete process.env.KIOSK_CONFIG_DIR;
    else process.env.KIOSK_CONFIG_DIR = saved;
  }
}

let serial = 0;
/** A fresh data folder and config folder (the key and the marks live in the latter). */
function place(): { db: string; config: string; dir: string } {
  serial += 1;
  const dir = join(base, `case-${serial}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  return { db: join(dir, 'data', 'kiosk.sqlite'), config: join(dir, 'config'), dir };
}

const resident = (n: number) =>
  JSON.stringify({ name: `吉野 花子${n}`, address: '東京都新宿区西新宿二丁目8番1号', birthDate: '1988-04-12' });
const NOW = (minute: number) => `2026-11-24T01:${String(minute).padStart(2, '0')}:00Z`;

function add(db: string, config: string, minute: number, extra: string[] = []): Promise<CliResult> {
  return runKiosk(['queue', 'add', '--db', db, '--category', 'tennyu', '--now', NOW(minute), '--json', ...extra], {
    configDir: config,
    input: resident(minute),
  });
}

/** No personal data in any output, whatever went wrong. */
function noPersonalData(r: CliResult): void {
  expect(r.stdout + r.stderr).not.toMatch(/吉野|西新宿|1988-04-12/);
}

/** Runs a shell script in a private mount namespace (root: tmpfs and read-only bind mounts of its own). */
function inMountNamespace(script: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE: process.execPath, KIOSK, ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ticket high-water mark outside the database', () => {
  it('a database truncated to 0 bytes does not issue A-001 again the same day: the CLI refuses to start', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    expect((await add(db, config, 0)).json).toMatchObject({ ticket: 'A-001' });
    expect((await add(db, config, 1)).json).toMatchObject({ ticket: 'A-002' });
    truncateSync(db, 0);
    rmSync(`${db}-wal`, { force: true });
    const after = await add(db, config, 2);
    expect(after.json.ticket).toBeUndefined();
    expect(after.status).toBe(6);
    expect(after.json).toMatchObject({ error: 'db/behind-ticket-mark' });
    expect(after.json.message).toMatch(/A-002/);
    expect(after.json.action).toMatch(/システム担当/);
    noPersonalData(after);
    // Reads refuse too: the file is not the database it was.
    expect((await runKiosk(['queue', 'list', '--db', db, '--json'], { configDir: config })).json).toMatchObject({
      error: 'db/behind-ticket-mark',
    });
  });

  it('a new database with a new key starts at A-001, and the mark follows every ticket', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    for (let i = 0; i < 3; i += 1) expect((await add(db, config, i)).json.ticket).toBe(`A-00${i + 1}`);
    const marks = join(dirname(keyFileOf(db, config)), 'ticket-marks.json');
    expect(JSON.parse(readFileSync(marks, 'utf8'))).toMatchObject({ days: { '2026-11-24': { A: 3 } } });
  });
});

describe('master.key missing or foreign while the database holds sealed data', () => {
  it('a missing key is an error (no new key is made), a new key is made only for a new, empty database', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    expect((await add(db, config, 0)).status).toBe(0);
    const key = keyFileOf(db, config);
    rmSync(key);
    const missing = await add(db, config, 1);
    expect(missing.status).toBe(7);
    expect(missing.json).toMatchObject({ error: 'db/key-mismatch' });
    expect(existsSync(key)).toBe(false);
    const list = await runKiosk(['queue', 'list', '--db', db, '--json'], { configDir: config });
    expect(list.json).toMatchObject({ error: 'db/key-mismatch' });
    expect(existsSync(key)).toBe(false);
    noPersonalData(missing);

    const fresh = place();
    expect((await add(fresh.db, fresh.config, 0)).json).toMatchObject({ ticket: 'A-001' });
    expect(existsSync(keyFileOf(fresh.db, fresh.config))).toBe(true);
  });

  it('a different valid key is an error, and nothing is written under it', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    expect((await add(db, config, 0)).status).toBe(0);
    const key = keyFileOf(db, config);
    writeFileSync(key, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const other = await add(db, config, 1);
    expect(other.status).toBe(7);
    expect(other.json).toMatchObject({ error: 'db/key-mismatch' });
    const count = new Database(db, { readonly: true });
    expect(count.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(1);
    count.close();
  });
});

describe('two processes creating one new database at the same moment', () => {
  it('both succeed in 12 of 12 trials, with distinct tickets', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (let trial = 0; trial < 12; trial += 1) {
      const { db, config } = place();
      const [a, b] = await Promise.all([add(db, config, 0), add(db, config, 1)]);
      for (const r of [a, b]) if (r.status !== 0) failures.push(`trial ${trial}: exit ${r.status} ${r.stdout}${r.stderr}`.slice(0, 300));
      if (a.status === 0 && b.status === 0) expect([a.json.ticket, b.json.ticket].sort()).toEqual(['A-001', 'A-002']);
    }
    expect(failures).toEqual([]);
  });
});

describe('stable codes on stdout with --json', () => {
  it('db/busy: another process holds the write lock for over 5 s', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    expect((await add(db, config, 0)).status).toBe(0);
    const holder = new Database(db);
    holder.pragma('journal_mode = WAL');
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const busy = await add(db, config, 1);
      expect(busy.status).toBe(3);
      expect(busy.json).toMatchObject({ error: 'db/busy' });
      expect(busy.elapsedMs).toBeGreaterThan(4500);
      expect(busy.elapsedMs).toBeLessThan(9000);
      noPersonalData(busy);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
  });

  it('db/disk-full: a full tmpfs', { timeout: 120_000 }, () => {
    const { dir, config } = place();
    const mnt = join(dir, 'full');
    mkdirSync(mnt);
    const r = inMountNamespace(
      `mount -t tmpfs -o size=2m tmpfs "$MNT"
       for m in 00 01 02; do printf '%s' "$RESIDENT" | "$NODE" --disable-warning=ExperimentalWarning "$KIOSK" queue add --db "$MNT/kiosk.sqlite" --category tennyu --now 2026-11-24T01:$m:00Z --json >/dev/null; done
       head -c 4000000 /dev/zero > "$MNT/filler" 2>/dev/null || true
       sync
       for m in 10 11; do printf '%s' "$RESIDENT" | "$NODE" --disable-warning=ExperimentalWarning "$KIOSK" queue add --db "$MNT/kiosk.sqlite" --category tennyu --now 2026-11-24T01:$m:00Z --json || echo "exit=$?"; done`,
      { MNT: mnt, KIOSK_CONFIG_DIR: config, RESIDENT: resident(0) },
    );
    expect(r.stderr).not.toMatch(/mount:/);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('exit=3');
    expect(lastJson(lines.filter((l) => l.startsWith('{')).join('\n'))).toMatchObject({ error: 'db/disk-full' });
    expect(r.stdout + r.stderr).not.toMatch(/吉野|西新宿/);
  });

  it('db/read-only: writes refused with their code, while queue list and queue stats print and exit 0', { timeout: 120_000 }, async () => {
    const { db, config } = place();
    expect((await add(db, config, 0)).status).toBe(0);
    const data = dirname(db);
    const r = inMountNamespace(
      `mount --bind "$DATA" "$DATA"
       mount -o remount,bind,ro "$DATA"
       K() { "$NODE" --disable-warning=ExperimentalWarning "$KIOSK" "$@"; }
       K queue list --db "$DATA/kiosk.sqlite" --json; echo "list=$?"
       K queue stats --db "$DATA/kiosk.sqlite" --now 2026-11-24T02:00:00Z --json >/dev/null; echo "stats=$?"
       printf '%s' "$RESIDENT" | K queue add --db "$DATA/kiosk.sqlite" --category tennyu --now 2026-11-24T01:05:00Z --json; echo "add=$?"`,
      { DATA: data, KIOSK_CONFIG_DIR: config, RESIDENT: resident(1) },
    );
    expect(r.stderr).not.toMatch(/mount:/);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('list=0');
    expect(lines).toContain('stats=0');
    expect(lines).toContain('add=6');
    const listed = JSON.parse(lines[0]!) as { requests: { ticket: string }[] };
    expect(listed.requests.map((q) => q.ticket)).toEqual(['A-001']);
    expect(JSON.parse(lines[lines.indexOf('add=6') - 1]!)).toMatchObject({ error: 'db/read-only' });
    expect(r.stderr).not.toMatch(/internal/);
  });

  it('db/corrupt: a truncated header, an overwritten header', { timeout: 60_000 }, async () => {
    for (const damage of ['truncate', 'overwrite'] as const) {
      const { db, config } = place();
      expect((await add(db, config, 0)).status).toBe(0);
      if (damage === 'truncate') truncateSync(db, 60);
      else {
        const fd = openSync(db, 'r+');
        writeSync(fd, Buffer.from('これはデータベースではありません'.repeat(4)), 0, 100, 0);
        closeSync(fd);
      }
      for (const args of [
        ['queue', 'list', '--db', db, '--json'],
        ['queue', 'add', '--db', db, '--category', 'tennyu', '--json'],
      ]) {
        const r = await runKiosk(args, { configDir: config, input: resident(2) });
        expect(r.status, `${damage} ${args[1]}`).toBe(6);
        expect(r.json, `${damage} ${args[1]}`).toMatchObject({ error: 'db/corrupt' });
        expect(r.json.action).toMatch(/バックアップ/);
      }
    }
  });
});

describe('integrity at start', () => {
  it('bytes flipped in a data page: quick_check at start refuses add and advance; list still reads', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    for (let i = 0; i < 4; i += 1) expect((await add(db, config, i)).status).toBe(0);
    const probe = new Database(db, { readonly: true });
    const page = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'requests' AND pagetype = 'leaf' LIMIT 1").pluck().get() as number;
    const size = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.from([0xff, 0x00, 0xff, 0x00, 0x55, 0xaa]), 0, 6, page * size - 6);
    closeSync(fd);

    const refused = await add(db, config, 10);
    expect(refused.status).toBe(6);
    expect(refused.json).toMatchObject({ error: 'db/integrity' });
    const advance = await runKiosk(['queue', 'advance', 'A-001', 'submitted', '--db', db, '--now', NOW(11), '--json'], {
      configDir: config,
    });
    expect(advance.json).toMatchObject({ error: 'db/integrity' });
    const list = await runKiosk(['queue', 'list', '--db', db, '--json'], { configDir: config });
    expect(list.status).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(4);
    check.close();
  });
});

describe('a path under a folder that cannot exist', () => {
  it('/proc/nokey/…: the CLI fails at once with its code instead of spinning', { timeout: 60_000 }, async () => {
    const { db, config } = place();
    for (const args of [
      ['queue', 'list', '--db', '/proc/nokey/kiosk.sqlite', '--json'],
      ['queue', 'list', '--db', db, '--key-file', '/proc/nokey/master.key', '--json'],
    ]) {
      const r = await runKiosk(args, { configDir: config, timeoutMs: 15_000 });
      expect(r.signal, args.join(' ')).toBeNull();
      expect(r.elapsedMs).toBeLessThan(10_000);
      expect(r.status).toBe(3);
      expect(r.json).toMatchObject({ error: 'app/folder-unavailable' });
      expect(r.json.message).toContain('/proc/nokey');
    }
    expect(readdirSync(dirname(db))).toEqual([]);
  });
});
