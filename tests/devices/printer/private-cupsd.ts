// A private cupsd for tests that kill, stop or reconfigure the print service: its own config,
// spool, cache, state and log directories, its own TCP port and socket, so that SIGKILL and
// restarts never touch the shared cupsd (.ci/start-services). Its queues print through a small
// backend that writes each copy to out/ as job-<CUPS id>-<title>.out: one file per printed copy.
// Needs root (cupsd runs its backends as root when they are mode 0700).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IppEndpoint } from '../../../devices/printer/ipp.ts';

export interface PrivateCupsd {
  dir: string;
  /** Where the backend writes each printed copy. */
  out: string;
  /** cupsd's RequestRoot: c* control files and d* document files. */
  spool: string;
  cupsdConf: string;
  endpoint: IppEndpoint;
  /** Environment for `lp` and the CLI: CUPS_SERVER pointing at this cupsd. */
  env: NodeJS.ProcessEnv;
  pid(): number;
  /**
   * Adds raw queues, then restarts cupsd gracefully: cupsd writes printers.conf lazily, and a
   * SIGKILL before that would lose the queues along with the jobs.
   */
  addQueues(...names: string[]): Promise<void>;
  /** How long the backend waits before it prints each copy (a slow printer). */
  setBackendDelay(seconds: number): void;
  /** Runs a CUPS command-line tool (lp, lpstat, cupsdisable…) against this cupsd. */
  tool(command: string, ...args: string[]): string;
  /** Copies printed so far whose file name carries `title`. */
  copies(title: string): number;
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL, as a crash or the OOM killer would; waits until the process is gone. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** SIGTERM, as `systemctl stop cups` does. */
  stop(): Promise<void>;
  /** Stops it and removes its directories. */
  dispose(): Promise<void>;
}

export const isRoot = process.getuid?.() === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const BACKEND = `#!/bin/sh
# kiosktest backend: job-id user title copies options [file]
[ $# -eq 0 ] && { echo 'direct kiosktest "Unknown" "Kiosk test output"'; exit 0; }
root="$(dirname "$0")/../.."
# A printer that takes its time: the seconds in <dir>/delay (a test writes them), before reading the job.
sleep "$(cat "$root/delay" 2>/dev/null || echo 0)"
out="$root/out"
f="$out/job-$1-$3.out"
if [ -n "$6" ]; then cat "$6" > "$f.part"; else cat > "$f.part"; fi
mv "$f.part" "$f"
exit 0
`;

/**
 * `preserveJobFiles`: the PreserveJobFiles line to write (null: none, CUPS's default of one day).
 * `extraConf`: more cupsd.conf directives.
 */
export async function startPrivateCupsd(options: { preserveJobFiles?: string | null; extraConf?: string } = {}): Promise<PrivateCupsd> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-cupsd-'));
  chmodSync(dir, 0o755);
  for (const d of ['conf', 'spool', 'cache', 'state', 'log', 'tmp', 'bin', 'bin/backend', 'out']) mkdirSync(join(dir, d), { mode: 0o755 });
  for (const d of ['filter', 'cgi-bin', 'daemon', 'notifier', 'driver', 'monitor'])
    if (existsSync(`/usr/lib/cups/${d}`)) symlinkSync(`/usr/lib/cups/${d}`, join(dir, 'bin', d));
  writeFileSync(join(dir, 'bin/backend/kiosktest'), BACKEND, { mode: 0o700 });
  const port = await freePort();
  const socket = join(dir, 'cups.sock');
  writeFileSync(
    join(dir, 'conf/cups-files.conf'),
    [
      `ServerRoot ${dir}/conf`,
      `RequestRoot ${dir}/spool`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `TempDir ${dir}/tmp`,
      `ServerBin ${dir}/bin`,
      `AccessLog ${dir}/log/access_log`,
      `ErrorLog ${dir}/log/error_log`,
      `PageLog ${dir}/log/page_log`,
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  const cupsdConf = join(dir, 'conf/cupsd.conf');
  writeFileSync(
    cupsdConf,
    [
      `Listen 127.0.0.1:${port}`,
      `Listen ${socket}`,
      'LogLevel info',
      'Browsing No',
      'WebInterface No',
      ...(options.preserveJobFiles ? [`PreserveJobFiles ${options.preserveJobFiles}`] : []),
      options.extraConf ?? '',
      '<Location />',
      '  Order allow,deny',
      '  Allow localhost',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, CUPS_SERVER: `127.0.0.1:${port}`, LANG: 'C', LC_ALL: 'C' };
  let child: ChildProcess | null = null;

  const running = (): boolean => {
    try {
      return execFileSync('lpstat', ['-r'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('is running');
    } catch {
      return false;
    }
  };
  const waitUntil = async (ok: () => boolean, what: string) => {
    for (let i = 0; i < 200; i += 1) {
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`private cupsd: ${what} timed out`);
  };

  const cupsd: PrivateCupsd = {
    dir,
    out: join(dir, 'out'),
    spool: join(dir, 'spool'),
    cupsdConf,
    endpoint: { baseUrl: `http://127.0.0.1:${port}`, user: 'root' },
    env,
    pid: () => child?.pid ?? 0,
    async addQueues(...names) {
      // Raw queues: the PDF reaches the backend as sent (no filters to wait for).
      for (const name of names)
        execFileSync('lpadmin', ['-p', name, '-E', '-v', `kiosktest:/${name}`, '-m', 'raw'], { env, stdio: 'pipe' });
      await cupsd.stop();
      await cupsd.start();
    },
    setBackendDelay(seconds) {
      writeFileSync(join(dir, 'delay'), `${seconds}\n`);
    },
    tool(command, ...args) {
      return execFileSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    },
    copies(title) {
      return readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.out') && f.includes(title)).length;
    },
    signal(signal) {
      if (child?.pid) process.kill(child.pid, signal);
    },
    async kill() {
      const c = child;
      if (!c?.pid || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      process.kill(c.pid, 'SIGKILL');
      await gone;
      child = null;
    },
    async start() {
      // -f: in the foreground, so that the child is cupsd itself and SIGKILL reaches it.
      child = spawn('cupsd', ['-f', '-c', cupsdConf, '-s', join(dir, 'conf/cups-files.conf')], { stdio: 'ignore' });
      await waitUntil(running, 'start');
    },
    async stop() {
      const c = child;
      if (c?.pid && c.exitCode === null) {
        const gone = new Promise((r) => c.once('exit', r));
        process.kill(c.pid, 'SIGCONT');
        process.kill(c.pid, 'SIGTERM');
        await gone;
      }
      child = null;
    },
    async dispose() {
      await cupsd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cupsd.start();
  return cupsd;
}
