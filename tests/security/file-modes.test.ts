// Threat: files the app writes are readable by other OS users of the counter PC (0644): the audit
// log and its -wal/-shm, the queue database's, the CLI's report.json, key files. Everything the
// app writes is owner-only (files 0600, folders 0700), whatever the process umask; a file rewritten
// over one left 0644 stays 0644; a new SQLite file is readable by others until its chmod.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/audit/audit-log.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import { openKioskDatabase } from '../../main/services/kiosk-database.ts';
import type { CliIo } from '../../main/cli/command.ts';
import { commands } from '../../main/cli/commands/forms.ts';
import { NODE_ARGS, ROOT, runKiosk } from '../main/db/support/cli-process.ts';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('every file the app writes is owner-only', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-modes-'));
    umask = process.umask(0o022); // the usual default: files 0644 unless the app says otherwise
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the audit log, the queue database and their -wal/-shm, the key files', () => {
    const audit = new AuditLog(join(dir, 'data', 'audit.sqlite'));
    audit.record({ staffId: 'ito-k', counter: '3', action: 'sign-in', reference: null, detail: 'staff' });
    const kiosk = openKioskDatabase({
      path: join(dir, 'data', 'kiosk.sqlite'),
      keyProvider: createFileKeyProvider(join(dir, 'keys', 'master.key')),
    });
    kiosk.queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: { name: '髙橋　𠮷太郎' } });
    const files = walk(dir);
    expect(files.map((f) => f.slice(dir.length))).toEqual(
      expect.arrayContaining(['/data/audit.sqlite-wal', '/data/audit.sqlite-shm', '/data/kiosk.sqlite-wal', '/keys/period-keys']),
    );
    const open = files.filter((f) => (statSync(f).isDirectory() ? modeOf(f) !== '700' : modeOf(f) !== '600'));
    expect(open.map((f) => `${f.slice(dir.length)} ${modeOf(f)}`)).toEqual([]);
    kiosk.close();
    audit.close();
  });

  it('a database an older version left 0644 (and its -wal/-shm) is made owner-only when opened', () => {
    const path = join(dir, 'audit.sqlite');
    new AuditLog(path).close();
    const again = new AuditLog(path);
    again.record({ staffId: 'ito-k', counter: '3', action: 'sign-in', reference: null, detail: 'staff' });
    for (const f of walk(dir)) chmodSync(f, 0o644);
    const reopened = new AuditLog(path);
    expect(walk(dir).map((f) => `${f.slice(dir.length)} ${modeOf(f)}`)).toEqual(walk(dir).map((f) => `${f.slice(dir.length)} 600`));
    reopened.close();
    again.close();
  });

  it("the forms CLI's report.json", async () => {
    const out = join(dir, 'out');
    const household = join(import.meta.dirname, '../forms/fixtures');
    const fixture = readdirSync(household).find((f) => f.endsWith('.json'))!;
    const command = commands.find((c) => c.path.join(' ') === 'forms render')!;
    const io: CliIo = { readStdin: async () => '', stdout: () => undefined, stderr: () => undefined };
    expect(await command.run(['--household', join(household, fixture), '--out', out], io)).toBe(0);
    expect(modeOf(join(out, 'report.json'))).toBe('600');
  });

  it('the forms CLI (a process started with umask 022) rewrites forms left 0644 as 0600', async () => {
    const out = join(dir, 'out');
    mkdirSync(out, { mode: 0o700 });
    const household = join(import.meta.dirname, '../forms/fixtures/tennyu-9-eras.json');
    for (const name of ['print-set.pdf', 'report.json']) writeFileSync(join(out, name), 'old', { mode: 0o644 });
    const result = await runKiosk(['forms', 'render', '--household', household, '--out', out], { configDir: join(dir, 'config') });
    expect(result.status).toBe(0);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toBe('old');
    expect(readdirSync(out).map((f) => `${f} ${modeOf(join(out, f))}`)).toEqual(readdirSync(out).map((f) => `${f} 600`));
  });

  it(
    'the CLI process runs with umask 077: a database it creates is never readable by others, not even before its chmod',
    { timeout: 30_000 },
    async () => {
      // `queue add` waits for the resident on standard input: its umask is read from /proc meanwhile.
      const child = spawn(process.execPath, [...NODE_ARGS, 'queue', 'add', '--db', join(dir, 'kiosk.sqlite'), '--category', 'tennyu'], {
        cwd: ROOT,
        env: { ...process.env, KIOSK_CONFIG_DIR: join(dir, 'config') },
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const umaskOf = () => /^Umask:\s*(\d+)$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      try {
        // The parent's 0022 until the CLI's first statement runs; then 0077 for the rest of the process.
        let umask = umaskOf();
        for (let i = 0; i < 400 && umask !== '0077'; i += 1) {
          await new Promise((r) => setTimeout(r, 50));
          umask = umaskOf();
        }
        expect(umask).toBe('0077');
      } finally {
        child.stdin.end(JSON.stringify({ name: '髙橋　𠮷太郎', address: '北海道札幌市中央区北一条西２丁目１番地' }));
        await exited;
      }
    },
  );
});
